// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/nn/modelspec.h"
#include "core/nn/trainer.h"

#include <QString>

#include <optional>
#include <vector>

namespace tinyml::ui {

/// The one-click experiments of lessons 7 and 9: settings, what to expect, and a check that a run
/// shows it (used by the tests, so that every stated outcome is one the engine really produces).
struct Experiment
{
    enum class Id {
        SmallModel, LargeModel, LearningRateHigh, LearningRateLow, Overfitting, EarlyStopping, L2, Dropout,
        // Lesson 9
        SmallCnn, CourseSameData, NoPooling, OneFilter,
        // Lesson 5 and the Train tab's layer histograms: vanishing gradients
        DeepSigmoid, DeepRelu
    };
    Id id;
    QString title;
    QString expectation;
    core::ModelSpec spec;
    core::TrainConfig config;
};

/// What a run produced, as far as the checks need it.
struct ExperimentRun
{
    core::TrainOutcome outcome = core::TrainOutcome::Completed;
    std::vector<core::EpochReport> history;
    double testAccuracy = 0.0;
    /// Per layer with weights, first to last: the RMS of ∂L/∂w over the layer's kernel on the
    /// probe batch, averaged over the probes taken during the run's first epoch (empty when
    /// none was taken).
    std::vector<double> firstEpochGradientRms = {};
    /// On the learner's own drawings when there were some and they were not trained on.
    double ownAccuracy = 0.0;
    int ownCount = 0;
};

/// How many times smaller the first layer's gradients must be than the last layer's for the
/// deep sigmoid experiment to count them as vanished.
inline constexpr int kVanishingRatio = 10;

std::vector<Experiment> courseExperiments();
/// The experiments of lesson 9: the small CNN against the course model on the same 10,000
/// images, what pooling buys, what one filter can do. Each takes well under a minute.
std::vector<Experiment> convolutionExperiments();
/// Vanishing gradients, measured: six sigmoid layers against the same stack with ReLU, one
/// short epoch each; judged on the gradient magnitudes of the first epoch.
std::vector<Experiment> gradientExperiments();
/// The experiment a run is judged against (Dropout: Overfitting; the course model and the CNN
/// without pooling: the small CNN), or none.
std::optional<Experiment::Id> baselineOf(Experiment::Id id);

/// Whether a run showed what the experiment's text announced, and one sentence saying so with
/// the run's own figures against the expectation ("As expected: …" / "Not as expected: …").
struct ExperimentVerdict
{
    bool matched = false;
    QString explanation;
};
ExperimentVerdict judgeExperiment(Experiment::Id id, const ExperimentRun &run,
                                  const ExperimentRun *baseline = nullptr);

/// True when run shows the experiment's stated outcome. baseline: the run of baselineOf(id)
/// (ignored by experiments without one).
bool showsExpectedOutcome(Experiment::Id id, const ExperimentRun &run, const ExperimentRun *baseline = nullptr);

} // namespace tinyml::ui
