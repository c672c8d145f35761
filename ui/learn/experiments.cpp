// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/learn/experiments.h"

#include <QCoreApplication>

#include <algorithm>

namespace tinyml::ui {

namespace {

core::ModelSpec hidden(int units)
{
    return core::ModelSpec::withHidden({units}, core::Activation::Relu);
}

core::TrainConfig epochs(int n)
{
    core::TrainConfig c;
    c.epochs = n;
    return c;
}

/// 1,000 images, a big network, 40 epochs, validated on the test set after every epoch.
core::TrainConfig overfitConfig()
{
    core::TrainConfig c;
    c.epochs = 40;
    c.trainSubset = 1000;
    c.validateOnTest = true;
    return c;
}

double minValLoss(const ExperimentRun &r)
{
    double m = 1e30;
    for (const auto &e : r.history)
        if (e.hasValidation)
            m = std::min(m, e.valLoss);
    return m;
}

} // namespace

std::vector<Experiment> courseExperiments()
{
    std::vector<Experiment> list;
    list.push_back({Experiment::Id::SmallModel, QCoreApplication::translate("Experiments", "Small model: 16 hidden neurons"),
                    QCoreApplication::translate("Experiments", "12,730 parameters (8 × fewer than the course model). Expect about 94 % on the test set after "
                       "3 epochs: a few points below the course model."),
                    hidden(16), epochs(3)});
    list.push_back({Experiment::Id::LargeModel, QCoreApplication::translate("Experiments", "Large model: 512 hidden neurons"),
                    QCoreApplication::translate("Experiments", "407,050 parameters (4 × the course model, 1.6 MB as float32). Expect about 98 % after 3 "
                       "epochs — better, but each epoch takes about 4 × longer."),
                    hidden(512), epochs(3)});
    core::ModelSpec high = hidden(128);
    high.optimizer.learningRate = 1.0f;
    list.push_back({Experiment::Id::LearningRateHigh, QCoreApplication::translate("Experiments", "Learning rate too high: Adam with η = 1"),
                    QCoreApplication::translate("Experiments", "1000 × the default. Expect the loss to explode within the first epoch: training stops with "
                       "\"diverged\" and keeps the last good weights."),
                    high, epochs(3)});
    core::ModelSpec low = hidden(128);
    low.optimizer = core::OptimizerSpec::defaultsFor(core::OptimizerKind::Sgd);
    low.optimizer.learningRate = 0.0005f;
    list.push_back({Experiment::Id::LearningRateLow, QCoreApplication::translate("Experiments", "Learning rate too low: SGD with η = 0.0005"),
                    QCoreApplication::translate("Experiments", "Expect learning to crawl: the loss falls slowly and after 3 epochs the test accuracy is still "
                       "below 90 %, far from the course model's 97–98 %."),
                    low, epochs(3)});
    list.push_back({Experiment::Id::Overfitting, QCoreApplication::translate("Experiments", "Overfitting: 1,000 images, 512 neurons, 40 epochs"),
                    QCoreApplication::translate("Experiments", "Expect training accuracy to reach 100 % while validation accuracy stalls near 90 %; the "
                       "validation loss reaches its minimum after a few epochs and then climbs again."),
                    hidden(512), overfitConfig()});
    core::TrainConfig early = overfitConfig();
    early.earlyStoppingPatience = 3;
    list.push_back({Experiment::Id::EarlyStopping, QCoreApplication::translate("Experiments", "…with early stopping (patience 3)"),
                    QCoreApplication::translate("Experiments", "Expect training to stop a few epochs after the validation loss's minimum, long before epoch "
                       "40, with the best epoch's weights restored."),
                    hidden(512), early});
    core::ModelSpec l2 = hidden(512);
    l2.l2 = 0.001f;
    list.push_back({Experiment::Id::L2, QCoreApplication::translate("Experiments", "…with L2 regularisation (λ = 0.001)"),
                    QCoreApplication::translate("Experiments", "Expect the validation loss (here including the L2 penalty) to stop climbing: it ends within "
                       "a few percent of its minimum."),
                    l2, overfitConfig()});
    core::ModelSpec dropout = hidden(512);
    dropout.dropout = 0.5f;
    list.push_back({Experiment::Id::Dropout, QCoreApplication::translate("Experiments", "…with dropout (rate 0.5)"),
                    QCoreApplication::translate("Experiments", "Expect a lower validation loss than the overfitting run without dropout: half of the hidden "
                       "neurons are switched off at random in every step, so none can memorise alone."),
                    dropout, overfitConfig()});
    return list;
}

bool showsExpectedOutcome(Experiment::Id id, const ExperimentRun &run, const ExperimentRun *baseline)
{
    const bool completed = run.outcome == core::TrainOutcome::Completed && !run.history.empty();
    switch (id) {
    case Experiment::Id::SmallModel:
        return completed && run.testAccuracy > 0.90 && run.testAccuracy < 0.965;
    case Experiment::Id::LargeModel:
        return completed && run.testAccuracy >= 0.975;
    case Experiment::Id::LearningRateHigh:
        return run.outcome == core::TrainOutcome::Diverged;
    case Experiment::Id::LearningRateLow:
        return completed && run.testAccuracy < 0.90 && run.history.back().loss < run.history.front().loss;
    case Experiment::Id::Overfitting: {
        if (!completed)
            return false;
        const auto &last = run.history.back();
        return last.accuracy >= 0.99 && last.accuracy - last.valAccuracy >= 0.05 && last.valLoss >= 1.1 * minValLoss(run);
    }
    case Experiment::Id::EarlyStopping:
        return run.outcome == core::TrainOutcome::EarlyStopped && run.history.size() < 40;
    case Experiment::Id::L2:
        return completed && run.history.back().valLoss <= 1.03 * minValLoss(run);
    case Experiment::Id::Dropout:
        return completed && baseline && minValLoss(run) < minValLoss(*baseline)
               && run.history.back().valLoss < baseline->history.back().valLoss;
    }
    return false;
}

} // namespace tinyml::ui
