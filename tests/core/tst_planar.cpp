// SPDX-License-Identifier: GPL-3.0-or-later
// The Playground's data sets, checked against their geometric definitions (DESIGN.md, "The
// Playground's data"): radii of the circle, sign products of XOR, the Gaussians' spread, the
// spiral's arms, the regression function; and the input features at hand-computed points.
#include "core/playground/planar.h"

#include <QTest>

#include <cmath>
#include <numbers>

using namespace tinyml::core;

namespace {

int countLabel(const std::vector<PlanarPoint> &points, float label)
{
    return int(std::count_if(points.begin(), points.end(),
                             [label](const PlanarPoint &p) { return p.label == label; }));
}

double variance(const std::vector<double> &v)
{
    double mean = 0.0, sq = 0.0;
    for (double x : v)
        mean += x;
    mean /= double(v.size());
    for (double x : v)
        sq += (x - mean) * (x - mean);
    return sq / double(v.size() - 1);
}

} // namespace

class TestPlanar : public QObject
{
    Q_OBJECT

private slots:
    void sizesAndClasses_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("count");
        QTest::newRow("circle 200") << int(PlanarKind::Circle) << 200;
        QTest::newRow("xor 100") << int(PlanarKind::Xor) << 100;
        QTest::newRow("gaussians 50") << int(PlanarKind::Gaussians) << 50;
        QTest::newRow("spiral 1000") << int(PlanarKind::Spiral) << 1000;
    }

    void sizesAndClasses()
    {
        QFETCH(int, kind);
        QFETCH(int, count);
        const auto points = generatePlanar(PlanarKind(kind), count, 0.3f, 7);
        QCOMPARE(int(points.size()), count);
        QCOMPARE(countLabel(points, 0.0f), count / 2);
        QCOMPARE(countLabel(points, 1.0f), count / 2);
        for (const auto &p : points)
            QVERIFY(std::abs(p.x1) <= 6.0f && std::abs(p.x2) <= 6.0f);
    }

    void customAndEmptyGiveNoPoints()
    {
        QVERIFY(generatePlanar(PlanarKind::Custom, 100, 0.0f, 1).empty());
        QVERIFY(generatePlanar(PlanarKind::Circle, 0, 0.0f, 1).empty());
    }

    void circleRadii()
    {
        const auto points = generatePlanar(PlanarKind::Circle, 600, 0.0f, 3);
        for (const auto &p : points) {
            const float r = std::hypot(p.x1, p.x2);
            if (p.label == 1.0f)
                QVERIFY2(r <= 2.5f + 1e-5f, qPrintable(QString::number(r)));
            else
                QVERIFY2(r >= 3.5f - 1e-5f && r <= 5.5f + 1e-5f, qPrintable(QString::number(r)));
        }
    }

    void xorSignProducts()
    {
        const auto points = generatePlanar(PlanarKind::Xor, 400, 0.0f, 5);
        for (const auto &p : points) {
            QCOMPARE(p.x1 * p.x2 > 0.0f, p.label == 1.0f);
            QVERIFY(std::abs(p.x1) >= 0.5f && std::abs(p.x2) >= 0.5f);
        }
        // All four quadrants are used.
        int quadrants[4] = {};
        for (const auto &p : points)
            ++quadrants[(p.x1 > 0 ? 1 : 0) + (p.x2 > 0 ? 2 : 0)];
        for (int q : quadrants)
            QVERIFY(q > 60);
    }

    void gaussiansCentresAndNoise_data()
    {
        QTest::addColumn<float>("noise");
        QTest::newRow("no noise") << 0.0f;
        QTest::newRow("noise 0.5") << 0.5f;
        QTest::newRow("noise 1") << 1.0f;
    }

    void gaussiansCentresAndNoise()
    {
        QFETCH(float, noise);
        const auto points = generatePlanar(PlanarKind::Gaussians, 4000, noise, 11);
        std::vector<double> blue, orange;
        double blueMean = 0.0, orangeMean = 0.0;
        for (const auto &p : points) {
            (p.label == 1.0f ? blue : orange).push_back(p.x1);
            (p.label == 1.0f ? blueMean : orangeMean) += p.x2;
        }
        QVERIFY(std::abs(blueMean / 2000.0 - 2.0) < 0.1);
        QVERIFY(std::abs(orangeMean / 2000.0 + 2.0) < 0.1);
        // Unit variance plus the noise's variance (clamping to ±6 is negligible here).
        const double expected = 1.0 + double(noise) * double(noise);
        QVERIFY2(std::abs(variance(blue) / expected - 1.0) < 0.1,
                 qPrintable(QString::number(variance(blue))));
        QVERIFY(std::abs(variance(orange) / expected - 1.0) < 0.1);
    }

    void noiseBlursTheCircle()
    {
        auto between = [](const std::vector<PlanarPoint> &points) {
            return std::count_if(points.begin(), points.end(), [](const PlanarPoint &p) {
                const float r = std::hypot(p.x1, p.x2);
                return r > 2.5f && r < 3.5f;
            });
        };
        QCOMPARE(between(generatePlanar(PlanarKind::Circle, 1000, 0.0f, 2)), 0);
        QVERIFY(between(generatePlanar(PlanarKind::Circle, 1000, 0.5f, 2)) > 20);
    }

    void spiralArms()
    {
        const float pi = std::numbers::pi_v<float>;
        const auto points = generatePlanar(PlanarKind::Spiral, 500, 0.0f, 9);
        for (const auto &p : points) {
            // Radius 5 t and angle 3.5 π t, the orange arm turned by π.
            const float r = std::hypot(p.x1, p.x2);
            const float angle = 3.5f * pi * (r / 5.0f) + (p.label == 0.0f ? pi : 0.0f);
            QVERIFY(r <= 5.0f + 1e-5f);
            QVERIFY2(std::abs(p.x1 - r * std::cos(angle)) < 1e-3f
                         && std::abs(p.x2 - r * std::sin(angle)) < 1e-3f,
                     qPrintable(QStringLiteral("%1 %2").arg(p.x1).arg(p.x2)));
        }
    }

    void regressionFollowsItsFunction()
    {
        for (const auto &p : generatePlanar(PlanarKind::Regression, 300, 0.0f, 4)) {
            QCOMPARE(p.x2, 0.0f);
            QVERIFY(std::abs(p.x1) <= 5.5f);
            QVERIFY(std::abs(p.label - 2.5f * std::sin(0.8f * p.x1)) < 1e-5f);
        }
        std::vector<double> residuals;
        for (const auto &p : generatePlanar(PlanarKind::Regression, 4000, 0.5f, 4))
            residuals.push_back(p.label - 2.5 * std::sin(0.8 * p.x1));
        QVERIFY(std::abs(std::sqrt(variance(residuals)) - 0.5) < 0.03);
    }

    void seedDecides()
    {
        const auto a = generatePlanar(PlanarKind::Spiral, 100, 0.2f, 21);
        QVERIFY(a == generatePlanar(PlanarKind::Spiral, 100, 0.2f, 21));
        QVERIFY(a != generatePlanar(PlanarKind::Spiral, 100, 0.2f, 22));
    }

    void splitKeepsEveryPoint_data()
    {
        QTest::addColumn<float>("ratio");
        QTest::addColumn<int>("train");
        QTest::newRow("half") << 0.5f << 200;
        QTest::newRow("30 %") << 0.3f << 120;
        QTest::newRow("90 %") << 0.9f << 360;
    }

    void splitKeepsEveryPoint()
    {
        QFETCH(float, ratio);
        QFETCH(int, train);
        const auto points = generatePlanar(PlanarKind::Xor, 400, 0.1f, 8);
        const PlanarData data = splitPlanar(points, ratio, 8);
        QCOMPARE(int(data.train.size()), train);
        QCOMPARE(int(data.test.size()), 400 - train);
        auto all = data.train;
        all.insert(all.end(), data.test.begin(), data.test.end());
        auto key = [](const PlanarPoint &a, const PlanarPoint &b) {
            return std::tie(a.x1, a.x2, a.label) < std::tie(b.x1, b.x2, b.label);
        };
        auto sorted = points;
        std::sort(all.begin(), all.end(), key);
        std::sort(sorted.begin(), sorted.end(), key);
        QVERIFY(all == sorted);
        QVERIFY(data.train != std::vector<PlanarPoint>(points.begin(), points.begin() + train));
    }

    void featureValues_data()
    {
        QTest::addColumn<int>("bit");
        QTest::addColumn<float>("expected");
        // At (x1, x2) = (1.5, -2).
        QTest::newRow("x1") << 0 << 1.5f;
        QTest::newRow("x2") << 1 << -2.0f;
        QTest::newRow("x1 squared") << 2 << 2.25f;
        QTest::newRow("x2 squared") << 3 << 4.0f;
        QTest::newRow("x1 x2") << 4 << -3.0f;
        QTest::newRow("sin x1") << 5 << 0.997495f;
        QTest::newRow("sin x2") << 6 << -0.909297f;
    }

    void featureValues()
    {
        QFETCH(int, bit);
        QFETCH(float, expected);
        QVERIFY(std::abs(featureValue(featureAt(bit), 1.5f, -2.0f) - expected) < 1e-5f);
        // As the only feature of a matrix, and as the last of all features.
        const std::vector<PlanarPoint> points{{1.5f, -2.0f, 0.0f}, {0.0f, 0.0f, 1.0f}};
        const Matrix one = featureMatrix(points, 1u << bit);
        QCOMPARE(one.rows(), 1);
        QCOMPARE(one.cols(), 2);
        QVERIFY(std::abs(one(0, 0) - expected) < 1e-5f);
        const std::uint32_t upTo = (2u << bit) - 1;
        const Matrix many = featureMatrix(points, upTo);
        QCOMPARE(int(many.rows()), bit + 1);
        QCOMPARE(featureCount(upTo), bit + 1);
        QVERIFY(std::abs(many(bit, 0) - expected) < 1e-5f);
    }

    void gridCellCentres()
    {
        // 4 × 4 cells of side 3 over [-6, 6]²: centres at ±1.5 and ±4.5; row 0 is the top.
        const Matrix g
            = gridFeatureMatrix(4, std::uint32_t(Feature::X1) | std::uint32_t(Feature::X2));
        QCOMPARE(g.cols(), 16);
        QCOMPARE(g(0, 0), -4.5f);
        QCOMPARE(g(1, 0), 4.5f);
        QCOMPARE(g(0, 3), 4.5f);
        QCOMPARE(g(1, 3), 4.5f);
        QCOMPARE(g(0, 6), 1.5f);
        QCOMPARE(g(1, 6), 1.5f);
        QCOMPARE(g(0, 15), 4.5f);
        QCOMPARE(g(1, 15), -4.5f);
    }
};

QTEST_APPLESS_MAIN(TestPlanar)
#include "tst_planar.moc"
