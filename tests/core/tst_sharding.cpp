// SPDX-License-Identifier: GPL-3.0-or-later
// Data-parallel training: the gradient summed over a batch's shards is the batch's gradient
// (against a plain-loop gradient in double), and the trained weights are bit-identical on 1, 2
// and 3 threads for the same seed, for dense networks with dropout, L2 and augmentation and for
// a small CNN.
#include "core/nn/layersyntax.h"
#include "core/nn/trainer.h"
#include "testsupport.h"

#include <QTest>

#include <cmath>
#include <cstring>
#include <numeric>

using namespace tinyml::core;
using tinyml::test::syntheticDigits;

namespace {

/// A dataset of n images of rows x cols random bytes with labels below classes.
Dataset randomImages(int n, int rows, int cols, int classes, std::uint64_t seed)
{
    Dataset d;
    d.name = "random";
    d.rows = rows;
    d.cols = cols;
    Rng rng(seed);
    d.images.resize(std::size_t(n) * std::size_t(rows * cols));
    for (auto &p : d.images)
        p = std::uint8_t(rng.below(256));
    for (int i = 0; i < n; ++i)
        d.labels.push_back(std::uint8_t(rng.below(std::uint32_t(classes))));
    return d;
}

/// The mean loss gradient of a one-hidden-layer dense network (tanh, then softmax with
/// cross-entropy or linear with mean squared error) over all images of data, plus the L2
/// gradient, written as plain loops in double straight from the definitions; laid out like
/// Network::parameters() (W1 column-major, b1, W2 column-major, b2).
std::vector<double> plainGradient(const Network &net, const Dataset &data)
{
    const ModelSpec &spec = net.spec();
    const int in = spec.inputSize, hid = spec.layers[0].units, out = spec.layers[1].units;
    const bool softmax = spec.loss == LossKind::SparseCategoricalCrossentropy;
    const auto p = net.parameters();
    auto W1 = [&](int r, int c) { return double(p[std::size_t(c * hid + r)]); };
    const std::size_t b1 = std::size_t(in * hid), w2 = b1 + std::size_t(hid);
    const std::size_t b2 = w2 + std::size_t(hid * out);
    auto W2 = [&](int r, int c) { return double(p[w2 + std::size_t(c * out + r)]); };
    std::vector<double> g(p.size(), 0.0);
    const int n = int(data.size());
    for (int s = 0; s < n; ++s) {
        std::vector<double> x(static_cast<std::size_t>(in)), h(static_cast<std::size_t>(hid)),
            o(static_cast<std::size_t>(out));
        for (int i = 0; i < in; ++i)
            x[std::size_t(i)] = data.image(std::uint32_t(s))[i] / 255.0;
        for (int r = 0; r < hid; ++r) {
            double z = p[b1 + std::size_t(r)];
            for (int i = 0; i < in; ++i)
                z += W1(r, i) * x[std::size_t(i)];
            h[std::size_t(r)] = std::tanh(z);
        }
        for (int r = 0; r < out; ++r) {
            double z = p[b2 + std::size_t(r)];
            for (int i = 0; i < hid; ++i)
                z += W2(r, i) * h[std::size_t(i)];
            o[std::size_t(r)] = z;
        }
        const int y = data.labels[std::size_t(s)];
        std::vector<double> dz(static_cast<std::size_t>(out));
        if (softmax) {
            double mx = o[0], sum = 0.0;
            for (double v : o)
                mx = std::max(mx, v);
            for (double v : o)
                sum += std::exp(v - mx);
            for (int r = 0; r < out; ++r)
                dz[std::size_t(r)] = (std::exp(o[std::size_t(r)] - mx) / sum - (r == y)) / n;
        } else {
            for (int r = 0; r < out; ++r)
                dz[std::size_t(r)] = 2.0 * (o[std::size_t(r)] - (r == y)) / (n * out);
        }
        for (int r = 0; r < out; ++r) {
            g[b2 + std::size_t(r)] += dz[std::size_t(r)];
            for (int i = 0; i < hid; ++i)
                g[w2 + std::size_t(i * out + r)] += dz[std::size_t(r)] * h[std::size_t(i)];
        }
        for (int i = 0; i < hid; ++i) {
            double dh = 0.0;
            for (int r = 0; r < out; ++r)
                dh += W2(r, i) * dz[std::size_t(r)];
            const double dzh = dh * (1.0 - h[std::size_t(i)] * h[std::size_t(i)]);
            g[b1 + std::size_t(i)] += dzh;
            for (int c = 0; c < in; ++c)
                g[std::size_t(c * hid + i)] += dzh * x[std::size_t(c)];
        }
    }
    for (std::size_t k = 0; k < b1; ++k)
        g[k] += 2.0 * spec.l2 * p[k];
    for (std::size_t k = w2; k < b2; ++k)
        g[k] += 2.0 * spec.l2 * p[k];
    return g;
}

struct Trained
{
    std::vector<float> weights;
    std::vector<double> losses; ///< every batch's loss, then every epoch's loss and val_loss
    TrainOutcome outcome;
};

/// Records every batch's loss.
class LossRecorder : public TrainingObserver
{
public:
    explicit LossRecorder(std::vector<double> &out) : m_out(out) {}
    void batchFinished(const BatchReport &r, const Network &) override
    {
        m_out.push_back(r.batchLoss);
    }

private:
    std::vector<double> &m_out;
};

Trained train(const ModelSpec &spec, const TrainConfig &config, const Dataset &data, int threads)
{
    ThreadPool pool(threads, ThreadPool::Tuning::AlwaysWorkers);
    Network net(spec);
    net.initialize(config.seed);
    Optimizer opt(spec.optimizer, net.parameters().size());
    Trainer trainer(net, opt, config, data);
    trainer.setThreadPool(pool);
    Trained t;
    LossRecorder recorder(t.losses);
    const TrainResult r = trainer.run({}, &recorder);
    for (const auto &e : r.history) {
        t.losses.push_back(e.loss);
        t.losses.push_back(e.valLoss);
    }
    t.weights.assign(net.parameters().begin(), net.parameters().end());
    t.outcome = r.outcome;
    return t;
}

bool bitIdentical(std::span<const float> a, std::span<const float> b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

/// Initialised with the seed, and with biases that are not zero (so that an L2 term wrongly
/// applied to them shows).
Network withBiases(const ModelSpec &spec, std::uint64_t seed)
{
    Network net(spec);
    net.initialize(seed);
    for (std::size_t l = 0; l < net.layerCount(); ++l)
        for (Eigen::Index r = 0; r < net.bias(l).size(); ++r)
            net.bias(l)(r) = 0.05f * float(r + 1) * (l % 2 ? -1.0f : 1.0f);
    return net;
}

ModelSpec specFromLayers(const std::string &text)
{
    return modelFromLayers(parseLayers(text));
}

} // namespace

class TestSharding : public QObject
{
    Q_OBJECT

private slots:
    void shardCountDependsOnModelAndBatchOnly()
    {
        // Dense models: shards of at least 32 samples; image models: at least 8; at most 8.
        const ModelSpec dense = ModelSpec::courseModel();
        const ModelSpec cnn = specFromLayers(
            "Conv2D(4, 3), MaxPooling2D(2), Flatten(), Dense(10, activation=softmax)");
        QCOMPARE(shardCount(dense, 1), 1);
        QCOMPARE(shardCount(dense, 32), 1);
        QCOMPARE(shardCount(dense, 33), 2);
        QCOMPARE(shardCount(dense, 128), 4);
        QCOMPARE(shardCount(dense, 5000), 8);
        QCOMPARE(shardCount(cnn, 8), 1);
        QCOMPARE(shardCount(cnn, 9), 2);
        QCOMPARE(shardCount(cnn, 32), 4);
        QCOMPARE(shardCount(cnn, 1000), 8);
    }

    void summedGradientIsTheBatchGradient_data()
    {
        QTest::addColumn<int>("batch");
        QTest::addColumn<float>("l2");
        QTest::addColumn<bool>("mse");
        QTest::addColumn<int>("threads");
        // 70 samples: shards of 24, 24 and 22; 256: eight shards of 32; 5: a single shard.
        QTest::newRow("70 samples, 3 shards") << 70 << 0.0f << false << 2;
        QTest::newRow("70 samples, 3 shards, L2") << 70 << 0.01f << false << 3;
        QTest::newRow("256 samples, 8 shards, L2") << 256 << 0.005f << false << 2;
        QTest::newRow("5 samples, 1 shard") << 5 << 0.0f << false << 2;
        QTest::newRow("70 samples, MSE, L2") << 70 << 0.01f << true << 2;
    }
    void summedGradientIsTheBatchGradient()
    {
        QFETCH(int, batch);
        QFETCH(float, l2);
        QFETCH(bool, mse);
        QFETCH(int, threads);
        const Dataset data = randomImages(batch, 3, 4, 3, 11);
        ModelSpec spec;
        spec.inputSize = 12;
        spec.layers = {{5, Activation::Tanh}, {3, mse ? Activation::Linear : Activation::Softmax}};
        spec.loss = mse ? LossKind::MeanSquaredError : LossKind::SparseCategoricalCrossentropy;
        spec.l2 = l2;
        spec.optimizer = OptimizerSpec::defaultsFor(OptimizerKind::Sgd);
        spec.optimizer.learningRate = 1.0f; // w1 = w0 - g
        TrainConfig config;
        config.epochs = 1;
        config.batchSize = batch; // one step over the whole set
        config.seed = 5;
        Network net = withBiases(spec, config.seed);
        const std::vector<double> expected = plainGradient(net, data);
        const std::vector<float> before(net.parameters().begin(), net.parameters().end());
        ThreadPool pool(threads, ThreadPool::Tuning::AlwaysWorkers);
        Optimizer opt(spec.optimizer, net.parameters().size());
        Trainer trainer(net, opt, config, data);
        trainer.setThreadPool(pool);
        QCOMPARE(trainer.run().steps, std::int64_t(1));
        double largest = 0.0;
        for (std::size_t k = 0; k < before.size(); ++k) {
            const double g = double(before[k]) - double(net.parameters()[k]);
            largest = std::max(largest, std::abs(expected[k]));
            QVERIFY2(std::abs(g - expected[k]) < 2e-6,
                     qPrintable(QStringLiteral("parameter %1: %2, expected %3")
                                    .arg(k)
                                    .arg(g)
                                    .arg(expected[k])));
        }
        QVERIFY(largest > 1e-3); // a real gradient, not zeros on both sides

        // The unsharded gradient of the engine (one workspace for the whole batch) agrees too.
        Network whole = withBiases(spec, config.seed);
        Workspace ws(spec, batch);
        std::vector<float> x(static_cast<std::size_t>(12 * batch));
        std::vector<std::uint8_t> labels(static_cast<std::size_t>(batch));
        std::vector<std::uint32_t> all(static_cast<std::size_t>(batch));
        std::iota(all.begin(), all.end(), 0u);
        MatrixMap X(x.data(), 12, batch);
        fillBatch(data, all, X, labels.data());
        whole.forward(X, ws);
        whole.backward(X, {labels, nullptr}, ws);
        for (std::size_t k = 0; k < before.size(); ++k)
            QVERIFY(std::abs(double(ws.gradients()[k]) - expected[k]) < 2e-6);
    }

    void sameWeightsOnAnyThreadCount_data()
    {
        QTest::addColumn<QString>("layers");
        QTest::addColumn<float>("dropout");
        QTest::addColumn<float>("l2");
        QTest::addColumn<bool>("augment");
        QTest::addColumn<int>("batch");
        QTest::addColumn<int>("patience");
        QTest::newRow("dense, dropout, L2, batch 96")
            << QString() << 0.3f << 0.001f << false << 96 << 0;
        QTest::newRow("dense, dropout, augmentation, early stopping, batch 50")
            << QString() << 0.2f << 0.0f << true << 50 << 1;
        // Over kParallelUpdate parameters: the update runs on the pool too.
        QTest::newRow("dense, 1,113,010 parameters, dropout, L2")
            << QStringLiteral("Dense(1400, activation=relu), Dense(10, activation=softmax)") << 0.2f
            << 0.001f << false << 96 << 0;
        QTest::newRow("small CNN with a Dropout layer")
            << QStringLiteral("Conv2D(4, 3, activation=relu), MaxPooling2D(2), "
                              "Conv2D(8, 3, activation=relu), MaxPooling2D(2), Flatten(), "
                              "Dropout(0.25), Dense(10, activation=softmax)")
            << 0.0f << 0.0f << false << 32 << 0;
        QTest::newRow("CNN, same padding, stride 2, depthwise, average pooling, L2, augmentation")
            << QStringLiteral("Conv2D(4, 3, strides=2, padding=same, activation=relu), "
                              "DepthwiseConv2D(3, activation=relu), AveragePooling2D(2), "
                              "Flatten(), Dense(10, activation=softmax)")
            << 0.0f << 0.001f << true << 24 << 0;
    }
    void sameWeightsOnAnyThreadCount()
    {
        QFETCH(QString, layers);
        QFETCH(float, dropout);
        QFETCH(float, l2);
        QFETCH(bool, augment);
        QFETCH(int, batch);
        QFETCH(int, patience);
        ModelSpec spec = layers.isEmpty() ? ModelSpec::withHidden({24, 16}, Activation::Relu)
                                          : specFromLayers(layers.toStdString());
        spec.dropout = dropout;
        spec.l2 = l2;
        const Dataset data = syntheticDigits(300, 3);
        TrainConfig config;
        config.epochs = 3;
        config.batchSize = batch;
        config.seed = 17;
        config.augment = augment;
        config.validationSplit = 0.2f;
        config.earlyStoppingPatience = patience;
        if (layers.startsWith(QLatin1String("Dense(1400")))
            QVERIFY(std::size_t(spec.parameterCount()) >= kParallelUpdate);
        const Trained one = train(spec, config, data, 1);
        const Trained two = train(spec, config, data, 2);
        const Trained three = train(spec, config, data, 3);
        Network initial(spec);
        initial.initialize(config.seed);
        QVERIFY(!bitIdentical(one.weights, initial.parameters())); // it trained
        QVERIFY(bitIdentical(one.weights, two.weights));
        QVERIFY(bitIdentical(one.weights, three.weights));
        QCOMPARE(one.losses, two.losses);
        QCOMPARE(one.losses, three.losses);
        QCOMPARE(int(one.outcome), int(three.outcome));
        // Another seed gives other weights (the random streams follow the seed).
        TrainConfig other = config;
        other.seed = 18;
        QVERIFY(!bitIdentical(one.weights, train(spec, other, data, 2).weights));
    }

    void dropoutLayerDropsInTraining()
    {
        // A Dropout layer changes the training (it used to be skipped when the model's global
        // dropout rate was 0).
        const std::string base = "Conv2D(4, 3, activation=relu), MaxPooling2D(2), Flatten(), ";
        const ModelSpec with = specFromLayers(base + "Dropout(0.5), Dense(10, activation=softmax)");
        const ModelSpec without = specFromLayers(base + "Dense(10, activation=softmax)");
        TrainConfig config;
        config.epochs = 1;
        config.seed = 4;
        const Dataset data = syntheticDigits(96, 5);
        QVERIFY(!bitIdentical(train(with, config, data, 2).weights,
                              train(without, config, data, 2).weights));
    }
};

QTEST_GUILESS_MAIN(TestSharding)
#include "tst_sharding.moc"
