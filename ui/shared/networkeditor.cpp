// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shared/networkeditor.h"

#include "ui/shared/defaultmodel.h"
#include "ui/shared/errortext.h"

#include "core/base/error.h"
#include "core/deploy/budget.h"
#include "core/nn/layersyntax.h"

#include "ui/shared/elidingcombobox.h"
#include "ui/shared/flowlayout.h"
#include "ui/shared/wrappedcheckbox.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace tinyml::ui {

using core::Activation;
using core::OptimizerKind;

QString activationName(Activation a)
{
    switch (a) {
    case Activation::Linear:
        return NetworkEditor::tr("linear");
    case Activation::Sigmoid:
        return NetworkEditor::tr("sigmoid");
    case Activation::Tanh:
        return NetworkEditor::tr("tanh");
    case Activation::Relu:
        return NetworkEditor::tr("ReLU");
    case Activation::LeakyRelu:
        return NetworkEditor::tr("leaky ReLU");
    case Activation::Softmax:
        return NetworkEditor::tr("softmax");
    }
    return {};
}

namespace {
QString sub(const QString &s) { return QStringLiteral("<sub>%1</sub>").arg(s); }
QString sup(const QString &s) { return QStringLiteral("<sup>%1</sup>").arg(s); }
} // namespace

QString activationFormula(Activation f)
{
    switch (f) {
    case Activation::Sigmoid:
        return QString::fromUtf8("σ(z) = 1 / (1 + e") + sup(QString::fromUtf8("−z")) + QStringLiteral(")");
    case Activation::Tanh:
        return QStringLiteral("tanh(z)");
    case Activation::Relu:
        return QStringLiteral("ReLU(z) = max(0, z)");
    case Activation::LeakyRelu:
        return QStringLiteral("LeakyReLU(z) = max(%1 z, z)").arg(double(core::kLeakyReluSlope));
    case Activation::Linear:
        return QStringLiteral("z");
    case Activation::Softmax:
        return QStringLiteral("e") + sup(QStringLiteral("z") + sub(QStringLiteral("j"))) + QString::fromUtf8(" / Σ") + sub(QStringLiteral("k"))
               + QStringLiteral(" e") + sup(QStringLiteral("z") + sub(QStringLiteral("k")));
    }
    return {};
}

QString formatBytes(std::int64_t n)
{
    return QLocale().formattedDataSize(n, 1, QLocale::DataSizeTraditionalFormat);
}

QString optimizerName(OptimizerKind o)
{
    switch (o) {
    case OptimizerKind::Sgd:
        return NetworkEditor::tr("SGD");
    case OptimizerKind::Momentum:
        return NetworkEditor::tr("SGD with momentum");
    case OptimizerKind::RmsProp:
        return NetworkEditor::tr("RMSprop");
    case OptimizerKind::Adam:
        return NetworkEditor::tr("Adam");
    }
    return {};
}

namespace {

const Activation kHiddenActivations[] = {Activation::Relu, Activation::Sigmoid, Activation::Tanh,
                                         Activation::LeakyRelu, Activation::Linear};


} // namespace

NetworkEditor::NetworkEditor(QWidget *parent)
    : QWidget(parent)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);

    // Data
    auto *dataBox = new QGroupBox(tr("Data"));
    auto *dataLayout = new QVBoxLayout(dataBox);
    auto *dataForm = new QFormLayout;
    dataLayout->addLayout(dataForm);
    dataForm->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_dataset = new ElidingComboBox;
    m_dataset->setObjectName(QStringLiteral("dataset"));
    m_dataset->addItem(tr("MNIST digits"));
    m_dataset->addItem(tr("Fashion-MNIST clothes"));
    m_dataset->setToolTip(tr("MNIST: 60,000 training and 10,000 test images of handwritten digits, "
                             "28×28 pixels. Fashion-MNIST: the same shapes, but pictures of "
                             "clothes — harder to learn."));
    dataForm->addRow(tr("Dataset"), m_dataset);
    m_subset = new QSpinBox;
    m_subset->setObjectName(QStringLiteral("subset"));
    m_subset->setRange(0, 60000);
    m_subset->setSingleStep(1000);
    m_subset->setSpecialValueText(tr("all images"));
    m_subset->setToolTip(tr("Train on only the first N images. With few images (say 1,000) a "
                            "large network memorises them: training accuracy rises while "
                            "validation accuracy stalls — that is overfitting."));
    dataForm->addRow(tr("Training images"), m_subset);
    m_validationSplit = new QDoubleSpinBox;
    m_validationSplit->setObjectName(QStringLiteral("validationSplit"));
    m_validationSplit->setRange(0.0, 0.5);
    m_validationSplit->setSingleStep(0.05);
    m_validationSplit->setToolTip(tr("Keep this fraction of the training images aside (the last "
                                     "ones, as Keras does) to measure how well the network does "
                                     "on images it never trained on."));
    dataForm->addRow(tr("Validation split"), m_validationSplit);
    m_validateOnTest = new QCheckBox;
    m_validateOnTest->setObjectName(QStringLiteral("validateOnTest"));
    m_validateOnTest->setToolTip(tr("Use the 10,000 test images as validation data after every "
                                    "epoch, like validation_data=(x_test, y_test) in Keras."));
    dataLayout->addWidget(wrappedCheckBox(m_validateOnTest, tr("Validate on the test set")));
    m_augment = new QCheckBox;
    m_augment->setObjectName(QStringLiteral("augment"));
    m_augment->setToolTip(tr("Distort every training image a little at random, every epoch. The "
                             "network then recognises digits drawn off-centre, tilted, small or "
                             "thick — like yours — at the cost of slower training."));
    dataLayout->addWidget(wrappedCheckBox(m_augment, tr("Augment (shift, rotate, scale, stroke width)")));
    m_mixOwn = new QCheckBox;
    m_mixOwn->setObjectName(QStringLiteral("mixOwn"));
    m_mixOwn->setToolTip(tr("Add the drawings you labelled on the Draw tab to the training images "
                            "(each one 20 times, so that a few drawings count among 60,000)."));
    dataLayout->addWidget(wrappedCheckBox(m_mixOwn, tr("Mix my drawings in")));
    outer->addWidget(dataBox);

    // Architecture
    auto *archBox = new QGroupBox(tr("Network"));
    auto *archLayout = new QVBoxLayout(archBox);
    m_input = new QLabel;
    m_input->setObjectName(QStringLiteral("inputLabel"));
    m_input->setWordWrap(true);
    archLayout->addWidget(m_input);
    m_layers = new QTableWidget(0, LayerColumnCount);
    m_layers->setObjectName(QStringLiteral("hiddenLayers"));
    m_layers->setHorizontalHeaderLabels(
        {tr("Layer"), tr("Size"), tr("Kernel"), tr("Stride"), tr("Padding"), tr("Activation")});
    m_layers->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_layers->horizontalHeader()->setStretchLastSection(true);
    m_layers->verticalHeader()->setVisible(false);
    m_layers->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_layers->setSelectionMode(QAbstractItemView::SingleSelection);
    m_layers->setMinimumHeight(110);
    m_layers->setMaximumHeight(220);
    m_layers->setToolTip(tr("The layers between the input and the output, in order. Dense: every "
                            "neuron sees all values of the previous layer, z = Σ wᵢxᵢ + b. Conv2D: "
                            "small filters slide over the image. Pooling shrinks the maps. Flatten "
                            "turns the maps into one row of numbers for Dense layers."));
    archLayout->addWidget(m_layers);
    auto *layerButtons = new FlowLayout;
    m_addLayer = new QPushButton(tr("Add layer"));
    m_addLayer->setObjectName(QStringLiteral("addLayer"));
    m_addLayer->setToolTip(tr("Add a layer after the selected one (at the end when none is "
                              "selected); choose its kind in the first column."));
    m_removeLayer = new QPushButton(tr("Remove layer"));
    m_removeLayer->setObjectName(QStringLiteral("removeLayer"));
    m_removeLayer->setToolTip(tr("Remove the selected (or last) hidden layer."));
    auto *smallCnn = new QPushButton(tr("Small CNN"));
    smallCnn->setObjectName(QStringLiteral("smallCnnPreset"));
    smallCnn->setToolTip(tr("A small convolutional network: Conv2D 8 filters 3×3 → max pooling → "
                            "Conv2D 16 filters 3×3 → max pooling → Flatten → Dense 10. About "
                            "5,000 parameters, a twentieth of the course model."));
    layerButtons->addWidget(m_addLayer);
    layerButtons->addWidget(m_removeLayer);
    layerButtons->addWidget(smallCnn);
    archLayout->addLayout(layerButtons);
    auto *output = new QLabel(tr("Output: 10 neurons, softmax (one probability per class)"));
    output->setWordWrap(true);
    archLayout->addWidget(output);
    m_problem = new QLabel;
    m_problem->setObjectName(QStringLiteral("stackProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("QLabel { color: #b00020; font-weight: bold; }"));
    m_problem->hide();
    archLayout->addWidget(m_problem);
    m_costs = new QTableWidget(0, CostColumnCount);
    m_costs->setObjectName(QStringLiteral("layerCosts"));
    m_costs->setHorizontalHeaderLabels(
        {tr("Layer"), tr("Output shape"), tr("Parameters"), tr("MACs"), tr("Activation RAM")});
    m_costs->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_costs->horizontalHeader()->setStretchLastSection(false); // a narrow pane scrolls the table, never cuts a title
    m_costs->verticalHeader()->setVisible(false);
    m_costs->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_costs->setSelectionMode(QAbstractItemView::NoSelection);
    m_costs->setFocusPolicy(Qt::NoFocus);
    m_costs->setMinimumHeight(110);
    m_costs->setMaximumHeight(240);
    m_costs->setToolTip(tr("What each layer makes of one image: the shape of its output "
                           "(height × width × channels), its weights and biases, its "
                           "multiply-adds, and the RAM its output takes as float32."));
    archLayout->addWidget(m_costs);
    auto *kerasRow = new QHBoxLayout;
    kerasRow->addWidget(new QLabel(tr("Keras:")));
    m_keras = new QLineEdit;
    m_keras->setObjectName(QStringLiteral("kerasLine"));
    m_keras->setReadOnly(true);
    m_keras->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_keras->setToolTip(tr("These layers in Keras's words: paste them into tf.keras.Sequential([...]) "
                           "in Colab with tf.keras.layers. before each, or give them to "
                           "tinyml train --layers."));
    kerasRow->addWidget(m_keras, 1);
    auto *copyKeras = new QPushButton(tr("Copy"));
    copyKeras->setObjectName(QStringLiteral("copyKeras"));
    copyKeras->setToolTip(tr("Copy the layers in Keras's words to the clipboard."));
    kerasRow->addWidget(copyKeras);
    archLayout->addLayout(kerasRow);
    connect(copyKeras, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_keras->text()); });
    connect(smallCnn, &QPushButton::clicked, this, &NetworkEditor::applySmallCnnPreset);
    auto *archForm = new QFormLayout;
    archForm->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_init = new ElidingComboBox;
    m_init->addItem(tr("Glorot uniform (Keras default)"), int(core::Initializer::GlorotUniform));
    m_init->addItem(tr("He normal"), int(core::Initializer::HeNormal));
    m_init->addItem(tr("Zeros"), int(core::Initializer::Zeros));
    m_init->setToolTip(tr("How the weights start. Random starts break the symmetry between "
                          "neurons; all zeros makes every neuron of a layer learn the same thing."));
    archForm->addRow(tr("Initial weights"), m_init);
    m_loss = new ElidingComboBox;
    m_loss->addItem(tr("Cross-entropy"), int(core::LossKind::SparseCategoricalCrossentropy));
    m_loss->addItem(tr("Mean squared error"), int(core::LossKind::MeanSquaredError));
    m_loss->setToolTip(tr("What the network minimises. Cross-entropy −log p(correct class) suits "
                          "classification; mean squared error compares the outputs with one-hot "
                          "targets and learns more slowly."));
    archForm->addRow(tr("Loss"), m_loss);
    archLayout->addLayout(archForm);
    outer->addWidget(archBox);

    // Training
    auto *trainBox = new QGroupBox(tr("Training"));
    auto *trainForm = new QFormLayout(trainBox);
    trainForm->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_optimizer = new ElidingComboBox;
    m_optimizer->setObjectName(QStringLiteral("optimizer"));
    for (auto o : {OptimizerKind::Adam, OptimizerKind::Sgd, OptimizerKind::Momentum,
                   OptimizerKind::RmsProp})
        m_optimizer->addItem(optimizerName(o), int(o));
    m_optimizer->setToolTip(tr("How the weights move against the gradient. SGD takes plain steps; "
                               "momentum keeps some speed from step to step; RMSprop and Adam adapt "
                               "the step of each weight."));
    trainForm->addRow(tr("Optimizer"), m_optimizer);
    m_learningRate = new QDoubleSpinBox;
    m_learningRate->setObjectName(QStringLiteral("learningRate"));
    m_learningRate->setDecimals(5);
    m_learningRate->setRange(0.00001, 100.0);
    m_learningRate->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    m_learningRate->setToolTip(tr("The size of each step. Too high and the loss jumps around or "
                                  "explodes (diverges); too low and learning crawls."));
    trainForm->addRow(tr("Learning rate"), m_learningRate);
    m_momentum = new QDoubleSpinBox;
    m_momentum->setRange(0.0, 0.999);
    m_momentum->setSingleStep(0.05);
    m_momentum->setDecimals(3);
    m_momentum->setToolTip(tr("How much of the previous step is kept (0.9: most of it)."));
    trainForm->addRow(tr("Momentum"), m_momentum);
    m_nesterov = new QCheckBox;
    m_nesterov->setToolTip(tr("Look ahead: take the gradient where momentum is about to carry "
                              "the weights."));
    trainForm->addRow(wrappedCheckBox(m_nesterov, tr("Nesterov")));
    m_batchSize = new QSpinBox;
    m_batchSize->setObjectName(QStringLiteral("batchSize"));
    m_batchSize->setRange(1, 4096);
    m_batchSize->setToolTip(tr("How many images are averaged for one weight update. 32 images: "
                               "60,000 / 32 = 1,875 updates per epoch."));
    trainForm->addRow(tr("Batch size"), m_batchSize);
    m_epochs = new QSpinBox;
    m_epochs->setObjectName(QStringLiteral("epochs"));
    m_epochs->setRange(1, 1000);
    m_epochs->setToolTip(tr("One epoch is one pass over all training images, in a new random "
                            "order each time."));
    trainForm->addRow(tr("Epochs"), m_epochs);
    m_l2 = new QDoubleSpinBox;
    m_l2->setObjectName(QStringLiteral("l2"));
    m_l2->setDecimals(5);
    m_l2->setRange(0.0, 0.1);
    m_l2->setSingleStep(0.0001);
    m_l2->setToolTip(tr("Adds λ·Σw² to the loss, pulling weights towards zero: simpler models "
                        "that overfit less."));
    trainForm->addRow(tr("L2 regularisation λ"), m_l2);
    m_dropout = new QDoubleSpinBox;
    m_dropout->setObjectName(QStringLiteral("dropout"));
    m_dropout->setRange(0.0, 0.9);
    m_dropout->setSingleStep(0.05);
    m_dropout->setToolTip(tr("While training, switch off this fraction of hidden neurons at "
                             "random, so that no neuron can rely on another: less overfitting."));
    trainForm->addRow(tr("Dropout"), m_dropout);
    m_patience = new QSpinBox;
    m_patience->setObjectName(QStringLiteral("patience"));
    m_patience->setRange(0, 100);
    m_patience->setSpecialValueText(tr("off"));
    m_patience->setToolTip(tr("Early stopping: stop when the validation loss has not improved for "
                              "this many epochs, and go back to the best weights."));
    trainForm->addRow(tr("Early stopping patience"), m_patience);
    m_seed = new QSpinBox;
    m_seed->setObjectName(QStringLiteral("seed"));
    m_seed->setRange(0, 1000000);
    m_seed->setToolTip(tr("The random seed of the initial weights, the shuffling and dropout. The "
                          "same seed gives exactly the same run."));
    trainForm->addRow(tr("Seed"), m_seed);
    outer->addWidget(trainBox);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setToolTip(tr("What this network costs: its parameters, the Flash memory that "
                             "holds them on a microcontroller, and the RAM for the activations."));
    outer->addStretch();

    connect(m_addLayer, &QPushButton::clicked, this, [this] {
        const int row = m_layers->currentRow() >= 0 ? m_layers->currentRow() + 1 : -1;
        insertLayer(row, core::LayerSpec::dense(64, Activation::Relu));
        emit changed();
    });
    connect(m_removeLayer, &QPushButton::clicked, this, [this] {
        if (m_layers->rowCount() == 0)
            return;
        const int row = m_layers->currentRow() >= 0 ? m_layers->currentRow() : m_layers->rowCount() - 1;
        m_layers->removeRow(row);
        emit changed();
    });
    connect(m_optimizer, &QComboBox::currentIndexChanged, this, [this] {
        const auto kind = OptimizerKind(m_optimizer->currentData().toInt());
        m_learningRate->setValue(double(core::OptimizerSpec::defaultsFor(kind).learningRate));
        updateOptimizerFields();
    });
    connect(m_dataset, &QComboBox::currentIndexChanged, this, &NetworkEditor::datasetChanged);
    for (auto *spin : findChildren<QSpinBox *>())
        connect(spin, &QSpinBox::valueChanged, this, &NetworkEditor::changed);
    for (auto *spin : findChildren<QDoubleSpinBox *>())
        connect(spin, &QDoubleSpinBox::valueChanged, this, &NetworkEditor::changed);
    for (auto *combo : findChildren<QComboBox *>())
        connect(combo, &QComboBox::currentIndexChanged, this, &NetworkEditor::changed);
    for (auto *check : findChildren<QCheckBox *>())
        connect(check, &QCheckBox::toggled, this, &NetworkEditor::changed);
    connect(this, &NetworkEditor::changed, this, &NetworkEditor::updateSummary);
    restoreDefaults();
}

namespace {

constexpr int kImageSide = 28;

core::LayerSpec defaultLayer(core::LayerKind kind)
{
    using core::LayerSpec;
    switch (kind) {
    case core::LayerKind::Dense:
        return LayerSpec::dense(64, Activation::Relu);
    case core::LayerKind::Conv2D:
        return LayerSpec::conv2d(8, 3, Activation::Relu);
    case core::LayerKind::DepthwiseConv2D:
        return LayerSpec::depthwiseConv2d(3, Activation::Relu);
    case core::LayerKind::MaxPooling2D:
        return LayerSpec::maxPooling2d(2);
    case core::LayerKind::AveragePooling2D:
        return LayerSpec::averagePooling2d(2);
    case core::LayerKind::Flatten:
        return LayerSpec::flatten();
    case core::LayerKind::Dropout:
        return LayerSpec::dropout(0.25f);
    }
    return LayerSpec::flatten();
}

QString kindTip(core::LayerKind kind)
{
    switch (kind) {
    case core::LayerKind::Dense:
        return NetworkEditor::tr("Dense: every neuron is connected to every value of the previous "
                                 "layer.");
    case core::LayerKind::Conv2D:
        return NetworkEditor::tr("Conv2D: each filter slides a small window over all channels of "
                                 "the image and makes one feature map.");
    case core::LayerKind::DepthwiseConv2D:
        return NetworkEditor::tr("DepthwiseConv2D: one small filter per channel, each channel on "
                                 "its own: few weights (MobileNet's building block).");
    case core::LayerKind::MaxPooling2D:
        return NetworkEditor::tr("MaxPooling2D: keeps the largest value of each window; halves "
                                 "height and width with a 2×2 pool.");
    case core::LayerKind::AveragePooling2D:
        return NetworkEditor::tr("AveragePooling2D: keeps the mean of each window.");
    case core::LayerKind::Flatten:
        return NetworkEditor::tr("Flatten: writes the feature maps as one row of numbers, for the "
                                 "Dense layers after it.");
    case core::LayerKind::Dropout:
        return NetworkEditor::tr("Dropout: while training, switches off this fraction of its "
                                 "inputs at random.");
    }
    return {};
}

const core::LayerKind kLayerKinds[] = {
    core::LayerKind::Dense,        core::LayerKind::Conv2D,
    core::LayerKind::DepthwiseConv2D, core::LayerKind::MaxPooling2D,
    core::LayerKind::AveragePooling2D, core::LayerKind::Flatten,
    core::LayerKind::Dropout};

QString kindName(core::LayerKind kind)
{
    const auto name = core::toString(kind);
    return QString::fromLatin1(name.data(), qsizetype(name.size()));
}

} // namespace

QString shapeText(const core::Shape &shape)
{
    const QLocale locale;
    if (!shape.image)
        return locale.toString(qlonglong(shape.size()));
    return QStringLiteral("%1 × %2 × %3")
        .arg(locale.toString(shape.height), locale.toString(shape.width),
             locale.toString(shape.channels));
}

void NetworkEditor::insertLayer(int row, const core::LayerSpec &layer)
{
    if (row < 0 || row > m_layers->rowCount())
        row = m_layers->rowCount();
    m_layers->insertRow(row);
    auto *kind = new ElidingComboBox(8);
    kind->setObjectName(QStringLiteral("kind"));
    for (core::LayerKind k : kLayerKinds) {
        kind->addItem(kindName(k), int(k));
        kind->setItemData(kind->count() - 1, kindTip(k), Qt::ToolTipRole);
    }
    kind->setCurrentIndex(kind->findData(int(layer.kind)));
    kind->setToolTip(kindTip(layer.kind));
    m_layers->setCellWidget(row, KindColumn, kind);
    connect(kind, &QComboBox::currentIndexChanged, this, [this, kind] {
        const int r = rowOf(kind, KindColumn);
        if (r < 0)
            return;
        const auto k = core::LayerKind(kind->currentData().toInt());
        kind->setToolTip(kindTip(k));
        setRowWidgets(r, defaultLayer(k));
        emit changed();
    });
    setRowWidgets(row, layer);
}

int NetworkEditor::rowOf(const QWidget *cellWidget, int column) const
{
    for (int r = 0; r < m_layers->rowCount(); ++r)
        if (m_layers->cellWidget(r, column) == cellWidget)
            return r;
    return -1;
}

void NetworkEditor::setRowWidgets(int row, const core::LayerSpec &layer)
{
    using core::LayerKind;
    for (int c = SizeColumn; c < LayerColumnCount; ++c)
        m_layers->removeCellWidget(row, c);
    const bool convolution = layer.kind == LayerKind::Conv2D || layer.kind == LayerKind::DepthwiseConv2D;
    const bool pooling = layer.kind == LayerKind::MaxPooling2D || layer.kind == LayerKind::AveragePooling2D;
    if (layer.kind == LayerKind::Dense || layer.kind == LayerKind::Conv2D) {
        auto *size = new QSpinBox;
        size->setObjectName(QStringLiteral("units"));
        size->setRange(1, 4096);
        size->setValue(layer.units);
        size->setToolTip(layer.kind == LayerKind::Dense
                             ? tr("Neurons in this layer: more can learn more, but cost Flash, RAM "
                                  "and time.")
                             : tr("Filters: how many feature maps this layer makes. Each filter "
                                  "has kernel × kernel × input channels weights and one bias."));
        connect(size, &QSpinBox::valueChanged, this, &NetworkEditor::changed);
        m_layers->setCellWidget(row, SizeColumn, size);
    } else if (layer.kind == LayerKind::Dropout) {
        auto *rate = new QDoubleSpinBox;
        rate->setObjectName(QStringLiteral("rate"));
        rate->setRange(0.0, 0.9);
        rate->setSingleStep(0.05);
        rate->setValue(double(layer.rate));
        rate->setToolTip(tr("The fraction of values switched off at random while training."));
        connect(rate, &QDoubleSpinBox::valueChanged, this, &NetworkEditor::changed);
        m_layers->setCellWidget(row, SizeColumn, rate);
    }
    if (convolution || pooling) {
        auto *kernel = new QSpinBox;
        kernel->setObjectName(QStringLiteral("kernel"));
        kernel->setRange(1, kImageSide);
        kernel->setValue(layer.kernel);
        kernel->setToolTip(pooling ? tr("Pool size: each output value stands for a window of this "
                                        "many pixels squared; the window steps by its size.")
                                   : tr("Kernel size: the filter looks at a window of this many "
                                        "pixels squared (3: 3×3)."));
        connect(kernel, &QSpinBox::valueChanged, this, &NetworkEditor::changed);
        m_layers->setCellWidget(row, KernelColumn, kernel);
    }
    if (convolution) {
        auto *stride = new QComboBox;
        stride->setObjectName(QStringLiteral("stride"));
        stride->addItem(QLocale().toString(1), 1);
        stride->addItem(QLocale().toString(2), 2);
        stride->setCurrentIndex(stride->findData(layer.stride == 2 ? 2 : 1));
        stride->setToolTip(tr("How far the window moves each step: 2 halves height and width."));
        connect(stride, &QComboBox::currentIndexChanged, this, &NetworkEditor::changed);
        m_layers->setCellWidget(row, StrideColumn, stride);
        auto *padding = new ElidingComboBox(4);
        padding->setObjectName(QStringLiteral("padding"));
        padding->addItem(tr("valid"), int(core::Padding::Valid));
        padding->addItem(tr("same"), int(core::Padding::Same));
        padding->setCurrentIndex(padding->findData(int(layer.padding)));
        padding->setToolTip(tr("valid: the window stays inside the image, which shrinks by "
                               "kernel − 1. same: zeros around the border keep its size."));
        connect(padding, &QComboBox::currentIndexChanged, this, &NetworkEditor::changed);
        m_layers->setCellWidget(row, PaddingColumn, padding);
    }
    if (layer.kind == LayerKind::Dense || convolution) {
        auto *act = new ElidingComboBox(6);
        act->setObjectName(QStringLiteral("activation"));
        for (Activation a : kHiddenActivations)
            act->addItem(activationName(a), int(a));
        act->setCurrentIndex(std::max(0, act->findData(int(layer.activation))));
        act->setToolTip(tr("f in y = f(z). ReLU: max(0, z); sigmoid: 1/(1+e^−z); tanh: between −1 "
                           "and 1; leaky ReLU lets a little through below zero."));
        connect(act, &QComboBox::currentIndexChanged, this, &NetworkEditor::changed);
        m_layers->setCellWidget(row, ActivationColumn, act);
    }
}

core::LayerSpec NetworkEditor::layerAt(int row) const
{
    const auto *kind = static_cast<QComboBox *>(m_layers->cellWidget(row, KindColumn));
    core::LayerSpec layer = defaultLayer(core::LayerKind(kind->currentData().toInt()));
    if (auto *size = qobject_cast<QSpinBox *>(m_layers->cellWidget(row, SizeColumn)))
        layer.units = size->value();
    if (auto *rate = qobject_cast<QDoubleSpinBox *>(m_layers->cellWidget(row, SizeColumn)))
        layer.rate = float(rate->value());
    if (auto *kernel = qobject_cast<QSpinBox *>(m_layers->cellWidget(row, KernelColumn))) {
        layer.kernel = kernel->value();
        if (!layer.hasParameters())
            layer.stride = layer.kernel; // pooling steps by its size, as Keras's default
    }
    if (auto *stride = qobject_cast<QComboBox *>(m_layers->cellWidget(row, StrideColumn)))
        layer.stride = stride->currentData().toInt();
    if (auto *padding = qobject_cast<QComboBox *>(m_layers->cellWidget(row, PaddingColumn)))
        layer.padding = core::Padding(padding->currentData().toInt());
    if (auto *act = qobject_cast<QComboBox *>(m_layers->cellWidget(row, ActivationColumn)))
        layer.activation = Activation(act->currentData().toInt());
    return layer;
}

int NetworkEditor::hiddenLayerCount() const { return m_layers->rowCount(); }

void NetworkEditor::setHiddenLayers(const std::vector<core::LayerSpec> &layers)
{
    {
        const QSignalBlocker block(this);
        m_layers->setRowCount(0);
        for (const auto &l : layers)
            insertLayer(-1, l);
    }
    emit changed();
}

void NetworkEditor::applySmallCnnPreset()
{
    core::ModelSpec s = smallCnnSpec();
    s.initializer = core::Initializer(m_init->currentData().toInt());
    setSpec(s);
}

QString NetworkEditor::kerasLine() const
{
    QStringList parts;
    for (const auto &l : spec().layers)
        parts << QString::fromStdString(core::toKeras(l));
    return parts.join(QStringLiteral(", "));
}

core::ModelSpec NetworkEditor::spec() const
{
    core::ModelSpec s;
    for (int r = 0; r < m_layers->rowCount(); ++r)
        s.layers.push_back(layerAt(r));
    // A stack starting with Dense (after any Dropout) reads the 784 values, as the course model
    // and model file version 1 do (and `tinyml train --layers`); any other the 28x28 image.
    const auto first = std::find_if(s.layers.begin(), s.layers.end(), [](const core::LayerSpec &l) {
        return l.kind != core::LayerKind::Dropout;
    });
    const bool image = first != s.layers.end() && first->kind != core::LayerKind::Dense;
    s.layers.push_back({10, Activation::Softmax});
    if (image)
        s.inputShape = core::Shape::hwc(kImageSide, kImageSide, 1);
    s.inputSize = kImageSide * kImageSide;
    s.initializer = core::Initializer(m_init->currentData().toInt());
    s.loss = core::LossKind(m_loss->currentData().toInt());
    s.l2 = float(m_l2->value());
    s.dropout = float(m_dropout->value());
    s.optimizer = core::OptimizerSpec::defaultsFor(OptimizerKind(m_optimizer->currentData().toInt()));
    s.optimizer.learningRate = float(m_learningRate->value());
    if (s.optimizer.kind == OptimizerKind::Momentum) {
        s.optimizer.momentum = float(m_momentum->value());
        s.optimizer.nesterov = m_nesterov->isChecked();
    }
    return s;
}

core::TrainConfig NetworkEditor::config() const
{
    core::TrainConfig c;
    c.epochs = m_epochs->value();
    c.batchSize = m_batchSize->value();
    c.validationSplit = m_validateOnTest->isChecked() ? 0.0f : float(m_validationSplit->value());
    c.validateOnTest = m_validateOnTest->isChecked();
    c.earlyStoppingPatience = m_patience->value();
    c.seed = std::uint64_t(m_seed->value());
    c.trainSubset = m_subset->value();
    c.augment = m_augment->isChecked();
    return c;
}

bool NetworkEditor::useFashion() const { return m_dataset->currentIndex() == 1; }

bool NetworkEditor::mixOwnDigits() const { return m_mixOwn->isChecked() && !useFashion(); }

void NetworkEditor::setSpec(const core::ModelSpec &s)
{
    {
        const QSignalBlocker block(this);
        m_layers->setRowCount(0);
        for (std::size_t l = 0; l + 1 < s.layers.size(); ++l)
            insertLayer(-1, s.layers[l]);
        m_init->setCurrentIndex(m_init->findData(int(s.initializer)));
        m_loss->setCurrentIndex(m_loss->findData(int(s.loss)));
        m_optimizer->setCurrentIndex(m_optimizer->findData(int(s.optimizer.kind)));
        m_learningRate->setValue(double(s.optimizer.learningRate));
        m_momentum->setValue(double(s.optimizer.momentum));
        m_nesterov->setChecked(s.optimizer.nesterov);
        m_l2->setValue(double(s.l2));
        m_dropout->setValue(double(s.dropout));
        updateOptimizerFields();
    }
    emit changed();
}

void NetworkEditor::setConfig(const core::TrainConfig &c)
{
    m_epochs->setValue(c.epochs);
    m_batchSize->setValue(c.batchSize);
    m_validationSplit->setValue(double(c.validationSplit));
    m_validateOnTest->setChecked(c.validateOnTest);
    m_patience->setValue(c.earlyStoppingPatience);
    m_seed->setValue(int(c.seed));
    m_subset->setValue(c.trainSubset);
    m_augment->setChecked(c.augment);
}

void NetworkEditor::restoreDefaults()
{
    setSpec(core::ModelSpec::courseModel());
    setConfig(core::TrainConfig{});
    m_dataset->setCurrentIndex(0);
}

void NetworkEditor::updateOptimizerFields()
{
    const bool momentum = OptimizerKind(m_optimizer->currentData().toInt()) == OptimizerKind::Momentum;
    m_momentum->setEnabled(momentum);
    m_nesterov->setEnabled(momentum);
}

void NetworkEditor::updateSummary()
{
    m_validationSplit->setEnabled(!m_validateOnTest->isChecked());
    const core::ModelSpec s = spec();
    m_input->setText(s.inputShape ? tr("Input: a 28×28 image, 1 channel (grey)")
                                  : tr("Input: 784 pixels (28×28)"));
    m_keras->setText(kerasLine());
    m_keras->setCursorPosition(0);
    int badLayer = -1;
    m_problemText.clear();
    try {
        s.validate();
    } catch (const core::Error &e) {
        m_problemText = errorText(e);
        badLayer = e.args().index ? int(*e.args().index) : 0;
    }
    m_problem->setText(m_problemText);
    m_problem->setVisible(!m_problemText.isEmpty());
    for (int r = 0; r < m_layers->rowCount(); ++r)
        if (auto *kind = m_layers->cellWidget(r, KindColumn))
            kind->setStyleSheet(r == badLayer ? QStringLiteral("QComboBox { color: #b00020; }")
                                              : QString());
    // Kernel, stride and padding only when a layer has them: a dense stack's table stays narrow.
    for (int c : {KernelColumn, StrideColumn, PaddingColumn}) {
        bool used = false;
        for (int r = 0; r < m_layers->rowCount() && !used; ++r)
            used = m_layers->cellWidget(r, c) != nullptr;
        m_layers->setColumnHidden(c, !used);
    }
    updateCosts(s, m_problemText.isEmpty() ? -1 : badLayer);
    if (!m_problemText.isEmpty()) {
        m_summary->setText(tr("<b>This network cannot be built.</b><br>%1")
                               .arg(m_problemText.toHtmlEscaped()));
        return;
    }
    const core::ModelBudget b = core::modelBudget(s);
    QStringList shape{shapeText(s.inputTensorShape())};
    for (std::size_t l = 0; l < s.layers.size(); ++l)
        if (s.layers[l].kind != core::LayerKind::Dropout)
            shape << shapeText(s.outputShape(l));
    m_summary->setText(tr("<b>%1</b><br>%2 parameters · %3 multiply-adds per image<br>"
                          "Flash: %4 as float32, %5 as int8<br>Activation RAM: %6 float32, %7 int8")
                           .arg(shape.join(QStringLiteral(" → ")))
                           .arg(QLocale().toString(qlonglong(b.parameters)))
                           .arg(QLocale().toString(qlonglong(b.macs)))
                           .arg(formatBytes(b.flashFloat32), formatBytes(b.flashInt8), formatBytes(b.ramFloat32),
                                formatBytes(b.ramInt8)));
}

void NetworkEditor::updateCosts(const core::ModelSpec &s, int badLayer)
{
    const QLocale locale;
    const int rows = int(s.layers.size()) + 1;
    m_costs->setRowCount(rows);
    auto set = [this](int row, int column, const QString &text, bool bad) {
        auto *item = new QTableWidgetItem(text);
        if (column != CostLayer)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (bad)
            item->setForeground(QColor(0xb0, 0x00, 0x20));
        m_costs->setItem(row, column, item);
    };
    set(0, CostLayer, tr("Input"), false);
    set(0, CostShape, shapeText(s.inputTensorShape()), false);
    set(0, CostParameters, locale.toString(0), false);
    set(0, CostMacs, locale.toString(0), false);
    set(0, CostRam, formatBytes(s.inputTensorShape().size() * std::int64_t(sizeof(float))), false);
    const QString unknown = QStringLiteral("—");
    for (std::size_t l = 0; l < s.layers.size(); ++l) {
        const int row = int(l) + 1;
        const bool known = badLayer < 0 || int(l) < badLayer;
        const bool bad = int(l) == badLayer;
        QString name = QStringLiteral("%1 %2").arg(locale.toString(row), kindName(s.layers[l].kind));
        if (l + 1 == s.layers.size())
            name = tr("%1 (output)").arg(name);
        set(row, CostLayer, name, bad);
        set(row, CostShape, known ? shapeText(s.outputShape(l)) : unknown, bad);
        set(row, CostParameters, known ? locale.toString(qlonglong(s.layerParameters(l))) : unknown, bad);
        set(row, CostMacs, known ? locale.toString(qlonglong(s.layerMacs(l))) : unknown, bad);
        set(row, CostRam, known ? formatBytes(s.layerActivationBytes(l)) : unknown, bad);
    }
}

} // namespace tinyml::ui
