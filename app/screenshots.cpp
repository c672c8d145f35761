// SPDX-License-Identifier: GPL-3.0-or-later
#include "screenshots.h"

#include "app/eventloop.h"

#include "ui/dataset/datasetbrowser.h"
#include "ui/draw/drawingcanvas.h"
#include "ui/draw/drawpanel.h"
#include "ui/export/exportpanel.h"
#include "ui/inspect/inspectorpanel.h"
#include "ui/mainwindow.h"
#include "ui/playground/playgroundpanel.h"
#include "ui/shared/datasource.h"
#include "ui/shared/networkeditor.h"
#include "ui/shared/studiomodel.h"
#include "ui/stepper/stepperpanel.h"
#include "ui/train/trainpanel.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QDir>
#include <QLocale>
#include <QMouseEvent>
#include <QPixmap>
#include <QTabWidget>
#include <QTableView>
#include <QTranslator>

#include <cmath>
#include <cstdio>
#include <vector>

namespace tinyml::app {

namespace {

constexpr QSize kWindow(1280, 720);
/// Three steps of View > Larger text (each 1.15×).
const double kLarger = std::pow(1.15, 3);

/// A "3" drawn with the mouse, as a learner draws it.
void drawThree(ui::DrawingCanvas *canvas)
{
    const double s = std::min(canvas->width(), canvas->height());
    const QPointF origin((canvas->width() - s) / 2.0, (canvas->height() - s) / 2.0);
    const std::vector<QPointF> unit{{0.3, 0.2},   {0.5, 0.12},  {0.68, 0.2},
                                    {0.66, 0.36}, {0.48, 0.47}, {0.68, 0.58},
                                    {0.7, 0.75},  {0.5, 0.86},  {0.3, 0.8}};
    auto send = [&](QEvent::Type type, QPointF unitPoint) {
        const QPointF at = origin + unitPoint * s;
        QMouseEvent event(type, at, canvas->mapToGlobal(at),
                          type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton,
                          type == QEvent::MouseButtonRelease ? Qt::NoButton : Qt::LeftButton,
                          Qt::NoModifier);
        QApplication::sendEvent(canvas, &event);
    };
    canvas->clear();
    send(QEvent::MouseButtonPress, unit.front());
    for (std::size_t i = 1; i < unit.size(); ++i)
        for (int k = 1; k <= 8; ++k)
            send(QEvent::MouseMove, unit[i - 1] + (unit[i] - unit[i - 1]) * (k / 8.0));
    send(QEvent::MouseButtonRelease, unit.back());
}

struct Shot
{
    QString file;
    QWidget *(*tab)(ui::MainWindow &);
    /// The page of the Train tab's chart tabs to show (0: curves, 1: layer histograms).
    int chartPage = 0;
};

QWidget *learnTab(ui::MainWindow &w)
{
    return w.tabs()->widget(0);
}
QWidget *drawTab(ui::MainWindow &w)
{
    return w.drawPanel();
}
QWidget *trainTab(ui::MainWindow &w)
{
    return w.trainPanel();
}
QWidget *datasetTab(ui::MainWindow &w)
{
    return w.datasetBrowser();
}
QWidget *inspectTab(ui::MainWindow &w)
{
    return w.inspector();
}
QWidget *stepperTab(ui::MainWindow &w)
{
    return w.stepper();
}
QWidget *exportTab(ui::MainWindow &w)
{
    return w.exportPanel();
}
QWidget *playgroundTab(ui::MainWindow &w)
{
    return w.playground();
}

/// One window in one language and text size; writes its shots into dir.
bool shoot(const QString &dir, const QString &suffix, const std::vector<Shot> &shots, bool train)
{
    ui::MainWindow window;
    window.askUnsaved = [](const QString &) { return QMessageBox::Discard; };
    window.setWindowState(Qt::WindowNoState);
    window.resize(kWindow);
    window.show();
    settle(300);
    if (window.size() != kWindow)
        std::fprintf(stderr, "screenshots: the window is %dx%d, not 1280x720\n", window.width(),
                     window.height());

    ui::DataSource *data = window.dataSource();
    data->load(core::DatasetKind::Mnist);
    const bool mnist
        = runUntil([&] { return data->test(core::DatasetKind::Mnist) != nullptr; }, 60000);
    ui::TrainPanel *panel = window.trainPanel();
    if (train && mnist) {
        // A short run with a validation split, so that the charts and the run list show something.
        core::TrainConfig config = panel->editor()->config();
        config.epochs = 4;
        config.trainSubset = 12000;
        config.validationSplit = 0.2f;
        panel->editor()->setSpec(core::ModelSpec::courseModel());
        panel->editor()->setConfig(config);
        window.tabs()->setCurrentWidget(panel);
        panel->train();
        runUntil([&] { return !panel->isTraining(); }, 600000);
    }
    if (!train) {
        // The run trained for the first shots, drawn as a comparison.
        QAbstractItemModel *runs = panel->runTable()->model();
        for (int r = 0; r < runs->rowCount(); ++r)
            runs->setData(runs->index(r, 0), Qt::Checked, Qt::CheckStateRole);
    }
    drawThree(window.drawPanel()->canvas());
    bool ok = true;
    for (const Shot &shot : shots) {
        QWidget *tab = shot.tab(window);
        window.tabs()->setCurrentWidget(tab);
        if (auto *charts = panel->findChild<QTabWidget *>(QStringLiteral("chartTabs")))
            charts->setCurrentIndex(shot.chartPage);
        settle(400);
        if (tab == window.datasetBrowser() && mnist)
            runUntil([&] { return !window.datasetBrowser()->isBusy(); }, 120000);
        if (tab == window.exportPanel())
            runUntil([&] { return !window.exportPanel()->isBusy(); }, 120000);
        if (tab == window.playground() && window.playground()->history().empty()) {
            // A trained picture: the maps, the diagram and the loss curves after 300 epochs.
            ui::PlaygroundPanel *playground = window.playground();
            playground->play();
            runUntil([&] { return playground->history().size() >= 300; }, 120000);
            playground->pause();
        }
        settle(300);
        const QString path = dir + QLatin1Char('/') + shot.file + suffix + QStringLiteral(".png");
        if (!window.grab().save(path, "PNG")) {
            std::fprintf(stderr, "screenshots: cannot write %s\n", qPrintable(path));
            ok = false;
        } else {
            std::printf("%s\n", qPrintable(path));
            std::fflush(stdout);
        }
    }
    return ok;
}

} // namespace

int runScreenshots(const QString &dir)
{
    if (!QDir().mkpath(dir)) {
        std::fprintf(stderr, "screenshots: cannot create %s\n", qPrintable(dir));
        return 1;
    }
    const std::vector<Shot> every{
        {QStringLiteral("learn"), learnTab},     {QStringLiteral("draw"), drawTab},
        {QStringLiteral("train"), trainTab},     {QStringLiteral("histograms"), trainTab, 1},
        {QStringLiteral("dataset"), datasetTab}, {QStringLiteral("inspect"), inspectTab},
        {QStringLiteral("stepper"), stepperTab}, {QStringLiteral("playground"), playgroundTab},
        {QStringLiteral("export"), exportTab}};
    const Shot train{QStringLiteral("train"), trainTab},
        dataset{QStringLiteral("dataset"), datasetTab},
        exporting{QStringLiteral("export"), exportTab}, learn{QStringLiteral("learn"), learnTab};
    bool ok = true;
    // English, normal text: every tab.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    ui::applyTextScale(1.0);
    ok = shoot(dir, QStringLiteral("-en"), every, true) && ok;
    // English, larger text.
    ui::applyTextScale(kLarger);
    ok = shoot(dir, QStringLiteral("-en-large"), {train, exporting}, false) && ok;
    // German, normal and larger text.
    QTranslator german;
    if (german.load(QLocale(QLocale::German, QLocale::Germany), QStringLiteral("tinyml"),
                    QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(&german);
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        ui::applyTextScale(1.0);
        ok = shoot(dir, QStringLiteral("-de"), {learn, train, dataset}, false) && ok;
        ui::applyTextScale(kLarger);
        ok = shoot(dir, QStringLiteral("-de-large"), every, false) && ok; // the tightest setting: every tab
        QCoreApplication::removeTranslator(&german);
    } else {
        std::fprintf(stderr, "screenshots: the German translation is not embedded\n");
        ok = false;
    }
    ui::applyTextScale(1.0);
    return ok ? 0 : 1;
}

} // namespace tinyml::app
