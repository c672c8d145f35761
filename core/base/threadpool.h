// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

namespace tinyml::core {

/// A small pool of passive worker threads for the engine's data-parallel loops (DESIGN.md,
/// "Threads"). run(tasks, f) calls f(task, worker) once for every task in [0, tasks) and returns
/// when all have finished; the calling thread takes part. Tasks are claimed one at a time from a
/// shared counter, so a thread that another program slows down simply takes fewer of them.
/// A worker that has just finished a run's tasks, and a caller whose tasks are all claimed, wait
/// up to kSpinMicroseconds for what comes next while watching an atomic (training's runs follow
/// each other tens of microseconds apart, and waking a sleeping thread takes 3 to 16 µs); then
/// they sleep on a condition variable. A worker never spins longer, whatever the load.
///
/// Workers can cost more than they bring: another program holds a core and a task claimed by a
/// preempted worker keeps the caller waiting for a time slice, or tasks are too short for the
/// wake-up of a thread. So the pool measures instead of guessing: kMeasuredRuns runs on the
/// calling thread alone, then kMeasuredRuns with the workers; the workers are used for the next
/// runs only when they were at least 5 % faster per task. The choice holds for kChosenRuns runs
/// (twice as long after each further loss of the workers, up to kLongestChoice), then the pool
/// measures again, so it follows the load of the machine.
///
/// Results must not depend on which thread runs a task or how many threads there are: a task
/// writes only to its own outputs (chosen by its task index), and `worker` (0 .. threadCount()-1)
/// may only select scratch memory. Under that rule a run is bit-identical on any thread count,
/// so run() falls back to running every task on the calling thread whenever the pool is busy
/// (another thread's run, or a run from inside a task).
class ThreadPool
{
public:
    /// Measured: the workers are used when measurement shows they help (see above).
    /// AlwaysWorkers: every run of two or more tasks uses them (tests, benchmarks of the pool).
    enum class Tuning : std::uint8_t { Measured, AlwaysWorkers };

    /// threads counts the calling thread: 1 starts no worker. At least 1.
    explicit ThreadPool(int threads, Tuning tuning = Tuning::Measured);
    ~ThreadPool();
    ThreadPool(const ThreadPool &) = delete;
    ThreadPool &operator=(const ThreadPool &) = delete;

    int threadCount() const { return m_threadCount; }

    /// Calls f(int task, int worker) for every task; rethrows the first exception a task threw
    /// (after every claimed task has finished; tasks not yet claimed then are skipped).
    template<typename F> void run(int tasks, F &&f)
    {
        using Fn = std::remove_reference_t<F>;
        runErased(
            tasks, [](void *ctx, int task, int worker) { (*static_cast<Fn *>(ctx))(task, worker); },
            const_cast<void *>(static_cast<const void *>(&f)));
    }

    /// The process's pool, shared by training and evaluation; defaultThreadCount() threads
    /// unless setGlobalThreadCount() chose otherwise before or between runs.
    static ThreadPool &global();
    /// Waits for a run in progress, then restarts the global pool's workers with n threads.
    static void setGlobalThreadCount(int n);
    /// Every core (std::thread::hardware_concurrency(), at least 1).
    static int defaultThreadCount();

    /// Runs of each kind per measurement, and runs that follow the choice.
    static constexpr int kMeasuredRuns = 16;
    static constexpr int kChosenRuns = 1024;
    static constexpr int kLongestChoice = 16384;
    /// How long a thread watches for the next run, or for a run's last task, before it sleeps.
    static constexpr int kSpinMicroseconds = 50;

private:
    using Call = void (*)(void *ctx, int task, int worker);
    struct Job
    {
        Call call = nullptr;
        void *ctx = nullptr;
        int tasks = 0;
    };

    void runErased(int tasks, Call call, void *ctx);
    void runInline(int tasks, Call call, void *ctx);
    /// Claims and runs tasks of generation gen until none is left.
    void work(std::uint32_t gen, const Job &job, int worker);
    void runParallel(int tasks, Call call, void *ctx);
    /// After a run of `seconds` over `tasks` tasks: the next mode.
    void account(double seconds, int tasks);
    void workerLoop(int worker);
    void start(int threads);
    void stop();

    int m_threadCount = 1;
    Tuning m_tuning;
    std::vector<std::thread> m_workers;
    std::mutex m_runMutex; ///< held by the thread whose run() uses the workers
    std::mutex m_mutex;    ///< guards the members below and the condition variables
    std::condition_variable m_wake, m_done;
    /// Written under m_mutex; read without it by spinning workers, which then take m_mutex.
    std::atomic<std::uint32_t> m_generation{0};
    Job m_job;
    std::atomic<bool> m_stopping{false};
    std::exception_ptr m_error;
    /// (generation << 32) | next unclaimed task: a late worker of an old generation cannot claim
    /// a task of the current one.
    std::atomic<std::uint64_t> m_next{0};
    std::atomic<int> m_finished{0};
    // Self-tuning, guarded by m_runMutex.
    enum class Mode : std::uint8_t { MeasureAlone, MeasureWorkers, Chosen };
    Mode m_mode = Mode::MeasureAlone;
    int m_left = kMeasuredRuns;     ///< runs left in this mode
    bool m_useWorkers = true;       ///< the choice (Mode::Chosen)
    int m_choiceRuns = kChosenRuns; ///< length of the next choice of the caller alone
    double m_aloneSeconds = 0.0, m_workersSeconds = 0.0;
    std::int64_t m_aloneTasks = 0, m_workersTasks = 0;
};

} // namespace tinyml::core
