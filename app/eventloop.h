// SPDX-License-Identifier: GPL-3.0-or-later
// Driving the real main window from the studio's own scripted runs (--screenshots and the
// --benchmark-* modes): the event loop turns while the script waits for the window.
#pragma once

#include <functional>

namespace tinyml::app {

/// Processes events (5 ms at a time) until done() holds or timeoutMs passed; false on timeout.
bool runUntil(const std::function<bool()> &done, int timeoutMs);

/// Processes events for ms milliseconds: timers fire, the window repaints, workers report.
void settle(int ms);

} // namespace tinyml::app
