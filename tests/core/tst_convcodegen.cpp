// SPDX-License-Identifier: GPL-3.0-or-later
// The generated C of convolutional stacks against the engine on small random networks and
// random images, quickly and without MNIST: every stride, padding, kernel size, channel count
// and activation the export handles, with odd sizes where same padding is uneven and pooling
// windows are cut by the border. The C is compiled with -std=c99 -Wall -Wextra -Werror
// -pedantic; float32 agrees within 1e-5 with the same class, int8 is bit-identical to the
// engine's int8 kernels (which tst_int8kernels checks by hand). tst_convexport does the same on
// all 10,000 MNIST test images.
#include "core/deploy/codegen.h"
#include "core/io/fileio.h"
#include "core/nn/layersyntax.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

using namespace tinyml::core;
Q_DECLARE_METATYPE(tinyml::core::Precision)
Q_DECLARE_METATYPE(tinyml::core::DenseQuantization)

namespace {

/// Reads n images (int8 or float) from argv[1], writes the self-test result, then per image the
/// class (int) and the scores to argv[2].
const char *kHarness = R"(#include <stdio.h>
#include "gen_model.h"
int main(int argc, char **argv)
{
    FILE *in, *out;
    int n, k, c, failures;
    if (argc < 3) return 2;
    in = fopen(argv[1], "rb");
    out = fopen(argv[2], "wb");
    if (!in || !out || fread(&n, sizeof n, 1, in) != 1) return 3;
    failures = gen_self_test();
    fwrite(&failures, sizeof failures, 1, out);
    for (k = 0; k < n; ++k) {
#ifdef INT8
        int8_t x[GEN_INPUT_SIZE], s[GEN_OUTPUT_SIZE];
        if (fread(x, 1, sizeof x, in) != sizeof x) return 4;
        c = gen_predict_int8(x, s);
#else
        float x[GEN_INPUT_SIZE], s[GEN_OUTPUT_SIZE];
        if (fread(x, 1, sizeof x, in) != sizeof x) return 4;
        c = gen_predict(x, s);
#endif
        fwrite(&c, sizeof c, 1, out);
        fwrite(s, 1, sizeof s, out);
    }
    fclose(in);
    return fclose(out) == 0 ? 0 : 5;
}
)";

/// Random bytes as images of the given size: a tenth 0, a tenth 255, the rest uniform.
Dataset randomImages(int count, int pixels, std::uint64_t seed)
{
    Rng rng(seed);
    Dataset d;
    d.name = "random";
    d.rows = 1;
    d.cols = pixels;
    for (int i = 0; i < count * pixels; ++i) {
        const std::uint32_t r = rng.below(10);
        d.images.push_back(r == 0 ? 0 : (r == 1 ? 255 : std::uint8_t(rng.below(256))));
    }
    for (int i = 0; i < count; ++i)
        d.labels.push_back(std::uint8_t(rng.below(10)));
    return d;
}

bool run(const QString &program, const QStringList &args, QString &error)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        error = program + ": " + p.errorString() + " "
                + QString::fromLocal8Bit(p.readAllStandardError().left(3000));
        return false;
    }
    return true;
}

void writeText(const QString &path, const std::string &text)
{
    writeFileAtomically(path.toStdString(),
                        {reinterpret_cast<const std::uint8_t *>(text.data()), text.size()});
}

} // namespace

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
        QString cc;
        for (const char *name : {"cc", "gcc", "clang"})
            if (cc.isEmpty())
                cc = QStandardPaths::findExecutable(QString::fromLatin1(name));
        QVERIFY2(!cc.isEmpty(),
                 "no C compiler (cc, gcc or clang) on the PATH; the build needs one");

        const ModelSpec spec = ModelSpec::withLayers(parseLayers(layers.toStdString()),
                                                     Shape::hwc(height, width, channels));
        Network net(spec);
        net.initialize(std::uint64_t(height * 100 + width * 10 + channels));
        // Biases too: every parameter moved a little, so that no bias is zero.
        Rng rng(77);
        for (float &p : net.parameters())
            p += 0.1f * (rng.uniform() - 0.5f);
        const int inputs = spec.inputSize, outputs = spec.outputSize();
        const Dataset data = randomImages(120, inputs, 5);

        for (Precision precision : {Precision::Float32, Precision::Int8}) {
            const bool int8 = precision == Precision::Int8;
            ExportOptions options;
            options.precision = precision;
            options.prefix = "gen";
            options.calibrationImages = 100;
            options.testVectors = 3;
            options.dense = dense;
            const GeneratedCode g = generateCode(net, options, data, data);
            QTemporaryDir dir;
            writeText(dir.filePath("gen_model.h"), g.header);
            writeText(dir.filePath("gen_model.c"), g.source);
            writeText(dir.filePath("main.c"), kHarness);
            QStringList args{"-std=c99",
                             "-O1",
                             "-Wall",
                             "-Wextra",
                             "-Werror",
                             "-pedantic",
                             dir.filePath("main.c"),
                             dir.filePath("gen_model.c"),
                             "-o",
                             dir.filePath("gen")};
            if (int8)
                args.prepend("-DINT8");
            QString error;
            QVERIFY2(run(cc, args, error), qPrintable(error));

            // The images of data: int8 p − 128, or floats p / 255.
            const int n = int(data.size());
            QByteArray in(reinterpret_cast<const char *>(&n), sizeof n);
            for (std::size_t k = 0; k < data.size(); ++k)
                for (int i = 0; i < inputs; ++i) {
                    if (int8) {
                        in.append(char(std::int8_t(int(data.image(k)[i]) - 128)));
                    } else {
                        const float f = float(data.image(k)[i]) / 255.0f;
                        in.append(reinterpret_cast<const char *>(&f), sizeof f);
                    }
                }
            writeText(dir.filePath("in.bin"), in.toStdString());
            QVERIFY2(
                run(dir.filePath("gen"), {dir.filePath("in.bin"), dir.filePath("out.bin")}, error),
                qPrintable(error));
            QFile file(dir.filePath("out.bin"));
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray out = file.readAll();
            const std::size_t record
                = sizeof(int) + std::size_t(outputs) * (int8 ? 1 : sizeof(float));
            QCOMPARE(std::size_t(out.size()), sizeof(int) + data.size() * record);
            int failures = -1;
            std::memcpy(&failures, out.constData(), sizeof failures);
            QCOMPARE(failures, 0); // the embedded self-test

            std::optional<Int8Runner> runner;
            if (int8)
                runner.emplace(*g.quantized);
            std::vector<std::int8_t> q(static_cast<std::size_t>(inputs)),
                logits(static_cast<std::size_t>(outputs)), probs(static_cast<std::size_t>(outputs));
            std::vector<float> x(static_cast<std::size_t>(inputs));
            for (std::size_t k = 0; k < data.size(); ++k) {
                const char *r = out.constData() + sizeof(int) + k * record;
                int predicted = -1;
                std::memcpy(&predicted, r, sizeof predicted);
                if (int8) {
                    for (int i = 0; i < inputs; ++i)
                        q[std::size_t(i)] = std::int8_t(int(data.image(k)[i]) - 128);
                    QCOMPARE(predicted, runner->run(q.data(), logits.data(), probs.data()));
                    QCOMPARE(std::vector<std::int8_t>(r + sizeof(int), r + sizeof(int) + outputs),
                             probs);
                } else {
                    for (int i = 0; i < inputs; ++i)
                        x[std::size_t(i)] = float(data.image(k)[i]) / 255.0f;
                    const auto expected = net.predict(x);
                    float scores[256];
                    std::memcpy(scores, r + sizeof(int), std::size_t(outputs) * sizeof(float));
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
