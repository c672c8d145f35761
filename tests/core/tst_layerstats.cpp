// SPDX-License-Identifier: GPL-3.0-or-later
// Layer histograms: bins counted by hand, gradient sizes that equal the engine's backward pass,
// and the vanishing gradient of a deep sigmoid network next to a ReLU network of the same shape.
#include "core/nn/layerstats.h"
#include "testsupport.h"

#include <QTest>

#include <cmath>

using namespace tinyml::core;

namespace {

/// The first n images of a synthetic set as a batch (784, n) and their labels.
void batch(int n, Matrix &x, std::vector<std::uint8_t> &labels)
{
    const Dataset d = tinyml::test::syntheticDigits(std::size_t(n), 5);
    x = Matrix(784, n);
    for (int i = 0; i < n; ++i)
        for (int p = 0; p < 784; ++p)
            x(p, i) = float(d.image(std::size_t(i))[p]) / 255.0f;
    labels = d.labels;
}

/// sqrt(mean g²) of layer l's kernel gradient, from a backward pass written out here.
double kernelGradientRms(const Network &net,
                         const Matrix &x,
                         const std::vector<std::uint8_t> &labels,
                         std::size_t l)
{
    Workspace ws(net.spec(), int(x.cols()));
    net.forward(x, ws);
    Targets t;
    t.labels = labels;
    net.backward(x, t, ws);
    double sum = 0.0;
    const std::size_t from = net.weightOffset(l), to = net.biasOffset(l);
    for (std::size_t i = from; i < to; ++i)
        sum += double(ws.gradients()[i]) * double(ws.gradients()[i]);
    return std::sqrt(sum / double(to - from));
}

} // namespace

class TestLayerStats : public QObject
{
    Q_OBJECT

private slots:
    void binsCountedByHand()
    {
        const std::vector<float> v{-1.0f, -0.5f, 0.0f, 0.49f, 0.5f, 1.0f, 5.0f, std::nanf("")};
        const Histogram h = makeHistogram(v, -1.0, 1.0, 4);
        // [-1, -0.5): -1 · [-0.5, 0): -0.5 · [0, 0.5): 0, 0.49 · [0.5, 1] and beyond: 0.5, 1, 5
        QCOMPARE(h.counts, (std::vector<int>{1, 1, 2, 3}));
        QCOMPARE(h.total(), 7); // NaN left out
        QCOMPARE(h.binWidth(), 0.5);
    }

    void statsOfEveryLayer()
    {
        Network net(ModelSpec::withHidden({32, 16}, Activation::Relu));
        net.initialize(3);
        Matrix x;
        std::vector<std::uint8_t> labels;
        batch(64, x, labels);
        const auto stats = layerStats(net, x, labels, 20);
        QCOMPARE(int(stats.size()), 3);
        for (std::size_t l = 0; l < 3; ++l) {
            QVERIFY(stats[l].hasWeights);
            QCOMPARE(stats[l].weights.total(), int(net.biasOffset(l) - net.weightOffset(l)));
            // Every kernel weight is counted once: in the log histogram, or as an exact 0.
            QCOMPARE(stats[l].gradients.total() + stats[l].zeroGradients, stats[l].weights.total());
            QCOMPARE(stats[l].activations.total(), net.spec().layers[l].units * 64);
            const double rms = kernelGradientRms(net, x, labels, l);
            QVERIFY2(std::abs(stats[l].gradientRms - rms) <= 1e-9 + 1e-6 * rms,
                     qPrintable(QStringLiteral("%1 vs %2").arg(stats[l].gradientRms).arg(rms)));
        }
        // ReLU outputs are never negative; the synthetic digits leave pixels at 0 in all 64
        // images, and the weights from those pixels get a gradient of exactly 0.
        QVERIFY(stats[0].activations.low >= 0.0);
        QVERIFY(stats[0].zeroGradients > 0);
    }

    void deepSigmoidGradientsVanish()
    {
        Matrix x;
        std::vector<std::uint8_t> labels;
        batch(256, x, labels);
        auto ratio = [&](Activation f, Initializer init) {
            ModelSpec spec = ModelSpec::withHidden({64, 64, 64, 64, 64, 64}, f);
            spec.initializer = init;
            Network net(spec);
            net.initialize(11);
            const auto stats = layerStats(net, x, labels);
            return stats.front().gradientRms / stats.back().gradientRms;
        };
        const double sigmoid = ratio(Activation::Sigmoid, Initializer::GlorotUniform);
        const double relu = ratio(Activation::Relu, Initializer::HeNormal);
        qInfo("first / last layer gradient RMS: sigmoid %g, ReLU %g", sigmoid, relu);
        // Six sigmoid layers multiply the gradient by σ' ≤ 0.25 each on its way back.
        QVERIFY2(sigmoid < 0.01, qPrintable(QString::number(sigmoid)));
        QVERIFY2(relu > 0.1, qPrintable(QString::number(relu)));
    }
};

QTEST_APPLESS_MAIN(TestLayerStats)
#include "tst_layerstats.moc"
