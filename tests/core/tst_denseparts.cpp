// SPDX-License-Identifier: GPL-3.0-or-later
// Large Dense layers compute their products in parts over their inputs, on the thread pool when
// the workspace has one (DESIGN.md, "Threads"). The parts must change nothing a learner or a test
// could see: forward and backward agree with the chain rule written out in double (naive.h), and
// every number is bit-identical without a pool and on pools of 2 and 3 threads.
#include "core/base/threadpool.h"
#include "core/nn/network.h"
#include "naive.h"

#include <QTest>

#include <cstring>
#include <random>

using namespace tinyml::core;
namespace naive = tinyml::test::naive;

class TestDenseParts : public QObject
{
    Q_OBJECT

    /// 784 → 300 (tanh) → 300 (relu) → 10 (softmax): at a batch of 16 both hidden layers are
    /// large enough to be split, and the second one also passes dL/d(in) back through its parts.
    static ModelSpec spec(float l2)
    {
        ModelSpec s = ModelSpec::courseModel();
        s.layers.clear();
        s.layers.push_back(LayerSpec::dense(300, Activation::Tanh));
        s.layers.push_back(LayerSpec::dense(300, Activation::Relu));
        s.layers.push_back(LayerSpec::dense(10, Activation::Softmax));
        s.l2 = l2;
        return s;
    }

    struct Pass
    {
        std::vector<std::vector<float>> z, a, delta;
        std::vector<float> gradients;
        double loss = 0.0;
    };

    static Pass run(const Network &net, const Matrix &X, const std::vector<std::uint8_t> &labels,
                    ThreadPool *pool)
    {
        Workspace ws(net.spec(), int(X.cols()));
        ws.setPool(pool);
        net.forward(X, ws);
        Pass p;
        p.loss = net.backward(X, Targets{labels, nullptr}, ws).loss;
        for (std::size_t l = 0; l < net.layerCount(); ++l) {
            p.z.emplace_back(ws.z(l).data(), ws.z(l).data() + ws.z(l).size());
            p.a.emplace_back(ws.a(l).data(), ws.a(l).data() + ws.a(l).size());
            p.delta.emplace_back(ws.delta(l).data(), ws.delta(l).data() + ws.delta(l).size());
        }
        p.gradients.assign(ws.gradients().begin(), ws.gradients().end());
        return p;
    }

    static bool sameBits(const std::vector<float> &x, const std::vector<float> &y)
    {
        return x.size() == y.size() && std::memcmp(x.data(), y.data(), x.size() * sizeof(float)) == 0;
    }

private slots:
    void partsAgreeWithTheChainRuleOnAnyPool_data()
    {
        QTest::addColumn<float>("l2");
        QTest::newRow("no L2") << 0.0f;
        QTest::newRow("L2 0.001") << 0.001f;
    }
    void partsAgreeWithTheChainRuleOnAnyPool()
    {
        QFETCH(float, l2);
        constexpr int kBatch = 16;
        // The test is about the split path: both hidden layers must take it at this batch.
        QVERIFY(denseParts(300, 784, kBatch) > 1);
        QVERIFY(denseParts(300, 300, kBatch) > 1);

        Network net(spec(l2));
        net.initialize(7);
        std::mt19937 gen(11);
        std::uniform_real_distribution<float> pixel(0.0f, 1.0f);
        Matrix X(784, kBatch);
        for (Eigen::Index i = 0; i < X.size(); ++i)
            X.data()[i] = pixel(gen);
        std::vector<std::uint8_t> labels(kBatch);
        for (auto &y : labels)
            y = std::uint8_t(gen() % 10);

        const Pass alone = run(net, X, labels, nullptr);
        for (int threads : {2, 3}) {
            ThreadPool pool(threads, ThreadPool::Tuning::AlwaysWorkers);
            // Several passes, so that workers take different parts each time.
            for (int repeat = 0; repeat < 5; ++repeat) {
                const Pass other = run(net, X, labels, &pool);
                for (std::size_t l = 0; l < net.layerCount(); ++l) {
                    QVERIFY2(sameBits(other.z[l], alone.z[l]), qPrintable(QString::number(l)));
                    QVERIFY(sameBits(other.a[l], alone.a[l]));
                    QVERIFY(sameBits(other.delta[l], alone.delta[l]));
                }
                QVERIFY(sameBits(other.gradients, alone.gradients));
                QCOMPARE(other.loss, alone.loss);
            }
        }

        // The chain rule in double, averaged over the batch, plus 2·l2·W on the kernels.
        const std::vector<naive::Dense> layers = naive::layersOf(net);
        std::vector<naive::LayerGradient> expected(layers.size());
        double expectedLoss = 0.0;
        for (int c = 0; c < kBatch; ++c) {
            std::vector<double> x(784);
            for (int i = 0; i < 784; ++i)
                x[std::size_t(i)] = double(X(i, c));
            const auto g = naive::gradient(layers, x, labels[std::size_t(c)]);
            expectedLoss -= std::log(naive::forward(layers, x).y.back()[labels[std::size_t(c)]]);
            for (std::size_t l = 0; l < layers.size(); ++l) {
                expected[l].w.resize(g[l].w.size(), 0.0);
                expected[l].b.resize(g[l].b.size(), 0.0);
                for (std::size_t k = 0; k < g[l].w.size(); ++k)
                    expected[l].w[k] += g[l].w[k] / kBatch;
                for (std::size_t k = 0; k < g[l].b.size(); ++k)
                    expected[l].b[k] += g[l].b[k] / kBatch;
            }
        }
        expectedLoss /= kBatch;
        double penalty = 0.0;
        for (const naive::Dense &d : layers)
            for (double w : d.w)
                penalty += double(l2) * w * w;
        QVERIFY(std::abs(alone.loss - (expectedLoss + penalty)) < 1e-5);

        for (std::size_t l = 0; l < layers.size(); ++l) {
            const naive::Dense &d = layers[l];
            double largest = 0.0, worst = 0.0;
            for (int c = 0; c < d.outputs; ++c) {
                for (int i = 0; i < d.inputs; ++i) {
                    const double want = expected[l].w[std::size_t(c) * std::size_t(d.inputs)
                                                      + std::size_t(i)]
                                        + 2.0 * double(l2) * d.weight(c, i);
                    const double got = alone.gradients[net.weightOffset(l)
                                                       + std::size_t(i) * std::size_t(d.outputs)
                                                       + std::size_t(c)];
                    largest = std::max(largest, std::abs(want));
                    worst = std::max(worst, std::abs(got - want));
                }
                const double wantB = expected[l].b[std::size_t(c)];
                const double gotB = alone.gradients[net.biasOffset(l) + std::size_t(c)];
                largest = std::max(largest, std::abs(wantB));
                worst = std::max(worst, std::abs(gotB - wantB));
            }
            // float32 sums of up to 784 products against double: a few parts in a million.
            QVERIFY2(largest > 0.0, qPrintable(QString::number(l)));
            QVERIFY2(worst <= 2e-5 * largest,
                     qPrintable(QStringLiteral("layer %1: %2 of %3").arg(l).arg(worst).arg(largest)));
        }
    }
};

QTEST_GUILESS_MAIN(TestDenseParts)
#include "tst_denseparts.moc"
