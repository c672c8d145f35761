// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/inspect/convinspector.h"

#include "ui/shared/featuremaps.h"
#include "ui/shared/networkeditor.h"
#include "ui/shared/numbers.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace tinyml::ui {

namespace {

/// Maps of one layer in a row of at most this many before wrapping.
constexpr int kMapsPerRow = 8;
/// Kernel images shown at once; a larger layer shows the selected filter's kernels only.
constexpr int kMaxKernelViews = 128;

QString layerTitle(const core::ModelSpec &spec, std::size_t l)
{
    const core::LayerSpec &layer = spec.layers[l];
    const core::Shape out = spec.outputShape(l);
    const QString size
        = QStringLiteral("%1×%2×%3").arg(out.height).arg(out.width).arg(out.channels);
    switch (layer.kind) {
    case core::LayerKind::Conv2D:
        return ConvInspector::tr("Layer %1: Conv2D, %2 filters %3×%3, %4 → %5")
            .arg(l + 1)
            .arg(layer.units)
            .arg(layer.kernel)
            .arg(activationName(layer.activation), size);
    case core::LayerKind::DepthwiseConv2D:
        return ConvInspector::tr("Layer %1: DepthwiseConv2D %2×%2, %3 → %4")
            .arg(l + 1)
            .arg(layer.kernel)
            .arg(activationName(layer.activation), size);
    case core::LayerKind::MaxPooling2D:
        return ConvInspector::tr("Layer %1: MaxPooling2D %2×%2 → %3")
            .arg(l + 1)
            .arg(layer.kernel)
            .arg(size);
    case core::LayerKind::AveragePooling2D:
        return ConvInspector::tr("Layer %1: AveragePooling2D %2×%2 → %3")
            .arg(l + 1)
            .arg(layer.kernel)
            .arg(size);
    default:
        return ConvInspector::tr("Layer %1 → %2").arg(l + 1).arg(size);
    }
}

} // namespace

ConvInspector::ConvInspector(QWidget *parent) : QWidget(parent)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    outer->addWidget(scroll);
    auto *content = new QWidget;
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(content);

    auto *top = new QHBoxLayout;
    m_input = new MapView(tr("input"));
    m_input->setObjectName(QStringLiteral("convInput"));
    m_input->setFixedSize(196, 196 + fontMetrics().height() + 2);
    m_input->setToolTip(tr("The 28×28 image the network reads. Click a pixel of a feature map "
                           "to outline the input pixels it depends on."));
    top->addWidget(m_input);
    auto *info = new QVBoxLayout;
    m_inputLegend = new QLabel;
    m_inputLegend->setTextFormat(Qt::RichText);
    info->addWidget(m_inputLegend);
    m_selection = new QLabel;
    m_selection->setObjectName(QStringLiteral("receptiveFieldText"));
    m_selection->setWordWrap(true);
    m_selection->setTextFormat(Qt::RichText);
    m_selection->setText(tr("Click a pixel of a feature map: its receptive field, the input pixels "
                            "it depends on, is outlined on the input."));
    info->addWidget(m_selection, 1);
    top->addLayout(info, 1);
    layout->addLayout(top);

    m_mapsLayout = new QVBoxLayout;
    layout->addLayout(m_mapsLayout);

    m_kernelBox = new QGroupBox;
    m_kernelBox->setObjectName(QStringLiteral("kernels"));
    auto *kb = new QVBoxLayout(m_kernelBox);
    m_kernelLegend = new QLabel;
    m_kernelLegend->setTextFormat(Qt::RichText);
    m_kernelLegend->setWordWrap(true);
    kb->addWidget(m_kernelLegend);
    m_kernelGrid = new QGridLayout;
    kb->addLayout(m_kernelGrid);
    layout->addWidget(m_kernelBox);
    m_kernelBox->hide();
    layout->addStretch();
}

std::vector<int> ConvInspector::mapLayers() const
{
    std::vector<int> layers;
    for (const LayerMaps &m : m_layers)
        layers.push_back(m.layer);
    return layers;
}

MapView *ConvInspector::featureMap(int layer, int channel) const
{
    for (const LayerMaps &m : m_layers)
        if (m.layer == layer && channel >= 0 && channel < int(m.maps.size()))
            return m.maps[std::size_t(channel)];
    return nullptr;
}

MapView *ConvInspector::kernelView(int filter, int inputChannel) const
{
    const auto row = std::find(m_kernelFilters.begin(), m_kernelFilters.end(), filter);
    if (row == m_kernelFilters.end())
        return nullptr;
    const auto &views = m_kernels[std::size_t(row - m_kernelFilters.begin())];
    if (inputChannel < 0 || inputChannel >= int(views.size()))
        return nullptr;
    return views[std::size_t(inputChannel)];
}

QString ConvInspector::selectionText() const
{
    return m_selection->text();
}

QString ConvInspector::legendText(int layer) const
{
    for (const LayerMaps &m : m_layers)
        if (m.layer == layer)
            return m.legend->text();
    return {};
}

void ConvInspector::setNetwork(std::shared_ptr<const core::Network> net)
{
    m_net = std::move(net);
    for (LayerMaps &m : m_layers)
        delete m.box;
    m_layers.clear();
    m_layer = -1;
    m_input->setOutline({});
    m_selection->setText(tr("Click a pixel of a feature map: its receptive field, the input "
                            "pixels it depends on, is outlined on the input."));
    showKernels(-1);
    if (!m_net)
        return;
    const auto &spec = m_net->spec();
    for (std::size_t l = 0; l < spec.layers.size(); ++l) {
        if (!spec.layers[l].isSpatial())
            continue;
        const core::Shape out = spec.outputShape(l);
        LayerMaps row;
        row.layer = int(l);
        row.box = new QGroupBox(layerTitle(spec, l));
        row.box->setObjectName(QStringLiteral("featureMaps%1").arg(l + 1));
        auto *v = new QVBoxLayout(row.box);
        row.legend = new QLabel;
        row.legend->setTextFormat(Qt::RichText);
        v->addWidget(row.legend);
        auto *grid = new QGridLayout;
        grid->setSpacing(4);
        v->addLayout(grid);
        const int side = std::clamp(out.width * 3, 60, 96);
        for (int c = 0; c < out.channels; ++c) {
            auto *map = new MapView(QString::number(c));
            map->setFixedSize(side, side + map->fontMetrics().height() + 2);
            map->setToolTip(QString());
            const int layer = int(l);
            connect(map, &MapView::pixelClicked, this,
                    [this, layer, c](int x, int y) { selectPixel(layer, c, y, x); });
            grid->addWidget(map, c / kMapsPerRow, c % kMapsPerRow);
            row.maps.push_back(map);
        }
        grid->setColumnStretch(kMapsPerRow, 1);
        m_mapsLayout->addWidget(row.box);
        m_layers.push_back(row);
    }
    for (std::size_t l = 0; l < spec.layers.size(); ++l)
        if (spec.layers[l].hasParameters() && spec.layers[l].kind != core::LayerKind::Dense) {
            showKernels(int(l));
            break;
        }
}

void ConvInspector::setActivations(const std::vector<std::vector<float>> &activations)
{
    m_act = activations;
    if (!m_net)
        return;
    const auto &spec = m_net->spec();
    const core::Shape in = spec.inputTensorShape();
    if (!m_act.empty() && m_act[0].size() == std::size_t(in.size()) && in.image) {
        std::vector<float> pixels(std::size_t(in.height * in.width));
        for (std::size_t p = 0; p < pixels.size(); ++p)
            pixels[p] = m_act[0][p * std::size_t(in.channels)];
        m_input->setValues(std::move(pixels), in.width, in.height, 1.0f,
                           MapView::Scale::Sequential);
        m_inputLegend->setText(
            tr("Input pixels: %1").arg(scaleLegend(MapView::Scale::Sequential, 1.0f)));
    }
    for (LayerMaps &row : m_layers) {
        const std::size_t l = std::size_t(row.layer);
        const core::Shape out = spec.outputShape(l);
        const bool have = l + 1 < m_act.size() && m_act[l + 1].size() == std::size_t(out.size());
        if (!have) {
            for (MapView *map : row.maps)
                map->clear();
            row.legend->setText(tr("No input yet."));
            continue;
        }
        const auto &a = m_act[l + 1];
        // One colour scale for every map of the layer: the largest |value| among them.
        float range = 0.0f, low = 0.0f;
        for (float v : a) {
            range = std::max(range, std::abs(v));
            low = std::min(low, v);
        }
        const auto scale = low < 0.0f ? MapView::Scale::Diverging : MapView::Scale::Sequential;
        if (range <= 0.0f)
            range = 1.0f;
        for (int c = 0; c < out.channels; ++c) {
            std::vector<float> values(std::size_t(out.height * out.width));
            for (std::size_t p = 0; p < values.size(); ++p)
                values[p] = a[p * std::size_t(out.channels) + std::size_t(c)];
            row.maps[std::size_t(c)]->setValues(std::move(values), out.width, out.height, range,
                                                scale);
        }
        row.legend->setText(
            tr("Colour scale shared by the %n map(s) of this layer: %1", nullptr, out.channels)
                .arg(scaleLegend(scale, range)));
    }
    updateSelection();
}

void ConvInspector::selectPixel(int layer, int channel, int y, int x)
{
    if (!m_net || layer < 0 || layer >= int(m_net->layerCount()))
        return;
    const core::Shape out = m_net->spec().outputShape(std::size_t(layer));
    if (!out.image || channel < 0 || channel >= out.channels || y < 0 || y >= out.height || x < 0
        || x >= out.width)
        return;
    m_layer = layer;
    m_channel = channel;
    m_y = y;
    m_x = x;
    const core::LayerSpec &spec = m_net->spec().layers[std::size_t(layer)];
    if (spec.hasParameters() && (layer != m_kernelLayer || !kernelView(channel, 0)))
        showKernels(layer);
    updateSelection();
    emit pixelSelected(layer, channel, y, x);
}

void ConvInspector::updateSelection()
{
    for (LayerMaps &row : m_layers)
        for (std::size_t c = 0; c < row.maps.size(); ++c)
            if (row.layer == m_layer && int(c) == m_channel)
                row.maps[c]->setMarked(m_x, m_y);
            else
                row.maps[c]->setMarked(-1, -1);
    if (!m_net || m_layer < 0) {
        m_input->setOutline({});
        return;
    }
    const core::PixelRect field
        = core::receptiveField(m_net->spec(), std::size_t(m_layer), m_y, m_x);
    m_input->setOutline(field);
    const core::Shape out = m_net->spec().outputShape(std::size_t(m_layer));
    const std::size_t unit
        = (std::size_t(m_y) * std::size_t(out.width) + std::size_t(m_x)) * std::size_t(out.channels)
          + std::size_t(m_channel);
    const std::size_t l = std::size_t(m_layer);
    const QString value = l + 1 < m_act.size() && unit < m_act[l + 1].size()
                              ? localNumber(double(m_act[l + 1][unit]), 3)
                              : QStringLiteral("–");
    m_selection->setText(tr("<b>Layer %1, channel %2, row %3, column %4</b>: a = %5<br>"
                            "Receptive field: input rows %6–%7, columns %8–%9 (%10×%11 pixels), "
                            "outlined on the input. No other input pixel can change this value.")
                             .arg(m_layer + 1)
                             .arg(m_channel)
                             .arg(m_y)
                             .arg(m_x)
                             .arg(value)
                             .arg(field.top)
                             .arg(field.bottom)
                             .arg(field.left)
                             .arg(field.right)
                             .arg(field.height())
                             .arg(field.width()));
}

void ConvInspector::showKernels(int layer)
{
    m_kernels.clear(); // the views are in the grid, deleted with its items
    m_kernelFilters.clear();
    while (QLayoutItem *item = m_kernelGrid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_kernelLayer = layer;
    if (!m_net || layer < 0) {
        m_kernelBox->hide();
        return;
    }
    const auto &spec = m_net->spec();
    const core::LayerSpec &ls = spec.layers[std::size_t(layer)];
    const auto W = m_net->weights(std::size_t(layer));
    const bool depthwise = ls.kind == core::LayerKind::DepthwiseConv2D;
    const int cin = depthwise ? 1 : spec.layerInputShape(std::size_t(layer)).channels;
    const int k = ls.kernel;
    const float range = std::max(1e-6f, W.cwiseAbs().maxCoeff());
    m_kernelBox->setTitle(tr("Kernels of layer %1 (%2)")
                              .arg(layer + 1)
                              .arg(QString::fromLatin1(core::toString(ls.kind).data())));
    // All filters when they fit, else the selected one (click a map of another channel).
    const bool all = W.rows() * cin <= kMaxKernelViews;
    if (all)
        for (int f = 0; f < int(W.rows()); ++f)
            m_kernelFilters.push_back(f);
    else
        m_kernelFilters.push_back(layer == m_layer ? std::min<int>(m_channel, int(W.rows()) - 1)
                                                   : 0);
    QString legend
        = depthwise ? tr("One %1×%1 kernel per channel; hover a square for its weight.").arg(k)
                    : tr("One row per filter, one %1×%1 kernel per input channel; hover a square "
                         "for its weight.")
                          .arg(k);
    if (!all)
        legend += QStringLiteral(" ")
                  + tr("Filter %1 of %2: click a map of another channel to see its kernels.")
                        .arg(m_kernelFilters.front())
                        .arg(W.rows());
    m_kernelLegend->setText(legend + QStringLiteral(" ")
                            + scaleLegend(MapView::Scale::Diverging, range));
    if (!depthwise)
        for (int c = 0; c < cin; ++c)
            m_kernelGrid->addWidget(new QLabel(tr("input %1").arg(c)), 0, c + 1, Qt::AlignHCenter);
    const int side = 44;
    for (std::size_t r = 0; r < m_kernelFilters.size(); ++r) {
        const int f = m_kernelFilters[r];
        m_kernelGrid->addWidget(
            new QLabel(depthwise ? tr("channel %1").arg(f) : tr("filter %1").arg(f)), int(r) + 1,
            0);
        std::vector<MapView *> row;
        for (int c = 0; c < cin; ++c) {
            std::vector<float> values(std::size_t(k * k));
            for (int t = 0; t < k * k; ++t)
                values[std::size_t(t)] = W(f, depthwise ? t : t * cin + c);
            auto *view = new MapView;
            view->setDecimals(4);
            view->setFixedSize(side, side);
            view->setValues(std::move(values), k, k, range, MapView::Scale::Diverging);
            m_kernelGrid->addWidget(view, int(r) + 1, c + 1);
            row.push_back(view);
        }
        m_kernels.push_back(row);
    }
    m_kernelGrid->setColumnStretch(cin + 1, 1);
    m_kernelBox->show();
}

} // namespace tinyml::ui
