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

Evaluation evaluate(const Network &net, const Dataset &data, std::span<const std::uint32_t> indices,
                    std::vector<std::uint8_t> *predictions, std::vector<float> *confidences,
                    const Progress &progress)
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
    // Image models keep im2col buffers and feature maps per sample: smaller chunks keep the
    // workspace in tens of megabytes.
    const int kChunk = spec.isDenseOnly() ? 1000 : 100;
    Workspace ws(spec, kChunk);
    AlignedFloats xBuffer(std::size_t(spec.inputSize) * kChunk);
    std::vector<std::uint8_t> labels(kChunk);
    double lossSum = 0.0;
    int correct = 0;
    for (std::size_t start = 0; start < indices.size(); start += kChunk) {
        progress.advance(std::int64_t(start), std::int64_t(indices.size()));
        const int n = int(std::min<std::size_t>(kChunk, indices.size() - start));
        MatrixMap X(xBuffer.data(), spec.inputSize, n);
        fillBatch(data, indices.subspan(start, std::size_t(n)), X, labels.data());
        const auto out = net.forward(X, ws);
        Targets t{std::span<const std::uint8_t>(labels.data(), std::size_t(n)), nullptr};
        const LossValue lv = net.loss(ws, t);
        lossSum += lv.loss * n;
        correct += lv.correct;
        for (int c = 0; c < n; ++c) {
            Eigen::Index arg;
            const float top = out.col(c).maxCoeff(&arg);
            const std::size_t cell = std::size_t(labels[std::size_t(c)]) * std::size_t(classes);
            ev.confusion[cell + std::size_t(arg)]++;
            if (predictions)
                (*predictions)[start + std::size_t(c)] = std::uint8_t(arg);
            if (confidences)
                (*confidences)[start + std::size_t(c)] = top;
        }
    }
    progress.advance(std::int64_t(indices.size()), std::int64_t(indices.size()));
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

    // Everything the loop needs, allocated once.
    Workspace ws(spec, batchSize);
    AlignedFloats xBuffer(std::size_t(spec.inputSize) * std::size_t(batchSize));
    std::vector<std::uint8_t> labels(static_cast<std::size_t>(batchSize));
    std::vector<float> lastGood(m_net.parameters().begin(), m_net.parameters().end());
    std::vector<float> best;
    Rng shuffleRng(m_config.seed);
    Rng dropoutRng(m_config.seed ^ 0xd1b54a32d192ed03ULL);
    Rng augmentRng(m_config.seed ^ 0x8cb92ba72f3d8dd7ULL);

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
            MatrixMap X(xBuffer.data(), spec.inputSize, count);
            if (m_config.augment) {
                for (int c = 0; c < count; ++c) {
                    augmentImage(m_train.image(idx[std::size_t(c)]), m_train.rows, m_train.cols,
                                 X.col(c).data(), augmentRng);
                    labels[std::size_t(c)] = m_train.labels[idx[std::size_t(c)]];
                }
            } else {
                fillBatch(m_train, idx, X, labels.data());
            }
            m_net.forward(X, ws, spec.dropout > 0.0f ? &dropoutRng : nullptr);
            const Targets t{std::span<const std::uint8_t>(labels.data(), std::size_t(count)), nullptr};
            const LossValue lv = m_net.backward(X, t, ws);
            if (!std::isfinite(lv.loss) || lv.loss > kDivergedLoss) {
                // The weights that produced this loss are already broken: go back to the last
                // finite ones, and forget the optimizer's moments, which are broken too.
                std::copy(lastGood.begin(), lastGood.end(), m_net.parameters().begin());
                m_optimizer.reset();
                result.outcome = TrainOutcome::Diverged;
                result.divergedStep = result.steps + 1;
                result.divergedLoss = lv.loss;
                result.batchesPerEpoch = batches;
                return result;
            }
            if (result.steps % kSnapshotEvery == 0)
                std::copy(m_net.parameters().begin(), m_net.parameters().end(), lastGood.begin());
            m_optimizer.step(m_net.parameters(), ws.gradients());
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
            const Evaluation ev = evaluate(m_net, *m_valData, m_valIndices);
            report.hasValidation = true;
            report.valLoss = ev.loss;
            report.valAccuracy = ev.accuracy;
        }
        report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        result.history.push_back(report);
        // Weights beyond the engine's limits (core/nn/modelcheck.h) count as diverged too.
        if (!std::isfinite(report.loss) || (report.hasValidation && !std::isfinite(report.valLoss))
            || !isNetworkUsable(m_net)) {
            std::copy(lastGood.begin(), lastGood.end(), m_net.parameters().begin());
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
                    best.assign(m_net.parameters().begin(), m_net.parameters().end());
            } else if (++sinceBest >= m_config.earlyStoppingPatience) {
                if (m_config.restoreBestWeights && !best.empty())
                    std::copy(best.begin(), best.end(), m_net.parameters().begin());
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
