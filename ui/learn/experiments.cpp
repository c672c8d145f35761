// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/learn/experiments.h"

#include "ui/shared/defaultmodel.h"
#include "ui/shared/networkeditor.h"
#include "ui/shared/numbers.h"
#include "ui/train/runlistmodel.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <cmath>

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

/// 1,000 training images, a big network, 40 epochs, validated after every epoch on 1,000 other
/// training images (a validation split, as the MNIST lesson teaches: the test set is looked at
/// once, at the end, never to choose or stop).
core::TrainConfig overfitConfig()
{
    core::TrainConfig c;
    c.epochs = 40;
    c.trainSubset = 2000;
    c.validationSplit = 0.5f;
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

namespace {

/// 12,000 training images, the last 2,000 kept for validation, 3 epochs: under a minute even
/// for the CNN without pooling on a busy machine.
core::TrainConfig convConfig()
{
    core::TrainConfig c;
    c.epochs = 3;
    c.trainSubset = 12000;
    c.validationSplit = 2000.0f / 12000.0f;
    return c;
}

QString count(std::int64_t n) { return QLocale().toString(qlonglong(n)); }

} // namespace

std::vector<Experiment> convolutionExperiments()
{
    using core::Activation;
    using L = core::LayerSpec;
    const core::ModelSpec cnn = smallCnnSpec();
    const core::ModelSpec course = core::ModelSpec::courseModel();
    const core::ModelSpec noPool = core::ModelSpec::withLayers(
        {L::conv2d(8, 3, Activation::Relu), L::conv2d(16, 3, Activation::Relu), L::flatten(),
         L::dense(10, Activation::Softmax)});
    const core::ModelSpec oneFilter = core::ModelSpec::withLayers(
        {L::conv2d(1, 5, Activation::Relu), L::maxPooling2d(2), L::flatten(),
         L::dense(10, Activation::Softmax)});
    std::vector<Experiment> list;
    list.push_back({Experiment::Id::SmallCnn, QCoreApplication::translate("Experiments", "Small CNN: Conv 8 → pool → Conv 16 → pool → Dense 10"),
                    QCoreApplication::translate("Experiments", "%1 parameters, about %2 as int8: a twentieth of the course model. But %3 "
                       "multiply-adds per image, more than the course model's %4: each weight is "
                       "used at every position. Expect about 95 % on the test set after 3 epochs on "
                       "10,000 images.")
                        .arg(count(cnn.parameterCount()), formatBytes(cnn.parameterCount()),
                             count(cnn.macCount()), count(course.macCount())),
                    cnn, convConfig()});
    list.push_back({Experiment::Id::CourseSameData, QCoreApplication::translate("Experiments", "…the course model, trained the same way"),
                    QCoreApplication::translate("Experiments", "%1 parameters, %2 × the small CNN, on the same 10,000 images for 3 epochs. "
                       "Expect it to be less accurate than the small CNN (run that first): a "
                       "convolution's filter finds a stroke anywhere in the image, a dense neuron "
                       "must learn it at every place anew.")
                        .arg(count(course.parameterCount()))
                        .arg(course.parameterCount() / cnn.parameterCount()),
                    course, convConfig()});
    list.push_back({Experiment::Id::NoPooling, QCoreApplication::translate("Experiments", "What pooling buys: the same CNN without pooling"),
                    QCoreApplication::translate("Experiments", "Without pooling the maps stay 24×24×16 = 9,216 values: %1 parameters (%2 × "
                       "the small CNN) and %3 multiply-adds (%4 ×). Expect it to be at most one "
                       "point more accurate than the small CNN (run that first): pooling buys a "
                       "far smaller, faster model at little cost.")
                        .arg(count(noPool.parameterCount()))
                        .arg(noPool.parameterCount() / cnn.parameterCount())
                        .arg(count(noPool.macCount()))
                        .arg(noPool.macCount() / cnn.macCount()),
                    noPool, convConfig()});
    list.push_back({Experiment::Id::OneFilter, QCoreApplication::translate("Experiments", "What one filter learns: one 5×5 filter, then Dense 10"),
                    QCoreApplication::translate("Experiments", "%1 parameters: a single 5×5 filter (25 weights and a bias) slides over the "
                       "image, max pooling halves its map to 12×12, and a Dense layer reads it. "
                       "Expect between 85 and 95 % on the test set: one filter finds one kind of "
                       "stroke, not all of them. Look at its 25 weights in Inspect afterwards.")
                        .arg(count(oneFilter.parameterCount())),
                    oneFilter, convConfig()});
    return list;
}

namespace {

/// Six hidden layers of 64 neurons with plain SGD at 0.1, the classic stack of the vanishing
/// gradient; one epoch on 3,200 images (100 batches): the gradients tell in the first batches.
Experiment deepStack(Experiment::Id id, core::Activation activation, const QString &title,
                     const QString &expectation)
{
    core::ModelSpec spec = core::ModelSpec::withHidden({64, 64, 64, 64, 64, 64}, activation);
    spec.optimizer = core::OptimizerSpec::defaultsFor(core::OptimizerKind::Sgd);
    spec.optimizer.learningRate = 0.1f;
    core::TrainConfig config;
    config.epochs = 1;
    config.trainSubset = 3200;
    return {id, title, expectation, spec, config};
}

} // namespace

std::vector<Experiment> gradientExperiments()
{
    return {deepStack(Experiment::Id::DeepSigmoid, core::Activation::Sigmoid,
                      QCoreApplication::translate("Experiments", "Vanishing gradients: six sigmoid layers"),
                      QCoreApplication::translate("Experiments", "Six hidden layers of 64 sigmoid neurons, SGD with η = 0.1, one epoch on "
                         "3,200 images. Every sigmoid multiplies the gradient by at most 0.25 on its "
                         "way back: expect the first layer's gradients to be at least %1 × smaller "
                         "than the last layer's during the first epoch, so the first layers hardly "
                         "learn. Watch the layer histograms.")
                          .arg(kVanishingRatio)),
            deepStack(Experiment::Id::DeepRelu, core::Activation::Relu,
                      QCoreApplication::translate("Experiments", "…the same six layers with ReLU"),
                      QCoreApplication::translate("Experiments", "The same stack and training with ReLU, which passes the gradient back "
                         "unchanged wherever a neuron is active. Expect the first layer's gradients "
                         "to stay within %1 × of the last layer's: nothing vanishes.")
                          .arg(kVanishingRatio))};
}

std::optional<Experiment::Id> baselineOf(Experiment::Id id)
{
    switch (id) {
    case Experiment::Id::DeepRelu:
        return Experiment::Id::DeepSigmoid;
    case Experiment::Id::Dropout:
        return Experiment::Id::Overfitting;
    case Experiment::Id::CourseSameData:
    case Experiment::Id::NoPooling:
        return Experiment::Id::SmallCnn;
    default:
        return std::nullopt;
    }
}

namespace {

QString pct(double fraction) { return localNumber(100.0 * fraction, 1) + QStringLiteral(" %"); }
QString num(double v) { return localNumber(v, 3); }
/// A small magnitude as the locale writes it, with 2 significant digits: "1.2e-05" / "1,2e-05".
QString scientific(double v) { return QLocale().toString(v, 'g', 2); }

int bestEpoch(const ExperimentRun &r)
{
    int best = 0;
    for (std::size_t e = 0; e < r.history.size(); ++e)
        if (r.history[e].hasValidation && (best == 0 || r.history[e].valLoss < r.history[std::size_t(best - 1)].valLoss))
            best = int(e) + 1;
    return best;
}

/// What a run did on the learner's own drawings, against the small CNN's when it is the baseline
/// and saw the same drawings; empty without drawings.
QString ownDrawings(const ExperimentRun &run, const ExperimentRun *smallCnn)
{
    if (run.ownCount <= 0)
        return {};
    if (smallCnn && smallCnn->ownCount == run.ownCount)
        return QStringLiteral(" ")
               + QCoreApplication::translate("Experiments", "On your %Ln drawing(s): %1 against the small CNN's %2.",
                                             nullptr, run.ownCount)
                     .arg(pct(run.ownAccuracy), pct(smallCnn->ownAccuracy));
    return QStringLiteral(" ")
           + QCoreApplication::translate("Experiments", "On your %Ln drawing(s): %1.", nullptr, run.ownCount)
                 .arg(pct(run.ownAccuracy));
}

ExperimentVerdict verdict(bool matched, const QString &why)
{
    return {matched, (matched ? QCoreApplication::translate("Experiments", "As expected: %1") : QCoreApplication::translate("Experiments", "Not as expected: %1")).arg(why)};
}

} // namespace

namespace {

/// The last layer's gradient RMS over the first layer's, in the first epoch (0 when unknown).
double gradientShrink(const ExperimentRun &run)
{
    const auto &g = run.firstEpochGradientRms;
    if (g.size() < 2 || !(g.front() > 0.0) || !std::isfinite(g.back()))
        return 0.0;
    return g.back() / g.front();
}

} // namespace

ExperimentVerdict judgeExperiment(Experiment::Id id, const ExperimentRun &run, const ExperimentRun *baseline)
{
    if (id == Experiment::Id::DeepSigmoid || id == Experiment::Id::DeepRelu) {
        // Judged on the first epoch's gradients: a run stopped later still measured them.
        const double shrink = gradientShrink(run);
        if (shrink <= 0.0)
            return verdict(false, QCoreApplication::translate("Experiments", "no gradients were measured in the first epoch (the run ended "
                                     "as “%1” before its first batch). Run the experiment again.")
                                      .arg(outcomeText(run.outcome)));
        const auto &g = run.firstEpochGradientRms;
        const QString figures = QCoreApplication::translate("Experiments", "in the first epoch the first layer's gradients (RMS %1) were "
                                   "%2 × smaller than the last layer's (%3)")
                                    .arg(scientific(g.front()), localNumber(shrink, shrink < 10 ? 1 : 0),
                                         scientific(g.back()));
        if (id == Experiment::Id::DeepSigmoid)
            return verdict(shrink >= kVanishingRatio,
                           QCoreApplication::translate("Experiments", "%1 (expected: at least %2 ×). The first layers hardly learn.")
                               .arg(figures)
                               .arg(kVanishingRatio));
        const double sigmoid = baseline ? gradientShrink(*baseline) : 0.0;
        const QString against = sigmoid > 0.0
                                    ? QCoreApplication::translate("Experiments", " With sigmoid they were %1 × smaller.")
                                          .arg(localNumber(sigmoid, sigmoid < 10 ? 1 : 0))
                                    : QString();
        return verdict(shrink < kVanishingRatio,
                       QCoreApplication::translate("Experiments", "%1 (expected: less than %2 ×).").arg(figures).arg(kVanishingRatio)
                           + against);
    }
    const bool completed = run.outcome == core::TrainOutcome::Completed && !run.history.empty();
    const bool validated = !run.history.empty() && run.history.back().hasValidation;
    if (id != Experiment::Id::LearningRateHigh && id != Experiment::Id::EarlyStopping && !completed)
        return verdict(false, QCoreApplication::translate("Experiments", "the run did not complete (it ended as “%1”), so it cannot show the "
                                 "expected outcome. Run the experiment again to its end.")
                                  .arg(outcomeText(run.outcome)));
    switch (id) {
    case Experiment::Id::SmallModel: {
        const bool ok = run.testAccuracy > 0.90 && run.testAccuracy < 0.965;
        return verdict(ok, QCoreApplication::translate("Experiments", "%1 on the test set (expected between 90 and 96.5 %, a few points below "
                              "the course model's 97–98 %).")
                               .arg(pct(run.testAccuracy)));
    }
    case Experiment::Id::LargeModel:
        return verdict(run.testAccuracy >= 0.975,
                       QCoreApplication::translate("Experiments", "%1 on the test set (expected at least 97.5 %).").arg(pct(run.testAccuracy)));
    case Experiment::Id::LearningRateHigh:
        return run.outcome == core::TrainOutcome::Diverged
                   ? verdict(true, QCoreApplication::translate("Experiments", "the loss exploded and training stopped as “diverged”, after %n "
                                      "complete epoch(s).", nullptr, int(run.history.size())))
                   : verdict(false, QCoreApplication::translate("Experiments", "training did not diverge (it ended as “%1”): with these "
                                       "weights the oversized steps happened to stay bounded.")
                                        .arg(outcomeText(run.outcome)));
    case Experiment::Id::LearningRateLow: {
        const bool falls = run.history.back().loss < run.history.front().loss;
        const bool ok = run.testAccuracy < 0.90 && falls;
        return verdict(ok, QCoreApplication::translate("Experiments", "the training loss went from %1 after epoch 1 to %2, and the test "
                              "accuracy is %3 (expected: falling slowly, still below 90 %).")
                               .arg(num(run.history.front().loss), num(run.history.back().loss),
                                    pct(run.testAccuracy)));
    }
    case Experiment::Id::Overfitting: {
        if (!validated)
            return verdict(false, QCoreApplication::translate("Experiments", "the run has no validation data to compare with."));
        const auto &last = run.history.back();
        const double minimum = minValLoss(run);
        const bool ok = last.accuracy >= 0.99 && last.accuracy - last.valAccuracy >= 0.05
                        && last.valLoss >= 1.1 * minimum;
        return verdict(ok, QCoreApplication::translate("Experiments", "training accuracy %1, validation accuracy %2 (a gap of %3 points); "
                              "the validation loss was lowest at epoch %4 (%5) and ended at %6 "
                              "(expected: training near 100 %, a gap of at least 5 points, and the "
                              "validation loss at least 10 % above its minimum).")
                               .arg(pct(last.accuracy), pct(last.valAccuracy),
                                    localNumber(100.0 * (last.accuracy - last.valAccuracy), 1))
                               .arg(bestEpoch(run))
                               .arg(num(minimum), num(last.valLoss)));
    }
    case Experiment::Id::EarlyStopping: {
        const bool ok = run.outcome == core::TrainOutcome::EarlyStopped && run.history.size() < 40;
        return ok ? verdict(true, QCoreApplication::translate("Experiments", "training stopped after epoch %1 of 40, and the weights of epoch "
                                     "%2, the lowest validation loss, were restored.")
                                      .arg(int(run.history.size()))
                                      .arg(bestEpoch(run)))
                  : verdict(false, QCoreApplication::translate("Experiments", "training did not stop early (it ended as “%1” after %n "
                                      "epoch(s)).", nullptr, int(run.history.size()))
                                       .arg(outcomeText(run.outcome)));
    }
    case Experiment::Id::L2: {
        if (!validated)
            return verdict(false, QCoreApplication::translate("Experiments", "the run has no validation data to compare with."));
        const double minimum = minValLoss(run);
        const double last = run.history.back().valLoss;
        return verdict(last <= 1.03 * minimum,
                       QCoreApplication::translate("Experiments", "the validation loss ended at %1, %2 % above its minimum %3 (expected: "
                          "within 3 %).")
                           .arg(num(last), localNumber(100.0 * (last / minimum - 1.0), 1), num(minimum)));
    }
    case Experiment::Id::Dropout: {
        if (!baseline || baseline->history.empty() || !baseline->history.back().hasValidation)
            return verdict(false, QCoreApplication::translate("Experiments", "dropout is judged against the overfitting run without it: run "
                                     "“Overfitting” first, then this one."));
        if (!validated)
            return verdict(false, QCoreApplication::translate("Experiments", "the run has no validation data to compare with."));
        const bool ok = minValLoss(run) < minValLoss(*baseline)
                        && run.history.back().valLoss < baseline->history.back().valLoss;
        return verdict(ok, QCoreApplication::translate("Experiments", "lowest validation loss %1 with dropout against %2 without; at the "
                              "end %3 against %4 (expected: lower in both).")
                               .arg(num(minValLoss(run)), num(minValLoss(*baseline)),
                                    num(run.history.back().valLoss),
                                    num(baseline->history.back().valLoss)));
    }
    case Experiment::Id::SmallCnn:
        return verdict(run.testAccuracy >= 0.94,
                       QCoreApplication::translate("Experiments", "%1 on the test set with %2 parameters (expected about 95 %, at least 94 %).")
                               .arg(pct(run.testAccuracy), count(smallCnnSpec().parameterCount()))
                           + ownDrawings(run, nullptr));
    case Experiment::Id::CourseSameData:
    case Experiment::Id::NoPooling: {
        if (!baseline || baseline->history.empty())
            return verdict(false, QCoreApplication::translate("Experiments", "this run is judged against the small CNN: run "
                                     "“Small CNN” first, then this one."));
        if (id == Experiment::Id::CourseSameData)
            return verdict(run.testAccuracy < baseline->testAccuracy,
                           QCoreApplication::translate("Experiments", "%1 on the test set against the small CNN's %2 (expected: "
                              "below the small CNN).")
                                   .arg(pct(run.testAccuracy), pct(baseline->testAccuracy))
                               + ownDrawings(run, baseline));
        return verdict(run.testAccuracy <= baseline->testAccuracy + 0.01,
                       QCoreApplication::translate("Experiments", "%1 on the test set without pooling against %2 with it (expected: "
                          "at most one point better, for many times the parameters).")
                           .arg(pct(run.testAccuracy), pct(baseline->testAccuracy)));
    }
    case Experiment::Id::DeepSigmoid:
    case Experiment::Id::DeepRelu:
        break; // judged above, on the gradients
    case Experiment::Id::OneFilter:
        return verdict(run.testAccuracy >= 0.85 && run.testAccuracy < 0.95,
                       QCoreApplication::translate("Experiments", "%1 on the test set (expected between 85 and 95 %).")
                           .arg(pct(run.testAccuracy)));
    }
    return verdict(false, QString());
}

bool showsExpectedOutcome(Experiment::Id id, const ExperimentRun &run, const ExperimentRun *baseline)
{
    return judgeExperiment(id, run, baseline).matched;
}

} // namespace tinyml::ui
