// SPDX-License-Identifier: GPL-3.0-or-later
// Opening a .tflite in the studio (StudioModel, what File → Open calls): by content, with the
// input range asked for when the file does not state it and remembered per file; saving writes
// the studio's own format.
#include "ui/shared/studiomodel.h"

#include "core/tflite/tflitewriter.h"
#include "testsupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tinyml;
using tinyml::ui::StudioModel;

namespace {

std::vector<float> firstImage() { return test::inputOf(test::syntheticDigits(1, 4), 0); }

} // namespace

class TestTfliteOpen : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<core::Network> m_net;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("tinyml-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_tfliteopen"));
        QSettings().clear();
        m_net.emplace(core::ModelSpec::withHidden({12}, core::Activation::Relu));
        m_net->initialize(9);
    }

    void cleanupTestCase() { QSettings().clear(); }

    void studioTfliteOpensAndSavesAsTmlm()
    {
        const QString file
            = test::writeBytes(m_dir.filePath("net.model"), core::writeTfliteFloat(*m_net));
        StudioModel studio;
        QSignalSpy changed(&studio, &StudioModel::modelChanged);
        QString error;
        bool needsRange = true;
        QVERIFY2(studio.loadFile(file, &error, std::nullopt, &needsRange), qPrintable(error));
        QVERIFY(!needsRange);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(studio.origin(), QStringLiteral("net.model"));
        const auto x = firstImage();
        QVERIFY(studio.model()->network.predict(x) == m_net->predict(x));
        QVERIFY2(studio.importNote().contains("TensorFlow Lite")
                     && studio.importNote().contains(".tmlm"),
                 qPrintable(studio.importNote()));

        const QString saved = m_dir.filePath("saved.tmlm");
        QVERIFY2(studio.saveFile(saved, &error), qPrintable(error));
        const core::LoadedModel back = core::loadModel(saved.toStdString());
        QVERIFY(!back.info.count("format"));
        QVERIFY(back.info.at("imported_from").starts_with("TensorFlow Lite, float32 weights"));
        QVERIFY(back.network.predict(x) == m_net->predict(x));
        StudioModel again;
        QVERIFY(again.loadFile(saved, &error));
        QVERIFY(again.importNote().isEmpty());
    }

    void unknownInputRangeIsAskedOnceAndRemembered()
    {
        // Another writer's float32 file: its first layer takes 0..255 (weights / 255 here).
        core::Network byteNet = *m_net;
        byteNet.weights(0) /= 255.0f;
        auto bytes = core::writeTfliteFloat(byteNet);
        const std::string ours = "TinyML Studio float32", theirs = "Some other tool, f32 ";
        const auto at = std::search(bytes.begin(), bytes.end(), ours.begin(), ours.end());
        QVERIFY(at != bytes.end());
        std::copy(theirs.begin(), theirs.end(), at);
        const QString file = test::writeBytes(m_dir.filePath("foreign.tflite"), bytes);

        StudioModel studio;
        QVERIFY(studio.loadDefault());
        const auto before = studio.model();
        QVERIFY(!StudioModel::rememberedInputRange(file));
        QString error;
        bool needsRange = false;
        QVERIFY(
            !studio.loadFile(file, &error, StudioModel::rememberedInputRange(file), &needsRange));
        QVERIFY(needsRange);
        QVERIFY2(error.contains("foreign.tflite"), qPrintable(error));
        QCOMPARE(studio.model(), before); // the current model stays

        StudioModel::rememberInputRange(file, core::TfliteInputRange::Byte);
        const auto remembered = StudioModel::rememberedInputRange(file);
        QVERIFY(remembered == core::TfliteInputRange::Byte);
        QVERIFY(!StudioModel::rememberedInputRange(m_dir.filePath("other.tflite")));
        QVERIFY2(studio.loadFile(file, &error, remembered, &needsRange), qPrintable(error));
        QVERIFY(!needsRange);
        const auto x = firstImage();
        const auto expected = m_net->predict(x), got = studio.model()->network.predict(x);
        for (std::size_t i = 0; i < expected.size(); ++i)
            QVERIFY2(std::abs(expected[i] - got[i]) < 1e-5f, qPrintable(QString::number(i)));
        QVERIFY2(studio.importNote().contains("0..255"), qPrintable(studio.importNote()));
    }

    void damagedSettingIsIgnored()
    {
        const QString file = m_dir.filePath("x.tflite");
        StudioModel::rememberInputRange(file, core::TfliteInputRange::Unit);
        // A hand-edited settings file: the key of this file now holds nonsense.
        QSettings settings;
        for (const QString &key : settings.allKeys())
            if (key.startsWith(QStringLiteral("tfliteInputRange/")))
                settings.setValue(key, QStringLiteral("0..42"));
        settings.sync();
        QVERIFY(!StudioModel::rememberedInputRange(file));
    }
};

QTEST_GUILESS_MAIN(TestTfliteOpen)
#include "tst_tfliteopen.moc"
