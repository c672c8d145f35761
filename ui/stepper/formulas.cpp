// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/stepper/formulas.h"

#include "ui/shared/networkeditor.h"

#include "core/nn/activation.h"
#include "core/nn/steptrace.h"

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
    const QString j = unitLabel(in.net->spec(), s.layer, in.neuron);
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
    const QString j = unitLabel(in.net->spec(), s.layer, in.neuron);
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
    for (Eigen::Index k = 0; k < out.rows(); ++k)
        parts << QStringLiteral("(%1 − %2)²").arg(num(out(k, c)), num((*in.targets)(k, c)));
    return QCoreApplication::translate("tinyml::ui::StepperPanel",
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
    const QString j = unitLabel(in.net->spec(), s.layer, in.neuron);
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
    const std::ptrdiff_t selected = selectedWeightIndex(*in.net, in.layer, in.neuron, in.input);
    if (selected < 0)
        return QCoreApplication::translate("tinyml::ui::StepperPanel",
                                           "Layer %1 has no weights: pick a weight of a layer "
                                           "with parameters to follow its update.")
            .arg(l + 1);
    const std::size_t index = std::size_t(selected);
    const bool image = in.net->spec().outputShape(l).image;
    const double w = double(trace.parametersBefore[index]);
    const double g = double(trace.gradients[index]);
    const auto &o = in.net->spec().optimizer;
    const QString name
        = image ? QStringLiteral("K%1").arg(
                      sub(QStringLiteral("f%1,%2")
                              .arg(in.neuron % in.net->spec().outputShape(l).channels)
                              .arg(in.input)))
                      + sup(QStringLiteral("(%1)").arg(l + 1))
                : QStringLiteral("W%1").arg(
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

// ---- Convolutional layers: one output pixel, one kernel weight, one pooling window ----

/// (row, column, channel) of unit u of an image tensor (NHWC).
struct Pixel
{
    int y, x, c;
};
Pixel pixelOf(const core::Shape &shape, int u)
{
    return {u / shape.channels / shape.width, (u / shape.channels) % shape.width,
            u % shape.channels};
}
int unitOf(const core::Shape &shape, int y, int x, int c)
{
    return (y * shape.width + x) * shape.channels + c;
}

/// "(y, x)" or "(y, x, c)" when the tensor has more than one channel.
QString at(const core::Shape &shape, int y, int x, int c)
{
    return shape.channels > 1 ? QStringLiteral("(%1, %2, %3)").arg(y).arg(x).arg(c)
                              : QStringLiteral("(%1, %2)").arg(y).arg(x);
}

/// A product written with its sign: "0.5 · 0.9", "(−0.2) · 0.3".
QString product(const Numbers &num, double a, double b)
{
    const QString first = a < 0 ? QStringLiteral("(%1)").arg(num(a)) : num(a);
    const QString second = b < 0 ? QStringLiteral("(%1)").arg(num(b)) : num(b);
    return first + QStringLiteral(" · ") + second;
}

/// At most this many terms are written out one by one; more are summed by sign.
constexpr int kMaxListedTerms = 160;

QString convLinearFormula(const StepStage &s, const FormulaInput &in, const Numbers &num)
{
    const auto &spec = in.net->spec();
    const std::size_t l = std::size_t(s.layer);
    const core::Shape inShape = spec.layerInputShape(l);
    const core::Shape outShape = spec.outputShape(l);
    const Pixel p = pixelOf(outShape, in.neuron);
    const core::Matrix &prev = l == 0 ? *in.x : in.trace->a[l - 1];
    const std::span<const float> input(prev.col(in.sample).data(), std::size_t(prev.rows()));
    const auto terms = core::convTerms(*in.net, l, input, p.y, p.x, p.c);
    const double b = double(in.net->bias(l)(p.c));
    const double z = double(in.trace->z[l](in.neuron, in.sample));
    const bool depthwise = spec.layers[l].kind == core::LayerKind::DepthwiseConv2D;
    const QString head
        = (depthwise ? QCoreApplication::translate(
               "tinyml::ui::StepperPanel",
               "Depthwise convolution: channel %1 is filtered by its own %2×%2 kernel K.")
                     : QCoreApplication::translate(
                         "tinyml::ui::StepperPanel",
                         "Convolution: filter %1 slides its %2×%3×%4 kernel K over the input; "
                         "at each position it multiplies and adds."))
              .arg(p.c)
              .arg(spec.layers[l].kernel)
              .arg(depthwise ? QString() : QString::number(spec.layers[l].kernel))
              .arg(depthwise ? QString() : QString::number(inShape.channels));
    const QString general
        = QStringLiteral("z%1 = Σ%2 K%3 · a%4 + b%5")
              .arg(at(outShape, p.y, p.x, p.c),
                   sub(inShape.channels > 1 && !depthwise ? QStringLiteral("ky,kx,c")
                                                          : QStringLiteral("ky,kx")),
                   sub(QStringLiteral("ky,kx")
                       + (inShape.channels > 1 && !depthwise ? QStringLiteral(",c") : QString())),
                   QStringLiteral("(%1·%2 + ky, %3·%2 + kx%4)")
                       .arg(p.y)
                       .arg(spec.layers[l].stride)
                       .arg(p.x)
                       .arg(inShape.channels > 1 ? QStringLiteral(", c") : QString()),
                   sub(QString::number(p.c)));
    int padded = 0;
    double pos = 0.0, neg = 0.0;
    QStringList listed;
    for (const core::ConvTerm &t : terms) {
        const double v = double(t.weight) * double(t.input);
        (v >= 0 ? pos : neg) += v;
        padded += t.padding;
        listed << product(num, double(t.weight), double(t.input));
    }
    QString text = head + QStringLiteral("<br>") + general;
    if (int(terms.size()) <= kMaxListedTerms)
        text += QStringLiteral("<br>&nbsp;&nbsp;= ") + listed.join(QStringLiteral(" + "))
                + QStringLiteral(" + ") + num(b);
    else
        text += QCoreApplication::translate(
                    "tinyml::ui::StepperPanel",
                    "<br>&nbsp;&nbsp;over %1 terms: %2 (positive terms) − %3 (negative terms) + "
                    "%4 (bias)")
                    .arg(terms.size())
                    .arg(num(pos), num(-neg), num(b));
    text += QStringLiteral("<br>&nbsp;&nbsp;= <b>") + num(z) + QStringLiteral("</b>");
    text += QCoreApplication::translate("tinyml::ui::StepperPanel",
                                        "<br>%n multiply-add(s); the window starts at input "
                                        "row %1, column %2",
                                        nullptr, int(terms.size()))
                .arg(terms.front().iy)
                .arg(terms.front().ix);
    if (padded > 0)
        text += QCoreApplication::translate("tinyml::ui::StepperPanel",
                                            "; %n tap(s) lie in the zero padding", nullptr, padded);
    return text;
}

QString poolLinearFormula(const StepStage &s, const FormulaInput &in, const Numbers &num)
{
    const auto &spec = in.net->spec();
    const std::size_t l = std::size_t(s.layer);
    const core::Shape inShape = spec.layerInputShape(l);
    const core::Shape outShape = spec.outputShape(l);
    const Pixel p = pixelOf(outShape, in.neuron);
    const core::Matrix &prev = l == 0 ? *in.x : in.trace->a[l - 1];
    const std::span<const float> input(prev.col(in.sample).data(), std::size_t(prev.rows()));
    const core::PoolWindow w = core::poolWindow(spec, l, input, p.y, p.x, p.c);
    const bool max = spec.layers[l].kind == core::LayerKind::MaxPooling2D;
    const double z = double(in.trace->z[l](in.neuron, in.sample));
    QStringList values;
    for (std::size_t i = 0; i < w.taps.size(); ++i) {
        const QString v = num(double(w.taps[i].value));
        values << (int(i) == w.argmax ? QStringLiteral("<u>%1</u>").arg(v) : v);
    }
    const QString name = QStringLiteral("a%1").arg(at(outShape, p.y, p.x, p.c));
    if (max) {
        const core::PoolTap &m = w.taps[std::size_t(std::max(w.argmax, 0))];
        return QCoreApplication::translate(
                   "tinyml::ui::StepperPanel",
                   "Max pooling: each output keeps the largest value of its %1×%1 window.<br>%2 "
                   "= max(%3)<br>&nbsp;&nbsp;= <b>%4</b>, from input %5 (underlined); the "
                   "other values of the window are dropped.")
            .arg(spec.layers[l].kernel)
            .arg(name, values.join(QStringLiteral(", ")), num(z), at(inShape, m.iy, m.ix, p.c));
    }
    return QCoreApplication::translate("tinyml::ui::StepperPanel",
                                       "Average pooling: each output is the mean of its "
                                       "window.<br>%1 = (%2) / %3<br>&nbsp;&nbsp;= <b>%4</b>")
        .arg(name, values.join(QStringLiteral(" + ")))
        .arg(w.taps.size())
        .arg(num(z));
}

QString reshapeFormula(const StepStage &s, const FormulaInput &in, const Numbers &num)
{
    const auto &spec = in.net->spec();
    const std::size_t l = std::size_t(s.layer);
    const core::Shape inShape = spec.layerInputShape(l);
    const double v = double(in.trace->a[l](in.neuron, in.sample));
    if (spec.layers[l].kind == core::LayerKind::Dropout)
        return QCoreApplication::translate(
                   "tinyml::ui::StepperPanel",
                   "Dropout switches values off at random while training; this step shows the "
                   "network as it predicts, so every value passes: a = <b>%1</b>")
            .arg(num(v));
    if (!inShape.image)
        return QCoreApplication::translate("tinyml::ui::StepperPanel",
                                           "Flatten: the values pass unchanged: a = <b>%1</b>")
            .arg(num(v));
    const Pixel p = pixelOf(inShape, in.neuron);
    return QCoreApplication::translate(
               "tinyml::ui::StepperPanel",
               "Flatten: the %1×%2×%3 map becomes one column of %4 values, row by row, the "
               "channels of a pixel next to each other (NHWC).<br>value %5 = (row · %2 + column) · "
               "%3 + channel, from %6<br>&nbsp;&nbsp;= <b>%7</b>")
        .arg(inShape.height)
        .arg(inShape.width)
        .arg(inShape.channels)
        .arg(inShape.size())
        .arg(in.neuron + 1)
        .arg(at(inShape, p.y, p.x, p.c), num(v));
}

QString convGradientFormula(const StepStage &s, const FormulaInput &in, const Numbers &num)
{
    const auto &spec = in.net->spec();
    const std::size_t l = std::size_t(s.layer);
    const core::Shape inShape = spec.layerInputShape(l);
    const core::Shape outShape = spec.outputShape(l);
    const int k = spec.layers[l].kernel;
    const bool depthwise = spec.layers[l].kind == core::LayerKind::DepthwiseConv2D;
    const int filter = pixelOf(outShape, in.neuron).c;
    const int cin = depthwise ? 1 : inShape.channels;
    const int ky = in.input / cin / k, kx = (in.input / cin) % k;
    const int channel = depthwise ? filter : in.input % cin;
    const core::Matrix &prev = l == 0 ? *in.x : in.trace->a[l - 1];
    const auto terms
        = core::kernelGradientTerms(*in.net, l, prev, in.trace->delta[l], filter, ky, kx, channel);
    const std::ptrdiff_t index = selectedWeightIndex(*in.net, s.layer, in.neuron, in.input);
    const double g = double(in.trace->gradients[std::size_t(index)]);
    QStringList listed;
    double sum = 0.0;
    int zeros = 0;
    const bool all = int(terms.size()) <= kMaxListedTerms / 4;
    for (const core::KernelGradientTerm &t : terms) {
        sum += double(t.delta) * double(t.input);
        const bool zero = t.delta == 0.0f || t.input == 0.0f;
        zeros += zero;
        if (all || (!zero && listed.size() < kMaxListedTerms / 4))
            listed << product(num, double(t.delta), double(t.input));
    }
    const QString weight = QStringLiteral("K%1").arg(
        sub(cin > 1 ? QStringLiteral("%1,%2,%3").arg(ky).arg(kx).arg(channel)
                    : QStringLiteral("%1,%2").arg(ky).arg(kx)));
    QString text
        = QCoreApplication::translate(
              "tinyml::ui::StepperPanel",
              "The same weight %1 of filter %2 is used at every output position, so its "
              "gradient is the sum over all %3 positions of δ there times the input value the "
              "weight met there:<br>∂L/∂%1 = Σ%4 δ%5 · a%6")
              .arg(weight)
              .arg(filter)
              .arg(outShape.height * outShape.width)
              .arg(sub(QStringLiteral("oy,ox")), sub(QStringLiteral("(oy, ox)")),
                   sub(QStringLiteral("(oy + %1, ox + %2)").arg(ky).arg(kx)));
    text += QStringLiteral("<br>&nbsp;&nbsp;= ") + listed.join(QStringLiteral(" + "));
    if (!all && int(terms.size()) - zeros > listed.size())
        text += QCoreApplication::translate("tinyml::ui::StepperPanel",
                                            " + … (%1 terms in all, %2 of them 0)")
                    .arg(terms.size())
                    .arg(zeros);
    else if (!all)
        text += QCoreApplication::translate("tinyml::ui::StepperPanel",
                                            " (the other %1 of the %2 terms are 0)")
                    .arg(zeros)
                    .arg(terms.size());
    text += QStringLiteral("<br>&nbsp;&nbsp;= ") + num(sum);
    if (spec.l2 > 0)
        text += QCoreApplication::translate("tinyml::ui::StepperPanel", " + 2λw = %1 + %2")
                    .arg(num(sum))
                    .arg(num(2.0 * double(spec.l2)
                             * double(in.net->parameters()[std::size_t(index)])));
    text += QStringLiteral(" = <b>") + num(g) + QStringLiteral("</b>");
    if (all && zeros > 0)
        text += QCoreApplication::translate(
                    "tinyml::ui::StepperPanel",
                    "<br>%1 of the %2 terms are 0: where δ is 0 (max pooling passed no gradient "
                    "there, or ReLU was off) or the input is 0.")
                    .arg(zeros)
                    .arg(terms.size());
    double db = 0.0;
    for (int y = 0; y < outShape.height; ++y)
        for (int x = 0; x < outShape.width; ++x)
            for (Eigen::Index n = 0; n < in.trace->delta[l].cols(); ++n)
                db += double(in.trace->delta[l](unitOf(outShape, y, x, filter), n));
    text += QCoreApplication::translate("tinyml::ui::StepperPanel",
                                        "<br>∂L/∂b%1 = Σ δ over the positions = %2 = <b>%3</b>")
                .arg(sub(QString::number(filter)), num(db), num(double(in.trace->db[l](filter))));
    return text;
}

/// δ of layer l (an image) from a windowed layer l + 1 above it.
QString windowBackDeltaFormula(const StepStage &s, const FormulaInput &in, const Numbers &num)
{
    const auto &spec = in.net->spec();
    const std::size_t l = std::size_t(s.layer);
    const std::size_t up = l + 1;
    const core::LayerSpec &above = spec.layers[up];
    const core::Shape shape = spec.outputShape(l);
    const core::Shape upShape = spec.outputShape(up);
    const Pixel p = pixelOf(shape, in.neuron);
    const int c = in.sample;
    const core::Activation f = spec.layers[l].activation;
    const double fp = double(core::derivative(f, in.trace->z[l](in.neuron, c)));
    const double d = double(in.trace->delta[l](in.neuron, c));
    const std::span<const float> a(in.trace->a[l].col(c).data(), std::size_t(shape.size()));
    const auto &next = in.trace->delta[up];
    const QString name = QStringLiteral("δ%1").arg(at(shape, p.y, p.x, p.c))
                         + sup(QStringLiteral("(%1)").arg(s.layer + 1));
    // Every output of layer l + 1 whose window holds this pixel.
    QStringList terms;
    double sum = 0.0;
    for (int oy = 0; oy < upShape.height; ++oy)
        for (int ox = 0; ox < upShape.width; ++ox) {
            const core::PixelRect r = core::layerInputRect(spec, up, {oy, ox, oy, ox});
            if (!r.contains(p.y, p.x))
                continue;
            if (above.kind == core::LayerKind::MaxPooling2D) {
                const core::PoolWindow w = core::poolWindow(spec, up, a, oy, ox, p.c);
                const core::PoolTap &m = w.taps[std::size_t(w.argmax)];
                const double g = double(next(unitOf(upShape, oy, ox, p.c), c));
                const bool routed = m.iy == p.y && m.ix == p.x;
                if (routed)
                    sum += g;
                terms << (routed ? QCoreApplication::translate(
                                       "tinyml::ui::StepperPanel",
                                       "window of %1: this pixel is its max, so it gets all of "
                                       "δ = %2")
                                       .arg(at(upShape, oy, ox, p.c), num(g))
                                 : QCoreApplication::translate(
                                       "tinyml::ui::StepperPanel",
                                       "window of %1: the max is %2 (%3 &gt; %4), so this pixel "
                                       "gets 0 of δ = %5")
                                       .arg(at(upShape, oy, ox, p.c), at(shape, m.iy, m.ix, p.c),
                                            num(double(m.value)),
                                            num(double(a[std::size_t(in.neuron)])), num(g)));
            } else if (above.kind == core::LayerKind::AveragePooling2D) {
                const int count = r.height() * r.width();
                const double g = double(next(unitOf(upShape, oy, ox, p.c), c));
                sum += g / count;
                terms << QStringLiteral("%1 / %2").arg(num(g)).arg(count);
            } else {
                // A convolution: every filter that read this pixel, through the tap that met it.
                const int y0 = oy * above.stride
                               - core::convPaddingBefore(shape.height, above.kernel, above.stride,
                                                         above.padding);
                const int x0 = ox * above.stride
                               - core::convPaddingBefore(shape.width, above.kernel, above.stride,
                                                         above.padding);
                const int ky = p.y - y0, kx = p.x - x0;
                const auto W = in.net->weights(up);
                const bool depthwise = above.kind == core::LayerKind::DepthwiseConv2D;
                for (int g = depthwise ? p.c : 0; g < (depthwise ? p.c + 1 : upShape.channels);
                     ++g) {
                    const double w = double(W(g, core::kernelColumn(spec, up, ky, kx, p.c)));
                    const double dn = double(next(unitOf(upShape, oy, ox, g), c));
                    sum += w * dn;
                    terms << product(num, w, dn);
                }
            }
        }
    const QString rule
        = above.kind == core::LayerKind::MaxPooling2D
              ? QCoreApplication::translate("tinyml::ui::StepperPanel",
                                            "Max pooling passes δ back only to the pixel that "
                                            "was the max of its window; every other pixel gets "
                                            "0.")
          : above.kind == core::LayerKind::AveragePooling2D
              ? QCoreApplication::translate("tinyml::ui::StepperPanel",
                                            "Average pooling shares δ equally among the pixels "
                                            "of each window.")
              : QCoreApplication::translate(
                  "tinyml::ui::StepperPanel",
                  "Each output of the convolution above that read this pixel sends back δ "
                  "times the kernel weight that met it.");
    QString list;
    if (above.kind == core::LayerKind::MaxPooling2D)
        list = terms.join(QStringLiteral("<br>&nbsp;&nbsp;"));
    else if (terms.size() <= kMaxListedTerms)
        list = terms.join(QStringLiteral(" + "));
    else
        list
            = QCoreApplication::translate("tinyml::ui::StepperPanel", "%1 terms").arg(terms.size());
    return rule
           + QCoreApplication::translate("tinyml::ui::StepperPanel",
                                         "<br>%1 = (sum of what comes back) · f′(z), with "
                                         "%2<br>&nbsp;&nbsp;%3<br>&nbsp;&nbsp;= %4 · %5 = "
                                         "<b>%6</b>")
                 .arg(name, derivativeText(f, in.locale),
                      list.isEmpty() ? QStringLiteral("0") : list, num(sum), num(fp), num(d));
}

/// δ of layer l from a Flatten or Dropout layer above it: the same values.
QString passBackDeltaFormula(const StepStage &s, const FormulaInput &in, const Numbers &num)
{
    const auto &spec = in.net->spec();
    const std::size_t l = std::size_t(s.layer);
    const core::Shape shape = spec.outputShape(l);
    const int c = in.sample;
    const double next = double(in.trace->delta[l + 1](in.neuron, c));
    const core::Activation f = spec.layers[l].activation;
    const double fp = double(core::derivative(f, in.trace->z[l](in.neuron, c)));
    const QString name = shape.image ? at(shape, pixelOf(shape, in.neuron).y,
                                          pixelOf(shape, in.neuron).x, pixelOf(shape, in.neuron).c)
                                     : sub(QString::number(in.neuron + 1));
    return QCoreApplication::translate(
               "tinyml::ui::StepperPanel",
               "%1 only rearranges (or passes) values, so δ comes back unchanged to the same "
               "value:<br>δ%2 = δ of value %3 above · f′(z), with %4<br>&nbsp;&nbsp;= %5 · %6 = "
               "<b>%7</b>")
        .arg(QString::fromLatin1(core::toString(spec.layers[l + 1].kind).data()), name)
        .arg(in.neuron + 1)
        .arg(derivativeText(f, in.locale), num(next), num(fp),
             num(double(in.trace->delta[l](in.neuron, c))));
}

QString imageInputFormula(const FormulaInput &in, const Numbers &num)
{
    const core::Shape shape = in.net->spec().inputTensorShape();
    const int c = in.sample;
    QString t = QCoreApplication::translate("tinyml::ui::StepperPanel",
                                            "a%1 = x: a %2×%3 image, one value per pixel")
                    .arg(sup(QStringLiteral("(0)")))
                    .arg(shape.height)
                    .arg(shape.width);
    if (shape.size() > 100 || shape.channels != 1)
        return t;
    t += QStringLiteral("<table cellspacing='0' cellpadding='3'>");
    for (int y = 0; y < shape.height; ++y) {
        t += QStringLiteral("<tr>");
        for (int x = 0; x < shape.width; ++x)
            t += QStringLiteral("<td align='right'>%1</td>")
                     .arg(num.fixed(double((*in.x)(y * shape.width + x, c)), 1));
        t += QStringLiteral("</tr>");
    }
    t += QStringLiteral("</table>");
    return t;
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

std::vector<StepStage> stepStages(const core::ModelSpec &spec)
{
    const int layers = int(spec.layers.size());
    if (spec.isDenseOnly())
        return stepStages(layers);
    std::vector<StepStage> stages;
    stages.push_back({StepStageKind::Input, 0});
    for (int l = 0; l < layers; ++l) {
        const core::LayerSpec &layer = spec.layers[std::size_t(l)];
        stages.push_back({StepStageKind::Linear, l, layer.kind});
        if (layer.hasParameters() || layer.activation != core::Activation::Linear)
            stages.push_back({StepStageKind::Activation, l, layer.kind});
    }
    stages.push_back({StepStageKind::Loss, layers - 1, spec.layers.back().kind});
    stages.push_back({StepStageKind::OutputDelta, layers - 1, spec.layers.back().kind});
    for (int l = layers - 1; l >= 0; --l) {
        if (spec.layers[std::size_t(l)].hasParameters())
            stages.push_back({StepStageKind::Gradients, l, spec.layers[std::size_t(l)].kind});
        if (l > 0)
            stages.push_back(
                {StepStageKind::BackDelta, l - 1, spec.layers[std::size_t(l - 1)].kind});
    }
    stages.push_back({StepStageKind::Update, 0});
    return stages;
}

std::ptrdiff_t selectedWeightIndex(const core::Network &net, int layer, int neuron, int input)
{
    const auto &spec = net.spec();
    if (layer < 0 || layer >= int(net.layerCount()))
        return -1;
    const std::size_t l = std::size_t(layer);
    const auto W = net.weights(l);
    if (W.size() == 0)
        return -1;
    const core::Shape out = spec.outputShape(l);
    const int row = out.image ? neuron % out.channels : neuron;
    if (row < 0 || row >= W.rows() || input < 0 || input >= W.cols())
        return -1;
    return std::ptrdiff_t(net.weightOffset(l)) + std::ptrdiff_t(input) * W.rows() + row;
}

QString unitLabel(const core::ModelSpec &spec, int layer, int unit)
{
    const core::Shape shape = spec.outputShape(std::size_t(layer));
    if (!shape.image)
        return QString::number(unit + 1);
    const Pixel p = pixelOf(shape, unit);
    return QStringLiteral("%1,%2,c%3").arg(p.y).arg(p.x).arg(p.c);
}

QString stageTitle(const StepStage &s)
{
    const bool spatial = s.layerKind != core::LayerKind::Dense;
    if (spatial && (s.kind == StepStageKind::Linear || s.kind == StepStageKind::Gradients)) {
        const int l = s.layer + 1;
        switch (s.layerKind) {
        case core::LayerKind::Conv2D:
        case core::LayerKind::DepthwiseConv2D:
            return s.kind == StepStageKind::Linear
                       ? QCoreApplication::translate("tinyml::ui::StepperPanel",
                                                     "Forward, layer %1: convolution z = K ∗ a + b")
                             .arg(l)
                       : QCoreApplication::translate(
                             "tinyml::ui::StepperPanel",
                             "Backward, layer %1: kernel gradient, a sum over positions")
                             .arg(l);
        case core::LayerKind::MaxPooling2D:
            return QCoreApplication::translate("tinyml::ui::StepperPanel",
                                               "Forward, layer %1: max pooling")
                .arg(l);
        case core::LayerKind::AveragePooling2D:
            return QCoreApplication::translate("tinyml::ui::StepperPanel",
                                               "Forward, layer %1: average pooling")
                .arg(l);
        case core::LayerKind::Flatten:
            return QCoreApplication::translate("tinyml::ui::StepperPanel",
                                               "Forward, layer %1: flatten")
                .arg(l);
        case core::LayerKind::Dropout:
            return QCoreApplication::translate("tinyml::ui::StepperPanel",
                                               "Forward, layer %1: dropout")
                .arg(l);
        case core::LayerKind::Dense:
            break;
        }
    }
    if (spatial && s.kind == StepStageKind::BackDelta)
        return QCoreApplication::translate("tinyml::ui::StepperPanel",
                                           "Backward: error δ of layer %1, from the layer above")
            .arg(s.layer + 1);
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
        return in.net->spec().inputTensorShape().image ? imageInputFormula(in, num)
                                                       : inputFormula(in, num);
    case StepStageKind::Linear:
        switch (in.net->spec().layers[std::size_t(s.layer)].kind) {
        case core::LayerKind::Dense:
            return linearFormula(s, in, num);
        case core::LayerKind::Conv2D:
        case core::LayerKind::DepthwiseConv2D:
            return convLinearFormula(s, in, num);
        case core::LayerKind::MaxPooling2D:
        case core::LayerKind::AveragePooling2D:
            return poolLinearFormula(s, in, num);
        case core::LayerKind::Flatten:
        case core::LayerKind::Dropout:
            return reshapeFormula(s, in, num);
        }
        return {};
    case StepStageKind::Activation:
        return activationStageFormula(s, in, num);
    case StepStageKind::Loss:
        return lossFormula(in, num);
    case StepStageKind::OutputDelta:
        return outputDeltaFormula(in, num);
    case StepStageKind::Gradients:
        if (in.net->spec().layers[std::size_t(s.layer)].kind == core::LayerKind::Dense)
            return gradientFormula(s, in, num);
        return convGradientFormula(s, in, num);
    case StepStageKind::BackDelta:
        switch (in.net->spec().layers[std::size_t(s.layer) + 1].kind) {
        case core::LayerKind::Dense:
            return backDeltaFormula(s, in, num);
        case core::LayerKind::Flatten:
        case core::LayerKind::Dropout:
            return passBackDeltaFormula(s, in, num);
        default:
            return windowBackDeltaFormula(s, in, num);
        }
    case StepStageKind::Update:
        return updateFormula(in, Numbers(in.locale, 6)); // six decimals in both modes
    }
    return {};
}

} // namespace tinyml::ui
