// SPDX-License-Identifier: GPL-3.0-or-later
// The generated C of convolutional stacks against the engine on small random networks and
// random images, quickly and without MNIST: every stride, padding, kernel size, channel count
// and activation the export handles, with odd sizes where same padding is uneven and pooling
// windows are cut by the border. The C is compiled with -std=c99 -Wall -Wextra -Werror
// -pedantic; float32 agrees within 1e-5 with the same class, int8 is bit-identical to the
// engine's int8 kernels (which tst_int8kernels checks by hand). tst_convexport does the same on
// all 10,000 MNIST test images.
#include "core/deploy/codegen.h"
#include "core/nn/layersyntax.h"
#include "batchharness.h"

#include <QTest>

#include <cstring>

using namespace tinyml::core;
Q_DECLARE_METATYPE(tinyml::core::Precision)
Q_DECLARE_METATYPE(tinyml::core::DenseQuantization)

class TestConvCodegen : public QObject
{
    Q_OBJECT

private slots:
    void generatedCMatchesTheEngine_data()
    {
        QTest::addColumn<QString>("layers");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("channels");
        QTest::addColumn<DenseQuantization>("dense");
        const struct
        {
            const char *name, *layers;
            int h, w, c;
        } stacks[] = {
            {"conv valid over 2 channels",
             "Conv2D(3, 3, activation=relu), Flatten(), Dense(10, activation=softmax)", 8, 8, 2},
            {"conv same stride 2 odd size",
             "Conv2D(4, 3, strides=2, padding=same, activation=tanh), Flatten(), "
             "Dense(10, activation=softmax)",
             9, 9, 1},
            {"conv 4x4 same (uneven padding)",
             "Conv2D(2, 4, padding=same, activation=linear), MaxPooling2D(2), "
             "Flatten(), Dense(10, activation=softmax)",
             7, 6, 1},
            {"depthwise same, average pool same",
             "Conv2D(3, 1, activation=relu), DepthwiseConv2D(3, padding=same, "
             "activation=relu), AveragePooling2D(2, padding=same), Flatten(), "
             "Dense(10, activation=softmax)",
             7, 7, 2},
            {"depthwise stride 2, max pool same stride 1",
             "DepthwiseConv2D(3, strides=2, activation=sigmoid), "
             "MaxPooling2D(2, strides=1, padding=same), Flatten(), "
             "Dropout(0.3), Dense(10, activation=softmax)",
             11, 11, 3},
            {"conv 5x5 leaky, average pool 3 stride 2",
             "Conv2D(2, 5, padding=same, activation=leaky_relu), "
             "AveragePooling2D(3, strides=2), Flatten(), "
             "Dense(6, activation=relu), Dense(10, activation=softmax)",
             10, 10, 1},
        };
        for (const auto &s : stacks)
            for (DenseQuantization d :
                 {DenseQuantization::PerTensor, DenseQuantization::PerChannel})
                QTest::addRow("%s, dense %s", s.name,
                              d == DenseQuantization::PerTensor ? "per-tensor" : "per-channel")
                    << QString::fromLatin1(s.layers) << s.h << s.w << s.c << d;
    }
    void generatedCMatchesTheEngine()
    {
        QFETCH(QString, layers);
        QFETCH(int, height);
        QFETCH(int, width);
        QFETCH(int, channels);
        QFETCH(DenseQuantization, dense);
        const ModelSpec spec = ModelSpec::withLayers(parseLayers(layers.toStdString()),
                                                     Shape::hwc(height, width, channels));
        Network net(spec);
        net.initialize(std::uint64_t(height * 100 + width * 10 + channels));
        // Biases too: every parameter moved a little, so that no bias is zero.
        Rng rng(77);
        for (float &p : net.parameters())
            p += 0.1f * (rng.uniform() - 0.5f);
        const int inputs = spec.inputSize, outputs = spec.outputSize();
        const Dataset data = tinyml::test::randomImages(120, inputs, 10, 5);

        for (Precision precision : {Precision::Float32, Precision::Int8}) {
            const bool int8 = precision == Precision::Int8;
            ExportOptions options;
            options.precision = precision;
            options.prefix = "gen";
            options.calibrationImages = 100;
            options.testVectors = 3;
            options.dense = dense;
            const GeneratedCode g = generateCode(net, options, data, data);

            // The images of data: int8 p − 128, or floats p / 255.
            const int n = int(data.size());
            QByteArray in;
            for (std::size_t k = 0; k < data.size(); ++k)
                for (int i = 0; i < inputs; ++i) {
                    if (int8) {
                        in.append(char(std::int8_t(int(data.image(k)[i]) - 128)));
                    } else {
                        const float f = float(data.image(k)[i]) / 255.0f;
                        in.append(reinterpret_cast<const char *>(&f), sizeof f);
                    }
                }
            QString error;
            const tinyml::test::BatchOutput out
                = tinyml::test::runBatch(g, outputs, int8, "-O1", n, in, error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QCOMPARE(out.size(), out.expectedSize(data.size()));
            QCOMPARE(out.failures(), 0); // the embedded self-test

            std::optional<Int8Runner> runner;
            if (int8)
                runner.emplace(*g.quantized);
            std::vector<std::int8_t> q(static_cast<std::size_t>(inputs)),
                logits(static_cast<std::size_t>(outputs)), probs(static_cast<std::size_t>(outputs));
            std::vector<float> x(static_cast<std::size_t>(inputs));
            for (std::size_t k = 0; k < data.size(); ++k) {
                const int predicted = out.predicted(k);
                const char *r = out.scores(k);
                if (int8) {
                    for (int i = 0; i < inputs; ++i)
                        q[std::size_t(i)] = std::int8_t(int(data.image(k)[i]) - 128);
                    QCOMPARE(predicted, runner->run(q.data(), logits.data(), probs.data()));
                    QCOMPARE(std::vector<std::int8_t>(r, r + outputs), probs);
                } else {
                    for (int i = 0; i < inputs; ++i)
                        x[std::size_t(i)] = float(data.image(k)[i]) / 255.0f;
                    const auto expected = net.predict(x);
                    float scores[256];
                    std::memcpy(scores, r, std::size_t(outputs) * sizeof(float));
                    for (int c = 0; c < outputs; ++c)
                        QVERIFY2(std::abs(scores[c] - expected[std::size_t(c)]) <= 1e-5f,
                                 qPrintable(QStringLiteral("image %1 class %2: %3 vs %4")
                                                .arg(k)
                                                .arg(c)
                                                .arg(scores[c])
                                                .arg(expected[std::size_t(c)])));
                    QCOMPARE(predicted, int(std::max_element(expected.begin(), expected.end())
                                            - expected.begin()));
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestConvCodegen)
#include "tst_convcodegen.moc"
