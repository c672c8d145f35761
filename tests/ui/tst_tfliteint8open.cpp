// SPDX-License-Identifier: GPL-3.0-or-later
// A fully-integer .tflite opened in the studio: Draw & Predict answers with the file's own int8
// arithmetic and its title says so; the import note says which arithmetic answers where; a file
// whose int8 numbers the engine cannot run opens with its float32 view and the reason.
#include "ui/draw/modelchooser.h"
#include "ui/shared/imageviews.h"
#include "ui/shared/studiomodel.h"

#include "core/deploy/quantize.h"
#include "core/tflite/tfliteint8.h"
#include "core/tflite/tflitewriter.h"
#include "testsupport.h"
#include "tflite/tfliteint8craft.h"
#include "ui/shared/defaultmodel.h"

#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tinyml;
using namespace tinyml::ui;

class TestTfliteInt8Open : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    core::Dataset m_digits;
    std::optional<core::QuantizedModel> m_q;

    QString write(const QString &name, const std::vector<std::uint8_t> &bytes)
    {
        QFile f(m_dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(reinterpret_cast<const char *>(bytes.data()), qint64(bytes.size()));
        return f.fileName();
    }

    std::array<float, 784> digit(std::size_t i) const
    {
        std::array<float, 784> x{};
        for (std::size_t p = 0; p < x.size(); ++p)
            x[p] = float(m_digits.image(i)[p]) / 255.0f;
        return x;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        // The embedded course model in int8, calibrated on synthetic digits (no MNIST needed).
        m_digits = test::syntheticDigits(40, 3);
        m_q.emplace(core::quantize(loadDefaultModel().network, m_digits, 40));
    }

    void drawAndPredictAnswersWithTheFilesInt8()
    {
        StudioModel studio;
        QString error;
        QVERIFY2(studio.loadFile(write("course.tflite", core::writeTfliteInt8(*m_q)), &error),
                 qPrintable(error));
        QVERIFY(studio.model()->int8 && studio.model()->int8->model);
        QVERIFY2(studio.importNote().contains("int8 arithmetic"), qPrintable(studio.importNote()));
        QVERIFY2(studio.importNote().contains("float32 view"), qPrintable(studio.importNote()));

        ModelChooser chooser(&studio);
        chooser.setPrimary(DrawModel::Current);
        QVERIFY2(chooser.modelName(DrawModel::Current).contains("int8 arithmetic from the file"),
                 qPrintable(chooser.modelName(DrawModel::Current)));
        // The engine on q with pixel bytes p − 128 (q's input: scale 1/255, zero point −128);
        // the bars show the int8 probabilities (q + 128) / 256.
        core::Int8Runner runner(*m_q);
        std::vector<std::int8_t> in(784), logits(10), probs(10);
        int differFromFloat = 0;
        for (std::size_t i = 0; i < 20; ++i) {
            for (std::size_t p = 0; p < in.size(); ++p)
                in[p] = std::int8_t(int(m_digits.image(i)[p]) - 128);
            runner.run(in.data(), logits.data(), probs.data());
            const auto x = digit(i);
            const std::vector<float> shown = chooser.predict(x);
            QCOMPARE(shown.size(), std::size_t(10));
            for (std::size_t c = 0; c < 10; ++c)
                QCOMPARE(shown[c], float(int(probs[c]) + 128) / 256.0f);
            QCOMPARE(chooser.primaryBars()->probabilities(), shown);
            const auto viaFloat = studio.model()->network.predict(x);
            for (std::size_t c = 0; c < 10; ++c)
                differFromFloat += viaFloat[c] != shown[c];
        }
        QVERIFY(differFromFloat > 0); // the float32 view is not what answers
    }

    void aFileTheEngineCannotRunOpensWithItsReason()
    {
        test::Variant v;
        v.weightZero = 5;
        StudioModel studio;
        QString error;
        QVERIFY2(studio.loadFile(write("asymmetric.tflite", test::craftDense(*m_q, v)), &error),
                 qPrintable(error));
        QVERIFY(studio.model()->int8 && !studio.model()->int8->model);
        QVERIFY2(studio.importNote().contains("zero point 5"), qPrintable(studio.importNote()));
        QVERIFY2(studio.importNote().contains("FULLY_CONNECTED"), qPrintable(studio.importNote()));
        ModelChooser chooser(&studio);
        chooser.setPrimary(DrawModel::Current);
        QVERIFY(!chooser.modelName(DrawModel::Current).contains("int8"));
        // The float32 view answers.
        const auto x = digit(0);
        QCOMPARE(chooser.predict(x), studio.model()->network.predict(x));
    }
};

QTEST_MAIN(TestTfliteInt8Open)
#include "tst_tfliteint8open.moc"
