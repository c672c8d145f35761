// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/progress.h"
#include "core/base/threadpool.h"
#include "core/data/dataset.h"
#include "core/nn/modelspec.h"
#include "core/nn/network.h"
#include "core/nn/optimizer.h"

#include <chrono>
#include <condition_variable>
#include <optional>
#include <mutex>
#include <stop_token>
#include <vector>

namespace tinyml::core {

enum class TrainOutcome : std::uint8_t { Completed, EarlyStopped, Cancelled, Diverged };

/// A batch loss above this counts as divergence, like NaN or infinity: an untrained 10-class
/// network starts near ln 10 ≈ 2.3, and a cross-entropy of 1000 means the right class got a
/// probability of e^-1000. (A numerically stable loss can grow without ever becoming NaN.)
inline constexpr double kDivergedLoss = 1000.0;
std::string_view toString(TrainOutcome outcome);

/// The learning rate to recommend after a run with `diverged` settings: the optimizer's Keras
/// default when the rate is above it (a tenth of an absurd rate, e.g. Adam at 1 after 10, still
/// diverges), otherwise a tenth of the rate.
float saferLearningRate(const OptimizerSpec &diverged);

/// After every batch. loss and accuracy are running means over the epoch so far (as Keras's
/// progress bar shows them); batchLoss is this batch's own loss.
struct BatchReport
{
    int epoch = 0; ///< 1-based
    int epochs = 0;
    int batch = 0; ///< 1-based
    int batchesPerEpoch = 0;
    float batchLoss = 0.0f;
    float loss = 0.0f;
    float accuracy = 0.0f;
    std::int64_t step = 0; ///< batches since the run started
};

/// After every epoch.
struct EpochReport
{
    int epoch = 0; ///< 1-based
    int epochs = 0;
    double loss = 0.0;
    double accuracy = 0.0;
    bool hasValidation = false;
    double valLoss = 0.0;
    double valAccuracy = 0.0;
    double seconds = 0.0;
};

/// Called on the training thread. Implementations copy what they need (the network is live).
class TrainingObserver
{
public:
    virtual ~TrainingObserver() = default;
    virtual void batchFinished(const BatchReport &, const Network &) {}
    virtual void epochFinished(const EpochReport &, const Network &) {}
};

/// Pause, resume and single steps, waited on by the training thread only.
/// Locking contract: every member may be called from any thread; waitForTurn() blocks the
/// calling (training) thread while paused, and wakes on resume(), step() or a stop request.
class PauseGate
{
public:
    void pause();
    void resume();
    /// While paused: let n more batches run, then pause again.
    void step(int batches = 1);
    bool isPaused() const;
    /// Returns false when stop was requested; true when the next batch may run.
    bool waitForTurn(std::stop_token stop);
    /// Seconds the training thread has spent waiting here while paused since construction, a
    /// wait in progress included (so that speeds and times left leave the pauses out).
    double waitedSeconds() const;

private:
    mutable std::mutex m_mutex;
    std::condition_variable_any m_cv;
    bool m_paused = false;
    int m_steps = 0;
    double m_waited = 0.0; ///< finished waits
    std::optional<std::chrono::steady_clock::time_point> m_waitingSince;
};

struct TrainResult
{
    TrainOutcome outcome = TrainOutcome::Completed;
    std::vector<EpochReport> history;
    /// With early stopping: the epoch of the lowest monitored loss. The network holds that
    /// epoch's weights only when the outcome is EarlyStopped and restoreBestWeights is set (as in
    /// Keras, a run that completes keeps its last weights). Without early stopping: the last epoch.
    int bestEpoch = 0;
    std::int64_t steps = 0;
    /// Diverged only: the batch whose loss stopped training (1-based, counted as steps are, so
    /// the last reported batch is divergedStep - 1), its loss (may be infinite or NaN) and the
    /// batches per epoch, to place it on an epoch axis.
    std::int64_t divergedStep = 0;
    double divergedLoss = 0.0;
    int batchesPerEpoch = 0;
};

/// Loss, accuracy and confusion matrix (row: true class, column: predicted class).
struct Evaluation
{
    double loss = 0.0;
    double accuracy = 0.0;
    int classes = 0;
    std::vector<int> confusion; ///< classes * classes, row-major
    int count(int trueClass, int predicted) const
    {
        return confusion[std::size_t(trueClass) * std::size_t(classes) + std::size_t(predicted)];
    }
};

/// Evaluates net on data (all of it, or the given indices). predictions, when given, receives
/// each image's predicted class and confidences its top probability. progress hears images
/// done of the total after every chunk of 1,000 (100 for image models); a stop request throws
/// Cancelled. Each chunk is split into fixed parts computed on pool (the global pool by
/// default), so the results do not depend on the number of threads.
Evaluation evaluate(const Network &net, const Dataset &data,
                    std::span<const std::uint32_t> indices = {},
                    std::vector<std::uint8_t> *predictions = nullptr,
                    std::vector<float> *confidences = nullptr, const Progress &progress = {},
                    ThreadPool *pool = nullptr);

/// Data-parallel training splits every batch of batchSize samples into this many shards of
/// equal size (the last one may be smaller): a function of the model and the batch size only,
/// never of the number of threads or of the load, so that a seed gives the same weights on any
/// number of threads.
int shardCount(const ModelSpec &spec, int batchSize);

/// The gradient sum and the optimizer step run over fixed ranges of this many parameters, on
/// the thread pool from kParallelUpdate parameters on: below, the update takes under about
/// 15 µs, too short to share (the course model's 101,770 parameters take 25 µs, in 7 ranges).
/// Either way every parameter is computed the same.
inline constexpr std::size_t kUpdateRange = 16384;
inline constexpr std::size_t kParallelUpdate = std::size_t(1) << 16;

/// Mini-batch training, reshuffled every epoch, with validation, early stopping and divergence
/// detection. Runs on the calling thread, helped by a thread pool: every batch is split into
/// shardCount() shards whose gradients are computed in parallel, each into its own buffer, and
/// added in a fixed order, so the same seed gives bit-identical weights on any number of
/// threads (DESIGN.md, "Threads"). Checks the stop token and the pause gate before every batch;
/// a stop is reported as the outcome Cancelled, never as an exception. Allocates nothing inside
/// the batch loop.
class Trainer
{
public:
    /// validationData, when given and config.validateOnTest is set, is the validation set;
    /// otherwise config.validationSplit takes the last part of trainData, as Keras does.
    Trainer(Network &net, Optimizer &optimizer, TrainConfig config, const Dataset &trainData,
            const Dataset *validationData = nullptr);

    TrainResult run(std::stop_token stop = {}, TrainingObserver *observer = nullptr,
                    PauseGate *gate = nullptr);

    /// The threads to train on (default: ThreadPool::global()); must outlive run().
    void setThreadPool(ThreadPool &pool) { m_pool = &pool; }

    std::size_t trainingSize() const { return m_trainIndices.size(); }
    std::size_t validationSize() const { return m_valIndices.size(); }

private:
    Network &m_net;
    Optimizer &m_optimizer;
    TrainConfig m_config;
    const Dataset &m_train;
    const Dataset *m_valData;
    ThreadPool *m_pool = nullptr;
    std::vector<std::uint32_t> m_trainIndices;
    std::vector<std::uint32_t> m_valIndices;
};

} // namespace tinyml::core
