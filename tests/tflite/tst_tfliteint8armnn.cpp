// SPDX-License-Identifier: GPL-3.0-or-later
// The int8 arithmetic of an imported fully-integer .tflite against an interpreter the project
// did not write (labels "mnist" and "armnn"): Arm NN (Debian's python3-pyarmnn, CpuRef) runs
// the same file on 1,000 MNIST test images as the import's int8 engine does. Compared are the
// int8 logits, from the same model written with its logits as the output: Arm NN's int8 softmax
// is its own arithmetic (neither TFLite Micro's nor the engine's), so the probabilities are
// counted and printed apart, within 1 LSB. Files: the studio's own (dense per tensor; dense per
// channel as 1x1 CONV_2D, since Arm NN 20.08 stops on a per-channel FULLY_CONNECTED; the small
// CNN with per-channel convolutions; depthwise, stride 2, SAME padding, average pooling) and a
// uint8 dense file with nonzero zero points written operator by operator by the test
// (tfliteint8craft.h), the kind of file TensorFlow's older converter makes.
#include "core/deploy/quantize.h"
#include "core/nn/trainer.h"
#include "core/tflite/tfliteint8.h"
#include "core/tflite/tflitereader.h"
#include "core/tflite/tflitewriter.h"
#include "testsupport.h"
#include "tfliteint8craft.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

using namespace tinyml::core;

namespace {

constexpr int kImages = 1000;

/// What Arm NN made of one file.
struct OracleRun
{
    int exitCode = -1;
    QString stdOut, stdErr;
    std::vector<float> outputs; ///< kImages rows of the output tensor (raw integers)
};

} // namespace

class TestTfliteInt8Armnn : public QObject
{
    Q_OBJECT

    Dataset m_train, m_test;
    QTemporaryDir m_dir;
    QString m_pixels;

    static ModelSpec specNamed(const QString &name)
    {
        if (name == "small cnn")
            return ModelSpec::withLayers({LayerSpec::conv2d(4, 3, Activation::Relu),
                                          LayerSpec::maxPooling2d(2),
                                          LayerSpec::conv2d(8, 3, Activation::Relu),
                                          LayerSpec::maxPooling2d(2), LayerSpec::flatten(),
                                          LayerSpec::dense(10, Activation::Softmax)});
        if (name == "depthwise same stride average")
            return ModelSpec::withLayers(
                {LayerSpec::conv2d(4, 3, Activation::Relu, 2, Padding::Same),
                 LayerSpec::depthwiseConv2d(3, Activation::Relu, 1, Padding::Same),
                 LayerSpec::averagePooling2d(3, 2, Padding::Same), LayerSpec::flatten(),
                 LayerSpec::dense(16, Activation::Relu),
                 LayerSpec::dense(10, Activation::Softmax)});
        return ModelSpec::withHidden({32}, Activation::Relu);
    }

    /// spec trained for one epoch on the first 600 training images, quantized with 500.
    QuantizedModel quantized(const QString &name, DenseQuantization dense)
    {
        const ModelSpec spec = specNamed(name);
        Network net(spec);
        net.initialize(13);
        Dataset part = m_train;
        part.labels.resize(600);
        part.images.resize(std::size_t(600) * std::size_t(part.pixels()));
        Optimizer opt(spec.optimizer, net.parameters().size());
        TrainConfig config;
        config.epochs = 1;
        config.seed = 13;
        Trainer(net, opt, config, part).run();
        QuantizeOptions options;
        options.dense = dense;
        return quantize(net, m_train, 500, {}, options);
    }

    /// q with its last layer's softmax left out: the same numbers, the logits as output.
    static QuantizedModel logitsOf(QuantizedModel q)
    {
        q.spec.layers.back().activation = Activation::Linear;
        q.spec.loss = LossKind::MeanSquaredError;
        q.layers.back().activation = Activation::Linear;
        return q;
    }

    OracleRun runArmnn(const std::vector<std::uint8_t> &model, const QString &name)
    {
        OracleRun run;
        const QString path = m_dir.filePath(name + ".tflite");
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)
            || f.write(reinterpret_cast<const char *>(model.data()), qint64(model.size()))
                   != qint64(model.size()))
            return run;
        f.close();
        const QString out = m_dir.filePath(name + ".out");
        QProcess p;
        p.start(QStringLiteral("/usr/bin/python3"),
                {QFINDTESTDATA("armnn_infer.py"), path, m_pixels, QString::number(kImages), out});
        if (!p.waitForStarted() || !p.waitForFinished(-1))
            return run;
        run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        run.stdOut = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
        run.stdErr = QString::fromUtf8(p.readAllStandardError()).trimmed();
        QFile o(out);
        if (run.exitCode == 0 && o.open(QIODevice::ReadOnly)) {
            const QByteArray bytes = o.readAll();
            run.outputs.resize(std::size_t(bytes.size()) / sizeof(float));
            std::memcpy(run.outputs.data(), bytes.data(), run.outputs.size() * sizeof(float));
        }
        return run;
    }

    /// The imported file's int8 outputs on the first kImages test images, in the file's own
    /// integers (uint8 files: + 128), image after image.
    std::vector<int> importedOutputs(const std::vector<std::uint8_t> &bytes, bool uint8)
    {
        const LoadedModel m = readTflite(bytes, "oracle.tflite");
        if (!m.int8 || !m.int8->model)
            return {};
        std::vector<int> all;
        std::vector<float> x(std::size_t(m_test.pixels()));
        std::vector<std::int8_t> out;
        for (int i = 0; i < kImages; ++i) {
            for (std::size_t p = 0; p < x.size(); ++p)
                x[p] = float(m_test.image(std::size_t(i))[p]) / 255.0f;
            m.int8->run(x, nullptr, &out);
            for (const std::int8_t v : out)
                all.push_back(int(v) + (uint8 ? 128 : 0));
        }
        return all;
    }

    /// Outputs that differ and the largest difference (LSB) between Arm NN and the import.
    static std::pair<int, int> compare(const OracleRun &run, const std::vector<int> &imported)
    {
        int differ = 0, largest = 0;
        for (std::size_t i = 0; i < imported.size() && i < run.outputs.size(); ++i) {
            const int d = std::abs(int(run.outputs[i]) - imported[i]);
            differ += d != 0;
            largest = std::max(largest, d);
        }
        return {differ, largest};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_train = loadDataset(DatasetKind::Mnist, Split::Train, tinyml::test::mnistDir());
        m_test = loadDataset(DatasetKind::Mnist, Split::Test, tinyml::test::mnistDir());
        QVERIFY(m_test.size() >= std::size_t(kImages));
        m_pixels = m_dir.filePath("pixels.bin");
        QFile f(m_pixels);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const qint64 bytes = qint64(kImages) * m_test.pixels();
        QCOMPARE(f.write(reinterpret_cast<const char *>(m_test.images.data()), bytes), bytes);
        f.close();
        QProcess p;
        p.start(QStringLiteral("/usr/bin/python3"),
                {QStringLiteral("-c"), QStringLiteral("import pyarmnn")});
        QVERIFY(p.waitForFinished(-1));
        QVERIFY2(p.exitCode() == 0,
                 "/usr/bin/python3 cannot import pyarmnn: run scripts/install-deps.sh test "
                 "(python3-pyarmnn, libarmnn-cpuref-backend22)");
    }

    void studioFiles_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<bool>("perChannel");
        QTest::newRow("dense per tensor") << "dense" << false;
        QTest::newRow("dense per channel, 1x1 CONV_2D") << "dense" << true;
        QTest::newRow("small cnn") << "small cnn" << false;
        QTest::newRow("depthwise same stride average") << "depthwise same stride average" << false;
    }
    void studioFiles()
    {
        QFETCH(QString, model);
        QFETCH(bool, perChannel);
        const QuantizedModel q = quantized(
            model, perChannel ? DenseQuantization::PerChannel : DenseQuantization::PerTensor);
        const QString name = QString(QTest::currentDataTag()).replace(QRegularExpression("\\W+"), "_");
        // The logits: identical, 0 LSB.
        const auto logitsFile = writeTfliteInt8(logitsOf(q), nullptr, perChannel);
        const std::vector<int> logits = importedOutputs(logitsFile, false);
        QCOMPARE(logits.size(), std::size_t(kImages) * 10);
        const OracleRun run = runArmnn(logitsFile, name + "_logits");
        QVERIFY2(run.exitCode == 0, qPrintable(run.stdErr));
        QVERIFY2(run.stdOut.startsWith("input int8"), qPrintable(run.stdOut));
        QCOMPARE(run.outputs.size(), logits.size());
        const auto [logitsDiffer, logitsLargest] = compare(run, logits);
        // The probabilities: Arm NN's softmax against the engine's.
        const auto probsFile = writeTfliteInt8(q, nullptr, perChannel);
        const std::vector<int> probs = importedOutputs(probsFile, false);
        const OracleRun probsRun = runArmnn(probsFile, name + "_probabilities");
        QVERIFY2(probsRun.exitCode == 0, qPrintable(probsRun.stdErr));
        const auto [probsDiffer, probsLargest] = compare(probsRun, probs);
        qInfo("%s: int8 logits differing from Arm NN %d of %zu (largest %d LSB); softmax "
              "probabilities differing %d of %zu (largest %d LSB)",
              QTest::currentDataTag(), logitsDiffer, logits.size(), logitsLargest, probsDiffer,
              probs.size(), probsLargest);
        QCOMPARE(logitsDiffer, 0);
        QVERIFY(probsLargest <= 1);
    }

    void uint8FileWithZeroPoints()
    {
        const QuantizedModel q = quantized("dense", DenseQuantization::PerTensor);
        tinyml::test::Variant v;
        v.uint8 = true;
        v.logits = true;
        const auto file = tinyml::test::craftDense(q, v);
        const std::vector<int> logits = importedOutputs(file, true);
        QCOMPARE(logits.size(), std::size_t(kImages) * 10);
        const OracleRun run = runArmnn(file, "uint8_logits");
        QVERIFY2(run.exitCode == 0, qPrintable(run.stdErr));
        QVERIFY2(run.stdOut.startsWith("input uint8"), qPrintable(run.stdOut));
        QCOMPARE(run.outputs.size(), logits.size());
        const auto [differ, largest] = compare(run, logits);
        qInfo("uint8 dense: logits differing from Arm NN %d of %zu (largest %d LSB)", differ,
              logits.size(), largest);
        QCOMPARE(differ, 0);
    }
};

QTEST_GUILESS_MAIN(TestTfliteInt8Armnn)
#include "tst_tfliteint8armnn.moc"
