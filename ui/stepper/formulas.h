// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/nn/network.h"
#include "core/nn/steptrace.h"

#include <QLocale>
#include <QString>

#include <cstdint>
#include <span>
#include <vector>

namespace tinyml::ui {

/// One stage of a training step as the stepper shows it.
enum class StepStageKind {
    Input,
    Linear,
    Activation,
    Loss,
    OutputDelta,
    Gradients,
    BackDelta,
    Update
};
struct StepStage
{
    StepStageKind kind;
    int layer; ///< 0-based network layer (for BackDelta: the layer whose δ is computed)
    core::LayerKind layerKind = core::LayerKind::Dense; ///< of `layer`
};

/// The stages of one step of a network of `layers` layers, in order: the input, z and a of
/// each layer, the loss, the output δ, then from the last layer down its gradients and the δ
/// of the layer below, and the update (2·layers + 2·layers + 2 stages).
std::vector<StepStage> stepStages(int layers);

/// The stages of one step of any network: as stepStages(int) for a dense network; a layer
/// without an activation (pooling, Flatten, Dropout) has one forward stage, and only layers
/// with parameters have a gradient stage.
std::vector<StepStage> stepStages(const core::ModelSpec &spec);

/// Index into Network::parameters() of the weight a selection stands for: W(neuron, input) of a
/// Dense layer, W(filter, input) of a convolution (filter = the channel of output unit
/// `neuron`, input = the kernel column). -1 when the layer has no weights.
std::ptrdiff_t selectedWeightIndex(const core::Network &net, int layer, int neuron, int input);

/// How a unit of layer l's output is named: "3" (1-based) for a flat layer, "2,5,c1" (row,
/// column, channel, rows and columns from 0) for an image.
QString unitLabel(const core::ModelSpec &spec, int layer, int unit);

/// The stage's title ("Forward, layer 1: weighted sum z = W·a + b"), translated.
QString stageTitle(const StepStage &stage);

/// Everything a formula is filled in from: the network before the step, the traced step and
/// the selection. The pointers must stay valid while the formula is made.
struct FormulaInput
{
    const core::Network *net = nullptr; ///< the weights before the step
    const core::StepTrace *trace = nullptr;
    const core::Matrix *x = nullptr;       ///< the batch, (inputs, n)
    const core::Matrix *targets = nullptr; ///< dense targets (outputs, n), or empty
    std::span<const std::uint8_t> labels;  ///< n class labels
    std::span<const float> firstMoment;    ///< the optimizer's state before the step
    std::span<const float> secondMoment;
    std::int64_t iterations = 0; ///< optimizer steps already taken, before this one
    int sample = 0;              ///< the column of x whose numbers are shown
    int layer = 0;               ///< the selected weight W(neuron, input) of layer `layer`
    int neuron = 0;
    int input = 0;
    int digits = 6;   ///< decimals of the numbers
    bool tiny = true; ///< every input is listed (false: a 784-pixel image)
    QLocale locale;   ///< how numbers are written (no group separators)
};

/// The stage's formula with the real numbers, as rich text.
QString stageFormula(const StepStage &stage, const FormulaInput &in);

/// f′ written out as rich text ("σ′(z) = a(1 − a)").
QString derivativeText(core::Activation f, const QLocale &locale);

} // namespace tinyml::ui
