// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's thread pool: every task exactly once on any number of threads, real threads at
// work, nested and concurrent runs, exceptions, a resize of the global pool, and idle workers
// that sleep instead of spinning.
#include "core/base/threadpool.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <array>
#include <atomic>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

using tinyml::core::ThreadPool;

namespace {

/// The ids of this process's threads (Linux: /proc/self/task).
std::set<QString> threadIds()
{
    const QStringList ids = QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    return {ids.begin(), ids.end()};
}

/// The scheduler's state letter of one thread: R running, S sleeping, ... (proc(5), field 3).
QChar threadState(const QString &id)
{
    QFile f(QStringLiteral("/proc/self/task/%1/stat").arg(id));
    if (!f.open(QIODevice::ReadOnly))
        return QChar();
    const QByteArray stat = f.readAll();
    // The command name in parentheses may hold spaces: the state follows the last ')'.
    const qsizetype close = stat.lastIndexOf(')');
    return close >= 0 && close + 2 < stat.size() ? QChar(stat[close + 2]) : QChar();
}

} // namespace

class TestThreadPool : public QObject
{
    Q_OBJECT

private slots:
    void everyTaskExactlyOnce_data()
    {
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("tasks");
        QTest::addColumn<int>("runs");
        QTest::newRow("1 thread, 7 tasks") << 1 << 7 << 3;
        QTest::newRow("2 threads, no task") << 2 << 0 << 3;
        QTest::newRow("2 threads, 1 task") << 2 << 1 << 3;
        QTest::newRow("2 threads, 4 tasks, many runs") << 2 << 4 << 2000;
        QTest::newRow("3 threads, 100 tasks") << 3 << 100 << 50;
        QTest::newRow("8 threads, 3 tasks") << 8 << 3 << 500;
    }
    void everyTaskExactlyOnce()
    {
        QFETCH(int, threads);
        QFETCH(int, tasks);
        QFETCH(int, runs);
        ThreadPool pool(threads, ThreadPool::Tuning::AlwaysWorkers);
        QCOMPARE(pool.threadCount(), threads);
        for (int r = 0; r < runs; ++r) {
            std::vector<std::atomic<int>> hits(std::size_t(tasks) + 1);
            std::atomic<int> badWorker{0};
            pool.run(tasks, [&](int task, int worker) {
                hits[std::size_t(task)]++;
                if (worker < 0 || worker >= threads)
                    badWorker++;
            });
            for (int t = 0; t < tasks; ++t)
                QCOMPARE(hits[std::size_t(t)].load(), 1);
            QCOMPARE(hits[std::size_t(tasks)].load(), 0);
            QCOMPARE(badWorker.load(), 0);
        }
    }

    void measuredTuningRunsEveryTask()
    {
        // The default pool switches between the caller alone and the workers as it measures;
        // every run still runs each task once.
        ThreadPool pool(2);
        for (int r = 0; r < 3 * (ThreadPool::kMeasuredRuns * 2 + ThreadPool::kChosenRuns); ++r) {
            std::array<std::atomic<int>, 5> hits{};
            pool.run(5, [&](int task, int) { hits[std::size_t(task)]++; });
            for (const auto &h : hits)
                QCOMPARE(h.load(), 1);
        }
    }

    void workersReallyRunTasks()
    {
        // Two tasks that can only finish together: the first waits until the second has
        // started, which needs a second thread while the first is blocked.
        ThreadPool pool(2, ThreadPool::Tuning::AlwaysWorkers);
        std::atomic<bool> secondStarted{false};
        std::set<std::thread::id> ids;
        std::mutex idsMutex;
        pool.run(2, [&](int task, int) {
            {
                std::lock_guard lock(idsMutex);
                ids.insert(std::this_thread::get_id());
            }
            if (task == 1)
                secondStarted = true;
            else
                while (!secondStarted)
                    std::this_thread::yield();
        });
        QCOMPARE(int(ids.size()), 2);
    }

    void runReturnsAfterTheLastTask()
    {
        // Two tasks that start together; the one a worker runs (worker index above 0: the caller
        // is 0) is long and only then records that it finished. run() must wait for it.
        ThreadPool pool(2, ThreadPool::Tuning::AlwaysWorkers);
        for (int round = 0; round < 3; ++round) {
            std::atomic<int> started{0};
            std::atomic<bool> workerTaskDone{false};
            std::atomic<int> onWorkers{0};
            pool.run(2, [&](int, int worker) {
                started++;
                while (started < 2)
                    std::this_thread::yield();
                if (worker == 0)
                    return;
                onWorkers++;
                volatile double sink = 0.0;
                for (int i = 0; i < 20'000'000; ++i)
                    sink = sink + 1.0;
                workerTaskDone = true;
            });
            QCOMPARE(onWorkers.load(), 1);
            QVERIFY(workerTaskDone.load());
        }
    }

    void nestedRunRunsInline()
    {
        ThreadPool pool(3, ThreadPool::Tuning::AlwaysWorkers);
        std::atomic<int> inner{0};
        pool.run(4, [&](int, int) { pool.run(5, [&](int, int) { inner++; }); });
        QCOMPARE(inner.load(), 20);
    }

    void concurrentRunsFromTwoThreads()
    {
        ThreadPool pool(2, ThreadPool::Tuning::AlwaysWorkers);
        std::atomic<long> sumA{0}, sumB{0};
        auto caller = [&pool](std::atomic<long> &sum) {
            for (int r = 0; r < 300; ++r)
                pool.run(10, [&](int task, int) { sum += task + 1; });
        };
        std::thread a(caller, std::ref(sumA));
        std::thread b(caller, std::ref(sumB));
        a.join();
        b.join();
        QCOMPARE(sumA.load(), 300L * 55);
        QCOMPARE(sumB.load(), 300L * 55);
    }

    void exceptionReachesTheCaller_data()
    {
        QTest::addColumn<int>("threads");
        QTest::newRow("1 thread") << 1;
        QTest::newRow("2 threads") << 2;
        QTest::newRow("4 threads") << 4;
    }
    void exceptionReachesTheCaller()
    {
        QFETCH(int, threads);
        ThreadPool pool(threads, ThreadPool::Tuning::AlwaysWorkers);
        bool thrown = false;
        try {
            pool.run(50, [](int task, int) {
                if (task == 7)
                    throw std::runtime_error("task 7");
            });
        } catch (const std::runtime_error &e) {
            thrown = QByteArray(e.what()) == "task 7";
        }
        QVERIFY(thrown);
        // The pool still works afterwards.
        std::atomic<int> count{0};
        pool.run(9, [&](int, int) { count++; });
        QCOMPARE(count.load(), 9);
    }

    void idleWorkersSleep()
    {
        // Workers watch briefly for the next run, then sleep: after a burst of runs, every worker
        // must reach the sleeping state by itself. A worker that kept spinning would stay R.
        const std::set<QString> before = threadIds();
        ThreadPool pool(3, ThreadPool::Tuning::AlwaysWorkers);
        std::set<QString> workers;
        for (const QString &id : threadIds())
            if (!before.count(id))
                workers.insert(id);
        QCOMPARE(int(workers.size()), 2);
        std::atomic<int> count{0};
        for (int r = 0; r < 2000; ++r)
            pool.run(3, [&](int, int) { count++; });
        QCOMPARE(count.load(), 6000);
        const auto allAsleep = [&] {
            for (const QString &id : workers)
                if (threadState(id) != QLatin1Char('S'))
                    return false;
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(allAsleep(), 30000);
        // And they still wake for the next run.
        pool.run(3, [&](int, int) { count++; });
        QCOMPARE(count.load(), 6003);
    }

    void globalPoolResizes()
    {
        ThreadPool::setGlobalThreadCount(3);
        QCOMPARE(ThreadPool::global().threadCount(), 3);
        std::atomic<int> count{0};
        ThreadPool::global().run(12, [&](int, int worker) { count += worker < 3 ? 1 : 100; });
        QCOMPARE(count.load(), 12);
        ThreadPool::setGlobalThreadCount(1);
        QCOMPARE(ThreadPool::global().threadCount(), 1);
        QVERIFY(ThreadPool::defaultThreadCount() >= 1);
    }
};

QTEST_GUILESS_MAIN(TestThreadPool)
#include "tst_threadpool.moc"
