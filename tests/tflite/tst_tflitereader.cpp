// SPDX-License-Identifier: GPL-3.0-or-later
// The .tflite reader: files of the studio's writer come back as the same network; hand-built
// files check the input range, dequantization and every refusal (a clear error, no crash).
#include "core/base/error.h"
#include "core/deploy/quantize.h"
#include "core/tflite/tflitereader.h"
#include "core/tflite/tflitewriter.h"
#include "testsupport.h"
#include "tflitecraft.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstring>
#include <fstream>
#include <utility>

using namespace tinyml::core;
using tinyml::test::caught;
using tinyml::test::TfliteCraft;

namespace {

using Bytes = std::vector<std::uint8_t>;

ModelSpec specNamed(const QString &name)
{
    if (name == "dense relu softmax")
        return ModelSpec::withHidden({24}, Activation::Relu);
    if (name == "dense sigmoid tanh")
        return ModelSpec::withLayers({LayerSpec::dense(16, Activation::Sigmoid),
                                      LayerSpec::dense(12, Activation::Tanh),
                                      LayerSpec::dense(10, Activation::Softmax)},
                                     Shape::flat(784));
    if (name == "dense leaky linear")
        return ModelSpec::withLayers(
            {LayerSpec::dense(8, Activation::LeakyRelu), LayerSpec::dense(10, Activation::Linear)},
            Shape::flat(784));
    if (name == "conv pool dense")
        return ModelSpec::withLayers({LayerSpec::conv2d(4, 3, Activation::Relu),
                                      LayerSpec::maxPooling2d(2), LayerSpec::flatten(),
                                      LayerSpec::dense(10, Activation::Softmax)});
    // depthwise, same padding, stride 2, average pooling
    return ModelSpec::withLayers({LayerSpec::conv2d(3, 3, Activation::Relu, 2, Padding::Same),
                                  LayerSpec::depthwiseConv2d(3, Activation::Tanh, 1, Padding::Same),
                                  LayerSpec::averagePooling2d(3, 2, Padding::Same),
                                  LayerSpec::flatten(), LayerSpec::dense(10, Activation::Softmax)});
}

/// A 4-input, 2-output dense model with a float input, made by "another writer".
Bytes tinyDense(const std::vector<float> &w,
                const std::vector<float> &b,
                const std::string &description = "another writer")
{
    TfliteCraft c;
    const int in = c.tensor({1, 4}, TfliteCraft::kFloat32, "in");
    const int wt = c.floats({2, 4}, "w", w);
    const int bt = c.floats({2}, "b", b);
    const int out = c.tensor({1, 2}, TfliteCraft::kFloat32, "out");
    c.fullyConnected(in, wt, bt, out);
    return c.finish({in}, {out}, description);
}

} // namespace

class TestTfliteReader : public QObject
{
    Q_OBJECT

private slots:
    void studioFilesComeBackUnchanged_data()
    {
        QTest::addColumn<QString>("model");
        for (const char *n : {"dense relu softmax", "dense sigmoid tanh", "dense leaky linear",
                              "conv pool dense", "depthwise same stride"})
            QTest::newRow(n) << QString(n);
    }

    void studioFilesComeBackUnchanged()
    {
        QFETCH(QString, model);
        Network net(specNamed(model));
        net.initialize(11);
        // Non-zero biases, so that a bias read from the wrong place shows.
        for (std::size_t l = 0; l < net.layerCount(); ++l)
            if (net.spec().layers[l].hasParameters())
                for (Eigen::Index i = 0; i < net.bias(l).size(); ++i)
                    net.bias(l)(i) = 0.01f * float(i + 1) - 0.03f * float(l);
        const Bytes file = writeTfliteFloat(net);
        QVERIFY(isTflite(file));
        const LoadedModel back = readTflite(file, "model.tflite");
        // The same bytes at an odd address (inside a larger buffer) read the same.
        Bytes shifted(file.size() + 1);
        std::copy(file.begin(), file.end(), shifted.begin() + 1);
        const LoadedModel odd = readTflite(std::span(shifted).subspan(1), "model.tflite");
        QVERIFY(std::equal(odd.network.parameters().begin(), odd.network.parameters().end(),
                           back.network.parameters().begin(), back.network.parameters().end()));
        QCOMPARE(back.info.at("format"), std::string("tflite"));
        QCOMPARE(back.info.at("tflite_weights"), std::string("float32"));
        QCOMPARE(back.info.at("tflite_input_range"), std::string("0..1"));
        const ModelSpec &a = net.spec(), &b = back.network.spec();
        QCOMPARE(b.inputSize, a.inputSize);
        QVERIFY(b.inputShape == a.inputShape);
        QVERIFY(b.layers == a.layers);
        QVERIFY(std::equal(net.parameters().begin(), net.parameters().end(),
                           back.network.parameters().begin(), back.network.parameters().end()));
        const Dataset d = tinyml::test::syntheticDigits(20);
        for (std::size_t i = 0; i < d.size(); ++i) {
            const auto x = tinyml::test::inputOf(d, i);
            QVERIFY(net.predict(x) == back.network.predict(x));
        }
    }

    void int8FilesAreDequantized_data()
    {
        QTest::addColumn<bool>("perChannel");
        QTest::newRow("dense per tensor") << false;
        QTest::newRow("dense per channel") << true;
    }

    void int8FilesAreDequantized()
    {
        QFETCH(bool, perChannel);
        const Dataset d = tinyml::test::syntheticDigits(300);
        Network net(ModelSpec::withHidden({16}, Activation::Relu));
        net.initialize(3);
        QuantizeOptions options;
        options.dense = perChannel ? DenseQuantization::PerChannel : DenseQuantization::PerTensor;
        const QuantizedModel q = quantize(net, d, 100, {}, options);
        const LoadedModel back = readTflite(writeTfliteInt8(q), "int8.tflite");
        QCOMPARE(back.info.at("tflite_weights"), std::string("int8 fully integer"));
        QCOMPARE(back.info.at("tflite_quantization"), std::string("dequantized to float32"));
        // The input's scale 1/255 and zero point −128 state the range 0..1.
        QCOMPARE(back.info.at("tflite_input_range"), std::string("0..1"));
        QCOMPARE(back.info.at("tflite_input_range_source"), std::string("file"));
        QVERIFY(back.network.spec().layers == net.spec().layers);
        // Each dequantized weight lies within half a step of a symmetric int8 grid around the
        // float weight: the step is max |w| / 127, of the row (per channel) or of the whole
        // kernel (per tensor), at most the latter.
        for (std::size_t l = 0; l < net.layerCount(); ++l) {
            const ConstMatrixMap W = std::as_const(net).weights(l);
            const ConstMatrixMap V = back.network.weights(l);
            const float step = W.cwiseAbs().maxCoeff() / 127.0f;
            for (Eigen::Index r = 0; r < W.rows(); ++r) {
                for (Eigen::Index c = 0; c < W.cols(); ++c)
                    QVERIFY2(std::abs(W(r, c) - V(r, c)) <= 0.5f * step * 1.001f + 1e-7f,
                             qPrintable(QString("layer %1 (%2, %3)").arg(l).arg(r).arg(c)));
            }
        }
        int same = 0;
        for (std::size_t i = 0; i < d.size(); ++i) {
            const auto x = tinyml::test::inputOf(d, i);
            const auto p = net.predict(x), r = back.network.predict(x);
            same += std::max_element(p.begin(), p.end()) - p.begin()
                    == std::max_element(r.begin(), r.end()) - r.begin();
        }
        QVERIFY2(same >= 295, qPrintable(QString::number(same)));
    }

    void inputRange_data()
    {
        QTest::addColumn<QString>("range");
        QTest::addColumn<float>("scale");
        QTest::addColumn<float>("offset");
        QTest::newRow("0..1") << "0..1" << 1.0f << 0.0f;
        QTest::newRow("0..255") << "0..255" << 255.0f << 0.0f;
        QTest::newRow("-1..1") << "-1..1" << 2.0f << -1.0f;
    }

    void inputRange()
    {
        QFETCH(QString, range);
        QFETCH(float, scale);
        QFETCH(float, offset);
        const std::vector<float> w{0.5f, -1.0f, 0.25f, 2.0f, -0.75f, 0.1f, 1.5f, -0.2f};
        const std::vector<float> b{0.3f, -0.4f};
        const Bytes file = tinyDense(w, b);
        // A float input from another writer states no range: the reader asks for one.
        const auto e = caught([&] { readTflite(file, "x.tflite"); });
        QVERIFY(e);
        QVERIFY(e->code() == ErrorCode::TfliteInputRangeUnknown);
        QCOMPARE(e->args().file, std::string("x.tflite"));

        const auto r = tfliteInputRangeFromString(range.toStdString());
        QVERIFY(r);
        const LoadedModel m = readTflite(file, "x.tflite", {.inputRange = r});
        QCOMPARE(m.info.at("tflite_input_range_source"), std::string("user"));
        const std::vector<float> x{0.0f, 0.2f, 0.7f, 1.0f};
        const auto y = m.network.predict(x);
        for (int o = 0; o < 2; ++o) {
            double z = b[std::size_t(o)];
            for (int i = 0; i < 4; ++i)
                z += double(w[std::size_t(o * 4 + i)]) * (scale * x[std::size_t(i)] + offset);
            QVERIFY2(std::abs(y[std::size_t(o)] - z) < 1e-4 * std::max(1.0, std::abs(z)),
                     qPrintable(QString("%1 vs %2").arg(y[std::size_t(o)]).arg(z)));
        }
    }

    void quantizedInputStatesItsRange_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<float>("scale");
        QTest::addColumn<int>("zeroPoint");
        QTest::addColumn<QString>("range");
        QTest::newRow("int8 0..1") << TfliteCraft::kInt8 << 1.0f / 255 << -128 << "0..1";
        QTest::newRow("int8 0..255") << TfliteCraft::kInt8 << 1.0f << -128 << "0..255";
        QTest::newRow("int8 -1..1") << TfliteCraft::kInt8 << 2.0f / 255 << 0 << "-1..1";
        QTest::newRow("uint8 0..1") << TfliteCraft::kUInt8 << 1.0f / 255 << 0 << "0..1";
    }

    void quantizedInputStatesItsRange()
    {
        QFETCH(int, type);
        QFETCH(float, scale);
        QFETCH(int, zeroPoint);
        QFETCH(QString, range);
        // float input → QUANTIZE → FULLY_CONNECTED with int8 weights → DEQUANTIZE.
        TfliteCraft c;
        const int in = c.tensor({1, 4}, TfliteCraft::kFloat32, "in");
        const int qin = c.tensor({1, 4}, type, "qin", {}, TfliteCraft::Quant{{scale}, {zeroPoint}});
        c.op(114, {in}, {qin});
        const std::vector<std::int8_t> w{10, -20, 30, -40, 50, -60, 70, -80};
        const int wt = c.tensor({2, 4}, TfliteCraft::kInt8, "w", TfliteCraft::bytes(w),
                                TfliteCraft::Quant{{0.01f, 0.02f}, {0, 0}, 0});
        const std::vector<std::int32_t> bias{100, -200};
        const int bt = c.tensor({2}, TfliteCraft::kInt32, "b", TfliteCraft::bytes(bias),
                                TfliteCraft::Quant{{0.01f * scale, 0.02f * scale}, {0, 0}, 0});
        const int qout
            = c.tensor({1, 2}, type, "qout", {}, TfliteCraft::Quant{{0.1f}, {zeroPoint}});
        c.fullyConnected(qin, wt, bt, qout);
        const int out = c.tensor({1, 2}, TfliteCraft::kFloat32, "out");
        c.op(6, {qout}, {out});
        const LoadedModel m = readTflite(c.finish({in}, {out}), "q.tflite");
        QCOMPARE(m.info.at("tflite_input_range"), range.toStdString());
        QCOMPARE(m.info.at("tflite_input_range_source"), std::string("file"));
        QCOMPARE(m.info.at("tflite_weights"),
                 std::string(type == TfliteCraft::kUInt8 ? "uint8 fully integer"
                                                         : "int8 fully integer"));
        // Dequantized by hand: w = s_row · q, b = s_in · s_row · q; input x_file = a·x + c.
        const auto r = affine(range);
        const std::vector<float> x{0.1f, 0.4f, 0.6f, 0.9f};
        const auto y = m.network.predict(x);
        for (int o = 0; o < 2; ++o) {
            const double s = o == 0 ? 0.01 : 0.02;
            double z = s * scale * bias[std::size_t(o)];
            for (int i = 0; i < 4; ++i)
                z += s * w[std::size_t(o * 4 + i)] * (r.first * x[std::size_t(i)] + r.second);
            QVERIFY2(std::abs(y[std::size_t(o)] - z) < 1e-4 * std::max(1.0, std::abs(z)),
                     qPrintable(QString("%1 vs %2").arg(y[std::size_t(o)]).arg(z)));
        }
    }

    void dynamicRangeAndFloat16Weights_data()
    {
        QTest::addColumn<bool>("float16");
        QTest::newRow("int8 weights, float activations") << false;
        QTest::newRow("float16 weights through DEQUANTIZE") << true;
    }

    void dynamicRangeAndFloat16Weights()
    {
        QFETCH(bool, float16);
        TfliteCraft c;
        const int in = c.tensor({1, 3}, TfliteCraft::kFloat32, "in");
        int w;
        if (float16) {
            // 0.5, -2, 1.25, 3, -0.75, 0.125 as IEEE half floats
            const std::vector<std::uint16_t> half{0x3800, 0xc000, 0x3d00, 0x4200, 0xba00, 0x3000};
            const int w16 = c.tensor({2, 3}, 1 /* FLOAT16 */, "w16", TfliteCraft::bytes(half));
            w = c.tensor({2, 3}, TfliteCraft::kFloat32, "w");
            c.op(6, {w16}, {w}); // DEQUANTIZE of a constant
        } else {
            const std::vector<std::int8_t> q{4, -16, 10, 24, -6, 1};
            w = c.tensor({2, 3}, TfliteCraft::kInt8, "w", TfliteCraft::bytes(q),
                         TfliteCraft::Quant{{0.125f}, {0}, 0});
        }
        const int b = c.floats({2}, "b", {0.5f, -1.0f});
        const int out = c.tensor({1, 2}, TfliteCraft::kFloat32, "out");
        c.fullyConnected(in, w, b, out);
        const LoadedModel m
            = readTflite(c.finish({in}, {out}), "w.tflite", {.inputRange = TfliteInputRange::Unit});
        QCOMPARE(m.info.at("tflite_weights"),
                 std::string(float16 ? "float16" : "int8 dynamic range"));
        // Both files hold the same real weights: 0.5, -2, 1.25 / 3, -0.75, 0.125.
        const std::vector<float> x{0.2f, 0.4f, 0.8f};
        const auto y = m.network.predict(x);
        QCOMPARE(y[0], 0.5f + 0.5f * 0.2f - 2.0f * 0.4f + 1.25f * 0.8f);
        QCOMPARE(y[1], -1.0f + 3.0f * 0.2f - 0.75f * 0.4f + 0.125f * 0.8f);
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("index");

        Network net(ModelSpec::withHidden({8}, Activation::Relu));
        net.initialize(5);
        const Bytes good = writeTfliteFloat(net);
        const auto row = [](const char *tag, const Bytes &b, ErrorCode code,
                            const QString &name = {}, int index = -1) {
            QTest::newRow(tag) << QByteArray(reinterpret_cast<const char *>(b.data()),
                                             qsizetype(b.size()))
                               << int(code) << name << index;
        };

        for (const std::size_t keep :
             {std::size_t(6), std::size_t(40), good.size() / 2, good.size() - 300})
            row(qPrintable(QString("truncated to %1 bytes").arg(keep)),
                Bytes(good.begin(), good.begin() + std::ptrdiff_t(keep)),
                ErrorCode::TfliteMalformed);

        Bytes wrongId = good;
        std::memcpy(wrongId.data() + 4, "TFL2", 4);
        row("wrong identifier", wrongId, ErrorCode::TfliteBadIdentifier);

        Bytes rootOut = good;
        const std::uint32_t far = 0x7ffffff0u;
        std::memcpy(rootOut.data(), &far, 4);
        row("root offset out of range", rootOut, ErrorCode::TfliteMalformed);

        {
            TfliteCraft c;
            const int in = c.tensor({1, 65536, 65536, 1}, TfliteCraft::kFloat32, "huge");
            const int out = c.tensor({1, 10}, TfliteCraft::kFloat32, "out");
            c.softmax(in, out);
            row("huge shape", c.finish({in}, {out}), ErrorCode::TfliteTooLarge, "huge", 0);
        }
        {
            TfliteCraft c;
            const int in = c.tensor({1, 0}, TfliteCraft::kFloat32, "empty");
            const int out = c.tensor({1, 10}, TfliteCraft::kFloat32, "out");
            c.softmax(in, out);
            row("zero dimension", c.finish({in}, {out}), ErrorCode::TfliteTensorShape, "empty", 0);
        }
        {
            TfliteCraft c;
            const int in = c.tensor({1, 4}, TfliteCraft::kFloat32, "in");
            const int w = c.tensor({2, 4}, TfliteCraft::kFloat32, "w",
                                   TfliteCraft::bytes(std::vector<float>(7, 0.5f)));
            const int b = c.floats({2}, "b", {0, 0});
            const int out = c.tensor({1, 2}, TfliteCraft::kFloat32, "out");
            c.fullyConnected(in, w, b, out);
            row("buffer too short", c.finish({in}, {out}), ErrorCode::TfliteBufferSize, "w", 1);
        }
        {
            TfliteCraft c;
            const int in = c.tensor({1, 4}, TfliteCraft::kFloat32, "in");
            const int w = c.tensor({2, 4}, TfliteCraft::kFloat32, "w",
                                   TfliteCraft::bytes(std::vector<float>(9, 0.5f)));
            const int b = c.floats({2}, "b", {0, 0});
            const int out = c.tensor({1, 2}, TfliteCraft::kFloat32, "out");
            c.fullyConnected(in, w, b, out);
            row("buffer too long", c.finish({in}, {out}), ErrorCode::TfliteBufferSize, "w", 1);
        }
        {
            TfliteCraft c;
            const int in = c.tensor({1, 4}, TfliteCraft::kFloat32, "in");
            const int other = c.tensor({1, 4}, TfliteCraft::kFloat32, "other");
            const int out = c.tensor({1, 4}, TfliteCraft::kFloat32, "out");
            c.op(0, {in, other}, {out}); // ADD
            row("unsupported operator", c.finish({in}, {out}), ErrorCode::TfliteOperatorUnsupported,
                "ADD", 0);
        }
        {
            TfliteCraft c;
            const int in = c.tensor({1, 4}, TfliteCraft::kFloat32, "in");
            const int w = c.floats({2, 4}, "w", std::vector<float>(8, 0.1f));
            const int b = c.floats({2}, "b", {0, 0});
            const int mid = c.tensor({1, 2}, TfliteCraft::kFloat32, "mid");
            const int out = c.tensor({1, 2}, TfliteCraft::kFloat32, "out");
            c.fullyConnected(in, w, b, mid);
            c.op(21, {mid}, {out}); // RELU6
            row("unsupported operator after others", c.finish({in}, {out}),
                ErrorCode::TfliteOperatorUnsupported, "RELU6", 1);
        }
        {
            TfliteCraft c;
            const int in = c.tensor({1, 4}, TfliteCraft::kFloat32, "in");
            const int out = c.tensor({1, 4}, TfliteCraft::kFloat32, "out");
            c.op(19, {in}, {out}); // RELU with no layer before it
            row("activation without a layer", c.finish({in}, {out}), ErrorCode::TfliteNotChain,
                "RELU", 0);
        }
        row(
            "two subgraphs",
            [] {
                TfliteCraft c;
                const int in = c.tensor({1, 4}, TfliteCraft::kFloat32, "in");
                const int out = c.tensor({1, 4}, TfliteCraft::kFloat32, "out");
                c.softmax(in, out);
                return c.finish({in}, {out}, "x", 2);
            }(),
            ErrorCode::TfliteSubgraphs);
        {
            TfliteCraft c;
            const int in = c.tensor({1, 4}, TfliteCraft::kFloat32, "in");
            const int w = c.floats({2, 4}, "w", {1, 2, 3, std::nanf(""), 5, 6, 7, 8});
            const int b = c.floats({2}, "b", {0, 0});
            const int out = c.tensor({1, 2}, TfliteCraft::kFloat32, "out");
            c.fullyConnected(in, w, b, out);
            row("NaN weight", c.finish({in}, {out}), ErrorCode::TfliteNotFinite, "w", 1);
        }
        {
            TfliteCraft c;
            const int in = c.tensor({1, 8, 8, 1}, TfliteCraft::kFloat32, "in");
            const int w = c.floats({2, 3, 3, 1}, "w", std::vector<float>(18, 0.1f));
            const int b = c.floats({2}, "b", {0, 0});
            const int out = c.tensor({1, 4, 4, 2}, TfliteCraft::kFloat32, "out");
            c.op(3, {in, w, b}, {out}, tflite::BuiltinOptions::Conv2DOptions,
                 tflite::CreateConv2DOptions(c.fbb(), tflite::Padding::VALID, 1, 1,
                                             tflite::ActivationFunctionType::NONE, 2, 2)
                     .Union());
            row("dilated convolution", c.finish({in}, {out}), ErrorCode::TfliteOptionUnsupported,
                "CONV_2D", 0);
        }
        {
            TfliteCraft c;
            const int in = c.tensor({1, 4}, TfliteCraft::kFloat32, "in");
            const int w = c.floats({2, 4}, "w", std::vector<float>(8, 0.1f));
            const int b = c.floats({2}, "b", {0, 0});
            const int out = c.tensor({1, 2}, TfliteCraft::kFloat32, "out");
            c.fullyConnected(in, w, b, out, tflite::ActivationFunctionType::RELU6);
            row("fused RELU6", c.finish({in}, {out}), ErrorCode::TfliteOptionUnsupported,
                "FULLY_CONNECTED", 0);
        }
        {
            TfliteCraft c;
            const int in = c.tensor({1, 4}, TfliteCraft::kFloat32, "in");
            const int w = c.floats({2, 4}, "w", std::vector<float>(8, 0.1f));
            const int b = c.floats({2}, "b", {0, 0});
            const int out = c.tensor({1, 3}, TfliteCraft::kFloat32, "out");
            c.fullyConnected(in, w, b, out);
            row("output shape mismatch", c.finish({in}, {out}), ErrorCode::TfliteTensorShape, "out",
                3);
        }
        {
            TfliteCraft c;
            const int in = c.tensor({1, 4}, TfliteCraft::kFloat32, "in");
            const int stray = c.tensor({1, 4}, TfliteCraft::kFloat32, "stray");
            const int out = c.tensor({1, 4}, TfliteCraft::kFloat32, "out");
            c.softmax(stray, out);
            row("operator off the chain", c.finish({in}, {out}), ErrorCode::TfliteNotChain,
                "SOFTMAX", 0);
        }
        {
            // A branch: the second layer reads the model's input instead of the first's output.
            TfliteCraft c;
            const int in = c.tensor({1, 4}, TfliteCraft::kFloat32, "in");
            const int w1 = c.floats({4, 4}, "w1", std::vector<float>(16, 0.1f));
            const int b1 = c.floats({4}, "b1", std::vector<float>(4, 0.0f));
            const int mid = c.tensor({1, 4}, TfliteCraft::kFloat32, "mid");
            const int w2 = c.floats({2, 4}, "w2", std::vector<float>(8, 0.2f));
            const int b2 = c.floats({2}, "b2", {0, 0});
            const int out = c.tensor({1, 2}, TfliteCraft::kFloat32, "out");
            c.fullyConnected(in, w1, b1, mid);
            c.fullyConnected(in, w2, b2, out);
            row("branch off the chain", c.finish({in}, {out}), ErrorCode::TfliteNotChain,
                "FULLY_CONNECTED", 1);
        }
        {
            TfliteCraft c;
            const int in = c.tensor({1, 4}, TfliteCraft::kFloat32, "in");
            const int w = c.floats({2, 4}, "w", std::vector<float>(8, 0.1f));
            const int b = c.floats({2}, "b", {0, 0});
            const int out = c.tensor({1, 2}, TfliteCraft::kFloat32, "out");
            const int p = c.tensor({1, 2}, TfliteCraft::kFloat32, "p");
            c.fullyConnected(in, w, b, out);
            c.softmax(out, p, 0.5f);
            row("softmax beta 0.5", c.finish({in}, {p}), ErrorCode::TfliteOptionUnsupported,
                "SOFTMAX", 1);
        }
        {
            TfliteCraft c;
            const int in = c.tensor({1, 4}, 7 /* INT16 */, "in");
            const int out = c.tensor({1, 4}, TfliteCraft::kFloat32, "out");
            c.softmax(in, out);
            row("int16 input", c.finish({in}, {out}), ErrorCode::TfliteTensorType, "in", 0);
        }
        {
            TfliteCraft c;
            const int in = c.tensor({1, 4}, TfliteCraft::kFloat32, "in");
            const int out = c.tensor({1, 4}, TfliteCraft::kFloat32, "out");
            c.op(9, {in, 5, 6}, {out}); // weights at tensor indices that do not exist
            row("tensor index out of range", c.finish({in}, {out}), ErrorCode::TfliteMalformed);
        }
    }

    void refusals()
    {
        QFETCH(QByteArray, file);
        QFETCH(int, code);
        QFETCH(QString, name);
        QFETCH(int, index);
        const Bytes bytes(file.begin(), file.end());
        const auto e = caught(
            [&] { readTflite(bytes, "bad.tflite", {.inputRange = TfliteInputRange::Unit}); });
        QVERIFY2(e, "accepted");
        QCOMPARE(QString::fromUtf8(toString(e->code())),
                 QString::fromUtf8(toString(ErrorCode(code))));
        QCOMPARE(e->args().file, std::string("bad.tflite"));
        QVERIFY(QString::fromUtf8(e->what()).contains("bad.tflite"));
        if (!name.isEmpty()) {
            QCOMPARE(QString::fromStdString(e->args().name), name);
            QVERIFY2(QString::fromUtf8(e->what()).contains(name), e->what());
        }
        if (index >= 0)
            QCOMPARE(e->args().index, std::optional<std::int64_t>(index));
    }

    void filesAreToldApartByContent()
    {
        QTemporaryDir dir;
        Network net(ModelSpec::withHidden({8}, Activation::Relu));
        net.initialize(2);
        const Bytes tflite = writeTfliteFloat(net);
        // A .tflite under a .tmlm name, and the studio's format under a .tflite name.
        const auto a = std::filesystem::path(dir.filePath("looks-like.tmlm").toStdString());
        const auto b = std::filesystem::path(dir.filePath("looks-like.tflite").toStdString());
        {
            std::ofstream(a, std::ios::binary)
                .write(reinterpret_cast<const char *>(tflite.data()),
                       std::streamsize(tflite.size()));
        }
        saveModel(b, net, nullptr, {});
        const LoadedModel fromA = loadAnyModel(a), fromB = loadAnyModel(b);
        QCOMPARE(fromA.info.at("format"), std::string("tflite"));
        QVERIFY(!fromB.info.count("format"));
        QVERIFY(fromA.network.spec().layers == net.spec().layers);
        QVERIFY(fromB.network.spec().layers == net.spec().layers);
    }

private:
    static std::pair<double, double> affine(const QString &range)
    {
        if (range == "0..255")
            return {255.0, 0.0};
        if (range == "-1..1")
            return {2.0, -1.0};
        return {1.0, 0.0};
    }
};

QTEST_GUILESS_MAIN(TestTfliteReader)
#include "tst_tflitereader.moc"
