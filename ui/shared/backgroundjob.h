// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/shared/errortext.h"

#include "core/base/error.h"
#include "core/base/progress.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <vector>

class QTimer;

namespace tinyml::ui {

/// Runs one engine computation at a time on Qt's thread pool for an object of the GUI thread.
/// start() cancels the job before it, and only the latest job's result is ever delivered (a
/// generation counter): a result computed for an old model or old settings is dropped, even when
/// it arrives after the new job started. The worker never touches a QObject: it writes its
/// progress into shared atomics, which a 50 ms timer on the GUI thread turns into
/// progressChanged(). Work takes everything it reads by value or by shared pointer to immutable
/// data, so destroying this object while a job runs is safe (the job is stopped, not waited for).
class BackgroundJob : public QObject
{
    Q_OBJECT

public:
    explicit BackgroundJob(QObject *parent = nullptr);
    ~BackgroundJob() override;

    /// Runs work(progress) on a pool thread. When it returns and no start() or cancel() came in
    /// between, done(result) runs on this object's thread. When work throws core::Cancelled
    /// nothing is delivered; any other exception becomes failed(its message).
    template<class T>
    void start(std::function<T(const core::Progress &)> work, std::function<void(T)> done);

    /// Stops the running job (its result is dropped); nothing is delivered afterwards.
    void cancel();
    /// True from start() until the result is delivered, the job fails or is cancelled.
    bool isRunning() const { return m_running; }
    /// Counts start() and cancel() calls; a job's result is delivered only while it is current.
    int generation() const { return m_generation; }
    /// Waits until no job of this object computes any more (cancelled ones included); false
    /// when one still runs after timeoutMs. Delivers nothing (the event loop does that).
    bool waitForIdle(int timeoutMs);
    /// Waits up to timeoutMs for the current job and delivers its result (done or failed) now,
    /// on the calling thread, instead of through the event loop (for a shutdown that must not
    /// lose the result). True when nothing is running any more; false when a job still
    /// computes (nothing is delivered then).
    bool deliverNow(int timeoutMs);

signals:
    /// done of total units of the current job, at most 20 times a second.
    void progressChanged(qint64 done, qint64 total);
    void runningChanged(bool running);
    void failed(const QString &message);

private:
    /// Shared by the GUI thread and one job's worker.
    struct State
    {
        std::stop_source stop;
        std::atomic<std::int64_t> done{0};
        std::atomic<std::int64_t> total{0};
        std::mutex mutex;
        std::condition_variable finishedChanged;
        bool finished = false;
        void finish();
    };

    std::shared_ptr<State> begin();
    void end();
    void pollProgress();
    /// True when the job of this generation is still the current one (ends it).
    bool takeResult(int generation);

    QTimer *m_poll;
    /// Delivers the current job's finished result (set by start()).
    std::function<void()> m_deliver;
    std::vector<std::shared_ptr<State>> m_states; ///< the current job last; older ones stopping
    int m_generation = 0;
    bool m_running = false;
    std::int64_t m_lastDone = -1;
};

template<class T>
void BackgroundJob::start(std::function<T(const core::Progress &)> work,
                          std::function<void(T)> done)
{
    std::shared_ptr<State> state = begin();
    const int generation = m_generation;
    using Outcome = std::pair<std::optional<T>, QString>; // the result, or the error message
    QFuture<Outcome> future = QtConcurrent::run([state, work = std::move(work)]() -> Outcome {
        State *s = state.get();
        core::Progress progress{s->stop.get_token(), [s](std::int64_t d, std::int64_t t) {
                                    s->total = t;
                                    s->done = d;
                                }};
        Outcome outcome;
        try {
            outcome.first.emplace(work(progress));
        } catch (const core::Cancelled &) {
            // Asked for: nothing to deliver.
        } catch (const core::Error &e) {
            outcome.second = errorText(e);
        } catch (const std::exception &e) { // e.g. out of memory
            outcome.second = errorText(e);
        }
        s->finish();
        return outcome;
    });
    // Delivered once, by whichever comes first: the watcher or deliverNow().
    auto deliver = std::make_shared<std::function<void()>>(
        [this, future, generation, done = std::move(done)]() mutable {
            if (!takeResult(generation))
                return;
            m_deliver = nullptr;
            Outcome outcome = future.takeResult();
            if (outcome.first)
                done(std::move(*outcome.first));
            else
                emit failed(outcome.second);
        });
    m_deliver = [deliver] { (*deliver)(); };
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [watcher, deliver] {
        watcher->deleteLater();
        (*deliver)();
    });
    watcher->setFuture(future);
}

} // namespace tinyml::ui
