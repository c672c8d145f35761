// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/train/runlistmodel.h"
#include "ui/shared/numbers.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace tinyml::ui {

// The texts keep the Train tab's translation context (tinyml::ui::TrainPanel), where they were
// first written.
QString durationText(double seconds)
{
    if (seconds < 60)
        return QCoreApplication::translate("tinyml::ui::TrainPanel", "%1 s")
            .arg(localNumber(seconds, 1));
    const int s = int(seconds + 0.5);
    return QCoreApplication::translate("tinyml::ui::TrainPanel", "%1:%2 min")
        .arg(s / 60)
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString percentText(double fraction)
{
    return QStringLiteral("%1 %").arg(localNumber(100.0 * fraction, 2));
}

QString outcomeText(core::TrainOutcome o)
{
    switch (o) {
    case core::TrainOutcome::Completed:
        return QCoreApplication::translate("tinyml::ui::TrainPanel", "completed");
    case core::TrainOutcome::EarlyStopped:
        return QCoreApplication::translate("tinyml::ui::TrainPanel", "stopped early");
    case core::TrainOutcome::Cancelled:
        return QCoreApplication::translate("tinyml::ui::TrainPanel", "stopped");
    case core::TrainOutcome::Diverged:
        return QCoreApplication::translate("tinyml::ui::TrainPanel", "diverged");
    }
    return {};
}

RunListModel::RunListModel(QObject *parent) : QAbstractTableModel(parent) {}

int RunListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RunRecord &run = m_runs[std::size_t(index.row())];
    if (role == RunIdRole)
        return run.id;
    if (index.column() == Compare)
        return role == Qt::CheckStateRole
                   ? QVariant(m_compared.contains(run.id) ? Qt::Checked : Qt::Unchecked)
                   : QVariant();
    if (role == SortRole) {
        switch (Column(index.column())) {
        case Compare:
            return m_compared.contains(run.id) ? 1 : 0;
        case TestAccuracy:
            return run.tested ? run.testAccuracy : -1.0;
        case BestValidation: {
            double best = -1;
            for (const auto &e : run.epochs)
                if (e.hasValidation)
                    best = std::max(best, e.valAccuracy);
            return best;
        }
        case Parameters:
            return qlonglong(run.spec.parameterCount());
        case Time:
            return run.seconds;
        case Name:
        case Settings:
        case Outcome:
        case ColumnCount:
            break;
        }
        return data(index, Qt::DisplayRole);
    }
    if (role == Qt::ToolTipRole && (index.column() == Settings || index.column() == Name))
        return index.column() == Settings ? run.settingsText() : run.name; // elided in the table
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (Column(index.column())) {
    case Name:
        return run.name;
    case Settings:
        return run.settingsText();
    case TestAccuracy:
        return run.tested ? percentText(run.testAccuracy)
                          : QCoreApplication::translate("tinyml::ui::TrainPanel", "not tested");
    case BestValidation: {
        double best = -1;
        for (const auto &e : run.epochs)
            if (e.hasValidation)
                best = std::max(best, e.valAccuracy);
        return best >= 0 ? percentText(best)
                         : QCoreApplication::translate("tinyml::ui::TrainPanel", "—");
    }
    case Parameters:
        return QLocale().toString(qlonglong(run.spec.parameterCount()));
    case Time:
        return durationText(run.seconds);
    case Outcome:
        return outcomeText(run.outcome);
    case Compare:
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Compare:
        return QCoreApplication::translate("tinyml::ui::TrainPanel", "Compare");
    case Name:
        return QCoreApplication::translate("tinyml::ui::TrainPanel", "Name");
    case Settings:
        return QCoreApplication::translate("tinyml::ui::TrainPanel", "Settings");
    case TestAccuracy:
        return QCoreApplication::translate("tinyml::ui::TrainPanel", "Test accuracy");
    case BestValidation:
        return QCoreApplication::translate("tinyml::ui::TrainPanel", "Best val. accuracy");
    case Parameters:
        return QCoreApplication::translate("tinyml::ui::TrainPanel", "Parameters");
    case Time:
        return QCoreApplication::translate("tinyml::ui::TrainPanel", "Time");
    case Outcome:
        return QCoreApplication::translate("tinyml::ui::TrainPanel", "Outcome");
    case ColumnCount:
        break;
    }
    return {};
}

Qt::ItemFlags RunListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    const Qt::ItemFlags base = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == Compare)
        return base | Qt::ItemIsUserCheckable;
    if (index.column() == Name)
        return base | Qt::ItemIsEditable;
    return base;
}

bool RunListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const QString id = m_runs[std::size_t(index.row())].id;
    if (index.column() == Compare && role == Qt::CheckStateRole) {
        const bool tick = value.value<Qt::CheckState>() == Qt::Checked;
        if (tick == m_compared.contains(id))
            return true;
        if (tick)
            m_compared.insert(id);
        else
            m_compared.remove(id);
        emit dataChanged(index, index, {Qt::CheckStateRole});
        emit comparisonChanged();
        return true;
    }
    if (index.column() == Name && role == Qt::EditRole)
        return rename(id, value.toString());
    return false;
}

const RunRecord *RunListModel::find(const QString &id) const
{
    const int row = rowOf(id);
    return row < 0 ? nullptr : &m_runs[std::size_t(row)];
}

int RunListModel::rowOf(const QString &id) const
{
    for (std::size_t r = 0; r < m_runs.size(); ++r)
        if (m_runs[r].id == id)
            return int(r);
    return -1;
}

std::vector<const RunRecord *> RunListModel::comparedRuns() const
{
    std::vector<const RunRecord *> runs;
    for (const RunRecord &r : m_runs)
        if (m_compared.contains(r.id))
            runs.push_back(&r);
    return runs;
}

void RunListModel::append(RunRecord run)
{
    const int row = int(m_runs.size());
    beginInsertRows(QModelIndex(), row, row);
    m_runs.push_back(std::move(run));
    endInsertRows();
}

bool RunListModel::rename(const QString &id, const QString &name)
{
    const int row = rowOf(id);
    if (row < 0)
        return false;
    m_runs[std::size_t(row)].name = name;
    emit dataChanged(index(row, Name), index(row, Name), {Qt::DisplayRole, Qt::EditRole});
    emit renamed(id, name);
    return true;
}

bool RunListModel::remove(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return false;
    beginRemoveRows(QModelIndex(), row, row);
    m_runs.erase(m_runs.begin() + row);
    endRemoveRows();
    if (m_compared.remove(id))
        emit comparisonChanged();
    return true;
}

void RunListModel::reset(std::vector<RunRecord> runs)
{
    beginResetModel();
    m_runs = std::move(runs);
    QSet<QString> kept;
    for (const RunRecord &r : m_runs)
        if (m_compared.contains(r.id))
            kept.insert(r.id);
    const bool changed = kept != m_compared;
    m_compared = std::move(kept);
    endResetModel();
    if (changed)
        emit comparisonChanged();
}

} // namespace tinyml::ui
