// SPDX-License-Identifier: GPL-3.0-or-later
// The stepper driven through whole steps, the lessons' links and widgets.
#include "testsupport.h"

#include "ui/export/exportpanel.h"
#include "ui/learn/learnpanel.h"
#include "ui/mainwindow.h"
#include "ui/shared/networkeditor.h"
#include "ui/stepper/stepperpanel.h"
#include "ui/shared/studiomodel.h"
#include "ui/train/trainpanel.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QTemporaryDir>
#include <QStandardPaths>
#include <QLocale>
#include <QTableWidget>
#include <QTabWidget>
#include <QTest>

using namespace tinyml;
using namespace tinyml::ui;
using core::Activation;
Q_DECLARE_METATYPE(tinyml::core::Activation)
Q_DECLARE_METATYPE(tinyml::core::LossKind)
Q_DECLARE_METATYPE(tinyml::core::OptimizerKind)

class TestStepper : public QObject
{
    Q_OBJECT

    static QPushButton *button(QWidget *w, const char *name) { return w->findChild<QPushButton *>(QLatin1String(name)); }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void workedExampleToSixDigits()
    {
        StudioModel studio;
        StepperPanel stepper(&studio);
        stepper.resize(1200, 800);
        stepper.show();
        QVERIFY(QTest::qWaitForWindowExposed(&stepper));
        QCOMPARE(stepper.stageCount(), 11); // input, 2 × (z, a), loss, δ, 2 × dW, δ back, update
        QStringList seen;
        for (int i = 1; i < stepper.stageCount(); ++i) {
            QTest::mouseClick(button(&stepper, "nextStage"), Qt::LeftButton);
            QCOMPARE(stepper.currentStage(), i);
            seen << stepper.formulaText();
        }
        const QString all = seen.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QStringLiteral("0.377500")), "z of h1"); // 0.15·0.05 + 0.20·0.10 + 0.35
        QVERIFY2(all.contains(QStringLiteral("<b>0.593270</b>")), "out_h1");
        QVERIFY2(all.contains(QStringLiteral("<b>0.751365</b>")), "out_o1");
        QVERIFY2(all.contains(QStringLiteral("<b>0.298371</b>")), "E");
        QVERIFY2(all.contains(QStringLiteral("<b>0.082167</b>")), "dE/dw5");
        QCOMPARE(qRound64(double(stepper.trace().dW[1](0, 0)) * 1e6), 82167);

        QTest::mouseClick(button(&stepper, "applyUpdate"), Qt::LeftButton);
        QVERIFY(stepper.trace().applied);
        QCOMPARE(qRound64(double(stepper.network().weights(1)(0, 0)) * 1e6), 358916); // w5
        QCOMPARE(qRound64(double(stepper.network().weights(0)(0, 0)) * 1e6), 149781); // w1
        auto *table = stepper.findChild<QTableWidget *>(QStringLiteral("parameters"));
        QCOMPARE(table->item(6, 0)->text().left(2), QStringLiteral("w5"));
        QCOMPARE(table->item(6, 3)->text(), QStringLiteral("0.358916"));
        QVERIFY(stepper.formulaText().contains(QStringLiteral("0.149781")));
        // Next begins the next step from the new weights: a lower loss.
        const double loss = stepper.trace().loss;
        QTest::mouseClick(button(&stepper, "nextStage"), Qt::LeftButton);
        QCOMPARE(stepper.currentStage(), 0);
        QVERIFY(!stepper.trace().applied);
        QVERIFY(stepper.trace().loss < loss);
    }

    void everyViewAgreesAfterAnUpdate()
    {
        StudioModel studio;
        StepperPanel stepper(&studio);
        auto *table = stepper.findChild<QTableWidget *>(QStringLiteral("parameters"));
        const double lossBefore = stepper.trace().loss;
        const QString w5Before = table->item(6, 1)->text();
        const QString gradW5 = table->item(6, 2)->text();
        QTest::mouseClick(button(&stepper, "applyUpdate"), Qt::LeftButton);
        QVERIFY(stepper.trace().applied);
        // The row reads the step as it happened: before, gradient, after.
        QCOMPARE(table->item(6, 1)->text(), w5Before);
        QCOMPARE(table->item(6, 2)->text(), gradW5);
        QCOMPARE(table->item(6, 3)->text(), QStringLiteral("0.358916"));
        // The gradient check speaks about the gradient in the table (w5: layer 2, o1 <- h1).
        stepper.select(1, 0, 0);
        const auto [numeric, backprop] = stepper.checkGradient();
        QCOMPARE(QString::number(backprop, 'f', 6), gradW5);
        QVERIFY(std::abs(numeric - backprop) <= 1e-4);

        // Run forward after the update: the loss of the new weights, computed independently.
        QTest::mouseClick(button(&stepper, "runForward"), Qt::LeftButton);
        QVERIFY(!stepper.trace().applied);
        core::Matrix x(2, 1);
        x << 0.05f, 0.10f; // the worked example's input and targets
        const double h1 = 1.0 / (1.0 + std::exp(-(stepper.network().weights(0).row(0).dot(x.col(0)) + stepper.network().bias(0)(0))));
        const double h2 = 1.0 / (1.0 + std::exp(-(stepper.network().weights(0).row(1).dot(x.col(0)) + stepper.network().bias(0)(1))));
        auto out = [&](int j) {
            const auto W = stepper.network().weights(1);
            return 1.0 / (1.0 + std::exp(-(W(j, 0) * h1 + W(j, 1) * h2 + stepper.network().bias(1)(j))));
        };
        const double expected = (std::pow(0.01 - out(0), 2) + std::pow(0.99 - out(1), 2)) / 2.0;
        QVERIFY2(std::abs(stepper.trace().loss - expected) < 1e-6,
                 qPrintable(QStringLiteral("%1 vs %2").arg(stepper.trace().loss).arg(expected)));
        QVERIFY(stepper.trace().loss < lossBefore);
        QCOMPARE(table->item(6, 1)->text(), QStringLiteral("0.358916")); // now the current weight
        QVERIFY(table->item(6, 3)->text().isEmpty());
        // The backward pass and its check now agree on the new weights too.
        QTest::mouseClick(button(&stepper, "runBackward"), Qt::LeftButton);
        stepper.select(0, 0, 0); // the backward view ends on the first layer: w1
        QCOMPARE(table->item(0, 0)->text().left(2), QStringLiteral("w1"));
        const auto [numeric2, backprop2] = stepper.checkGradient();
        QCOMPARE(QString::number(backprop2, 'f', 6), table->item(0, 2)->text());
        QVERIFY(std::abs(numeric2 - backprop2) <= 1e-5);
    }

    void theTableSpeaksTheLocalesNumbers()
    {
        // German: a decimal comma in the table, and a weight typed either way is read.
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        StudioModel studio;
        StepperPanel stepper(&studio);
        auto *table = stepper.findChild<QTableWidget *>(QStringLiteral("parameters"));
        QTest::mouseClick(button(&stepper, "applyUpdate"), Qt::LeftButton);
        const QString after = table->item(6, 3)->text();
        table->item(0, 1)->setText(QStringLiteral("1,25")); // w1
        const float typedGerman = stepper.network().weights(0)(0, 0);
        table->item(0, 1)->setText(QStringLiteral("0.75"));
        const float typedC = stepper.network().weights(0)(0, 0);
        QLocale::setDefault(before);
        QCOMPARE(after, QStringLiteral("0,358916")); // w5 after the worked example's step
        QCOMPARE(typedGerman, 1.25f);
        QCOMPARE(typedC, 0.75f);
    }

    void editingAWeightChangesTheStep()
    {
        StudioModel studio;
        StepperPanel stepper(&studio);
        auto *table = stepper.findChild<QTableWidget *>(QStringLiteral("parameters"));
        auto *check = stepper.findChild<QLabel *>(QStringLiteral("checkResult"));
        QTest::mouseClick(button(&stepper, "checkGradient"), Qt::LeftButton);
        QVERIFY(check->text().contains(QStringLiteral("agree")));
        table->item(0, 1)->setText(QStringLiteral("1.5")); // w1
        QVERIFY(check->text().isEmpty()); // the check was about other weights: not shown stale
        QCOMPARE(stepper.network().weights(0)(0, 0), 1.5f);
        QVERIFY(std::abs(stepper.trace().z[0](0, 0) - (1.5f * 0.05f + 0.2f * 0.1f + 0.35f)) < 1e-6f);
        // Choosing another weight, or another example, leaves no check of the old one behind.
        QTest::mouseClick(button(&stepper, "checkGradient"), Qt::LeftButton);
        QVERIFY(!check->text().isEmpty());
        stepper.select(0, 1, 1);
        QVERIFY(check->text().isEmpty());
        QTest::mouseClick(button(&stepper, "checkGradient"), Qt::LeftButton);
        QVERIFY(!check->text().isEmpty());
        stepper.select(0, 1, 1); // the same weight again: its check stays
        QVERIFY(!check->text().isEmpty());
        stepper.loadPreset(StepperPanel::Preset::Xor);
        QVERIFY(check->text().isEmpty());
    }

    void gradientCheckPassesEverywhere_data()
    {
        QTest::addColumn<Activation>("hidden");
        QTest::addColumn<Activation>("output");
        QTest::addColumn<core::LossKind>("loss");
        const auto mse = core::LossKind::MeanSquaredError, ce = core::LossKind::SparseCategoricalCrossentropy;
        QTest::newRow("sigmoid/sigmoid, squared error") << Activation::Sigmoid << Activation::Sigmoid << mse;
        QTest::newRow("tanh/linear, squared error") << Activation::Tanh << Activation::Linear << mse;
        QTest::newRow("relu/softmax, cross-entropy") << Activation::Relu << Activation::Softmax << ce;
        QTest::newRow("leaky/sigmoid, cross-entropy") << Activation::LeakyRelu << Activation::Sigmoid << ce;
        QTest::newRow("tanh/softmax, squared error") << Activation::Tanh << Activation::Softmax << mse;
    }
    void gradientCheckPassesEverywhere()
    {
        QFETCH(Activation, hidden);
        QFETCH(Activation, output);
        QFETCH(core::LossKind, loss);
        StudioModel studio;
        StepperPanel stepper(&studio);
        stepper.configureTiny(hidden, output, loss, core::OptimizerKind::Sgd, 0.5f);
        QVERIFY(stepper.network().spec().layers[0].activation == hidden);
        for (int layer = 0; layer < 2; ++layer)
            for (int j = 0; j < 2; ++j)
                for (int i = 0; i < 2; ++i) {
                    stepper.select(layer, j, i);
                    const auto [numeric, backprop] = stepper.checkGradient();
                    QVERIFY2(std::abs(numeric - backprop) <= 1e-4 + 1e-2 * std::abs(backprop),
                             qPrintable(QStringLiteral("layer %1 W(%2,%3): %4 vs %5").arg(layer).arg(j).arg(i).arg(numeric).arg(backprop)));
                }
    }

    void everyOptimizerUpdates_data()
    {
        QTest::addColumn<core::OptimizerKind>("optimizer");
        QTest::addColumn<QString>("name");
        QTest::newRow("sgd") << core::OptimizerKind::Sgd << "SGD";
        QTest::newRow("momentum") << core::OptimizerKind::Momentum << "Momentum";
        QTest::newRow("rmsprop") << core::OptimizerKind::RmsProp << "RMSprop";
        QTest::newRow("adam") << core::OptimizerKind::Adam << "Adam";
    }
    void everyOptimizerUpdates()
    {
        QFETCH(core::OptimizerKind, optimizer);
        QFETCH(QString, name);
        StudioModel studio;
        StepperPanel stepper(&studio);
        stepper.loadPreset(StepperPanel::Preset::Xor);
        stepper.configureTiny(Activation::Tanh, Activation::Sigmoid, core::LossKind::MeanSquaredError, optimizer, 0.1f);
        const std::vector<float> before(stepper.network().parameters().begin(), stepper.network().parameters().end());
        stepper.runBackward();
        stepper.applyUpdate();
        QVERIFY(stepper.formulaText().startsWith(name));
        QVERIFY(!std::equal(before.begin(), before.end(), stepper.network().parameters().begin()));
        QCOMPARE(stepper.trace().input.cols(), 4); // XOR: all four samples in the batch
    }

    void mnistModeUsesTheEngineOnTheCurrentInput()
    {
        StudioModel studio;
        QVERIFY(studio.loadDefault());
        const core::Dataset sample = test::syntheticDigits(1, 5);
        std::array<float, 784> pixels;
        for (int p = 0; p < 784; ++p)
            pixels[std::size_t(p)] = float(sample.image(0)[p]) / 255.0f;
        studio.setInput(pixels, 3, QStringLiteral("test"));
        StepperPanel stepper(&studio);
        stepper.loadPreset(StepperPanel::Preset::Mnist);
        core::Workspace ws(studio.model()->network.spec(), 1);
        studio.model()->network.forward(core::ConstMatrixMap(pixels.data(), 784, 1), ws);
        QVERIFY(stepper.trace().z[0] == core::Matrix(ws.z(0)));
        QVERIFY(stepper.trace().a[1] == core::Matrix(ws.a(1)));
        stepper.runForward();
        QVERIFY(stepper.formulaText().contains(QStringLiteral("Cross-entropy")));
        stepper.applyUpdate();
        // The studio's model is untouched: the stepper works on a copy.
        QVERIFY(!std::equal(studio.model()->network.parameters().begin(), studio.model()->network.parameters().end(),
                            stepper.network().parameters().begin()));
    }

    void everyLessonLinkOpensItsTarget()
    {
        MainWindow w;
        w.askUnsaved = [](const QString &) { return QMessageBox::Discard; };
        w.show();
        LearnPanel *learn = w.learnPanel();
        QVERIFY(learn->links().size() >= 9);
        for (QPushButton *link : learn->links()) {
            w.tabs()->setCurrentWidget(learn);
            const auto target = link->property("target").value<LearnPanel::Target>();
            link->click();
            QWidget *expected = nullptr;
            switch (target) {
            case LearnPanel::Target::Draw: expected = reinterpret_cast<QWidget *>(w.drawPanel()); break;
            case LearnPanel::Target::Train: expected = w.trainPanel(); break;
            case LearnPanel::Target::Dataset: expected = reinterpret_cast<QWidget *>(w.datasetBrowser()); break;
            case LearnPanel::Target::Inspect: expected = reinterpret_cast<QWidget *>(w.inspector()); break;
            case LearnPanel::Target::StepWorkedExample:
            case LearnPanel::Target::StepMnist: expected = w.stepper(); break;
            case LearnPanel::Target::Export:
            case LearnPanel::Target::ExportSmallBoard: expected = w.exportPanel(); break;
            }
            QVERIFY2(w.tabs()->currentWidget() == expected, qPrintable(link->text()));
        }
        // Every lesson has its text.
        for (int n = 1; n <= learn->lessonCount(); ++n) {
            QVERIFY(LearnPanel::lessonText(n, QStringLiteral("en")).contains(QStringLiteral("<h2>%1.").arg(n)));
            QVERIFY(LearnPanel::lessonText(n, QStringLiteral("de")).contains(QStringLiteral("<h2>%1.").arg(n)));
        }
    }

    void neuronLessonComputesZAndY()
    {
        NeuronWidget neuron;
        neuron.setValues({1.0, 0.5, 0.0}, {0.8, -0.4, 1.2}, -0.3);
        QVERIFY(std::abs(neuron.z() - 0.3) < 1e-9); // 0.8·1 − 0.4·0.5 + 1.2·0 − 0.3
        QVERIFY(std::abs(neuron.y() - 0.574443) < 1e-6); // sigmoid(0.3)
        neuron.setValues({1.0, 1.0, 1.0}, {-1.0, -1.0, 0.5}, 0.0);
        QVERIFY(std::abs(neuron.z() + 1.5) < 1e-9);
        QVERIFY(neuron.y() < 0.2);
    }

    void textScalesForAProjector()
    {
        MainWindow w;
        w.show();
        const double app = QApplication::font().pointSizeF();
        QLabel *formula = w.stepper()->findChild<QLabel *>(QStringLiteral("stepFormula"));
        const double own = formula->font().pointSizeF();
        QVERIFY(own > app); // the formula is set larger than the text around it
        applyTextScale(1.5);
        QVERIFY(std::abs(QApplication::font().pointSizeF() - 1.5 * app) < 0.01);
        QVERIFY(std::abs(formula->font().pointSizeF() - 1.5 * own) < 0.01);
        applyTextScale(1.0);
        QVERIFY(std::abs(QApplication::font().pointSizeF() - app) < 0.01);
        QVERIFY(std::abs(formula->font().pointSizeF() - own) < 0.01);
    }

    void experimentButtonSetsUpAndStartsTraining()
    {
        const QByteArray saved = qgetenv("TINYML_DATA");
        QTemporaryDir data;
        test::writeAsMnist(test::syntheticDigits(500, 1), test::syntheticDigits(100, 2), data.path().toStdString());
        qputenv("TINYML_DATA", data.path().toUtf8());
        MainWindow w;
        w.askUnsaved = [](const QString &) { return QMessageBox::Discard; };
        w.show();
        QPushButton *small = w.learnPanel()->experimentButtons().first();
        small->click();
        QCOMPARE(w.tabs()->currentWidget(), w.trainPanel());
        QCOMPARE(w.trainPanel()->editor()->spec().layers[0].units, 16);
        QVERIFY(w.trainPanel()->message().contains(QStringLiteral("Expect")) || w.trainPanel()->isTraining());
        QTRY_VERIFY_WITH_TIMEOUT(!w.trainPanel()->isTraining(), 20000);
        QVERIFY(w.trainPanel()->message().contains(QStringLiteral("Done")));
        qputenv("TINYML_DATA", saved);
    }
};

QTEST_MAIN(TestStepper)
#include "tst_stepper.moc"
