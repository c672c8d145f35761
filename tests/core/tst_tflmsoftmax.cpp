// SPDX-License-Identifier: GPL-3.0-or-later
// The int8 softmax as TensorFlow Lite Micro computes it (docs/facts.md §13): the constants TFLM's
// Prepare derives from the logits' scale, worked out by hand; outputs whose value follows from
// exact arithmetic with a safe margin; outputs where TFLM's fixed point rounds differently from
// exact arithmetic; and every output of many random rows against an oracle built on gemmlowp's
// own fixed-point routines from Debian's libgemmlowp-dev (tflmsoftmax.h).
#include "core/base/error.h"
#include "core/deploy/quantize.h"
#include "tflmsoftmax.h"

#include <QTest>

#include <cmath>
#include <random>
#include <vector>

using namespace tinyml::core;
namespace tflm = tinyml::test::tflm;

namespace {

std::vector<std::int8_t> run(const std::vector<std::int8_t> &logits, float scale)
{
    std::vector<std::int8_t> out(logits.size(), 0);
    integerSoftmax(logits.data(), int(logits.size()), softmaxParams(scale), out.data());
    return out;
}

QString show(const std::vector<std::int8_t> &v)
{
    QStringList parts;
    for (std::int8_t x : v)
        parts << QString::number(int(x));
    return parts.join(QLatin1Char(' '));
}

} // namespace

class TestTflmSoftmax : public QObject
{
    Q_OBJECT

private slots:
    void preparedConstants_data()
    {
        QTest::addColumn<float>("scale");
        QTest::addColumn<int>("multiplier");
        QTest::addColumn<int>("shift");
        QTest::addColumn<int>("diffMin");
        // real = scale·2^26 = mantissa·2^shift with mantissa in [1/2, 1); multiplier =
        // round(mantissa·2^31); diffMin = −floor(31·2^26 / 2^shift).
        // 2^−4·2^26 = 2^22 = 0.5·2^23: multiplier 2^30, shift 23, diffMin −floor(31·8) = −248.
        QTest::newRow("1/16") << 0.0625f << (1 << 30) << 23 << -248;
        // 0.1f is 13,421,773·2^−27, so real = 6,710,886.5 = (6,710,886.5 / 2^23)·2^23 and the
        // multiplier 6,710,886.5·2^8 = 1,717,986,944 exactly.
        QTest::newRow("0.1") << 0.1f << 1717986944 << 23 << -248;
        // 2^−2·2^26 = 0.5·2^25: diffMin −floor(31·2^26 / 2^25) = −62.
        QTest::newRow("1/4") << 0.25f << (1 << 30) << 25 << -62;
        // 1·2^26 = 0.5·2^27: diffMin −floor(31/2) = −15.
        QTest::newRow("1") << 1.0f << (1 << 30) << 27 << -15;
        // 20·2^26 = 0.625·2^31: multiplier 0.625·2^31, shift 31, diffMin −floor(0.96875) = 0.
        QTest::newRow("20") << 20.0f << 1342177280 << 31 << 0;
        // 100·2^26 is capped at 2^31 − 1 = (1 − 2^−31)·2^31: multiplier 2^31 − 1, shift 31.
        QTest::newRow("100, capped") << 100.0f << 2147483647 << 31 << 0;
        // 2^−25·2^26 = 2 = 0.5·2^2: diffMin −31·2^24.
        QTest::newRow("2^-25") << std::ldexp(1.0f, -25) << (1 << 30) << 2 << -520093696;
    }
    void preparedConstants()
    {
        QFETCH(float, scale);
        QFETCH(int, multiplier);
        QFETCH(int, shift);
        QFETCH(int, diffMin);
        const SoftmaxParams p = softmaxParams(scale);
        QCOMPARE(p.inputMultiplier, multiplier);
        QCOMPARE(p.inputLeftShift, shift);
        QCOMPARE(p.diffMin, diffMin);
    }

    void scaleTooSmallForTflm_data()
    {
        QTest::addColumn<float>("scale");
        // TFLM requires scale·2^26 > 1 (its Prepare stops otherwise).
        QTest::newRow("2^-26: exactly 1") << std::ldexp(1.0f, -26);
        QTest::newRow("1e-9") << 1e-9f;
        QTest::newRow("0") << 0.0f;
        QTest::newRow("negative") << -0.1f;
        QTest::newRow("NaN") << std::numeric_limits<float>::quiet_NaN();
    }
    void scaleTooSmallForTflm()
    {
        QFETCH(float, scale);
        try {
            softmaxParams(scale);
            QFAIL("accepted");
        } catch (const Error &e) {
            QVERIFY(e.code() == ErrorCode::QuantizationUnsafe);
        }
    }

    void equalLogits_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("expected");
        // n equal logits: each 1/n, 256/n in units of 1/256, rounded, minus 128; 1 class is
        // 256 − 128 = 128, saturated to 127.
        QTest::newRow("1") << 1 << 127;
        QTest::newRow("2: 128") << 2 << 0;
        QTest::newRow("3: 85.33") << 3 << 85 - 128;
        QTest::newRow("10: 25.6") << 10 << 26 - 128;
        QTest::newRow("100: 2.56") << 100 << 3 - 128;
        QTest::newRow("256: 1") << 256 << 1 - 128;
    }
    void equalLogits()
    {
        QFETCH(int, n);
        QFETCH(int, expected);
        for (const float scale : {0.1f, 0.0625f, 3.0f})
            for (const int value : {-128, 0, 127}) {
                const auto out
                    = run(std::vector<std::int8_t>(std::size_t(n), std::int8_t(value)), scale);
                for (std::int8_t p : out)
                    QCOMPARE(int(p), expected);
            }
    }

    void oneLogitFarAbove()
    {
        // Scale 0.1: the others are 20 below in real terms; exp(−20)·256 = 5.3e−7: 0 units.
        const auto out = run({100, -100, -100, -100, -100, -100, -100, -100, -100, -100}, 0.1f);
        QCOMPARE(int(out[0]), 127); // 256 units saturate
        for (std::size_t i = 1; i < out.size(); ++i)
            QCOMPARE(int(out[i]), -128);
    }

    void belowDiffMin()
    {
        // Scale 1 (diffMin −15): −16 below the top is skipped and gives −128; −15 is computed,
        // exp(−15)·256 = 7.8e−5 rounds to 0 units, also −128.
        QCOMPARE(show(run({100, 85, 84}, 1.0f)), QStringLiteral("127 -128 -128"));
        // Scale 20 (diffMin 0): only the two tops count, each 1/2 = 128 units.
        QCOMPARE(show(run({0, -1, 0}, 20.0f)), QStringLiteral("0 -128 0"));
    }

    void goldenByHand_data()
    {
        QTest::addColumn<float>("scale");
        QTest::addColumn<QVector<int>>("logits");
        QTest::addColumn<QVector<int>>("expected");
        // Scale 1/16, logits 16 and 0: the difference −16 becomes −16·2^23·2^30/2^31 = −2^26,
        // exactly −1.0 in Q5.26 (no rounding). exp(−1) = 0.3678794; the sum 1.3678794;
        // 256/1.3678794 = 187.15 → 187 − 128 = 59; 256·0.3678794/1.3678794 = 68.85 → 69 − 128.
        // Both lie 0.15 from a rounding boundary, far beyond the fixed point's error (< 0.001).
        QTest::newRow("1/16: 16, 0") << 0.0625f << QVector<int>{16, 0} << QVector<int>{59, -59};
        // Scale 0.1, logits 40, 39, 37, 36: real differences 0, −0.1, −0.3, −0.4; exp 1,
        // 0.904837, 0.740818, 0.670320, sum 3.315976; units 77.202, 69.855, 57.193, 51.750 →
        // 77, 70, 57, 52. (Logits 40, 39, 38, 37 would not do: 38 holds 60.49991 units, a
        // hair from the boundary.)
        QTest::newRow("0.1: 40, 39, 37, 36")
            << 0.1f << QVector<int>{40, 39, 37, 36}
            << QVector<int>{77 - 128, 70 - 128, 57 - 128, 52 - 128};
        // Scale 1/4: logits 0 and −8 are 0 and −2 real: exp(−2) = 0.135335, sum 1.135335;
        // units 225.48 and 30.52 → 225 − 128 = 97 and 31 − 128 = −97.
        QTest::newRow("1/4: 0, -8") << 0.25f << QVector<int>{0, -8} << QVector<int>{97, -97};
    }
    void goldenByHand()
    {
        QFETCH(float, scale);
        QFETCH(QVector<int>, logits);
        QFETCH(QVector<int>, expected);
        std::vector<std::int8_t> x;
        for (int v : logits)
            x.push_back(std::int8_t(v));
        const auto out = run(x, scale);
        for (qsizetype i = 0; i < expected.size(); ++i)
            QCOMPARE(int(out[std::size_t(i)]), expected[i]);
    }

    void roundsLikeTflmNotLikeExactMath_data()
    {
        QTest::addColumn<float>("scale");
        QTest::addColumn<QVector<int>>("logits");
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("tflm");
        QTest::addColumn<int>("exact");
        // Where the exact share lies within 1e−4 of a rounding boundary, TFLM's fixed point
        // (exp with an error of a few 2^−31, the sum truncated to 2^−19, a three-step
        // Newton-Raphson reciprocal) may fall on the other side. The exact value is written
        // here; TFLM's is what gemmlowp's own routines give (checked below against the oracle
        // too): such an output is what a table of exp with 2^−16 steps got wrong.
        // 1/16, logits 3, −11, −36, 29: the 29 holds 197.499986 units: exact 197, TFLM 198.
        QTest::newRow("1/16: 197.499986")
            << 0.0625f << QVector<int>{3, -11, -36, 29} << 3 << 70 << 69;
        // 1/16, logits −11, 20, 18, 22: the 18 holds 71.500004 units: exact 72, TFLM 71.
        QTest::newRow("1/16: 71.500004")
            << 0.0625f << QVector<int>{-11, 20, 18, 22} << 2 << -57 << -56;
        // 0.1, logits −24, −26, 35, −35: the 35 holds 254.499928 units: exact 254, TFLM 255.
        QTest::newRow("0.1: 254.499928")
            << 0.1f << QVector<int>{-24, -26, 35, -35} << 2 << 127 << 126;
        // 0.0024092919, logits −120, −127, −117, −117: each −117 holds 64.499985 units: exact
        // 64, TFLM 65. Here the reciprocal's rounding half sum decides: (x + 1)/2 truncated
        // instead of rounded would give 64 as well.
        QTest::newRow("0.0024: 64.499985")
            << 0.0024092919193208218f << QVector<int>{-120, -127, -117, -117} << 2 << -63 << -64;
    }
    void roundsLikeTflmNotLikeExactMath()
    {
        QFETCH(float, scale);
        QFETCH(QVector<int>, logits);
        QFETCH(int, index);
        QFETCH(int, tflm);
        QFETCH(int, exact);
        std::vector<std::int8_t> x;
        for (int v : logits)
            x.push_back(std::int8_t(v));
        // The exact share, in double: the row really sits next to a boundary.
        int top = -128;
        for (int v : logits)
            top = std::max(top, v);
        double sum = 0.0;
        for (int v : logits)
            sum += std::exp(double(scale) * (v - top));
        const double units = 256.0 * std::exp(double(scale) * (logits[index] - top)) / sum;
        QCOMPARE(int(std::lround(units)) - 128, exact);
        QVERIFY(std::abs(units - std::floor(units) - 0.5) < 1e-4);
        QCOMPARE(int(tflm::softmax(x, tflm::prepare(scale))[std::size_t(index)]), tflm);
        QCOMPARE(int(run(x, scale)[std::size_t(index)]), tflm);
    }

    void agreesWithExactMathAwayFromBoundaries()
    {
        // Random rows and scales: every output whose exact value in units of 1/256 lies more
        // than 0.01 from a rounding boundary equals round(units) − 128, saturated at 127.
        std::mt19937 rng(20261126);
        std::uniform_real_distribution<double> logScale(std::log(1e-3), std::log(4.0));
        int checked = 0, skipped = 0;
        for (int row = 0; row < 5000; ++row) {
            const float scale = float(std::exp(logScale(rng)));
            const int n = 2 + int(rng() % 15);
            std::vector<std::int8_t> x(static_cast<std::size_t>(n));
            for (auto &v : x)
                v = std::int8_t(int(rng() % 256) - 128);
            const auto out = run(x, scale);
            int top = -128;
            for (std::int8_t v : x)
                top = std::max(top, int(v));
            double sum = 0.0;
            for (std::int8_t v : x)
                sum += std::exp(double(scale) * (int(v) - top));
            for (int i = 0; i < n; ++i) {
                const double units
                    = 256.0 * std::exp(double(scale) * (int(x[std::size_t(i)]) - top)) / sum;
                if (std::abs(units - std::floor(units) - 0.5) < 0.01) {
                    ++skipped;
                    continue;
                }
                ++checked;
                const long expected = std::min(127L, std::lround(units) - 128);
                if (out[std::size_t(i)] != expected)
                    QFAIL(qPrintable(QStringLiteral("scale %1, logits %2: output %3 is %4, not %5")
                                         .arg(double(scale))
                                         .arg(show(x))
                                         .arg(i)
                                         .arg(int(out[std::size_t(i)]))
                                         .arg(expected)));
            }
        }
        QVERIFY2(checked > 20 * skipped,
                 qPrintable(QStringLiteral("%1 checked, %2 skipped").arg(checked).arg(skipped)));
    }

    void agreesWithGemmlowpOracle()
    {
        // Every output of random rows, 1 to 256 classes, scales from 2^−25 to 64 (beyond 32 the
        // multiplier is capped): bit for bit what gemmlowp's exp and reciprocal give.
        std::mt19937 rng(11);
        std::uniform_real_distribution<double> logScale(std::log(std::ldexp(1.0, -25)),
                                                        std::log(64.0));
        long compared = 0;
        for (int row = 0; row < 20000; ++row) {
            const float scale = float(std::exp(logScale(rng)));
            const int n = row % 20 == 0 ? 1 + int(rng() % 256) : 1 + int(rng() % 12);
            const int spread = 1 + int(rng() % 256); // narrow rows test the fine differences
            const int low = -128 + int(rng() % std::uint32_t(257 - spread));
            std::vector<std::int8_t> x(static_cast<std::size_t>(n));
            for (auto &v : x)
                v = std::int8_t(low + int(rng() % std::uint32_t(spread)));
            SoftmaxParams p;
            try {
                p = softmaxParams(scale);
            } catch (const Error &) {
                QVERIFY(double(scale) * std::ldexp(1.0, 26) <= 1.0);
                continue;
            }
            const tflm::Params o = tflm::prepare(scale);
            QCOMPARE(p.inputMultiplier, o.multiplier);
            QCOMPARE(p.inputLeftShift, o.leftShift);
            QCOMPARE(p.diffMin, o.diffMin);
            std::vector<std::int8_t> out(static_cast<std::size_t>(n));
            integerSoftmax(x.data(), n, p, out.data());
            const auto expected = tflm::softmax(x, o);
            if (out != expected)
                QFAIL(qPrintable(QStringLiteral("scale %1, logits %2: %3, gemmlowp %4")
                                     .arg(double(scale))
                                     .arg(show(x))
                                     .arg(show(out))
                                     .arg(show(expected))));
            compared += n;
        }
        QVERIFY(compared > 100000);
    }
};

QTEST_GUILESS_MAIN(TestTflmSoftmax)
#include "tst_tflmsoftmax.moc"
