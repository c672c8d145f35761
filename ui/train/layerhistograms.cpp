// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/train/layerhistograms.h"

#include "ui/shared/numbers.h"

#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace tinyml::ui {

namespace {
/// The first layer's gradients this many times smaller than the last layer's: vanishing.
constexpr double kVanishing = 100.0;
/// A gradient RMS above this: exploding.
constexpr double kExploding = 100.0;

const QColor kWeights(31, 119, 180);
const QColor kActivations(44, 160, 44);
const QColor kGradients(214, 39, 40);

QString sci(double v)
{
    return QLocale().toString(v, 'g', 2);
}
} // namespace

LayerHistograms::LayerHistograms(QWidget *parent)
    : QWidget(parent), m_caption(new QLabel(this)), m_verdict(new QLabel(this))
{
    setObjectName(QStringLiteral("layerHistograms"));
    auto *layout = new QVBoxLayout(this);
    m_caption->setWordWrap(true);
    m_caption->setText(tr("Every layer on 256 training images, updated about once a second while "
                          "training: its weights, its outputs, and the size of its gradients "
                          "(log₁₀ |∂L/∂w|). Gradients piled up far left in the first layers "
                          "mean those layers hardly learn: a vanishing gradient."));
    m_verdict->setObjectName(QStringLiteral("gradientVerdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextFormat(Qt::RichText);
    layout->addWidget(m_caption);
    layout->addWidget(m_verdict);
    layout->addStretch(1);
    clear();
}

void LayerHistograms::clear()
{
    m_stats.reset();
    m_verdict->setText(tr("Train to see the histograms."));
    update();
}

void LayerHistograms::setStats(LayerStatsPtr stats, const core::ModelSpec &spec)
{
    m_stats = std::move(stats);
    m_spec = spec;
    m_verdict->setText(verdict());
    update();
}

double LayerHistograms::gradientRatio() const
{
    if (!m_stats)
        return 0.0;
    const core::LayerStats *first = nullptr, *last = nullptr;
    for (const auto &l : m_stats->layers)
        if (l.hasWeights) {
            if (!first)
                first = &l;
            last = &l;
        }
    if (!first || !last || first->gradientRms <= 0.0)
        return 0.0;
    return first->gradientRms / last->gradientRms;
}

QString LayerHistograms::verdict() const
{
    if (!m_stats)
        return tr("Train to see the histograms.");
    double largest = 0.0;
    for (const auto &l : m_stats->layers)
        largest = std::max(largest, l.gradientRms);
    if (!std::isfinite(largest) || largest > kExploding)
        return tr("<b>Exploding gradients</b>: a layer's gradients reach an RMS of %1; the steps "
                  "throw its weights far away.")
            .arg(sci(largest));
    const double ratio = gradientRatio();
    if (ratio > 0.0 && ratio < 1.0 / kVanishing)
        return tr("<b>Vanishing gradients</b>: the first layer's gradients are %1 times smaller "
                  "than the last layer's, so the first layers hardly change.")
            .arg(QLocale().toString(std::round(1.0 / ratio), 'f', 0));
    return tr("Gradients of a healthy size in every layer (the first layer's RMS is %1 times the "
              "last layer's).")
        .arg(QLocale().toString(ratio, 'g', 2));
}

void LayerHistograms::paintEvent(QPaintEvent *)
{
    if (!m_stats)
        return;
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, false);
    std::vector<std::size_t> rows;
    for (std::size_t l = 0; l < m_stats->layers.size(); ++l)
        if (m_stats->layers[l].hasWeights)
            rows.push_back(l);
    if (rows.empty())
        return;
    const QFontMetrics fm(font());
    const int top = m_verdict->geometry().bottom() + 8;
    const int titleH = fm.height() + 2;
    const int rowH = std::max(titleH + 24, (height() - top - titleH - 4) / int(rows.size()));
    const int colW = (width() - 16) / 3;
    const QString heads[3]
        = {tr("weights"), tr("activations (outputs)"), tr("gradients, log₁₀ |∂L/∂w|")};
    const QColor colours[3] = {kWeights, kActivations, kGradients};
    p.setPen(palette().color(QPalette::WindowText));
    for (int c = 0; c < 3; ++c)
        p.drawText(QRect(8 + c * colW, top, colW, titleH), Qt::AlignLeft | Qt::AlignVCenter,
                   heads[c]);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const core::LayerStats &s = m_stats->layers[rows[r]];
        const int y0 = top + titleH + int(r) * rowH;
        const core::Histogram *hs[3] = {&s.weights, &s.activations, &s.gradients};
        const auto &layer
            = m_spec.layers.size() > rows[r] ? m_spec.layers[rows[r]] : core::LayerSpec{};
        const QString name
            = tr("layer %1 (%2 %3)")
                  .arg(rows[r] + 1)
                  .arg(layer.units)
                  .arg(QString::fromLatin1(core::toString(layer.activation).data(),
                                           qsizetype(core::toString(layer.activation).size())));
        for (int c = 0; c < 3; ++c) {
            const core::Histogram &h = *hs[c];
            const QRect box(8 + c * colW, y0, colW - 8, rowH - 4);
            p.fillRect(box, QColor(248, 248, 248));
            const QString label
                = c == 0   ? tr("%1 · RMS %2").arg(name, sci(s.weightRms))
                  : c == 1 ? tr("%1 … %2").arg(sci(h.low), sci(h.high))
                           : tr("RMS %1 · %2 % exactly 0")
                                 .arg(sci(s.gradientRms))
                                 .arg(localNumber(
                                     100.0 * s.zeroGradients / std::max(1, s.weights.total()), 0));
            p.setPen(palette().color(QPalette::WindowText));
            p.drawText(box.adjusted(3, 1, -3, 0), Qt::AlignLeft | Qt::AlignTop, label);
            if (h.counts.empty())
                continue;
            const int peak = std::max(1, *std::max_element(h.counts.begin(), h.counts.end()));
            const QRect plot = box.adjusted(2, fm.height() + 2, -2, -2);
            const double barW = double(plot.width()) / double(h.counts.size());
            for (std::size_t i = 0; i < h.counts.size(); ++i) {
                const int bar = int(std::lround(double(plot.height()) * h.counts[i] / peak));
                p.fillRect(QRectF(plot.left() + i * barW, plot.bottom() - bar,
                                  std::max(1.0, barW - 1), bar),
                           colours[c]);
            }
        }
    }
}

} // namespace tinyml::ui
