// SPDX-License-Identifier: GPL-3.0-or-later
// Draw & Predict's model choice: the embedded course model, the embedded small CNN or the
// current one; a second model side by side; the choice remembered across sessions.
#include "drawnstyles.h"

#include "ui/draw/drawingcanvas.h"
#include "ui/draw/drawpanel.h"
#include "ui/draw/modelchooser.h"
#include "ui/shared/defaultmodel.h"
#include "ui/shared/imageviews.h"
#include "ui/shared/studiomodel.h"
#include "ui/shared/userdigits.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tinyml;
using namespace tinyml::ui;

class TestModelChooser : public QObject
{
    Q_OBJECT

    QTemporaryDir m_own;

    /// A 3 drawn on the panel's canvas with mouse strokes.
    static void drawThree(DrawPanel &panel)
    {
        core::Rng rng(7);
        test::drawn::drawWithMouse(panel.canvas(), test::drawn::randomDrawing(3, rng));
    }

    /// The probabilities an independently loaded network gives for the panel's input.
    static std::vector<float> expected(const core::LoadedModel &m, const DrawPanel &panel)
    {
        return m.network.predict(panel.preprocessed().input);
    }

    static void compareProbabilities(const std::vector<float> &shown,
                                     const std::vector<float> &want)
    {
        QCOMPARE(shown.size(), want.size());
        for (std::size_t i = 0; i < want.size(); ++i)
            QVERIFY2(std::abs(shown[i] - want[i]) < 1e-5f, qPrintable(QString::number(i)));
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void chooseAndCompare()
    {
        StudioModel studio;
        QVERIFY(studio.loadDefault());
        UserDigits own(m_own.path());
        DrawPanel panel(&studio, &own);
        panel.resize(1100, 640);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        ModelChooser *chooser = panel.models();
        QCOMPARE(chooser->primary(), DrawModel::Current); // the default choice
        QVERIFY(!chooser->comparison());
        QVERIFY(!chooser->comparisonBars()->isVisible());

        drawThree(panel);
        QTRY_VERIFY(!panel.bars()->probabilities().empty());
        const core::LoadedModel course = loadDefaultModel();
        const core::LoadedModel cnn = loadSmallCnnModel();
        compareProbabilities(panel.bars()->probabilities(), expected(course, panel));

        // The small CNN, chosen in the combo box as a learner does.
        auto *primary = chooser->findChild<QComboBox *>(QStringLiteral("drawModel"));
        primary->setCurrentIndex(primary->findData(QStringLiteral("cnn")));
        QCOMPARE(chooser->primary(), DrawModel::SmallCnn);
        compareProbabilities(panel.bars()->probabilities(), expected(cnn, panel));
        QVERIFY(panel.predictionText().contains(QString::number(panel.bars()->topClass())));

        // Side by side with the course model.
        auto *compare = chooser->findChild<QComboBox *>(QStringLiteral("compareModel"));
        compare->setCurrentIndex(compare->findData(QStringLiteral("course")));
        QVERIFY(chooser->comparisonBars()->isVisible());
        compareProbabilities(chooser->comparisonBars()->probabilities(), expected(course, panel));
        compareProbabilities(panel.bars()->probabilities(), expected(cnn, panel));

        // A newly trained current model shows up at once where "current" is chosen.
        chooser->setComparison(DrawModel::Current);
        core::Network other(core::ModelSpec::withHidden({16}, core::Activation::Tanh));
        other.initialize(3);
        auto trained
            = std::make_shared<core::LoadedModel>(core::LoadedModel{other, std::nullopt, {}});
        studio.setModel(trained, QStringLiteral("trained now"), true);
        compareProbabilities(chooser->comparisonBars()->probabilities(), expected(*trained, panel));
        compareProbabilities(panel.bars()->probabilities(), expected(cnn, panel));

        // One forward pass of one image, as each change of the drawing makes, is far below the
        // 30 ms that would call for a worker thread (measured, not asserted: machines differ).
        const std::array<float, 784> input = panel.preprocessed().input;
        QElapsedTimer timer;
        timer.start();
        constexpr int kRuns = 200;
        for (int i = 0; i < kRuns; ++i)
            chooser->predict(input);
        qInfo("small CNN + current model, one drawing: %.3f ms per prediction",
              double(timer.nsecsElapsed()) / 1e6 / kRuns);
    }

    void theChoiceIsRemembered()
    {
        {
            StudioModel studio;
            UserDigits own(m_own.path());
            DrawPanel panel(&studio, &own);
            panel.models()->setPrimary(DrawModel::Course);
            panel.models()->setComparison(DrawModel::SmallCnn);
        }
        StudioModel studio;
        UserDigits own(m_own.path());
        DrawPanel again(&studio, &own);
        QCOMPARE(again.models()->primary(), DrawModel::Course);
        QCOMPARE(again.models()->comparison(), std::optional(DrawModel::SmallCnn));
        // Without a current model, the embedded ones still predict.
        again.resize(1100, 640);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        drawThree(again);
        QTRY_VERIFY(!again.bars()->probabilities().empty());
        QVERIFY(!again.models()->comparisonBars()->probabilities().empty());
    }

    void aDamagedSettingFallsBack()
    {
        QSettings().setValue(QStringLiteral("draw/model"), QStringLiteral("gigantic"));
        QSettings().setValue(QStringLiteral("draw/compare"), 12);
        StudioModel studio;
        UserDigits own(m_own.path());
        DrawPanel panel(&studio, &own);
        QCOMPARE(panel.models()->primary(), DrawModel::Current);
        QVERIFY(!panel.models()->comparison());
    }
};

QTEST_MAIN(TestModelChooser)
#include "tst_modelchooser.moc"
