// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/nn/trainer.h"

#include "core/data/augment.h"
#include "core/base/error.h"
#include "core/nn/modelcheck.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

namespace tinyml::core {

std::string_view toString(TrainOutcome outcome)
{
    switch (outcome) {
    case TrainOutcome::Completed:
        return "completed";
    case TrainOutcome::EarlyStopped:
        return "early_stopped";
    case TrainOutcome::Cancelled:
        return "cancelled";
    case TrainOutcome::Diverged:
        return "diverged";
    }
    return "unknown";
}

void PauseGate::pause()
{
    std::lock_guard lock(m_mutex);
    m_paused = true;
    m_steps = 0;
}

void PauseGate::resume()
{
    {
        std::lock_guard lock(m_mutex);
        m_paused = false;
        m_steps = 0;
    }
    m_cv.notify_all();
}

void PauseGate::step(int batches)
{
    {
        std::lock_guard lock(m_mutex);
        m_paused = true;
        m_steps += batches;
    }
    m_cv.notify_all();
}

bool PauseGate::isPaused() const
{
    std::lock_guard lock(m_mutex);
    return m_paused;
}

double PauseGate::waitedSeconds() const
{
    std::lock_guard lock(m_mutex);
    if (!m_waitingSince)
        return m_waited;
    return m_waited + std::chrono::duration<double>(std::chrono::steady_clock::now() - *m_waitingSince).count();
}

bool PauseGate::waitForTurn(std::stop_token stop)
{
    std::unique_lock lock(m_mutex);
    if (m_paused && m_steps == 0)
        m_waitingSince = std::chrono::steady_clock::now();
    const bool turn = m_cv.wait(lock, stop, [this] { return !m_paused || m_steps > 0; });
    if (m_waitingSince) {
        m_waited += std::chrono::duration<double>(std::chrono::steady_clock::now() - *m_waitingSince).count();
        m_waitingSince.reset();
    }
    if (!turn)
        return false;
    if (m_paused)
        --m_steps;
    return !stop.stop_requested();
}

namespace {

/// Images per progress report, and per part computed by one task of the pool. Image models keep
/// im2col buffers and feature maps per sample: smaller parts keep the workspaces small.
struct EvalChunks
{
    int report;
    int part;
};

EvalChunks evalChunks(const ModelSpec &spec)
{
    return spec.isDenseOnly() ? EvalChunks{1000, 250} : EvalChunks{100, 25};
}

/// A seed for one random stream of a run: independent streams per (purpose, step, index),
/// whichever thread draws from them.
std::uint64_t streamSeed(std::uint64_t base, std::uint64_t step, std::uint64_t index)
{
    auto mix = [](std::uint64_t z) {
        z += 0x9e3779b97f4a7c15ULL;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    };
    return mix(base ^ mix(step ^ mix(index)));
}

bool anyDropout(const ModelSpec &spec)
{
    return spec.dropout > 0.0f
           || std::any_of(spec.layers.begin(), spec.layers.end(), [](const LayerSpec &l) {
                  return l.kind == LayerKind::Dropout && l.rate > 0.0f;
              });
}

} // namespace

int shardCount(const ModelSpec &spec, int batchSize)
{
    // At most 8 shards (each has its own gradient buffer to add). A dense network's batch of 32
    // takes about 0.1 ms: split into shards, each packs the whole weight matrix again (measured:
    // 1 shard 0.27 s per epoch, 2 shards 0.30 s on one thread), so dense models split only
    // batches above 32; within one shard, large Dense layers run in parts on the pool instead
    // (denseParts(): 0.24 s on one thread, 0.15 s on two). Image models
    // take about 1 ms per batch of 32: shards of 8 keep both cores busy and let a thread that
    // another program slows down take fewer of them.
    constexpr int kMaxShards = 8;
    const int minSamples = spec.isDenseOnly() ? 32 : 8;
    return std::clamp((batchSize + minSamples - 1) / minSamples, 1, kMaxShards);
}

Evaluation evaluate(const Network &net, const Dataset &data, std::span<const std::uint32_t> indices,
                    std::vector<std::uint8_t> *predictions, std::vector<float> *confidences,
                    const Progress &progress, ThreadPool *pool)
{
    const ModelSpec &spec = net.spec();
    if (data.pixels() != spec.inputSize)
        throw Error(ErrorCode::InputMismatch, {.expected = spec.inputSize, .found = data.pixels()});
    std::vector<std::uint32_t> all;
    if (indices.empty()) {
        all.resize(data.size());
        std::iota(all.begin(), all.end(), 0u);
        indices = all;
    }
    checkClasses(spec); // the confusion matrix holds classes² counts
    const int classes = spec.outputSize();
    Evaluation ev;
    ev.classes = classes;
    ev.confusion.assign(std::size_t(classes) * std::size_t(classes), 0);
    if (predictions)
        predictions->assign(indices.size(), 0);
    if (confidences)
        confidences->assign(indices.size(), 0.0f);
    if (indices.empty())
        return ev;
    for (const std::uint32_t i : indices)
        if (data.labels[i] >= classes)
            throw Error(ErrorCode::LabelAboveOutputs, {.found = data.labels[i], .limit = classes});
    ThreadPool &threads = pool ? *pool : ThreadPool::global();
    const EvalChunks chunks = evalChunks(spec);
    // One workspace per thread (scratch only: a part's numbers do not depend on which one).
    struct Scratch
    {
        Workspace ws;
        AlignedFloats x;
        std::vector<std::uint8_t> labels;
    };
    std::vector<Scratch> scratch;
    scratch.reserve(std::size_t(threads.threadCount()));
    for (int t = 0; t < threads.threadCount(); ++t)
        scratch.push_back({Workspace(spec, chunks.part),
                           AlignedFloats(std::size_t(spec.inputSize) * std::size_t(chunks.part)),
                           std::vector<std::uint8_t>(std::size_t(chunks.part))});
    const std::size_t partSize = std::size_t(chunks.part);
    const std::size_t parts = (indices.size() + partSize - 1) / partSize;
    std::vector<double> partLoss(parts, 0.0);
    std::vector<int> partCorrect(parts, 0);
    std::vector<std::uint8_t> predicted(indices.size(), 0);
    for (std::size_t start = 0; start < indices.size(); start += std::size_t(chunks.report)) {
        progress.advance(std::int64_t(start), std::int64_t(indices.size()));
        const std::size_t end = std::min(indices.size(), start + std::size_t(chunks.report));
        const std::size_t firstPart = start / std::size_t(chunks.part);
        const int count = int((end - start + partSize - 1) / partSize);
        threads.run(count, [&](int task, int worker) {
            Scratch &s = scratch[std::size_t(worker)];
            const std::size_t part = firstPart + std::size_t(task);
            const std::size_t from = part * std::size_t(chunks.part);
            const int n = int(std::min<std::size_t>(std::size_t(chunks.part), end - from));
            MatrixMap X(s.x.data(), spec.inputSize, n);
            fillBatch(data, indices.subspan(from, std::size_t(n)), X, s.labels.data());
            const auto out = net.forward(X, s.ws);
            const Targets t{std::span<const std::uint8_t>(s.labels.data(), std::size_t(n)),
                            nullptr};
            const LossValue lv = net.loss(s.ws, t);
            partLoss[part] = lv.loss * n;
            partCorrect[part] = lv.correct;
            for (int c = 0; c < n; ++c) {
                Eigen::Index arg;
                const float top = out.col(c).maxCoeff(&arg);
                predicted[from + std::size_t(c)] = std::uint8_t(arg);
                if (confidences)
                    (*confidences)[from + std::size_t(c)] = top;
            }
        });
    }
    progress.advance(std::int64_t(indices.size()), std::int64_t(indices.size()));
    double lossSum = 0.0;
    int correct = 0;
    for (std::size_t p = 0; p < parts; ++p) {
        lossSum += partLoss[p];
        correct += partCorrect[p];
    }
    for (std::size_t i = 0; i < indices.size(); ++i) {
        const std::size_t cell = std::size_t(data.labels[indices[i]]) * std::size_t(classes);
        ev.confusion[cell + predicted[i]]++;
    }
    if (predictions)
        *predictions = std::move(predicted);
    ev.loss = lossSum / double(indices.size());
    ev.accuracy = double(correct) / double(indices.size());
    return ev;
}

Trainer::Trainer(Network &net, Optimizer &optimizer, TrainConfig config, const Dataset &trainData,
                 const Dataset *validationData)
    : m_net(net)
    , m_optimizer(optimizer)
    , m_config(config)
    , m_train(trainData)
    , m_valData(nullptr)
{
    m_config.validate();
    checkNetwork(net); // weights beyond the engine's limits are refused before any step
    if (trainData.pixels() != net.spec().inputSize)
        throw Error(ErrorCode::InputMismatch,
                    {.expected = net.spec().inputSize, .found = trainData.pixels()});
    if (trainData.size() == 0)
        throw Error(ErrorCode::NoTrainingData);
    std::size_t n = trainData.size();
    if (m_config.trainSubset > 0)
        n = std::min<std::size_t>(n, std::size_t(m_config.trainSubset));
    std::size_t nVal = 0;
    if (m_config.validateOnTest && validationData) {
        m_valData = validationData;
        m_valIndices.resize(validationData->size());
    } else if (m_config.validationSplit > 0.0f) {
        // Keras: the first floor(n * (1 - split)) images train, the rest validate. The split is
        // a decimal the user typed, so its float is read back as that decimal (0.1f, not
        // 0.100000001, so 60,000 images keep exactly 6,000 aside).
        const double split = std::round(double(m_config.validationSplit) * 1e6) / 1e6;
        nVal = n - std::size_t(std::floor(double(n) * (1.0 - split)));
        if (nVal >= n)
            throw Error(ErrorCode::ValidationTooLarge,
                        {.expected = std::int64_t(n), .found = std::int64_t(nVal)});
        m_valData = &trainData;
        m_valIndices.resize(nVal);
    }
    m_trainIndices.resize(n - nVal);
    std::iota(m_trainIndices.begin(), m_trainIndices.end(), 0u);
    std::iota(m_valIndices.begin(), m_valIndices.end(),
              m_valData == &trainData ? std::uint32_t(n - nVal) : 0u);
}

TrainResult Trainer::run(std::stop_token stop, TrainingObserver *observer, PauseGate *gate)
{
    using Clock = std::chrono::steady_clock;
    const ModelSpec &spec = m_net.spec();
    const int batchSize = m_config.batchSize;
    const std::size_t n = m_trainIndices.size();
    const int batches = int((n + std::size_t(batchSize) - 1) / std::size_t(batchSize));
    ThreadPool &pool = m_pool ? *m_pool : ThreadPool::global();

    // Everything the loop needs, allocated once: per shard its inputs, labels, workspace (with
    // its own gradient buffer) and dropout generator.
    const int shards = shardCount(spec, batchSize);
    const int shardSize = (batchSize + shards - 1) / shards;
    struct Shard
    {
        Workspace ws;
        AlignedFloats x;
        std::vector<std::uint8_t> labels;
        Rng dropout;
        LossValue loss;
    };
    std::vector<Shard> shard;
    shard.reserve(std::size_t(shards));
    for (int s = 0; s < shards; ++s)
        shard.push_back({Workspace(spec, shardSize),
                         AlignedFloats(std::size_t(spec.inputSize) * std::size_t(shardSize)),
                         std::vector<std::uint8_t>(std::size_t(shardSize)), Rng(), LossValue()});
    // One shard splits its large Dense layers over the pool (denseParts()); shards already run on
    // it, and a run from inside a task runs inline.
    for (Shard &sh : shard)
        sh.ws.setPool(&pool);
    const std::span<float> params = m_net.parameters();
    const std::span<float> gradient = shard[0].ws.gradients(); // the shards' sum goes here
    const int ranges = int((params.size() + kUpdateRange - 1) / kUpdateRange);
    std::vector<float> lastGood(params.begin(), params.end());
    std::vector<float> best;
    Rng shuffleRng(m_config.seed);
    const std::uint64_t dropoutSeed = m_config.seed ^ 0xd1b54a32d192ed03ULL;
    const std::uint64_t augmentSeed = m_config.seed ^ 0x8cb92ba72f3d8dd7ULL;
    const bool dropout = anyDropout(spec);

    TrainResult result;
    double bestLoss = std::numeric_limits<double>::infinity();
    int sinceBest = 0;
    constexpr int kSnapshotEvery = 50;

    for (int epoch = 1; epoch <= m_config.epochs; ++epoch) {
        const auto start = Clock::now();
        // Fisher-Yates with our own generator: identical on every platform.
        for (std::size_t i = n; i > 1; --i)
            std::swap(m_trainIndices[i - 1], m_trainIndices[shuffleRng.below(std::uint32_t(i))]);
        double lossSum = 0.0;
        std::int64_t correct = 0;
        std::size_t seen = 0;
        for (int b = 0; b < batches; ++b) {
            if (stop.stop_requested() || (gate && !gate->waitForTurn(stop))) {
                result.outcome = TrainOutcome::Cancelled;
                return result;
            }
            const std::size_t from = std::size_t(b) * std::size_t(batchSize);
            const int count = int(std::min<std::size_t>(std::size_t(batchSize), n - from));
            const std::span<const std::uint32_t> idx(m_trainIndices.data() + from, std::size_t(count));
            const int active = (count + shardSize - 1) / shardSize;
            const std::uint64_t step = std::uint64_t(result.steps);
            // Every shard's loss and gradient (means over the whole batch) into its own buffers;
            // random numbers from streams of the shard or the sample, not of the thread.
            const auto computeShard = [&](int s, int) {
                Shard &sh = shard[std::size_t(s)];
                const int lo = s * shardSize;
                const int m = std::min(shardSize, count - lo);
                const auto part = idx.subspan(std::size_t(lo), std::size_t(m));
                MatrixMap X(sh.x.data(), spec.inputSize, m);
                if (m_config.augment) {
                    for (int c = 0; c < m; ++c) {
                        Rng rng(streamSeed(augmentSeed, step, std::uint64_t(lo + c)));
                        augmentImage(m_train.image(part[std::size_t(c)]), m_train.rows,
                                     m_train.cols, X.col(c).data(), rng);
                        sh.labels[std::size_t(c)] = m_train.labels[part[std::size_t(c)]];
                    }
                } else {
                    fillBatch(m_train, part, X, sh.labels.data());
                }
                sh.ws.setBatchShare(count);
                if (dropout)
                    sh.dropout.reseed(streamSeed(dropoutSeed, step, std::uint64_t(s)));
                m_net.forward(X, sh.ws, dropout ? &sh.dropout : nullptr);
                const Targets t{std::span<const std::uint8_t>(sh.labels.data(), std::size_t(m)),
                                nullptr};
                sh.loss = m_net.backward(X, t, sh.ws);
            };
            // One shard is computed outside a task, so that its Dense layers' parts can use
            // the pool (a run from inside a task runs inline).
            if (active == 1)
                computeShard(0, 0);
            else
                pool.run(active, computeShard);
            LossValue lv;
            for (int s = 0; s < active; ++s) {
                lv.loss += shard[std::size_t(s)].loss.loss;
                lv.correct += shard[std::size_t(s)].loss.correct;
            }
            lv.loss += m_net.l2Penalty();
            if (!std::isfinite(lv.loss) || lv.loss > kDivergedLoss) {
                // The weights that produced this loss are already broken: go back to the last
                // finite ones, and forget the optimizer's moments, which are broken too.
                std::copy(lastGood.begin(), lastGood.end(), params.begin());
                m_optimizer.reset();
                result.outcome = TrainOutcome::Diverged;
                result.divergedStep = result.steps + 1;
                result.divergedLoss = lv.loss;
                result.batchesPerEpoch = batches;
                return result;
            }
            if (result.steps % kSnapshotEvery == 0)
                std::copy(params.begin(), params.end(), lastGood.begin());
            // The shards' gradients added in shard order, the L2 gradient once, then the update:
            // per fixed range of parameters, so the sum's order never depends on the threads.
            m_optimizer.beginStep();
            const auto update = [&](int r, int) {
                const std::size_t begin = std::size_t(r) * kUpdateRange;
                const std::size_t end = std::min(params.size(), begin + kUpdateRange);
                const Eigen::Index len = Eigen::Index(end - begin);
                Eigen::Map<Eigen::ArrayXf> sum(gradient.data() + begin, len);
                for (int s = 1; s < active; ++s)
                    sum += Eigen::Map<const Eigen::ArrayXf>(
                        shard[std::size_t(s)].ws.gradients().data() + begin, len);
                m_net.addL2Gradient(gradient, begin, end);
                m_optimizer.update(params, gradient, begin, end);
            };
            if (params.size() >= kParallelUpdate) {
                pool.run(ranges, update);
            } else {
                for (int r = 0; r < ranges; ++r)
                    update(r, 0);
            }
            ++result.steps;
            lossSum += lv.loss * count;
            correct += lv.correct;
            seen += std::size_t(count);
            if (observer) {
                BatchReport report;
                report.epoch = epoch;
                report.epochs = m_config.epochs;
                report.batch = b + 1;
                report.batchesPerEpoch = batches;
                report.batchLoss = float(lv.loss);
                report.loss = float(lossSum / double(seen));
                report.accuracy = float(double(correct) / double(seen));
                report.step = result.steps;
                observer->batchFinished(report, m_net);
            }
        }
        EpochReport report;
        report.epoch = epoch;
        report.epochs = m_config.epochs;
        report.loss = lossSum / double(seen);
        report.accuracy = double(correct) / double(seen);
        if (m_valData && !m_valIndices.empty()) {
            const Evaluation ev =
                evaluate(m_net, *m_valData, m_valIndices, nullptr, nullptr, {}, &pool);
            report.hasValidation = true;
            report.valLoss = ev.loss;
            report.valAccuracy = ev.accuracy;
        }
        report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        result.history.push_back(report);
        // Weights beyond the engine's limits (core/nn/modelcheck.h) count as diverged too.
        if (!std::isfinite(report.loss) || (report.hasValidation && !std::isfinite(report.valLoss))
            || !isNetworkUsable(m_net)) {
            std::copy(lastGood.begin(), lastGood.end(), params.begin());
            m_optimizer.reset();
            result.outcome = TrainOutcome::Diverged;
            return result;
        }
        if (observer)
            observer->epochFinished(report, m_net);

        if (m_config.earlyStoppingPatience > 0) {
            const double monitored = report.hasValidation ? report.valLoss : report.loss;
            if (monitored < bestLoss) {
                bestLoss = monitored;
                result.bestEpoch = epoch;
                sinceBest = 0;
                if (m_config.restoreBestWeights)
                    best.assign(params.begin(), params.end());
            } else if (++sinceBest >= m_config.earlyStoppingPatience) {
                if (m_config.restoreBestWeights && !best.empty())
                    std::copy(best.begin(), best.end(), params.begin());
                else
                    result.bestEpoch = epoch;
                result.outcome = TrainOutcome::EarlyStopped;
                return result;
            }
        } else {
            result.bestEpoch = epoch;
        }
    }
    result.outcome = TrainOutcome::Completed;
    return result;
}

float saferLearningRate(const OptimizerSpec &diverged)
{
    const float keras = OptimizerSpec::defaultsFor(diverged.kind).learningRate;
    return diverged.learningRate > keras ? keras : diverged.learningRate / 10.0f;
}

} // namespace tinyml::core
