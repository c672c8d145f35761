// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/playground/playgroundpanel.h"

#include "ui/playground/playgroundviews.h"
#include "ui/shared/errortext.h"
#include "ui/shared/flowlayout.h"
#include "ui/shared/networkeditor.h"
#include "ui/shared/numbers.h"

#include "core/base/error.h"
#include "core/nn/activation.h"
#include "core/nn/network.h"

#include <qcustomplot.h>

#include <QFontMetrics>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTextDocument>
#include <QTimer>
#include <QVBoxLayout>

namespace tinyml::ui {

namespace {

constexpr std::uint32_t kX2Features
    = std::uint32_t(core::Feature::X2) | std::uint32_t(core::Feature::X2Squared)
      | std::uint32_t(core::Feature::X1TimesX2) | std::uint32_t(core::Feature::SinX2);

QString rateText(double v)
{
    return QLocale().toString(v, 'g', 6);
}

/// A factor of a product, in parentheses when negative: "(−0.18)".
QString factor(double v, int decimals)
{
    const QString text = localNumber(v, decimals);
    return v < 0 ? QStringLiteral("(%1)").arg(text) : text;
}

/// Selects the item whose data is v, adding one when there is none.
void selectValue(QComboBox *box, double v)
{
    for (int i = 0; i < box->count(); ++i)
        if (std::abs(box->itemData(i).toDouble() - v) <= 1e-9 + 1e-6 * std::abs(v)) {
            box->setCurrentIndex(i);
            return;
        }
    box->addItem(rateText(v), v);
    box->setCurrentIndex(box->count() - 1);
}

void selectData(QComboBox *box, int v)
{
    const int i = box->findData(v);
    if (i >= 0)
        box->setCurrentIndex(i);
}

} // namespace

PlaygroundPanel::PlaygroundPanel(QWidget *parent)
    : QWidget(parent), m_thread(new PlaygroundThread(this)), m_worker(m_thread->worker())
{
    setObjectName(QStringLiteral("playgroundPanel"));
    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(buildControls());
    split->addWidget(buildCentre());
    split->addWidget(buildRight());
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setStretchFactor(2, 1);
    split->setSizes({250, 520, 480});
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    connect(m_worker, &PlaygroundWorker::snapshotReady, this, &PlaygroundPanel::onSnapshot);
    connect(m_worker, &PlaygroundWorker::failed, this, &PlaygroundPanel::onFailed);
    connect(m_map, &PlanarMapView::hovered, this, &PlaygroundPanel::onMapHovered);
    connect(m_map, &PlanarMapView::left, this, [this] {
        m_mouse.reset();
        m_diagram->setPath({});
        updateFormula();
    });
    connect(m_map, &PlanarMapView::clicked, this, &PlaygroundPanel::onMapClicked);
    connect(m_diagram, &NeuronDiagramView::neuronSelected, this, [this] { updateFormula(); });

    core::PlaygroundConfig start;
    start.optimizer = core::OptimizerKind::Adam;
    applyConfig(start);
}

PlaygroundPanel::~PlaygroundPanel() = default;

QWidget *PlaygroundPanel::buildControls()
{
    auto *box = new QWidget;
    auto *column = new QVBoxLayout(box);

    auto *data = new QGroupBox(tr("Data"));
    auto *form = new QFormLayout(data);
    m_dataKind = new QComboBox;
    m_dataKind->setObjectName(QStringLiteral("dataKind"));
    m_dataKind->addItem(tr("Circle"), int(core::PlanarKind::Circle));
    m_dataKind->addItem(tr("XOR (four quadrants)"), int(core::PlanarKind::Xor));
    m_dataKind->addItem(tr("Two Gaussians"), int(core::PlanarKind::Gaussians));
    m_dataKind->addItem(tr("Spiral"), int(core::PlanarKind::Spiral));
    m_dataKind->addItem(tr("Regression: a 1-D function"), int(core::PlanarKind::Regression));
    m_dataKind->addItem(tr("Draw your own points"), int(core::PlanarKind::Custom));
    form->addRow(m_dataKind);
    m_noise = new QSlider(Qt::Horizontal);
    m_noise->setObjectName(QStringLiteral("noise"));
    m_noise->setRange(0, 100);
    m_noiseLabel = new QLabel;
    form->addRow(m_noiseLabel, m_noise);
    m_ratio = new QSlider(Qt::Horizontal);
    m_ratio->setObjectName(QStringLiteral("trainRatio"));
    m_ratio->setRange(10, 90);
    m_ratioLabel = new QLabel;
    form->addRow(m_ratioLabel, m_ratio);
    m_points = new QSpinBox;
    m_points->setObjectName(QStringLiteral("points"));
    m_points->setRange(10, core::PlaygroundConfig::kMaxPoints);
    m_points->setSingleStep(50);
    form->addRow(tr("Points"), m_points);
    m_seed = new QSpinBox;
    m_seed->setObjectName(QStringLiteral("seed"));
    m_seed->setRange(0, 999999);
    auto *regenerate = new QPushButton(tr("New data"));
    regenerate->setToolTip(tr("The same kind of data from the next seed"));
    auto *seedRow = new QHBoxLayout;
    seedRow->addWidget(m_seed, 1);
    seedRow->addWidget(regenerate);
    form->addRow(tr("Seed"), seedRow);
    m_clickAdds = new QComboBox;
    m_clickAdds->setObjectName(QStringLiteral("clickAdds"));
    m_clickAdds->addItem(tr("Clicks add orange points"), 0);
    m_clickAdds->addItem(tr("Clicks add blue points"), 1);
    m_clickAdds->addItem(tr("Clicks add nothing"), -1);
    m_clickAdds->setToolTip(
        tr("Click the map to add a training point (for regression: at the height you click)"));
    form->addRow(m_clickAdds);
    column->addWidget(data);

    auto *inputs = new QGroupBox(tr("Inputs"));
    auto *grid = new QGridLayout(inputs);
    for (int i = 0; i < core::kFeatureKinds; ++i) {
        m_features[std::size_t(i)] = new QCheckBox(featureName(i));
        m_features[std::size_t(i)]->setObjectName(QStringLiteral("feature%1").arg(i));
        grid->addWidget(m_features[std::size_t(i)], i / 2, i % 2);
        connect(m_features[std::size_t(i)], &QCheckBox::toggled, this,
                &PlaygroundPanel::onSettingsChanged);
    }
    column->addWidget(inputs);

    auto *training = new QGroupBox(tr("Training"));
    auto *tform = new QFormLayout(training);
    m_activation = new QComboBox;
    m_activation->setObjectName(QStringLiteral("activation"));
    for (auto a : {core::Activation::Tanh, core::Activation::Relu, core::Activation::Sigmoid,
                   core::Activation::LeakyRelu, core::Activation::Linear})
        m_activation->addItem(activationName(a), int(a));
    tform->addRow(tr("Activation"), m_activation);
    m_optimizer = new QComboBox;
    m_optimizer->setObjectName(QStringLiteral("optimizer"));
    m_optimizer->addItem(tr("SGD"), int(core::OptimizerKind::Sgd));
    m_optimizer->addItem(tr("Adam"), int(core::OptimizerKind::Adam));
    tform->addRow(tr("Optimizer"), m_optimizer);
    m_learningRate = new QComboBox;
    m_learningRate->setObjectName(QStringLiteral("learningRate"));
    for (double v : {0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0})
        m_learningRate->addItem(rateText(v), v);
    tform->addRow(tr("Learning rate"), m_learningRate);
    m_regularisation = new QComboBox;
    m_regularisation->setObjectName(QStringLiteral("l1"));
    m_regRate = new QComboBox;
    m_regRate->setObjectName(QStringLiteral("l2"));
    for (QComboBox *b : {m_regularisation, m_regRate}) {
        b->addItem(tr("off"), 0.0);
        for (double v : {0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3})
            b->addItem(rateText(v), v);
    }
    m_regularisation->setToolTip(
        tr("L1 adds rate · Σ|w| to the loss: it pushes small weights to exactly zero"));
    m_regRate->setToolTip(tr("L2 adds rate · Σw² to the loss: it keeps all weights small"));
    tform->addRow(tr("L1 rate"), m_regularisation);
    tform->addRow(tr("L2 rate"), m_regRate);
    m_batch = new QSpinBox;
    m_batch->setObjectName(QStringLiteral("batchSize"));
    m_batch->setRange(1, core::PlaygroundConfig::kMaxBatch);
    tform->addRow(tr("Batch size"), m_batch);
    m_speed = new QSpinBox;
    m_speed->setObjectName(QStringLiteral("speed"));
    m_speed->setRange(1, 50);
    m_speed->setToolTip(tr("Epochs trained between two pictures"));
    tform->addRow(tr("Epochs per frame"), m_speed);
    column->addWidget(training);
    column->addStretch();

    for (QComboBox *b :
         {m_dataKind, m_activation, m_optimizer, m_learningRate, m_regularisation, m_regRate})
        connect(b, &QComboBox::currentIndexChanged, this, &PlaygroundPanel::onSettingsChanged);
    for (QSlider *s : {m_noise, m_ratio})
        connect(s, &QSlider::valueChanged, this, &PlaygroundPanel::onSettingsChanged);
    for (QSpinBox *s : {m_points, m_seed, m_batch})
        connect(s, &QSpinBox::valueChanged, this, &PlaygroundPanel::onSettingsChanged);
    connect(m_speed, &QSpinBox::valueChanged, this, [this](int n) {
        QMetaObject::invokeMethod(m_worker, [w = m_worker, n] { w->setEpochsPerFrame(n); });
    });
    connect(regenerate, &QPushButton::clicked, this,
            [this] { m_seed->setValue(m_seed->value() + 1); });

    m_controlsBox = box;
    m_controls = new QScrollArea;
    m_controls->setWidget(box);
    m_controls->setWidgetResizable(true);
    m_controls->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    fitControls();
    box->installEventFilter(this);
    return m_controls;
}

QWidget *PlaygroundPanel::buildCentre()
{
    auto *box = new QWidget;
    auto *column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    m_reset = new QPushButton(tr("Reset"));
    m_reset->setObjectName(QStringLiteral("reset"));
    m_reset->setToolTip(tr("New initial weights, epoch 0"));
    m_play = new QPushButton(tr("Play"));
    m_play->setObjectName(QStringLiteral("play"));
    m_step = new QPushButton(tr("Step"));
    m_step->setObjectName(QStringLiteral("step"));
    m_step->setToolTip(tr("Train one epoch"));
    QFont big = m_play->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    big.setBold(true);
    m_play->setFont(big);
    m_epoch = new QLabel;
    m_epoch->setObjectName(QStringLiteral("epoch"));
    m_epoch->setFont(big);
    // As wide as a long run's count from the start: the row does not shift as the count grows.
    m_epoch->setMinimumWidth(
        QFontMetrics(big).horizontalAdvance(tr("Epoch %1").arg(QLocale().toString(99999))));
    m_losses = new QLabel;
    m_losses->setObjectName(QStringLiteral("losses"));
    bar->addWidget(m_reset);
    bar->addWidget(m_play);
    bar->addWidget(m_step);
    bar->addSpacing(12);
    bar->addWidget(m_epoch);
    bar->addStretch();
    column->addLayout(bar);
    column->addWidget(m_losses);
    m_layerBox = new QWidget;
    m_layerRow = new FlowLayout(m_layerBox);
    m_layerRow->setContentsMargins(0, 0, 0, 0);
    column->addWidget(m_layerBox);
    m_diagram = new NeuronDiagramView;
    column->addWidget(m_diagram, 1);

    connect(m_play, &QPushButton::clicked, this, [this] {
        if (m_snapshot && m_snapshot->playing)
            pause();
        else
            play();
    });
    connect(m_step, &QPushButton::clicked, this, &PlaygroundPanel::step);
    connect(m_reset, &QPushButton::clicked, this, &PlaygroundPanel::reset);
    return box;
}

QWidget *PlaygroundPanel::buildRight()
{
    auto *box = new QWidget;
    auto *column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    m_map = new PlanarMapView;
    column->addWidget(m_map, 3);
    auto *toggles = new QHBoxLayout;
    m_testShown = new QCheckBox(tr("Show test data"));
    m_testShown->setObjectName(QStringLiteral("showTest"));
    m_testShown->setChecked(true);
    m_testShown->setToolTip(tr("Test points have a dark rim; training points a white one"));
    m_gradientShown = new QCheckBox(tr("Show the gradient"));
    m_gradientShown->setObjectName(QStringLiteral("showGradient"));
    m_gradientShown->setToolTip(
        tr("On every line, ▲ or ▼: where the next step pushes that weight, sized by how hard"));
    toggles->addWidget(m_testShown);
    toggles->addWidget(m_gradientShown);
    toggles->addStretch();
    column->addLayout(toggles);
    m_formula = new QLabel;
    m_formula->setObjectName(QStringLiteral("formula"));
    m_formula->setWordWrap(true);
    m_formula->setTextFormat(Qt::RichText);
    m_formula->setMinimumHeight(m_formula->fontMetrics().height() * 3);
    column->addWidget(m_formula);
    m_chart = new QCustomPlot;
    m_chart->setObjectName(QStringLiteral("playgroundLoss"));
    m_chart->setMinimumHeight(140);
    auto *train = m_chart->addGraph();
    train->setName(tr("Training loss"));
    train->setPen(QPen(playgroundColours::blue(), 2));
    auto *test = m_chart->addGraph();
    test->setName(tr("Test loss"));
    test->setPen(QPen(playgroundColours::orange(), 2, Qt::DashLine));
    m_chart->xAxis->setLabel(tr("Epoch"));
    m_chart->yAxis->setLabel(tr("Loss"));
    m_chart->legend->setVisible(true);
    // A short chart with large text: few ticks, so that their labels never overlap, and a
    // smaller, see-through legend over the curves.
    m_chart->yAxis->ticker()->setTickCount(3);
    m_chart->xAxis->ticker()->setTickCount(4);
    QFont legendFont = m_chart->font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    m_chart->legend->setFont(legendFont);
    m_chart->legend->setBrush(QColor(255, 255, 255, 200));
    m_chart->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    m_overfitLine = new QCPItemStraightLine(m_chart);
    m_overfitLine->setPen(QPen(Qt::black, 1.5, Qt::DotLine));
    m_overfitLine->setVisible(false);
    m_overfitText = new QCPItemText(m_chart);
    m_overfitText->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    m_overfitText->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_overfitText->setText(tr("overfitting begins"));
    m_overfitText->setVisible(false);
    column->addWidget(m_chart, 2);
    // The buttons wrap onto a second line rather than be cut (German, larger text).
    auto *buttons = new FlowLayout;
    auto *save = new QPushButton(tr("Save…"));
    save->setObjectName(QStringLiteral("save"));
    auto *load = new QPushButton(tr("Load…"));
    load->setObjectName(QStringLiteral("load"));
    auto *xor221 = new QPushButton(tr("XOR 2-2-1 in Step through →"));
    xor221->setObjectName(QStringLiteral("openXor"));
    xor221->setToolTip(
        tr("Step through one training step of the 2-2-1 XOR network with every number"));
    buttons->addWidget(save);
    buttons->addWidget(load);
    buttons->addWidget(xor221);
    column->addLayout(buttons);

    connect(m_testShown, &QCheckBox::toggled, m_map, &PlanarMapView::setTestShown);
    connect(m_gradientShown, &QCheckBox::toggled, this, [this](bool on) {
        m_diagram->setGradientShown(on);
        QMetaObject::invokeMethod(m_worker, [w = m_worker, on] { w->setGradientShown(on); });
    });
    connect(save, &QPushButton::clicked, this, &PlaygroundPanel::onSaveClicked);
    connect(load, &QPushButton::clicked, this, &PlaygroundPanel::onLoadClicked);
    connect(xor221, &QPushButton::clicked, this, &PlaygroundPanel::openXorInStepper);
    return box;
}

core::PlaygroundConfig PlaygroundPanel::config() const
{
    core::PlaygroundConfig c;
    c.data = core::PlanarKind(m_dataKind->currentData().toInt());
    c.points = m_points->value();
    c.noise = float(m_noise->value()) / 100.0f;
    c.trainRatio = float(m_ratio->value()) / 100.0f;
    c.seed = std::uint64_t(m_seed->value());
    c.features = 0;
    for (int i = 0; i < core::kFeatureKinds; ++i)
        if (m_features[std::size_t(i)]->isChecked())
            c.features |= 1u << i;
    c.hidden = m_hidden;
    c.activation = core::Activation(m_activation->currentData().toInt());
    c.optimizer = core::OptimizerKind(m_optimizer->currentData().toInt());
    c.learningRate = float(m_learningRate->currentData().toDouble());
    c.l1 = float(m_regularisation->currentData().toDouble());
    c.l2 = float(m_regRate->currentData().toDouble());
    c.batchSize = m_batch->value();
    return c;
}

void PlaygroundPanel::applyConfig(const core::PlaygroundConfig &c,
                                  std::shared_ptr<const core::PlanarData> data)
{
    m_filling = true;
    selectData(m_dataKind, int(c.data));
    m_points->setValue(c.points);
    m_noise->setValue(int(std::lround(c.noise * 100.0f)));
    m_ratio->setValue(int(std::lround(c.trainRatio * 100.0f)));
    m_seed->setValue(int(std::min<std::uint64_t>(c.seed, std::uint64_t(m_seed->maximum()))));
    for (int i = 0; i < core::kFeatureKinds; ++i)
        m_features[std::size_t(i)]->setChecked(c.features & (1u << i));
    m_hidden = c.hidden;
    selectData(m_activation, int(c.activation));
    if (m_optimizer->findData(int(c.optimizer)) < 0)
        m_optimizer->addItem(QString::fromUtf8(core::toString(c.optimizer).data()),
                             int(c.optimizer));
    selectData(m_optimizer, int(c.optimizer));
    selectValue(m_learningRate, double(c.learningRate));
    selectValue(m_regularisation, double(c.l1));
    selectValue(m_regRate, double(c.l2));
    m_batch->setValue(c.batchSize);
    m_filling = false;
    updateFeatureAvailability();
    rebuildLayerRow();
    core::PlaygroundConfig sent = config();
    sent.seed = c.seed;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, sent, data] { w->configure(sent, data); });
}

void PlaygroundPanel::onSettingsChanged()
{
    if (m_filling)
        return;
    updateFeatureAvailability();
    const core::PlaygroundConfig c = config();
    QMetaObject::invokeMethod(m_worker, [w = m_worker, c] { w->configure(c, {}); });
}

void PlaygroundPanel::updateFeatureAvailability()
{
    // Regression data is a function of x₁ alone: inputs built on x₂ would only add zeros.
    const bool regression = core::isRegression(core::PlanarKind(m_dataKind->currentData().toInt()));
    const bool was = m_filling;
    m_filling = true;
    for (int i = 0; i < core::kFeatureKinds; ++i) {
        const bool usesX2 = kX2Features & (1u << i);
        m_features[std::size_t(i)]->setEnabled(!(regression && usesX2));
        if (regression && usesX2)
            m_features[std::size_t(i)]->setChecked(false);
    }
    bool any = false;
    for (QCheckBox *b : m_features)
        any = any || b->isChecked();
    if (!any)
        m_features[0]->setChecked(true);
    m_noiseLabel->setText(tr("Noise %1 %").arg(m_noise->value()));
    m_ratioLabel->setText(tr("Training %1 %").arg(m_ratio->value()));
    m_filling = was;
}

void PlaygroundPanel::fitControls()
{
    // As wide as the settings need in the current font: they never scroll sideways.
    const int box
        = std::max(m_controlsBox->sizeHint().width(), m_controlsBox->minimumSizeHint().width());
    m_controls->setMinimumWidth(box + m_controls->verticalScrollBar()->sizeHint().width()
                                + 2 * m_controls->frameWidth() + 4);
}

bool PlaygroundPanel::eventFilter(QObject *watched, QEvent *event)
{
    // The settings' layout changed (polish, a new font, a longer text): fit the pane to it.
    if (watched == m_controlsBox && event->type() == QEvent::LayoutRequest)
        fitControls();
    return QWidget::eventFilter(watched, event);
}

void PlaygroundPanel::rebuildLayerRow()
{
    while (QLayoutItem *item = m_layerRow->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    // Groups that stay whole: the layer count with its two buttons, then one group per layer;
    // the groups wrap onto further lines when the centre pane is narrow.
    QHBoxLayout *group = nullptr;
    auto newGroup = [this, &group] {
        auto *box = new QWidget;
        group = new QHBoxLayout(box);
        group->setContentsMargins(0, 0, 0, 0);
        m_layerRow->addWidget(box);
    };
    auto button = [&group](const QString &text, const QString &tip, const QString &name) {
        auto *b = new QPushButton(text);
        b->setObjectName(name);
        b->setToolTip(tip);
        b->setFixedWidth(b->fontMetrics().horizontalAdvance(QStringLiteral("++")) + 16);
        group->addWidget(b);
        return b;
    };
    newGroup();
    auto *count = new QLabel(tr("Hidden layers: %1").arg(m_hidden.size()));
    count->setObjectName(QStringLiteral("layerCount"));
    group->addWidget(count);
    auto *less = button(QStringLiteral("−"), tr("Remove the last hidden layer"),
                        QStringLiteral("removeLayer"));
    auto *more = button(QStringLiteral("+"), tr("Add a hidden layer"), QStringLiteral("addLayer"));
    less->setEnabled(!m_hidden.empty());
    more->setEnabled(int(m_hidden.size()) < core::PlaygroundConfig::kMaxLayers);
    connect(less, &QPushButton::clicked, this, [this] { changeLayers(-1); });
    connect(more, &QPushButton::clicked, this, [this] { changeLayers(1); });
    for (std::size_t l = 0; l < m_hidden.size(); ++l) {
        newGroup();
        auto *fewer = button(QStringLiteral("−"), tr("One neuron less in layer %1").arg(l + 1),
                             QStringLiteral("fewer%1").arg(l));
        auto *units = new QLabel(QString::number(m_hidden[l]));
        units->setToolTip(tr("Neurons in layer %1").arg(l + 1));
        group->addWidget(units);
        auto *moreUnits = button(QStringLiteral("+"), tr("One neuron more in layer %1").arg(l + 1),
                                 QStringLiteral("more%1").arg(l));
        fewer->setEnabled(m_hidden[l] > 1);
        moreUnits->setEnabled(m_hidden[l] < core::PlaygroundConfig::kMaxUnits);
        connect(fewer, &QPushButton::clicked, this, [this, l] { changeUnits(int(l), -1); });
        connect(moreUnits, &QPushButton::clicked, this, [this, l] { changeUnits(int(l), 1); });
    }
}

void PlaygroundPanel::changeLayers(int delta)
{
    if (delta > 0 && int(m_hidden.size()) < core::PlaygroundConfig::kMaxLayers)
        m_hidden.push_back(m_hidden.empty() ? 4 : m_hidden.back());
    else if (delta < 0 && !m_hidden.empty())
        m_hidden.pop_back();
    // The row is rebuilt after the click that asked for it has been handled.
    QMetaObject::invokeMethod(this, &PlaygroundPanel::rebuildLayerRow, Qt::QueuedConnection);
    onSettingsChanged();
}

void PlaygroundPanel::changeUnits(int layer, int delta)
{
    int &units = m_hidden[std::size_t(layer)];
    units = std::clamp(units + delta, 1, core::PlaygroundConfig::kMaxUnits);
    QMetaObject::invokeMethod(this, &PlaygroundPanel::rebuildLayerRow, Qt::QueuedConnection);
    onSettingsChanged();
}

void PlaygroundPanel::play()
{
    QMetaObject::invokeMethod(m_worker, &PlaygroundWorker::play);
}

void PlaygroundPanel::pause()
{
    QMetaObject::invokeMethod(m_worker, &PlaygroundWorker::pause);
}

void PlaygroundPanel::step()
{
    QMetaObject::invokeMethod(m_worker, &PlaygroundWorker::step);
}

void PlaygroundPanel::reset()
{
    QMetaObject::invokeMethod(m_worker, &PlaygroundWorker::reset);
}

void PlaygroundPanel::onSnapshot(PlaygroundSnapshotPtr s)
{
    const bool restart = s->generation != m_generation;
    if (restart) {
        m_generation = s->generation;
        m_history.clear();
    }
    m_history.insert(m_history.end(), s->newEpochs.begin(), s->newEpochs.end());
    m_snapshot = s;
    if (!m_net || m_net->spec() != s->spec)
        m_net = std::make_unique<core::Network>(s->spec);
    std::copy(s->parameters.begin(), s->parameters.end(), m_net->parameters().begin());
    m_map->setSnapshot(s);
    m_diagram->setSnapshot(s);
    m_play->setText(s->playing ? tr("Pause") : tr("Play"));
    m_play->setEnabled(!s->diverged);
    m_step->setEnabled(!s->diverged);
    m_epoch->setText(tr("Epoch %1").arg(QLocale().toString(s->epoch)));
    if (s->diverged)
        m_losses->setText(tr("Training diverged: a weight became infinite. Lower the learning rate "
                             "and press Reset."));
    else
        m_losses->setText(tr("Training loss %1 · Test loss %2")
                              .arg(localNumber(s->trainLoss, 3), localNumber(s->testLoss, 3)));
    updateChart(s->newEpochs, restart);
    if (m_mouse)
        onMapHovered(*m_mouse, -1);
    else
        updateFormula();
    ++m_mapUpdates;
    emit snapshotShown();
    m_worker->acknowledge(); // only now may the worker send the next one
}

void PlaygroundPanel::onFailed(int code, const QString &name, double value)
{
    core::ErrorArgs args{.name = name.toStdString()};
    args.value = value;
    m_losses->setText(errorText(core::Error(core::ErrorCode(code), args)));
}

void PlaygroundPanel::updateChart(const std::vector<core::PlaygroundEpoch> &added, bool restart)
{
    if (restart) {
        m_chart->graph(0)->data()->clear();
        m_chart->graph(1)->data()->clear();
    }
    for (const auto &e : added) {
        m_chart->graph(0)->addData(e.epoch, e.trainLoss);
        m_chart->graph(1)->addData(e.epoch, e.testLoss);
    }
    const int mark = core::overfittingEpoch(m_history);
    m_overfitLine->setVisible(mark > 0);
    m_overfitText->setVisible(mark > 0);
    if (mark > 0) {
        m_overfitLine->point1->setCoords(mark, 0);
        m_overfitLine->point2->setCoords(mark, 1);
    }
    m_chart->rescaleAxes();
    m_chart->xAxis->setRangeLower(0);
    m_chart->yAxis->setRangeLower(0);
    if (m_chart->xAxis->range().upper < 10)
        m_chart->xAxis->setRangeUpper(10);
    if (mark > 0) {
        // The label beside the line, on the side with room.
        const bool right = mark < 0.6 * m_chart->xAxis->range().upper;
        m_overfitText->setPositionAlignment((right ? Qt::AlignLeft : Qt::AlignRight)
                                            | Qt::AlignBottom);
        m_overfitText->position->setCoords(
            mark + (right ? 1.0 : -1.0) * 0.01 * m_chart->xAxis->range().upper, 0.3);
    }
    replotChart();
}

void PlaygroundPanel::replotChart()
{
    constexpr qint64 kChartMs = 100;
    if (m_chartPending)
        return;
    const qint64 since = m_chartClock.isValid() ? m_chartClock.elapsed() : kChartMs;
    m_chartPending = true;
    QTimer::singleShot(std::max<qint64>(0, kChartMs - since), this, [this] {
        m_chartPending = false;
        m_chartClock.start();
        m_chart->replot();
    });
}

std::vector<std::vector<float>> PlaygroundPanel::activationsAt(float x1, float x2) const
{
    std::vector<std::vector<float>> out;
    if (!m_net || !m_snapshot)
        return out;
    const core::Matrix x = core::featureMatrix({{x1, x2, 0.0f}}, m_snapshot->config.features);
    core::Workspace ws(m_net->spec(), 1);
    m_net->forward(x, ws);
    out.emplace_back(x.data(), x.data() + x.size());
    for (std::size_t l = 0; l < m_net->layerCount(); ++l) {
        const auto a = ws.a(l);
        out.emplace_back(a.data(), a.data() + a.size());
    }
    return out;
}

void PlaygroundPanel::onMapHovered(QPointF position, int point)
{
    m_mouse = position;
    if (const auto p = m_map->point(point)) {
        // A point's path: every neuron's value for it, and the signal on every line.
        m_diagram->setPath(activationsAt(p->x1, p->x2));
    } else {
        m_diagram->setPath({});
    }
    updateFormula();
}

void PlaygroundPanel::onMapClicked(QPointF position)
{
    const int cls = m_clickAdds->currentData().toInt();
    if (cls < 0 || !m_snapshot)
        return;
    core::PlanarPoint p;
    p.x1 = float(position.x());
    if (core::isRegression(m_snapshot->config.data)) {
        p.label = float(position.y());
    } else {
        p.x2 = float(position.y());
        p.label = float(cls);
    }
    QMetaObject::invokeMethod(m_worker, [w = m_worker, p] { w->addPoint(p); });
}

void PlaygroundPanel::showFormula(int layer, int unit, QPointF at)
{
    m_diagram->select(layer, unit);
    m_mouse = at;
    updateFormula();
}

QString PlaygroundPanel::formulaText() const
{
    QTextDocument doc;
    doc.setHtml(m_formula->text());
    return doc.toPlainText();
}

void PlaygroundPanel::updateFormula()
{
    const int layer = m_diagram->selectedLayer(), unit = m_diagram->selectedUnit();
    if (!m_snapshot || !m_net || layer < 1 || std::size_t(layer) > m_net->layerCount()) {
        m_formula->setText(
            tr("<i>Click a neuron in the diagram, then point at the map: its z = Σ wᵢxᵢ + b "
               "is shown here with the real numbers.</i>"));
        return;
    }
    if (!m_mouse) {
        m_formula->setText(
            tr("<i>Point at the map to see z = Σ wᵢxᵢ + b of the selected neuron there.</i>"));
        return;
    }
    const float x1 = float(m_mouse->x());
    const float x2 = core::isRegression(m_snapshot->config.data) ? 0.0f : float(m_mouse->y());
    const auto acts = activationsAt(x1, x2);
    const std::size_t l = std::size_t(layer - 1);
    const auto w = m_net->weights(l);
    const float b = m_net->bias(l)(unit);
    const std::vector<float> &in = acts[l];
    const QString where = tr("at (x₁, x₂) = (%1; %2)").arg(localNumber(x1, 2), localNumber(x2, 2));
    QStringList terms;
    if (layer == int(m_net->layerCount()) && m_diagram->showsBlueProbability()) {
        // The diagram's one output node: P(blue) = softmax(z)₂ = σ(z₂ − z₁), whose weights and
        // bias are the differences of the two outputs'.
        double d = double(m_net->bias(l)(1)) - double(m_net->bias(l)(0));
        for (Eigen::Index i = 0; i < w.cols(); ++i) {
            const double dw = double(w(1, i)) - double(w(0, i));
            terms << QStringLiteral("%1·%2").arg(factor(dw, 2), factor(in[std::size_t(i)], 2));
            d += dw * double(in[std::size_t(i)]);
        }
        m_formula->setText(
            tr("<b>P(blue)</b> %1:<br>z₂ − z₁ = %2 + %3 = <b>%4</b><br>P(blue) = σ(z₂ − z₁) = "
               "<b>%5</b>")
                .arg(where, terms.join(QStringLiteral(" + ")),
                     factor(double(m_net->bias(l)(1)) - double(m_net->bias(l)(0)), 2),
                     localNumber(d, 3), localNumber(acts[l + 1][1], 3)));
        return;
    }
    double z = b;
    for (Eigen::Index i = 0; i < w.cols(); ++i) {
        terms << QStringLiteral("%1·%2").arg(factor(w(unit, i), 2), factor(in[std::size_t(i)], 2));
        z += double(w(unit, i)) * double(in[std::size_t(i)]);
    }
    const core::Activation f = m_net->spec().layers[l].activation;
    const float a = acts[l + 1][std::size_t(unit)];
    const QString name = layer == int(m_net->layerCount())
                             ? tr("output %1").arg(unit + 1)
                             : tr("neuron %1 of layer %2").arg(unit + 1).arg(layer);
    const QString out
        = f == core::Activation::Softmax
              ? tr("a = softmax(z)<sub>%1</sub> = <b>%2</b>").arg(unit + 1).arg(localNumber(a, 3))
              : tr("a = %1(z) = <b>%2</b>").arg(activationName(f), localNumber(a, 3));
    m_formula->setText(tr("<b>%1</b> %2:<br>z = %3 + %4 = <b>%5</b><br>%6")
                           .arg(name, where, terms.join(QStringLiteral(" + ")), factor(b, 2),
                                localNumber(z, 3), out));
}

bool PlaygroundPanel::saveTo(const QString &file)
{
    if (!m_snapshot)
        return false;
    try {
        savePlayground(
            file, {m_snapshot->config, m_snapshot->data ? *m_snapshot->data : core::PlanarData{}});
        return true;
    } catch (const core::Error &e) {
        m_lastError = errorText(e);
        return false;
    }
}

bool PlaygroundPanel::loadFrom(const QString &file)
{
    try {
        PlaygroundState state = loadPlayground(file);
        applyConfig(state.config, std::make_shared<const core::PlanarData>(std::move(state.data)));
        return true;
    } catch (const core::Error &e) {
        m_lastError = errorText(e);
        return false;
    }
}

void PlaygroundPanel::onSaveClicked()
{
    const QString file = QFileDialog::getSaveFileName(this, tr("Save the Playground"), QString(),
                                                      tr("Playground state (*.json)"));
    if (!file.isEmpty() && !saveTo(file))
        QMessageBox::warning(this, tr("Save the Playground"), m_lastError);
}

void PlaygroundPanel::onLoadClicked()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Load a Playground"), QString(),
                                                      tr("Playground state (*.json)"));
    if (!file.isEmpty() && !loadFrom(file))
        QMessageBox::warning(this, tr("Load a Playground"), m_lastError);
}

} // namespace tinyml::ui
