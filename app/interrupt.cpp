// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/interrupt.h"

#include <pthread.h>

namespace tinyml::app {

InterruptWatcher::InterruptWatcher(std::stop_source &source)
{
    sigemptyset(&m_set);
    sigaddset(&m_set, SIGINT);
    sigaddset(&m_set, SIGTERM);
    sigaddset(&m_set, SIGUSR2); // our own wake-up at the end
    pthread_sigmask(SIG_BLOCK, &m_set, &m_previous);
    m_thread = std::thread([this, &source] {
        int sig = 0;
        sigwait(&m_set, &sig);
        if (sig != SIGUSR2) {
            m_received = sig;
            source.request_stop();
        }
    });
}

InterruptWatcher::~InterruptWatcher()
{
    finish();
}

int InterruptWatcher::finish()
{
    if (!m_finished) {
        m_finished = true;
        // The thread still waits unless a signal came; a wake-up sent to a finished thread is
        // lost, and one sent while it stops after a signal is discarded with it.
        if (!m_received)
            pthread_kill(m_thread.native_handle(), SIGUSR2);
        m_thread.join();
        // A second Ctrl-C that came while stopping is still pending: it acts once unblocked.
        pthread_sigmask(SIG_SETMASK, &m_previous, nullptr);
    }
    return m_received;
}

} // namespace tinyml::app
