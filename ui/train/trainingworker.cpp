// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/train/trainingworker.h"

#include "ui/shared/errortext.h"

#include "core/base/error.h"

#include <chrono>

namespace tinyml::ui {

namespace {

using Clock = std::chrono::steady_clock;

/// Collects per-batch losses on the training thread and emits throttled snapshots.
class Forwarder : public core::TrainingObserver
{
public:
    Forwarder(TrainingWorker *worker, const core::PauseGate *gate)
        : m_worker(worker)
        , m_gate(gate)
        , m_start(Clock::now())
        , m_lastEmit(m_start)
    {
        m_pending.reserve(4096);
    }

    /// The probe batch for the layer histograms: the first images of the training set.
    void setProbe(const core::Dataset &train, const core::Network &net)
    {
        const int n = int(std::min<std::size_t>(kProbeImages, train.size()));
        if (n == 0 || train.pixels() != net.spec().inputSize)
            return;
        m_probe = core::Matrix(train.pixels(), n);
        for (int i = 0; i < n; ++i)
            for (int p = 0; p < train.pixels(); ++p)
                m_probe(p, i) = float(train.image(std::size_t(i))[p]) / 255.0f;
        m_probeLabels.assign(train.labels.begin(), train.labels.begin() + n);
    }

    /// Histograms of net as it is now, on the probe batch (null without one).
    LayerStatsPtr takeStats(const core::Network &net, std::int64_t step)
    {
        if (m_probe.cols() == 0)
            return nullptr;
        auto stats = std::make_shared<LayerStatsSnapshot>();
        stats->step = step;
        stats->layers = core::layerStats(net, m_probe, m_probeLabels);
        m_lastStats = Clock::now();
        return stats;
    }

    void batchFinished(const core::BatchReport &r, const core::Network &net) override
    {
        // About once a second, and at the end of every epoch (the first epoch's gradients are
        // measured at its start and end at least, however fast it runs).
        if (m_probe.cols() > 0 && (Clock::now() - m_lastStats >= kStatsInterval || r.batch == r.batchesPerEpoch))
            m_pendingStats = takeStats(net, r.step);
        if (m_pending.empty())
            m_firstStep = r.step;
        m_pending.push_back(r.batchLoss);
        m_samples += 1;
        m_last = r;
        const auto now = Clock::now();
        constexpr auto kInterval = std::chrono::milliseconds(50); // at most 20 per second
        // Single steps (paused) are shown at once; otherwise at most every 50 ms and at epoch ends.
        const bool stepping = m_gate && m_gate->isPaused();
        if (now - m_lastEmit < kInterval && r.batch != r.batchesPerEpoch && !stepping)
            return;
        emitPending(now);
    }

    /// Sends the batches not sent yet (when the run ends between two sends: a run that diverges
    /// at its second batch must still show its first).
    void flush()
    {
        if (!m_pending.empty())
            emitPending(Clock::now());
    }

    void emitPending(Clock::time_point now)
    {
        const core::BatchReport &r = m_last;
        auto snap = std::make_shared<BatchSnapshot>();
        snap->last = r;
        snap->batchLosses = std::move(m_pending);
        snap->stats = std::move(m_pendingStats);
        m_pendingStats = nullptr;
        snap->firstStep = m_firstStep;
        // Time spent paused is not training time: it counts neither in the speed nor in the time
        // elapsed (from which the time left is estimated).
        const double waited = m_gate ? m_gate->waitedSeconds() : 0.0;
        const double dt = std::chrono::duration<double>(now - m_lastEmit).count() - (waited - m_waitedAtEmit);
        snap->samplesPerSecond = dt > 0 ? double(m_samples) * m_batchSize / dt : 0.0;
        snap->elapsedSeconds = std::chrono::duration<double>(now - m_start).count() - waited;
        m_waitedAtEmit = waited;
        m_samples = 0;
        m_lastEmit = now;
        m_pending = {};
        m_pending.reserve(4096);
        emit m_worker->batchesDone(std::move(snap));
    }

    void epochFinished(const core::EpochReport &r, const core::Network &net) override
    {
        auto snap = std::make_shared<EpochSnapshot>();
        snap->report = r;
        snap->network = std::make_shared<const core::Network>(net);
        emit m_worker->epochDone(std::move(snap));
    }

    int m_batchSize = 32;
    /// The histograms of the network as training starts; they go with the first batches sent.
    void takeStartStats(const core::Network &net) { m_pendingStats = takeStats(net, 0); }

private:
    /// Images in the probe batch: enough for smooth histograms, a few milliseconds per probe.
    static constexpr int kProbeImages = 256;
    static constexpr auto kStatsInterval = std::chrono::milliseconds(1000);
    core::Matrix m_probe;
    std::vector<std::uint8_t> m_probeLabels;
    LayerStatsPtr m_pendingStats;
    Clock::time_point m_lastStats;
    TrainingWorker *m_worker;
    const core::PauseGate *m_gate;
    Clock::time_point m_start, m_lastEmit;
    std::vector<float> m_pending;
    std::int64_t m_firstStep = 0;
    std::int64_t m_samples = 0;
    double m_waitedAtEmit = 0.0;
    core::BatchReport m_last;
};

} // namespace

TrainingWorker::TrainingWorker(std::shared_ptr<core::PauseGate> gate)
    : m_gate(std::move(gate))
{}

void TrainingWorker::run(const TrainingJob &job, std::stop_token stop)
{
    auto done = std::make_shared<RunSnapshot>();
    const auto start = Clock::now();
    try {
        if (!job.train)
            throw core::Error(core::ErrorCode::NoTrainingData);
        core::Network net = job.resumeFrom ? job.resumeFrom->network : core::Network(job.spec);
        if (!job.resumeFrom)
            net.initialize(job.config.seed);
        core::Optimizer optimizer = job.resumeFrom && job.resumeFrom->optimizer
                                        ? *job.resumeFrom->optimizer
                                        : core::Optimizer(net.spec().optimizer,
                                                          net.parameters().size());
        core::Trainer trainer(net, optimizer, job.config, *job.train, job.test.get());
        Forwarder forwarder(this, m_gate.get());
        forwarder.m_batchSize = job.config.batchSize;
        forwarder.setProbe(*job.train, net);
        forwarder.takeStartStats(net);
        done->result = trainer.run(stop, &forwarder, m_gate.get());
        forwarder.flush();
        done->outcome = done->result.outcome;
        // A stopped run ends at once (e.g. the window closes): its weights count, untested.
        if (job.test && done->outcome != core::TrainOutcome::Cancelled) {
            try {
                done->test = core::evaluate(net, *job.test, {}, nullptr, nullptr, core::Progress{stop, {}});
            } catch (const core::Cancelled &) {
                done->test = {};
            }
        }
        if (job.own && job.own->size() > 0 && done->outcome != core::TrainOutcome::Cancelled) {
            try {
                done->own = core::evaluate(net, *job.own, {}, nullptr, nullptr, core::Progress{stop, {}});
            } catch (const core::Cancelled &) {
                done->own = {};
            }
        }
        core::ModelInfo info;
        info["dataset"] = job.train->name;
        info["epochs"] = std::to_string(done->result.history.size());
        info["created_by"] = "TinyML Studio";
        if (done->test.classes > 0) {
            char acc[32];
            std::snprintf(acc, sizeof acc, "%.6f", done->test.accuracy);
            info["test_accuracy"] = acc;
        }
        done->model = std::make_shared<const core::LoadedModel>(
            core::LoadedModel{std::move(net), std::move(optimizer), std::move(info)});
    } catch (const std::exception &e) {
        done->error = errorText(e);
    }
    done->seconds = std::chrono::duration<double>(Clock::now() - start).count();
    emit runDone(std::move(done));
}

} // namespace tinyml::ui
