// SPDX-License-Identifier: GPL-3.0-or-later
// The stepper's formulas filled in with the real numbers, checked against numbers worked out
// by hand, in two locales.
#include "core/nn/optimizer.h"
#include "ui/stepper/formulas.h"
#include "ui/stepper/stepperpresets.h"

#include <QRegularExpression>
#include <QTest>

#include <cmath>
#include <memory>

using namespace tinyml;
using namespace tinyml::ui;
using Kind = StepStageKind;

namespace {

/// A network, its batch and one traced step: what the stepper panel holds.
struct Step
{
    std::unique_ptr<core::Network> net;
    std::unique_ptr<core::Optimizer> optimizer;
    core::Matrix x, targets;
    std::vector<std::uint8_t> labels;
    core::StepTrace trace;

    void run(bool apply)
    {
        core::Targets t;
        if (targets.size())
            t.dense = &targets;
        else
            t.labels = labels;
        const core::Network before = *net;
        trace = core::traceStep(*net, *optimizer, x, t, apply);
        if (apply)
            *net = before; // the formulas take the weights before the step
    }
    FormulaInput input(const QLocale &locale, int layer, int neuron, int inputIndex = 0) const
    {
        FormulaInput in;
        in.net = net.get();
        in.trace = &trace;
        in.x = &x;
        in.targets = &targets;
        in.labels = labels;
        in.layer = layer;
        in.neuron = neuron;
        in.input = inputIndex;
        in.locale = locale;
        return in;
    }
};

Step fromExample(StepperExample e, core::OptimizerSpec optimizer)
{
    Step s;
    e.spec.optimizer = optimizer;
    s.net = std::make_unique<core::Network>(e.spec);
    std::copy(e.parameters.begin(), e.parameters.end(), s.net->parameters().begin());
    s.optimizer = std::make_unique<core::Optimizer>(optimizer, s.net->parameters().size());
    s.x = e.x;
    s.targets = e.targets;
    s.labels = e.labels;
    return s;
}

/// A single dense layer inputs → outputs with the given weights (row-major) and biases.
Step singleLayer(int inputs,
                 const std::vector<float> &w,
                 const std::vector<float> &b,
                 core::Activation f,
                 core::LossKind loss)
{
    core::ModelSpec spec;
    spec.inputSize = inputs;
    spec.layers = {{int(b.size()), f}};
    spec.loss = loss;
    spec.optimizer = core::OptimizerSpec::defaultsFor(core::OptimizerKind::Sgd);
    Step s;
    s.net = std::make_unique<core::Network>(spec);
    for (std::size_t j = 0; j < b.size(); ++j) {
        s.net->bias(0)(Eigen::Index(j)) = b[j];
        for (int i = 0; i < inputs; ++i)
            s.net->weights(0)(Eigen::Index(j), i) = w[j * std::size_t(inputs) + std::size_t(i)];
    }
    s.optimizer = std::make_unique<core::Optimizer>(spec.optimizer, s.net->parameters().size());
    return s;
}

/// The numbers set in bold, read back in the locale.
std::vector<double> boldNumbers(const QString &html, const QLocale &locale)
{
    std::vector<double> values;
    static const QRegularExpression bold(QStringLiteral("<b>([^<]*)</b>"));
    for (auto it = bold.globalMatch(html); it.hasNext();) {
        bool ok = false;
        const double v = locale.toDouble(it.next().captured(1), &ok);
        if (ok)
            values.push_back(v);
    }
    return values;
}

double sigmoid(double z)
{
    return 1.0 / (1.0 + std::exp(-z));
}

} // namespace

class TestFormulas : public QObject
{
    Q_OBJECT

private slots:
    void stagesOfAStep_data()
    {
        QTest::addColumn<int>("layers");
        QTest::newRow("one layer") << 1;
        QTest::newRow("two layers") << 2;
        QTest::newRow("three layers") << 3;
    }
    void stagesOfAStep()
    {
        QFETCH(int, layers);
        const std::vector<StepStage> stages = stepStages(layers);
        // Input; z and a per layer; loss and output δ; gradients per layer and δ of each lower
        // layer; the update.
        QCOMPARE(int(stages.size()), 1 + 2 * layers + 2 + layers + (layers - 1) + 1);
        QVERIFY(stages.front().kind == Kind::Input);
        for (int l = 0; l < layers; ++l) {
            QVERIFY(stages[std::size_t(1 + 2 * l)].kind == Kind::Linear);
            QCOMPARE(stages[std::size_t(1 + 2 * l)].layer, l);
            QVERIFY(stages[std::size_t(2 + 2 * l)].kind == Kind::Activation);
            QCOMPARE(stages[std::size_t(2 + 2 * l)].layer, l);
        }
        std::size_t i = std::size_t(1 + 2 * layers);
        QVERIFY(stages[i].kind == Kind::Loss);
        QVERIFY(stages[i + 1].kind == Kind::OutputDelta);
        QCOMPARE(stages[i + 1].layer, layers - 1);
        i += 2;
        for (int l = layers - 1; l >= 0; --l) {
            QVERIFY(stages[i].kind == Kind::Gradients);
            QCOMPARE(stages[i++].layer, l);
            if (l > 0) {
                QVERIFY(stages[i].kind == Kind::BackDelta);
                QCOMPARE(stages[i++].layer, l - 1);
            }
        }
        QVERIFY(stages.back().kind == Kind::Update);
        QCOMPARE(i + 1, stages.size());
        for (const StepStage &s : stages)
            QVERIFY(!stageTitle(s).isEmpty());
    }

    void weightedSumWithTheRealNumbers_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("terms");
        QTest::addColumn<QString>("result");
        // Neuron h2 of the worked example: 0.25·0.05 + 0.30·0.10 + 0.35 = 0.3925.
        QTest::newRow("English") << "en_US"
                                 << "0.250000 · 0.050000 + 0.300000 · 0.100000 + 0.350000"
                                 << "<b>0.392500</b>";
        QTest::newRow("German") << "de_DE"
                                << "0,250000 · 0,050000 + 0,300000 · 0,100000 + 0,350000"
                                << "<b>0,392500</b>";
    }
    void weightedSumWithTheRealNumbers()
    {
        QFETCH(QString, locale);
        QFETCH(QString, terms);
        QFETCH(QString, result);
        Step s = fromExample(workedExample(),
                             core::OptimizerSpec::defaultsFor(core::OptimizerKind::Sgd));
        s.run(false);
        const QString f = stageFormula({Kind::Linear, 0}, s.input(QLocale(locale), 0, 1));
        QVERIFY2(f.contains(terms), qPrintable(f));
        QVERIFY2(f.contains(result), qPrintable(f));
        QVERIFY(f.contains(QStringLiteral("z<sub>2</sub><sup>(1)</sup>")));
        const QString input = stageFormula({Kind::Input, 0}, s.input(QLocale(locale), 0, 1));
        QVERIFY2(input.contains(QLocale(locale).decimalPoint() == QStringLiteral(",")
                                    ? QStringLiteral("(0,050000, 0,100000)")
                                    : QStringLiteral("(0.050000, 0.100000)")),
                 qPrintable(input));
    }

    void largeLayersAreSummedBySign()
    {
        // 10 inputs of 1: five weights 0.5 and five −0.25, bias 0.125.
        std::vector<float> w;
        for (int i = 0; i < 10; ++i)
            w.push_back(i % 2 == 0 ? 0.5f : -0.25f);
        Step s = singleLayer(10, w, {0.125f}, core::Activation::Linear,
                             core::LossKind::MeanSquaredError);
        s.x = core::Matrix::Ones(10, 1);
        s.targets = core::Matrix::Zero(1, 1);
        s.run(false);
        FormulaInput in = s.input(QLocale(QStringLiteral("en_US")), 0, 0);
        in.tiny = false;
        in.digits = 4;
        const QString f = stageFormula({Kind::Linear, 0}, in);
        QVERIFY2(f.contains(QStringLiteral("over 10 inputs: 2.5000 (positive terms) − 1.2500 "
                                           "(negative terms) + 0.1250 (bias)")),
                 qPrintable(f));
        QVERIFY(f.contains(QStringLiteral("<b>1.3750</b>")));
        QVERIFY(stageFormula({Kind::Input, 0}, in).contains(QStringLiteral("the 10 pixels")));
    }

    void softmaxListsEveryOutput_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QStringList>("zs");
        QTest::newRow("English") << "en_US"
                                 << QStringList{"0.750000", "-1.250000", "2.500000", "0.000000"};
        QTest::newRow("German") << "de_DE"
                                << QStringList{"0,750000", "-1,250000", "2,500000", "0,000000"};
    }
    void softmaxListsEveryOutput()
    {
        QFETCH(QString, locale);
        QFETCH(QStringList, zs);
        // Zero weights: z is the bias, exactly.
        const std::vector<float> b{0.75f, -1.25f, 2.5f, 0.0f};
        Step s = singleLayer(3, std::vector<float>(12, 0.0f), b, core::Activation::Softmax,
                             core::LossKind::SparseCategoricalCrossentropy);
        s.x = core::Matrix::Ones(3, 1);
        s.labels = {2};
        s.run(false);
        const QLocale loc(locale);
        const QString f = stageFormula({Kind::Activation, 0}, s.input(loc, 0, 1));
        for (const QString &z : zs)
            QVERIFY2(f.contains(z), qPrintable(z + QStringLiteral(" in ") + f));
        QVERIFY(f.contains(QStringLiteral("softmax over the 4 outputs")));
        QVERIFY2(f.contains(QStringLiteral("(%1 − %2)").arg(zs[1], zs[2])), qPrintable(f));
        double sum = 0;
        for (float z : b)
            sum += std::exp(double(z) - 2.5);
        const double a = std::exp(-1.25 - 2.5) / sum;
        const auto bold = boldNumbers(f, loc);
        QCOMPARE(bold.size(), std::size_t(1));
        QVERIFY2(std::abs(bold[0] - a) < 2e-6, qPrintable(f));
        QVERIFY(f.contains(loc.toString(sum, 'f', 6)));
    }

    void crossEntropyOverTheBatch()
    {
        const std::vector<float> b{0.75f, -1.25f, 2.5f, 0.0f};
        Step s = singleLayer(3, std::vector<float>(12, 0.0f), b, core::Activation::Softmax,
                             core::LossKind::SparseCategoricalCrossentropy);
        s.x = core::Matrix::Ones(3, 2);
        s.labels = {2, 0};
        s.run(false);
        double sum = 0;
        for (float z : b)
            sum += std::exp(double(z));
        const double p2 = std::exp(2.5) / sum, p0 = std::exp(0.75) / sum;
        const QLocale en(QStringLiteral("en_US"));
        const QString f = stageFormula({Kind::Loss, 0}, s.input(en, 0, 0));
        QVERIFY2(f.contains(QStringLiteral("(1/2)(−ln %1 −ln %2)")
                                .arg(QString::number(p2, 'f', 6), QString::number(p0, 'f', 6))),
                 qPrintable(f));
        const auto bold = boldNumbers(f, en);
        QCOMPARE(bold.size(), std::size_t(1));
        QVERIFY(std::abs(bold[0] - -(std::log(p2) + std::log(p0)) / 2.0) < 2e-6);
        // δ of output 1 (label 2 is the right class of sample 1): (p − 0) / 2.
        const QString d = stageFormula({Kind::OutputDelta, 0}, s.input(en, 0, 0));
        QVERIFY(d.contains(QStringLiteral("Softmax with cross-entropy")));
        QVERIFY(std::abs(boldNumbers(d, en).at(0) - p0 / 2.0) < 2e-6);
    }

    void squaredErrorSaysWhichIsTheSampleAndWhichTheMean()
    {
        // One sigmoid output, all weights 0 and bias 0: every output is 0.5. Targets 1, 0, 1, 1
        // (as XOR's four samples): each sample's term is 0.25, L their mean 0.25 — the same
        // number, so the text must say which is which.
        Step s = singleLayer(2, {0.0f, 0.0f}, {0.0f}, core::Activation::Sigmoid,
                             core::LossKind::MeanSquaredError);
        s.x = core::Matrix::Zero(2, 4);
        s.targets = core::Matrix(1, 4);
        s.targets << 1.0f, 0.0f, 1.0f, 1.0f;
        s.run(false);
        const QLocale en(QStringLiteral("en_US"));
        FormulaInput in = s.input(en, 0, 0);
        in.sample = 1;
        const QString f = stageFormula({Kind::Loss, 0}, in);
        QVERIFY2(f.contains(QStringLiteral("sample 2: (0.500000 − 0.000000)²")), qPrintable(f));
        QVERIFY2(f.contains(QStringLiteral("Sample 2 alone adds up to 0.250000; L is the mean over all 4 samples")),
                 qPrintable(f));
        QCOMPARE(boldNumbers(f, en).at(0), 0.25);
    }

    void sgdUpdateOfW5()
    {
        // The worked example's w5 (W(0,0) of layer 2): ∂E/∂w5 = (o1 − t1)·o1(1 − o1)·h1.
        const double h1 = sigmoid(0.15 * 0.05 + 0.20 * 0.10 + 0.35);
        const double h2 = sigmoid(0.25 * 0.05 + 0.30 * 0.10 + 0.35);
        const double o1 = sigmoid(0.40 * h1 + 0.45 * h2 + 0.60);
        const double g = (o1 - 0.01) * o1 * (1 - o1) * h1;
        const QLocale en(QStringLiteral("en_US"));
        Step s = fromExample(workedExample(), workedExample().spec.optimizer); // SGD, η = 0.5
        s.run(false);
        const QString before = stageFormula({Kind::Update, 0}, s.input(en, 1, 0, 0));
        QVERIFY2(before.contains(QStringLiteral("(press Apply update)")), qPrintable(before));
        const QString grad = stageFormula({Kind::Gradients, 1}, s.input(en, 1, 0, 0));
        QVERIFY2(std::abs(boldNumbers(grad, en).at(0) - g) < 2e-6, qPrintable(grad));
        s.run(true);
        const QString after = stageFormula({Kind::Update, 0}, s.input(en, 1, 0, 0));
        QVERIFY2(after.startsWith(QStringLiteral("SGD")), qPrintable(after));
        QVERIFY2(after.contains(QStringLiteral("0.400000 − 0.5 · ")), qPrintable(after));
        QVERIFY(std::abs(boldNumbers(after, en).at(0) - (0.40 - 0.5 * g)) < 2e-6);
        QVERIFY(after.contains(QStringLiteral("<b>0.358916</b>"))); // the classic walk-through
    }

    void adamStepSizeAtTheFirstStep()
    {
        core::OptimizerSpec adam = core::OptimizerSpec::defaultsFor(core::OptimizerKind::Adam);
        adam.learningRate = 0.1f;
        Step s = fromExample(workedExample(), adam);
        s.run(false);
        const QString f
            = stageFormula({Kind::Update, 0}, s.input(QLocale(QStringLiteral("en_US")), 1, 0));
        QVERIFY2(f.contains(QStringLiteral("step t = 1:")), qPrintable(f));
        // η₁ = η · √(1 − β₂) / (1 − β₁) with Keras's β₁ = 0.9, β₂ = 0.999, all held as float:
        // 0.0316226 (0.0316228 with exact decimals).
        const double lr = double(0.1f), b1 = double(0.9f), b2 = double(0.999f);
        const double step = lr * std::sqrt(1.0 - b2) / (1.0 - b1);
        QVERIFY2(f.contains(QString::number(step, 'g', 6)), qPrintable(f));
        QVERIFY(f.contains(QStringLiteral("0.0316226")));
        // m = (1 − β₁)·g, v = (1 − β₂)·g² after the first gradient g of w5.
        const double g = double(s.trace.gradients[s.net->weightOffset(1)]);
        QVERIFY(
            f.contains(QStringLiteral("m ← β₁m + (1 − β₁)g = %1").arg((1.0 - b1) * g, 0, 'f', 6)));
    }
};

QTEST_GUILESS_MAIN(TestFormulas)
#include "tst_formulas.moc"
