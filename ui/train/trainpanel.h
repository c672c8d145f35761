// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/learn/experiments.h"

#include <functional>
#include <map>
#include <optional>

#include "ui/train/trainingworker.h"

#include <QFutureWatcher>
#include <QWidget>

class QBoxLayout;
class QLayout;
class QScrollArea;
class QSplitter;
class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace tinyml::ui {

class DataSource;
class LayerHistograms;
class NetworkEditor;
class RunStore;
class StudioModel;
class TrainingCharts;
class TrainingController;
class UserDigits;

/// The Train tab: settings, controls, live progress and charts, and the run list.
/// Lives on the GUI thread; the engine runs on the controller's worker thread.
class TrainPanel : public QWidget
{
    Q_OBJECT

public:
    TrainPanel(StudioModel *studio, DataSource *data, RunStore *runs, UserDigits *own,
               QWidget *parent = nullptr);
    ~TrainPanel() override;

    NetworkEditor *editor() const { return m_editor; }
    TrainingCharts *charts() const { return m_charts; }
    /// Weights, activations and gradients of every layer, updated while training.
    LayerHistograms *histograms() const { return m_histograms; }
    TrainingController *controller() const { return m_controller; }
    /// The run list (its model is the run store's RunListModel).
    QTableView *runTable() const { return m_runTable; }
    QString message() const;
    bool isTraining() const;

    /// Stops a run and waits for the worker (at most timeoutMs); for closing and model changes.
    bool stopAndWait(int timeoutMs = 1000);
    /// The settings form to and from QSettings (the last settings come back at the next start).
    void saveSettings() const;
    void restoreSettings();
    /// Announces a lesson's experiment and what to expect from it.
    /// Shows what the experiment expects; the run that follows is named after it and judged
    /// against it when it ends.
    void showExperiment(const Experiment &experiment);
    /// Ends the worker thread for good (the window is closing).
    bool shutdown(int timeoutMs = 1000);
    /// Asked before a network this large is trained (the text says why); true to train it.
    /// Tests replace it; the default asks in a message box.
    std::function<bool(const QString &question)> confirmLarge;
    /// What a run of spec costs: bytes of its saved model file (weights and optimizer state)
    /// and of the memory training needs for batches of batchSize.
    static std::int64_t savedRunBytes(const core::ModelSpec &spec);
    static std::int64_t trainingMemoryBytes(const core::ModelSpec &spec, int batchSize);
    /// A run saving more than this, or training in more memory than this, is asked about.
    static constexpr std::int64_t kLargeRunBytes = 100LL << 20;
    static constexpr std::int64_t kLargeMemoryBytes = 1LL << 30;

public slots:
    void train();
    void togglePause();
    void stepBatch();
    void stop();
    void reset();
    /// Puts experiment's settings into the form, announces it and starts it (stopping a run in
    /// progress first); false when it could not start.
    bool runExperiment(const tinyml::ui::Experiment &experiment);

signals:
    /// A run ended and its model became the studio's current model.
    void runFinished(const QString &runId);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private slots:
    void toggleFetch();
    void onFetchProgress(const QString &line);
    void onFetchFinished(bool ok, const QString &message);
    void chooseDataFolder();
    void onDataLoaded(core::DatasetKind kind);
    void onLoadFailed(core::DatasetKind kind, const QString &error);
    void onMixFinished();
    void useSelectedRun();
    void saveSelectedRun();
    void loadSelectedRunSettings();
    void deleteSelectedRun();

private:
    // The parts of the tab, built once by the constructor.
    QWidget *buildSettingsPane();
    QBoxLayout *buildDataRow();
    QLayout *buildControlRow();
    QBoxLayout *buildProgressRow();
    QWidget *buildMessage();
    QWidget *buildRunList();
    void connectControls();
    void connectData();
    void connectController();
    void connectRunList();
    /// The run list's header: its usual text, or that the saved runs are loading (done of
    /// total runs read, when known).
    void showRunsLoading(bool loading, qint64 done, qint64 total);

    core::DatasetKind datasetKind() const;
    /// The network the next run trains: the current model's when continuing, else the form's.
    core::ModelSpec nextSpec() const;
    /// Asks about a huge run; false when the learner chose not to start it.
    bool confirmSize();
    void startWhenLoaded(bool paused);
    /// Starts job with the learner's drawings mixed into its training set, copied on a
    /// worker thread; the run starts when the copy is ready (and is still wanted).
    void mixOwnDigitsThenStart(TrainingJob job, bool paused);
    /// Drops the copy in progress: its result will not start a run.
    void cancelMix();
    /// Validates job's settings and hands it to the worker.
    void startJob(TrainingJob job, bool paused);
    void onBatches(BatchSnapshotPtr snapshot);
    void onEpoch(EpochSnapshotPtr snapshot);
    void onRunDone(RunSnapshotPtr snapshot);
    void updateButtons();
    void updateDataStatus();
    void resizeRunColumns();
    void fitSettingsPane();
    /// Shares the height between the charts and the run list (charts' minimum first).
    void fitChartsAndRuns();
    /// Gives the run table's settings column the width the others leave, at least its title's.
    void fitSettingsColumn();
    /// The run table's height showing this many rows (with its header and scroll bar).
    int runTableHeight(int rows) const;
    void updateComparison();
    void showMessage(const QString &html, bool warning);
    void showKerasCode();
    void exportCharts();
    QString selectedRunId() const;

    StudioModel *m_studio;
    DataSource *m_data;
    RunStore *m_runs;
    UserDigits *m_own;
    TrainingController *m_controller;
    NetworkEditor *m_editor;
    QWidget *m_settingsPane = nullptr;
    QScrollArea *m_rightScroll = nullptr;
    QSplitter *m_vsplit = nullptr;
    QLabel *m_runsHeader = nullptr;
    QLayout *m_runButtons = nullptr;
    bool m_splitDragged = false; ///< the learner moved the charts/runs divider
    bool m_fittingSplit = false;
    TrainingCharts *m_charts;
    LayerHistograms *m_histograms;
    QLabel *m_dataLabel;
    QPushButton *m_fetchButton;
    QPushButton *m_folderButton;
    QProgressBar *m_fetchProgress;
    QPushButton *m_trainButton;
    QPushButton *m_pauseButton;
    QPushButton *m_stepButton;
    QPushButton *m_stopButton;
    QPushButton *m_resetButton;
    QCheckBox *m_continue;
    QLabel *m_epochLabel;
    QProgressBar *m_batchProgress;
    QLabel *m_statsLabel;
    QLabel *m_message;
    QTableView *m_runTable;
    QPushButton *m_useRun;
    QPushButton *m_saveRun;
    QPushButton *m_deleteRun;
    QPushButton *m_settingsRun;

    // The run in progress.
    TrainingJob m_job;
    bool m_pendingStart = false;
    bool m_pendingPaused = false;
    // The training set with the learner's drawings, being copied on a worker thread.
    QFutureWatcher<std::shared_ptr<const core::Dataset>> m_mixWatcher;
    TrainingJob m_mixJob;
    bool m_mixing = false;
    bool m_mixPaused = false;
    QString m_labelBeforeMix; ///< the epoch label, shown again when the copy is dropped
    std::vector<core::EpochReport> m_epochs;
    /// Sums of each weighted layer's gradient RMS over the probes of the run's first epoch.
    std::vector<double> m_firstEpochGradients;
    int m_firstEpochProbes = 0;
    std::int64_t m_totalBatches = 0;
    int m_runNumber = 0; ///< the number in the name of the run in progress
    // The run that the run in progress continues (its model was the current model), if any.
    QString m_shownRunId; ///< the run whose curves are the current ones, once it ended
    QString m_continuesId;
    QString m_continuesName;
    int m_epochOffset = 0; ///< its epochs, before the first epoch of the run in progress
    QString m_experimentTitle;
    std::optional<Experiment> m_experiment;
    /// The last completed run of each experiment, which others are judged against (baselineOf).
    std::map<Experiment::Id, ExperimentRun> m_baselines;
};

} // namespace tinyml::ui
