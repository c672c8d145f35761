// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/eventloop.h"

#include <QApplication>
#include <QElapsedTimer>

namespace tinyml::app {

bool runUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

void settle(int ms)
{
    runUntil([] { return false; }, ms);
}

} // namespace tinyml::app
