// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/error.h"
#include "core/io/fileio.h"
#include "core/io/modelfile.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cstring>

#include <sys/resource.h>

using namespace tinyml::core;

namespace {
Network sampleNetwork()
{
    ModelSpec spec = ModelSpec::withHidden({16, 8}, Activation::Tanh);
    spec.inputSize = 12;
    spec.dropout = 0.2f;
    spec.l2 = 0.001f;
    spec.optimizer = OptimizerSpec::defaultsFor(OptimizerKind::RmsProp);
    Network net(spec);
    net.initialize(3);
    return net;
}
Network sampleCnn()
{
    using L = LayerSpec;
    ModelSpec spec = ModelSpec::withLayers(
        {L::conv2d(3, 3, Activation::Relu, 2, Padding::Same), L::maxPooling2d(2),
         L::depthwiseConv2d(2, Activation::Tanh), L::averagePooling2d(2, 1, Padding::Same),
         L::flatten(), L::dropout(0.25f), L::dense(4, Activation::Softmax)},
        Shape::hwc(17, 18, 2));
    spec.l2 = 0.002f;
    Network net(spec);
    net.initialize(8);
    return net;
}

std::uint32_t u32At(const std::vector<std::uint8_t> &b, std::size_t at)
{
    std::uint32_t v;
    std::memcpy(&v, b.data() + at, 4);
    return v;
}
} // namespace

class TestModelFile : public QObject
{
    Q_OBJECT

private slots:
    void roundTripWithOptimizerState()
    {
        Network net = sampleNetwork();
        Optimizer opt(net.spec().optimizer, net.parameters().size());
        std::vector<float> g(net.parameters().size(), 0.01f);
        opt.step(net.parameters(), g);
        QTemporaryDir dir;
        const auto path = dir.filePath("m.tmlm").toStdString();
        saveModel(path, net, &opt, {{"dataset", "mnist"}, {"test_accuracy", "0.97"}});
        const LoadedModel loaded = loadModel(path);
        QVERIFY(loaded.network.spec() == net.spec());
        QVERIFY(std::equal(net.parameters().begin(), net.parameters().end(),
                           loaded.network.parameters().begin()));
        QVERIFY(loaded.optimizer.has_value());
        QCOMPARE(loaded.optimizer->iterations(), 1);
        QCOMPARE(loaded.optimizer->state(), opt.state());
        QCOMPARE(loaded.info.at("test_accuracy"), std::string("0.97"));
        // No temporary file left behind.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
    }

    void roundTripWithoutOptimizer()
    {
        Network net = sampleNetwork();
        const auto bytes = serializeModel(net, nullptr, {});
        const LoadedModel loaded = deserializeModel(bytes, "memory");
        QVERIFY(!loaded.optimizer);
        QVERIFY(loaded.network.spec() == net.spec());
    }

    void cnnRoundTripsAsVersion2()
    {
        Network net = sampleCnn();
        Optimizer opt(net.spec().optimizer, net.parameters().size());
        std::vector<float> g(net.parameters().size(), 0.02f);
        opt.step(net.parameters(), g);
        const auto bytes = serializeModel(net, &opt, {{"k", "v"}});
        QCOMPARE(u32At(bytes, 8), 2u);
        const LoadedModel loaded = deserializeModel(bytes, "memory");
        QVERIFY(loaded.network.spec() == net.spec());
        QCOMPARE(loaded.network.spec().layers[3].stride, 1);
        QCOMPARE(loaded.network.spec().layers[5].rate, 0.25f);
        QCOMPARE(*loaded.network.spec().inputShape, Shape::hwc(17, 18, 2));
        QVERIFY(std::equal(net.parameters().begin(), net.parameters().end(),
                           loaded.network.parameters().begin()));
        QCOMPARE(loaded.optimizer->state(), opt.state());
    }

    void denseModelsStayVersion1()
    {
        // A dense model is written as version 1, byte for byte what older studios read.
        const auto bytes = serializeModel(sampleNetwork(), nullptr, {});
        QCOMPARE(u32At(bytes, 8), 1u);
    }

    void loadsCommittedVersion1File()
    {
        // tests/data/v1-dense.tmlm: a 4-3-2 tanh/softmax model written by the version 1 writer.
        const LoadedModel m = loadModel(tinyml::test::fixture("v1-dense.tmlm"));
        const ModelSpec &spec = m.network.spec();
        QCOMPARE(spec.inputSize, 4);
        QCOMPARE(spec.layers.size(), std::size_t(2));
        QCOMPARE(spec.layers[0].units, 3);
        QVERIFY(spec.layers[0].activation == Activation::Tanh);
        QVERIFY(spec.layers[1].kind == LayerKind::Dense);
        QVERIFY(!spec.inputShape);
        QCOMPARE(m.network.parameters().size(), std::size_t(4 * 3 + 3 + 3 * 2 + 2));
        // The weights were 0.01 * (i + 1) in flat order.
        for (std::size_t i = 0; i < m.network.parameters().size(); ++i)
            QCOMPARE(m.network.parameters()[i], 0.01f * float(i + 1));
        QCOMPARE(m.info.at("created_by"), std::string("version 1 writer"));
    }

    void rejectsCorruptVersion2_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("reason");
        QTest::newRow("unknown layer kind") << 0 << "unknown layer kind code 9";
        QTest::newRow("unknown padding") << 1 << "unknown padding code 5";
        QTest::newRow("kernel larger than its input") << 2 << "larger than its input";
        QTest::newRow("impossible input shape") << 3 << "input shape";
    }
    void rejectsCorruptVersion2()
    {
        QFETCH(int, kind);
        QFETCH(QString, reason);
        std::vector<std::uint8_t> b = serializeModel(sampleCnn(), nullptr, {});
        auto putU32 = [&](std::size_t at, std::uint32_t v) { std::memcpy(b.data() + at, &v, 4); };
        // Layout: magic 0, version 8, flags 12, input 16, h w c 20..31, layers 32, then per
        // layer 28 bytes: kind, units, activation, kernel, stride, padding, rate.
        const std::size_t first = 36;
        switch (kind) {
        case 0: putU32(first, 9); break;
        case 1: putU32(first + 20, 5); break;
        case 2: putU32(first + 2 * 28 + 12, 12); break; // the depthwise layer on a 4x4 map
        case 3: putU32(20, 0); break;
        }
        try {
            deserializeModel(b, "bad.tmlm");
            QFAIL("a damaged model was accepted");
        } catch (const Error &e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.contains(reason), qPrintable(message));
            QVERIFY2(message.contains("bad.tmlm"), qPrintable(message));
        }
    }

    void rejectsCorruption_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("reason");
        QTest::newRow("wrong magic") << 0 << "wrong magic";
        QTest::newRow("newer version") << 1 << "format version 3";
        QTest::newRow("truncated in the weights") << 2 << "truncated";
        QTest::newRow("truncated in the header") << 3 << "truncated";
        QTest::newRow("flipped weight bit") << 4 << "checksum";
        QTest::newRow("impossible layer size") << 5 << "impossible size";
        QTest::newRow("parameter count mismatch") << 6 << "parameters but its layers need";
        QTest::newRow("trailing bytes") << 7 << "unexpected bytes";
        QTest::newRow("empty file") << 8 << "only 0 bytes";
        QTest::newRow("unknown activation") << 9 << "unknown activation";
    }
    void rejectsCorruption()
    {
        QFETCH(int, kind);
        QFETCH(QString, reason);
        Network net = sampleNetwork();
        std::vector<std::uint8_t> b = serializeModel(net, nullptr, {{"k", "v"}});
        auto putU32 = [&](std::size_t at, std::uint32_t v) { std::memcpy(b.data() + at, &v, 4); };
        // Layout: magic 0..7, version 8, flags 12, input 16, layers 20, units 24, act 28, ...
        switch (kind) {
        case 0: b[0] = 'X'; break;
        case 1: putU32(8, kModelFileVersion + 1); break;
        case 2: b.resize(b.size() / 2); break;
        case 3: b.resize(22); break;
        case 4: b[200] ^= 0x10; break;
        case 5: putU32(24, 0x7fffffff); break;
        case 6: {
            // parameter count sits after the fixed header: 24 + 3 layers * 8 + 8 + 8 + 32
            putU32(24 + 3 * 8 + 8 + 8 + 32, 5);
            break;
        }
        case 7: b.push_back(0); break;
        case 8: b.clear(); break;
        case 9: putU32(28, 77); break;
        }
        QTemporaryDir dir;
        QFile f(dir.filePath("bad.tmlm"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(reinterpret_cast<const char *>(b.data()), qint64(b.size()));
        f.close();
        try {
            loadModel(f.fileName().toStdString());
            QFAIL("a damaged model was accepted");
        } catch (const Error &e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.contains(reason), qPrintable(message));
            QVERIFY2(message.contains("bad.tmlm"), qPrintable(message));
        }
    }

    void atomicWriteKeepsOldFileOnFailure()
    {
        QTemporaryDir dir;
        const auto path = dir.filePath("m.tmlm").toStdString();
        Network net = sampleNetwork();
        saveModel(path, net, nullptr, {});
        QVERIFY_THROWS_EXCEPTION(Error, saveModel(dir.filePath("missing/m.tmlm").toStdString(), net, nullptr, {}));
        QVERIFY(loadModel(path).network.spec() == net.spec());
    }

    void writeFailingMidwayLeavesTheOldFileIntact()
    {
        // The old model is on disk; the new one is much larger, and the process may write only
        // 2 KB per file (RLIMIT_FSIZE): the write fails with EFBIG in the middle of the data. A
        // save that truncated or overwrote the target in place would destroy the old model.
        QTemporaryDir dir;
        const QString path = dir.filePath("m.tmlm");
        const Network old = sampleNetwork();
        saveModel(path.toStdString(), old, nullptr, {});
        QFile oldFile(path);
        QVERIFY(oldFile.open(QIODevice::ReadOnly));
        const QByteArray oldBytes = oldFile.readAll();
        oldFile.close();
        QVERIFY(oldBytes.size() < 2048);

        Network bigger(ModelSpec::withHidden({64}, Activation::Relu));
        bigger.initialize(5);
        struct rlimit saved;
        QCOMPARE(::getrlimit(RLIMIT_FSIZE, &saved), 0);
        const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        struct rlimit limited = saved;
        limited.rlim_cur = 2048;
        QCOMPARE(::setrlimit(RLIMIT_FSIZE, &limited), 0);
        bool threw = false;
        try {
            saveModel(path.toStdString(), bigger, nullptr, {});
        } catch (const Error &) {
            threw = true;
        }
        ::setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, previousHandler);
        QVERIFY2(threw, "the write beyond the file size limit was reported as a success");

        QVERIFY(oldFile.open(QIODevice::ReadOnly));
        QCOMPARE(oldFile.readAll(), oldBytes);
        const LoadedModel back = loadModel(path.toStdString());
        QVERIFY(std::equal(back.network.parameters().begin(), back.network.parameters().end(),
                           old.parameters().begin(), old.parameters().end()));
        // No temporary file is left behind.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"m.tmlm"});
    }
};

QTEST_GUILESS_MAIN(TestModelFile)
#include "tst_modelfile.moc"
