// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/modelfile.h"
#include "core/nn/trainer.h"

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QString>

#include <memory>
#include <vector>

namespace tinyml::ui {

/// One training run as the run list keeps it: settings, curves, results and the model.
struct RunRecord
{
    QString id;   ///< unique, also the file name stem (isValidId)
    QString name; ///< shown to the learner, editable
    QDateTime created;
    core::ModelSpec spec;
    core::TrainConfig config;
    bool fashion = false;
    /// Every epoch of the model's training: a continuation starts with the epochs of the run
    /// it continues.
    std::vector<core::EpochReport> epochs;
    QString continues;     ///< id of the run this one continues (its model went on), or empty
    QString continuesName; ///< what that run or model was called when this one started
    int epochsBefore = 0;  ///< epochs of the continued run, before this run's first
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
    /// Throws core::Error when the object is not a run (no id, an id that is not isValidId(),
    /// an unknown activation, impossible layer sizes). Training settings and results out of
    /// range are replaced by their defaults with a one-line warning naming source.
    static RunRecord fromJson(const QJsonObject &json,
                              const QString &source = QStringLiteral("runs.json"));
    /// An id is 1 to 64 letters, digits, '-' or '_' (it names a file in the runs folder, so it
    /// can never reach outside it).
    static bool isValidId(const QString &id);
};

class BackgroundJob;
class RunListModel;
struct RunListContents;

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
    /// in the list for this session). A run without a valid, unused id gets a new one.
    bool add(RunRecord run, QString *error = nullptr);
    bool rename(const QString &id, const QString &name);
    bool remove(const QString &id);
    /// Reloads the list from disk. Nothing unreadable is ever erased: an entry that cannot be
    /// read (or whose model file cannot) is kept in runs.json as it was, with its model file,
    /// and written back at every save; a runs.json that cannot be read at all (not JSON, not a
    /// run list, not a regular file) is moved aside to runs.json.unreadable-<time> and the list
    /// starts empty; a run list of a newer version is left alone and nothing is saved to it.
    /// error: one line for the learner when anything was kept or moved, else empty.
    void load(QString *error = nullptr);
    /// load() on a worker thread, for the studio's start: a list at the 64 MB limit (about 400
    /// runs of the course model, each with its curves and a 1.2 MB model file) takes 0.34 to
    /// 0.68 s to read, 50 runs 40 to 80 ms. Until it arrives, isLoading() is true and the list
    /// holds only runs added meanwhile; those are kept, listed after the saved ones and saved
    /// together with them when the list arrives (never in place of it). Then loaded() tells
    /// what load()'s error would.
    void loadInBackground();
    bool isLoading() const;
    /// For quitting while the list is loading: stops reading when nothing was added meanwhile;
    /// otherwise waits up to timeoutMs for the list, to save the added runs with it. True when
    /// nothing is loading any more (false: call again later).
    bool finishLoading(int timeoutMs);

    /// Entries of runs.json kept unread this session.
    int keptCount() const { return int(m_kept.size()); }
    /// The file an unreadable runs.json was moved to at the last load, or empty.
    QString setAsideFile() const { return m_setAside; }
    /// Why nothing can be saved (a run list of a newer version), or empty.
    QString readOnlyReason() const { return m_readOnly; }

signals:
    void changed();
    void loadingChanged(bool loading);
    /// done of total runs read by loadInBackground(), at most 20 times a second.
    void loadProgress(qint64 done, qint64 total);
    /// The list read by loadInBackground() is in place; error as load() gives it, plus why runs
    /// added while loading could not be saved, or empty.
    void loaded(const QString &error);

private:
    bool save(QString *error);
    /// Puts what was read in place, followed by the runs added while it was read (saved with
    /// it); error as load()'s.
    void apply(RunListContents contents, std::vector<RunRecord> added, QString *error);
    /// Gives run an id that no run of others, no kept entry and no file has, and writes its
    /// model file; false with the reason when it cannot (the run is still listed).
    bool storeModel(RunRecord &run, const std::vector<RunRecord> &others, QString *error);

    QString modelPath(const QString &id) const;
    /// True when a kept entry or a file in the folder has this id.
    bool idInUse(const QString &id) const;

    QString m_folder;
    RunListModel *m_model;
    BackgroundJob *m_loader;
    bool m_lastSaveOk = true;
    std::vector<QJsonValue> m_kept; ///< unreadable entries of runs.json, as they were
    QString m_setAside;
    QString m_readOnly;
};

} // namespace tinyml::ui
