// SPDX-License-Identifier: GPL-3.0-or-later
// Inverted dropout (Srivastava et al. 2014, as Keras): while training, each hidden activation is
// kept with probability 1 - p and then divided by 1 - p, so its mean is unchanged; the output
// layer is never dropped; at inference nothing is dropped. The gradient with dropout is checked
// against finite differences of the loss under the same mask (the same seed draws the same mask),
// for the smooth activations whose derivative needs f(z) before the mask.
#include "core/base/error.h"
#include "core/nn/network.h"

#include <QTest>

#include <cmath>
#include <utility>

using namespace tinyml::core;

class TestDropout : public QObject
{
    Q_OBJECT

private slots:
    void keepsOneMinusPAndRescales()
    {
        // Hidden pre-activations all exactly 1 (zero weights, bias 1, ReLU): after dropout each
        // is 0 or 1 / (1 - p) = 1 / 0.75 = 4/3.
        ModelSpec spec = ModelSpec::withHidden({2000}, Activation::Relu, 10);
        spec.inputSize = 5;
        spec.dropout = 0.25f;
        Network net(spec);
        net.bias(0).setOnes();
        net.weights(1).setConstant(0.001f);
        Workspace ws(spec, 4);
        Eigen::MatrixXf x = Eigen::MatrixXf::Constant(5, 4, 0.5f);
        Rng rng(99);
        net.forward(x, ws, &rng);
        const auto hidden = std::as_const(ws).a(0);
        int dropped = 0;
        double sum = 0.0;
        for (Eigen::Index i = 0; i < hidden.size(); ++i) {
            const float v = hidden.data()[i];
            QVERIFY2(v == 0.0f || std::abs(v - 4.0f / 3.0f) < 1e-6f, qPrintable(QString::number(v)));
            dropped += v == 0.0f;
            sum += v;
        }
        // 8000 activations, each dropped with probability 1/4: 2000 (sd 39) and mean 1 (sd 0.007).
        QVERIFY2(std::abs(dropped - 2000) < 200, qPrintable(QString::number(dropped)));
        QVERIFY2(std::abs(sum / 8000.0 - 1.0) < 0.04, qPrintable(QString::number(sum / 8000.0)));
        // The output layer is not dropped: each column is a whole probability distribution.
        const auto out = std::as_const(ws).a(1);
        for (Eigen::Index c = 0; c < out.cols(); ++c) {
            QVERIFY(std::abs(out.col(c).sum() - 1.0f) < 1e-5f);
            QVERIFY(out.col(c).minCoeff() > 0.0f);
        }
        // Inference: nothing dropped, nothing rescaled.
        net.forward(x, ws);
        QCOMPARE(std::as_const(ws).a(0).minCoeff(), 1.0f);
        QCOMPARE(std::as_const(ws).a(0).maxCoeff(), 1.0f);
    }

    void rateMustBeBelowOne_data()
    {
        QTest::addColumn<float>("rate");
        QTest::addColumn<bool>("valid");
        QTest::newRow("0") << 0.0f << true;
        QTest::newRow("0.999") << 0.999f << true;
        // 1 would drop every activation and divide by 1 - p = 0.
        QTest::newRow("1") << 1.0f << false;
        QTest::newRow("negative") << -0.1f << false;
    }
    void rateMustBeBelowOne()
    {
        QFETCH(float, rate);
        QFETCH(bool, valid);
        ModelSpec spec = ModelSpec::withHidden({4}, Activation::Relu, 2);
        spec.inputSize = 3;
        spec.dropout = rate;
        if (valid)
            QCOMPARE(Network(spec).spec().dropout, rate);
        else
            QVERIFY_THROWS_EXCEPTION(Error, Network{spec});
    }

    void gradientMatchesFiniteDifferences_data()
    {
        QTest::addColumn<int>("activation");
        QTest::newRow("tanh") << int(Activation::Tanh);
        QTest::newRow("sigmoid") << int(Activation::Sigmoid);
    }
    void gradientMatchesFiniteDifferences()
    {
        QFETCH(int, activation);
        ModelSpec spec = ModelSpec::withHidden({6, 5}, Activation(activation), 3);
        spec.inputSize = 4;
        spec.dropout = 0.4f;
        spec.initializer = Initializer::GlorotUniform;
        Network net(spec);
        net.initialize(5);
        for (std::size_t l = 0; l < net.layerCount(); ++l)
            net.bias(l).setConstant(0.1f);
        Eigen::MatrixXf x(4, 3);
        x << 0.9f, -0.5f, 0.3f, 0.2f, 0.8f, -0.7f, -0.4f, 0.1f, 0.6f, 0.5f, -0.2f, 0.7f;
        const std::vector<std::uint8_t> labels{0, 2, 1};
        const Targets t{labels, nullptr};
        constexpr std::uint64_t kMaskSeed = 17;
        auto lossAt = [&](Network &n) {
            Workspace ws(spec, 3);
            Rng rng(kMaskSeed);
            n.forward(x, ws, &rng);
            return n.loss(ws, t).loss;
        };
        Workspace ws(spec, 3);
        Rng rng(kMaskSeed);
        net.forward(x, ws, &rng);
        net.backward(x, t, ws);
        const std::vector<float> grads(ws.gradients().begin(), ws.gradients().end());
        const double h = 3e-3;
        double worst = 0.0;
        int nonZero = 0;
        for (std::size_t i = 0; i < grads.size(); ++i) {
            const float keep = net.parameters()[i];
            net.parameters()[i] = float(keep + h);
            const double up = lossAt(net);
            net.parameters()[i] = float(keep - h);
            const double down = lossAt(net);
            net.parameters()[i] = keep;
            const double numeric = (up - down) / (2.0 * h);
            worst = std::max(worst, std::abs(numeric - grads[i]) / std::max(0.01, std::abs(numeric)));
            nonZero += std::abs(numeric) > 1e-4;
        }
        QVERIFY2(worst < 0.02, qPrintable(QString::number(worst)));
        QVERIFY(nonZero > int(grads.size()) / 3); // the check is not vacuous
    }
};

QTEST_GUILESS_MAIN(TestDropout)
#include "tst_dropout.moc"
