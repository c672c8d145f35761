// SPDX-License-Identifier: GPL-3.0-or-later
// The vanishing-gradient experiment on real MNIST (label "mnist"): one click in lesson 5 trains
// six sigmoid layers for a hundred batches, and the verdict says, with the measured gradient
// magnitudes, that the first layer's are at least ten times smaller than the last layer's; the
// same stack with ReLU is judged the other way, against the sigmoid run.
#include "testsupport.h"

#include "core/nn/layerstats.h"
#include "ui/learn/experiments.h"
#include "ui/learn/learnpanel.h"
#include "ui/mainwindow.h"
#include "ui/shared/networkeditor.h"
#include "ui/train/runlistmodel.h"
#include "ui/train/runrecord.h"
#include "ui/train/trainpanel.h"

#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

using namespace tinyml;
using namespace tinyml::ui;

class TestGradientExperiment : public QObject
{
    Q_OBJECT

    /// The "N × smaller" of a verdict, as the English locale writes N.
    static double shrinkIn(const QString &message)
    {
        const auto match = QRegularExpression(QStringLiteral("were ([0-9.,]+) × smaller than the last layer's"))
                               .match(message);
        return match.hasMatch() ? QLocale(QLocale::English).toDouble(match.captured(1)) : -1.0;
    }

    static void runAndWait(MainWindow &w, QPushButton *button)
    {
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(w.tabs()->currentWidget(), w.trainPanel());
        QVERIFY(w.trainPanel()->message().contains(QStringLiteral("Experiment:")));
        QTRY_VERIFY_WITH_TIMEOUT(!w.trainPanel()->isTraining()
                                     && w.trainPanel()->message().contains(QStringLiteral("expected")),
                                 300000);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
        QSettings().clear();
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        qputenv("TINYML_DATA", QString::fromStdString(test::mnistDir().string()).toUtf8());
    }

    void theSigmoidStackStartsWithVanishedGradients()
    {
        // Independent of the studio's run: the experiment's untrained network, on the first 256
        // training images, one forward and backward pass.
        const Experiment sigmoid = gradientExperiments().at(0);
        QVERIFY(sigmoid.id == Experiment::Id::DeepSigmoid);
        const core::Dataset train = core::loadDataset(core::DatasetKind::Mnist, core::Split::Train, test::mnistDir());
        core::Network net(sigmoid.spec);
        net.initialize(sigmoid.config.seed);
        const int n = 256;
        core::Matrix X(784, n);
        for (int i = 0; i < n; ++i)
            for (int p = 0; p < 784; ++p)
                X(p, i) = float(train.image(std::size_t(i))[p]) / 255.0f;
        const std::vector<std::uint8_t> labels(train.labels.begin(), train.labels.begin() + n);
        const auto stats = core::layerStats(net, X, labels);
        QCOMPARE(int(stats.size()), 7);
        const double ratio = stats.back().gradientRms / stats.front().gradientRms;
        qInfo("untrained sigmoid stack: last/first gradient RMS %.1f", ratio);
        QVERIFY2(ratio >= kVanishingRatio, qPrintable(QString::number(ratio)));
    }

    void lessonFiveJudgesBothStacksOnTheirGradients()
    {
        MainWindow w;
        w.askUnsaved = [](const QString &) { return QMessageBox::Discard; };
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QList<QPushButton *> buttons = w.learnPanel()->gradientButtons();
        QCOMPARE(buttons.size(), 2);

        runAndWait(w, buttons.at(0));
        const QString sigmoidVerdict = w.trainPanel()->message();
        QVERIFY2(sigmoidVerdict.contains(QStringLiteral("As expected: in the first epoch the first layer's gradients (RMS")),
                 qPrintable(sigmoidVerdict));
        const double sigmoid = shrinkIn(sigmoidVerdict);
        qInfo("sigmoid: %.1f × smaller", sigmoid);
        QVERIFY2(sigmoid >= kVanishingRatio, qPrintable(sigmoidVerdict));
        QVERIFY(w.trainPanel()->editor()->spec().layers.front().activation == core::Activation::Sigmoid);

        runAndWait(w, buttons.at(1));
        const QString reluVerdict = w.trainPanel()->message();
        QVERIFY2(reluVerdict.contains(QStringLiteral("As expected: in the first epoch")), qPrintable(reluVerdict));
        QVERIFY2(reluVerdict.contains(QStringLiteral("With sigmoid they were")), qPrintable(reluVerdict));
        const double relu = shrinkIn(reluVerdict);
        qInfo("ReLU: %.1f × smaller", relu);
        QVERIFY2(relu > 0.0 && relu < kVanishingRatio, qPrintable(reluVerdict));
        QVERIFY(relu * 3 < sigmoid);

        // The Train tab offers the same two experiments under the layer histograms.
        auto *deep = w.trainPanel()->findChild<QPushButton *>(QStringLiteral("deepSigmoid"));
        QVERIFY(deep);
        QCOMPARE(deep->toolTip(), gradientExperiments().at(0).expectation);
        QVERIFY(w.trainPanel()->findChild<QPushButton *>(QStringLiteral("deepRelu")));
        while (w.runStore()->model()->rowCount() > 0)
            QVERIFY(w.runStore()->remove(w.runStore()->runs().front().id));
    }
};

QTEST_MAIN(TestGradientExperiment)
#include "tst_gradientexperiment.moc"
