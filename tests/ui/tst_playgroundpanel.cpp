// SPDX-License-Identifier: GPL-3.0-or-later
// The Playground tab with its real worker thread: it trains and repaints while the GUI thread
// keeps serving events (counted in events, not in milliseconds), its two-class output is one map
// of P(blue), its maps and formulas are the network's own numbers (recomputed here by
// plain loops over the snapshot's weights), clicks add points, the state survives a file, a
// crafted file changes nothing, and the lesson's buttons and the XOR link open the right tab.
#include "ui/learn/learnpanel.h"
#include "ui/mainwindow.h"
#include "ui/playground/playgroundpanel.h"
#include "ui/playground/playgroundviews.h"
#include "ui/stepper/stepperpanel.h"

#include "core/nn/network.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cmath>

using namespace tinyml;
using ui::PlaygroundPanel;

namespace {

core::PlaygroundConfig circle(std::vector<int> hidden)
{
    core::PlaygroundConfig c;
    c.data = core::PlanarKind::Circle;
    c.hidden = std::move(hidden);
    c.optimizer = core::OptimizerKind::Adam;
    c.learningRate = 0.03f;
    c.seed = 3;
    return c;
}

/// Waits until the panel shows a snapshot of config (the worker has taken it).
bool showsConfig(PlaygroundPanel &panel, const core::PlaygroundConfig &config)
{
    return QTest::qWaitFor([&] { return panel.snapshot() && panel.snapshot()->config == config; },
                           30000);
}

/// z of a neuron at (x1, x2) by plain loops over a snapshot's parameters (layers from 1).
double naiveZ(const ui::PlaygroundSnapshot &s, int layer, int unit, float x1, float x2)
{
    std::vector<double> in;
    for (int i = 0; i < core::kFeatureKinds; ++i)
        if (s.config.features & (1u << i))
            in.push_back(core::featureValue(core::featureAt(i), x1, x2));
    std::size_t offset = 0;
    for (int l = 0; l < layer; ++l) {
        const int units = s.spec.layers[std::size_t(l)].units, inputs = int(in.size());
        std::vector<double> out(static_cast<std::size_t>(units));
        for (int u = 0; u < units; ++u) {
            double sum = s.parameters[offset + std::size_t(units * inputs + u)];
            for (int i = 0; i < inputs; ++i)
                sum += double(s.parameters[offset + std::size_t(i * units + u)])
                       * in[std::size_t(i)];
            out[std::size_t(u)] = sum;
        }
        offset += std::size_t(units * (inputs + 1));
        if (l == layer - 1)
            return out[std::size_t(unit)];
        for (double &v : out)
            v = std::tanh(v);
        in = out;
    }
    return 0.0;
}

} // namespace

class TestPlaygroundPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void cleanup() { QLocale::setDefault(QLocale::c()); }

    void staysResponsiveWhileTraining_data()
    {
        QTest::addColumn<QVector<int>>("hidden");
        QTest::newRow("2-8-8-1") << QVector<int>{8, 8};
        QTest::newRow("2-8-8-8-8-1") << QVector<int>{8, 8, 8, 8};
    }

    void staysResponsiveWhileTraining()
    {
        QFETCH(QVector<int>, hidden);
        PlaygroundPanel panel;
        panel.resize(1260, 650);
        panel.show();
        const auto config = circle({hidden.begin(), hidden.end()});
        panel.applyConfig(config);
        QVERIFY(showsConfig(panel, config));
        QCOMPARE(panel.snapshot()->maps.grid, 100);
        // The GUI thread only paints: every map arrives coloured from the worker.
        QCOMPARE(panel.snapshot()->images.size(), panel.snapshot()->maps.layers.size());
        QVERIFY(!panel.snapshot()->outputMap.isNull());
        // Responsive, counted in events rather than milliseconds (a loaded machine stretches
        // every interval): the worker sends a map only when the GUI has shown the one before, so
        // the GUI thread never has more than one waiting ...
        auto *thread = panel.findChild<ui::PlaygroundThread *>();
        QVERIFY(thread);
        std::atomic<int> sent{0}, shown{0}, mostWaiting{0};
        connect(
            thread->worker(), &ui::PlaygroundWorker::snapshotReady, thread->worker(),
            [&] {
                const int waiting = ++sent - shown.load();
                int most = mostWaiting.load();
                while (waiting > most && !mostWaiting.compare_exchange_weak(most, waiting)) {
                }
            },
            Qt::DirectConnection);
        connect(&panel, &PlaygroundPanel::snapshotShown, [&] { ++shown; });
        // ... and an event that arrives while it trains (a probe posted on every tick of a timer
        // on the GUI thread, as a click would arrive) is handled before the second map update
        // after it: it never waits behind a queue of maps.
        int ticks = 0, probes = 0, mostPassed = 0;
        QObject probeTarget;
        QTimer probe;
        connect(&probe, &QTimer::timeout, [&] {
            ++ticks;
            const int postedAt = shown.load();
            QMetaObject::invokeMethod(
                &probeTarget,
                [&, postedAt] {
                    ++probes;
                    mostPassed = std::max(mostPassed, shown.load() - postedAt);
                },
                Qt::QueuedConnection);
        });
        probe.start(1);
        const int start = panel.mapUpdates();
        panel.play();
        QTRY_VERIFY_WITH_TIMEOUT(panel.mapUpdates() >= start + 40, 120000);
        panel.pause();
        probe.stop();
        QTRY_COMPARE(probes, ticks); // every probe handled
        const int updates = panel.mapUpdates() - start;
        QVERIFY2(ticks > 0, qPrintable(QStringLiteral("no tick in %1 map updates").arg(updates)));
        QVERIFY2(sent.load() >= updates - 1, qPrintable(QString::number(sent.load())));
        QVERIFY2(mostWaiting.load() <= 1,
                 qPrintable(QStringLiteral("%1 maps were waiting for the GUI thread at once")
                                .arg(mostWaiting.load())));
        QVERIFY2(
            mostPassed <= 1,
            qPrintable(QStringLiteral("an event waited behind %1 map updates").arg(mostPassed)));
        // It trained while it drew: epochs advanced and the history holds each of them once.
        QTRY_VERIFY(!panel.snapshot()->playing);
        // (A map update is not always a new epoch: the first shows the untrained network, and a
        // snapshot can be re-sent for the view, so the count is not tied to the 40 updates.)
        const int epochs = panel.snapshot()->epoch;
        QVERIFY2(
            epochs >= 1,
            qPrintable(QStringLiteral("%1 epochs in %2 map updates").arg(epochs).arg(updates)));
        QCOMPARE(int(panel.history().size()), epochs);
        for (int i = 0; i < epochs; ++i)
            QCOMPARE(panel.history()[std::size_t(i)].epoch, i + 1);
    }

    void mapsAreTheEnginesForwardPass()
    {
        PlaygroundPanel panel;
        const auto config = circle({5, 3});
        panel.applyConfig(config);
        QVERIFY(showsConfig(panel, config));
        panel.step();
        QTRY_COMPARE(panel.snapshot()->epoch, 1);
        const ui::PlaygroundSnapshot &s = *panel.snapshot();
        core::Network net(s.spec);
        std::copy(s.parameters.begin(), s.parameters.end(), net.parameters().begin());
        const int g = s.maps.grid;
        for (const int cell : {0, 99, 5050, 7777, 9999}) {
            const float x1 = -6.0f + 12.0f * (float(cell % g) + 0.5f) / float(g);
            const float x2 = 6.0f - 12.0f * (float(cell / g) + 0.5f) / float(g);
            const auto p = net.predict(std::vector<float>{x1, x2});
            QVERIFY(std::abs(s.maps.layers.back()(1, cell) - p[1]) < 1e-5f);
            for (int u = 0; u < 3; ++u)
                QVERIFY(std::abs(s.maps.layers[2](u, cell) - std::tanh(naiveZ(s, 2, u, x1, x2)))
                        < 1e-4);
        }
        // The output map's colour follows p(blue): blue where p > 0.5, orange where below.
        const QImage image = ui::neuronImage(s, s.maps.layers.size() - 1, 1);
        for (const int cell : {0, 5050, 9999}) {
            const QColor c = image.pixelColor(cell % g, cell / g);
            const float pBlue = s.maps.layers.back()(1, cell);
            if (std::abs(pBlue - 0.5f) > 0.05f)
                QCOMPARE(c.blue() > c.red(), pBlue > 0.5f);
        }
    }

    void outputIsOneMapOfBlue()
    {
        PlaygroundPanel panel;
        panel.resize(1260, 650);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const auto config = circle({3});
        panel.applyConfig(config);
        QVERIFY(showsConfig(panel, config));
        ui::NeuronDiagramView *diagram = panel.diagram();
        // 2 inputs, 3 neurons, and the two softmax outputs drawn as one node with its caption.
        QCOMPARE(panel.snapshot()->spec.layers.back().units, 2);
        QVERIFY(diagram->showsBlueProbability());
        QCOMPARE(diagram->nodesIn(0), 2);
        QCOMPARE(diagram->nodesIn(1), 3);
        QCOMPARE(diagram->nodesIn(2), 1);
        QCOMPARE(diagram->outputCaption(), QStringLiteral("P(blue)"));
        QCOMPARE(diagram->nodeCentre(2, 0), diagram->nodeCentre(2, 1));
        // Trained until the network is sure of most of the plane.
        panel.play();
        QTRY_VERIFY_WITH_TIMEOUT(panel.snapshot()->epoch >= 1 && panel.snapshot()->testLoss < 0.05,
                                 120000);
        panel.pause();
        QTRY_VERIFY(!panel.snapshot()->playing);
        const ui::PlaygroundSnapshot &s = *panel.snapshot();
        core::Network net(s.spec);
        std::copy(s.parameters.begin(), s.parameters.end(), net.parameters().begin());
        const int g = s.maps.grid;
        auto pBlue = [&](int col, int row) {
            const float x1 = -6.0f + 12.0f * (float(col) + 0.5f) / float(g);
            const float x2 = 6.0f - 12.0f * (float(row) + 0.5f) / float(g);
            return net.predict(std::vector<float>{x1, x2})[1];
        };
        // The node's picture, as painted: at grid cells where the network is sure (and so are
        // their neighbours, so that scaling the map down cannot pick another cell), blue where
        // P(blue) > 0.95 and orange where P(blue) < 0.05.
        const QImage painted = diagram->grab().toImage();
        const QRectF box = diagram->nodeRect(2, 0);
        const double scale = painted.width() / double(diagram->width());
        int blue = 0, orange = 0;
        for (int row = 2; row < g - 2; row += 4) {
            for (int col = 2; col < g - 2; col += 4) {
                float least = 1.0f, most = 0.0f;
                for (int dr = -2; dr <= 2; ++dr)
                    for (int dc = -2; dc <= 2; ++dc) {
                        least = std::min(least, pBlue(col + dc, row + dr));
                        most = std::max(most, pBlue(col + dc, row + dr));
                    }
                if (least <= 0.95f && most >= 0.05f)
                    continue;
                const QPointF at(box.left() + box.width() * (col + 0.5) / g,
                                 box.top() + box.height() * (row + 0.5) / g);
                const QColor c = painted.pixelColor((at * scale).toPoint());
                if (least > 0.95f) {
                    QVERIFY2(c.blue() > c.red() + 100,
                             qPrintable(QStringLiteral("cell %1,%2: P(blue) > 0.95, colour %3")
                                            .arg(col)
                                            .arg(row)
                                            .arg(c.name())));
                    ++blue;
                } else {
                    QVERIFY2(c.red() > c.blue() + 100,
                             qPrintable(QStringLiteral("cell %1,%2: P(blue) < 0.05, colour %3")
                                            .arg(col)
                                            .arg(row)
                                            .arg(c.name())));
                    ++orange;
                }
            }
        }
        QVERIFY2(blue > 0 && orange > 0,
                 qPrintable(QStringLiteral("%1 sure blue, %2 sure orange").arg(blue).arg(orange)));
        // Its formula is P(blue) = σ(z₂ − z₁) with the weight differences, and a line into it
        // carries w₂ − w₁.
        panel.showFormula(2, 1, QPointF(0.5, -1.0));
        const QString text = panel.formulaText();
        const double d = naiveZ(s, 2, 1, 0.5f, -1.0f) - naiveZ(s, 2, 0, 0.5f, -1.0f);
        QVERIFY2(text.contains(QString::number(std::abs(d), 'f', 3)), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("σ(z₂ − z₁) = %1")
                                   .arg(QString::number(1.0 / (1.0 + std::exp(-d)), 'f', 3))),
                 qPrintable(text));
        const QPointF middle = (diagram->nodeCentre(1, 0) + diagram->nodeCentre(2, 1)) / 2.0;
        const std::size_t output = 3 * (2 + 1); // the output layer's weights: W(to, from)
        const double w21 = double(s.parameters[output + 1]) - double(s.parameters[output]);
        const QString tip = diagram->toolTipAt(middle);
        QVERIFY2(tip.contains(QStringLiteral("w₂ − w₁")), qPrintable(tip));
        QVERIFY2(tip.contains(QString::number(std::abs(w21), 'f', 3)), qPrintable(tip));
        // A regression's one linear output keeps its own map and no caption.
        auto regression = config;
        regression.data = core::PlanarKind::Regression;
        regression.features = std::uint32_t(core::Feature::X1);
        panel.applyConfig(regression);
        QVERIFY(showsConfig(panel, regression));
        QVERIFY(!diagram->showsBlueProbability());
        QCOMPARE(diagram->nodesIn(2), 1);
        QVERIFY(diagram->outputCaption().isEmpty());
    }

    void stepResetAndButtons()
    {
        PlaygroundPanel panel;
        panel.show();
        const auto config = circle({4});
        panel.applyConfig(config);
        QVERIFY(showsConfig(panel, config));
        auto *step = panel.findChild<QPushButton *>(QStringLiteral("step"));
        auto *reset = panel.findChild<QPushButton *>(QStringLiteral("reset"));
        auto *epoch = panel.findChild<QLabel *>(QStringLiteral("epoch"));
        QTest::mouseClick(step, Qt::LeftButton);
        QTRY_COMPARE(panel.snapshot()->epoch, 1);
        QTest::mouseClick(step, Qt::LeftButton);
        QTRY_COMPARE(panel.snapshot()->epoch, 2);
        QVERIFY(epoch->text().contains(QLatin1Char('2')));
        QCOMPARE(int(panel.history().size()), 2);
        QTest::mouseClick(reset, Qt::LeftButton);
        QTRY_COMPARE(panel.snapshot()->epoch, 0);
        QVERIFY(panel.history().empty());
        // + adds a layer, − removes it again; each is a new network.
        QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("addLayer")),
                          Qt::LeftButton);
        QTRY_COMPARE(panel.snapshot()->spec.layers.size(), std::size_t(3));
        QTRY_VERIFY(panel.findChild<QPushButton *>(QStringLiteral("more1")));
        QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("more1")), Qt::LeftButton);
        QTRY_COMPARE(panel.snapshot()->spec.layers[1].units, 5);
        QTRY_VERIFY(panel.findChild<QPushButton *>(QStringLiteral("removeLayer")));
        QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("removeLayer")),
                          Qt::LeftButton);
        QTRY_COMPARE(panel.snapshot()->spec.layers.size(), std::size_t(2));
    }

    void clicksAddPoints()
    {
        PlaygroundPanel panel;
        panel.resize(1260, 650);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto config = circle({});
        config.data = core::PlanarKind::Custom;
        panel.applyConfig(config);
        QVERIFY(showsConfig(panel, config));
        QVERIFY(panel.snapshot()->data->train.empty());
        auto *adds = panel.findChild<QComboBox *>(QStringLiteral("clickAdds"));
        adds->setCurrentIndex(adds->findData(1));
        ui::PlanarMapView *map = panel.mapView();
        QTest::mouseClick(map, Qt::LeftButton, {}, map->toWidget({3.0, 3.0}).toPoint());
        QTRY_COMPARE(int(panel.snapshot()->data->train.size()), 1);
        adds->setCurrentIndex(adds->findData(0));
        QTest::mouseClick(map, Qt::LeftButton, {}, map->toWidget({-2.0, -4.0}).toPoint());
        QTRY_COMPARE(int(panel.snapshot()->data->train.size()), 2);
        const auto &train = panel.snapshot()->data->train;
        QCOMPARE(train[0].label, 1.0f);
        QVERIFY(std::abs(train[0].x1 - 3.0f) < 0.1f && std::abs(train[0].x2 - 3.0f) < 0.1f);
        QCOMPARE(train[1].label, 0.0f);
        QVERIFY(std::abs(train[1].x1 + 2.0f) < 0.1f && std::abs(train[1].x2 + 4.0f) < 0.1f);
        // "Nothing" adds nothing.
        adds->setCurrentIndex(adds->findData(-1));
        QTest::mouseClick(map, Qt::LeftButton, {}, map->toWidget({0.0, 0.0}).toPoint());
        panel.step();
        QTRY_COMPARE(panel.snapshot()->epoch, 1);
        QCOMPARE(int(panel.snapshot()->data->train.size()), 2);
    }

    void neuronFormulaHasTheRealNumbers()
    {
        PlaygroundPanel panel;
        const auto config = circle({3, 2});
        panel.applyConfig(config);
        QVERIFY(showsConfig(panel, config));
        panel.step();
        QTRY_COMPARE(panel.snapshot()->epoch, 1);
        const auto &s = *panel.snapshot();
        for (const auto &[layer, unit] : {std::pair{1, 2}, std::pair{2, 0}}) {
            panel.showFormula(layer, unit, QPointF(1.5, -2.0));
            const QString text = panel.formulaText();
            const double z = naiveZ(s, layer, unit, 1.5f, -2.0f);
            QVERIFY2(text.contains(QStringLiteral("= %1").arg(QString::number(z, 'f', 3))),
                     qPrintable(text));
            QVERIFY2(
                text.contains(QStringLiteral("= %1").arg(QString::number(std::tanh(z), 'f', 3))),
                qPrintable(text));
            // The bias is the last term.
            const std::size_t biasAt
                = layer == 1 ? 6 + std::size_t(unit) : 9 + 6 + std::size_t(unit);
            QVERIFY2(
                text.contains(
                    QString::number(double(s.parameters[biasAt]), 'f', 2).remove(QLatin1Char('-'))),
                qPrintable(text));
        }
    }

    void hoverShowsThePathAndTheWeights()
    {
        PlaygroundPanel panel;
        panel.resize(1260, 650);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto config = circle({1});
        config.features = std::uint32_t(core::Feature::X1);
        panel.applyConfig(config);
        QVERIFY(showsConfig(panel, config));
        const auto &s = *panel.snapshot();
        const core::PlanarPoint p = s.data->train.front();
        ui::PlanarMapView *map = panel.mapView();
        QTest::mouseMove(map, map->toWidget({p.x1, p.x2}).toPoint());
        ui::NeuronDiagramView *diagram = panel.diagram();
        QTRY_VERIFY(!diagram->path().empty());
        core::Network net(s.spec);
        std::copy(s.parameters.begin(), s.parameters.end(), net.parameters().begin());
        const auto out = net.predict(std::vector<float>{p.x1});
        QCOMPARE(diagram->path().size(), std::size_t(3));
        QCOMPARE(diagram->path()[0][0], p.x1);
        QVERIFY(std::abs(diagram->path()[2][1] - out[1]) < 1e-5f);
        // The one line from x₁ to the hidden neuron carries W1(0, 0).
        const QPointF middle = (diagram->nodeCentre(0, 0) + diagram->nodeCentre(1, 0)) / 2.0;
        const QString tip = diagram->toolTipAt(middle);
        QVERIFY2(tip.contains(QString::number(double(s.parameters[0]), 'f', 3)), qPrintable(tip));
        // With the gradient shown, the tooltip says which way the next step pushes it.
        panel.findChild<QCheckBox *>(QStringLiteral("showGradient"))->setChecked(true);
        QTRY_VERIFY(!panel.snapshot()->gradient.empty());
        QCOMPARE(panel.snapshot()->gradient.size(), panel.snapshot()->parameters.size());
        QVERIFY(diagram->toolTipAt(middle).contains(QStringLiteral("∂L/∂w")));
    }

    void saveAndLoad()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("playground.json"));
        PlaygroundPanel panel;
        auto config = circle({6, 2});
        config.data = core::PlanarKind::Xor;
        config.noise = 0.3f;
        config.l2 = 0.003f;
        panel.applyConfig(config);
        QVERIFY(showsConfig(panel, config));
        const auto saved = panel.snapshot();
        QVERIFY(panel.saveTo(file));
        panel.applyConfig(circle({2}));
        QVERIFY(showsConfig(panel, circle({2})));
        QVERIFY(panel.loadFrom(file));
        QVERIFY(showsConfig(panel, config));
        QVERIFY(panel.config() == config);
        QVERIFY(panel.snapshot()->data->train == saved->data->train);
        QVERIFY(panel.snapshot()->data->test == saved->data->test);
    }

    void aCraftedFileChangesNothing_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("binary") << QByteArray("\x89PNG\r\n\x1a\n", 8);
        QTest::newRow("units 1000") << QByteArray(
            R"({"format":"tinyml-playground","version":1,"data":"circle","points":10,"noise":0,"trainRatio":0.5,"seed":1,"features":["x1"],"hidden":[1000],"activation":"tanh","optimizer":"adam","learningRate":0.03,"l1":0,"l2":0,"batchSize":10,"train":[],"test":[]})");
        QTest::newRow("NaN noise") << QByteArray(
            R"({"format":"tinyml-playground","version":1,"data":"circle","points":10,"noise":NaN})");
    }

    void aCraftedFileChangesNothing()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("crafted.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        PlaygroundPanel panel;
        const auto config = circle({3});
        panel.applyConfig(config);
        QVERIFY(showsConfig(panel, config));
        const auto before = panel.snapshot();
        QVERIFY(!panel.loadFrom(file));
        QVERIFY2(panel.lastError().contains(QStringLiteral("crafted.json")),
                 qPrintable(panel.lastError()));
        panel.step();
        QTRY_COMPARE(panel.snapshot()->epoch, 1);
        QVERIFY(panel.snapshot()->config == config);
        QCOMPARE(panel.snapshot()->generation, before->generation);
        QVERIFY(panel.config() == config);
    }

    void germanNumbers()
    {
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        PlaygroundPanel panel;
        const auto config = circle({2});
        panel.applyConfig(config);
        QVERIFY(showsConfig(panel, config));
        auto *losses = panel.findChild<QLabel *>(QStringLiteral("losses"));
        QTRY_VERIFY(losses->text().contains(QRegularExpression(QStringLiteral("\\d,\\d{3}"))));
        QVERIFY(!losses->text().contains(QRegularExpression(QStringLiteral("\\d\\.\\d{3}"))));
        auto *lr = panel.findChild<QComboBox *>(QStringLiteral("learningRate"));
        QCOMPARE(lr->currentText(), QStringLiteral("0,03"));
    }

    void lessonButtonsOpenThePlayground()
    {
        ui::MainWindow w;
        w.askUnsaved = [](const QString &) { return QMessageBox::Discard; };
        w.show();
        ui::LearnPanel *learn = w.learnPanel();
        QVERIFY(learn->lessonCount() >= 8);
        QVERIFY(
            ui::LearnPanel::lessonText(8, QStringLiteral("en")).contains(QStringLiteral("<h2>8.")));
        QVERIFY(
            ui::LearnPanel::lessonText(8, QStringLiteral("de")).contains(QStringLiteral("<h2>8.")));
        const auto lessons = ui::playgroundLessons();
        QCOMPARE(learn->playgroundButtons().size(), qsizetype(lessons.size()));
        for (QPushButton *b : learn->playgroundButtons()) {
            const auto &lesson = lessons[std::size_t(b->property("playgroundLesson").toInt())];
            b->click();
            QCOMPARE(w.tabs()->currentWidget(), w.playground());
            QVERIFY(w.playground()->config() == lesson.config);
            QVERIFY(showsConfig(*w.playground(), lesson.config));
            QTRY_VERIFY(w.playground()->snapshot()->playing);
            w.playground()->pause();
        }
        // The 2-2-1 XOR network, one click away in Step through.
        w.playground()->findChild<QPushButton *>(QStringLiteral("openXor"))->click();
        QCOMPARE(w.tabs()->currentWidget(), w.stepper());
        QCOMPARE(w.stepper()->network().spec().layers.size(), std::size_t(2));
        QCOMPARE(w.stepper()->network().spec().layers[0].units, 2);
        QCOMPARE(w.stepper()->network().spec().layers[1].units, 1);
    }
};

QTEST_MAIN(TestPlaygroundPanel)
#include "tst_playgroundpanel.moc"
