// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shared/backgroundjob.h"

#include <QTimer>

#include <algorithm>
#include <chrono>

namespace tinyml::ui {

void BackgroundJob::State::finish()
{
    {
        std::lock_guard lock(mutex);
        finished = true;
    }
    finishedChanged.notify_all();
}

BackgroundJob::BackgroundJob(QObject *parent) : QObject(parent), m_poll(new QTimer(this))
{
    m_poll->setInterval(50);
    connect(m_poll, &QTimer::timeout, this, &BackgroundJob::pollProgress);
}

BackgroundJob::~BackgroundJob()
{
    for (const auto &state : m_states)
        state->stop.request_stop();
}

std::shared_ptr<BackgroundJob::State> BackgroundJob::begin()
{
    cancel();
    ++m_generation;
    // Forget jobs that have ended; keep the stopping ones for waitForIdle().
    std::erase_if(m_states, [](const std::shared_ptr<State> &s) {
        std::lock_guard lock(s->mutex);
        return s->finished;
    });
    auto state = std::make_shared<State>();
    m_states.push_back(state);
    m_running = true;
    m_lastDone = -1;
    m_poll->start();
    emit runningChanged(true);
    return state;
}

void BackgroundJob::end()
{
    m_poll->stop();
    if (m_running) {
        m_running = false;
        emit runningChanged(false);
    }
}

void BackgroundJob::cancel()
{
    ++m_generation;
    m_deliver = nullptr;
    for (const auto &state : m_states)
        state->stop.request_stop();
    end();
}

bool BackgroundJob::takeResult(int generation)
{
    if (generation != m_generation || !m_running)
        return false;
    pollProgress(); // the last progress before the result
    end();
    return true;
}

void BackgroundJob::pollProgress()
{
    if (m_states.empty())
        return;
    const State &s = *m_states.back();
    const std::int64_t done = s.done, total = s.total;
    if (done == m_lastDone || total <= 0)
        return;
    m_lastDone = done;
    emit progressChanged(done, total);
}

bool BackgroundJob::waitForIdle(int timeoutMs)
{
    const auto deadline
        = std::chrono::steady_clock::now() + std::chrono::milliseconds(std::max(0, timeoutMs));
    for (const auto &state : m_states) {
        std::unique_lock lock(state->mutex);
        if (!state->finishedChanged.wait_until(lock, deadline, [&] { return state->finished; }))
            return false;
    }
    return true;
}

bool BackgroundJob::deliverNow(int timeoutMs)
{
    if (!m_running)
        return true;
    if (m_states.empty() || !waitForIdle(timeoutMs))
        return false;
    // The worker has finished; the future's result follows as soon as its lambda returns.
    const std::function<void()> deliver = m_deliver;
    if (deliver)
        deliver();
    return !m_running;
}

} // namespace tinyml::ui
