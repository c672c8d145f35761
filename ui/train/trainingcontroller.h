// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/train/trainingworker.h"

#include <QObject>
#include <QThread>

#include <memory>
#include <stop_token>

namespace tinyml::ui {

/// Owns the training thread and its worker. Lives on the GUI thread; every member is called
/// from there. Pause, step and stop act through the thread-safe pause gate and stop source, so
/// they take effect before the next batch without waiting for the worker's event loop.
class TrainingController : public QObject
{
    Q_OBJECT

public:
    explicit TrainingController(QObject *parent = nullptr);
    ~TrainingController() override;

    bool isRunning() const { return m_running; }
    bool isPaused() const { return m_gate->isPaused(); }

    /// Starts a run; ignored while one is running. With startPaused the run waits before its
    /// first batch (for single steps).
    void start(TrainingJob job, bool startPaused = false);
    void pause();
    void resume();
    /// Runs one more batch, then pauses (starts paused when idle is not possible: needs a run).
    void step();
    /// Asks the run to stop before its next batch; runDone() follows.
    void stop();
    /// Stops the run and waits for the worker to finish; returns false if it did not within
    /// timeoutMs. The thread is shut down: the controller cannot start again afterwards.
    bool shutdown(int timeoutMs = 1000);

signals:
    void batchesDone(tinyml::ui::BatchSnapshotPtr snapshot);
    void epochDone(tinyml::ui::EpochSnapshotPtr snapshot);
    void runDone(tinyml::ui::RunSnapshotPtr snapshot);
    void stateChanged();

private:
    QThread m_thread;
    TrainingWorker *m_worker;
    std::shared_ptr<core::PauseGate> m_gate;
    std::stop_source m_stop;
    bool m_running = false;
    bool m_shutDown = false;
};

} // namespace tinyml::ui
