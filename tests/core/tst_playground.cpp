// SPDX-License-Identifier: GPL-3.0-or-later
// The Playground's training: what a hidden layer buys on the circle, that the maps are the
// network's own forward pass (checked by a plain loop over the weights), that the gradient
// with L1 and L2 matches finite differences of the loss, and the overfitting mark.
#include "core/base/error.h"
#include "core/nn/activation.h"
#include "core/playground/playground.h"
#include "testsupport.h"

#include <QTest>

#include <cmath>

using namespace tinyml::core;

namespace {

PlaygroundConfig circle(std::vector<int> hidden, std::uint64_t seed)
{
    PlaygroundConfig c;
    c.data = PlanarKind::Circle;
    c.points = 400;
    c.trainRatio = 0.5f;
    c.seed = seed;
    c.hidden = std::move(hidden);
    c.activation = Activation::Tanh;
    c.optimizer = OptimizerKind::Adam;
    c.learningRate = 0.03f;
    c.batchSize = 10;
    return c;
}

/// Activation of every layer at (x1, x2) by plain loops over the weights.
std::vector<std::vector<double>>
naiveForward(const Network &net, std::uint32_t features, float x1, float x2)
{
    std::vector<double> in;
    for (int i = 0; i < kFeatureKinds; ++i)
        if (features & (1u << i))
            in.push_back(featureValue(featureAt(i), x1, x2));
    std::vector<std::vector<double>> out;
    for (std::size_t l = 0; l < net.layerCount(); ++l) {
        const auto w = net.weights(l);
        std::vector<double> z(std::size_t(w.rows()));
        for (Eigen::Index r = 0; r < w.rows(); ++r) {
            double s = net.bias(l)(r);
            for (Eigen::Index c = 0; c < w.cols(); ++c)
                s += double(w(r, c)) * in[std::size_t(c)];
            z[std::size_t(r)] = s;
        }
        const Activation f = net.spec().layers[l].activation;
        std::vector<double> a(z.size());
        if (f == Activation::Softmax) {
            double sum = 0.0;
            for (std::size_t i = 0; i < z.size(); ++i)
                sum += std::exp(z[i]);
            for (std::size_t i = 0; i < z.size(); ++i)
                a[i] = std::exp(z[i]) / sum;
        } else {
            for (std::size_t i = 0; i < z.size(); ++i)
                a[i] = f == Activation::Tanh     ? std::tanh(z[i])
                       : f == Activation::Linear ? z[i]
                                                 : double(activate(f, float(z[i])));
        }
        out.push_back(a);
        in = a;
    }
    return out;
}

/// Loss with both penalties, as the learner's step minimises it.
double penalisedLoss(Playground &p)
{
    const auto &cfg = p.config();
    double l1 = 0.0, l2 = 0.0;
    for (std::size_t l = 0; l < p.network().layerCount(); ++l) {
        l1 += double(p.network().weights(l).cwiseAbs().sum());
        l2 += double(p.network().weights(l).squaredNorm());
    }
    return p.dataLoss(p.data().train) + cfg.l1 * l1 + cfg.l2 * l2;
}

} // namespace

class TestPlayground : public QObject
{
    Q_OBJECT

private slots:
    void oneHiddenLayerOfThreeSolvesTheCircle_data()
    {
        QTest::addColumn<std::uint64_t>("seed");
        QTest::newRow("seed 1") << std::uint64_t(1);
        QTest::newRow("seed 2") << std::uint64_t(2);
        QTest::newRow("seed 3") << std::uint64_t(3);
    }

    void oneHiddenLayerOfThreeSolvesTheCircle()
    {
        QFETCH(std::uint64_t, seed);
        Playground p(circle({3}, seed));
        QCOMPARE(p.network().spec().inputSize, 2);
        double best = 1e9;
        while (p.epoch() < 300 && best >= 0.05) {
            p.trainEpoch();
            best = std::min(best, p.testLoss());
        }
        QVERIFY2(best < 0.05, qPrintable(QString::number(best)));
        QVERIFY(p.epoch() <= 300);
    }

    void aLinearModelCannot()
    {
        Playground p(circle({}, 1));
        QCOMPARE(p.network().layerCount(), std::size_t(1));
        double best = 1e9;
        for (int e = 0; e < 300; ++e) {
            p.trainEpoch();
            best = std::min(best, p.testLoss());
        }
        // A straight line cannot cut a disc out of a ring: near chance (ln 2 = 0.69).
        QVERIFY2(best > 0.5, qPrintable(QString::number(best)));
    }

    void squaredInputsSolveTheCircleWithoutHiddenLayers()
    {
        PlaygroundConfig c = circle({}, 1);
        c.features = std::uint32_t(Feature::X1Squared) | std::uint32_t(Feature::X2Squared);
        Playground p(c);
        double best = 1e9;
        for (int e = 0; e < 300 && best >= 0.05; ++e) {
            p.trainEpoch();
            best = std::min(best, p.testLoss());
        }
        QVERIFY2(best < 0.05, qPrintable(QString::number(best)));
    }

    void regressionFitsTheCurve()
    {
        PlaygroundConfig c;
        c.data = PlanarKind::Regression;
        c.features = std::uint32_t(Feature::X1);
        c.hidden = {8, 8};
        c.optimizer = OptimizerKind::Adam;
        c.learningRate = 0.01f;
        c.seed = 2;
        Playground p(c);
        QVERIFY(p.network().spec().loss == LossKind::MeanSquaredError);
        const double before = p.testLoss();
        for (int e = 0; e < 300; ++e)
            p.trainEpoch();
        // The function's variance is 2.5² / 2 ≈ 3.1; the fit leaves a small part of it.
        QVERIFY2(p.testLoss() < 0.1 && p.testLoss() < before / 10,
                 qPrintable(QStringLiteral("%1 → %2").arg(before).arg(p.testLoss())));
    }

    void mapsAreTheForwardPass_data()
    {
        QTest::addColumn<std::uint32_t>("features");
        QTest::addColumn<int>("kind");
        QTest::newRow("x1 x2, circle")
            << (std::uint32_t(Feature::X1) | std::uint32_t(Feature::X2)) << int(PlanarKind::Circle);
        QTest::newRow("all features, spiral") << kAllFeatures << int(PlanarKind::Spiral);
        QTest::newRow("x1, regression")
            << std::uint32_t(Feature::X1) << int(PlanarKind::Regression);
    }

    void mapsAreTheForwardPass()
    {
        QFETCH(std::uint32_t, features);
        QFETCH(int, kind);
        PlaygroundConfig c = circle({5, 3}, 4);
        c.data = PlanarKind(kind);
        c.features = features;
        Playground p(c);
        for (int e = 0; e < 5; ++e)
            p.trainEpoch();
        const int g = 37;
        const PlaygroundMaps maps = p.maps(g);
        QCOMPARE(maps.grid, g);
        QCOMPARE(maps.layers.size(), p.network().layerCount() + 1);
        QCOMPARE(maps.layers[0].rows(), Eigen::Index(featureCount(features)));
        for (const int cell : {0, 36, 500, 777, 1368}) {
            const int row = cell / g, col = cell % g;
            const float x1 = -6.0f + 12.0f * (col + 0.5f) / g, x2 = 6.0f - 12.0f * (row + 0.5f) / g;
            const auto expected = naiveForward(p.network(), features, x1, x2);
            for (std::size_t l = 0; l < expected.size(); ++l) {
                QCOMPARE(maps.layers[l + 1].cols(), Eigen::Index(g * g));
                for (std::size_t u = 0; u < expected[l].size(); ++u)
                    QVERIFY2(
                        std::abs(maps.layers[l + 1](Eigen::Index(u), cell) - expected[l][u]) < 1e-4,
                        qPrintable(
                            QStringLiteral("cell %1 layer %2 unit %3").arg(cell).arg(l).arg(u)));
            }
            const auto predicted = p.network().predict(
                std::vector<float>(maps.layers[0].col(cell).data(),
                                   maps.layers[0].col(cell).data() + maps.layers[0].rows()));
            QVERIFY(std::abs(predicted[0] - maps.layers.back()(0, cell)) < 1e-5f);
        }
    }

    void gradientMatchesFiniteDifferences_data()
    {
        QTest::addColumn<float>("l1");
        QTest::addColumn<float>("l2");
        QTest::newRow("no penalty") << 0.0f << 0.0f;
        QTest::newRow("L1 0.01") << 0.01f << 0.0f;
        QTest::newRow("L2 0.01") << 0.0f << 0.01f;
        QTest::newRow("L1 and L2") << 0.003f << 0.02f;
    }

    void gradientMatchesFiniteDifferences()
    {
        QFETCH(float, l1);
        QFETCH(float, l2);
        PlaygroundConfig c = circle({3}, 5);
        c.points = 60;
        c.l1 = l1;
        c.l2 = l2;
        Playground p(c);
        p.trainEpoch();
        const std::vector<float> g = p.gradient();
        auto params = p.network().parameters();
        QCOMPARE(g.size(), params.size());
        for (std::size_t i = 0; i < params.size(); ++i) {
            const double numeric = tinyml::test::centralDifference(
                params[i], 1e-2f, [&] { return penalisedLoss(p); });
            QVERIFY2(
                std::abs(numeric - g[i]) < 2e-3 + 2e-2 * std::abs(numeric),
                qPrintable(QStringLiteral("parameter %1: %2 vs %3").arg(i).arg(numeric).arg(g[i])));
        }
    }

    void l1DrivesWeightsToZero()
    {
        auto smallWeights = [](float l1) {
            PlaygroundConfig c = circle({8, 8}, 6);
            c.l1 = l1;
            Playground p(c);
            for (int e = 0; e < 150; ++e)
                p.trainEpoch();
            int small = 0;
            for (std::size_t l = 0; l < p.network().layerCount(); ++l)
                small += int((p.network().weights(l).array().abs() < 0.05f).count());
            return small;
        };
        const int without = smallWeights(0.0f), with = smallWeights(0.01f);
        QVERIFY2(with > 2 * without + 10,
                 qPrintable(QStringLiteral("%1 vs %2").arg(with).arg(without)));
    }

    void resetRestoresTheStart()
    {
        Playground p(circle({4}, 9));
        const std::vector<float> start(p.network().parameters().begin(),
                                       p.network().parameters().end());
        for (int e = 0; e < 3; ++e)
            p.trainEpoch();
        QCOMPARE(p.epoch(), 3);
        QVERIFY(!std::equal(start.begin(), start.end(), p.network().parameters().begin()));
        p.reset();
        QCOMPARE(p.epoch(), 0);
        QVERIFY(std::equal(start.begin(), start.end(), p.network().parameters().begin()));
    }

    void addedPointsAreTrainedOn()
    {
        PlaygroundConfig c = circle({}, 1);
        c.data = PlanarKind::Custom;
        Playground p(c);
        QVERIFY(p.data().train.empty());
        p.trainEpoch(); // nothing to train on: no crash, the epoch still counts
        QCOMPARE(p.trainLoss(), 0.0);
        p.addPoint({-3.0f, 0.0f, 0.0f});
        p.addPoint({3.0f, 0.0f, 1.0f});
        QCOMPARE(int(p.data().train.size()), 2);
        for (int e = 0; e < 200; ++e)
            p.trainEpoch();
        QVERIFY(p.trainLoss() < 0.05);
        const auto out = p.network().predict(std::vector<float>{4.0f, 1.0f});
        QVERIFY(out[1] > 0.9f);
    }

    void overfittingMark_data()
    {
        QTest::addColumn<QVector<double>>("train");
        QTest::addColumn<QVector<double>>("test");
        QTest::addColumn<int>("expected");
        QTest::newRow("both falling")
            << QVector<double>{0.6, 0.4, 0.3, 0.2} << QVector<double>{0.6, 0.45, 0.35, 0.3} << -1;
        QTest::newRow("test up 20 % after epoch 2")
            << QVector<double>{0.6, 0.4, 0.3, 0.2} << QVector<double>{0.6, 0.5, 0.55, 0.6} << 2;
        QTest::newRow("test up 5 %: not yet")
            << QVector<double>{0.6, 0.4, 0.3, 0.2} << QVector<double>{0.6, 0.5, 0.52, 0.525} << -1;
        QTest::newRow("near zero: +50 % but only 0.002")
            << QVector<double>{0.6, 0.01, 0.005, 0.001} << QVector<double>{0.6, 0.004, 0.005, 0.006}
            << -1;
        QTest::newRow("train rising too: not overfitting")
            << QVector<double>{0.6, 0.4, 0.5, 0.7} << QVector<double>{0.6, 0.5, 0.6, 0.8} << -1;
        QTest::newRow("too short") << QVector<double>{0.6, 0.4} << QVector<double>{0.6, 0.9} << -1;
    }

    void overfittingMark()
    {
        QFETCH(QVector<double>, train);
        QFETCH(QVector<double>, test);
        QFETCH(int, expected);
        std::vector<PlaygroundEpoch> history;
        for (int i = 0; i < train.size(); ++i)
            history.push_back({i + 1, train[i], test[i]});
        QCOMPARE(overfittingEpoch(history), expected);
    }

    void badSettingsAreRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("points") << "points";
        QTest::newRow("noise") << "noise";
        QTest::newRow("trainRatio") << "trainRatio";
        QTest::newRow("features") << "features";
        QTest::newRow("hidden") << "hidden";
        QTest::newRow("learningRate") << "learningRate";
        QTest::newRow("l1") << "l1";
        QTest::newRow("l2") << "l2";
        QTest::newRow("batchSize") << "batchSize";
        QTest::newRow("activation") << "activation";
    }

    void badSettingsAreRefused()
    {
        QFETCH(QString, name);
        PlaygroundConfig c;
        if (name == "points")
            c.points = 2001;
        else if (name == "noise")
            c.noise = std::nanf("");
        else if (name == "trainRatio")
            c.trainRatio = 0.95f;
        else if (name == "features")
            c.features = 0;
        else if (name == "hidden")
            c.hidden = {4, 9};
        else if (name == "learningRate")
            c.learningRate = 0.0f;
        else if (name == "l1")
            c.l1 = -0.1f;
        else if (name == "l2")
            c.l2 = 1.0f;
        else if (name == "batchSize")
            c.batchSize = 0;
        else if (name == "activation")
            c.activation = Activation::Softmax;
        try {
            Playground p(c);
            QFAIL("accepted");
        } catch (const Error &e) {
            QVERIFY(e.code() == ErrorCode::PlaygroundSettingInvalid);
            QCOMPARE(QString::fromStdString(e.args().name), name);
        }
    }
};

QTEST_APPLESS_MAIN(TestPlayground)
#include "tst_playground.moc"
