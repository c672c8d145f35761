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

/// `tinyml-studio --benchmark-export`: in the real main window with MNIST loaded, opens the
/// Export tab (float32, then int8) while a 2 ms timer probes the event loop; prints per phase
/// the seconds until the results are shown and the event-loop stalls (ms) as JSON.
int runExportBenchmark();

/// `tinyml-studio --benchmark-dataset`: as --benchmark-export, for the Dataset tab evaluating the
/// 10,000 test images, then the 60,000 training images.
int runDatasetBenchmark();

/// `tinyml-studio --benchmark-close`: closes the real main window while training, while the
/// Export tab generates int8 code and while the Dataset tab evaluates the training set; prints
/// the milliseconds close() took for each as JSON.
int runCloseBenchmark();
/// `tinyml-studio --benchmark-playground`: plays the Playground tab of the real main window for
/// five seconds each with 2-8-8-1 and 2-8-8-8-8-1 networks on the circle, a 2 ms timer probing the
/// event loop; prints map updates per second and the event loop's stalls as JSON, then the epochs
/// the lesson's settings take to a test loss of 0.05 on the circle, XOR and the spiral.
int runPlaygroundBenchmark();

} // namespace tinyml::app
