// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/nn/steptrace.h"

#include <QImage>
#include <QWidget>

#include <vector>

namespace tinyml::ui {

/// One two-dimensional map of numbers (a feature map, a kernel, the input image) drawn as
/// crisp pixels with a colour scale given from outside, so that the maps of one layer share
/// it. Hovering a pixel shows its position and value in the locale's format; clicking one emits
/// pixelClicked; a rectangle of pixels can be outlined (a receptive field) and one pixel marked.
/// Lives on the GUI thread and computes nothing beyond colouring.
class MapView : public QWidget
{
    Q_OBJECT

public:
    /// Sequential: black (0) → red → yellow (range); Diverging: blue (−range) → white → red.
    enum class Scale { Sequential, Diverging };

    explicit MapView(const QString &caption = QString(), QWidget *parent = nullptr);

    /// values: height rows of width values, row by row.
    void setValues(std::vector<float> values, int width, int height, float range, Scale scale);
    void clear();
    void setCaption(const QString &caption);
    /// Outlines the pixels of r (empty: none).
    void setOutline(const core::PixelRect &r);
    /// Marks one pixel with a frame (-1: none).
    void setMarked(int x, int y);
    void setDecimals(int decimals) { m_decimals = decimals; }

    int mapWidth() const { return m_width; }
    int mapHeight() const { return m_height; }
    float value(int x, int y) const { return m_values[std::size_t(y * m_width + x)]; }
    float range() const { return m_range; }
    Scale scale() const { return m_scale; }
    const core::PixelRect &outline() const { return m_outline; }
    const QImage &image() const { return m_image; }
    /// The hover text of pixel (x, y): "row 3, column 7: 0.532" (locale's format).
    QString valueText(int x, int y) const;
    /// The map pixel under a widget position, or (-1, -1).
    QPoint pixelAt(QPointF position) const;
    /// The widget position of the centre of pixel (x, y) (for tests and tools).
    QPoint centreOf(int x, int y) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return {32, 32}; }

signals:
    void pixelClicked(int x, int y);

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    QRect imageRect() const;

    std::vector<float> m_values;
    int m_width = 0, m_height = 0;
    float m_range = 1.0f;
    Scale m_scale = Scale::Sequential;
    QImage m_image;
    QString m_caption;
    core::PixelRect m_outline;
    int m_markX = -1, m_markY = -1;
    int m_decimals = 3;
};

/// The colour scale of a set of maps as rich text: "0 ■ … ■ 2,31" with the two end colours,
/// numbers in the locale's format.
QString scaleLegend(MapView::Scale scale, float range);

} // namespace tinyml::ui
