// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "ui/dataset/datasetbrowser.h"
#include "ui/shared/datasource.h"
#include "ui/inspect/inspectorpanel.h"
#include "ui/learn/learnpanel.h"
#include "ui/playground/playgroundpanel.h"
#include "ui/shared/networkeditor.h"
#include "ui/draw/drawpanel.h"
#include "ui/export/exportpanel.h"
#include "ui/shared/storedvalue.h"
#include "ui/shared/userdigits.h"
#include "ui/train/runrecord.h"
#include "ui/stepper/stepperpanel.h"
#include "ui/shared/studiomodel.h"
#include "ui/train/trainpanel.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QGuiApplication>
#include <QScreen>
#include <QCloseEvent>
#include <QDeadlineTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace tinyml::ui {

void applyTextScale(double scale)
{
    if (!std::isfinite(scale))
        scale = 1.0;
    scale = std::clamp(scale, settings::kMinTextScale, settings::kMaxTextScale);
    static const QFont base = QApplication::font();
    static double current = 1.0;
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * scale);
    QApplication::setFont(font);
    // Widgets with a font of their own (headings, formulas, lesson texts) keep their proportion.
    const QString key = QStringLiteral("tinymlUnscaledPointSize");
    for (QWidget *w : QApplication::allWidgets()) {
        if (!w->testAttribute(Qt::WA_SetFont))
            continue;
        QVariant unscaled = w->property(key.toLatin1().constData());
        if (!unscaled.isValid()) {
            unscaled = w->font().pointSizeF() / current;
            w->setProperty(key.toLatin1().constData(), unscaled);
        }
        QFont own = w->font();
        own.setPointSizeF(unscaled.toDouble() * scale);
        w->setFont(own);
    }
    current = scale;
}

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_studio(new StudioModel(this))
    , m_data(new DataSource(this))
    , m_runs(new RunStore(QString(), this))
    , m_tabs(new QTabWidget(this))
{
    askUnsaved = [this](const QString &question) {
        return QMessageBox::question(this, tr("Unsaved model"), question,
                                     QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                                     QMessageBox::Save);
    };
    connect(m_studio, &StudioModel::openFailed, this, &MainWindow::onOpenFailed);
    connect(m_studio, &StudioModel::fileOpened, this, &MainWindow::onFileOpened);
    // The saved runs and the learner's drawings arrive from workers (a full run list takes over
    // half a second to read, the most drawings allowed 30 to 45 ms); the Train tab says so
    // meanwhile.
    connect(m_runs, &RunStore::loaded, this, &MainWindow::reportUnreadWork);
    m_runs->loadInBackground();
    m_own = new UserDigits(QString(), this);
    connect(m_own, &UserDigits::notice, this,
            [this](const QString &text) { statusBar()->showMessage(text); });
    connect(m_own, &UserDigits::loaded, this, &MainWindow::reportUnreadWork);
    m_own->loadInBackground();
    m_train = new TrainPanel(m_studio, m_data, m_runs, m_own);
    m_draw = new DrawPanel(m_studio, m_own);
    m_browser = new DatasetBrowser(m_studio, m_data);
    m_inspector = new InspectorPanel(m_studio, m_data);
    m_export = new ExportPanel(m_studio, m_data);
    setWindowTitle(tr("TinyML Studio"));
    setObjectName(QStringLiteral("MainWindow"));
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setDocumentMode(true);
    m_learn = new LearnPanel(m_train->editor());
    m_tabs->addTab(m_learn, tr("&Learn"));
    m_tabs->addTab(m_draw, tr("&Draw && Predict"));
    m_tabs->addTab(m_train, tr("&Train"));
    m_tabs->addTab(m_browser, tr("Data&set"));
    m_tabs->addTab(m_inspector, tr("&Inspect"));
    m_stepper = new StepperPanel(m_studio);
    m_tabs->addTab(m_stepper, tr("&Step through"));
    connect(m_draw, &DrawPanel::inspectRequested, this, [this] { m_tabs->setCurrentWidget(m_inspector); });
    connect(m_browser, &DatasetBrowser::inspectRequested, this, [this] { m_tabs->setCurrentWidget(m_inspector); });
    connect(m_browser, &DatasetBrowser::stepRequested, this, [this] {
        m_stepper->loadPreset(StepperPanel::Preset::Mnist);
        m_tabs->setCurrentWidget(m_stepper);
    });
    m_tabs->addTab(m_export, tr("&Export"));
    m_playground = new PlaygroundPanel;
    m_tabs->addTab(m_playground, tr("&Playground"));
    connect(m_playground, &PlaygroundPanel::openXorInStepper, this, [this] {
        m_stepper->loadPreset(StepperPanel::Preset::Xor);
        m_tabs->setCurrentWidget(m_stepper);
    });
    connect(m_learn, &LearnPanel::playgroundLessonRequested, this, [this](const PlaygroundLesson &l) {
        m_playground->applyConfig(l.config);
        m_tabs->setCurrentWidget(m_playground);
        m_playground->play();
    });
    connect(m_export, &ExportPanel::inspectRequested, this, [this] { m_tabs->setCurrentWidget(m_inspector); });
    connect(m_learn, &LearnPanel::linkActivated, this, [this](LearnPanel::Target target) {
        switch (target) {
        case LearnPanel::Target::Draw:
            m_tabs->setCurrentWidget(m_draw);
            break;
        case LearnPanel::Target::Train:
            m_tabs->setCurrentWidget(m_train);
            break;
        case LearnPanel::Target::Dataset:
            m_tabs->setCurrentWidget(m_browser);
            break;
        case LearnPanel::Target::Inspect:
            m_tabs->setCurrentWidget(m_inspector);
            break;
        case LearnPanel::Target::StepWorkedExample:
            m_stepper->loadPreset(StepperPanel::Preset::WorkedExample);
            m_tabs->setCurrentWidget(m_stepper);
            break;
        case LearnPanel::Target::StepMnist:
            m_stepper->loadPreset(StepperPanel::Preset::Mnist);
            m_tabs->setCurrentWidget(m_stepper);
            break;
        case LearnPanel::Target::Export:
            m_tabs->setCurrentWidget(m_export);
            break;
        case LearnPanel::Target::ExportSmallBoard:
            m_export->setBoard(int(core::boards().size()) - 1); // the Arduino Uno
            m_tabs->setCurrentWidget(m_export);
            break;
        }
    });
    connect(m_learn, &LearnPanel::experimentRequested, this, [this](const Experiment &e) {
        if (m_train->isTraining() && !m_train->stopAndWait(1000))
            return;
        m_tabs->setCurrentWidget(m_train);
        m_train->runExperiment(e);
    });
    setCentralWidget(m_tabs);

    m_modelLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_modelLabel);
    connect(m_studio, &StudioModel::modelChanged, this, [this] {
        m_modelLabel->setText(tr("Model: %1%2")
                                  .arg(m_studio->origin(),
                                       m_studio->isUnsaved() ? tr(" (not saved)") : QString()));
    });
    createActions();

    QString error;
    if (!m_studio->loadDefault(&error))
        statusBar()->showMessage(tr("No embedded model: %1").arg(error));
    m_data->check();

    // An explicit minimum: the window never grows by itself when the text gets larger (the
    // layout would otherwise raise it to the tabs' needs, beyond a 1280 × 720 projector).
    setMinimumSize(QSize(800, 560));
    QSettings stored;
    const QScreen *screen = QGuiApplication::primaryScreen();
    const QSize room = screen ? screen->availableGeometry().size() : QSize(1280, 800);
    if (!restoreGeometry(stored.value(QStringLiteral("window/geometry")).toByteArray())) {
        // First start: 1280 x 800, or the whole screen when it is smaller (a 1280 x 720 projector).
        resize(QSize(1280, 800).boundedTo(room));
    } else if (size().width() > room.width() || size().height() > room.height()) {
        // A stored size larger than the screen (an edited or foreign settings file).
        qWarning("%s: window/geometry is larger than the screen; the window is made to fit",
                 qPrintable(settings::source()));
        resize(size().boundedTo(room));
    }
    restoreState(stored.value(QStringLiteral("window/state")).toByteArray());
    // First start: the drawing canvas, the first thing every learner tries.
    m_tabs->setCurrentIndex(settings::tab(m_tabs->count(), 1));
}

MainWindow::~MainWindow() = default;

void MainWindow::reportUnreadWork(const QString &error)
{
    if (error.isEmpty())
        return;
    // The runs and the drawings arrive one after the other: one message tells about both.
    m_unreadWork << error;
    statusBar()->showMessage(
        tr("Not all saved work could be read: %1").arg(m_unreadWork.join(QLatin1Char(' '))));
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QToolBar *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));

    QAction *open = file->addAction(tr("&Open model…"), this, &MainWindow::openModel);
    open->setShortcut(QKeySequence::Open);
    QAction *save = file->addAction(tr("&Save model as…"), this, &MainWindow::saveModel);
    save->setShortcut(QKeySequence::Save);
    file->addAction(tr("Use the &default model"), this, [this] {
        if (!confirmDiscard(tr("The trained model is not saved. Save it before switching to the "
                               "default model?")))
            return;
        QString error;
        if (!m_studio->loadDefault(&error))
            QMessageBox::warning(this, tr("No default model"), error);
    });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    toolbar->addAction(open);
    toolbar->addAction(save);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    // Text size, for a projector at the back of a classroom; kept for the next start.
    auto scaleText = [](double factor) {
        const double scale = factor == 0.0
                                 ? 1.0
                                 : std::clamp(settings::textScale() * factor,
                                              settings::kMinTextScale, settings::kMaxTextScale);
        QSettings().setValue(QStringLiteral("ui/textScale"), scale);
        applyTextScale(scale);
    };
    QAction *bigger = view->addAction(tr("&Larger text"), this, [scaleText] { scaleText(1.15); });
    bigger->setShortcut(QKeySequence::ZoomIn);
    QAction *smaller = view->addAction(tr("&Smaller text"), this, [scaleText] { scaleText(1.0 / 1.15); });
    smaller->setShortcut(QKeySequence::ZoomOut);
    view->addAction(tr("&Normal text"), this, [scaleText] { scaleText(0.0); })->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    view->addSeparator();
    for (int i = 0; i < m_tabs->count(); ++i) {
        QAction *go = view->addAction(m_tabs->tabText(i), this, [this, i] { m_tabs->setCurrentIndex(i); });
        go->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }

    QMenu *settingsMenu = menuBar()->addMenu(tr("&Settings"));
    QMenu *language = settingsMenu->addMenu(tr("&Language"));
    auto *group = new QActionGroup(this);
    const QString current = settings::language();
    const std::pair<QString, QString> languages[] = {
        {QString(), tr("System default")},
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("de"), QStringLiteral("Deutsch")},
    };
    for (const auto &[code, name] : languages) {
        QAction *a = language->addAction(name, this, [this, code] { chooseLanguage(code); });
        a->setCheckable(true);
        a->setChecked(code == current);
        group->addAction(a);
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About TinyML Studio"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::chooseLanguage(const QString &code)
{
    QSettings().setValue(QStringLiteral("ui/language"), code);
    QMessageBox::information(this, tr("Language"),
                             tr("The new language is used from the next start of TinyML Studio."));
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About TinyML Studio"),
        tr("<h3>TinyML Studio %1</h3>"
           "<p>Learn how neural networks work, end to end, on the MNIST digits: from one neuron "
           "to a trained network running on a microcontroller.</p>"
           "<p>Licensed under the GNU General Public License, version 3 or later.</p>"
           "<p><b>Built with</b></p><ul>"
           "<li>Qt %2 — LGPL 3 / GPL 3, The Qt Company</li>"
           "<li>Eigen %3 — MPL 2.0</li>"
           "<li>QCustomPlot 2.1 — GPL 3, Emanuel Eichhammer</li>"
           "<li>zlib — zlib licence</li></ul>"
           "<p><b>Data</b>: the MNIST database of handwritten digits by Yann LeCun, Corinna "
           "Cortes and Christopher J. C. Burges, CC BY-SA 3.0; Fashion-MNIST by Zalando "
           "Research, MIT licence. Neither is shipped: both are fetched and verified on your "
           "machine.</p>")
            .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion()),
                 QStringLiteral("3.4")));
}

void MainWindow::openModel()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open model"), QString(),
        tr("Models (*.tmlm *.tflite);;TinyML models (*.tmlm);;TensorFlow Lite models (*.tflite);;"
           "All files (*)"));
    if (path.isEmpty())
        return;
    if (!confirmDiscard(tr("The trained model is not saved. Save it before opening another?")))
        return;
    statusBar()->showMessage(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    m_studio->openFile(path, StudioModel::rememberedInputRange(path));
}

void MainWindow::onOpenFailed(const QString &path, const QString &reason, bool needsInputRange)
{
    statusBar()->clearMessage();
    if (!needsInputRange) {
        QMessageBox::warning(this, tr("Cannot open the model"), reason);
        return;
    }
    // A .tflite that does not say what its input expects: asked once, remembered per file.
    const QStringList choices{tr("0 to 1 (pixel ÷ 255)"), tr("0 to 255 (raw pixel)"),
                              tr("−1 to 1 (pixel ÷ 127.5 − 1)")};
    bool ok = false;
    const QString chosen = QInputDialog::getItem(
        this, tr("Input range of the model"),
        tr("%1 does not say which input values it expects for pixels from black to white. "
           "Which range was it trained on?")
            .arg(QFileInfo(path).fileName()),
        choices, 0, false, &ok);
    if (!ok)
        return;
    const core::TfliteInputRange ranges[] = {core::TfliteInputRange::Unit,
                                             core::TfliteInputRange::Byte,
                                             core::TfliteInputRange::Symmetric};
    const core::TfliteInputRange range = ranges[std::max<qsizetype>(0, choices.indexOf(chosen))];
    StudioModel::rememberInputRange(path, range);
    statusBar()->showMessage(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    m_studio->openFile(path, range);
}

void MainWindow::onFileOpened()
{
    statusBar()->clearMessage();
    if (const QString note = m_studio->importNote(); !note.isEmpty())
        statusBar()->showMessage(note, 15000);
}

void MainWindow::saveModel()
{
    const QString path = StudioModel::modelFileName(QFileDialog::getSaveFileName(
        this, tr("Save model"), QStringLiteral("model.tmlm"), tr("TinyML models (*.tmlm)")));
    if (path.isEmpty())
        return;
    QString error;
    if (!m_studio->saveFile(path, &error))
        QMessageBox::warning(this, tr("Cannot save the model"), error);
}

bool MainWindow::confirmDiscard(const QString &question)
{
    // A run in progress ends first (a stopped run goes to the run list; it never replaces the model
    // in use). If it has not ended yet, its result would arrive after whatever comes next: not now.
    if (m_train->isTraining() && !m_train->stopAndWait(1000)) {
        statusBar()->showMessage(tr("The training run is still stopping; try again in a moment."), 5000);
        return false;
    }
    if (!m_studio->isUnsaved())
        return true;
    switch (askUnsaved(question)) {
    case QMessageBox::Save:
        saveModel();
        return !m_studio->isUnsaved();
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!confirmDiscard(tr("The trained model is not saved. Save it before quitting?"))) {
        event->ignore();
        return;
    }
    // Every worker stops within one batch or one chunk of images. The window closes only when all
    // have (a worker still computing would outlive the data it reads); otherwise it tries again.
    QDeadlineTimer deadline(1000);
    bool stopped = m_train->shutdown(int(deadline.remainingTime()));
    stopped = m_export->shutdown(int(deadline.remainingTime())) && stopped;
    stopped = m_browser->shutdown(int(deadline.remainingTime())) && stopped;
    // After the training: a run it finished while the saved runs still load is saved with them.
    stopped = m_runs->finishLoading(int(deadline.remainingTime())) && stopped;
    stopped = m_own->finishLoading(int(deadline.remainingTime())) && stopped;
    if (!stopped) {
        event->ignore();
        statusBar()->showMessage(tr("Waiting for a computation to stop before closing…"));
        QTimer::singleShot(100, this, &QWidget::close);
        return;
    }
    m_train->saveSettings();
    m_data->cancelFetch();
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/tab"), m_tabs->currentIndex());
    event->accept();
}

} // namespace tinyml::ui
