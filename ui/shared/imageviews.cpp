// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shared/imageviews.h"
#include "ui/shared/numbers.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace tinyml::ui {

QImage grayImage(const std::uint8_t *pixels, int cols, int rows)
{
    QImage img(cols, rows, QImage::Format_Grayscale8);
    for (int y = 0; y < rows; ++y)
        std::copy(pixels + y * cols, pixels + (y + 1) * cols, img.scanLine(y));
    return img;
}

QImage divergingImage(const float *values, int cols, int rows, float range)
{
    QImage img(cols, rows, QImage::Format_RGB32);
    const float inv = range > 0 ? 1.0f / range : 0.0f;
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < cols; ++x) {
            const float t = std::clamp(values[y * cols + x] * inv, -1.0f, 1.0f);
            const int fade = int(255 * (1.0f - std::abs(t)));
            img.setPixel(x, y, t >= 0 ? qRgb(255, fade, fade) : qRgb(fade, fade, 255));
        }
    return img;
}

QImage heatImage(const float *values, int cols, int rows, float max)
{
    QImage img(cols, rows, QImage::Format_RGB32);
    const float inv = max > 0 ? 1.0f / max : 0.0f;
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < cols; ++x) {
            const float t = std::clamp(values[y * cols + x] * inv, 0.0f, 1.0f);
            // black → red → yellow, readable on a projector
            const int r = int(255 * std::min(1.0f, 2.0f * t));
            const int g = int(255 * std::max(0.0f, 2.0f * t - 1.0f));
            img.setPixel(x, y, qRgb(r, g, int(40 * (1 - t))));
        }
    return img;
}

PixelView::PixelView(const QString &caption, QWidget *parent)
    : QWidget(parent)
    , m_caption(caption)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void PixelView::setImage(const QImage &image)
{
    m_image = image;
    update();
}

void PixelView::setGray(const core::GrayImage &image)
{
    if (image.isEmpty())
        m_image = QImage();
    else
        m_image = grayImage(image.pixels.data(), image.width, image.height);
    update();
}

void PixelView::clearImage(const QString &placeholder)
{
    m_image = QImage();
    m_placeholder = placeholder;
    update();
}

void PixelView::setMarked(int x, int y)
{
    m_markX = x;
    m_markY = y;
    update();
}

QSize PixelView::minimumSizeHint() const
{
    int widest = 0;
    for (const QString &word : m_caption.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        widest = std::max(widest, fontMetrics().horizontalAdvance(word));
    return {std::max(56, widest + 6), 70};
}

int PixelView::captionHeight() const
{
    // As many lines as the caption needs at this width (a German caption with larger text
    // takes three), not a fixed two.
    if (m_caption.isEmpty())
        return 0;
    return fontMetrics()
               .boundingRect(QRect(0, 0, std::max(1, width()), 10000),
                             Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, m_caption)
               .height()
           + 4;
}

QRect PixelView::imageRect() const
{
    const int captionHeight = this->captionHeight();
    const QRect area = rect().adjusted(2, 2, -2, -2 - captionHeight);
    if (m_image.isNull())
        return area;
    const double scale = std::min(double(area.width()) / m_image.width(), double(area.height()) / m_image.height());
    const QSize size(int(m_image.width() * scale), int(m_image.height() * scale));
    return QRect(area.left() + (area.width() - size.width()) / 2, area.top() + (area.height() - size.height()) / 2,
                 size.width(), size.height());
}

void PixelView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QRect target = imageRect();
    if (m_image.isNull()) {
        p.setPen(palette().mid().color());
        p.drawRect(target.adjusted(0, 0, -1, -1));
        p.drawText(target, Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
    } else {
        p.setRenderHint(QPainter::SmoothPixmapTransform, false);
        p.drawImage(target, m_image);
        const double sx = double(target.width()) / m_image.width();
        const double sy = double(target.height()) / m_image.height();
        if (m_grid && sx >= 6) {
            p.setPen(QPen(QColor(128, 128, 128, 60), 1));
            for (int x = 1; x < m_image.width(); ++x)
                p.drawLine(QPointF(target.left() + x * sx, target.top()), QPointF(target.left() + x * sx, target.bottom()));
            for (int y = 1; y < m_image.height(); ++y)
                p.drawLine(QPointF(target.left(), target.top() + y * sy), QPointF(target.right(), target.top() + y * sy));
        }
        if (m_markX >= 0 && m_markY >= 0) {
            p.setPen(QPen(QColor(0, 160, 255), 2));
            p.setBrush(Qt::NoBrush);
            p.drawRect(QRectF(target.left() + m_markX * sx, target.top() + m_markY * sy, sx, sy));
        }
        p.setPen(QPen(palette().mid().color(), 1));
        p.drawRect(target.adjusted(0, 0, -1, -1));
    }
    if (!m_caption.isEmpty()) {
        p.setPen(palette().text().color());
        p.drawText(QRect(0, target.bottom() + 4, width(), captionHeight()),
                   Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, m_caption);
    }
}

void PixelView::mousePressEvent(QMouseEvent *event)
{
    if (m_image.isNull())
        return;
    const QRect target = imageRect();
    if (!target.contains(event->position().toPoint()))
        return;
    const int x = int((event->position().x() - target.left()) * m_image.width() / target.width());
    const int y = int((event->position().y() - target.top()) * m_image.height() / target.height());
    emit pixelClicked(std::clamp(x, 0, m_image.width() - 1), std::clamp(y, 0, m_image.height() - 1));
}

ProbabilityBars::ProbabilityBars(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("probabilityBars"));
    for (int i = 0; i < 10; ++i)
        m_names << QString::number(i);
    setMinimumSize(200, 200);
}

void ProbabilityBars::setProbabilities(const std::vector<float> &p)
{
    m_p = p;
    update();
}

void ProbabilityBars::clearProbabilities()
{
    m_p.clear();
    update();
}

int ProbabilityBars::topClass() const
{
    if (m_p.empty())
        return -1;
    return int(std::max_element(m_p.begin(), m_p.end()) - m_p.begin());
}

void ProbabilityBars::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const int n = int(m_names.size());
    if (n == 0)
        return;
    const double rowH = double(height()) / n;
    const int labelW = std::max(fontMetrics().horizontalAdvance(QStringLiteral("00")),
                                [&] {
                                    int w = 0;
                                    for (const auto &s : m_names)
                                        w = std::max(w, fontMetrics().horizontalAdvance(s));
                                    return w;
                                }()) + 8;
    const int valueW = fontMetrics().horizontalAdvance(QStringLiteral("100.0 %")) + 8;
    const int barW = std::max(10, width() - labelW - valueW);
    const int top = topClass();
    QFont bold = font();
    bold.setBold(true);
    for (int i = 0; i < n; ++i) {
        const QRectF row(0, i * rowH, width(), rowH);
        const float v = i < int(m_p.size()) ? m_p[std::size_t(i)] : 0.0f;
        p.setFont(i == top ? bold : font());
        p.setPen(palette().text().color());
        p.drawText(QRectF(0, row.top(), labelW - 6, rowH), Qt::AlignRight | Qt::AlignVCenter, m_names[i]);
        const QRectF track(labelW, row.top() + rowH * 0.18, barW, rowH * 0.64);
        p.setPen(Qt::NoPen);
        p.setBrush(palette().alternateBase());
        p.drawRoundedRect(track, 3, 3);
        p.setBrush(i == top ? QColor(230, 120, 20) : QColor(70, 130, 180));
        p.drawRoundedRect(QRectF(track.left(), track.top(), track.width() * double(v), track.height()), 3, 3);
        p.setPen(palette().text().color());
        if (!m_p.empty())
            p.drawText(QRectF(labelW + barW + 4, row.top(), valueW, rowH), Qt::AlignLeft | Qt::AlignVCenter,
                       QStringLiteral("%1 %").arg(localNumber(100.0 * double(v), 1)));
    }
}

} // namespace tinyml::ui
