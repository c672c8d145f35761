// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/inspect/inspectorpanel.h"

#include "ui/inspect/convinspector.h"
#include "ui/shared/backgroundjob.h"
#include "ui/shared/datasource.h"
#include "ui/shared/imageviews.h"
#include "ui/shared/networkdiagram.h"
#include "ui/shared/networkeditor.h"
#include "ui/shared/numbers.h"
#include "ui/shared/studiomodel.h"

#include "core/nn/activation.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QScrollArea>
#include <QVBoxLayout>

#include <cmath>
#include <numeric>

namespace tinyml::ui {

std::pair<int, int> gridShape(int n)
{
    const int cols = std::max(1, int(std::ceil(std::sqrt(2.0 * n))));
    return {cols, (n + cols - 1) / cols};
}

std::pair<int, int> imageShape(int n)
{
    return n == 784 ? std::pair{28, 28} : gridShape(n);
}

namespace {
QString num(double v, int decimals = 3) { return localNumber(v, decimals); }

} // namespace

InspectorPanel::InspectorPanel(StudioModel *studio, DataSource *data, QWidget *parent)
    : QWidget(parent)
    , m_studio(studio)
    , m_data(data)
{
    auto *layout = new QHBoxLayout(this);

    // Left: the input, the layers and the output.
    auto *left = new QVBoxLayout;
    m_source = new QLabel;
    m_source->setObjectName(QStringLiteral("inspectSource"));
    m_source->setWordWrap(true);
    m_source->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    left->addWidget(m_source);
    auto *flow = new QHBoxLayout;
    m_input = new PixelView(tr("input (784 pixels)"));
    m_input->setGrid(true);
    flow->addWidget(m_input, 2);
    m_layerBox = new QWidget;
    new QHBoxLayout(m_layerBox);
    m_layerBox->layout()->setContentsMargins(0, 0, 0, 0);
    flow->addWidget(m_layerBox, 3);
    m_output = new ProbabilityBars;
    flow->addWidget(m_output, 2);
    left->addLayout(flow, 2);
    m_diagram = new NetworkDiagram;
    left->addWidget(m_diagram, 2);
    m_conv = new ConvInspector;
    m_conv->setObjectName(QStringLiteral("convInspector"));
    m_conv->hide();
    left->addWidget(m_conv, 5);
    m_topJob = new BackgroundJob(this);
    layout->addLayout(left, 3);

    // Right: one neuron in detail.
    auto *detail = new QGroupBox(tr("Selected neuron"));
    auto *d = new QVBoxLayout(detail);
    m_neuronTitle = new QLabel;
    m_neuronTitle->setWordWrap(true);
    d->addWidget(m_neuronTitle);
    auto *maps = new QHBoxLayout;
    m_weights = new PixelView(tr("incoming weights w"));
    m_contrib = new PixelView(tr("input × weight (wᵢxᵢ)"));
    maps->addWidget(m_weights);
    maps->addWidget(m_contrib);
    d->addLayout(maps, 2);
    m_legend = new QLabel;
    m_legend->setObjectName(QStringLiteral("weightLegend"));
    m_legend->setTextFormat(Qt::RichText);
    d->addWidget(m_legend);
    m_formula = new QLabel;
    m_formula->setObjectName(QStringLiteral("formula"));
    m_formula->setTextFormat(Qt::RichText);
    m_formula->setWordWrap(true);
    m_formula->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont f = m_formula->font();
    f.setPointSizeF(f.pointSizeF() * 1.15);
    m_formula->setFont(f);
    d->addWidget(m_formula);
    d->addWidget(new QLabel(tr("Test images that excite it most:")));
    m_topList = new QListWidget;
    m_topList->setObjectName(QStringLiteral("topImages"));
    m_topList->setViewMode(QListView::IconMode);
    m_topList->setIconSize(QSize(42, 42));
    m_topList->setFixedHeight(120);
    m_topList->setMovement(QListView::Static);
    d->addWidget(m_topList);
    layout->addWidget(detail, 2);

    connect(m_studio, &StudioModel::modelChanged, this, [this] {
        m_dirty = true;
        if (isVisible())
            recompute();
    });
    connect(m_studio, &StudioModel::inputChanged, this, [this] {
        m_dirty = true;
        if (isVisible())
            recompute();
    });
    connect(m_diagram, &NetworkDiagram::neuronClicked, this, &InspectorPanel::selectNeuron);
    connect(m_input, &PixelView::pixelClicked, this, [this](int x, int y) {
        m_source->setText(tr("Pixel (%1, %2) = %3").arg(x).arg(y).arg(localNumber(m_act.empty() ? 0.0 : double(m_act[0][std::size_t(y * 28 + x)]), 3)));
    });
    connect(m_data, &DataSource::loaded, this, [this](core::DatasetKind kind) {
        // Nothing drawn or picked yet: start from the first test image rather than a blank.
        const auto test = m_data->test(core::DatasetKind::Mnist);
        if (kind == core::DatasetKind::Mnist && !m_studio->input().valid && test && test->pixels() == 784) {
            std::array<float, 784> pixels;
            for (int p = 0; p < 784; ++p)
                pixels[std::size_t(p)] = float(test->image(0)[p]) / 255.0f;
            m_studio->setInput(pixels, test->labels[0], tr("MNIST test image 0 (label %1)").arg(test->labels[0]));
        }
        if (isVisible() && m_top.empty() && !m_topJob->isRunning())
            findTopImages();
    });
}

void InspectorPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        recompute();
}

void InspectorPanel::recompute()
{
    m_dirty = false;
    const auto model = m_studio->model();
    const bool netChanged = !model || !m_net || &model->network != m_net.get();
    m_net = model ? std::shared_ptr<const core::Network>(model, &model->network) : nullptr;
    m_act.clear();
    m_pre.clear();
    const auto &in = m_studio->input();
    if (!m_net || m_net->spec().inputSize != 784) {
        m_source->setText(tr("No model with 784 inputs is loaded."));
        return;
    }
    const bool conv = !m_net->spec().isDenseOnly();
    if (netChanged) {
        rebuildLayerViews();
        // The diagram draws dense layers; a CNN's layers are shown as feature maps instead.
        m_diagram->setNetwork(conv ? nullptr : m_net);
        m_diagram->setVisible(!conv);
        m_input->setVisible(!conv);
        m_conv->setVisible(conv);
        m_conv->setNetwork(conv ? m_net : nullptr);
        m_layer = std::min<int>(m_layer, int(m_net->layerCount()));
        if (m_net->spec().layers[std::size_t(m_layer - 1)].kind != core::LayerKind::Dense)
            m_layer = int(m_net->layerCount()); // the output layer is Dense
        m_neuron = std::min(m_neuron, m_net->spec().layers[std::size_t(m_layer - 1)].units - 1);
        m_top.clear();
        m_topJob->cancel();
    }
    if (!in.valid) {
        m_source->setText(tr("Draw a digit on the Draw tab, or pick an image on the Dataset tab."));
        m_act.push_back(std::vector<float>(784, 0.0f));
    } else {
        m_source->setText(tr("Input: %1").arg(in.source));
        core::Workspace ws(m_net->spec(), 1);
        m_net->forward(core::ConstMatrixMap(in.pixels.data(), 784, 1), ws);
        m_act.emplace_back(in.pixels.begin(), in.pixels.end());
        for (std::size_t l = 0; l < m_net->layerCount(); ++l) {
            const auto a = ws.a(l);
            const auto z = ws.z(l);
            m_act.emplace_back(a.data(), a.data() + a.size());
            m_pre.emplace_back(z.data(), z.data() + z.size());
        }
    }
    m_input->setImage(heatImage(m_act[0].data(), 28, 28, 1.0f));
    for (std::size_t l = 0; l + 1 < m_net->layerCount() && l < m_layerViews.size(); ++l) {
        if (!m_layerViews[l])
            continue;
        const int n = m_net->spec().layers[l].units;
        const auto [cols, rows] = gridShape(n);
        std::vector<float> cells(std::size_t(cols * rows), 0.0f);
        float maxA = 1e-6f;
        if (l + 1 < m_act.size()) {
            std::copy(m_act[l + 1].begin(), m_act[l + 1].end(), cells.begin());
            for (float v : m_act[l + 1])
                maxA = std::max(maxA, std::abs(v));
        }
        m_layerViews[l]->setImage(heatImage(cells.data(), cols, rows, maxA));
    }
    if (m_act.size() == m_net->layerCount() + 1)
        m_output->setProbabilities(m_act.back());
    else
        m_output->clearProbabilities();
    if (conv)
        m_conv->setActivations(m_act);
    else
        m_diagram->setActivations(m_act);
    updateNeuron();
    if (m_top.empty() && !m_topJob->isRunning())
        findTopImages();
}

void InspectorPanel::rebuildLayerViews()
{
    for (PixelView *v : m_layerViews)
        delete v; // null for layers without a view
    m_layerViews.clear();
    for (std::size_t l = 0; l + 1 < m_net->layerCount(); ++l) {
        const auto &layer = m_net->spec().layers[l];
        if (layer.kind != core::LayerKind::Dense) {
            m_layerViews.push_back(nullptr); // shown as feature maps, or not at all
            continue;
        }
        auto *view = new PixelView(tr("hidden layer %1: %2 × %3").arg(l + 1).arg(layer.units).arg(activationName(layer.activation)));
        view->setObjectName(QStringLiteral("layerView%1").arg(l + 1));
        view->setGrid(true);
        view->setToolTip(tr("Each square is one neuron's output y for this input (bright: large). "
                            "Click one to inspect it."));
        const int layerIndex = int(l + 1);
        connect(view, &PixelView::pixelClicked, this, [this, layerIndex](int x, int y) {
            const int cols = gridShape(m_net->spec().layers[std::size_t(layerIndex - 1)].units).first;
            const int n = y * cols + x;
            if (n < m_net->spec().layers[std::size_t(layerIndex - 1)].units)
                selectNeuron(layerIndex, n);
        });
        m_layerBox->layout()->addWidget(view);
        m_layerViews.push_back(view);
    }
}

void InspectorPanel::selectNeuron(int layer, int neuron)
{
    if (!m_net || layer < 1 || layer > int(m_net->layerCount()) || neuron < 0
        || m_net->spec().layers[std::size_t(layer - 1)].kind != core::LayerKind::Dense
        || neuron >= m_net->spec().layers[std::size_t(layer - 1)].units)
        return;
    m_layer = layer;
    m_neuron = neuron;
    m_top.clear();
    updateNeuron();
    findTopImages();
}

QString InspectorPanel::formulaText() const { return m_formula->text(); }

void InspectorPanel::updateNeuron()
{
    if (!m_net)
        return;
    const std::size_t l = std::size_t(m_layer - 1);
    const auto &layer = m_net->spec().layers[l];
    const int fanIn = m_net->spec().layerInputSize(l);
    const bool output = l + 1 == m_net->layerCount();
    m_neuronTitle->setText(output ? tr("<b>Output neuron %1</b> (the score of class %1)").arg(m_neuron)
                                  : tr("<b>Neuron %1 of hidden layer %2</b> (%3)").arg(m_neuron).arg(m_layer).arg(activationName(layer.activation)));
    for (std::size_t c = 0; c < m_layerViews.size(); ++c) {
        if (!m_layerViews[c])
            continue;
        const auto [cols, rows] = gridShape(m_net->spec().layers[c].units);
        Q_UNUSED(rows);
        if (c == l)
            m_layerViews[c]->setMarked(m_neuron % cols, m_neuron / cols);
        else
            m_layerViews[c]->setMarked(-1, -1);
    }
    m_diagram->setHighlight(m_layer, m_neuron);

    // Incoming weights as an image: 28 x 28 from the input, a grid from a hidden layer.
    const auto W = m_net->weights(l);
    std::vector<float> w(static_cast<std::size_t>(fanIn));
    for (int i = 0; i < fanIn; ++i)
        w[std::size_t(i)] = W(m_neuron, i);
    const auto [cols, rows] = imageShape(fanIn);
    std::vector<float> wCells(std::size_t(cols * rows), 0.0f), cCells(std::size_t(cols * rows), 0.0f);
    std::copy(w.begin(), w.end(), wCells.begin());
    float maxW = 1e-6f;
    for (float v : w)
        maxW = std::max(maxW, std::abs(v));
    m_weights->setImage(divergingImage(wCells.data(), cols, rows, maxW));
    m_legend->setText(tr("<span style='background:#4040ff;color:white'>&nbsp;−%1&nbsp;</span> "
                         "<span style='background:white'>&nbsp;0&nbsp;</span> "
                         "<span style='background:#ff4040;color:white'>&nbsp;+%1&nbsp;</span> "
                         "&nbsp;blue pulls z down, red pushes it up")
                          .arg(localNumber(maxW, 3)));

    if (m_act.size() < l + 1 || m_act[l].size() != std::size_t(fanIn) || m_pre.size() <= l) {
        m_contrib->clearImage(tr("no input"));
        m_formula->setText(tr("z = Σ w<sub>i</sub>x<sub>i</sub> + b, then y = %1").arg(activationFormula(layer.activation)));
        return;
    }
    // z = Σ wᵢxᵢ + b with the real numbers, in double to show the exact sum.
    const auto &x = m_act[l];
    std::vector<double> terms(static_cast<std::size_t>(fanIn));
    double positive = 0.0, negative = 0.0, maxC = 1e-9;
    for (int i = 0; i < fanIn; ++i) {
        terms[std::size_t(i)] = double(w[std::size_t(i)]) * double(x[std::size_t(i)]);
        (terms[std::size_t(i)] >= 0 ? positive : negative) += terms[std::size_t(i)];
        cCells[std::size_t(i)] = float(terms[std::size_t(i)]);
        maxC = std::max(maxC, std::abs(terms[std::size_t(i)]));
    }
    m_contrib->setImage(divergingImage(cCells.data(), cols, rows, float(maxC)));
    const double b = double(m_net->bias(l)(m_neuron));
    m_z = positive + negative + b;
    std::vector<int> order(static_cast<std::size_t>(fanIn));
    std::iota(order.begin(), order.end(), 0);
    std::partial_sort(order.begin(), order.begin() + std::min(3, fanIn), order.end(),
                      [&](int a, int c) { return std::abs(terms[std::size_t(a)]) > std::abs(terms[std::size_t(c)]); });
    QStringList largest;
    for (int k = 0; k < std::min(3, fanIn); ++k) {
        const int i = order[std::size_t(k)];
        largest << QStringLiteral("w<sub>%1</sub>x<sub>%1</sub> = %2 × %3 = %4")
                       .arg(i)
                       .arg(num(w[std::size_t(i)]), num(x[std::size_t(i)]), num(terms[std::size_t(i)]));
    }
    QString yLine;
    if (output) {
        m_y = double(m_act[l + 1][std::size_t(m_neuron)]);
        yLine = tr("y = %1 = <b>%2</b> (probability of class %3)").arg(activationFormula(layer.activation), num(m_y, 4)).arg(m_neuron);
    } else {
        m_y = double(core::activate(layer.activation, float(m_z)));
        yLine = tr("y = %1 = <b>%2</b>").arg(activationFormula(layer.activation), num(m_y, 4));
    }
    // Inputs, pixels and neurons are numbered from 0 everywhere, as the terms and the digits.
    m_formula->setText(tr("z = Σ<sub>i=0…%1</sub> w<sub>i</sub>x<sub>i</sub> + b<br>"
                          "&nbsp;&nbsp;= %2 (positive terms) %3 (negative terms) %4 (bias) = <b>%5</b><br>"
                          "largest terms: %6<br>%7")
                           .arg(fanIn - 1)
                           .arg(num(positive), (negative < 0 ? QStringLiteral("− ") : QStringLiteral("+ ")) + num(std::abs(negative)),
                                (b < 0 ? QStringLiteral("− ") : QStringLiteral("+ ")) + num(std::abs(b)), num(m_z, 4))
                           .arg(largest.join(QStringLiteral("; ")), yLine));
}

bool InspectorPanel::isSearching() const
{
    return m_topJob->isRunning();
}

void InspectorPanel::findTopImages()
{
    m_topList->clear();
    m_top.clear();
    const auto test = m_data->test(core::DatasetKind::Mnist);
    if (!m_net || !test || test->pixels() != m_net->spec().inputSize) {
        m_topJob->cancel();
        if (!m_data->test(core::DatasetKind::Mnist))
            m_data->load(core::DatasetKind::Mnist);
        return;
    }
    // 10,000 forward passes: on a worker (a CNN takes far longer than a frame).
    using Scored = std::vector<std::pair<std::uint32_t, float>>;
    const std::shared_ptr<const core::Network> net = m_net;
    const std::size_t l = std::size_t(m_layer - 1);
    const int neuron = m_neuron;
    m_topJob->start<Scored>(
        [net, test, l, neuron](const core::Progress &progress) {
            constexpr int kChunk = 250;
            const int inputs = net->spec().inputSize;
            core::Workspace ws(net->spec(), kChunk);
            core::AlignedFloats x(std::size_t(inputs) * kChunk);
            std::vector<float> score(test->size());
            std::vector<std::uint32_t> idx(kChunk);
            for (std::size_t start = 0; start < test->size(); start += kChunk) {
                progress.advance(std::int64_t(start), std::int64_t(test->size()));
                const int n = int(std::min<std::size_t>(kChunk, test->size() - start));
                std::iota(idx.begin(), idx.begin() + n, std::uint32_t(start));
                core::MatrixMap X(x.data(), inputs, n);
                core::fillBatch(*test, {idx.data(), std::size_t(n)}, X, nullptr);
                net->forward(X, ws);
                const auto z = ws.z(l);
                for (int c = 0; c < n; ++c)
                    score[start + std::size_t(c)] = z(neuron, c);
            }
            std::vector<std::uint32_t> order(test->size());
            std::iota(order.begin(), order.end(), 0u);
            const std::size_t top = std::min<std::size_t>(12, order.size());
            std::partial_sort(
                order.begin(), order.begin() + std::ptrdiff_t(top), order.end(),
                [&](std::uint32_t a, std::uint32_t b) { return score[a] > score[b]; });
            Scored best;
            for (std::size_t i = 0; i < top; ++i)
                best.emplace_back(order[i], score[order[i]]);
            return best;
        },
        [this, test](Scored best) {
            m_topList->clear();
            m_top.clear();
            for (const auto &[i, score] : best) {
                m_top.push_back(i);
                const QImage img = grayImage(test->image(i), 28, 28).scaled(42, 42);
                auto *item = new QListWidgetItem(QIcon(QPixmap::fromImage(img)),
                                                 QString::number(test->labels[i]));
                item->setToolTip(tr("Test image %1 (label %2): z = %3")
                                     .arg(i)
                                     .arg(test->labels[i])
                                     .arg(localNumber(double(score), 2)));
                m_topList->addItem(item);
            }
        });
}

} // namespace tinyml::ui
