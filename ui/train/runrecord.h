// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/modelfile.h"
#include "core/nn/trainer.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QString>

#include <memory>
#include <vector>

namespace tinyml::ui {

/// One training run as the run list keeps it: settings, curves, results and the model.
struct RunRecord
{
    QString id;   ///< unique, also the file name stem
    QString name; ///< shown to the learner, editable
    QDateTime created;
    core::ModelSpec spec;
    core::TrainConfig config;
    bool fashion = false;
    std::vector<core::EpochReport> epochs;
    std::vector<double> lossX;   ///< smoothed per-batch training loss: x in epochs
    std::vector<double> lossY;
    core::TrainOutcome outcome = core::TrainOutcome::Completed;
    bool tested = true; ///< false when the run stopped before its test-set evaluation
    double testAccuracy = 0.0;
    double testLoss = 0.0;
    double seconds = 0.0;
    std::shared_ptr<const core::LoadedModel> model;

    /// A one-line description of the settings ("784-128-10 ReLU, Adam 0.001, batch 32").
    QString settingsText() const;
    QJsonObject toJson() const;
    /// Throws core::Error when the object is not a run.
    static RunRecord fromJson(const QJsonObject &json);
};

class RunListModel;

/// The runs of this and earlier sessions, kept on disk in folder() (runs.json and one model
/// file per run); the records themselves live in model(). Lives on the GUI thread.
class RunStore : public QObject
{
    Q_OBJECT

public:
    /// folder: where runs are kept; empty for the default
    /// (QStandardPaths::AppDataLocation/runs).
    explicit RunStore(const QString &folder = QString(), QObject *parent = nullptr);

    QString folder() const { return m_folder; }
    /// The run list, for views; a name edited there is saved.
    RunListModel *model() const { return m_model; }
    const std::vector<RunRecord> &runs() const;
    const RunRecord *find(const QString &id) const;

    /// Adds and saves a run; returns false with the reason when saving failed (the run stays
    /// in the list for this session).
    bool add(RunRecord run, QString *error = nullptr);
    bool rename(const QString &id, const QString &name);
    bool remove(const QString &id);
    /// Reloads the list from disk; unreadable entries are skipped and reported in error.
    void load(QString *error = nullptr);

signals:
    void changed();

private:
    bool save(QString *error);

    QString m_folder;
    RunListModel *m_model;
    bool m_lastSaveOk = true;
};

} // namespace tinyml::ui
