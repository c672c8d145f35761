// SPDX-License-Identifier: GPL-3.0-or-later
// The learner's drawings mixed into the training set, copied on a worker thread.
#include "ui/shared/userdigits.h"

#include <QFutureWatcher>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QThreadPool>

using namespace tinyml;
using namespace tinyml::ui;

namespace {

/// n images of 28x28 whose pixels all hold `value`, labelled label.
core::Dataset uniform(std::size_t n, std::uint8_t value, std::uint8_t label)
{
    core::Dataset d;
    d.rows = 28;
    d.cols = 28;
    d.images.assign(n * 784, value);
    d.labels.assign(n, label);
    return d;
}

} // namespace

class TestUserDigits : public QObject
{
    Q_OBJECT

private slots:
    void mixedIntoAppendsEachDrawingRepeatTimes()
    {
        core::Dataset train = uniform(3, 10, 4);
        core::Dataset own = uniform(2, 200, 7);
        own.images[784] = 201; // the second drawing differs from the first
        own.labels[1] = 2;
        const core::Dataset mixed = UserDigits::mixedInto(train, own, 5);
        QCOMPARE(mixed.size(), std::size_t(3 + 2 * 5));
        for (std::size_t i = 0; i < 3; ++i) {
            QCOMPARE(int(mixed.labels[i]), 4);
            QCOMPARE(int(mixed.images[i * 784 + 100]), 10);
        }
        for (std::size_t r = 0; r < 5; ++r) {
            const std::size_t first = 3 + 2 * r;
            QCOMPARE(int(mixed.labels[first]), 7);
            QCOMPARE(int(mixed.labels[first + 1]), 2);
            QCOMPARE(int(mixed.images[first * 784]), 200);
            QCOMPARE(int(mixed.images[(first + 1) * 784]), 201);
        }
    }

    void mixInBackgroundRunsOnAWorkerThread()
    {
        QThreadPool pool;
        pool.setMaxThreadCount(1);
        // Hold the pool's only thread so that the copy cannot begin before we watch it.
        QSemaphore gate;
        pool.start([&gate] { gate.acquire(); });
        auto train = std::make_shared<const core::Dataset>(uniform(1000, 30, 1));
        const core::Dataset own = uniform(4, 250, 8);
        auto future = UserDigits::mixInBackground(train, own, 20, &pool);
        QThread *copiedOn = nullptr;
        auto recorded = future.then(QtFuture::Launch::Sync,
                                    [&copiedOn](std::shared_ptr<const core::Dataset> d) {
                                        copiedOn = QThread::currentThread();
                                        return d;
                                    });
        QVERIFY(!future.isFinished()); // the call returned before the copy
        QFutureWatcher<std::shared_ptr<const core::Dataset>> watcher;
        QSignalSpy finished(&watcher, &QFutureWatcherBase::finished);
        watcher.setFuture(recorded);
        gate.release();
        QVERIFY(finished.wait(10000));
        QVERIFY(copiedOn);
        QVERIFY(copiedOn != QThread::currentThread());
        const auto mixed = watcher.result();
        QCOMPARE(mixed->size(), std::size_t(1000 + 4 * 20));
        QCOMPARE(int(mixed->labels[999]), 1);
        QCOMPARE(int(mixed->labels[1000]), 8);
        QCOMPARE(int(mixed->images[1079 * 784 + 783]), 250);
        QCOMPARE(train->size(), std::size_t(1000)); // the shared set is left as it was
    }

    void cancelledBeforeTheCopyGivesNoResult()
    {
        QThreadPool pool;
        pool.setMaxThreadCount(1);
        QSemaphore gate;
        pool.start([&gate] { gate.acquire(); });
        auto future = UserDigits::mixInBackground(
            std::make_shared<const core::Dataset>(uniform(10, 1, 1)), uniform(1, 2, 2), 3, &pool);
        future.cancel();
        QFutureWatcher<std::shared_ptr<const core::Dataset>> watcher;
        QSignalSpy finished(&watcher, &QFutureWatcherBase::finished);
        watcher.setFuture(future);
        gate.release();
        QVERIFY(finished.wait(10000));
        QVERIFY(future.isCanceled());
        QCOMPARE(future.resultCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestUserDigits)
#include "tst_userdigits.moc"
