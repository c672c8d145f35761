// SPDX-License-Identifier: GPL-3.0-or-later
// The int8 convolution and pooling kernels (docs/facts.md §5, §8) on inputs small enough to work
// out by hand: every expected value below was computed from the formulas in the comments, not by
// the engine.
#include "core/deploy/quantize.h"

#include <QTest>

using namespace tinyml::core;

namespace {

/// A 3 x 3 x 1 input whose values minus the zero point 10 are
///   0 10 20
///  30 40 50
///  60 70 80
const std::vector<std::int8_t> kGrid = {10, 20, 30, 40, 50, 60, 70, 80, 90};

/// Multiplier m0 = 2^30 with shift s stands for M = 0.5 · 2^s. TFLite applies it in two
/// rounding steps: acc · 0.5 rounded to nearest with halves up (the doubling high multiply),
/// then a division by 2^−s rounded half away from zero. So acc = 237 with M = 0.25 gives
/// 118.5 → 119, then 119 / 2 = 59.5 → 60 (not round(59.25) = 59).
constexpr std::int32_t kHalf = 1 << 30;

QuantizedLayer layer(LayerKind kind, Shape in, Shape out, int kernel, int stride, int pad)
{
    QuantizedLayer ql;
    ql.kind = kind;
    ql.inShape = in;
    ql.outShape = out;
    ql.inputs = int(in.size());
    ql.outputs = int(out.size());
    ql.kernel = kernel;
    ql.stride = stride;
    ql.padTop = ql.padLeft = pad;
    return ql;
}

std::vector<std::int8_t> run(const QuantizedLayer &ql, const std::vector<std::int8_t> &x)
{
    std::vector<std::int8_t> y(std::size_t(ql.outputs), std::int8_t(99));
    runQuantizedLayer(ql, x.data(), y.data());
    return y;
}

} // namespace

class TestInt8Kernels : public QObject
{
    Q_OBJECT

private slots:
    void convValid()
    {
        // One 2 x 2 filter [[1, -2], [3, 4]], bias 7, stride 1, valid: 2 x 2 outputs.
        QuantizedLayer ql
            = layer(LayerKind::Conv2D, Shape::hwc(3, 3, 1), Shape::hwc(2, 2, 1), 2, 1, 0);
        ql.input.zeroPoint = 10;
        ql.weights = {1, -2, 3, 4};
        ql.bias = {7};
        ql.multiplier = {kHalf};
        ql.shift = {-1}; // M = 0.25
        ql.output.zeroPoint = -5;
        ql.actMin = -5;
        ql.actMax = 100;
        // acc(0,0) = 0·1 + 10·(−2) + 30·3 + 40·4 + 7 = 237 → 118.5 → 119 → 59.5 → 60 → 60 − 5 = 55
        // acc(0,1) = 10 − 40 + 120 + 200 + 7 = 297 → 148.5 → 149 → 74.5 → 75 → 70
        // acc(1,0) = 30 − 80 + 180 + 280 + 7 = 417 → 208.5 → 209 → 104.5 → 105 → 100
        // acc(1,1) = 40 − 100 + 210 + 320 + 7 = 477 → 238.5 → 239 → 119.5 → 120 → 115, clamped
        // to 100
        QCOMPARE(run(ql, kGrid), (std::vector<std::int8_t>{55, 70, 100, 100}));
    }

    void convSamePadsWithTheZeroPoint()
    {
        // A 3 x 3 filter of ones with 2 in the centre, stride 2, same padding: out = ceil(3/2) = 2,
        // total padding (2 − 1)·2 + 3 − 3 = 2, one row and column before. Padded positions hold
        // the zero point, so they add nothing.
        QuantizedLayer ql
            = layer(LayerKind::Conv2D, Shape::hwc(3, 3, 1), Shape::hwc(2, 2, 1), 3, 2, 1);
        ql.input.zeroPoint = 10;
        ql.weights = {1, 1, 1, 1, 2, 1, 1, 1, 1};
        ql.bias = {0};
        ql.multiplier = {kHalf};
        ql.shift = {-1}; // M = 0.25
        // (0,0): inputs (0,0)..(1,1) under filter taps (1,1),(1,2),(2,1),(2,2): 0·2 + 10 + 30 + 40
        // = 80
        //        (padding filled with 0 instead of the zero point would add 5 · (0 − 10) = −50)
        // (0,1): inputs (0,1),(0,2),(1,1),(1,2) under (1,0),(1,1),(2,0),(2,1): 10 + 40 + 40 + 50 =
        // 140 (1,0): inputs (1,0),(1,1),(2,0),(2,1) under (0,1),(0,2),(1,1),(1,2): 30 + 40 + 120 +
        // 70 = 260 (1,1): inputs (1,1),(1,2),(2,1),(2,2) under (0,0),(0,1),(1,0),(1,1): 40 + 50 +
        // 70 + 160 = 320 times 0.25, exact in both steps: 20, 35, 65, 80 (zero point 0)
        QCOMPARE(run(ql, kGrid), (std::vector<std::int8_t>{20, 35, 65, 80}));
    }

    void convSumsOverInputChannels()
    {
        // A 1 x 1 input of 3 channels (x − zp = 2, −3, 5) and two 1 x 1 filters, per-channel
        // multipliers: filter 0 (1, 2, 3), bias 1: 2 − 6 + 15 + 1 = 12, M = 0.5 → 6.
        // filter 1 (−4, 0, 1), bias −2: −8 + 5 − 2 = −5, M = 0.125: −2.5 → −2 (halves up), then
        // −2 / 4 = −0.5 → −1 (half away from zero). Plus the output zero point 3: 9 and 2.
        QuantizedLayer ql
            = layer(LayerKind::Conv2D, Shape::hwc(1, 1, 3), Shape::hwc(1, 1, 2), 1, 1, 0);
        ql.input.zeroPoint = -1;
        ql.weights = {1, 2, 3, -4, 0, 1}; // OHWI: [filter][0][0][channel]
        ql.bias = {1, -2};
        ql.multiplier = {kHalf, kHalf};
        ql.shift = {0, -2};
        ql.output.zeroPoint = 3;
        QCOMPARE(run(ql, {1, -4, 4}), (std::vector<std::int8_t>{9, 2}));
    }

    void depthwisePerChannel()
    {
        // Two channels: channel 0 is kGrid (x − zp = 0..80), channel 1 has x − zp = 1..9.
        // Filters (taps [ky][kx][c]): channel 0 [[1, −2], [3, 4]], channel 1 [[3, 0], [0, −1]].
        QuantizedLayer ql
            = layer(LayerKind::DepthwiseConv2D, Shape::hwc(3, 3, 2), Shape::hwc(2, 2, 2), 2, 1, 0);
        ql.input.zeroPoint = 10;
        std::vector<std::int8_t> x;
        for (int i = 0; i < 9; ++i) {
            x.push_back(kGrid[std::size_t(i)]);
            x.push_back(std::int8_t(10 + 1 + i));
        }
        ql.weights = {1, 3, -2, 0, 3, 0, 4, -1};
        ql.bias = {7, 10};
        ql.multiplier = {kHalf, kHalf};
        ql.shift = {-1, -2}; // M = 0.25 and 0.125
        // channel 0: 237, 297, 417, 477 as in convValid → 60, 75, 105, 120 (zero point 0)
        // channel 1: 3·1 − 5 + 10 = 8 → 4 → 1; 3·2 − 6 + 10 = 10 → 5 → 1.25 → 1;
        //            3·4 − 8 + 10 = 14 → 7 → 1.75 → 2; 3·5 − 9 + 10 = 16 → 8 → 2
        QCOMPARE(run(ql, x), (std::vector<std::int8_t>{60, 1, 75, 1, 105, 2, 120, 2}));
    }

    void requantizationAndFusedRelu()
    {
        // A 1 x 1 convolution of one channel: acc = 3·(x − zp) with zp = 0, M = 0.75 (m0 =
        // 0.75·2^31, shift 0), zp_out = −20, ReLU clamps at the zero point −20.
        QuantizedLayer ql
            = layer(LayerKind::Conv2D, Shape::hwc(1, 4, 1), Shape::hwc(1, 4, 1), 1, 1, 0);
        ql.weights = {3};
        ql.bias = {0};
        ql.multiplier = {1610612736};
        ql.shift = {0};
        ql.output.zeroPoint = -20;
        ql.actMin = -20;
        // x = 10: 30·0.75 = 22.5 → 23 (half up) − 20 = 3; x = −10: −22.5 → −22 − 20 = −42 → −20;
        // x = 100: 225 → 225 − 20 = 205 → 127; x = 7: 21·0.75 = 15.75 → 16 − 20 = −4.
        QCOMPARE(run(ql, {10, -10, 100, 7}), (std::vector<std::int8_t>{3, -20, 127, -4}));
    }

    void pooling_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QList<int>>("expected");
        // Input 3 x 3:  −5    3  −100
        //                7 −128   −91
        //              127    0    −1
        // 2 x 2 windows, stride 2, same padding: out 2 x 2, the extra row and column after.
        // Windows: {−5, 3, 7, −128}, {−100, −91}, {127, 0}, {−1}.
        // Max: 7, −91, 127 clamped to the activation maximum 100, −1.
        QTest::newRow("max") << int(LayerKind::MaxPooling2D) << QList<int>{7, -91, 100, -1};
        // Average, rounded half away from zero and clamped: −123/4 = −30.75 → −31;
        // −191/2 = −95.5 → −96; 127/2 = 63.5 → 64; −1.
        QTest::newRow("average") << int(LayerKind::AveragePooling2D)
                                 << QList<int>{-31, -96, 64, -1};
    }
    void pooling()
    {
        QFETCH(int, kind);
        QFETCH(QList<int>, expected);
        QuantizedLayer ql
            = layer(LayerKind(kind), Shape::hwc(3, 3, 1), Shape::hwc(2, 2, 1), 2, 2, 0);
        ql.actMax = 100;
        const auto y = run(ql, {-5, 3, -100, 7, -128, -91, 127, 0, -1});
        QCOMPARE(QList<int>(y.begin(), y.end()), expected);
    }

    void poolingKeepsChannelsApart()
    {
        // 2 x 2 x 2 input, one 2 x 2 window: channel 0 {1, 2, 3, 4}, channel 1 {−1, −2, −3, −6}.
        // Max: 4, −1. Average: 10/4 = 2.5 → 3; −12/4 = −3.
        const std::vector<std::int8_t> x = {1, -1, 2, -2, 3, -3, 4, -6};
        QuantizedLayer maxPool
            = layer(LayerKind::MaxPooling2D, Shape::hwc(2, 2, 2), Shape::hwc(1, 1, 2), 2, 2, 0);
        QCOMPARE(run(maxPool, x), (std::vector<std::int8_t>{4, -1}));
        QuantizedLayer average = maxPool;
        average.kind = LayerKind::AveragePooling2D;
        QCOMPARE(run(average, x), (std::vector<std::int8_t>{3, -3}));
    }
};

QTEST_GUILESS_MAIN(TestInt8Kernels)
#include "tst_int8kernels.moc"
