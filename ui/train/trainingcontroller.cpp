// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/train/trainingcontroller.h"

namespace tinyml::ui {

TrainingController::TrainingController(QObject *parent)
    : QObject(parent)
    , m_gate(std::make_shared<core::PauseGate>())
{
    qRegisterMetaType<BatchSnapshotPtr>();
    qRegisterMetaType<EpochSnapshotPtr>();
    qRegisterMetaType<RunSnapshotPtr>();
    m_worker = new TrainingWorker(m_gate);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &TrainingWorker::batchesDone, this, &TrainingController::batchesDone);
    connect(m_worker, &TrainingWorker::epochDone, this, &TrainingController::epochDone);
    connect(m_worker, &TrainingWorker::runDone, this, [this](RunSnapshotPtr snapshot) {
        m_running = false;
        emit runDone(snapshot);
        emit stateChanged();
    });
    m_thread.setObjectName(QStringLiteral("training"));
    m_thread.start();
}

TrainingController::~TrainingController()
{
    shutdown(5000);
}

void TrainingController::start(TrainingJob job, bool startPaused)
{
    if (m_running || m_shutDown)
        return;
    m_running = true;
    m_stop = std::stop_source();
    if (startPaused)
        m_gate->pause();
    else
        m_gate->resume();
    const std::stop_token token = m_stop.get_token();
    TrainingWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        m_worker, [worker, job = std::move(job), token] { worker->run(job, token); },
        Qt::QueuedConnection);
    emit stateChanged();
}

void TrainingController::pause()
{
    m_gate->pause();
    emit stateChanged();
}

void TrainingController::resume()
{
    m_gate->resume();
    emit stateChanged();
}

void TrainingController::step()
{
    m_gate->step(1);
    emit stateChanged();
}

void TrainingController::stop()
{
    m_stop.request_stop();
    emit stateChanged();
}

bool TrainingController::shutdown(int timeoutMs)
{
    if (m_shutDown)
        return true;
    m_stop.request_stop();
    m_thread.quit();
    const bool ended = m_thread.wait(QDeadlineTimer(timeoutMs));
    m_shutDown = ended;
    return ended;
}

} // namespace tinyml::ui
