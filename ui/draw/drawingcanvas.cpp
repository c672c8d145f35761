// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/draw/drawingcanvas.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QTabletEvent>

namespace tinyml::ui {

namespace {
constexpr int kSide = 280; ///< logical canvas size: ten canvas pixels per MNIST pixel
}

DrawingCanvas::DrawingCanvas(QWidget *parent)
    : QWidget(parent)
    , m_image(kSide, kSide, QImage::Format_RGB32)
{
    setObjectName(QStringLiteral("drawingCanvas"));
    setFocusPolicy(Qt::StrongFocus);
    setCursor(Qt::CrossCursor);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(200, 200);
    setToolTip(tr("Draw one digit with the mouse, a pen or a finger. Esc or Delete clears, "
                  "Ctrl+Z undoes the last stroke."));
    m_image.fill(Qt::white);
}

void DrawingCanvas::setBrushWidth(double width)
{
    m_brush = std::clamp(width, 2.0, 60.0);
}

QPointF DrawingCanvas::toCanvas(QPointF p) const
{
    const double side = std::min(width(), height());
    const QPointF origin((width() - side) / 2.0, (height() - side) / 2.0);
    return (p - origin) * (kSide / side);
}

void DrawingCanvas::beginStroke(QPointF at, double pressure)
{
    m_strokes.push_back({m_brush, {at}, {pressure}});
    m_drawing = true;
    QPainter painter(&m_image);
    painter.setRenderHint(QPainter::Antialiasing);
    paintSegment(painter, m_strokes.back(), 0);
    update();
    emit changed();
}

void DrawingCanvas::extendStroke(QPointF at, double pressure)
{
    if (!m_drawing || m_strokes.empty())
        return;
    Stroke &s = m_strokes.back();
    if (QLineF(s.points.back(), at).length() < 0.5)
        return;
    s.points.push_back(at);
    s.pressures.push_back(pressure);
    QPainter painter(&m_image);
    painter.setRenderHint(QPainter::Antialiasing);
    paintSegment(painter, s, s.points.size() - 1);
    update();
    emit changed();
}

void DrawingCanvas::paintSegment(QPainter &painter, const Stroke &s, std::size_t i)
{
    QPen pen(Qt::black, s.width * s.pressures[i], Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter.setPen(pen);
    if (i == 0)
        painter.drawPoint(s.points[0]);
    else
        painter.drawLine(s.points[i - 1], s.points[i]);
}

void DrawingCanvas::render()
{
    m_image.fill(Qt::white);
    QPainter painter(&m_image);
    painter.setRenderHint(QPainter::Antialiasing);
    for (const Stroke &s : m_strokes)
        for (std::size_t i = 0; i < s.points.size(); ++i)
            paintSegment(painter, s, i);
}

void DrawingCanvas::clear()
{
    m_strokes.clear();
    m_drawing = false;
    m_image.fill(Qt::white);
    update();
    emit changed();
}

void DrawingCanvas::undo()
{
    if (m_strokes.empty())
        return;
    m_strokes.pop_back();
    m_drawing = false;
    render();
    update();
    emit changed();
}

core::GrayImage DrawingCanvas::grayImage() const
{
    const QImage gray = m_image.convertToFormat(QImage::Format_Grayscale8);
    core::GrayImage out(gray.width(), gray.height());
    for (int y = 0; y < gray.height(); ++y) {
        const uchar *line = gray.constScanLine(y);
        std::copy(line, line + gray.width(), out.pixels.begin() + std::ptrdiff_t(y) * gray.width());
    }
    return out;
}

void DrawingCanvas::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().window());
    const int side = std::min(width(), height());
    const QRect target((width() - side) / 2, (height() - side) / 2, side, side);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawImage(target, m_image);
    painter.setPen(QPen(palette().mid().color(), 1));
    painter.drawRect(target.adjusted(0, 0, -1, -1));
    if (m_strokes.empty()) {
        painter.setPen(palette().mid().color());
        painter.drawText(target, Qt::AlignCenter, tr("Draw a digit here"));
    }
}

void DrawingCanvas::resizeEvent(QResizeEvent *) { update(); }

void DrawingCanvas::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        beginStroke(toCanvas(event->position()), 1.0);
    else if (event->button() == Qt::RightButton)
        undo();
}

void DrawingCanvas::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton)
        extendStroke(toCanvas(event->position()), 1.0);
}

void DrawingCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        m_drawing = false;
}

void DrawingCanvas::tabletEvent(QTabletEvent *event)
{
    // Pressure 0..1 maps to 40 %..130 % of the brush, like a real pen.
    const double pressure = 0.4 + 0.9 * std::clamp(double(event->pressure()), 0.0, 1.0);
    switch (event->type()) {
    case QEvent::TabletPress:
        beginStroke(toCanvas(event->position()), pressure);
        break;
    case QEvent::TabletMove:
        extendStroke(toCanvas(event->position()), pressure);
        break;
    case QEvent::TabletRelease:
        m_drawing = false;
        break;
    default:
        break;
    }
    event->accept();
}

void DrawingCanvas::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape || event->key() == Qt::Key_Delete
        || event->key() == Qt::Key_Backspace)
        clear();
    else if (event->matches(QKeySequence::Undo))
        undo();
    else
        QWidget::keyPressEvent(event);
}

} // namespace tinyml::ui
