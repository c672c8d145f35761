// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <csignal>
#include <stop_token>
#include <thread>

namespace tinyml::app {

/// Ctrl-C (SIGINT) and SIGTERM stop a long computation cleanly instead of killing the process.
/// While a watcher lives, both signals are blocked in the calling thread (and in the threads it
/// starts) and taken by a watching thread, which requests a stop from the given source. The
/// destructor restores the previous signal mask, so that afterwards both act as usual again.
class InterruptWatcher
{
public:
    explicit InterruptWatcher(std::stop_source &source);
    ~InterruptWatcher();
    InterruptWatcher(const InterruptWatcher &) = delete;
    InterruptWatcher &operator=(const InterruptWatcher &) = delete;

    /// Stops watching (the destructor does it too): restores the previous mask and returns the
    /// signal that requested the stop (SIGINT or SIGTERM), 0 if none came.
    int finish();

private:
    sigset_t m_set;
    sigset_t m_previous;
    std::atomic<int> m_received{0};
    bool m_finished = false;
    std::thread m_thread;
};

/// The exit status of a command stopped by a signal, as shells report it: 128 + its number
/// (130 for SIGINT, 143 for SIGTERM).
inline int exitStatusFor(int signal)
{
    return 128 + signal;
}

} // namespace tinyml::app
