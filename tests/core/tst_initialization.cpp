// SPDX-License-Identifier: GPL-3.0-or-later
// Initializers and dropout against their definitions, with statistical tolerances of five
// standard errors on large samples (fixed seeds, so the outcome is reproducible).
#include "core/nn/network.h"

#include <QTest>

#include <cmath>

using namespace tinyml::core;

namespace {

struct Moments
{
    double mean = 0.0, variance = 0.0, maxAbs = 0.0, fourth = 0.0;
    std::size_t n = 0;
};

Moments momentsOf(ConstMatrixMap w)
{
    Moments m;
    m.n = std::size_t(w.size());
    for (Eigen::Index i = 0; i < w.size(); ++i)
        m.mean += w.data()[i];
    m.mean /= double(m.n);
    for (Eigen::Index i = 0; i < w.size(); ++i) {
        const double d = w.data()[i] - m.mean;
        m.variance += d * d;
        m.fourth += d * d * d * d;
        m.maxAbs = std::max(m.maxAbs, std::abs(double(w.data()[i])));
    }
    m.variance /= double(m.n);
    m.fourth /= double(m.n);
    return m;
}

/// Standard error of a sample variance: sqrt((μ4 − σ⁴) / n).
double varianceError(const Moments &m)
{
    return std::sqrt((m.fourth - m.variance * m.variance) / double(m.n));
}

Network oneLayer(int inputs, int units, Initializer init, std::uint64_t seed)
{
    ModelSpec spec;
    spec.inputSize = inputs;
    spec.layers = {{units, Activation::Softmax}};
    spec.initializer = init;
    Network net(spec);
    net.initialize(seed);
    return net;
}

} // namespace

class TestInitialization : public QObject
{
    Q_OBJECT

private slots:
    void heNormal_data()
    {
        QTest::addColumn<int>("fanIn");
        QTest::addColumn<int>("fanOut");
        QTest::newRow("784 -> 2500") << 784 << 2500;
        QTest::newRow("50 -> 40000") << 50 << 40000;
    }
    void heNormal()
    {
        // Keras's he_normal: a normal with σ_n = sqrt(2 / fan_in) / 0.87962566103423978, truncated
        // to |w| <= 2 σ_n; 0.8796... is the standard deviation of a standard normal truncated at
        // ±2, so the weights' own standard deviation is exactly sqrt(2 / fan_in).
        QFETCH(int, fanIn);
        QFETCH(int, fanOut);
        const Network net = oneLayer(fanIn, fanOut, Initializer::HeNormal, 17);
        const Moments m = momentsOf(net.weights(0));
        const double sigma = std::sqrt(2.0 / fanIn);
        // The truncated standard normal's standard deviation, from its definition:
        // 1 − 2·2·φ(2) / (2Φ(2) − 1), square-rooted.
        const double phi2 = std::exp(-2.0) / std::sqrt(2.0 * M_PI);
        const double mass = std::erf(2.0 / std::sqrt(2.0));
        const double truncatedSd = std::sqrt(1.0 - 4.0 * phi2 / mass);
        QVERIFY(std::abs(truncatedSd - 0.87962566103423978) < 1e-12);
        const double bound = 2.0 * sigma / truncatedSd;
        QVERIFY2(m.maxAbs <= bound * (1.0 + 1e-6),
                 qPrintable(QStringLiteral("max |w| %1 beyond 2 sigma = %2")
                                .arg(m.maxAbs, 0, 'g', 10)
                                .arg(bound, 0, 'g', 10)));
        // With 2 million samples the largest one comes within 0.1 % of the bound.
        QVERIFY2(m.maxAbs >= bound * 0.999,
                 qPrintable(QStringLiteral("max |w| %1, bound %2").arg(m.maxAbs).arg(bound)));
        QVERIFY2(std::abs(m.mean) < 5.0 * sigma / std::sqrt(double(m.n)),
                 qPrintable(QString::number(m.mean)));
        QVERIFY2(std::abs(m.variance - sigma * sigma) < 5.0 * varianceError(m),
                 qPrintable(QStringLiteral("variance %1, expected %2 +- %3")
                                .arg(m.variance)
                                .arg(sigma * sigma)
                                .arg(varianceError(m))));
        // Biases start at zero.
        QVERIFY(net.bias(0).isZero(0.0f));
    }

    void glorotUniform_data()
    {
        QTest::addColumn<int>("fanIn");
        QTest::addColumn<int>("fanOut");
        QTest::newRow("784 -> 2500") << 784 << 2500;
        QTest::newRow("3000 -> 10") << 3000 << 10;
    }
    void glorotUniform()
    {
        // U(−limit, limit), limit = sqrt(6 / (fan_in + fan_out)); variance limit² / 3.
        QFETCH(int, fanIn);
        QFETCH(int, fanOut);
        const Network net = oneLayer(fanIn, fanOut, Initializer::GlorotUniform, 23);
        const Moments m = momentsOf(net.weights(0));
        const double limit = std::sqrt(6.0 / (fanIn + fanOut));
        QVERIFY(m.maxAbs <= limit * (1.0 + 1e-6));
        QVERIFY2(m.maxAbs >= limit * (1.0 - 20.0 / double(m.n)),
                 qPrintable(QString::number(m.maxAbs / limit)));
        QVERIFY(std::abs(m.mean) < 5.0 * limit / std::sqrt(3.0 * double(m.n)));
        QVERIFY2(std::abs(m.variance - limit * limit / 3.0) < 5.0 * varianceError(m),
                 qPrintable(QStringLiteral("variance %1, expected %2")
                                .arg(m.variance)
                                .arg(limit * limit / 3.0)));
        QVERIFY(net.bias(0).isZero(0.0f));
    }

    void dropoutIsInverted_data()
    {
        QTest::addColumn<float>("rate");
        QTest::newRow("0.2") << 0.2f;
        QTest::newRow("0.5") << 0.5f;
    }
    void dropoutIsInverted()
    {
        // Inverted dropout: in training every hidden activation is 0 with probability p, else
        // f(z) / (1 − p), so its expectation stays f(z); the output layer is never dropped and
        // without a generator (inference) nothing is dropped.
        QFETCH(float, rate);
        ModelSpec spec = ModelSpec::withHidden({200}, Activation::Sigmoid, 5);
        spec.inputSize = 20;
        spec.dropout = rate;
        Network net(spec);
        net.initialize(3);
        constexpr int kBatch = 500;
        Rng data(5);
        Matrix X(20, kBatch);
        for (Eigen::Index i = 0; i < X.size(); ++i)
            X.data()[i] = data.uniform();
        Workspace ws(spec, kBatch);
        net.forward(X, ws);
        const Matrix plain = ws.a(0);
        const Matrix plainOut = ws.a(1);
        Rng dropout(9);
        net.forward(X, ws, &dropout);
        const Matrix dropped = ws.a(0);
        const double keep = 1.0 - double(rate);
        std::size_t zeros = 0;
        double sumPlain = 0.0, sumDropped = 0.0;
        for (Eigen::Index i = 0; i < plain.size(); ++i) {
            const double a = plain.data()[i], d = dropped.data()[i];
            sumPlain += a;
            sumDropped += d;
            if (d == 0.0) {
                ++zeros;
                continue;
            }
            QVERIFY2(std::abs(d - a / keep) <= 1e-6 * (a / keep),
                     qPrintable(QStringLiteral("kept value %1 for f(z) = %2").arg(d).arg(a)));
        }
        const double n = double(plain.size());
        QVERIFY2(std::abs(double(zeros) / n - rate) < 5.0 * std::sqrt(rate * keep / n),
                 qPrintable(QStringLiteral("dropped %1").arg(double(zeros) / n)));
        // Mean preserved: the relative difference of the sums is within 5 standard errors
        // (each value's relative spread is sqrt(p / (1 − p)), sigmoid values in (0, 1)).
        QVERIFY2(std::abs(sumDropped - sumPlain) / sumPlain
                     < 5.0 * std::sqrt(rate / keep / n) * 1.5,
                 qPrintable(QStringLiteral("mean %1 vs %2").arg(sumDropped / n).arg(sumPlain / n)));
        // The output layer (softmax) is not dropped: its columns still sum to 1.
        for (Eigen::Index c = 0; c < kBatch; ++c)
            QVERIFY(std::abs(ws.a(1).col(c).sum() - 1.0f) < 1e-5f);
        // Inference: no generator, nothing dropped.
        net.forward(X, ws);
        QVERIFY(Matrix(ws.a(0)) == plain);
        QVERIFY(Matrix(ws.a(1)) == plainOut);
    }
};

QTEST_GUILESS_MAIN(TestInitialization)
#include "tst_initialization.moc"
