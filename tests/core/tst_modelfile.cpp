// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/error.h"
#include "core/io/fileio.h"
#include "core/io/modelfile.h"

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

    void rejectsCorruption_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("reason");
        QTest::newRow("wrong magic") << 0 << "wrong magic";
        QTest::newRow("newer version") << 1 << "format version 2";
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
        case 1: putU32(8, 2); break;
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
