// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/train/runrecord.h"

#include <QAbstractTableModel>
#include <QSet>

#include <vector>

namespace tinyml::ui {

/// The run list as a table: one row per run, in the order they were added. It owns the run
/// records; RunStore keeps them on disk. The Compare column's ticks (which runs' curves are
/// drawn next to the current run) live here too and are not saved. Lives on the GUI thread.
class RunListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Compare,
        Name,
        Settings,
        TestAccuracy,
        BestValidation,
        Parameters,
        Time,
        Outcome,
        ColumnCount
    };
    /// The run's id, in every column.
    static constexpr int RunIdRole = Qt::UserRole;
    /// What a column sorts by: numbers for the figures (an untested run's accuracy is -1),
    /// text for the others.
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit RunListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    /// Name (edit role): renames the run; Compare (check state role): ticks it.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    const std::vector<RunRecord> &runs() const { return m_runs; }
    const RunRecord *find(const QString &id) const;
    /// The row of the run, or -1.
    int rowOf(const QString &id) const;
    /// The ticked runs, in row order.
    std::vector<const RunRecord *> comparedRuns() const;

    void append(RunRecord run);
    bool rename(const QString &id, const QString &name);
    bool remove(const QString &id);
    /// Replaces every run (a reload from disk); ticks of runs that are still there are kept.
    void reset(std::vector<RunRecord> runs);

signals:
    /// A run's name was changed (from the table or by rename()).
    void renamed(const QString &id, const QString &name);
    /// The set of ticked runs changed.
    void comparisonChanged();

private:
    std::vector<RunRecord> m_runs;
    QSet<QString> m_compared; ///< ids of the ticked runs
};

/// Texts of the run list, shared with the Train tab's messages.
QString durationText(double seconds);
QString percentText(double fraction);
QString outcomeText(core::TrainOutcome outcome);

} // namespace tinyml::ui
