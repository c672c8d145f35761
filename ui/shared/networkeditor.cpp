// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shared/networkeditor.h"

#include "core/deploy/budget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

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
    auto *dataForm = new QFormLayout(dataBox);
    m_dataset = new QComboBox;
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
    m_validateOnTest = new QCheckBox(tr("Validate on the test set"));
    m_validateOnTest->setObjectName(QStringLiteral("validateOnTest"));
    m_validateOnTest->setToolTip(tr("Use the 10,000 test images as validation data after every "
                                    "epoch, like validation_data=(x_test, y_test) in Keras."));
    dataForm->addRow(QString(), m_validateOnTest);
    m_augment = new QCheckBox(tr("Augment (shift, rotate, scale, stroke width)"));
    m_augment->setObjectName(QStringLiteral("augment"));
    m_augment->setToolTip(tr("Distort every training image a little at random, every epoch. The "
                             "network then recognises digits drawn off-centre, tilted, small or "
                             "thick — like yours — at the cost of slower training."));
    dataForm->addRow(QString(), m_augment);
    m_mixOwn = new QCheckBox(tr("Mix my drawings in"));
    m_mixOwn->setObjectName(QStringLiteral("mixOwn"));
    m_mixOwn->setToolTip(tr("Add the drawings you labelled on the Draw tab to the training images "
                            "(each one 20 times, so that a few drawings count among 60,000)."));
    dataForm->addRow(QString(), m_mixOwn);
    outer->addWidget(dataBox);

    // Architecture
    auto *archBox = new QGroupBox(tr("Network"));
    auto *archLayout = new QVBoxLayout(archBox);
    archLayout->addWidget(new QLabel(tr("Input: 784 pixels (28×28)")));
    m_layers = new QTableWidget(0, 2);
    m_layers->setObjectName(QStringLiteral("hiddenLayers"));
    m_layers->setHorizontalHeaderLabels({tr("Neurons"), tr("Activation")});
    m_layers->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_layers->verticalHeader()->setVisible(false);
    m_layers->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_layers->setMinimumHeight(90);
    m_layers->setMaximumHeight(150);
    m_layers->setToolTip(tr("Hidden layers, from the input to the output. Each neuron computes "
                            "z = Σ wᵢxᵢ + b over all outputs of the previous layer, then y = f(z)."));
    archLayout->addWidget(m_layers);
    auto *layerButtons = new QHBoxLayout;
    m_addLayer = new QPushButton(tr("Add layer"));
    m_addLayer->setObjectName(QStringLiteral("addLayer"));
    m_addLayer->setToolTip(tr("Add a hidden layer before the output: a deeper network."));
    m_removeLayer = new QPushButton(tr("Remove layer"));
    m_removeLayer->setObjectName(QStringLiteral("removeLayer"));
    m_removeLayer->setToolTip(tr("Remove the selected (or last) hidden layer."));
    layerButtons->addWidget(m_addLayer);
    layerButtons->addWidget(m_removeLayer);
    archLayout->addLayout(layerButtons);
    archLayout->addWidget(new QLabel(tr("Output: 10 neurons, softmax (one probability per class)")));
    auto *archForm = new QFormLayout;
    m_init = new QComboBox;
    m_init->addItem(tr("Glorot uniform (Keras default)"), int(core::Initializer::GlorotUniform));
    m_init->addItem(tr("He normal"), int(core::Initializer::HeNormal));
    m_init->addItem(tr("Zeros"), int(core::Initializer::Zeros));
    m_init->setToolTip(tr("How the weights start. Random starts break the symmetry between "
                          "neurons; all zeros makes every neuron of a layer learn the same thing."));
    archForm->addRow(tr("Initial weights"), m_init);
    m_loss = new QComboBox;
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
    m_optimizer = new QComboBox;
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
    m_nesterov = new QCheckBox(tr("Nesterov"));
    m_nesterov->setToolTip(tr("Look ahead: take the gradient where momentum is about to carry "
                              "the weights."));
    trainForm->addRow(QString(), m_nesterov);
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
        addLayer(64, Activation::Relu);
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

void NetworkEditor::addLayer(int units, Activation activation)
{
    const int row = m_layers->rowCount();
    m_layers->insertRow(row);
    auto *size = new QSpinBox;
    size->setRange(1, 4096);
    size->setValue(units);
    size->setToolTip(tr("Neurons in this layer: more can learn more, but cost Flash, RAM and time."));
    connect(size, &QSpinBox::valueChanged, this, &NetworkEditor::changed);
    m_layers->setCellWidget(row, 0, size);
    auto *act = new QComboBox;
    for (Activation a : kHiddenActivations)
        act->addItem(activationName(a), int(a));
    act->setCurrentIndex(act->findData(int(activation)));
    act->setToolTip(tr("f in y = f(z). ReLU: max(0, z); sigmoid: 1/(1+e^−z); tanh: between −1 "
                       "and 1; leaky ReLU lets a little through below zero."));
    connect(act, &QComboBox::currentIndexChanged, this, &NetworkEditor::changed);
    m_layers->setCellWidget(row, 1, act);
}

int NetworkEditor::hiddenLayerCount() const { return m_layers->rowCount(); }

void NetworkEditor::setHiddenLayers(const std::vector<core::LayerSpec> &layers)
{
    m_layers->setRowCount(0);
    for (const auto &l : layers)
        addLayer(l.units, l.activation);
    emit changed();
}

core::ModelSpec NetworkEditor::spec() const
{
    core::ModelSpec s;
    for (int r = 0; r < m_layers->rowCount(); ++r) {
        const auto *size = static_cast<QSpinBox *>(m_layers->cellWidget(r, 0));
        const auto *act = static_cast<QComboBox *>(m_layers->cellWidget(r, 1));
        s.layers.push_back({size->value(), Activation(act->currentData().toInt())});
    }
    s.layers.push_back({10, Activation::Softmax});
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
            addLayer(s.layers[l].units, s.layers[l].activation);
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
    const core::ModelBudget b = core::modelBudget(s);
    QStringList shape{QStringLiteral("784")};
    for (const auto &l : s.layers)
        shape << QString::number(l.units);
    m_summary->setText(tr("<b>%1</b><br>%2 parameters · %3 multiply-adds per image<br>"
                          "Flash: %4 as float32, %5 as int8<br>Activation RAM: %6 float32, %7 int8")
                           .arg(shape.join(QStringLiteral(" → ")))
                           .arg(QLocale().toString(qlonglong(b.parameters)))
                           .arg(QLocale().toString(qlonglong(b.macs)))
                           .arg(formatBytes(b.flashFloat32), formatBytes(b.flashInt8), formatBytes(b.ramFloat32),
                                formatBytes(b.ramInt8)));
}

} // namespace tinyml::ui
