// SPDX-License-Identifier: GPL-3.0-or-later
// The CLI's InterruptWatcher: a signal during the watch requests a stop and is reported; after
// the watch the signal mask is what it was, so Ctrl-C and SIGTERM act as usual again.
#include "app/interrupt.h"

#include <QTest>

#include <csignal>
#include <future>
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

using tinyml::app::InterruptWatcher;

namespace {

bool blocked(int sig)
{
    sigset_t current;
    pthread_sigmask(SIG_BLOCK, nullptr, &current);
    return sigismember(&current, sig) == 1;
}

} // namespace

class TestInterrupt : public QObject
{
    Q_OBJECT

private slots:
    // Blocked while watched, and afterwards exactly the previous mask: what was blocked before
    // (SIGUSR1 here) stays blocked, SIGINT and SIGTERM are free again.
    void maskIsRestored()
    {
        sigset_t usr1;
        sigemptyset(&usr1);
        sigaddset(&usr1, SIGUSR1);
        pthread_sigmask(SIG_BLOCK, &usr1, nullptr);
        QVERIFY(!blocked(SIGINT) && !blocked(SIGTERM));
        std::stop_source source;
        {
            InterruptWatcher watcher(source);
            QVERIFY(blocked(SIGINT) && blocked(SIGTERM));
            QCOMPARE(watcher.finish(), 0);
            QVERIFY(!blocked(SIGINT) && !blocked(SIGTERM));
            QVERIFY(blocked(SIGUSR1));
        }
        QVERIFY(!blocked(SIGINT) && !blocked(SIGTERM));
        QVERIFY(!source.stop_requested());
        pthread_sigmask(SIG_UNBLOCK, &usr1, nullptr);
    }

    // In a child process (one thread, so the signal can only meet the watcher): the signal
    // stops the watch and is reported; the same signal sent after finish() ends the child by
    // its default action, as a user's Ctrl-C after training must.
    void signalStopsThenActsAsUsual_data()
    {
        QTest::addColumn<int>("sig");
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGTERM") << int(SIGTERM);
    }
    void signalStopsThenActsAsUsual()
    {
        QFETCH(int, sig);
        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            std::signal(sig, SIG_DFL);
            std::stop_source source;
            std::promise<void> stopped;
            const std::stop_callback onStop(source.get_token(), [&] { stopped.set_value(); });
            int received = 0;
            {
                InterruptWatcher watcher(source);
                ::kill(::getpid(), sig);
                stopped.get_future().wait();
                received = watcher.finish();
            }
            if (received != sig)
                ::_exit(10);
            ::kill(::getpid(), sig); // must end the process now
            ::_exit(20);
        }
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY2(!WIFEXITED(status), qPrintable(QString::number(WEXITSTATUS(status))));
        QVERIFY(WIFSIGNALED(status));
        QCOMPARE(WTERMSIG(status), sig);
    }
};

QTEST_GUILESS_MAIN(TestInterrupt)
#include "tst_interrupt.moc"
