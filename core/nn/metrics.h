// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/nn/modelspec.h"
#include "core/nn/trainer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tinyml::core {

/// How well one class is recognised, from a confusion matrix (rows: true class, columns:
/// prediction).
struct ClassMetrics
{
    int images = 0;    ///< of this class: the row total
    int predicted = 0; ///< predicted as this class: the column total
    int correct = 0;   ///< the diagonal cell
    /// correct / images: the class's accuracy, which is its recall (0 without images).
    double recall = 0.0;
    /// correct / predicted: how often a prediction of this class is right (0 when never predicted).
    double precision = 0.0;
    /// Harmonic mean of precision and recall (0 when both are 0).
    double f1 = 0.0;
};

/// One entry per class of e (empty when e has no classes).
std::vector<ClassMetrics> classMetrics(const Evaluation &e);

/// The confusion matrix normalised by rows: cell (t, p) over the row total of t, in 0..1
/// (a row without images is all 0). classes * classes, row-major.
std::vector<double> rowNormalised(const Evaluation &e);

/// One line of a Keras-like model summary.
struct SummaryRow
{
    std::string name; ///< as Keras names it: dense, dense_1, conv2d, ...
    std::string type; ///< Keras's class name: Dense, Conv2D, ...
    Shape output;     ///< one sample's output
    std::int64_t parameters = 0;
};

/// The layers of spec as Keras's model.summary() lists them (spec must be valid).
std::vector<SummaryRow> modelSummary(const ModelSpec &spec);

} // namespace tinyml::core
