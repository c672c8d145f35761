// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shared/featuremaps.h"

#include "ui/shared/imageviews.h"
#include "ui/shared/numbers.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace tinyml::ui {

MapView::MapView(const QString &caption, QWidget *parent) : QWidget(parent), m_caption(caption)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void MapView::setValues(std::vector<float> values, int width, int height, float range, Scale scale)
{
    m_values = std::move(values);
    m_width = width;
    m_height = height;
    m_range = range > 0.0f ? range : 1.0f;
    m_scale = scale;
    m_values.resize(std::size_t(std::max(0, width * height)), 0.0f);
    m_image
        = width > 0 && height > 0
              ? (scale == Scale::Diverging ? divergingImage(m_values.data(), width, height, m_range)
                                           : heatImage(m_values.data(), width, height, m_range))
              : QImage();
    if (m_markX >= m_width || m_markY >= m_height)
        m_markX = m_markY = -1;
    update();
}

void MapView::clear()
{
    m_values.clear();
    m_width = m_height = 0;
    m_image = QImage();
    m_outline = {};
    m_markX = m_markY = -1;
    update();
}

void MapView::setCaption(const QString &caption)
{
    m_caption = caption;
    update();
}

void MapView::setOutline(const core::PixelRect &r)
{
    m_outline = r;
    update();
}

void MapView::setMarked(int x, int y)
{
    m_markX = x;
    m_markY = y;
    update();
}

QString MapView::valueText(int x, int y) const
{
    if (x < 0 || y < 0 || x >= m_width || y >= m_height)
        return {};
    return tr("row %1, column %2: %3")
        .arg(y)
        .arg(x)
        .arg(localNumber(double(value(x, y)), m_decimals));
}

QSize MapView::sizeHint() const
{
    const int side = std::clamp(std::max(m_width, m_height) * 4, 48, 140);
    const int caption = m_caption.isEmpty() ? 0 : fontMetrics().height() + 2;
    return {side, side + caption};
}

QRect MapView::imageRect() const
{
    const int caption = m_caption.isEmpty() ? 0 : fontMetrics().height() + 2;
    const QRect area = rect().adjusted(1, 1, -1, -1 - caption);
    if (m_width <= 0 || m_height <= 0)
        return area;
    const double s = std::min(double(area.width()) / m_width, double(area.height()) / m_height);
    const QSize size(std::max(1, int(m_width * s)), std::max(1, int(m_height * s)));
    return {area.left() + (area.width() - size.width()) / 2, area.top(), size.width(),
            size.height()};
}

QPoint MapView::pixelAt(QPointF position) const
{
    const QRect target = imageRect();
    if (m_width <= 0 || !target.contains(position.toPoint()))
        return {-1, -1};
    const int x = int((position.x() - target.left()) * m_width / target.width());
    const int y = int((position.y() - target.top()) * m_height / target.height());
    return {std::clamp(x, 0, m_width - 1), std::clamp(y, 0, m_height - 1)};
}

QPoint MapView::centreOf(int x, int y) const
{
    const QRect target = imageRect();
    return {target.left() + int((x + 0.5) * target.width() / std::max(1, m_width)),
            target.top() + int((y + 0.5) * target.height() / std::max(1, m_height))};
}

bool MapView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QPoint p = pixelAt(help->pos());
        if (p.x() >= 0)
            QToolTip::showText(help->globalPos(), valueText(p.x(), p.y()), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void MapView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QRect target = imageRect();
    if (m_image.isNull()) {
        p.setPen(palette().mid().color());
        p.drawRect(target.adjusted(0, 0, -1, -1));
    } else {
        p.setRenderHint(QPainter::SmoothPixmapTransform, false);
        p.drawImage(target, m_image);
        const double sx = double(target.width()) / m_width;
        const double sy = double(target.height()) / m_height;
        if (!m_outline.isEmpty()) {
            p.setPen(QPen(QColor(0, 200, 255), 2));
            p.setBrush(QColor(0, 200, 255, 40));
            p.drawRect(QRectF(target.left() + m_outline.left * sx,
                              target.top() + m_outline.top * sy, m_outline.width() * sx,
                              m_outline.height() * sy));
        }
        if (m_markX >= 0 && m_markY >= 0) {
            p.setPen(QPen(QColor(0, 160, 255), 2));
            p.setBrush(Qt::NoBrush);
            p.drawRect(QRectF(target.left() + m_markX * sx, target.top() + m_markY * sy, sx, sy));
        }
        p.setPen(QPen(palette().mid().color(), 1));
        p.setBrush(Qt::NoBrush);
        p.drawRect(target.adjusted(0, 0, -1, -1));
    }
    if (!m_caption.isEmpty()) {
        p.setPen(palette().text().color());
        p.drawText(QRect(0, target.bottom() + 2, width(), fontMetrics().height()),
                   Qt::AlignHCenter | Qt::AlignTop, m_caption);
    }
}

void MapView::mousePressEvent(QMouseEvent *event)
{
    const QPoint p = pixelAt(event->position());
    if (p.x() >= 0)
        emit pixelClicked(p.x(), p.y());
}

QString scaleLegend(MapView::Scale scale, float range)
{
    const QString top = localNumber(double(range), range >= 10.0f ? 1 : 3);
    if (scale == MapView::Scale::Diverging)
        return QStringLiteral("<span style='background:#4040ff;color:white'>&nbsp;−%1&nbsp;</span>"
                              "<span style='background:white;color:black'>&nbsp;0&nbsp;</span>"
                              "<span style='background:#ff4040;color:white'>&nbsp;+%1&nbsp;</span>")
            .arg(top);
    return QStringLiteral("<span style='background:black;color:white'>&nbsp;0&nbsp;</span>"
                          "<span style='background:#ff0014;color:white'>&nbsp;…&nbsp;</span>"
                          "<span style='background:#ffff00;color:black'>&nbsp;%1&nbsp;</span>")
        .arg(top);
}

} // namespace tinyml::ui
