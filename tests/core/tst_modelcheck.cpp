// SPDX-License-Identifier: GPL-3.0-or-later
// Crafted model files with a valid checksum whose numbers no later stage could use: each is
// refused by the loader with its own clear error; models at the limits still load and compute.
#include "craftedmodel.h"
#include "testsupport.h"

#include "core/base/error.h"
#include "core/deploy/quantize.h"
#include "core/io/modelfile.h"
#include "core/nn/layersyntax.h"
#include "core/nn/modelcheck.h"
#include "core/nn/optimizer.h"
#include "core/nn/trainer.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <functional>
#include <limits>

using namespace tinyml;
using namespace tinyml::core;
using test::CraftedLayer;
using test::FileActivation;

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

QByteArray bytesOf(const std::vector<std::uint8_t> &v)
{
    return QByteArray(reinterpret_cast<const char *>(v.data()), qsizetype(v.size()));
}

/// 784 -> 10 softmax with one parameter replaced.
QByteArray oneBadParameter(std::size_t index, float value)
{
    const std::vector<CraftedLayer> layers{{10, FileActivation::Softmax, 0.01f, 0.0f}};
    std::vector<float> p = test::craftedParameters(784, layers);
    p[index] = value;
    return bytesOf(test::craftModel(784, layers, p));
}

LoadedModel loadBytes(const QByteArray &bytes, std::string &path)
{
    static QTemporaryDir dir;
    path = dir.filePath(QStringLiteral("crafted.tmlm")).toStdString();
    test::writeCrafted(path, {bytes.begin(), bytes.end()});
    return loadModel(path);
}

} // namespace

class TestModelCheck : public QObject
{
    Q_OBJECT

private slots:
    void craftedFilesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("field");
        QTest::addColumn<int>("layer"); // from 0; -1: none named

        const auto row = [](const char *name, const std::vector<std::uint8_t> &bytes,
                            ErrorCode code, ErrorField field, int layer) {
            QTest::newRow(name) << bytesOf(bytes) << int(code) << int(field) << layer;
        };
        // The fuzzer's crash: 65,536 classes (confusion matrix of 2^32 ints, softmax sum wraps).
        row("65536 outputs",
            test::craftModel(784, {{1, FileActivation::Relu, 0.01f, 0.0f},
                                   {65536, FileActivation::Softmax, 0.01f, 0.0f}}),
            ErrorCode::ModelBadSettings, ErrorField::OutputUnits, -1);
        row("257 outputs", test::craftModel(784, {{257, FileActivation::Softmax, 0.01f, 0.0f}}),
            ErrorCode::ModelBadSettings, ErrorField::OutputUnits, -1);
        QTest::newRow("NaN weight") << oneBadParameter(5, kNaN) << int(ErrorCode::ModelNotFinite)
                                    << int(ErrorField::None) << -1;
        // The last parameter is the last bias.
        QTest::newRow("infinite bias")
            << oneBadParameter(784 * 10 + 9, -kInf) << int(ErrorCode::ModelNotFinite)
            << int(ErrorField::None) << -1;
        row("weights of 1e30",
            test::craftModel(784, {{64, FileActivation::Relu, 1e30f, 0.0f},
                                   {10, FileActivation::Softmax, 0.01f, 0.0f}}),
            ErrorCode::ModelValuesTooLarge, ErrorField::Weights, 0);
        row("bias of -2e12 in layer 2",
            test::craftModel(784, {{64, FileActivation::Relu, 0.01f, 0.0f},
                                   {10, FileActivation::Softmax, 0.01f, -2e12f}}),
            ErrorCode::ModelValuesTooLarge, ErrorField::Weights, 1);
        // Weights of 1e9 everywhere, linear: |z| can reach 784e9 = 7.8e11, then 64e9 times
        // that = 5.0e22, then 3.2e33, then 2.1e44 in layer 4: beyond float in the end.
        row("activations overflow float",
            test::craftModel(784, {{64, FileActivation::Linear, 1e9f, 0.0f},
                                   {64, FileActivation::Linear, 1e9f, 0.0f},
                                   {64, FileActivation::Linear, 1e9f, 0.0f},
                                   {10, FileActivation::Softmax, 1e9f, 0.0f}}),
            ErrorCode::ModelValuesTooLarge, ErrorField::Activations, 3);
        // Adam's state: the first and second moments of every parameter.
        const std::vector<CraftedLayer> small{{10, FileActivation::Softmax, 0.01f, 0.0f}};
        std::vector<float> state(2 * test::craftedParameterCount(784, small), 0.0f);
        state[state.size() - 1] = kNaN;
        row("NaN in the optimizer state",
            test::craftModel(784, small, test::craftedParameters(784, small), state),
            ErrorCode::ModelNotFinite, ErrorField::OptimizerState, -1);
    }
    void craftedFilesAreRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, code);
        QFETCH(int, field);
        QFETCH(int, layer);
        std::string path;
        try {
            loadBytes(bytes, path);
            QFAIL("a crafted model was accepted");
        } catch (const Error &e) {
            QCOMPARE(toString(e.code()), toString(ErrorCode(code)));
            QCOMPARE(int(e.args().field), field);
            if (layer >= 0)
                QCOMPARE(e.args().index.value_or(-1), std::int64_t(layer));
            QCOMPARE(e.args().file, path);
            const std::string what = e.what();
            QVERIFY2(what.find(path) != std::string::npos, e.what());
            QVERIFY2(what.find('\n') == std::string::npos, e.what()); // one line
        }
    }

    void theClassLimitNamesBothNumbers()
    {
        std::string path;
        try {
            loadBytes(bytesOf(test::craftModel(784, {{1, FileActivation::Relu, 0.01f, 0.0f},
                                                     {65536, FileActivation::Softmax}})),
                      path);
            QFAIL("65,536 classes accepted");
        } catch (const Error &e) {
            QCOMPARE(e.args().found.value_or(0), std::int64_t(65536));
            QCOMPARE(e.args().limit.value_or(0), std::int64_t(256));
        }
    }

    void modelsWithinTheLimitsLoadAndCompute_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        // Largest weights allowed, |z| up to 784 * 1e11 = 7.8e13.
        QTest::newRow("weights of 1e11")
            << bytesOf(test::craftModel(784, {{16, FileActivation::Relu, 1e11f, 0.0f},
                                              {10, FileActivation::Softmax, 1e-3f, 0.0f}}));
        // As "activations overflow float", but the sigmoid bounds layer 1's output by 1:
        // 7.8e11 -> 1 -> 6.4e10 -> 4.1e21 -> 2.6e32, within 1e38.
        QTest::newRow("sigmoid resets the bound")
            << bytesOf(test::craftModel(784, {{64, FileActivation::Sigmoid, 1e9f, 0.0f},
                                              {64, FileActivation::Linear, 1e9f, 0.0f},
                                              {64, FileActivation::Linear, 1e9f, 0.0f},
                                              {10, FileActivation::Softmax, 1e9f, 0.0f}}));
        QTest::newRow("256 classes")
            << bytesOf(test::craftModel(784, {{256, FileActivation::Softmax, 0.01f, 0.0f}}));
    }
    void modelsWithinTheLimitsLoadAndCompute()
    {
        QFETCH(QByteArray, bytes);
        std::string path;
        const LoadedModel m = loadBytes(bytes, path);
        // The brightest possible image: every prediction is a finite probability vector.
        const std::vector<float> white(784, 1.0f);
        const std::vector<float> p = m.network.predict(white);
        double sum = 0.0;
        for (float v : p) {
            QVERIFY(std::isfinite(v));
            sum += v;
        }
        QVERIFY2(std::abs(sum - 1.0) < 1e-4, qPrintable(QString::number(sum)));
    }

    void boundsFollowTheActivations()
    {
        // 3 inputs in [0, 1] -> 2 linear units -> 1 tanh unit, by hand. Unit 1: 0.5 x1 - 0.25 x2
        // + x3 lies in [-0.25, 1.5], plus bias 0.5; unit 2: x1 + x2 - x3 in [-1, 2], bias -1:
        // layer 1's bound is max(1, 2) + 1 = 3, its outputs lie in [0.25, 2] and [-2, 1]. Layer 2,
        // 2 y1 - 3 y2 + 0.25: the sum lies in [0.5 - 3, 4 + 6] = [-2.5, 10], bound 10.25.
        ModelSpec spec;
        spec.inputSize = 3;
        spec.layers = {{2, Activation::Linear}, {1, Activation::Tanh}};
        Network net(spec);
        net.weights(0) << 0.5f, -0.25f, 1.0f, 1.0f, 1.0f, -1.0f;
        net.bias(0) << 0.5f, -1.0f;
        net.weights(1) << 2.0f, -3.0f;
        net.bias(1) << 0.25f;
        const std::vector<double> b = activationBounds(net);
        QCOMPARE(b.size(), std::size_t(2));
        QCOMPARE(b[0], 3.0);
        QCOMPARE(b[1], 10.25);
        // The bound holds for the corners of the input cube.
        for (int corner = 0; corner < 8; ++corner) {
            const std::vector<float> x{float(corner & 1), float((corner >> 1) & 1),
                                       float((corner >> 2) & 1)};
            Workspace ws(spec, 1);
            net.forward(ConstMatrixMap(x.data(), 3, 1), ws);
            QVERIFY(std::abs(ws.z(0)(0, 0)) <= 3.0f && std::abs(ws.z(0)(1, 0)) <= 3.0f);
            QVERIFY(std::abs(ws.z(1)(0, 0)) <= 10.25f);
        }
    }

    void convolutionalModelsAreBoundedToo()
    {
        // The small CNN: Glorot weights pass; one filter weight of 1e30 with a 1e12 input
        // bound overflows float at the next layer and is refused there; pooling layers (no
        // parameters) are passed through.
        Network net(modelFromLayers(parseLayers(
            "Conv2D(8, 3, activation=relu), MaxPooling2D(2), Conv2D(16, 3, activation=relu), "
            "MaxPooling2D(2), Flatten(), Dense(10, activation=softmax)")));
        net.initialize(1);
        checkNetwork(net);
        const std::vector<double> bounds = activationBounds(net);
        QCOMPARE(bounds.size(), std::size_t(6));
        // Conv 1 on inputs in [0, 1], bias 0: the largest z of a filter is the sum of its positive
        // weights, the most negative the sum of its negative ones.
        double firstFilters = 0.0;
        const auto W = net.weights(0);
        for (Eigen::Index r = 0; r < W.rows(); ++r) {
            double positive = 0.0, negative = 0.0;
            for (Eigen::Index c = 0; c < W.cols(); ++c)
                (W(r, c) > 0 ? positive : negative) += std::abs(double(W(r, c)));
            firstFilters = std::max({firstFilters, positive, negative});
        }
        QVERIFY(std::abs(bounds[0] - firstFilters) <= 1e-9 * firstFilters && bounds[0] > 0.0);
        QCOMPARE(bounds[1], bounds[0]); // max pooling of ReLU outputs: the same interval
        // Filter 0 of both convolutions and unit 0 of the dense layer at 9e11 (under the 1e12
        // parameter limit): 9 · 9e11, then 72 · 9e11 · 8.1e12, then 400 · 9e11 · 5.2e26 > 1e38.
        for (std::size_t l : {std::size_t(0), std::size_t(2), std::size_t(5)})
            net.weights(l).row(0).setConstant(9e11f);
        bool refused = false;
        try {
            checkNetwork(net);
        } catch (const Error &e) {
            refused = true;
            QCOMPARE(toString(e.code()), toString(ErrorCode::ModelValuesTooLarge));
        }
        QVERIFY(refused);
    }

    void classesBeyond256AreRefused()
    {
        // A 257-unit output layer can be built (to study its initialization), but not
        // evaluated, trained, quantized or exported.
        const Dataset data = test::syntheticDigits(120);
        Network wide(ModelSpec::withHidden({8}, Activation::Relu, 257));
        for (const auto &use : std::vector<std::function<void()>>{
                 [&] { evaluate(wide, data); },
                 [&] {
                     Optimizer opt(wide.spec().optimizer, wide.parameters().size());
                     Trainer(wide, opt, TrainConfig{}, data);
                 },
                 [&] { quantize(wide, data, 10); },
             }) {
            try {
                use();
                QFAIL("257 classes accepted");
            } catch (const Error &e) {
                QCOMPARE(toString(e.code()), toString(ErrorCode::SpecInvalid));
                QCOMPARE(int(e.args().field), int(ErrorField::OutputUnits));
                QCOMPARE(e.args().found.value_or(0), std::int64_t(257));
            }
        }
        Network net(ModelSpec::withHidden({}, Activation::Relu, 256));
        // Evaluating a 256-class model: a 256 x 256 confusion matrix (65,536 cells).
        const Evaluation ev = evaluate(net, data);
        QCOMPARE(ev.classes, 256);
        QCOMPARE(ev.confusion.size(), std::size_t(256 * 256));
        std::int64_t total = 0;
        for (int c : ev.confusion)
            total += c;
        QCOMPARE(total, std::int64_t(120));
        // All-zero weights: every output equal, the first maximum (class 0) is predicted.
        QCOMPARE(ev.count(data.labels[0], 0) > 0, true);
        QCOMPARE(ev.count(255, 255), 0);
    }

    void trainingBeyondTheLimitsCountsAsDiverged()
    {
        // Mean squared error on softmax outputs stays below 1 whatever the weights, so a
        // learning rate of 1e15 throws the weights far beyond 1e12 with a finite loss: such a
        // run must not end as a usable model.
        ModelSpec spec = ModelSpec::withHidden({16}, Activation::Sigmoid);
        spec.loss = LossKind::MeanSquaredError;
        spec.optimizer = OptimizerSpec::defaultsFor(OptimizerKind::Sgd);
        spec.optimizer.learningRate = 1e15f;
        Network net(spec);
        net.initialize(1);
        Optimizer opt(spec.optimizer, net.parameters().size());
        TrainConfig config;
        config.epochs = 2;
        const Dataset data = test::syntheticDigits(64);
        Trainer trainer(net, opt, config, data);
        const TrainResult result = trainer.run();
        QCOMPARE(test::outcomeName(result.outcome), test::outcomeName(TrainOutcome::Diverged));
        QVERIFY(std::isfinite(result.history.front().loss));
        QVERIFY(result.history.front().loss < 1.0);
        // The last good weights are back: usable, quantizable, exportable.
        QVERIFY(isNetworkUsable(net));
    }

    void trainingRefusesWeightsBeyondTheLimits()
    {
        Network net(ModelSpec::withHidden({16}, Activation::Sigmoid));
        net.initialize(1);
        net.weights(0).setConstant(2e12f);
        QCOMPARE(isNetworkUsable(net), false);
        Optimizer opt(net.spec().optimizer, net.parameters().size());
        const Dataset data = test::syntheticDigits(64);
        try {
            Trainer trainer(net, opt, TrainConfig{}, data);
            QFAIL("training started from weights of 2e12");
        } catch (const Error &e) {
            QCOMPARE(toString(e.code()), toString(ErrorCode::ModelValuesTooLarge));
            QCOMPARE(int(e.args().field), int(ErrorField::Weights));
            QCOMPARE(e.args().index.value_or(-1), std::int64_t(0));
        }
    }
};

QTEST_MAIN(TestModelCheck)
#include "tst_modelcheck.moc"
