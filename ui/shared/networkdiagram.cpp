// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shared/networkdiagram.h"

#include <QMouseEvent>
#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace tinyml::ui {

namespace {
constexpr int kMaxShown = 12;
constexpr double kRadius = 9.0;
} // namespace

NetworkDiagram::NetworkDiagram(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("networkDiagram"));
    setMinimumSize(360, 220);
    setToolTip(tr("Each column is a layer, each circle a neuron (bright: active). Lines are "
                  "weights: red positive, blue negative, wider when larger. Big layers show the "
                  "most active neurons for this input. Click a neuron to inspect it."));
}

void NetworkDiagram::setNetwork(std::shared_ptr<const core::Network> net)
{
    m_net = std::move(net);
    chooseSamples();
    update();
}

void NetworkDiagram::setActivations(std::vector<std::vector<float>> activations)
{
    m_act = std::move(activations);
    chooseSamples();
    update();
}

void NetworkDiagram::setHighlight(int layer, int neuron)
{
    m_hlLayer = layer;
    m_hlNeuron = neuron;
    chooseSamples();
    update();
}

void NetworkDiagram::setStageText(const QString &text)
{
    m_stage = text;
    update();
}

void NetworkDiagram::chooseSamples()
{
    m_shown.clear();
    if (!m_net)
        return;
    const auto &spec = m_net->spec();
    std::vector<int> sizes{spec.inputSize};
    for (const auto &l : spec.layers)
        sizes.push_back(l.units);
    for (std::size_t c = 0; c < sizes.size(); ++c) {
        std::vector<int> idx(std::size_t(sizes[c]));
        std::iota(idx.begin(), idx.end(), 0);
        if (sizes[c] > kMaxShown) {
            // The most active neurons for this input; without one, evenly spaced ones.
            if (c < m_act.size() && m_act[c].size() == std::size_t(sizes[c])) {
                const auto &a = m_act[c];
                std::partial_sort(idx.begin(), idx.begin() + kMaxShown, idx.end(),
                                  [&](int x, int y) { return std::abs(a[std::size_t(x)]) > std::abs(a[std::size_t(y)]); });
                idx.resize(kMaxShown);
            } else {
                std::vector<int> even;
                for (int k = 0; k < kMaxShown; ++k)
                    even.push_back(k * sizes[c] / kMaxShown);
                idx = even;
            }
            if (int(c) == m_hlLayer && m_hlNeuron >= 0 && std::find(idx.begin(), idx.end(), m_hlNeuron) == idx.end())
                idx.back() = m_hlNeuron;
            std::sort(idx.begin(), idx.end());
        }
        m_shown.push_back(idx);
    }
}

QStringList NetworkDiagram::columnLabels() const
{
    QStringList labels;
    if (!m_net)
        return labels;
    const auto &spec = m_net->spec();
    for (std::size_t c = 0; c < m_shown.size(); ++c) {
        const int total = c == 0 ? spec.inputSize : spec.layers[c - 1].units;
        QString label = c == 0 ? tr("input") : (c == m_shown.size() - 1 ? tr("output") : tr("hidden %1").arg(c));
        label += QStringLiteral("\n");
        label += int(m_shown[c].size()) < total ? tr("%1 of %2 shown").arg(m_shown[c].size()).arg(total)
                                                : tr("%n neuron(s)", nullptr, total);
        labels << label;
    }
    return labels;
}

int NetworkDiagram::sideMargin() const
{
    int widest = 0;
    for (const QString &label : columnLabels())
        for (const QString &line : label.split(QLatin1Char('\n')))
            widest = std::max(widest, fontMetrics().horizontalAdvance(line));
    // An activation written right of an output node ("-0,1234") stays inside too.
    const int value = int(kRadius) + 7 + fontMetrics().horizontalAdvance(QLocale().toString(-0.5, 'f', 4));
    return std::max({70, widest / 2 + 6, value});
}

int NetworkDiagram::labelHeight() const { return 2 * fontMetrics().lineSpacing() + 4; }

QRect NetworkDiagram::labelRect(int column) const
{
    int widest = 0;
    for (const QString &line : columnLabels().value(column).split(QLatin1Char('\n')))
        widest = std::max(widest, fontMetrics().horizontalAdvance(line));
    const int half = widest / 2 + 3;
    const QPointF bottom = nodePos(column, 0);
    return QRect(int(bottom.x()) - half, height() - labelHeight() - 2, 2 * half, labelHeight());
}

QPointF NetworkDiagram::nodePos(int column, int slot) const
{
    const int columns = int(m_shown.size());
    const int margin = sideMargin();
    const double x = margin + (width() - 2 * margin) * (columns > 1 ? double(column) / (columns - 1) : 0.5);
    const int n = int(m_shown[std::size_t(column)].size());
    const double top = fontMetrics().lineSpacing() + 12, bottom = height() - labelHeight() - kRadius - 6;
    const double y = n > 1 ? top + (bottom - top) * slot / (n - 1) : (top + bottom) / 2;
    return {x, y};
}

void NetworkDiagram::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    if (!m_net || m_shown.empty()) {
        p.drawText(rect(), Qt::AlignCenter, tr("No model"));
        return;
    }
    // Weights between the shown neurons, scaled by the largest drawn |w|.
    float maxW = 1e-6f;
    for (std::size_t l = 0; l < m_net->layerCount(); ++l) {
        const auto W = m_net->weights(l);
        for (int to : m_shown[l + 1])
            for (int from : m_shown[l])
                maxW = std::max(maxW, std::abs(W(to, from)));
    }
    for (std::size_t l = 0; l < m_net->layerCount(); ++l) {
        const auto W = m_net->weights(l);
        for (std::size_t j = 0; j < m_shown[l + 1].size(); ++j)
            for (std::size_t i = 0; i < m_shown[l].size(); ++i) {
                const int to = m_shown[l + 1][j], from = m_shown[l][i];
                const float w = W(to, from);
                const bool lit = m_hlLayer == int(l + 1) && m_hlNeuron == to;
                QColor c = w >= 0 ? QColor(214, 39, 40) : QColor(31, 119, 180);
                c.setAlphaF(float(lit ? 0.9 : 0.15 + 0.5 * std::abs(w) / maxW));
                p.setPen(QPen(c, 0.3 + 3.0 * std::abs(w) / maxW));
                p.drawLine(nodePos(int(l), int(i)), nodePos(int(l + 1), int(j)));
            }
    }
    // Neurons.
    const double line = fontMetrics().lineSpacing();
    const auto &spec = m_net->spec();
    for (std::size_t c = 0; c < m_shown.size(); ++c) {
        float maxA = 1e-6f;
        if (c < m_act.size())
            for (float v : m_act[c])
                maxA = std::max(maxA, std::abs(v));
        for (std::size_t s = 0; s < m_shown[c].size(); ++s) {
            const int n = m_shown[c][s];
            const float a = c < m_act.size() && std::size_t(n) < m_act[c].size() ? m_act[c][std::size_t(n)] / maxA : 0.0f;
            const int shade = int(255 * std::clamp(a, 0.0f, 1.0f));
            const bool lit = int(c) == m_hlLayer && n == m_hlNeuron;
            p.setPen(QPen(lit ? QColor(0, 160, 255) : palette().text().color(), lit ? 3 : 1));
            p.setBrush(QColor(shade, shade, int(shade * 0.6)));
            const QPointF at = nodePos(int(c), int(s));
            p.drawEllipse(at, kRadius, kRadius);
            // Small networks: every activation written beside its neuron.
            const bool small = m_shown.size() <= 4 && int(m_shown[c].size()) <= 8
                               && (c == 0 ? spec.inputSize : spec.layers[c - 1].units) <= 8;
            if (small && c < m_act.size() && std::size_t(n) < m_act[c].size()) {
                p.setPen(palette().text().color());
                p.drawText(QRectF(at.x() + kRadius + 3, at.y() - line / 2, sideMargin(), line), Qt::AlignLeft | Qt::AlignVCenter,
                           QLocale().toString(double(m_act[c][std::size_t(n)]), 'f', 4));
            } else if (c + 1 == m_shown.size() && c > 0 && spec.layers[c - 1].units == 10
                       && spec.layers[c - 1].activation == core::Activation::Softmax) {
                // The ten outputs of a digit classifier: each node says which digit it stands for.
                p.setPen(palette().text().color());
                p.drawText(QRectF(at.x() + kRadius + 3, at.y() - line / 2, sideMargin(), line), Qt::AlignLeft | Qt::AlignVCenter,
                           QLocale().toString(n));
            }
        }
        p.setPen(palette().text().color());
        p.drawText(labelRect(int(c)), Qt::AlignHCenter | Qt::AlignTop, columnLabels().value(int(c)));
    }
    if (!m_stage.isEmpty()) {
        p.setPen(palette().text().color());
        p.drawText(QRect(8, 4, width() - 16, fontMetrics().lineSpacing() + 4), Qt::AlignLeft | Qt::AlignVCenter, m_stage);
    }
}

void NetworkDiagram::mousePressEvent(QMouseEvent *event)
{
    for (std::size_t c = 1; c < m_shown.size(); ++c)
        for (std::size_t s = 0; s < m_shown[c].size(); ++s)
            if (QLineF(nodePos(int(c), int(s)), event->position()).length() <= kRadius + 2) {
                emit neuronClicked(int(c), m_shown[c][s]);
                return;
            }
}

} // namespace tinyml::ui
