// SPDX-License-Identifier: GPL-3.0-or-later
// The .tflite writer's structure, read back with a minimal FlatBuffers walker written here from
// the FlatBuffers binary format (root offset, vtables, vectors), not with the project's schema:
// field ids, enum values and layouts are checked against TFLite's published numbers
// (docs/facts.md §12). Also the C array as `xxd -i` prints it, the refusals, and the CLI.
#include "core/base/error.h"
#include "core/deploy/quantize.h"
#include "core/nn/trainer.h"
#include "core/tflite/tflitewriter.h"
#include "flatwalker.h"
#include "testsupport.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

using namespace tinyml::core;

using tinyml::test::Walker;

namespace {

// Ids of TFLite's tables (docs/facts.md §12), typed here from the facts.
enum ModelField { ModelVersion = 0, ModelOperatorCodes = 1, ModelSubgraphs = 2, ModelBuffers = 4 };
enum SubGraphField { SgTensors = 0, SgInputs = 1, SgOutputs = 2, SgOperators = 3 };
enum TensorField { TShape = 0, TType = 1, TBuffer = 2, TQuantization = 4 };
enum QuantField { QScale = 2, QZeroPoint = 3, QDimension = 6 };
enum OperatorField { OpCodeIndex = 0, OpInputs = 1, OpOutputs = 2, OpOptionsType = 3, OpOptions = 4 };
enum OperatorCodeField { OcDeprecatedCode = 0, OcVersion = 2, OcCode = 3 };

constexpr int kFloat32 = 0, kInt32 = 2, kInt8 = 9;
constexpr int kFullyConnected = 9, kConv2d = 3, kDepthwise = 4, kMaxPool = 17, kReshape = 22,
              kSoftmax = 25;

Network smallNet(const ModelSpec &spec, std::uint64_t seed)
{
    Network net(spec);
    net.initialize(seed);
    // Biases are zero after initialisation: give them values so that their bytes are checked.
    for (std::size_t l = 0; l < net.layerCount(); ++l)
        if (spec.layers[l].hasParameters())
            for (Eigen::Index i = 0; i < net.bias(l).size(); ++i)
                net.bias(l)(i) = 0.01f * float(i + 1);
    return net;
}

} // namespace

class TestTfliteFormat : public QObject
{
    Q_OBJECT

private slots:
    void denseFloat()
    {
        const Network net = smallNet(ModelSpec::withHidden({12}, Activation::Relu), 4);
        const auto bytes = writeTfliteFloat(net);
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(bytes.data()) + 4, 4), QByteArray("TFL3"));
        const Walker w(bytes);
        const std::size_t model = w.root();
        QCOMPARE(w.scalar<std::uint32_t>(model, ModelVersion), 3u);
        // Buffer 0: the empty sentinel.
        const std::size_t buffers = w.table(model, ModelBuffers);
        QVERIFY(w.length(buffers) >= 5); // sentinel, two kernels, two biases
        QVERIFY(w.vector<std::uint8_t>(w.element(buffers, 0), 0).empty());
        const std::size_t subgraphs = w.table(model, ModelSubgraphs);
        QCOMPARE(w.length(subgraphs), 1u);
        const std::size_t sg = w.element(subgraphs, 0);
        const std::size_t tensors = w.table(sg, SgTensors);
        const auto inputs = w.vector<std::int32_t>(sg, SgInputs);
        QCOMPARE(inputs.size(), std::size_t(1));
        const std::size_t input = w.element(tensors, std::size_t(inputs[0]));
        QCOMPARE(w.vector<std::int32_t>(input, TShape), (std::vector<std::int32_t>{1, 784}));
        QCOMPARE(int(w.scalar<std::int8_t>(input, TType)), kFloat32);
        QCOMPARE(w.scalar<std::uint32_t>(input, TBuffer), 0u);

        // Operators: FULLY_CONNECTED (fused ReLU), FULLY_CONNECTED, SOFTMAX.
        const std::size_t codes = w.table(model, ModelOperatorCodes);
        const std::size_t ops = w.table(sg, SgOperators);
        QCOMPARE(w.length(ops), 3u);
        std::vector<int> opCodes;
        for (std::uint32_t i = 0; i < w.length(ops); ++i) {
            const std::size_t code = w.element(codes, w.scalar<std::uint32_t>(w.element(ops, i), OpCodeIndex));
            opCodes.push_back(w.scalar<std::int32_t>(code, OcCode));
            QCOMPARE(int(w.scalar<std::int8_t>(code, OcDeprecatedCode)), opCodes.back());
            QCOMPARE(w.scalar<std::int32_t>(code, OcVersion, 1), 1);
        }
        QCOMPARE(opCodes, (std::vector<int>{kFullyConnected, kFullyConnected, kSoftmax}));
        const std::size_t fc = w.element(ops, 0);
        QCOMPARE(int(w.scalar<std::uint8_t>(fc, OpOptionsType)), 8); // FullyConnectedOptions
        QCOMPARE(int(w.scalar<std::int8_t>(w.table(fc, OpOptions), 0)), 1); // fused RELU
        const std::size_t softmax = w.element(ops, 2);
        QCOMPARE(int(w.scalar<std::uint8_t>(softmax, OpOptionsType)), 9); // SoftmaxOptions
        QCOMPARE(w.scalar<float>(w.table(softmax, OpOptions), 0), 1.0f);   // beta
        // The first operator reads the model's input; the last one writes its output.
        const auto fcInputs = w.vector<std::int32_t>(fc, OpInputs);
        QCOMPARE(fcInputs.size(), std::size_t(3));
        QCOMPARE(fcInputs[0], inputs[0]);
        QCOMPARE(w.vector<std::int32_t>(softmax, OpOutputs), w.vector<std::int32_t>(sg, SgOutputs));

        // Weights [out, in] row-major: element (o, i) at o * 784 + i, float32 little-endian.
        const std::size_t kernel = w.element(tensors, std::size_t(fcInputs[1]));
        QCOMPARE(w.vector<std::int32_t>(kernel, TShape), (std::vector<std::int32_t>{12, 784}));
        const auto kernelBytes = w.vector<std::uint8_t>(
            w.element(buffers, w.scalar<std::uint32_t>(kernel, TBuffer)), 0);
        QCOMPARE(kernelBytes.size(), std::size_t(12 * 784 * 4));
        for (auto [o, i] : {std::pair{0, 0}, {3, 5}, {11, 783}, {7, 400}}) {
            float v;
            std::memcpy(&v, kernelBytes.data() + (std::size_t(o) * 784 + std::size_t(i)) * 4, 4);
            QCOMPARE(v, net.weights(0)(o, i));
        }
        const std::size_t bias = w.element(tensors, std::size_t(fcInputs[2]));
        const auto biasBytes = w.vector<std::uint8_t>(
            w.element(buffers, w.scalar<std::uint32_t>(bias, TBuffer)), 0);
        float b11;
        std::memcpy(&b11, biasBytes.data() + 11 * 4, 4);
        QCOMPARE(b11, 0.12f);
    }

    void convFloat()
    {
        const Network net = smallNet(
            ModelSpec::withLayers({LayerSpec::conv2d(3, 3, Activation::Relu, 2, Padding::Same),
                                   LayerSpec::depthwiseConv2d(3, Activation::Linear),
                                   LayerSpec::maxPooling2d(2), LayerSpec::flatten(),
                                   LayerSpec::dense(10, Activation::Softmax)}),
            6);
        const auto bytes = writeTfliteFloat(net);
        const Walker w(bytes);
        const std::size_t model = w.root();
        const std::size_t buffers = w.table(model, ModelBuffers);
        const std::size_t sg = w.element(w.table(model, ModelSubgraphs), 0);
        const std::size_t tensors = w.table(sg, SgTensors);
        const std::size_t codes = w.table(model, ModelOperatorCodes);
        const std::size_t ops = w.table(sg, SgOperators);
        std::vector<int> opCodes;
        for (std::uint32_t i = 0; i < w.length(ops); ++i)
            opCodes.push_back(w.scalar<std::int32_t>(
                w.element(codes, w.scalar<std::uint32_t>(w.element(ops, i), OpCodeIndex)), OcCode));
        QCOMPARE(opCodes, (std::vector<int>{kConv2d, kDepthwise, kMaxPool, kReshape,
                                            kFullyConnected, kSoftmax}));
        const std::size_t input = w.element(tensors, std::size_t(w.vector<std::int32_t>(sg, SgInputs)[0]));
        QCOMPARE(w.vector<std::int32_t>(input, TShape), (std::vector<std::int32_t>{1, 28, 28, 1}));

        auto data = [&](std::size_t tensor) {
            return w.vector<std::uint8_t>(w.element(buffers, w.scalar<std::uint32_t>(tensor, TBuffer)), 0);
        };
        auto floatAt = [](const std::vector<std::uint8_t> &d, std::size_t i) {
            float v;
            std::memcpy(&v, d.data() + 4 * i, 4);
            return v;
        };
        // CONV_2D: SAME padding (0), stride 2, fused RELU; filter OHWI [3, 3, 3, 1].
        const std::size_t conv = w.element(ops, 0);
        QCOMPARE(int(w.scalar<std::uint8_t>(conv, OpOptionsType)), 1);
        const std::size_t convOptions = w.table(conv, OpOptions);
        QCOMPARE(int(w.scalar<std::int8_t>(convOptions, 0)), 0); // padding SAME (absent: default 0)
        QCOMPARE(w.scalar<std::int32_t>(convOptions, 1), 2);        // stride_w
        QCOMPARE(w.scalar<std::int32_t>(convOptions, 2), 2);        // stride_h
        QCOMPARE(int(w.scalar<std::int8_t>(convOptions, 3)), 1);    // RELU
        const std::size_t filter = w.element(tensors, std::size_t(w.vector<std::int32_t>(conv, OpInputs)[1]));
        QCOMPARE(w.vector<std::int32_t>(filter, TShape), (std::vector<std::int32_t>{3, 3, 3, 1}));
        const auto f = data(filter);
        // Element (o, ky, kx, c) at ((o*3 + ky)*3 + kx)*1 + c; the engine's kernel column for
        // a tap is (ky*3 + kx)*cin + c (network.h).
        for (int o = 0; o < 3; ++o)
            for (int tap = 0; tap < 9; ++tap)
                QCOMPARE(floatAt(f, std::size_t(o * 9 + tap)), net.weights(0)(o, tap));
        // DEPTHWISE_CONV_2D: VALID (1), stride 1, multiplier 1, no fused activation;
        // filter [1, 3, 3, 3]: element (ky, kx, c) at (ky*3 + kx)*3 + c.
        const std::size_t dw = w.element(ops, 1);
        QCOMPARE(int(w.scalar<std::uint8_t>(dw, OpOptionsType)), 2);
        const std::size_t dwOptions = w.table(dw, OpOptions);
        QCOMPARE(int(w.scalar<std::int8_t>(dwOptions, 0)), 1);
        QCOMPARE(w.scalar<std::int32_t>(dwOptions, 3), 1); // depth_multiplier
        QCOMPARE(int(w.scalar<std::int8_t>(dwOptions, 4)), 0);
        const std::size_t dwFilter = w.element(tensors, std::size_t(w.vector<std::int32_t>(dw, OpInputs)[1]));
        QCOMPARE(w.vector<std::int32_t>(dwFilter, TShape), (std::vector<std::int32_t>{1, 3, 3, 3}));
        const auto df = data(dwFilter);
        const auto dwW = net.weights(1); // (channels, taps)
        for (int c = 0; c < 3; ++c)
            for (int tap = 0; tap < 9; ++tap)
                QCOMPARE(floatAt(df, std::size_t(tap * 3 + c)), dwW(c, tap));
        // MAX_POOL_2D: Pool2DOptions (5), VALID, stride 2, filter 2 x 2.
        const std::size_t pool = w.element(ops, 2);
        QCOMPARE(int(w.scalar<std::uint8_t>(pool, OpOptionsType)), 5);
        const std::size_t poolOptions = w.table(pool, OpOptions);
        QCOMPARE(int(w.scalar<std::int8_t>(poolOptions, 0)), 1);
        for (int id = 1; id <= 4; ++id)
            QCOMPARE(w.scalar<std::int32_t>(poolOptions, id), 2);
        // RESHAPE to [1, n]: shape tensor int32 [2] = {1, n} and ReshapeOptions (17).
        const std::size_t reshape = w.element(ops, 3);
        QCOMPARE(int(w.scalar<std::uint8_t>(reshape, OpOptionsType)), 17);
        const int n = int(net.spec().outputShape(3).size());
        QCOMPARE(w.vector<std::int32_t>(w.table(reshape, OpOptions), 0), (std::vector<std::int32_t>{1, n}));
        const std::size_t shape = w.element(tensors, std::size_t(w.vector<std::int32_t>(reshape, OpInputs)[1]));
        QCOMPARE(int(w.scalar<std::int8_t>(shape, TType)), kInt32);
        const auto shapeBytes = data(shape);
        QCOMPARE(shapeBytes.size(), std::size_t(8));
        std::int32_t s[2];
        std::memcpy(s, shapeBytes.data(), 8);
        QCOMPARE(s[0], 1);
        QCOMPARE(s[1], n);
    }

    void int8Quantization_data()
    {
        QTest::addColumn<bool>("perChannel");
        QTest::addColumn<bool>("denseAsConv");
        QTest::newRow("per tensor FULLY_CONNECTED") << false << false;
        QTest::newRow("per channel FULLY_CONNECTED") << true << false;
        QTest::newRow("per channel 1x1 CONV_2D") << true << true;
    }
    void int8Quantization()
    {
        QFETCH(bool, perChannel);
        QFETCH(bool, denseAsConv);
        const Dataset data = tinyml::test::syntheticDigits(300, 5);
        const Network net = smallNet(ModelSpec::withHidden({16}, Activation::Relu), 8);
        QuantizeOptions options;
        options.dense = perChannel ? DenseQuantization::PerChannel : DenseQuantization::PerTensor;
        const QuantizedModel q = quantize(net, data, 300, {}, options);
        TfliteSummary summary;
        const auto bytes = writeTfliteInt8(q, &summary, denseAsConv);
        QVERIFY(summary.denseScales
                == (perChannel ? TfliteDenseScales::PerChannel : TfliteDenseScales::PerTensor));
        const Walker w(bytes);
        const std::size_t model = w.root();
        const std::size_t sg = w.element(w.table(model, ModelSubgraphs), 0);
        const std::size_t tensors = w.table(sg, SgTensors);
        const std::size_t buffers = w.table(model, ModelBuffers);
        const std::size_t input = w.element(tensors, std::size_t(w.vector<std::int32_t>(sg, SgInputs)[0]));
        QCOMPARE(int(w.scalar<std::int8_t>(input, TType)), kInt8);
        const std::size_t inQ = w.table(input, TQuantization);
        QCOMPARE(w.vector<float>(inQ, QScale), std::vector<float>{1.0f / 255.0f});
        QCOMPARE(w.vector<std::int64_t>(inQ, QZeroPoint), std::vector<std::int64_t>{-128});
        const std::size_t output = w.element(tensors, std::size_t(w.vector<std::int32_t>(sg, SgOutputs)[0]));
        QCOMPARE(int(w.scalar<std::int8_t>(output, TType)), kInt8);
        const std::size_t outQ = w.table(output, TQuantization);
        QCOMPARE(w.vector<float>(outQ, QScale), std::vector<float>{1.0f / 256.0f});
        QCOMPARE(w.vector<std::int64_t>(outQ, QZeroPoint), std::vector<std::int64_t>{-128});

        // The first weighted operator: int8 kernel with 16 scales along dimension 0, zero points
        // 0; int32 bias with scale s_in * s_w[c]; the kernel's bytes are the engine's.
        const std::size_t codes = w.table(model, ModelOperatorCodes);
        const std::size_t ops = w.table(sg, SgOperators);
        std::size_t first = 0;
        for (std::uint32_t i = 0; i < w.length(ops) && !first; ++i) {
            const int code = w.scalar<std::int32_t>(
                w.element(codes, w.scalar<std::uint32_t>(w.element(ops, i), OpCodeIndex)), OcCode);
            if (code == (denseAsConv ? kConv2d : kFullyConnected)) {
                first = w.element(ops, i);
                QCOMPARE(w.scalar<std::int32_t>(
                             w.element(codes, w.scalar<std::uint32_t>(first, OpCodeIndex)), OcVersion, 1),
                         denseAsConv ? 3 : 4);
            }
        }
        QVERIFY(first);
        const auto opInputs = w.vector<std::int32_t>(first, OpInputs);
        const std::size_t kernel = w.element(tensors, std::size_t(opInputs[1]));
        QCOMPARE(int(w.scalar<std::int8_t>(kernel, TType)), kInt8);
        QCOMPARE(w.vector<std::int32_t>(kernel, TShape),
                 denseAsConv ? (std::vector<std::int32_t>{16, 1, 1, 784})
                             : (std::vector<std::int32_t>{16, 784}));
        const std::size_t kq = w.table(kernel, TQuantization);
        const auto scales = w.vector<float>(kq, QScale);
        const std::size_t n = perChannel ? 16 : 1;
        QCOMPARE(scales.size(), n);
        QCOMPARE(w.vector<std::int64_t>(kq, QZeroPoint), std::vector<std::int64_t>(n, 0));
        QCOMPARE(w.scalar<std::int32_t>(kq, QDimension), 0); // absent means 0
        // S_w = max |W| / 127 over the row (per channel) or the kernel (docs/facts.md §5),
        // stored as float32.
        std::vector<double> sw(16);
        double kernelMax = 0.0;
        for (int c = 0; c < 16; ++c) {
            double maxAbs = 0.0;
            for (int i = 0; i < 784; ++i)
                maxAbs = std::max(maxAbs, std::abs(double(net.weights(0)(c, i))));
            sw[std::size_t(c)] = maxAbs / 127.0;
            kernelMax = std::max(kernelMax, maxAbs);
        }
        if (!perChannel)
            std::fill(sw.begin(), sw.end(), kernelMax / 127.0);
        for (std::size_t c = 0; c < n; ++c)
            QVERIFY2(std::abs(scales[c] - sw[c]) <= 1e-6 * sw[c], qPrintable(QString::number(c)));
        const auto kernelBytes = w.vector<std::uint8_t>(w.element(buffers, w.scalar<std::uint32_t>(kernel, TBuffer)), 0);
        QCOMPARE(kernelBytes.size(), q.layers[0].weights.size());
        QVERIFY(std::memcmp(kernelBytes.data(), q.layers[0].weights.data(), kernelBytes.size()) == 0);
        const std::size_t bias = w.element(tensors, std::size_t(opInputs[2]));
        QCOMPARE(int(w.scalar<std::int8_t>(bias, TType)), kInt32);
        const auto biasScales = w.vector<float>(w.table(bias, TQuantization), QScale);
        QCOMPARE(biasScales.size(), n);
        for (std::size_t c = 0; c < n; ++c)
            QVERIFY(std::abs(double(biasScales[c]) - double(scales[c]) / 255.0)
                    <= 1e-6 * double(biasScales[c]));
        const auto biasBytes = w.vector<std::uint8_t>(w.element(buffers, w.scalar<std::uint32_t>(bias, TBuffer)), 0);
        QCOMPARE(biasBytes.size(), std::size_t(16 * 4));
        std::int32_t b5;
        std::memcpy(&b5, biasBytes.data() + 5 * 4, 4);
        // q_b = round(b / (S_in * S_w[c])) with b = 0.06 for unit 5 (within one: the scales are
        // rounded to float32 first).
        QVERIFY2(std::abs(b5 - std::lround(double(0.06f) / (1.0 / 255.0 * sw[5]))) <= 1,
                 qPrintable(QString::number(b5)));
        // The fused ReLU.
        if (!denseAsConv)
            QCOMPARE(int(w.scalar<std::int8_t>(w.table(first, OpOptions), 0)), 1);
        else
            QCOMPARE(int(w.scalar<std::int8_t>(w.table(first, OpOptions), 3)), 1);
    }

    /// Convolutions are quantized per output channel: CONV_2D along dimension 0 of its OHWI
    /// filter, DEPTHWISE_CONV_2D along dimension 3 of its [1, kh, kw, C] filter.
    void int8ConvolutionScales()
    {
        const Dataset data = tinyml::test::syntheticDigits(100, 5);
        const Network net = smallNet(
            ModelSpec::withLayers({LayerSpec::conv2d(3, 3, Activation::Relu),
                                   LayerSpec::depthwiseConv2d(3, Activation::Relu),
                                   LayerSpec::flatten(), LayerSpec::dense(10, Activation::Softmax)}),
            9);
        const QuantizedModel q = quantize(net, data, 100);
        const auto bytes = writeTfliteInt8(q);
        const Walker w(bytes);
        const std::size_t model = w.root();
        const std::size_t sg = w.element(w.table(model, ModelSubgraphs), 0);
        const std::size_t tensors = w.table(sg, SgTensors);
        const std::size_t ops = w.table(sg, SgOperators);
        for (std::uint32_t op = 0; op < 2; ++op) {
            const std::size_t filter = w.element(tensors, std::size_t(w.vector<std::int32_t>(w.element(ops, op), OpInputs)[1]));
            const std::size_t fq = w.table(filter, TQuantization);
            QCOMPARE(w.vector<float>(fq, QScale).size(), std::size_t(3));
            QCOMPARE(w.scalar<std::int32_t>(fq, QDimension), op == 0 ? 0 : 3);
            QCOMPARE(w.vector<std::int32_t>(filter, TShape),
                     op == 0 ? (std::vector<std::int32_t>{3, 3, 3, 1})
                             : (std::vector<std::int32_t>{1, 3, 3, 3}));
        }
    }

    void cArrayAsXxdPrintsIt()
    {
        std::vector<std::uint8_t> bytes(14);
        for (std::size_t i = 0; i < bytes.size(); ++i)
            bytes[i] = std::uint8_t(i * 19);
        QCOMPARE(QString::fromStdString(tfliteAsCArray(bytes, "model_tflite")),
                 QStringLiteral("unsigned char model_tflite[] = {\n"
                                "  0x00, 0x13, 0x26, 0x39, 0x4c, 0x5f, 0x72, 0x85, 0x98, 0xab, 0xbe, 0xd1,\n"
                                "  0xe4, 0xf7\n"
                                "};\n"
                                "unsigned int model_tflite_len = 14;\n"));
    }

    void refusals_data()
    {
        QTest::addColumn<bool>("int8");
        QTest::addColumn<int>("layer");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("activation");
        QTest::newRow("int8 sigmoid") << true << 0 << "Dense" << "sigmoid";
        QTest::newRow("int8 leaky relu") << true << 1 << "Dense" << "leaky_relu";
        QTest::newRow("float softmax over an image") << false << 0 << "Conv2D" << "softmax";
    }
    void refusals()
    {
        QFETCH(bool, int8);
        QFETCH(int, layer);
        QFETCH(QString, kind);
        QFETCH(QString, activation);
        try {
            if (int8) {
                ModelSpec spec = ModelSpec::withHidden({8, 8}, Activation::Relu);
                spec.layers[std::size_t(layer)].activation = *activationFromString(activation.toStdString());
                const Network net = smallNet(spec, 3);
                const QuantizedModel q = quantize(net, tinyml::test::syntheticDigits(50, 2), 50);
                writeTfliteInt8(q);
            } else {
                const Network net = smallNet(
                    ModelSpec::withLayers({LayerSpec::conv2d(4, 3, Activation::Softmax)}), 3);
                writeTfliteFloat(net);
            }
            QFAIL("no error");
        } catch (const Error &e) {
            QCOMPARE(toString(e.code()), toString(ErrorCode::TfliteLayerUnsupported));
            QCOMPARE(e.args().index, std::optional<std::int64_t>(layer));
            QCOMPARE(QString::fromStdString(e.args().name), kind);
            QCOMPARE(QString::fromStdString(e.args().detail), activation);
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.contains(QStringLiteral("Layer %1 (%2)").arg(layer + 1).arg(kind)),
                     qPrintable(what));
            QCOMPARE(what.contains("int8"), int8);
        }
    }

    /// tinyml export --format tflite and c-array on the embedded model (no data needed).
    void cli()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (const char *format : {"tflite", "c-array"}) {
            QProcess p;
            p.start(qEnvironmentVariable("TINYML_CLI"),
                    {"export", "--format", format, "--out", dir.path(), "--json"});
            QVERIFY(p.waitForFinished(-1));
            QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
            QVERIFY(p.readAllStandardOutput().contains("\"operators\": [\"FULLY_CONNECTED\""));
        }
        QFile f(dir.filePath("model.tflite"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray model = f.readAll();
        QCOMPARE(model.mid(4, 4), QByteArray("TFL3"));
        QFile c(dir.filePath("model_tflite.c"));
        QVERIFY(c.open(QIODevice::ReadOnly));
        const QString text = QString::fromLatin1(c.readAll());
        QVERIFY(text.startsWith("unsigned char model_tflite[] = {\n"));
        QVERIFY(text.endsWith(QStringLiteral("unsigned int model_tflite_len = %1;\n").arg(model.size())));
        QByteArray parsed;
        const QRegularExpression hex("0x([0-9a-f]{2})");
        for (auto it = hex.globalMatch(text); it.hasNext();)
            parsed.append(char(it.next().captured(1).toInt(nullptr, 16)));
        QCOMPARE(parsed.size(), model.size());
        QVERIFY(parsed == model);
        // A bad format is a usage error (exit code 2) naming the choices.
        QProcess bad;
        bad.start(qEnvironmentVariable("TINYML_CLI"), {"export", "--format", "onnx", "--out", dir.path()});
        QVERIFY(bad.waitForFinished(-1));
        QCOMPARE(bad.exitCode(), 2);
        QVERIFY(bad.readAllStandardError().contains("tflite or c-array"));
    }
};

QTEST_GUILESS_MAIN(TestTfliteFormat)
#include "tst_tfliteformat.moc"
