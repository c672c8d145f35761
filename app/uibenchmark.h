// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace tinyml::app {

/// `tinyml-studio --benchmark-ui [EPOCHS]`: trains the course model in the real main window
/// while a 5 ms timer probes the event loop; prints event-loop latency percentiles and the
/// seconds per epoch as JSON, then quits. Returns the exit code.
int runUiBenchmark(int epochs);

/// `tinyml-studio --benchmark-drawing`: sends mouse strokes to the real canvas and measures the
/// time from each mouse move to repainted probability bars; prints percentiles as JSON.
int runDrawingBenchmark();

} // namespace tinyml::app
