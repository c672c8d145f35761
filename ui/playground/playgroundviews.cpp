// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/playground/playgroundviews.h"

#include "ui/shared/numbers.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <array>
#include <cmath>

namespace tinyml::ui {

namespace playgroundColours {

QColor orange()
{
    return {232, 123, 12};
}
QColor blue()
{
    return {8, 112, 184};
}

QRgb diverging(float v, float strength)
{
    v = std::isfinite(v) ? std::clamp(v, -1.0f, 1.0f) : 0.0f;
    const QColor c = v < 0 ? orange() : blue();
    const float t = std::abs(v) * strength;
    auto mix
        = [t](int channel) { return int(std::lround(255.0f + (float(channel) - 255.0f) * t)); };
    return qRgb(mix(c.red()), mix(c.green()), mix(c.blue()));
}

} // namespace playgroundColours

QString featureName(int bit)
{
    static const char *const names[] = {"x₁", "x₂", "x₁²", "x₂²", "x₁x₂", "sin x₁", "sin x₂"};
    return bit >= 0 && bit < core::kFeatureKinds ? QString::fromUtf8(names[bit]) : QString();
}

namespace {

/// Bits of the features set in mask, in order.
std::vector<int> featureBits(std::uint32_t mask)
{
    std::vector<int> bits;
    for (int i = 0; i < core::kFeatureKinds; ++i)
        if (mask & (1u << i))
            bits.push_back(i);
    return bits;
}

/// A number as a factor of a difference, in parentheses when negative: "(−0.22)".
QString factor(double v, int decimals)
{
    const QString text = localNumber(v, decimals);
    return v < 0 ? QStringLiteral("(%1)").arg(text) : text;
}

core::Activation activationOf(const PlaygroundSnapshot &s, std::size_t layer)
{
    return layer == 0 ? core::Activation::Linear : s.spec.layers[layer - 1].activation;
}

} // namespace

QImage
neuronImage(const PlaygroundSnapshot &s, std::size_t layer, Eigen::Index unit, float strength)
{
    const int g = s.maps.grid;
    if (g <= 0 || layer >= s.maps.layers.size())
        return {};
    const auto row = s.maps.layers[layer].row(unit);
    const core::Activation f = activationOf(s, layer);
    float scale = 1.0f, shift = 0.0f;
    switch (f) {
    case core::Activation::Tanh:
        break;
    case core::Activation::Sigmoid:
        scale = 2.0f;
        shift = -1.0f;
        break;
    case core::Activation::Softmax:
        // Unit 1 is p(blue), unit 0 p(orange): both coloured by the class they favour.
        scale = unit == 1 ? 2.0f : -2.0f;
        shift = unit == 1 ? -1.0f : 1.0f;
        break;
    default: {
        const float m = row.cwiseAbs().maxCoeff();
        scale = m > 0.0f && std::isfinite(m) ? 1.0f / m : 1.0f;
        break;
    }
    }
    // A table of 511 colours from −1 to +1 instead of mixing every pixel's colour.
    constexpr int kSteps = 255;
    std::array<QRgb, 2 * kSteps + 1> table;
    for (int i = 0; i <= 2 * kSteps; ++i)
        table[std::size_t(i)] = playgroundColours::diverging(float(i - kSteps) / kSteps, strength);
    QImage image(g, g, QImage::Format_RGB32);
    for (int r = 0; r < g; ++r) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(r));
        for (int c = 0; c < g; ++c) {
            const float v = row(r * g + c) * scale + shift;
            const float t = std::isfinite(v) ? std::clamp(v, -1.0f, 1.0f) : 0.0f;
            line[c] = table[std::size_t(std::lround(t * kSteps) + kSteps)];
        }
    }
    return image;
}

// ---------------------------------------------------------------------------------------------

PlanarMapView::PlanarMapView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("playgroundMap"));
    setMouseTracking(true);
    setMinimumSize(240, 240);
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void PlanarMapView::setSnapshot(PlaygroundSnapshotPtr snapshot)
{
    m_snapshot = std::move(snapshot);
    const auto *before = m_points.isNull() ? nullptr : m_pointsData.get();
    m_map = m_snapshot ? m_snapshot->outputMap : QImage();
    if (!m_snapshot || m_snapshot->data.get() != before || m_pointsKind != m_snapshot->config.data)
        m_points = QImage();
    update();
}

void PlanarMapView::setTestShown(bool shown)
{
    m_test = shown;
    m_points = QImage();
    update();
}

void PlanarMapView::resizeEvent(QResizeEvent *)
{
    m_points = QImage();
}

QRectF PlanarMapView::plotRect() const
{
    const double side = std::min(width(), height()) - 2.0;
    return {(width() - side) / 2.0, (height() - side) / 2.0, side, side};
}

QPointF PlanarMapView::toData(QPointF w) const
{
    const QRectF r = plotRect();
    const double e = core::kPlanarExtent;
    return {-e + 2 * e * (w.x() - r.left()) / r.width(),
            e - 2 * e * (w.y() - r.top()) / r.height()};
}

QPointF PlanarMapView::toWidget(QPointF d) const
{
    const QRectF r = plotRect();
    const double e = core::kPlanarExtent;
    return {r.left() + (d.x() + e) / (2 * e) * r.width(),
            r.top() + (e - d.y()) / (2 * e) * r.height()};
}

QPointF PlanarMapView::pointPosition(const core::PlanarPoint &p) const
{
    // Regression points are drawn at (x₁, y).
    const bool regression = m_snapshot && core::isRegression(m_snapshot->config.data);
    return toWidget({p.x1, regression ? p.label : p.x2});
}

std::optional<core::PlanarPoint> PlanarMapView::point(int index) const
{
    if (!m_snapshot || !m_snapshot->data || index < 0)
        return std::nullopt;
    const auto &train = m_snapshot->data->train;
    const auto &test = m_snapshot->data->test;
    if (std::size_t(index) < train.size())
        return train[std::size_t(index)];
    if (std::size_t(index) < train.size() + test.size())
        return test[std::size_t(index) - train.size()];
    return std::nullopt;
}

int PlanarMapView::pointAt(QPointF w) const
{
    if (!m_snapshot || !m_snapshot->data)
        return -1;
    const double radius = std::max(4.0, plotRect().width() / 90.0) + 3.0;
    int best = -1;
    double bestDist = radius * radius;
    const auto &train = m_snapshot->data->train;
    const auto &test = m_snapshot->data->test;
    const std::size_t count = train.size() + (m_test ? test.size() : 0);
    for (std::size_t i = 0; i < count; ++i) {
        const auto &p = i < train.size() ? train[i] : test[i - train.size()];
        const QPointF d = pointPosition(p) - w;
        const double dist = d.x() * d.x() + d.y() * d.y();
        if (dist <= bestDist) {
            bestDist = dist;
            best = int(i);
        }
    }
    return best;
}

void PlanarMapView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF r = plotRect();
    p.fillRect(r, Qt::white);
    if (!m_snapshot)
        return;
    const bool regression = core::isRegression(m_snapshot->config.data);
    if (!m_map.isNull()) // one square per grid point, as the network computed it
        p.drawImage(r.toAlignedRect(), m_map);
    // Axes through 0, ticks every 2.
    p.setPen(QPen(QColor(0, 0, 0, 60), 1));
    p.drawLine(toWidget({-6, 0}), toWidget({6, 0}));
    p.drawLine(toWidget({0, -6}), toWidget({0, 6}));
    for (int t = -6; t <= 6; t += 2) {
        p.drawLine(toWidget({double(t), 0}) + QPointF(0, -3),
                   toWidget({double(t), 0}) + QPointF(0, 3));
        p.drawLine(toWidget({0, double(t)}) + QPointF(-3, 0),
                   toWidget({0, double(t)}) + QPointF(3, 0));
    }
    if (regression && !m_snapshot->maps.layers.empty()) {
        // The fitted curve: the output along one row of the grid (it does not depend on x₂).
        const auto &out = m_snapshot->maps.layers.back();
        const int g = m_snapshot->maps.grid;
        QPainterPath curve;
        for (int c = 0; c < g; ++c) {
            const QPointF w
                = toWidget({core::gridCoordinate(c, g), std::clamp(double(out(0, c)), -7.0, 7.0)});
            c == 0 ? curve.moveTo(w) : curve.lineTo(w);
        }
        p.save();
        p.setClipRect(r);
        p.setPen(QPen(QColor(40, 40, 40), 3));
        p.drawPath(curve);
        p.restore();
    }
    // The points change only with the data: they are drawn once into a transparent layer.
    if (m_points.isNull() && m_snapshot->data) {
        const qreal dpr = devicePixelRatioF();
        m_points = QImage(size() * dpr, QImage::Format_ARGB32_Premultiplied);
        m_points.setDevicePixelRatio(dpr);
        m_points.fill(Qt::transparent);
        QPainter layer(&m_points);
        layer.setRenderHint(QPainter::Antialiasing);
        for (const auto &pt : m_snapshot->data->train)
            drawPoint(layer, pt, false, false);
        if (m_test)
            for (const auto &pt : m_snapshot->data->test)
                drawPoint(layer, pt, true, false);
        m_pointsData = m_snapshot->data;
        m_pointsKind = m_snapshot->config.data;
    }
    p.drawImage(QPointF(0, 0), m_points);
    if (const auto h = point(m_hovered))
        drawPoint(p, *h, std::size_t(m_hovered) >= m_snapshot->data->train.size(), true);
    p.setPen(QPen(QColor(0, 0, 0, 90), 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(r);
}

void PlanarMapView::drawPoint(QPainter &p,
                              const core::PlanarPoint &pt,
                              bool isTest,
                              bool hovered) const
{
    const bool regression = core::isRegression(m_snapshot->config.data);
    const double radius = std::max(3.5, plotRect().width() / 90.0);
    const QColor fill = regression         ? QColor(90, 90, 90)
                        : pt.label >= 0.5f ? playgroundColours::blue()
                                           : playgroundColours::orange();
    p.setBrush(isTest && regression ? QBrush(Qt::white) : QBrush(fill));
    p.setPen(isTest ? QPen(regression ? fill : Qt::black, 1.5) : QPen(Qt::white, 1.2));
    const double rr = hovered ? radius * 1.8 : radius;
    p.drawEllipse(pointPosition(pt), rr, rr);
}

void PlanarMapView::mouseMoveEvent(QMouseEvent *event)
{
    const int hit = pointAt(event->position());
    if (hit != m_hovered) {
        m_hovered = hit;
        update();
    }
    emit hovered(toData(event->position()), hit);
}

void PlanarMapView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && plotRect().contains(event->position()))
        emit clicked(toData(event->position()));
}

void PlanarMapView::leaveEvent(QEvent *)
{
    m_hovered = -1;
    update();
    emit left();
}

// ---------------------------------------------------------------------------------------------

NeuronDiagramView::NeuronDiagramView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("playgroundDiagram"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void NeuronDiagramView::setSnapshot(PlaygroundSnapshotPtr snapshot)
{
    m_snapshot = std::move(snapshot);
    if (m_snapshot) {
        if (m_selLayer >= columnCount() || (m_selLayer >= 0 && m_selUnit >= unitsIn(m_selLayer)))
            m_selLayer = m_selUnit = -1;
    }
    update();
}

void NeuronDiagramView::setGradientShown(bool shown)
{
    m_gradient = shown;
    update();
}

void NeuronDiagramView::setPath(std::vector<std::vector<float>> path)
{
    m_path = std::move(path);
    update();
}

void NeuronDiagramView::select(int layer, int unit)
{
    m_selLayer = layer;
    m_selUnit = unit;
    update();
    emit neuronSelected(layer, unit);
}

int NeuronDiagramView::columnCount() const
{
    return m_snapshot ? int(m_snapshot->spec.layers.size()) + 1 : 0;
}

int NeuronDiagramView::unitsIn(int column) const
{
    if (!m_snapshot || column < 0 || column >= columnCount())
        return 0;
    return column == 0 ? m_snapshot->spec.inputSize
                       : m_snapshot->spec.layers[std::size_t(column - 1)].units;
}

bool NeuronDiagramView::showsBlueProbability() const
{
    if (!m_snapshot || m_snapshot->spec.layers.empty())
        return false;
    const core::LayerSpec &out = m_snapshot->spec.layers.back();
    return out.units == 2 && out.activation == core::Activation::Softmax;
}

int NeuronDiagramView::nodesIn(int column) const
{
    return column == columnCount() - 1 && showsBlueProbability() ? 1 : unitsIn(column);
}

int NeuronDiagramView::unitOf(int column, int node) const
{
    return column == columnCount() - 1 && showsBlueProbability() ? 1 : node;
}

double NeuronDiagramView::nodeSize() const
{
    int most = 1;
    for (int c = 0; c < columnCount(); ++c)
        most = std::max(most, nodesIn(c));
    const double byHeight = (height() - 40.0) / most * 0.8;
    const double byWidth = columnCount() > 1 ? (width() - 60.0) / columnCount() * 0.5 : 60.0;
    return std::clamp(std::min(byHeight, byWidth), 16.0, 64.0);
}

QPointF NeuronDiagramView::nodeCentre(int layer, int unit) const
{
    const int cols = columnCount();
    const double s = nodeSize();
    const double left = 44.0 + s / 2.0, right = width() - 10.0 - s / 2.0;
    const double x = cols > 1 ? left + (right - left) * layer / (cols - 1) : width() / 2.0;
    const int n = std::max(1, nodesIn(layer));
    const int node = n < unitsIn(layer) ? 0 : unit;
    const double top = 28.0, bottom = height() - 8.0;
    const double step = std::min((bottom - top) / n, s * 1.35);
    const double y = (top + bottom) / 2.0 + (node - (n - 1) / 2.0) * step;
    return {x, y};
}

QRectF NeuronDiagramView::nodeRect(int column, int node) const
{
    const double s = nodeSize();
    const QPointF centre = nodeCentre(column, unitOf(column, node));
    return {centre.x() - s / 2, centre.y() - s / 2, s, s};
}

QString NeuronDiagramView::outputCaption() const
{
    return showsBlueProbability() ? tr("P(blue)") : QString();
}

QFont NeuronDiagramView::smallFont() const
{
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    return small;
}

QRectF NeuronDiagramView::captionRect() const
{
    // Under the output node: its name and a colour scale from 0 (orange) to 1 (blue), as wide
    // as the node and the room to its right allow.
    const QRectF box = nodeRect(columnCount() - 1, 0);
    const QFontMetricsF fm(smallFont());
    const double w = std::max(box.width(), fm.horizontalAdvance(outputCaption()) + 4.0);
    const double right = std::min(double(width()) - 2.0, box.center().x() + w / 2.0);
    return {right - w, box.bottom() + 4.0, w, 2.0 * fm.height() + 8.0};
}

float NeuronDiagramView::weight(int layer, int to, int from) const
{
    const auto &spec = m_snapshot->spec;
    std::size_t offset = 0;
    for (int l = 0; l < layer; ++l)
        offset += std::size_t(spec.layers[std::size_t(l)].units)
                  * std::size_t(spec.layerInputSize(std::size_t(l)) + 1);
    const int rows = spec.layers[std::size_t(layer)].units;
    return m_snapshot->parameters[offset + std::size_t(from) * std::size_t(rows) + std::size_t(to)];
}

float NeuronDiagramView::gradientOf(int layer, int to, int from) const
{
    if (m_snapshot->gradient.empty())
        return 0.0f;
    const auto &spec = m_snapshot->spec;
    std::size_t offset = 0;
    for (int l = 0; l < layer; ++l)
        offset += std::size_t(spec.layers[std::size_t(l)].units)
                  * std::size_t(spec.layerInputSize(std::size_t(l)) + 1);
    const int rows = spec.layers[std::size_t(layer)].units;
    return m_snapshot->gradient[offset + std::size_t(from) * std::size_t(rows) + std::size_t(to)];
}

bool NeuronDiagramView::mergedInto(int layer) const
{
    return layer + 2 == columnCount() && showsBlueProbability();
}

float NeuronDiagramView::lineWeight(int layer, int to, int from) const
{
    // P(blue) = softmax(z)₂ = σ(z₂ − z₁): the one output node's weight is the difference.
    return mergedInto(layer) ? weight(layer, 1, from) - weight(layer, 0, from)
                             : weight(layer, to, from);
}

float NeuronDiagramView::lineGradient(int layer, int to, int from) const
{
    return mergedInto(layer) ? gradientOf(layer, 1, from) - gradientOf(layer, 0, from)
                             : gradientOf(layer, to, from);
}

void NeuronDiagramView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    if (!m_snapshot)
        return;
    const double s = nodeSize();
    const int cols = columnCount();
    float maxGrad = 0.0f;
    for (int l = 0; l + 1 < cols && !m_snapshot->gradient.empty(); ++l)
        for (int to = 0; to < nodesIn(l + 1); ++to)
            for (int from = 0; from < unitsIn(l); ++from)
                maxGrad = std::max(maxGrad, std::abs(lineGradient(l, to, from)));
    // Lines first, under the neurons.
    for (int l = 0; l + 1 < cols; ++l) {
        for (int to = 0; to < nodesIn(l + 1); ++to) {
            for (int from = 0; from < unitsIn(l); ++from) {
                const float w = lineWeight(l, to, from);
                float strength = w;
                if (!m_path.empty() && std::size_t(l) < m_path.size())
                    strength = w * m_path[std::size_t(l)][std::size_t(from)];
                const QPointF a = nodeCentre(l, from) + QPointF(s / 2, 0);
                const QPointF b = nodeRect(l + 1, to).center() - QPointF(s / 2, 0);
                QColor c = strength >= 0 ? playgroundColours::blue() : playgroundColours::orange();
                c.setAlpha(m_path.empty() ? 190 : 230);
                p.setPen(
                    QPen(c, std::clamp(double(std::abs(strength)) * (m_path.empty() ? 2.0 : 3.0),
                                       0.4, 7.0)));
                p.drawLine(a, b);
                if (m_gradient && maxGrad > 0.0f) {
                    // The step pushes the weight against its gradient: ▲ grows, ▼ shrinks.
                    const float g = lineGradient(l, to, from);
                    const double size = 2.5 + 6.0 * std::abs(g) / maxGrad;
                    const QPointF m = (a + b) / 2.0;
                    const double dir = g < 0 ? -1.0 : 1.0;
                    QPolygonF tri;
                    tri << m + QPointF(0, dir * size) << m + QPointF(-size, -dir * size * 0.6)
                        << m + QPointF(size, -dir * size * 0.6);
                    p.setPen(QPen(Qt::white, 1));
                    p.setBrush(QColor(20, 20, 20));
                    p.drawPolygon(tri);
                }
            }
        }
    }
    const QFont small = smallFont();
    p.setFont(small);
    const std::vector<int> bits = featureBits(m_snapshot->config.features);
    for (int c = 0; c < cols; ++c) {
        const QString title = c == 0          ? tr("Inputs")
                              : c == cols - 1 ? tr("Output")
                                              : tr("Layer %1").arg(c);
        p.setPen(palette().text().color());
        const QPointF top = nodeRect(c, 0).center();
        p.drawText(QRectF(top.x() - 60, 2, 120, 20), Qt::AlignCenter, title);
        for (int node = 0; node < nodesIn(c); ++node) {
            const int u = unitOf(c, node);
            const QRectF box = nodeRect(c, node);
            const auto &images = m_snapshot->images;
            if (std::size_t(c) < images.size() && std::size_t(u) < images[std::size_t(c)].size())
                p.drawImage(box.toAlignedRect(), images[std::size_t(c)][std::size_t(u)]);
            const bool selected = c == m_selLayer && u == m_selUnit;
            p.setBrush(Qt::NoBrush);
            p.setPen(QPen(selected ? Qt::black : QColor(120, 120, 120), selected ? 3.0 : 1.0));
            p.drawRect(box);
            p.setPen(palette().text().color());
            if (c == 0 && std::size_t(u) < bits.size())
                p.drawText(QRectF(0, box.center().y() - 10, box.left() - 4, 20),
                           Qt::AlignRight | Qt::AlignVCenter, featureName(bits[std::size_t(u)]));
            if (!m_path.empty() && std::size_t(c) < m_path.size()
                && std::size_t(u) < m_path[std::size_t(c)].size()) {
                const QString value = localNumber(m_path[std::size_t(c)][std::size_t(u)], 2);
                const QRectF label(box.left() - 10, box.bottom() - 14, box.width() + 20, 14);
                p.fillRect(label.adjusted(8, 0, -8, 0), QColor(255, 255, 255, 210));
                p.drawText(label, Qt::AlignCenter, value);
            }
        }
    }
    if (showsBlueProbability()) {
        // What the one output map shows: its name over a scale from 0 (orange) to 1 (blue).
        const QRectF place = captionRect();
        const double line = QFontMetricsF(small).height();
        p.fillRect(place, palette().base());
        p.setPen(palette().text().color());
        p.drawText(QRectF(place.left(), place.top(), place.width(), line), Qt::AlignCenter,
                   outputCaption());
        const QRectF bar(place.left() + 2, place.top() + line + 2, place.width() - 4, 6);
        QLinearGradient scale(bar.topLeft(), bar.topRight());
        scale.setColorAt(0.0, playgroundColours::orange());
        scale.setColorAt(0.5, Qt::white);
        scale.setColorAt(1.0, playgroundColours::blue());
        p.fillRect(bar, scale);
        p.setPen(QColor(120, 120, 120));
        p.drawRect(bar);
        p.setPen(palette().text().color());
        const QRectF ends(place.left(), bar.bottom(), place.width(), line);
        p.drawText(ends, Qt::AlignLeft | Qt::AlignTop, localNumber(0.0, 0));
        p.drawText(ends, Qt::AlignRight | Qt::AlignTop, localNumber(1.0, 0));
    }
}

std::optional<NeuronDiagramView::Line> NeuronDiagramView::lineAt(QPointF pos) const
{
    if (!m_snapshot)
        return std::nullopt;
    const double s = nodeSize();
    std::optional<Line> best;
    double bestDist = 5.0;
    for (int l = 0; l + 1 < columnCount(); ++l) {
        for (int to = 0; to < nodesIn(l + 1); ++to) {
            for (int from = 0; from < unitsIn(l); ++from) {
                const QPointF a = nodeCentre(l, from) + QPointF(s / 2, 0);
                const QPointF b = nodeRect(l + 1, to).center() - QPointF(s / 2, 0);
                const QPointF ab = b - a;
                const double len2 = QPointF::dotProduct(ab, ab);
                if (len2 <= 0)
                    continue;
                const double t = std::clamp(QPointF::dotProduct(pos - a, ab) / len2, 0.0, 1.0);
                const QPointF d = pos - (a + t * ab);
                const double dist = std::hypot(d.x(), d.y());
                if (dist < bestDist) {
                    bestDist = dist;
                    best = Line{l, from, to, lineWeight(l, to, from)};
                }
            }
        }
    }
    return best;
}

QString NeuronDiagramView::toolTipAt(QPointF pos) const
{
    if (!m_snapshot)
        return {};
    const std::vector<int> bits = featureBits(m_snapshot->config.features);
    auto nodeName = [&](int column, int unit) {
        if (column == 0)
            return std::size_t(unit) < bits.size() ? featureName(bits[std::size_t(unit)])
                                                   : QString();
        if (column == columnCount() - 1)
            return tr("output %1").arg(unit + 1);
        return tr("neuron %1 of layer %2").arg(unit + 1).arg(column);
    };
    const auto &spec = m_snapshot->spec;
    auto biasOf = [&](int c, int u) {
        std::size_t offset = 0;
        for (int l = 0; l < c - 1; ++l)
            offset += std::size_t(spec.layers[std::size_t(l)].units)
                      * std::size_t(spec.layerInputSize(std::size_t(l)) + 1);
        return m_snapshot->parameters[offset
                                      + std::size_t(spec.layers[std::size_t(c - 1)].units)
                                            * std::size_t(spec.layerInputSize(std::size_t(c - 1)))
                                      + std::size_t(u)];
    };
    for (int c = 0; c < columnCount(); ++c) {
        for (int node = 0; node < nodesIn(c); ++node) {
            if (!nodeRect(c, node).contains(pos))
                continue;
            const int u = unitOf(c, node);
            if (c == 0)
                return tr("Input %1: its map shows its value at every point").arg(nodeName(c, u));
            if (c == columnCount() - 1 && showsBlueProbability())
                return tr("The output: the probability that a point is blue, P(blue) = "
                          "softmax(z)₂ = σ(z₂ − z₁), at every point. Blue where the network says "
                          "blue, orange where it says orange, white at 50 %. Its bias b₂ − b₁ = "
                          "%1. Click to see it for the point under the mouse.")
                    .arg(localNumber(biasOf(c, 1) - biasOf(c, 0), 3));
            return tr("%1: bias b = %2. Click to see z = Σ wᵢxᵢ + b for the point under the "
                      "mouse.")
                .arg(nodeName(c, u), localNumber(biasOf(c, u), 3));
        }
    }
    if (const auto line = lineAt(pos)) {
        QString text;
        if (mergedInto(line->layer))
            text = tr("Weight from %1 to P(blue): w₂ − w₁ = %2 − %3 = %4")
                       .arg(nodeName(line->layer, line->from),
                            factor(weight(line->layer, 1, line->from), 3),
                            factor(weight(line->layer, 0, line->from), 3),
                            localNumber(line->weight, 3));
        else
            text = tr("Weight from %1 to %2: w = %3")
                       .arg(nodeName(line->layer, line->from), nodeName(line->layer + 1, line->to),
                            localNumber(line->weight, 3));
        if (m_gradient && !m_snapshot->gradient.empty()) {
            const float g = lineGradient(line->layer, line->to, line->from);
            text
                += QLatin1Char('\n')
                   + (g < 0 ? tr("∂L/∂w = %1: the next step makes it larger").arg(localNumber(g, 4))
                            : tr("∂L/∂w = %1: the next step makes it smaller")
                                  .arg(localNumber(g, 4)));
        }
        return text;
    }
    return {};
}

bool NeuronDiagramView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

void NeuronDiagramView::mouseMoveEvent(QMouseEvent *event)
{
    // A line's weight shows at once, without the tooltip's delay.
    if (lineAt(event->position()))
        QToolTip::showText(event->globalPosition().toPoint(), toolTipAt(event->position()), this);
}

void NeuronDiagramView::mousePressEvent(QMouseEvent *event)
{
    for (int c = 1; c < columnCount(); ++c) {
        for (int node = 0; node < nodesIn(c); ++node) {
            if (nodeRect(c, node).contains(event->position())) {
                select(c, unitOf(c, node));
                return;
            }
        }
    }
}

} // namespace tinyml::ui
