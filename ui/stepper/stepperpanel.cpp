// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/stepper/stepperpanel.h"

#include "ui/inspect/inspectorpanel.h"
#include "ui/shared/flowlayout.h"
#include "ui/shared/imageviews.h"
#include "ui/shared/networkdiagram.h"
#include "ui/shared/networkeditor.h"
#include "ui/shared/numbers.h"
#include "ui/shared/studiomodel.h"
#include "ui/stepper/stepperpresets.h"

#include "core/nn/activation.h"
#include "core/nn/steptrace.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>
#include <numeric>

namespace tinyml::ui {

using core::Activation;

StepperPanel::StepperPanel(StudioModel *studio, QWidget *parent)
    : QWidget(parent)
    , m_studio(studio)
{
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buildSettingsRow());
    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(buildNumbersPane());
    split->addWidget(buildStagesPane());
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
    connectControls();
    loadPreset(Preset::WorkedExample);
}

QLayout *StepperPanel::buildSettingsRow()
{
    // Presets and the tiny network's settings.
    auto *rows = new QVBoxLayout;
    auto *top = new QHBoxLayout;
    rows->addLayout(top);
    m_presetBox = new QComboBox;
    m_presetBox->setObjectName(QStringLiteral("preset"));
    m_presetBox->addItem(tr("Worked example: 2-2-2, sigmoid, squared error"));
    m_presetBox->addItem(tr("XOR: 2-2-1, four samples"));
    m_presetBox->addItem(tr("The MNIST network on the current input"));
    m_presetBox->addItem(tr("Convolution: 6×6 image, one 3×3 filter, max pooling"));
    top->addWidget(m_presetBox);
    m_tinyControls = new QWidget;
    // The tiny network's settings wrap onto further lines when they do not fit (German, larger
    // text); each stays beside its label.
    auto *tiny = new FlowLayout(m_tinyControls);
    tiny->setContentsMargins(0, 0, 0, 0);
    auto labelled = [tiny](const QString &label, QWidget *field) {
        auto *pair = new QWidget;
        auto *row = new QHBoxLayout(pair);
        row->setContentsMargins(0, 0, 0, 0);
        if (!label.isEmpty())
            row->addWidget(new QLabel(label));
        row->addWidget(field);
        tiny->addWidget(pair);
    };
    m_hiddenAct = new QComboBox;
    m_outputAct = new QComboBox;
    for (Activation a : {Activation::Sigmoid, Activation::Tanh, Activation::Relu,
                         Activation::LeakyRelu, Activation::Linear}) {
        m_hiddenAct->addItem(activationName(a), int(a));
        m_outputAct->addItem(activationName(a), int(a));
    }
    m_outputAct->addItem(activationName(Activation::Softmax), int(Activation::Softmax));
    m_loss = new QComboBox;
    m_loss->addItem(tr("squared error"), int(core::LossKind::MeanSquaredError));
    m_loss->addItem(tr("cross-entropy"), int(core::LossKind::SparseCategoricalCrossentropy));
    m_optimizerBox = new QComboBox;
    for (auto o : {core::OptimizerKind::Sgd, core::OptimizerKind::Momentum,
                   core::OptimizerKind::RmsProp, core::OptimizerKind::Adam})
        m_optimizerBox->addItem(optimizerName(o), int(o));
    m_lr = new QDoubleSpinBox;
    m_lr->setDecimals(4);
    m_lr->setRange(0.0001, 10.0);
    m_lr->setValue(0.5);
    m_sampleBox = new QSpinBox;
    m_sampleBox->setPrefix(tr("sample "));
    labelled(tr("hidden"), m_hiddenAct);
    labelled(tr("output"), m_outputAct);
    labelled(tr("loss"), m_loss);
    labelled(QString(), m_optimizerBox);
    labelled(tr("η"), m_lr);
    rows->addWidget(m_tinyControls);
    top->addWidget(m_sampleBox);
    m_targetClass = new QSpinBox;
    m_targetClass->setRange(0, 9);
    m_targetClass->setPrefix(tr("true class "));
    m_targetClass->setToolTip(tr("The label the network should learn for this input."));
    top->addWidget(m_targetClass);
    m_channelBox = new QSpinBox;
    m_channelBox->setObjectName(QStringLiteral("channel"));
    m_channelBox->setPrefix(tr("channel "));
    m_channelBox->setToolTip(tr("Which filter (channel) of the selected layer to follow."));
    top->addWidget(m_channelBox);
    top->addStretch();
    return rows;
}

QWidget *StepperPanel::buildNumbersPane()
{
    // The diagram and the numbers: every parameter (tiny networks) or δ and ∂L/∂W maps (MNIST).
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_diagram = new NetworkDiagram;
    leftLayout->addWidget(m_diagram, 3);
    m_params = new QTableWidget(0, 4);
    m_params->setObjectName(QStringLiteral("parameters"));
    m_params->setHorizontalHeaderLabels(
        {tr("Parameter"), tr("Value (editable)"), tr("Gradient ∂L/∂w"), tr("After the update")});
    // Columns as wide as their titles and numbers; the table scrolls sideways (titles in view)
    // rather than cut them.
    m_params->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_params->horizontalHeader()->setStretchLastSection(true);
    m_params->verticalHeader()->setVisible(false);
    m_params->setToolTip(tr("Every weight and bias. Edit a value to see how the whole step "
                            "changes; click a row to follow that weight."));
    leftLayout->addWidget(m_params, 2);
    m_mnistMaps = new QWidget;
    auto *maps = new QHBoxLayout(m_mnistMaps);
    m_deltaMap = new PixelView(tr("δ of the layer (blue negative, red positive)"));
    m_gradMap = new PixelView(tr("∂L/∂W of the selected neuron's incoming weights"));
    maps->addWidget(m_deltaMap);
    maps->addWidget(m_gradMap);
    leftLayout->addWidget(m_mnistMaps, 2);
    return left;
}

QWidget *StepperPanel::buildStagesPane()
{
    // The stages, the formula, the navigation and the gradient check.
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
    // The navigation wraps onto a second line rather than squeeze the panes (German, larger text).
    auto *nav = new FlowLayout;
    m_prev = new QPushButton(tr("◀ Previous"));
    m_prev->setObjectName(QStringLiteral("previousStage"));
    m_next = new QPushButton(tr("Next ▶"));
    m_next->setObjectName(QStringLiteral("nextStage"));
    m_next->setShortcut(QKeySequence(Qt::Key_Right));
    m_prev->setShortcut(QKeySequence(Qt::Key_Left));
    m_forward = new QPushButton(tr("Run forward"));
    m_forward->setObjectName(QStringLiteral("runForward"));
    m_backward = new QPushButton(tr("Run backward"));
    m_backward->setObjectName(QStringLiteral("runBackward"));
    m_apply = new QPushButton(tr("Apply update"));
    m_apply->setObjectName(QStringLiteral("applyUpdate"));
    m_apply->setToolTip(tr("Let the optimizer change the weights, then start the next step."));
    for (auto *b : {m_prev, m_next, m_forward, m_backward, m_apply})
        nav->addWidget(b);
    rightLayout->addLayout(nav);
    auto *checkRow = new QHBoxLayout;
    m_checkButton = new QPushButton(tr("Check this gradient"));
    m_checkButton->setObjectName(QStringLiteral("checkGradient"));
    m_checkButton->setToolTip(tr("Nudge the selected weight by ±h and measure how the loss "
                                 "changes: the slope should equal backpropagation's gradient."));
    m_check = new QLabel;
    m_check->setObjectName(QStringLiteral("checkResult"));
    m_check->setTextFormat(Qt::RichText);
    m_check->setWordWrap(true);
    checkRow->addWidget(m_checkButton);
    checkRow->addWidget(m_check, 1);
    rightLayout->addLayout(checkRow);
    return right;
}

void StepperPanel::connectControls()
{
    connect(m_presetBox, &QComboBox::currentIndexChanged, this, &StepperPanel::onPresetChosen);
    for (QComboBox *c : {m_hiddenAct, m_outputAct, m_loss, m_optimizerBox})
        connect(c, &QComboBox::currentIndexChanged, this, &StepperPanel::onTinySettingsChanged);
    connect(m_lr, &QDoubleSpinBox::valueChanged, this, &StepperPanel::onTinySettingsChanged);
    connect(m_sampleBox, &QSpinBox::valueChanged, this, &StepperPanel::onSampleChosen);
    connect(m_targetClass, &QSpinBox::valueChanged, this, &StepperPanel::onTargetClassChosen);
    connect(m_prev, &QPushButton::clicked, this, &StepperPanel::previous);
    connect(m_next, &QPushButton::clicked, this, &StepperPanel::next);
    connect(m_forward, &QPushButton::clicked, this, &StepperPanel::runForward);
    connect(m_backward, &QPushButton::clicked, this, &StepperPanel::runBackward);
    connect(m_apply, &QPushButton::clicked, this, &StepperPanel::applyUpdate);
    connect(m_checkButton, &QPushButton::clicked, this, &StepperPanel::showGradientCheck);
    connect(m_stageList, &QListWidget::currentRowChanged, this, &StepperPanel::onStageChosen);
    connect(m_diagram, &NetworkDiagram::neuronClicked, this, &StepperPanel::onNeuronClicked);
    connect(m_params, &QTableWidget::cellChanged, this, &StepperPanel::onParameterEdited);
    connect(m_params, &QTableWidget::cellClicked, this, &StepperPanel::onParameterClicked);
    connect(m_gradMap, &PixelView::pixelClicked, this, &StepperPanel::onGradientPixelClicked);
    connect(m_deltaMap, &PixelView::pixelClicked, this, &StepperPanel::onDeltaPixelClicked);
    connect(m_channelBox, &QSpinBox::valueChanged, this, &StepperPanel::onChannelChosen);
    connect(m_studio, &StudioModel::inputChanged, this, &StepperPanel::onStudioChanged);
    connect(m_studio, &StudioModel::modelChanged, this, &StepperPanel::onStudioChanged);
}

void StepperPanel::onPresetChosen(int index) { loadPreset(Preset(index)); }

void StepperPanel::onTinySettingsChanged()
{
    if (m_preset != Preset::Mnist && !m_filling)
        configureTiny(Activation(m_hiddenAct->currentData().toInt()),
                      Activation(m_outputAct->currentData().toInt()),
                      core::LossKind(m_loss->currentData().toInt()),
                      core::OptimizerKind(m_optimizerBox->currentData().toInt()),
                      float(m_lr->value()));
}

void StepperPanel::onSampleChosen(int sample)
{
    m_sample = sample - 1;
    showStage();
}

void StepperPanel::onTargetClassChosen(int label)
{
    if (m_preset == Preset::Mnist && !m_filling && !m_labels.empty()) {
        m_labels[0] = std::uint8_t(label);
        recompute();
    }
}

void StepperPanel::onStageChosen(int row)
{
    if (row >= 0 && row != m_current && row < stageCount()) {
        m_current = row;
        showStage();
    }
}

void StepperPanel::onNeuronClicked(int column, int neuron) { select(column - 1, neuron, m_input); }

void StepperPanel::onParameterEdited(int row, int column)
{
    if (m_filling || column != 1)
        return;
    // The table shows the locale's format (0,5 in German); a value typed the C way (0.5) is
    // read too.
    const QString text = m_params->item(row, column)->text().trimmed();
    bool ok = false;
    double v = QLocale().toDouble(text, &ok);
    if (!ok)
        v = QLocale::c().toDouble(text, &ok);
    if (ok && std::isfinite(v))
        setParameter(std::size_t(m_params->item(row, 0)->data(Qt::UserRole).toULongLong()),
                     float(v));
    else
        fillParameterTable();
}

void StepperPanel::onParameterClicked(int row)
{
    const QVariant where = m_params->item(row, 0)->data(Qt::UserRole + 1);
    if (where.isValid()) {
        const QList<QVariant> w = where.toList();
        select(w[0].toInt(), w[1].toInt(), w[2].toInt());
    }
}

void StepperPanel::onGradientPixelClicked(int x, int y)
{
    const auto &spec = m_net->spec();
    const std::size_t l = std::size_t(m_layer);
    if (spec.layers[l].kind == core::LayerKind::Conv2D) {
        // The kernels of the input channels side by side, each k wide.
        const int k = spec.layers[l].kernel;
        const int cin = spec.layerInputShape(l).channels;
        select(m_layer, m_neuron, (y * k + x % k) * cin + x / k);
        return;
    }
    if (spec.layers[l].kind == core::LayerKind::DepthwiseConv2D) {
        select(m_layer, m_neuron, y * spec.layers[l].kernel + x);
        return;
    }
    if (!spec.layers[l].hasParameters())
        return;
    const int cols = imageShape(spec.layerInputSize(l)).first;
    select(m_layer, m_neuron, y * cols + x);
}

void StepperPanel::onDeltaPixelClicked(int x, int y)
{
    const core::Shape out = m_net->spec().outputShape(std::size_t(m_layer));
    if (out.image)
        select(m_layer, (y * out.width + x) * out.channels + m_neuron % out.channels, m_input);
    else
        select(m_layer, y * gridShape(int(out.size())).first + x, m_input);
}

void StepperPanel::onChannelChosen(int channel)
{
    if (m_filling || !m_net)
        return;
    const core::Shape out = m_net->spec().outputShape(std::size_t(m_layer));
    if (out.image && channel < out.channels)
        select(m_layer, m_neuron - m_neuron % out.channels + channel, m_input);
}

void StepperPanel::onStudioChanged() { m_mnistStale = true; }

void StepperPanel::showGradientCheck()
{
    const auto [numeric, backprop] = checkGradient();
    if (std::isnan(numeric)) {
        m_check->setText(
            tr("Layer %1 has no weights: pick a stage of a layer with weights.").arg(m_layer + 1));
        return;
    }
    const double rel = std::abs(numeric - backprop)
                       / std::max(1e-8, std::abs(numeric) + std::abs(backprop));
    m_check->setText(
        tr("finite differences %1, backpropagation %2: %3")
            .arg(QLocale().toString(numeric, 'g', 6), QLocale().toString(backprop, 'g', 6),
                 rel < 1e-2 ? tr("<b style='color:#070'>agree</b> (relative difference %1)")
                                  .arg(QLocale().toString(rel, 'g', 2))
                            : tr("<b style='color:#b00'>differ</b> (relative difference %1)")
                                  .arg(QLocale().toString(rel, 'g', 2))));
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
    if (preset != Preset::Mnist) {
        StepperExample example = preset == Preset::WorkedExample ? workedExample()
                                 : preset == Preset::Xor         ? xorExample()
                                                                 : convolutionExample();
        m_net = std::make_unique<core::Network>(example.spec);
        std::copy(example.parameters.begin(), example.parameters.end(),
                  m_net->parameters().begin());
        m_x = std::move(example.x);
        m_targets = std::move(example.targets);
        m_labels = std::move(example.labels);
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
        m_check->clear();
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
    m_targets = oneHotTargets(label, m_net->spec().outputSize(), m_net->spec().loss);
    m_layer = 0;
    m_neuron = label; // follow the true class's output neuron (and the same index on the way)
    m_input = 0;
    if (isConvolutional()) {
        // A CNN: start in the middle of the first layer's first feature map.
        const core::Shape out = m_net->spec().outputShape(0);
        if (out.image)
            m_neuron = ((out.height / 2) * out.width + out.width / 2) * out.channels;
    }
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
        if (spec.layers[l].hasParameters())
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
    // The diagram draws dense layers' neurons and weights; a CNN's numbers are in the maps.
    m_diagram->setVisible(!isConvolutional());
    m_diagram->setNetwork(isConvolutional() ? nullptr
                                            : std::shared_ptr<const core::Network>(
                                                std::make_shared<core::Network>(*m_net)));
    if (isConvolutional() && tiny)
        m_mnistMaps->setVisible(true);
    buildStages();
    m_current = 0;
    recompute();
}

void StepperPanel::buildStages()
{
    m_stages = stepStages(m_net->spec());
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
    if (!isConvolutional()) {
        m_diagram->setNetwork(std::make_shared<core::Network>(*m_net));
        m_diagram->setActivations(act);
    }
    m_check->clear(); // a check of other weights would be stale
    fillParameterTable();
    showStage();
}

void StepperPanel::fitParameterTable()
{
    // As wide as its titles and numbers need, up to half the tab: beyond that it scrolls.
    int needed = 2 * m_params->frameWidth() + style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 4;
    for (int c = 0; c < m_params->columnCount(); ++c)
        needed += std::max(static_cast<const QAbstractItemView *>(m_params)->sizeHintForColumn(c),
                           m_params->horizontalHeader()->sectionSizeHint(c));
    m_params->setMinimumWidth(std::min(needed, std::max(300, width() / 2)));
}

void StepperPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange && m_params)
        fitParameterTable();
}

void StepperPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_params)
        fitParameterTable();
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
        // The weight this step started from: after "Apply update" the row reads before, gradient,
        // after, all of the same step (the network already holds the "after" value).
        const float value = m_trace.applied ? m_trace.parametersBefore[index] : m_net->parameters()[index];
        m_params->setItem(row, 1, new QTableWidgetItem(localNumber(double(value), 6)));
        m_params->setItem(row, 2, readOnly(localNumber(double(m_trace.gradients[index]), 6)));
        m_params->setItem(row, 3, readOnly(m_trace.applied ? localNumber(double(m_trace.parametersAfter[index]), 6) : QString()));
    };
    int classic = 1;
    for (std::size_t l = 0; l < m_net->layerCount(); ++l) {
        const auto W = m_net->weights(l);
        const core::Shape out = m_net->spec().outputShape(l);
        if (out.image) {
            // A kernel: K[filter: row, column(, channel)], its rows the filters.
            const core::LayerSpec &layer = m_net->spec().layers[l];
            const int cin = layer.kind == core::LayerKind::Conv2D
                                ? m_net->spec().layerInputShape(l).channels
                                : 1;
            for (Eigen::Index f = 0; f < W.rows(); ++f)
                for (Eigen::Index i = 0; i < W.cols(); ++i) {
                    const int tap = int(i) / cin;
                    QString name = QStringLiteral("K%1[f%2: %3,%4")
                                       .arg(l + 1)
                                       .arg(f)
                                       .arg(tap / layer.kernel)
                                       .arg(tap % layer.kernel);
                    if (cin > 1)
                        name += QStringLiteral(",c%1").arg(int(i) % cin);
                    addRow(name + QLatin1Char(']'),
                           m_net->weightOffset(l) + std::size_t(i * W.rows() + f),
                           QList<QVariant>{int(l), int(f), int(i)});
                }
            for (Eigen::Index f = 0; f < m_net->bias(l).size(); ++f)
                addRow(QStringLiteral("b%1[f%2]").arg(l + 1).arg(f),
                       m_net->biasOffset(l) + std::size_t(f), QVariant());
            continue;
        }
        for (Eigen::Index j = 0; j < W.rows(); ++j)
            for (Eigen::Index i = 0; i < W.cols(); ++i) {
                const QString link = unit(int(l), int(i)) + QStringLiteral(" → ") + unit(int(l) + 1, int(j));
                addRow(worked ? QStringLiteral("w%1 (%2)").arg(classic++).arg(link)
                       : isConvolutional()
                           ? QStringLiteral("W%1[%2 → %3]").arg(l + 1).arg(i + 1).arg(j + 1)
                           : QStringLiteral("W%1[%2]").arg(l + 1).arg(link),
                       m_net->weightOffset(l) + std::size_t(i * W.rows() + j),
                       QList<QVariant>{int(l), int(j), int(i)});
            }
        for (Eigen::Index j = 0; j < m_net->bias(l).size(); ++j)
            addRow(QStringLiteral("b%1[%2]").arg(l + 1).arg(unit(int(l) + 1, int(j))), m_net->biasOffset(l) + std::size_t(j), QVariant());
    }
    m_filling = false;
    fitParameterTable();
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
    if (layer < 0 || layer >= int(m_net->layerCount()) || neuron < 0
        || neuron >= m_net->spec().outputShape(std::size_t(layer)).size())
        return;
    const int inputs = isConvolutional() ? int(m_net->weights(std::size_t(layer)).cols())
                                         : m_net->spec().layerInputSize(std::size_t(layer));
    const int clamped = std::clamp(input, 0, std::max(inputs, 1) - 1);
    if (layer != m_layer || neuron != m_neuron || clamped != m_input)
        m_check->clear(); // the check was of the weight selected before
    m_layer = layer;
    m_neuron = neuron;
    m_input = clamped;
    showStage();
}

void StepperPanel::moveSelectionTo(int layer)
{
    const auto &spec = m_net->spec();
    const std::size_t to = std::size_t(layer);
    if (!isConvolutional()) {
        m_layer = layer;
        m_neuron = std::min(m_neuron, spec.layers[to].units - 1);
        m_input = std::min(m_input, spec.layerInputSize(to) - 1);
        return;
    }
    const core::Shape from = spec.outputShape(std::size_t(m_layer));
    const core::Shape shape = spec.outputShape(to);
    if (from.image && shape.image) {
        int y = m_neuron / from.channels / from.width;
        int x = (m_neuron / from.channels) % from.width;
        const int c = std::min(m_neuron % from.channels, shape.channels - 1);
        if (layer + 1 == m_layer
            && spec.layers[std::size_t(m_layer)].kind == core::LayerKind::MaxPooling2D) {
            // Down through max pooling: the pixel that won the window.
            const auto &a = m_trace.a[to];
            const core::PoolWindow w
                = core::poolWindow(spec, std::size_t(m_layer),
                                   {a.col(m_sample).data(), std::size_t(a.rows())}, y, x, c);
            y = w.taps[std::size_t(w.argmax)].iy;
            x = w.taps[std::size_t(w.argmax)].ix;
        } else {
            y = std::min(shape.height - 1, y * shape.height / from.height);
            x = std::min(shape.width - 1, x * shape.width / from.width);
        }
        m_neuron = (y * shape.width + x) * shape.channels + c;
    } else if (layer + 1 == int(spec.layers.size()) && !m_labels.empty()
               && m_labels[0] < shape.size()) {
        m_neuron = m_labels[0]; // the output layer: the true class's neuron
    } else {
        m_neuron = std::min<int>(m_neuron, int(shape.size()) - 1);
    }
    m_layer = layer;
    if (m_net->weights(to).cols() > 0) // a layer without weights keeps the weight chosen
        m_input = std::clamp(m_input, 0, int(m_net->weights(to).cols()) - 1);
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
    if (stageLayer >= 0 && m_layer != stageLayer && s.kind != StageKind::Update)
        moveSelectionTo(stageLayer);
    if (!isConvolutional()) {
        m_diagram->setHighlight(m_layer + 1, m_neuron);
        m_diagram->setStageText(stageTitle(s));
    }
    const core::Shape out = m_net->spec().outputShape(std::size_t(m_layer));
    {
        const QSignalBlocker block(m_channelBox);
        m_channelBox->setVisible(out.image && out.channels > 1);
        m_channelBox->setRange(0, std::max(0, out.channels - 1));
        m_channelBox->setValue(out.image ? m_neuron % out.channels : 0);
    }
    m_formula->setText(stageFormula(s, formulaInput()));
    m_prev->setEnabled(m_current > 0);
    m_next->setEnabled(m_current + 1 < stageCount() || m_trace.applied);
    m_next->setText(m_current + 1 < stageCount() ? tr("Next ▶") : tr("Next step ▶"));
    if (m_preset == Preset::Mnist || isConvolutional())
        showMnistMaps();
}

FormulaInput StepperPanel::formulaInput() const
{
    FormulaInput in;
    in.net = m_net.get();
    in.trace = &m_trace;
    in.x = &m_x;
    in.targets = &m_targets;
    in.labels = m_labels;
    in.firstMoment = m_firstBefore;
    in.secondMoment = m_secondBefore;
    in.iterations = m_optimizer->iterations() - (m_trace.applied ? 1 : 0);
    in.sample = m_sample;
    in.layer = m_layer;
    in.neuron = m_neuron;
    in.input = m_input;
    in.tiny = m_preset != Preset::Mnist;
    in.digits = in.tiny && !isConvolutional() ? 6 : 4;
    return in;
}

void StepperPanel::showMnistMaps()
{
    const std::size_t l = std::size_t(m_layer);
    const auto &spec = m_net->spec();
    const core::Shape out = spec.outputShape(l);
    if (out.image) {
        // δ of the selected channel as a map, and the selected filter's kernel gradient.
        const int c = m_neuron % out.channels;
        const auto &d = m_trace.delta[l];
        std::vector<float> cells(std::size_t(out.height * out.width));
        float maxD = 1e-12f;
        for (std::size_t p = 0; p < cells.size(); ++p) {
            cells[p] = d(Eigen::Index(p) * out.channels + c, m_sample);
            maxD = std::max(maxD, std::abs(cells[p]));
        }
        m_deltaMap->setImage(divergingImage(cells.data(), out.width, out.height, maxD));
        m_deltaMap->setMarked((m_neuron / out.channels) % out.width,
                              m_neuron / out.channels / out.width);
        const core::LayerSpec &layer = spec.layers[l];
        if (!layer.hasParameters()) {
            m_gradMap->clearImage(tr("This layer has no weights."));
            m_gradMap->setMarked(-1, -1);
            return;
        }
        const int k = layer.kernel;
        const int cin
            = layer.kind == core::LayerKind::Conv2D ? spec.layerInputShape(l).channels : 1;
        const auto &g = m_trace.dW[l];
        std::vector<float> gcells(std::size_t(k * k * cin));
        float maxG = 1e-12f;
        for (int ky = 0; ky < k; ++ky)
            for (int kx = 0; kx < k; ++kx)
                for (int ci = 0; ci < cin; ++ci) {
                    const float v = g(c, (ky * k + kx) * cin + ci);
                    gcells[std::size_t(ky * k * cin + ci * k + kx)] = v;
                    maxG = std::max(maxG, std::abs(v));
                }
        m_gradMap->setImage(divergingImage(gcells.data(), k * cin, k, maxG));
        const int tap = m_input / cin;
        m_gradMap->setMarked((m_input % cin) * k + tap % k, tap / k);
        return;
    }
    if (!spec.layers[l].hasParameters()) {
        m_gradMap->clearImage(tr("This layer has no weights."));
        m_gradMap->setMarked(-1, -1);
    }
    const auto &d = m_trace.delta[l];
    const auto [cols, rows] = gridShape(int(d.rows()));
    std::vector<float> cells(std::size_t(cols * rows), 0.0f);
    float maxD = 1e-12f;
    for (Eigen::Index j = 0; j < d.rows(); ++j) {
        cells[std::size_t(j)] = d(j, m_sample);
        maxD = std::max(maxD, std::abs(d(j, m_sample)));
    }
    m_deltaMap->setImage(divergingImage(cells.data(), cols, rows, maxD));
    m_deltaMap->setMarked(m_neuron % cols, m_neuron / cols);
    if (!spec.layers[l].hasParameters())
        return;
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

void StepperPanel::beginStepIfApplied()
{
    // After "Apply update" the network holds new weights: a forward or backward pass shown now is
    // the next step's, computed from them, never the numbers of the step already taken.
    if (m_trace.applied)
        recompute();
}

void StepperPanel::runForward()
{
    beginStepIfApplied();
    for (int i = 0; i < stageCount(); ++i)
        if (m_stages[std::size_t(i)].kind == StageKind::Loss)
            m_current = i;
    showStage();
}

void StepperPanel::runBackward()
{
    beginStepIfApplied();
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
    const std::ptrdiff_t selected = selectedWeightIndex(*m_net, m_layer, m_neuron, m_input);
    if (selected < 0)
        return {std::nan(""), std::nan("")};
    const std::size_t index = std::size_t(selected);
    // At the weights the shown step started from (the current ones unless "Apply update" was
    // pressed), so that the check speaks about the gradient in the table.
    core::Network probe = *m_net;
    std::copy(m_trace.parametersBefore.begin(), m_trace.parametersBefore.end(), probe.parameters().begin());
    const float w = probe.parameters()[index];
    const float h = std::max(1e-3f, std::abs(w) * 1e-3f);
    probe.parameters()[index] = w + h;
    const double up = core::lossOf(probe, m_x, t);
    probe.parameters()[index] = w - h;
    const double down = core::lossOf(probe, m_x, t);
    const double numeric = (up - down) / (2.0 * double(h));
    const double backprop = double(m_trace.gradients[index]);
    return {numeric, backprop};
}

} // namespace tinyml::ui
