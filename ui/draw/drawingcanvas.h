// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/preprocess.h"

#include <QImage>
#include <QPointF>
#include <QWidget>

#include <vector>

namespace tinyml::ui {

/// A square sheet of paper to draw a digit on with the mouse, a pen tablet (pressure changes
/// the width) or a finger (touch arrives as mouse events). Dark ink on white, like paper.
/// Strokes are kept, so the last one can be undone. Lives on the GUI thread.
class DrawingCanvas : public QWidget
{
    Q_OBJECT

public:
    explicit DrawingCanvas(QWidget *parent = nullptr);

    /// Brush diameter in canvas pixels (the canvas is drawn at 280 x 280 logical pixels).
    double brushWidth() const { return m_brush; }
    void setBrushWidth(double width);
    bool isEmpty() const { return m_strokes.empty(); }
    int strokeCount() const { return int(m_strokes.size()); }

    /// The drawing as 8-bit grey, at the canvas's logical size.
    core::GrayImage grayImage() const;
    const QImage &image() const { return m_image; }

    QSize sizeHint() const override { return {280, 280}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int w) const override { return w; }

public slots:
    void clear();
    void undo();

signals:
    /// The drawing changed (a point was added, a stroke undone, the canvas cleared).
    void changed();

protected:
    void paintEvent(QPaintEvent *) override;
    void resizeEvent(QResizeEvent *) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void tabletEvent(QTabletEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    struct Stroke
    {
        double width;
        std::vector<QPointF> points;   ///< in canvas coordinates (0..280)
        std::vector<double> pressures; ///< 0..1 per point (1 for the mouse)
    };
    void beginStroke(QPointF at, double pressure);
    void extendStroke(QPointF at, double pressure);
    void render();
    void paintSegment(QPainter &painter, const Stroke &s, std::size_t i);
    QPointF toCanvas(QPointF widgetPos) const;

    std::vector<Stroke> m_strokes;
    QImage m_image; ///< 280 x 280, white paper, black ink
    double m_brush = 18.0;
    bool m_drawing = false;
};

} // namespace tinyml::ui
