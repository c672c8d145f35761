// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/nn/modelspec.h"
#include "core/nn/trainer.h"

#include <QString>

#include <vector>

namespace tinyml::ui {

/// The one-click experiments of lesson 7: settings, what to expect, and a check that a run
/// shows it (used by the tests, so that every stated outcome is one the engine really produces).
struct Experiment
{
    enum class Id { SmallModel, LargeModel, LearningRateHigh, LearningRateLow, Overfitting, EarlyStopping, L2, Dropout };
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
};

std::vector<Experiment> courseExperiments();

/// Whether a run showed what the experiment's text announced, and one sentence saying so with
/// the run's own figures against the expectation ("As expected: …" / "Not as expected: …").
struct ExperimentVerdict
{
    bool matched = false;
    QString explanation;
};
ExperimentVerdict judgeExperiment(Experiment::Id id, const ExperimentRun &run,
                                  const ExperimentRun *baseline = nullptr);

/// True when run shows the experiment's stated outcome. baseline: the Overfitting run, which
/// Dropout is compared with (ignored by the others).
bool showsExpectedOutcome(Experiment::Id id, const ExperimentRun &run, const ExperimentRun *baseline = nullptr);

} // namespace tinyml::ui
