// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/stepper/formulas.h"

#include "ui/shared/networkeditor.h"

#include "core/nn/activation.h"

#include <QCoreApplication>
#include <QStringList>

#include <cmath>

namespace tinyml::ui {

using core::Activation;

namespace {

QString sub(const QString &s)
{
    return QStringLiteral("<sub>%1</sub>").arg(s);
}
QString sup(const QString &s)
{
    return QStringLiteral("<sup>%1</sup>").arg(s);
}

/// Numbers as the formulas write them: fixed decimals, or six significant digits.
class Numbers
{
public:
    Numbers(QLocale locale, int digits) : m_locale(std::move(locale)), m_digits(digits)
    {
        m_locale.setNumberOptions(m_locale.numberOptions() | QLocale::OmitGroupSeparator);
    }
    QString operator()(double v) const { return m_locale.toString(v, 'f', m_digits); }
    QString fixed(double v, int digits) const { return m_locale.toString(v, 'f', digits); }
    QString general(double v) const { return m_locale.toString(v, 'g', 6); }

private:
    QLocale m_locale;
    int m_digits;
};

QString inputFormula(const FormulaInput &in, const Numbers &num)
{
    const core::Matrix &x = *in.x;
    const int c = in.sample;
    if (!in.tiny)
        return QCoreApplication::translate(
                   "tinyml::ui::StepperPanel",
                   "a%1 = x: the %2 pixels of the image, each between 0 (background) and 1 (ink).")
            .arg(sup(QStringLiteral("(0)")))
            .arg(x.rows());
    QStringList xs;
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        xs << num(x(i, c));
    QString t = QCoreApplication::translate("tinyml::ui::StepperPanel", "a%1 = x = (%2)")
                    .arg(sup(QStringLiteral("(0)")), xs.join(QStringLiteral(", ")));
    if (in.targets && in.targets->size()) {
        QStringList ts;
        for (Eigen::Index k = 0; k < in.targets->rows(); ++k)
            ts << num((*in.targets)(k, c));
        t += QCoreApplication::translate("tinyml::ui::StepperPanel", "<br>target t = (%1)")
                 .arg(ts.join(QStringLiteral(", ")));
    }
    return t;
}

QString linearFormula(const StepStage &s, const FormulaInput &in, const Numbers &num)
{
    const std::size_t l = std::size_t(s.layer);
    const int c = in.sample;
    const QString j = QString::number(in.neuron + 1);
    const auto W = in.net->weights(l);
    const core::Matrix &prev = l == 0 ? *in.x : in.trace->a[l - 1];
    const double z = double(in.trace->z[l](in.neuron, c));
    const double b = double(in.net->bias(l)(in.neuron));
    const QString general
        = QStringLiteral("z%1%2 = Σ%3 W%4 a%5%6 + b%7")
              .arg(sub(j), sup(QStringLiteral("(%1)").arg(s.layer + 1)), sub(QStringLiteral("i")),
                   sub(j + QStringLiteral("i")), sub(QStringLiteral("i")),
                   sup(QStringLiteral("(%1)").arg(s.layer)), sub(j));
    if (W.cols() <= 8) {
        QStringList terms;
        for (Eigen::Index i = 0; i < W.cols(); ++i)
            terms << QStringLiteral("%1 · %2").arg(num(W(in.neuron, i)), num(prev(i, c)));
        return general + QStringLiteral("<br>&nbsp;&nbsp;= ") + terms.join(QStringLiteral(" + "))
               + QStringLiteral(" + ") + num(b) + QStringLiteral("<br>&nbsp;&nbsp;= <b>") + num(z)
               + QStringLiteral("</b>");
    }
    double pos = 0, neg = 0;
    for (Eigen::Index i = 0; i < W.cols(); ++i) {
        const double t = double(W(in.neuron, i)) * double(prev(i, c));
        (t >= 0 ? pos : neg) += t;
    }
    return general
           + QCoreApplication::translate(
                 "tinyml::ui::StepperPanel",
                 "<br>&nbsp;&nbsp;over %1 inputs: %2 (positive terms) − "
                 "%3 (negative terms) + %4 (bias)<br>&nbsp;&nbsp;= <b>%5</b>")
                 .arg(W.cols())
                 .arg(num(pos), num(-neg), num(b), num(z));
}

QString activationStageFormula(const StepStage &s, const FormulaInput &in, const Numbers &num)
{
    const std::size_t l = std::size_t(s.layer);
    const int c = in.sample;
    const QString j = QString::number(in.neuron + 1);
    const QString layerSup = sup(QStringLiteral("(%1)").arg(s.layer + 1));
    const Activation f = in.net->spec().layers[l].activation;
    const double z = double(in.trace->z[l](in.neuron, c));
    const double a = double(in.trace->a[l](in.neuron, c));
    if (f != Activation::Softmax)
        return QStringLiteral("a%1%2 = f(z) = %3<br>&nbsp;&nbsp;= f(%4) = <b>%5</b>")
            .arg(sub(j), layerSup, activationFormula(f), num(z), num(a));
    // Softmax needs every z of the layer: e^(z_j − max) / Σ e^(z_k − max).
    const auto col = in.trace->z[l].col(c);
    const double top = double(col.maxCoeff());
    double sum = 0.0;
    QStringList zs;
    for (Eigen::Index k = 0; k < col.size(); ++k) {
        sum += std::exp(double(col(k)) - top);
        zs << num(col(k));
    }
    return QCoreApplication::translate("tinyml::ui::StepperPanel",
                                       "a%1%2 = e%3 / Σ%4 e%5 (softmax over the %6 outputs)<br>"
                                       "&nbsp;&nbsp;= e%7 / %8 = <b>%9</b>")
               .arg(sub(j), layerSup, sup(QStringLiteral("z") + sub(j)), sub(QStringLiteral("k")),
                    sup(QStringLiteral("z") + sub(QStringLiteral("k"))))
               .arg(col.size())
               .arg(sup(QStringLiteral("(%1 − %2)").arg(num(z), num(top))), num(sum), num(a))
           + QCoreApplication::translate("tinyml::ui::StepperPanel",
                                         "<br>&nbsp;&nbsp;with z = (%1)")
                 .arg(zs.join(QStringLiteral(", ")));
}

QString lossFormula(const FormulaInput &in, const Numbers &num)
{
    const auto &out = in.trace->a.back();
    const int n = int(in.x->cols());
    const int c = in.sample;
    if (in.net->spec().loss == core::LossKind::SparseCategoricalCrossentropy) {
        QStringList parts;
        for (int k = 0; k < n; ++k)
            parts << QStringLiteral("−ln %1").arg(num(out(in.labels[std::size_t(k)], k)));
        return QCoreApplication::translate(
                   "tinyml::ui::StepperPanel",
                   "Cross-entropy: L = −(1/n) Σ ln p%1, the probability given to the right "
                   "class<br>&nbsp;&nbsp;= %2<br>&nbsp;&nbsp;= <b>%3</b>")
            .arg(sub(QStringLiteral("y")))
            .arg(n == 1 ? parts.join(QString())
                        : QStringLiteral("(1/%1)(%2)").arg(n).arg(parts.join(QStringLiteral(" "))))
            .arg(num(in.trace->loss));
    }
    QStringList parts;
    double sampleSum = 0.0;
    for (Eigen::Index k = 0; k < out.rows(); ++k) {
        parts << QStringLiteral("(%1 − %2)²").arg(num(out(k, c)), num((*in.targets)(k, c)));
        const double e = double(out(k, c)) - double((*in.targets)(k, c));
        sampleSum += e * e;
    }
    const QString formula = QCoreApplication::translate("tinyml::ui::StepperPanel",
                                       "Squared error: L = 1/(n·K) Σ (a − t)², K = %1 "
                                       "outputs%2<br>&nbsp;&nbsp;sample %3: %4<br>&nbsp;&nbsp;L = "
                                       "<b>%5</b>")
        .arg(out.rows())
        .arg(out.rows() == 2 && n == 1 ? QCoreApplication::translate(
                 "tinyml::ui::StepperPanel", " (for K = 2 this is E = ½ Σ (t − a)²)")
                                       : QString())
        .arg(c + 1)
        .arg(parts.join(QStringLiteral(" + ")))
        .arg(num(in.trace->loss));
    if (n == 1)
        return formula;
    // One sample's terms, then the loss of the whole batch: say which is which.
    return formula
           + QCoreApplication::translate("tinyml::ui::StepperPanel",
                                         "<br>&nbsp;&nbsp;Sample %1 alone adds up to %2; L is the mean "
                                         "over all %3 samples and their %4 outputs, not this "
                                         "sample's share.")
                 .arg(c + 1)
                 .arg(num(sampleSum))
                 .arg(n)
                 .arg(out.rows());
}

QString outputDeltaFormula(const FormulaInput &in, const Numbers &num)
{
    const auto &spec = in.net->spec();
    const int n = int(in.x->cols());
    const int c = in.sample;
    const QString j = QString::number(in.neuron + 1);
    const Activation f = spec.layers.back().activation;
    const double a = double(in.trace->a.back()(in.neuron, c));
    const double d = double(in.trace->delta.back()(in.neuron, c));
    if (spec.loss == core::LossKind::SparseCategoricalCrossentropy && f == Activation::Softmax) {
        const int y = in.labels[std::size_t(c)] == in.neuron ? 1 : 0;
        return QCoreApplication::translate("tinyml::ui::StepperPanel",
                                           "Softmax with cross-entropy: δ%1 = (p%1 − y%1) / "
                                           "n<br>&nbsp;&nbsp;= (%2 − %3) / %4 = <b>%5</b>")
            .arg(sub(j))
            .arg(num(a))
            .arg(y)
            .arg(n)
            .arg(num(d));
    }
    if (spec.loss == core::LossKind::MeanSquaredError && f != Activation::Softmax) {
        const double t = double((*in.targets)(in.neuron, c));
        const int K = int(in.trace->a.back().rows());
        const double fp = double(core::derivative(f, in.trace->z.back()(in.neuron, c)));
        return QCoreApplication::translate("tinyml::ui::StepperPanel",
                                           "δ%1 = ∂L/∂a · f′(z) = 2(a − t)/(n·K) · f′(z), with "
                                           "%2<br>&nbsp;&nbsp;= 2 · (%3 − %4) / (%5·%6) · %7 = "
                                           "<b>%8</b>")
            .arg(sub(j), derivativeText(f, in.locale))
            .arg(num(a), num(t))
            .arg(n)
            .arg(K)
            .arg(num(fp), num(d));
    }
    return QCoreApplication::translate("tinyml::ui::StepperPanel",
                                       "δ%1 = ∂L/∂z%1 through %2: <b>%3</b>")
        .arg(sub(j), derivativeText(f, in.locale), num(d));
}

QString gradientFormula(const StepStage &s, const FormulaInput &in, const Numbers &num)
{
    const std::size_t l = std::size_t(s.layer);
    const auto &spec = in.net->spec();
    const int n = int(in.x->cols());
    const QString j = QString::number(in.neuron + 1);
    const core::Matrix &prev = l == 0 ? *in.x : in.trace->a[l - 1];
    const QString i = QString::number(in.input + 1);
    QStringList terms;
    for (int k = 0; k < n; ++k)
        terms << QStringLiteral("%1 · %2").arg(num(in.trace->delta[l](in.neuron, k)),
                                               num(prev(in.input, k)));
    const double dW = double(in.trace->dW[l](in.neuron, in.input));
    if (spec.l2 > 0)
        terms << QCoreApplication::translate("tinyml::ui::StepperPanel", "2λw = %1")
                     .arg(num(2.0 * double(spec.l2)
                              * double(in.net->weights(l)(in.neuron, in.input))));
    return QCoreApplication::translate("tinyml::ui::StepperPanel",
                                       "∂L/∂W%1 = Σ%2 δ%3%4 a%5%6%7<br>&nbsp;&nbsp;= %8 = "
                                       "<b>%9</b><br>∂L/∂b%3 = Σ δ%3 = <b>%10</b>")
        .arg(sub(j + QStringLiteral(",") + i),
             sub(QCoreApplication::translate("tinyml::ui::StepperPanel", "samples")), sub(j),
             sup(QStringLiteral("(%1)").arg(s.layer + 1)), sub(i),
             sup(QStringLiteral("(%1)").arg(s.layer)),
             spec.l2 > 0 ? QCoreApplication::translate("tinyml::ui::StepperPanel", " + 2λW")
                         : QString(),
             terms.join(QStringLiteral(" + ")), num(dW))
        .arg(num(in.trace->db[l](in.neuron)));
}

QString backDeltaFormula(const StepStage &s, const FormulaInput &in, const Numbers &num)
{
    // δ of layer l (0-based) from layer l + 1.
    const std::size_t l = std::size_t(s.layer);
    const int c = in.sample;
    const QString j = QString::number(in.neuron + 1);
    const auto W = in.net->weights(l + 1);
    const Activation f = in.net->spec().layers[l].activation;
    const auto &next = in.trace->delta[l + 1];
    double sum = 0;
    QStringList terms;
    for (Eigen::Index k = 0; k < W.rows(); ++k) {
        sum += double(W(k, in.neuron)) * double(next(k, c));
        if (W.rows() <= 10)
            terms << QStringLiteral("%1 · %2").arg(num(W(k, in.neuron)), num(next(k, c)));
    }
    const double fp = double(core::derivative(f, in.trace->z[l](in.neuron, c)));
    return QCoreApplication::translate("tinyml::ui::StepperPanel",
                                       "δ%1%2 = (Σ%3 W%4 δ%5) · f′(z%1), with "
                                       "%6<br>&nbsp;&nbsp;= (%7) · %8 = %9 · %8 = <b>%10</b>")
        .arg(sub(j), sup(QStringLiteral("(%1)").arg(s.layer + 1)), sub(QStringLiteral("k")),
             sub(QStringLiteral("k") + j), sub(QStringLiteral("k")), derivativeText(f, in.locale),
             terms.isEmpty()
                 ? QCoreApplication::translate("tinyml::ui::StepperPanel", "%1 terms").arg(W.rows())
                 : terms.join(QStringLiteral(" + ")),
             num(fp), num(sum))
        .arg(num(in.trace->delta[l](in.neuron, c)));
}

QString updateFormula(const FormulaInput &in, const Numbers &num)
{
    const core::StepTrace &trace = *in.trace;
    const std::size_t l = std::size_t(in.layer);
    const std::size_t index = in.net->weightOffset(l)
                              + std::size_t(in.input) * std::size_t(in.net->weights(l).rows())
                              + std::size_t(in.neuron);
    const double w = double(trace.parametersBefore[index]);
    const double g = double(trace.gradients[index]);
    const auto &o = in.net->spec().optimizer;
    const QString name = QStringLiteral("W%1").arg(
                             sub(QStringLiteral("%1,%2").arg(in.neuron + 1).arg(in.input + 1)))
                         + sup(QStringLiteral("(%1)").arg(l + 1));
    const QString after = trace.applied ? num(double(trace.parametersAfter[index]))
                                        : QCoreApplication::translate("tinyml::ui::StepperPanel",
                                                                      "(press Apply update)");
    const double lr = double(o.learningRate);
    switch (o.kind) {
    case core::OptimizerKind::Sgd:
        return QCoreApplication::translate(
                   "tinyml::ui::StepperPanel",
                   "SGD: w ← w − η · ∂L/∂w<br>%1 ← %2 − %3 · %4 = <b>%5</b>")
            .arg(name, num(w), num.general(lr), num(g), after);
    case core::OptimizerKind::Momentum: {
        const double v0 = index < in.firstMoment.size() ? double(in.firstMoment[index]) : 0.0;
        const double v1 = double(o.momentum) * v0 - lr * g;
        return QCoreApplication::translate("tinyml::ui::StepperPanel",
                                           "Momentum: v ← μ v − η g = %1 · %2 − %3 · %4 = "
                                           "%5<br>w ← w + %6 = <b>%7</b>")
            .arg(num.general(double(o.momentum)), num(v0), num.general(lr), num(g), num(v1),
                 o.nesterov ? QCoreApplication::translate("tinyml::ui::StepperPanel",
                                                          "μ v − η g (Nesterov)")
                            : QStringLiteral("v"),
                 after);
    }
    case core::OptimizerKind::RmsProp: {
        const double s0 = index < in.firstMoment.size() ? double(in.firstMoment[index]) : 0.0;
        const double s1 = double(o.rho) * s0 + (1.0 - double(o.rho)) * g * g;
        return QCoreApplication::translate("tinyml::ui::StepperPanel",
                                           "RMSprop: s ← ρ s + (1 − ρ) g² = %1 · %2 + %3 · %4² = "
                                           "%5<br>w ← w − η g / (√s + ε) = %6 − %7 · %8 / (%9 + "
                                           "%10) = <b>%11</b>")
            .arg(num.general(double(o.rho)), num(s0), num.general(1.0 - double(o.rho)), num(g),
                 num(s1), num(w), num.general(lr), num(g), num(std::sqrt(s1)))
            .arg(num.general(double(o.epsilon)), after);
    }
    case core::OptimizerKind::Adam: {
        const double m0 = index < in.firstMoment.size() ? double(in.firstMoment[index]) : 0.0;
        const double v0 = index < in.secondMoment.size() ? double(in.secondMoment[index]) : 0.0;
        const double m1 = double(o.beta1) * m0 + (1.0 - double(o.beta1)) * g;
        const double v1 = double(o.beta2) * v0 + (1.0 - double(o.beta2)) * g * g;
        const double t = double(in.iterations + 1);
        const double lrT = lr * std::sqrt(1.0 - std::pow(double(o.beta2), t))
                           / (1.0 - std::pow(double(o.beta1), t));
        return QCoreApplication::translate(
                   "tinyml::ui::StepperPanel",
                   "Adam (Kingma &amp; Ba 2015), step t = %1:<br>m ← β₁m + (1 − β₁)g = %2<br>v ← "
                   "β₂v + (1 − β₂)g² = %3<br>η%4 = η · √(1 − β₂%5) / (1 − β₁%5) = %6<br>w ← w − "
                   "η%4 · m / (√v + ε) = %7 − %6 · %2 / (%8 + ε) = <b>%9</b>")
            .arg(num.general(t))
            .arg(num(m1), num(v1), sub(QStringLiteral("t")), sup(QStringLiteral("t")),
                 num.general(lrT), num(w), num.general(std::sqrt(v1)), after);
    }
    }
    return {};
}

} // namespace

std::vector<StepStage> stepStages(int layers)
{
    std::vector<StepStage> stages;
    stages.push_back({StepStageKind::Input, 0});
    for (int l = 0; l < layers; ++l) {
        stages.push_back({StepStageKind::Linear, l});
        stages.push_back({StepStageKind::Activation, l});
    }
    stages.push_back({StepStageKind::Loss, layers - 1});
    stages.push_back({StepStageKind::OutputDelta, layers - 1});
    for (int l = layers - 1; l >= 0; --l) {
        stages.push_back({StepStageKind::Gradients, l});
        if (l > 0)
            stages.push_back({StepStageKind::BackDelta, l - 1});
    }
    stages.push_back({StepStageKind::Update, 0});
    return stages;
}

QString stageTitle(const StepStage &s)
{
    const int l = s.layer + 1;
    switch (s.kind) {
    case StepStageKind::Input:
        return QCoreApplication::translate("tinyml::ui::StepperPanel", "Forward: the input");
    case StepStageKind::Linear:
        return QCoreApplication::translate("tinyml::ui::StepperPanel",
                                           "Forward, layer %1: weighted sum z = W·a + b")
            .arg(l);
    case StepStageKind::Activation:
        return QCoreApplication::translate("tinyml::ui::StepperPanel",
                                           "Forward, layer %1: activation a = f(z)")
            .arg(l);
    case StepStageKind::Loss:
        return QCoreApplication::translate("tinyml::ui::StepperPanel", "The loss");
    case StepStageKind::OutputDelta:
        return QCoreApplication::translate("tinyml::ui::StepperPanel",
                                           "Backward: error δ at the output");
    case StepStageKind::Gradients:
        return QCoreApplication::translate("tinyml::ui::StepperPanel",
                                           "Backward, layer %1: gradients ∂L/∂W = δ·aᵀ, ∂L/∂b = δ")
            .arg(l);
    case StepStageKind::BackDelta:
        return QCoreApplication::translate("tinyml::ui::StepperPanel",
                                           "Backward: error δ of layer %1 = (Wᵀδ) ⊙ f′(z)")
            .arg(l);
    case StepStageKind::Update:
        return QCoreApplication::translate("tinyml::ui::StepperPanel",
                                           "Update: the optimizer changes the weights");
    }
    return {};
}

QString derivativeText(Activation f, const QLocale &locale)
{
    switch (f) {
    case Activation::Sigmoid:
        return QStringLiteral("σ′(z) = a(1 − a)");
    case Activation::Tanh:
        return QStringLiteral("tanh′(z) = 1 − a²");
    case Activation::Relu:
        return QStringLiteral("ReLU′(z) = (z &gt; 0 ? 1 : 0)");
    case Activation::LeakyRelu:
        return QStringLiteral("LeakyReLU′(z) = (z &gt; 0 ? 1 : %1)")
            .arg(locale.toString(double(core::kLeakyReluSlope), 'g', 6));
    case Activation::Linear:
        return QStringLiteral("f′(z) = 1");
    case Activation::Softmax:
        return QStringLiteral("softmax′: ∂a") + sub(QStringLiteral("k")) + QStringLiteral("/∂z")
               + sub(QStringLiteral("j")) + QStringLiteral(" = a") + sub(QStringLiteral("k"))
               + QStringLiteral("(1") + sub(QStringLiteral("k=j")) + QStringLiteral(" − a")
               + sub(QStringLiteral("j")) + QStringLiteral(")");
    }
    return {};
}

QString stageFormula(const StepStage &s, const FormulaInput &in)
{
    const Numbers num(in.locale, in.digits);
    switch (s.kind) {
    case StepStageKind::Input:
        return inputFormula(in, num);
    case StepStageKind::Linear:
        return linearFormula(s, in, num);
    case StepStageKind::Activation:
        return activationStageFormula(s, in, num);
    case StepStageKind::Loss:
        return lossFormula(in, num);
    case StepStageKind::OutputDelta:
        return outputDeltaFormula(in, num);
    case StepStageKind::Gradients:
        return gradientFormula(s, in, num);
    case StepStageKind::BackDelta:
        return backDeltaFormula(s, in, num);
    case StepStageKind::Update:
        return updateFormula(in, Numbers(in.locale, 6)); // six decimals in both modes
    }
    return {};
}

} // namespace tinyml::ui
