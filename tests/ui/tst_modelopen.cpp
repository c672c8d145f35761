// SPDX-License-Identifier: GPL-3.0-or-later
// File → Open reads the model on a worker thread (StudioModel::openFile): the current model
// stays until the file has been read, a file that cannot be read leaves it untouched, a .tflite
// without its input range asks for it, and only the latest of two opens is applied.
#include "ui/shared/studiomodel.h"

#include "core/io/modelfile.h"
#include "core/tflite/tflitewriter.h"
#include "testsupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace tinyml;
using tinyml::ui::StudioModel;

namespace {

std::vector<float> someImage() { return test::inputOf(test::syntheticDigits(1, 7), 0); }

} // namespace

class TestModelOpen : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<core::Network> m_net;
    QString m_file;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("tinyml-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_modelopen"));
        QSettings().clear();
        m_net.emplace(core::ModelSpec::withHidden({20}, core::Activation::Tanh));
        m_net->initialize(5);
        m_file = m_dir.filePath("twenty.tmlm");
        core::saveModel(m_file.toStdString(), *m_net, nullptr, {});
    }

    void cleanupTestCase() { QSettings().clear(); }

    void theModelChangesOnlyWhenTheFileHasBeenRead()
    {
        StudioModel studio;
        QVERIFY(studio.loadDefault());
        const auto before = studio.model();
        QSignalSpy opened(&studio, &StudioModel::fileOpened);
        QSignalSpy failed(&studio, &StudioModel::openFailed);
        studio.openFile(m_file);
        // The file is read on a worker; its result comes back through the event loop, so the
        // model cannot have changed yet.
        QCOMPARE(studio.model(), before);
        QVERIFY(studio.isOpening());
        QVERIFY(opened.wait(60000));
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.at(0).at(0).toString(), m_file);
        QCOMPARE(failed.count(), 0);
        QVERIFY(!studio.isOpening());
        QCOMPARE(studio.origin(), QStringLiteral("twenty.tmlm"));
        QVERIFY(!studio.isUnsaved());
        const auto x = someImage();
        QVERIFY(studio.model()->network.predict(x) == m_net->predict(x));
    }

    void anUnreadableFileLeavesTheModelAsItWas_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("text") << QByteArray("not a model at all\n");
        QFile f(m_file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray good = f.readAll();
        QTest::newRow("truncated") << good.left(good.size() / 2);
    }

    void anUnreadableFileLeavesTheModelAsItWas()
    {
        QFETCH(QByteArray, content);
        const QString bad = m_dir.filePath("bad.tmlm");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(content);
        f.close();
        StudioModel studio;
        QVERIFY(studio.loadDefault());
        const auto before = studio.model();
        const QString origin = studio.origin();
        QSignalSpy changed(&studio, &StudioModel::modelChanged);
        QSignalSpy failed(&studio, &StudioModel::openFailed);
        studio.openFile(bad);
        QVERIFY(failed.wait(60000));
        QCOMPARE(failed.at(0).at(0).toString(), bad);
        QVERIFY(!failed.at(0).at(1).toString().isEmpty());
        QCOMPARE(failed.at(0).at(2).toBool(), false);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(studio.model(), before);
        QCOMPARE(studio.origin(), origin);
        QVERIFY(!studio.isOpening());
    }

    void aTfliteWithoutItsInputRangeAsksForIt()
    {
        auto bytes = core::writeTfliteFloat(*m_net);
        const std::string ours = "TinyML Studio float32", theirs = "Some other tool, f32 ";
        const auto at = std::search(bytes.begin(), bytes.end(), ours.begin(), ours.end());
        QVERIFY(at != bytes.end());
        std::copy(theirs.begin(), theirs.end(), at);
        const QString file = test::writeBytes(m_dir.filePath("foreign.tflite"), bytes);

        StudioModel studio;
        QVERIFY(studio.loadDefault());
        const auto before = studio.model();
        QSignalSpy failed(&studio, &StudioModel::openFailed);
        QSignalSpy opened(&studio, &StudioModel::fileOpened);
        studio.openFile(file);
        QVERIFY(failed.wait(60000));
        QCOMPARE(failed.at(0).at(2).toBool(), true);
        QVERIFY2(failed.at(0).at(1).toString().contains("foreign.tflite"),
                 qPrintable(failed.at(0).at(1).toString()));
        QCOMPARE(studio.model(), before);

        studio.openFile(file, core::TfliteInputRange::Unit);
        QVERIFY(opened.wait(60000));
        const auto x = someImage();
        const auto expected = m_net->predict(x), got = studio.model()->network.predict(x);
        for (std::size_t i = 0; i < expected.size(); ++i)
            QVERIFY2(std::abs(expected[i] - got[i]) < 1e-5f, qPrintable(QString::number(i)));
    }

    void onlyTheLatestOfTwoOpensIsApplied()
    {
        core::Network other(core::ModelSpec::withHidden({8}, core::Activation::Relu));
        other.initialize(11);
        const QString second = m_dir.filePath("eight.tmlm");
        core::saveModel(second.toStdString(), other, nullptr, {});

        StudioModel studio;
        QVERIFY(studio.loadDefault());
        QSignalSpy opened(&studio, &StudioModel::fileOpened);
        QSignalSpy changed(&studio, &StudioModel::modelChanged);
        studio.openFile(m_file);
        studio.openFile(second);
        QVERIFY(opened.wait(60000));
        // Give a late result of the first open every chance to arrive: it must be dropped.
        QTRY_VERIFY(!studio.isOpening());
        QCoreApplication::processEvents();
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.at(0).at(0).toString(), second);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(studio.origin(), QStringLiteral("eight.tmlm"));
        const auto x = someImage();
        QVERIFY(studio.model()->network.predict(x) == other.predict(x));
    }
};

QTEST_MAIN(TestModelOpen)
#include "tst_modelopen.moc"
