// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/threadpool.h"

#include <algorithm>
#include <chrono>
#include <csignal>

#include <pthread.h>

namespace tinyml::core {

namespace {

/// True on a thread while it runs a pool's task: a run() from inside a task runs inline.
thread_local bool t_insideTask = false;

constexpr std::uint64_t packed(std::uint32_t gen, std::uint32_t index)
{
    return (std::uint64_t(gen) << 32) | index;
}

void cpuRelax()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#else
    std::this_thread::yield();
#endif
}

/// Watches until done() or until `micros` have passed; returns done().
template<typename Done> bool spinUntil(Done done, int micros)
{
    const auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(micros);
    for (;;) {
        for (int i = 0; i < 32; ++i) {
            if (done())
                return true;
            cpuRelax();
        }
        if (std::chrono::steady_clock::now() >= until)
            return done();
    }
}

} // namespace

ThreadPool::ThreadPool(int threads, Tuning tuning) : m_tuning(tuning)
{
    start(std::max(1, threads));
}

ThreadPool::~ThreadPool()
{
    stop();
}

int ThreadPool::defaultThreadCount()
{
    return int(std::max(1u, std::thread::hardware_concurrency()));
}

ThreadPool &ThreadPool::global()
{
    // Never destroyed: a thread still training while the process exits must find it alive.
    static ThreadPool *pool = new ThreadPool(defaultThreadCount());
    return *pool;
}

void ThreadPool::setGlobalThreadCount(int n)
{
    ThreadPool &pool = global();
    std::lock_guard run(pool.m_runMutex);
    if (std::max(1, n) == pool.m_threadCount)
        return;
    pool.stop();
    pool.start(std::max(1, n));
}

void ThreadPool::start(int threads)
{
    m_threadCount = threads;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = false;
    }
    // Workers take no signals: Ctrl-C must reach the thread that waits for it (app/interrupt.h),
    // whichever thread created the pool.
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &previous);
    for (int w = 1; w < threads; ++w)
        m_workers.emplace_back([this, w] { workerLoop(w); });
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

void ThreadPool::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (auto &t : m_workers)
        t.join();
    m_workers.clear();
}

void ThreadPool::workerLoop(int worker)
{
    std::uint32_t seen = 0;
    const auto due = [&] {
        return m_stopping.load(std::memory_order_relaxed)
               || m_generation.load(std::memory_order_acquire) != seen;
    };
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, due);
        if (m_stopping)
            return;
        seen = m_generation.load(std::memory_order_relaxed);
        const Job job = m_job;
        lock.unlock();
        work(seen, job, worker);
        // The next run usually follows within microseconds: watch for it before sleeping.
        spinUntil(due, kSpinMicroseconds);
        lock.lock();
    }
}

namespace {

double now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

void ThreadPool::work(std::uint32_t gen, const Job &job, int worker)
{
    std::uint64_t cur = m_next.load(std::memory_order_relaxed);
    for (;;) {
        if (std::uint32_t(cur >> 32) != gen || int(std::uint32_t(cur)) >= job.tasks)
            return;
        if (!m_next.compare_exchange_weak(cur, cur + 1, std::memory_order_acq_rel,
                                          std::memory_order_relaxed))
            continue;
        const int task = int(std::uint32_t(cur));
        t_insideTask = true;
        try {
            job.call(job.ctx, task, worker);
        } catch (...) {
            std::lock_guard lock(m_mutex);
            if (!m_error)
                m_error = std::current_exception();
            // Skip the tasks nobody has claimed yet: they count as finished. (The generation
            // cannot have moved on: this task has not finished.)
            const std::uint64_t old
                = m_next.exchange(packed(gen, std::uint32_t(job.tasks)), std::memory_order_acq_rel);
            const int unclaimed = job.tasks - int(std::uint32_t(old));
            if (unclaimed > 0)
                m_finished.fetch_add(unclaimed, std::memory_order_relaxed);
        }
        t_insideTask = false;
        if (m_finished.fetch_add(1, std::memory_order_acq_rel) + 1 >= job.tasks) {
            std::lock_guard lock(m_mutex);
            m_done.notify_all();
        }
        cur = m_next.load(std::memory_order_relaxed);
    }
}

void ThreadPool::runInline(int tasks, Call call, void *ctx)
{
    const bool outer = !t_insideTask;
    t_insideTask = true;
    try {
        for (int t = 0; t < tasks; ++t)
            call(ctx, t, 0);
    } catch (...) {
        t_insideTask = !outer;
        throw;
    }
    t_insideTask = !outer;
}

void ThreadPool::runErased(int tasks, Call call, void *ctx)
{
    if (tasks <= 0)
        return;
    if (tasks == 1 || m_threadCount == 1 || t_insideTask) {
        runInline(tasks, call, ctx);
        return;
    }
    std::unique_lock run(m_runMutex, std::try_to_lock);
    if (!run.owns_lock()) {
        runInline(tasks, call, ctx);
        return;
    }
    const bool workers = m_tuning == Tuning::AlwaysWorkers || m_mode == Mode::MeasureWorkers
                         || (m_mode == Mode::Chosen && m_useWorkers);
    const double start = now();
    if (workers)
        runParallel(tasks, call, ctx);
    else
        runInline(tasks, call, ctx);
    account(now() - start, tasks);
}

void ThreadPool::runParallel(int tasks, Call call, void *ctx)
{
    Job job{call, ctx, tasks};
    std::uint32_t gen;
    {
        std::lock_guard lock(m_mutex);
        m_job = job;
        gen = m_generation.load(std::memory_order_relaxed) + 1;
        m_error = nullptr;
        m_finished.store(0, std::memory_order_relaxed);
        m_next.store(packed(gen, 0), std::memory_order_release);
        m_generation.store(gen, std::memory_order_release);
    }
    m_wake.notify_all();
    work(gen, job, 0);
    // Every task is claimed: the workers' last ones usually end within microseconds.
    spinUntil([&] { return m_finished.load(std::memory_order_acquire) >= tasks; },
              kSpinMicroseconds);
    std::unique_lock lock(m_mutex);
    m_done.wait(lock, [&] { return m_finished.load(std::memory_order_acquire) >= tasks; });
    if (m_error) {
        std::exception_ptr error = m_error;
        m_error = nullptr;
        std::rethrow_exception(error);
    }
}

void ThreadPool::account(double seconds, int tasks)
{
    switch (m_mode) {
    case Mode::MeasureAlone:
        m_aloneSeconds += seconds;
        m_aloneTasks += tasks;
        if (--m_left == 0) {
            m_mode = Mode::MeasureWorkers;
            m_left = kMeasuredRuns;
        }
        return;
    case Mode::MeasureWorkers:
        m_workersSeconds += seconds;
        m_workersTasks += tasks;
        if (--m_left > 0)
            return;
        // Per task, as the runs of a measurement may differ in size.
        m_useWorkers = m_workersSeconds / double(m_workersTasks)
                       < 0.95 * m_aloneSeconds / double(m_aloneTasks);
        m_mode = Mode::Chosen;
        if (m_useWorkers) {
            m_left = kChosenRuns;
            m_choiceRuns = kChosenRuns;
        } else {
            m_left = m_choiceRuns;
            m_choiceRuns = std::min(2 * m_choiceRuns, kLongestChoice);
        }
        m_aloneSeconds = m_workersSeconds = 0.0;
        m_aloneTasks = m_workersTasks = 0;
        return;
    case Mode::Chosen:
        if (--m_left == 0) {
            m_mode = Mode::MeasureAlone;
            m_left = kMeasuredRuns;
        }
        return;
    }
}

} // namespace tinyml::core
