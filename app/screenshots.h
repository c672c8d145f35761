// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace tinyml::app {

/// `tinyml-studio --screenshots DIR`: shows the real main window at 1280×720 and writes PNGs of
/// its tabs into DIR (every tab in English; the busiest ones in German and with text three steps
/// larger), after drawing a digit and, when MNIST is there, training a short run. Returns the
/// exit code (1 when a file could not be written).
int runScreenshots(const QString &dir);

} // namespace tinyml::app
