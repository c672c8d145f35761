// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/stepper/stepperpanel.h"

#include "ui/shared/imageviews.h"
#include "ui/inspect/inspectorpanel.h"
#include "ui/shared/networkdiagram.h"
#include "ui/shared/networkeditor.h"
#include "ui/shared/studiomodel.h"

#include "core/nn/activation.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>
#include <numeric>

namespace tinyml::ui {

using core::Activation;

namespace {

QString sub(const QString &s) { return QStringLiteral("<sub>%1</sub>").arg(s); }
QString sup(const QString &s) { return QStringLiteral("<sup>%1</sup>").arg(s); }

/// f′ written out for the formula, and its value.
QString derivativeText(Activation f)
{
    switch (f) {
    case Activation::Sigmoid:
        return QStringLiteral("σ′(z) = a(1 − a)");
    case Activation::Tanh:
        return QStringLiteral("tanh′(z) = 1 − a²");
    case Activation::Relu:
        return QStringLiteral("ReLU′(z) = (z &gt; 0 ? 1 : 0)");
    case Activation::LeakyRelu:
        return QStringLiteral("LeakyReLU′(z) = (z &gt; 0 ? 1 : %1)").arg(double(core::kLeakyReluSlope));
    case Activation::Linear:
        return QStringLiteral("f′(z) = 1");
    case Activation::Softmax:
        return QString::fromUtf8("softmax′: ∂a") + sub(QStringLiteral("k")) + QString::fromUtf8("/∂z") + sub(QStringLiteral("j"))
               + QStringLiteral(" = a") + sub(QStringLiteral("k")) + QStringLiteral("(1") + sub(QStringLiteral("k=j"))
               + QString::fromUtf8(" − a") + sub(QStringLiteral("j")) + QStringLiteral(")");
    }
    return {};
}

} // namespace

StepperPanel::StepperPanel(StudioModel *studio, QWidget *parent)
    : QWidget(parent)
    , m_studio(studio)
{
    auto *layout = new QVBoxLayout(this);

    // Presets and the tiny network's settings.
    auto *top = new QHBoxLayout;
    m_presetBox = new QComboBox;
    m_presetBox->setObjectName(QStringLiteral("preset"));
    m_presetBox->addItem(tr("Worked example: 2-2-2, sigmoid, squared error"));
    m_presetBox->addItem(tr("XOR: 2-2-1, four samples"));
    m_presetBox->addItem(tr("The MNIST network on the current input"));
    top->addWidget(m_presetBox);
    m_tinyControls = new QWidget;
    auto *tiny = new QHBoxLayout(m_tinyControls);
    tiny->setContentsMargins(0, 0, 0, 0);
    m_hiddenAct = new QComboBox;
    m_outputAct = new QComboBox;
    for (Activation a : {Activation::Sigmoid, Activation::Tanh, Activation::Relu, Activation::LeakyRelu, Activation::Linear}) {
        m_hiddenAct->addItem(activationName(a), int(a));
        m_outputAct->addItem(activationName(a), int(a));
    }
    m_outputAct->addItem(activationName(Activation::Softmax), int(Activation::Softmax));
    m_loss = new QComboBox;
    m_loss->addItem(tr("squared error"), int(core::LossKind::MeanSquaredError));
    m_loss->addItem(tr("cross-entropy"), int(core::LossKind::SparseCategoricalCrossentropy));
    m_optimizerBox = new QComboBox;
    for (auto o : {core::OptimizerKind::Sgd, core::OptimizerKind::Momentum, core::OptimizerKind::RmsProp, core::OptimizerKind::Adam})
        m_optimizerBox->addItem(optimizerName(o), int(o));
    m_lr = new QDoubleSpinBox;
    m_lr->setDecimals(4);
    m_lr->setRange(0.0001, 10.0);
    m_lr->setValue(0.5);
    m_sampleBox = new QSpinBox;
    m_sampleBox->setPrefix(tr("sample "));
    tiny->addWidget(new QLabel(tr("hidden")));
    tiny->addWidget(m_hiddenAct);
    tiny->addWidget(new QLabel(tr("output")));
    tiny->addWidget(m_outputAct);
    tiny->addWidget(new QLabel(tr("loss")));
    tiny->addWidget(m_loss);
    tiny->addWidget(m_optimizerBox);
    tiny->addWidget(new QLabel(tr("η")));
    tiny->addWidget(m_lr);
    top->addWidget(m_tinyControls);
    top->addWidget(m_sampleBox);
    m_targetClass = new QSpinBox;
    m_targetClass->setRange(0, 9);
    m_targetClass->setPrefix(tr("true class "));
    m_targetClass->setToolTip(tr("The label the network should learn for this input."));
    top->addWidget(m_targetClass);
    top->addStretch();
    layout->addLayout(top);

    auto *split = new QSplitter(Qt::Horizontal);
    // Left: the diagram and the numbers.
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_diagram = new NetworkDiagram;
    leftLayout->addWidget(m_diagram, 3);
    m_params = new QTableWidget(0, 4);
    m_params->setObjectName(QStringLiteral("parameters"));
    m_params->setHorizontalHeaderLabels({tr("Parameter"), tr("Value (editable)"), tr("Gradient ∂L/∂w"), tr("After the update")});
    m_params->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_params->verticalHeader()->setVisible(false);
    m_params->setToolTip(tr("Every weight and bias. Edit a value to see how the whole step changes; "
                            "click a row to follow that weight."));
    leftLayout->addWidget(m_params, 2);
    m_mnistMaps = new QWidget;
    auto *maps = new QHBoxLayout(m_mnistMaps);
    m_deltaMap = new PixelView(tr("δ of the layer (blue negative, red positive)"));
    m_gradMap = new PixelView(tr("∂L/∂W of the selected neuron's incoming weights"));
    maps->addWidget(m_deltaMap);
    maps->addWidget(m_gradMap);
    leftLayout->addWidget(m_mnistMaps, 2);
    split->addWidget(left);

    // Right: the stages and the formula.
    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    m_stageList = new QListWidget;
    m_stageList->setObjectName(QStringLiteral("stages"));
    rightLayout->addWidget(m_stageList, 2);
    m_title = new QLabel;
    QFont tf = m_title->font();
    tf.setBold(true);
    tf.setPointSizeF(tf.pointSizeF() * 1.2);
    m_title->setFont(tf);
    rightLayout->addWidget(m_title);
    m_formula = new QLabel;
    m_formula->setObjectName(QStringLiteral("stepFormula"));
    m_formula->setTextFormat(Qt::RichText);
    m_formula->setWordWrap(true);
    m_formula->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_formula->setMinimumHeight(160);
    m_formula->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    QFont ff = m_formula->font();
    ff.setPointSizeF(ff.pointSizeF() * 1.25);
    m_formula->setFont(ff);
    m_formula->setStyleSheet(QStringLiteral("QLabel { background: palette(base); padding: 8px; }"));
    rightLayout->addWidget(m_formula, 3);
    auto *nav = new QHBoxLayout;
    m_prev = new QPushButton(tr("◀ Previous"));
    m_prev->setObjectName(QStringLiteral("previousStage"));
    m_next = new QPushButton(tr("Next ▶"));
    m_next->setObjectName(QStringLiteral("nextStage"));
    m_next->setShortcut(QKeySequence(Qt::Key_Right));
    m_prev->setShortcut(QKeySequence(Qt::Key_Left));
    auto *fwd = new QPushButton(tr("Run forward"));
    fwd->setObjectName(QStringLiteral("runForward"));
    auto *bwd = new QPushButton(tr("Run backward"));
    bwd->setObjectName(QStringLiteral("runBackward"));
    auto *apply = new QPushButton(tr("Apply update"));
    apply->setObjectName(QStringLiteral("applyUpdate"));
    apply->setToolTip(tr("Let the optimizer change the weights, then start the next step."));
    for (auto *b : {m_prev, m_next, fwd, bwd, apply})
        nav->addWidget(b);
    rightLayout->addLayout(nav);
    auto *checkRow = new QHBoxLayout;
    auto *check = new QPushButton(tr("Check this gradient"));
    check->setObjectName(QStringLiteral("checkGradient"));
    check->setToolTip(tr("Nudge the selected weight by ±h and measure how the loss changes: the "
                         "slope should equal backpropagation's gradient."));
    m_check = new QLabel;
    m_check->setObjectName(QStringLiteral("checkResult"));
    m_check->setTextFormat(Qt::RichText);
    m_check->setWordWrap(true);
    checkRow->addWidget(check);
    checkRow->addWidget(m_check, 1);
    rightLayout->addLayout(checkRow);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(m_presetBox, &QComboBox::currentIndexChanged, this, [this](int i) { loadPreset(Preset(i)); });
    auto reconfigure = [this] {
        if (m_preset != Preset::Mnist && !m_filling)
            configureTiny(Activation(m_hiddenAct->currentData().toInt()), Activation(m_outputAct->currentData().toInt()),
                          core::LossKind(m_loss->currentData().toInt()), core::OptimizerKind(m_optimizerBox->currentData().toInt()),
                          float(m_lr->value()));
    };
    for (QComboBox *c : {m_hiddenAct, m_outputAct, m_loss, m_optimizerBox})
        connect(c, &QComboBox::currentIndexChanged, this, reconfigure);
    connect(m_lr, &QDoubleSpinBox::valueChanged, this, reconfigure);
    connect(m_sampleBox, &QSpinBox::valueChanged, this, [this](int s) {
        m_sample = s - 1;
        showStage();
    });
    connect(m_targetClass, &QSpinBox::valueChanged, this, [this](int c) {
        if (m_preset == Preset::Mnist && !m_filling && !m_labels.empty()) {
            m_labels[0] = std::uint8_t(c);
            recompute();
        }
    });
    connect(m_prev, &QPushButton::clicked, this, &StepperPanel::previous);
    connect(m_next, &QPushButton::clicked, this, &StepperPanel::next);
    connect(fwd, &QPushButton::clicked, this, &StepperPanel::runForward);
    connect(bwd, &QPushButton::clicked, this, &StepperPanel::runBackward);
    connect(apply, &QPushButton::clicked, this, &StepperPanel::applyUpdate);
    connect(check, &QPushButton::clicked, this, [this] {
        const auto [numeric, backprop] = checkGradient();
        const double rel = std::abs(numeric - backprop) / std::max(1e-8, std::abs(numeric) + std::abs(backprop));
        m_check->setText(tr("finite differences %1, backpropagation %2: %3")
                             .arg(numeric, 0, 'g', 6)
                             .arg(backprop, 0, 'g', 6)
                             .arg(rel < 1e-2 ? tr("<b style='color:#070'>agree</b> (relative difference %1)").arg(rel, 0, 'g', 2)
                                             : tr("<b style='color:#b00'>differ</b> (relative difference %1)").arg(rel, 0, 'g', 2)));
    });
    connect(m_stageList, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row != m_current && row < stageCount()) {
            m_current = row;
            showStage();
        }
    });
    connect(m_diagram, &NetworkDiagram::neuronClicked, this, [this](int column, int neuron) { select(column - 1, neuron, m_input); });
    connect(m_params, &QTableWidget::cellChanged, this, [this](int row, int column) {
        if (m_filling || column != 1)
            return;
        bool ok = false;
        const double v = m_params->item(row, column)->text().toDouble(&ok);
        if (ok && std::isfinite(v))
            setParameter(std::size_t(m_params->item(row, 0)->data(Qt::UserRole).toULongLong()), float(v));
        else
            fillParameterTable();
    });
    connect(m_params, &QTableWidget::cellClicked, this, [this](int row, int) {
        const QVariant where = m_params->item(row, 0)->data(Qt::UserRole + 1);
        if (where.isValid()) {
            const QList<QVariant> w = where.toList();
            select(w[0].toInt(), w[1].toInt(), w[2].toInt());
        }
    });
    connect(m_gradMap, &PixelView::pixelClicked, this, [this](int x, int y) {
        const int cols = imageShape(m_net->spec().layerInputSize(std::size_t(m_layer))).first;
        select(m_layer, m_neuron, y * cols + x);
    });
    connect(m_studio, &StudioModel::inputChanged, this, [this] { m_mnistStale = true; });
    connect(m_studio, &StudioModel::modelChanged, this, [this] { m_mnistStale = true; });
    loadPreset(Preset::WorkedExample);
}

void StepperPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_preset == Preset::Mnist && m_mnistStale)
        setupMnist();
}

void StepperPanel::loadPreset(Preset preset)
{
    m_preset = preset;
    if (m_presetBox->currentIndex() != int(preset)) {
        const QSignalBlocker block(m_presetBox);
        m_presetBox->setCurrentIndex(int(preset));
    }
    m_filling = true;
    if (preset == Preset::WorkedExample) {
        core::ModelSpec spec;
        spec.inputSize = 2;
        spec.layers = {{2, Activation::Sigmoid}, {2, Activation::Sigmoid}};
        spec.loss = core::LossKind::MeanSquaredError;
        spec.optimizer = core::OptimizerSpec::defaultsFor(core::OptimizerKind::Sgd);
        spec.optimizer.learningRate = 0.5f;
        m_net = std::make_unique<core::Network>(spec);
        m_net->weights(0) << 0.15f, 0.20f, 0.25f, 0.30f;
        m_net->bias(0).setConstant(0.35f);
        m_net->weights(1) << 0.40f, 0.45f, 0.50f, 0.55f;
        m_net->bias(1).setConstant(0.60f);
        m_x.resize(2, 1);
        m_x << 0.05f, 0.10f;
        m_targets.resize(2, 1);
        m_targets << 0.01f, 0.99f;
        m_labels = {1};
    } else if (preset == Preset::Xor) {
        core::ModelSpec spec;
        spec.inputSize = 2;
        spec.layers = {{2, Activation::Sigmoid}, {1, Activation::Sigmoid}};
        spec.loss = core::LossKind::MeanSquaredError;
        spec.optimizer = core::OptimizerSpec::defaultsFor(core::OptimizerKind::Sgd);
        spec.optimizer.learningRate = 0.5f;
        m_net = std::make_unique<core::Network>(spec);
        m_net->initialize(3);
        m_x.resize(2, 4);
        m_x << 0, 0, 1, 1, 0, 1, 0, 1;
        m_targets.resize(1, 4);
        m_targets << 0, 1, 1, 0;
        m_labels = {0, 1, 1, 0};
    }
    if (preset != Preset::Mnist) {
        const auto &spec = m_net->spec();
        m_optimizer = std::make_unique<core::Optimizer>(spec.optimizer, m_net->parameters().size());
        m_hiddenAct->setCurrentIndex(m_hiddenAct->findData(int(spec.layers[0].activation)));
        m_outputAct->setCurrentIndex(m_outputAct->findData(int(spec.layers.back().activation)));
        m_loss->setCurrentIndex(m_loss->findData(int(spec.loss)));
        m_optimizerBox->setCurrentIndex(m_optimizerBox->findData(int(spec.optimizer.kind)));
        m_lr->setValue(double(spec.optimizer.learningRate));
        m_layer = 0;
        m_neuron = 0;
        m_input = 0;
        m_sample = 0;
        m_filling = false;
        rebuild();
    } else {
        m_filling = false;
        setupMnist();
    }
}

void StepperPanel::setupMnist()
{
    m_mnistStale = false;
    const auto model = m_studio->model();
    if (!model || model->network.spec().inputSize != 784) {
        m_formula->setText(tr("Load or train a model with 784 inputs first."));
        return;
    }
    m_filling = true;
    m_net = std::make_unique<core::Network>(model->network);
    m_optimizer = model->optimizer ? std::make_unique<core::Optimizer>(*model->optimizer)
                                   : std::make_unique<core::Optimizer>(m_net->spec().optimizer, m_net->parameters().size());
    const auto &in = m_studio->input();
    m_x.resize(784, 1);
    for (int p = 0; p < 784; ++p)
        m_x(p, 0) = in.valid ? in.pixels[std::size_t(p)] : 0.0f;
    int label = in.label;
    if (label < 0 || label >= m_net->spec().outputSize()) {
        const auto probs = m_net->predict({m_x.data(), 784});
        label = int(std::max_element(probs.begin(), probs.end()) - probs.begin());
    }
    m_labels = {std::uint8_t(label)};
    m_targetClass->setValue(label);
    m_targets.resize(0, 0);
    if (m_net->spec().loss == core::LossKind::MeanSquaredError) {
        m_targets = core::Matrix::Zero(m_net->spec().outputSize(), 1);
        m_targets(label, 0) = 1.0f;
    }
    m_layer = 0;
    m_neuron = label; // follow the true class's output neuron (and the same index on the way)
    m_input = 0;
    m_sample = 0;
    m_filling = false;
    rebuild();
}

void StepperPanel::configureTiny(Activation hidden, Activation output, core::LossKind loss, core::OptimizerKind optimizer,
                                 float learningRate)
{
    if (m_preset == Preset::Mnist)
        return;
    core::ModelSpec spec = m_net->spec();
    for (std::size_t l = 0; l + 1 < spec.layers.size(); ++l)
        spec.layers[l].activation = hidden;
    spec.layers.back().activation = output;
    // Cross-entropy needs a class per output: with a single output it is not defined here.
    spec.loss = spec.outputSize() < 2 ? core::LossKind::MeanSquaredError : loss;
    spec.optimizer = core::OptimizerSpec::defaultsFor(optimizer);
    spec.optimizer.learningRate = learningRate;
    auto net = std::make_unique<core::Network>(spec);
    std::copy(m_net->parameters().begin(), m_net->parameters().end(), net->parameters().begin());
    m_net = std::move(net);
    m_optimizer = std::make_unique<core::Optimizer>(spec.optimizer, m_net->parameters().size());
    m_filling = true;
    m_loss->setCurrentIndex(m_loss->findData(int(spec.loss)));
    m_filling = false;
    rebuild();
}

void StepperPanel::rebuild()
{
    const bool tiny = m_preset != Preset::Mnist;
    m_tinyControls->setVisible(tiny);
    m_params->setVisible(tiny);
    m_mnistMaps->setVisible(!tiny);
    m_targetClass->setVisible(!tiny);
    m_sampleBox->setVisible(m_x.cols() > 1);
    m_sampleBox->setRange(1, int(m_x.cols()));
    m_diagram->setNetwork(std::shared_ptr<const core::Network>(std::make_shared<core::Network>(*m_net)));
    buildStages();
    m_current = 0;
    recompute();
}

void StepperPanel::buildStages()
{
    m_stages.clear();
    const int layers = int(m_net->layerCount());
    m_stages.push_back({StageKind::Input, 0});
    for (int l = 0; l < layers; ++l) {
        m_stages.push_back({StageKind::Linear, l});
        m_stages.push_back({StageKind::Activation, l});
    }
    m_stages.push_back({StageKind::Loss, layers - 1});
    m_stages.push_back({StageKind::OutputDelta, layers - 1});
    for (int l = layers - 1; l >= 0; --l) {
        m_stages.push_back({StageKind::Gradients, l});
        if (l > 0)
            m_stages.push_back({StageKind::BackDelta, l - 1});
    }
    m_stages.push_back({StageKind::Update, 0});
    const QSignalBlocker block(m_stageList);
    m_stageList->clear();
    for (const Stage &s : m_stages)
        m_stageList->addItem(stageTitle(s));
}

core::Targets StepperPanel::targets() const
{
    // Cross-entropy learns class labels; squared error the dense targets (one-hot in MNIST mode).
    core::Targets t;
    if (m_net->spec().loss == core::LossKind::SparseCategoricalCrossentropy || m_targets.size() == 0)
        t.labels = m_labels;
    else
        t.dense = &m_targets;
    return t;
}

void StepperPanel::recompute()
{
    m_trace = core::traceStep(*m_net, *m_optimizer, m_x, targets(), false);
    m_firstBefore.assign(m_optimizer->firstMoment().begin(), m_optimizer->firstMoment().end());
    m_secondBefore.assign(m_optimizer->secondMoment().begin(), m_optimizer->secondMoment().end());
    std::vector<std::vector<float>> act;
    act.emplace_back(m_x.col(m_sample).data(), m_x.col(m_sample).data() + m_x.rows());
    for (const auto &a : m_trace.a)
        act.emplace_back(a.col(m_sample).data(), a.col(m_sample).data() + a.rows());
    m_diagram->setNetwork(std::make_shared<core::Network>(*m_net));
    m_diagram->setActivations(act);
    fillParameterTable();
    showStage();
}

void StepperPanel::fillParameterTable()
{
    if (m_preset == Preset::Mnist)
        return;
    m_filling = true;
    m_params->setRowCount(0);
    const bool worked = m_preset == Preset::WorkedExample;
    auto unit = [&](int column, int j) {
        if (column == 0)
            return QStringLiteral("x%1").arg(j + 1);
        if (column == int(m_net->layerCount()))
            return QStringLiteral("o%1").arg(j + 1);
        return QStringLiteral("h%1").arg(j + 1);
    };
    // One row: name, value (editable), gradient, value after the update.
    auto addRow = [&](const QString &name, std::size_t index, const QVariant &weight) {
        const int row = m_params->rowCount();
        m_params->insertRow(row);
        auto readOnly = [](const QString &text) {
            auto *item = new QTableWidgetItem(text);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            return item;
        };
        auto *n = readOnly(name);
        n->setData(Qt::UserRole, qulonglong(index));
        n->setData(Qt::UserRole + 1, weight);
        m_params->setItem(row, 0, n);
        m_params->setItem(row, 1, new QTableWidgetItem(QString::number(double(m_net->parameters()[index]), 'f', 6)));
        m_params->setItem(row, 2, readOnly(QString::number(double(m_trace.gradients[index]), 'f', 6)));
        m_params->setItem(row, 3, readOnly(m_trace.applied ? QString::number(double(m_trace.parametersAfter[index]), 'f', 6) : QString()));
    };
    int classic = 1;
    for (std::size_t l = 0; l < m_net->layerCount(); ++l) {
        const auto W = m_net->weights(l);
        for (Eigen::Index j = 0; j < W.rows(); ++j)
            for (Eigen::Index i = 0; i < W.cols(); ++i) {
                const QString link = unit(int(l), int(i)) + QStringLiteral(" → ") + unit(int(l) + 1, int(j));
                addRow(worked ? QStringLiteral("w%1 (%2)").arg(classic++).arg(link) : QStringLiteral("W%1[%2]").arg(l + 1).arg(link),
                       m_net->weightOffset(l) + std::size_t(i * W.rows() + j), QList<QVariant>{int(l), int(j), int(i)});
            }
        for (Eigen::Index j = 0; j < m_net->bias(l).size(); ++j)
            addRow(QStringLiteral("b%1[%2]").arg(l + 1).arg(unit(int(l) + 1, int(j))), m_net->biasOffset(l) + std::size_t(j), QVariant());
    }
    m_filling = false;
}

void StepperPanel::setParameter(std::size_t index, float value)
{
    if (index >= m_net->parameters().size())
        return;
    m_net->parameters()[index] = value;
    const int stage = m_current;
    recompute();
    m_current = stage;
    showStage();
}

void StepperPanel::select(int layer, int neuron, int input)
{
    if (layer < 0 || layer >= int(m_net->layerCount()) || neuron < 0 || neuron >= m_net->spec().layers[std::size_t(layer)].units)
        return;
    m_layer = layer;
    m_neuron = neuron;
    m_input = std::clamp(input, 0, m_net->spec().layerInputSize(std::size_t(layer)) - 1);
    showStage();
}

QString StepperPanel::stageTitle(const Stage &s) const
{
    const int l = s.layer + 1;
    switch (s.kind) {
    case StageKind::Input:
        return tr("Forward: the input");
    case StageKind::Linear:
        return tr("Forward, layer %1: weighted sum z = W·a + b").arg(l);
    case StageKind::Activation:
        return tr("Forward, layer %1: activation a = f(z)").arg(l);
    case StageKind::Loss:
        return tr("The loss");
    case StageKind::OutputDelta:
        return tr("Backward: error δ at the output");
    case StageKind::Gradients:
        return tr("Backward, layer %1: gradients ∂L/∂W = δ·aᵀ, ∂L/∂b = δ").arg(l);
    case StageKind::BackDelta:
        return tr("Backward: error δ of layer %1 = (Wᵀδ) ⊙ f′(z)").arg(l);
    case StageKind::Update:
        return tr("Update: the optimizer changes the weights");
    }
    return {};
}

QString StepperPanel::formulaText() const { return m_formula->text(); }

void StepperPanel::showStage()
{
    if (m_stages.empty())
        return;
    m_current = std::clamp(m_current, 0, stageCount() - 1);
    const Stage &s = m_stages[std::size_t(m_current)];
    {
        const QSignalBlocker block(m_stageList);
        m_stageList->setCurrentRow(m_current);
    }
    m_title->setText(stageTitle(s));
    // Which neuron the formula is about: the selected one when it is in this stage's layer.
    const int stageLayer = s.kind == StageKind::Input ? -1 : s.layer;
    if (stageLayer >= 0 && m_layer != stageLayer && s.kind != StageKind::Update) {
        m_layer = stageLayer;
        m_neuron = std::min(m_neuron, m_net->spec().layers[std::size_t(m_layer)].units - 1);
        m_input = std::min(m_input, m_net->spec().layerInputSize(std::size_t(m_layer)) - 1);
    }
    m_diagram->setHighlight(m_layer + 1, m_neuron);
    m_diagram->setStageText(stageTitle(s));
    m_formula->setText(formula(s));
    m_prev->setEnabled(m_current > 0);
    m_next->setEnabled(m_current + 1 < stageCount() || m_trace.applied);
    m_next->setText(m_current + 1 < stageCount() ? tr("Next ▶") : tr("Next step ▶"));
    if (m_preset == Preset::Mnist) {
        const std::size_t l = std::size_t(m_layer);
        const auto &d = m_trace.delta[l];
        const auto [cols, rows] = gridShape(int(d.rows()));
        std::vector<float> cells(std::size_t(cols * rows), 0.0f);
        float maxD = 1e-12f;
        for (Eigen::Index j = 0; j < d.rows(); ++j) {
            cells[std::size_t(j)] = d(j, 0);
            maxD = std::max(maxD, std::abs(d(j, 0)));
        }
        m_deltaMap->setImage(divergingImage(cells.data(), cols, rows, maxD));
        m_deltaMap->setMarked(m_neuron % cols, m_neuron / cols);
        const auto &g = m_trace.dW[l];
        const int fanIn = int(g.cols());
        const auto [gc, gr] = imageShape(fanIn);
        std::vector<float> gcells(std::size_t(gc * gr), 0.0f);
        float maxG = 1e-12f;
        for (int i = 0; i < fanIn; ++i) {
            gcells[std::size_t(i)] = g(m_neuron, i);
            maxG = std::max(maxG, std::abs(g(m_neuron, i)));
        }
        m_gradMap->setImage(divergingImage(gcells.data(), gc, gr, maxG));
        m_gradMap->setMarked(m_input % gc, m_input / gc);
    }
}

QString StepperPanel::formula(const Stage &s) const
{
    const bool tiny = m_preset != Preset::Mnist;
    const int digits = tiny ? 6 : 4;
    auto num = [digits](double v) { return QString::number(v, 'f', digits); };
    const int n = int(m_x.cols());
    const int c = m_sample;
    const std::size_t l = std::size_t(s.layer);
    const auto &spec = m_net->spec();
    const QString j = QString::number(m_neuron + 1);
    const QString layerSup = sup(QStringLiteral("(%1)").arg(s.layer + 1));
    const QString prevSup = sup(QStringLiteral("(%1)").arg(s.layer));
    switch (s.kind) {
    case StageKind::Input: {
        if (!tiny)
            return tr("a%1 = x: the %2 pixels of the image, each between 0 (background) and 1 (ink).")
                .arg(sup(QStringLiteral("(0)")))
                .arg(m_x.rows());
        QStringList xs;
        for (Eigen::Index i = 0; i < m_x.rows(); ++i)
            xs << num(m_x(i, c));
        QString t = tr("a%1 = x = (%2)").arg(sup(QStringLiteral("(0)")), xs.join(QStringLiteral(", ")));
        if (m_targets.size()) {
            QStringList ts;
            for (Eigen::Index k = 0; k < m_targets.rows(); ++k)
                ts << num(m_targets(k, c));
            t += tr("<br>target t = (%1)").arg(ts.join(QStringLiteral(", ")));
        }
        return t;
    }
    case StageKind::Linear: {
        const auto W = m_net->weights(l);
        const core::Matrix prev = l == 0 ? m_x : m_trace.a[l - 1];
        const double z = double(m_trace.z[l](m_neuron, c));
        const double b = double(m_net->bias(l)(m_neuron));
        QString general = QStringLiteral("z%1%2 = Σ%3 W%4 a%5%6 + b%7").arg(sub(j), layerSup, sub(QStringLiteral("i")),
                                                                              sub(j + QStringLiteral("i")), sub(QStringLiteral("i")), prevSup, sub(j));
        if (W.cols() <= 8) {
            QStringList terms;
            for (Eigen::Index i = 0; i < W.cols(); ++i)
                terms << QStringLiteral("%1 · %2").arg(num(W(m_neuron, i)), num(prev(i, c)));
            return general + QStringLiteral("<br>&nbsp;&nbsp;= ") + terms.join(QStringLiteral(" + ")) + QStringLiteral(" + ") + num(b)
                   + QStringLiteral("<br>&nbsp;&nbsp;= <b>") + num(z) + QStringLiteral("</b>");
        }
        double pos = 0, neg = 0;
        for (Eigen::Index i = 0; i < W.cols(); ++i) {
            const double t = double(W(m_neuron, i)) * double(prev(i, c));
            (t >= 0 ? pos : neg) += t;
        }
        return general + tr("<br>&nbsp;&nbsp;over %1 inputs: %2 (positive terms) − %3 (negative terms) + %4 (bias)<br>&nbsp;&nbsp;= <b>%5</b>")
                             .arg(W.cols())
                             .arg(num(pos), num(-neg), num(b), num(z));
    }
    case StageKind::Activation: {
        const Activation f = spec.layers[l].activation;
        const double z = double(m_trace.z[l](m_neuron, c));
        const double a = double(m_trace.a[l](m_neuron, c));
        if (f == Activation::Softmax) {
            // Softmax needs every z of the layer: e^(z_j − max) / Σ e^(z_k − max).
            const auto col = m_trace.z[l].col(c);
            const double top = double(col.maxCoeff());
            double sum = 0.0;
            for (Eigen::Index k = 0; k < col.size(); ++k)
                sum += std::exp(double(col(k)) - top);
            return tr("a%1%2 = e%3 / Σ%4 e%5 (softmax over the %6 outputs)<br>&nbsp;&nbsp;= e%7 / %8 = <b>%9</b>")
                .arg(sub(j), layerSup, sup(QStringLiteral("z") + sub(j)), sub(QStringLiteral("k")), sup(QStringLiteral("z") + sub(QStringLiteral("k"))))
                .arg(col.size())
                .arg(sup(QStringLiteral("(%1 − %2)").arg(num(z), num(top))), num(sum), num(a));
        }
        return QStringLiteral("a%1%2 = f(z) = %3<br>&nbsp;&nbsp;= f(%4) = <b>%5</b>").arg(sub(j), layerSup, activationFormula(f), num(z), num(a));
    }
    case StageKind::Loss: {
        const auto &out = m_trace.a.back();
        if (spec.loss == core::LossKind::SparseCategoricalCrossentropy) {
            QStringList parts;
            for (int k = 0; k < n; ++k)
                parts << QStringLiteral("−ln %1").arg(num(out(m_labels[std::size_t(k)], k)));
            return tr("Cross-entropy: L = −(1/n) Σ ln p%1, the probability given to the right class<br>&nbsp;&nbsp;= %2<br>&nbsp;&nbsp;= <b>%3</b>")
                .arg(sub(QStringLiteral("y")))
                .arg(n == 1 ? parts.join(QString()) : QStringLiteral("(1/%1)(%2)").arg(n).arg(parts.join(QStringLiteral(" "))))
                .arg(num(m_trace.loss));
        }
        QStringList parts;
        for (Eigen::Index k = 0; k < out.rows(); ++k)
            parts << QStringLiteral("(%1 − %2)²").arg(num(out(k, c)), num(m_targets(k, c)));
        return tr("Squared error: L = 1/(n·K) Σ (a − t)², K = %1 outputs%2<br>&nbsp;&nbsp;sample %3: %4<br>&nbsp;&nbsp;L = <b>%5</b>")
            .arg(out.rows())
            .arg(out.rows() == 2 && n == 1 ? tr(" (for K = 2 this is E = ½ Σ (t − a)²)") : QString())
            .arg(c + 1)
            .arg(parts.join(QStringLiteral(" + ")))
            .arg(num(m_trace.loss));
    }
    case StageKind::OutputDelta: {
        const Activation f = spec.layers.back().activation;
        const double a = double(m_trace.a.back()(m_neuron, c));
        const double d = double(m_trace.delta.back()(m_neuron, c));
        if (spec.loss == core::LossKind::SparseCategoricalCrossentropy && f == Activation::Softmax) {
            const int y = m_labels[std::size_t(c)] == m_neuron ? 1 : 0;
            return tr("Softmax with cross-entropy: δ%1 = (p%1 − y%1) / n<br>&nbsp;&nbsp;= (%2 − %3) / %4 = <b>%5</b>")
                .arg(sub(j))
                .arg(num(a))
                .arg(y)
                .arg(n)
                .arg(num(d));
        }
        if (spec.loss == core::LossKind::MeanSquaredError && f != Activation::Softmax) {
            const double t = double(m_targets(m_neuron, c));
            const int K = int(m_trace.a.back().rows());
            const double fp = double(core::derivative(f, m_trace.z.back()(m_neuron, c)));
            return tr("δ%1 = ∂L/∂a · f′(z) = 2(a − t)/(n·K) · f′(z), with %2<br>&nbsp;&nbsp;= 2 · (%3 − %4) / (%5·%6) · %7 = <b>%8</b>")
                .arg(sub(j), derivativeText(f))
                .arg(num(a), num(t))
                .arg(n)
                .arg(K)
                .arg(num(fp), num(d));
        }
        return tr("δ%1 = ∂L/∂z%1 through %2: <b>%3</b>").arg(sub(j), derivativeText(f), num(d));
    }
    case StageKind::Gradients: {
        const core::Matrix prev = l == 0 ? m_x : m_trace.a[l - 1];
        const QString i = QString::number(m_input + 1);
        QStringList terms;
        for (int k = 0; k < n; ++k)
            terms << QStringLiteral("%1 · %2").arg(num(m_trace.delta[l](m_neuron, k)), num(prev(m_input, k)));
        double dW = double(m_trace.dW[l](m_neuron, m_input));
        if (spec.l2 > 0)
            terms << tr("2λw = %1").arg(num(2.0 * double(spec.l2) * double(m_net->weights(l)(m_neuron, m_input))));
        return tr("∂L/∂W%1 = Σ%2 δ%3%4 a%5%6%7<br>&nbsp;&nbsp;= %8 = <b>%9</b><br>∂L/∂b%3 = Σ δ%3 = <b>%10</b>")
            .arg(sub(j + QStringLiteral(",") + i), sub(tr("samples")), sub(j), layerSup, sub(i), prevSup,
                 spec.l2 > 0 ? tr(" + 2λW") : QString(), terms.join(QStringLiteral(" + ")), num(dW))
            .arg(num(m_trace.db[l](m_neuron)));
    }
    case StageKind::BackDelta: {
        // δ of layer l (0-based) from layer l + 1.
        const auto W = m_net->weights(l + 1);
        const Activation f = spec.layers[l].activation;
        const auto &next = m_trace.delta[l + 1];
        double sum = 0;
        QStringList terms;
        for (Eigen::Index k = 0; k < W.rows(); ++k) {
            sum += double(W(k, m_neuron)) * double(next(k, c));
            if (W.rows() <= 10)
                terms << QStringLiteral("%1 · %2").arg(num(W(k, m_neuron)), num(next(k, c)));
        }
        const double fp = double(core::derivative(f, m_trace.z[l](m_neuron, c)));
        return tr("δ%1%2 = (Σ%3 W%4 δ%5) · f′(z%1), with %6<br>&nbsp;&nbsp;= (%7) · %8 = %9 · %8 = <b>%10</b>")
            .arg(sub(j), layerSup, sub(QStringLiteral("k")), sub(QStringLiteral("k") + j), sub(QStringLiteral("k")), derivativeText(f),
                 terms.isEmpty() ? tr("%1 terms").arg(W.rows()) : terms.join(QStringLiteral(" + ")), num(fp), num(sum))
            .arg(num(m_trace.delta[l](m_neuron, c)));
    }
    case StageKind::Update:
        return updateFormula();
    }
    return {};
}

QString StepperPanel::updateFormula() const
{
    const bool tiny = m_preset != Preset::Mnist;
    auto num = [tiny](double v) { return QString::number(v, 'f', tiny ? 6 : 6); };
    const std::size_t l = std::size_t(m_layer);
    const std::size_t index = m_net->weightOffset(l) + std::size_t(m_input) * std::size_t(m_net->weights(l).rows()) + std::size_t(m_neuron);
    const double w = double(m_trace.parametersBefore[index]);
    const double g = double(m_trace.gradients[index]);
    const auto &o = m_net->spec().optimizer;
    const QString name = QStringLiteral("W%1").arg(sub(QStringLiteral("%1,%2").arg(m_neuron + 1).arg(m_input + 1))) + sup(QStringLiteral("(%1)").arg(l + 1));
    const QString after = m_trace.applied ? num(double(m_trace.parametersAfter[index])) : tr("(press Apply update)");
    switch (o.kind) {
    case core::OptimizerKind::Sgd:
        return tr("SGD: w ← w − η · ∂L/∂w<br>%1 ← %2 − %3 · %4 = <b>%5</b>").arg(name, num(w)).arg(double(o.learningRate)).arg(num(g), after);
    case core::OptimizerKind::Momentum: {
        const double v0 = index < m_firstBefore.size() ? double(m_firstBefore[index]) : 0.0;
        const double v1 = double(o.momentum) * v0 - double(o.learningRate) * g;
        return tr("Momentum: v ← μ v − η g = %1 · %2 − %3 · %4 = %5<br>w ← w + %6 = <b>%7</b>")
            .arg(double(o.momentum))
            .arg(num(v0))
            .arg(double(o.learningRate))
            .arg(num(g), num(v1), o.nesterov ? tr("μ v − η g (Nesterov)") : QStringLiteral("v"), after);
    }
    case core::OptimizerKind::RmsProp: {
        const double s0 = index < m_firstBefore.size() ? double(m_firstBefore[index]) : 0.0;
        const double s1 = double(o.rho) * s0 + (1.0 - double(o.rho)) * g * g;
        return tr("RMSprop: s ← ρ s + (1 − ρ) g² = %1 · %2 + %3 · %4² = %5<br>w ← w − η g / (√s + ε) = %6 − %7 · %8 / (%9 + %10) = <b>%11</b>")
            .arg(double(o.rho))
            .arg(num(s0))
            .arg(1.0 - double(o.rho))
            .arg(num(g), num(s1), num(w))
            .arg(double(o.learningRate))
            .arg(num(g), num(std::sqrt(s1)))
            .arg(double(o.epsilon))
            .arg(after);
    }
    case core::OptimizerKind::Adam: {
        const double m0 = index < m_firstBefore.size() ? double(m_firstBefore[index]) : 0.0;
        const double v0 = index < m_secondBefore.size() ? double(m_secondBefore[index]) : 0.0;
        const double m1 = double(o.beta1) * m0 + (1.0 - double(o.beta1)) * g;
        const double v1 = double(o.beta2) * v0 + (1.0 - double(o.beta2)) * g * g;
        const double t = double(m_optimizer->iterations() + (m_trace.applied ? 0 : 1));
        const double lrT = double(o.learningRate) * std::sqrt(1.0 - std::pow(double(o.beta2), t)) / (1.0 - std::pow(double(o.beta1), t));
        return tr("Adam (Kingma &amp; Ba 2015), step t = %1:<br>m ← β₁m + (1 − β₁)g = %2<br>v ← β₂v + (1 − β₂)g² = %3<br>"
                  "η%4 = η · √(1 − β₂%5) / (1 − β₁%5) = %6<br>w ← w − η%4 · m / (√v + ε) = %7 − %6 · %2 / (%8 + ε) = <b>%9</b>")
            .arg(t)
            .arg(num(m1), num(v1), sub(QStringLiteral("t")), sup(QStringLiteral("t")), QString::number(lrT, 'g', 6), num(w),
                 QString::number(std::sqrt(v1), 'g', 6), after);
    }
    }
    return {};
}

void StepperPanel::next()
{
    if (m_current + 1 < stageCount()) {
        ++m_current;
        showStage();
    } else if (m_trace.applied) {
        // After the update: the next step, from the new weights.
        recompute();
        m_current = 0;
        showStage();
    }
}

void StepperPanel::previous()
{
    if (m_current > 0) {
        --m_current;
        showStage();
    }
}

void StepperPanel::runForward()
{
    for (int i = 0; i < stageCount(); ++i)
        if (m_stages[std::size_t(i)].kind == StageKind::Loss)
            m_current = i;
    showStage();
}

void StepperPanel::runBackward()
{
    m_current = stageCount() - 2; // the last gradients, before the update
    showStage();
}

void StepperPanel::applyUpdate()
{
    // The same step once more, now applied: the numbers are those shown (the same computation).
    if (m_trace.applied)
        return; // already applied: Next starts the next step
    // The trace keeps this step's numbers (the weights it started from); Next begins the next step.
    m_trace = core::traceStep(*m_net, *m_optimizer, m_x, targets(), true);
    m_current = stageCount() - 1;
    fillParameterTable();
    showStage();
}

std::pair<double, double> StepperPanel::checkGradient()
{
    const core::Targets t = targets();
    const std::size_t l = std::size_t(m_layer);
    const std::size_t index = m_net->weightOffset(l) + std::size_t(m_input) * std::size_t(m_net->weights(l).rows()) + std::size_t(m_neuron);
    core::Network probe = *m_net;
    const float w = probe.parameters()[index];
    const float h = std::max(1e-3f, std::abs(w) * 1e-3f);
    probe.parameters()[index] = w + h;
    const double up = core::lossOf(probe, m_x, t);
    probe.parameters()[index] = w - h;
    const double down = core::lossOf(probe, m_x, t);
    const double numeric = (up - down) / (2.0 * double(h));
    const double backprop = double(core::traceStep(*m_net, *m_optimizer, m_x, t, false).gradients[index]);
    return {numeric, backprop};
}

} // namespace tinyml::ui
