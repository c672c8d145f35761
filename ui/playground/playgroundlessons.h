// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/playground/playground.h"

#include <QString>

#include <vector>

namespace tinyml::ui {

/// One-click experiments of the lesson "Why hidden layers: bending the plane": Playground
/// settings, how many epochs to watch, what to expect, and a check that a run shows it (used by
/// the tests, so every stated outcome is one the engine really produces).
struct PlaygroundLesson
{
    enum class Id {
        LinearFails,
        OneHiddenLayer,
        SquaredInputs,
        SpiralNeedsDepth,
        Overfitting,
        L2Smooths
    };
    Id id;
    QString title;
    QString expectation;
    core::PlaygroundConfig config;
    int epochs = 300;
};

std::vector<PlaygroundLesson> playgroundLessons();

/// True when history (one entry per epoch) shows the lesson's stated outcome. baseline: the
/// Overfitting run, which L2Smooths is compared with (ignored by the others).
bool showsExpectedOutcome(PlaygroundLesson::Id id,
                          const std::vector<core::PlaygroundEpoch> &history,
                          const std::vector<core::PlaygroundEpoch> *baseline = nullptr);

/// The first epoch whose test loss is below threshold, or -1.
int epochsToTestLoss(const std::vector<core::PlaygroundEpoch> &history, double threshold);

} // namespace tinyml::ui
