// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/preprocess.h"

namespace tinyml::core {

/// How a preprocessed drawing compares with MNIST's digits. A classifier always answers with
/// one of its classes, however unlike its training images the input is; these measures say
/// when the answer means little. The limits lie beyond what the 70,000 MNIST images (training
/// and test set) show, measured on the real files, so a real digit is almost never flagged.
struct InputCheck
{
    /// Ink in the 28x28 input, in fully lit pixels (sum of the values in 0..1).
    double inkPixels = 0.0;
    /// Longer side of the ink's bounding box over the canvas's shorter side (0..1).
    double canvasShare = 0.0;
    /// Mean stroke width in the 28x28 input, in pixels: 2 × area / boundary of the pixels
    /// brighter than half (a disc 20 px across gives about 10; an MNIST digit about 3).
    double strokeWidth = 0.0;
    /// Width over height of the ink in the 28x28 input.
    double aspect = 0.0;
    /// Separate pieces of ink (8-connected, at least 3 pixels each) in the 28x28 input.
    int pieces = 0;

    bool littleInk = false; ///< less ink than the faintest MNIST digit
    bool tiny = false;      ///< drawn very small: scaled up, its strokes became thick
    bool blob = false;      ///< strokes thicker than any MNIST digit's: a dot or a smear
    bool wide = false;      ///< much wider than tall, as almost no MNIST digit is
    bool scattered = false; ///< in more pieces than an MNIST digit ever is

    /// Any of the reasons above.
    bool unlikeMnist() const { return littleInk || tiny || blob || wide || scattered; }
};

/// The faintest of MNIST's 70,000 digits holds 19.9 fully lit pixels.
inline constexpr double kMnistLeastInk = 19.9;
/// A drawing whose longer side is under this share of the canvas is scaled up several times.
inline constexpr double kTinyCanvasShare = 0.12;
/// Above the thickest MNIST digit's strokes (9.05 px; 99.99 % are under 8.3).
inline constexpr double kMnistMaxStrokeWidth = 9.1;
/// Wider than 99.9 % of MNIST digits (1.67) by a margin; the widest is 2.5.
inline constexpr double kMnistMaxAspect = 2.0;
/// No MNIST digit has more than 4 pieces; 4 occur in 0.02 %.
inline constexpr int kMnistMaxPieces = 4;

/// Measures a preprocessed drawing (from preprocessDrawing()); an empty one gives all zeros
/// and no reason.
InputCheck checkInput(const Preprocessed &pre);

} // namespace tinyml::core
