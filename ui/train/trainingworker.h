// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/dataset.h"
#include "core/io/modelfile.h"
#include "core/nn/layerstats.h"
#include "core/nn/trainer.h"

#include <QMetaType>
#include <QObject>

#include <memory>
#include <stop_token>
#include <vector>

namespace tinyml::ui {

/// What one training run needs. The datasets are shared read-only with the GUI.
struct TrainingJob
{
    core::ModelSpec spec;
    core::TrainConfig config;
    std::shared_ptr<const core::Dataset> train;
    std::shared_ptr<const core::Dataset> test;
    /// The learner's own labelled drawings, scored like the test set at the end (may be null).
    std::shared_ptr<const core::Dataset> own;
    /// True when those drawings were also mixed into the training images.
    bool ownInTraining = false;
    /// Continue from these weights and optimizer state instead of a fresh initialisation.
    std::shared_ptr<const core::LoadedModel> resumeFrom;
};

/// Histograms of every layer (weights, activations, gradient magnitudes) on a fixed probe
/// batch of training images, computed on the worker thread.
struct LayerStatsSnapshot
{
    std::int64_t step = 0; ///< batches trained when they were taken (0: before the first)
    std::vector<core::LayerStats> layers;
};
using LayerStatsPtr = std::shared_ptr<const LayerStatsSnapshot>;

/// Progress since the previous snapshot (sent at most 20 times a second, and after the
/// last batch of every epoch). Immutable once sent.
struct BatchSnapshot
{
    core::BatchReport last;
    std::vector<float> batchLosses; ///< every batch's loss since the previous snapshot
    std::int64_t firstStep = 0;     ///< step number of batchLosses[0] (1-based)
    double samplesPerSecond = 0.0;
    double elapsedSeconds = 0.0;
    /// New layer histograms (at most about once a second, and at the start), else null.
    LayerStatsPtr stats;
};

/// After every epoch: the metrics and a copy of the network as it is then.
struct EpochSnapshot
{
    core::EpochReport report;
    std::shared_ptr<const core::Network> network;
};

/// The end of a run.
struct RunSnapshot
{
    core::TrainOutcome outcome = core::TrainOutcome::Completed;
    core::TrainResult result;
    std::shared_ptr<const core::LoadedModel> model; ///< weights, optimizer state and info
    /// On the test set, when it was given and the run was not stopped (else classes is 0).
    core::Evaluation test;
    /// On the learner's own drawings, under the same conditions (else classes is 0).
    core::Evaluation own;
    QString error;                                  ///< set when the run could not start
    double seconds = 0.0;
};

using BatchSnapshotPtr = std::shared_ptr<const BatchSnapshot>;
using EpochSnapshotPtr = std::shared_ptr<const EpochSnapshot>;
using RunSnapshotPtr = std::shared_ptr<const RunSnapshot>;

/// Runs the engine. Thread affinity: moved to the controller's worker QThread; run() executes
/// there and blocks it for the whole run. Everything it sends is an immutable snapshot
/// passed by shared pointer through queued signals; it never touches a widget.
/// Control from the GUI thread goes through the thread-safe stop source and pause gate,
/// never through this object's slots (its event loop is busy while training).
class TrainingWorker : public QObject
{
    Q_OBJECT

public:
    TrainingWorker(std::shared_ptr<core::PauseGate> gate);

public slots:
    void run(const tinyml::ui::TrainingJob &job, std::stop_token stop);

signals:
    void batchesDone(tinyml::ui::BatchSnapshotPtr snapshot);
    void epochDone(tinyml::ui::EpochSnapshotPtr snapshot);
    void runDone(tinyml::ui::RunSnapshotPtr snapshot);

private:
    std::shared_ptr<core::PauseGate> m_gate;
};

} // namespace tinyml::ui

Q_DECLARE_METATYPE(tinyml::ui::TrainingJob)
Q_DECLARE_METATYPE(tinyml::ui::BatchSnapshotPtr)
Q_DECLARE_METATYPE(tinyml::ui::EpochSnapshotPtr)
Q_DECLARE_METATYPE(tinyml::ui::RunSnapshotPtr)
Q_DECLARE_METATYPE(std::stop_token)
