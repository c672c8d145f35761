// SPDX-License-Identifier: GPL-3.0-or-later
// Stroke templates for the drawn test set (tests/data/drawn-*.idx*): several ways of writing
// each digit, as people write them with a mouse (a 1 with and without a flag and a base, an
// open and a closed 4, a 7 with a crossbar, an 8 in one stroke or as two rings, ...), and a
// random hand that sizes, places, slants, rotates, bends and shakes them; and the mouse that
// draws them on the studio's canvas.
#pragma once

#include "core/base/random.h"
#include "ui/draw/drawingcanvas.h"

#include <QPointF>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

namespace tinyml::test::drawn {

using Stroke = std::vector<QPointF>;
using Style = std::vector<Stroke>; ///< the strokes of one way of writing a digit

/// Points on an ellipse around (cx, cy) with radii rx, ry, from angle a0 to a1 in degrees
/// (0: right, 90: down, as y grows downwards), one point every 6 degrees or so.
inline Stroke arc(double cx, double cy, double rx, double ry, double a0, double a1)
{
    Stroke s;
    const int n = std::max(2, int(std::abs(a1 - a0) / 6.0));
    for (int k = 0; k <= n; ++k) {
        const double a = (a0 + (a1 - a0) * k / n) * std::numbers::pi / 180.0;
        s.push_back({cx + rx * std::cos(a), cy + ry * std::sin(a)});
    }
    return s;
}

/// A quadratic Bézier curve from p0 towards c to p1, 16 segments.
inline Stroke curve(QPointF p0, QPointF c, QPointF p1)
{
    Stroke s;
    for (int k = 0; k <= 16; ++k) {
        const double t = k / 16.0;
        s.push_back((1 - t) * (1 - t) * p0 + 2 * (1 - t) * t * c + t * t * p1);
    }
    return s;
}

/// Straight segments through the points, each cut into pieces of at most 0.05.
inline Stroke line(std::initializer_list<QPointF> points)
{
    Stroke s;
    const std::vector<QPointF> p(points);
    s.push_back(p.front());
    for (std::size_t i = 1; i < p.size(); ++i) {
        const QPointF d = p[i] - p[i - 1];
        const int n = std::max(1, int(std::hypot(d.x(), d.y()) / 0.05));
        for (int k = 1; k <= n; ++k)
            s.push_back(p[i - 1] + d * (double(k) / n));
    }
    return s;
}

/// Joins strokes into one (the pen stays down).
inline Stroke join(std::initializer_list<Stroke> parts)
{
    Stroke s;
    for (const Stroke &p : parts)
        s.insert(s.end(), p.begin(), p.end());
    return s;
}

/// The ways of writing `digit`, in a unit box (x right, y down).
inline std::vector<Style> styles(int digit)
{
    switch (digit) {
    case 0:
        return {{arc(0.5, 0.5, 0.3, 0.45, -90, 270)},
                {arc(0.5, 0.5, 0.3, 0.45, -90, -450)},
                {arc(0.5, 0.5, 0.22, 0.46, -70, 310)}};
    case 1:
        return {
            {line({{0.5, 0.04}, {0.5, 0.96}})},
            {line({{0.28, 0.25}, {0.52, 0.04}, {0.52, 0.96}})},
            {line({{0.3, 0.22}, {0.52, 0.04}, {0.52, 0.94}}), line({{0.28, 0.95}, {0.76, 0.95}})}};
    case 2:
        return {{join({arc(0.5, 0.3, 0.3, 0.25, 190, 370),
                       line({{0.78, 0.4}, {0.18, 0.95}, {0.85, 0.95}})})},
                {join({arc(0.5, 0.28, 0.28, 0.23, 200, 380),
                       curve({0.76, 0.36}, {0.45, 0.75}, {0.22, 0.9}),
                       arc(0.3, 0.86, 0.09, 0.08, 150, -150), line({{0.36, 0.9}, {0.86, 0.93}})})}};
    case 3:
        return {
            {join({arc(0.48, 0.28, 0.28, 0.22, 200, 450), arc(0.48, 0.73, 0.31, 0.23, -90, 160)})},
            {join({line({{0.2, 0.06}, {0.8, 0.06}, {0.42, 0.42}}),
                   arc(0.47, 0.69, 0.31, 0.27, -100, 160)})}};
    case 4:
        return {
            {line({{0.6, 0.04}, {0.16, 0.66}, {0.88, 0.66}}), line({{0.66, 0.32}, {0.66, 0.97}})},
            {line({{0.25, 0.04}, {0.22, 0.56}, {0.86, 0.56}}), line({{0.7, 0.04}, {0.7, 0.97}})},
            {line({{0.7, 0.97}, {0.7, 0.04}, {0.14, 0.66}, {0.9, 0.66}})}};
    case 5:
        return {{join({line({{0.3, 0.05}, {0.27, 0.45}}), arc(0.5, 0.68, 0.3, 0.27, -150, 150)}),
                 line({{0.3, 0.05}, {0.8, 0.05}})},
                {join({line({{0.8, 0.05}, {0.3, 0.05}, {0.27, 0.45}}),
                       arc(0.5, 0.68, 0.3, 0.27, -150, 150)})}};
    case 6:
        return {
            {join({arc(0.8, 0.62, 0.55, 0.57, -110, -180), arc(0.5, 0.72, 0.25, 0.23, 180, -180)})},
            {join({line({{0.66, 0.04}, {0.28, 0.6}}), arc(0.5, 0.73, 0.24, 0.22, 200, -160)})}};
    case 7:
        return {{line({{0.14, 0.07}, {0.86, 0.07}, {0.42, 0.96}})},
                {line({{0.14, 0.07}, {0.86, 0.07}, {0.42, 0.96}}), line({{0.34, 0.5}, {0.8, 0.5}})},
                {join({line({{0.16, 0.1}, {0.86, 0.07}}),
                       curve({0.86, 0.07}, {0.52, 0.4}, {0.46, 0.97})})}};
    case 8: {
        Stroke eight;
        for (int k = 0; k <= 72; ++k) {
            const double t = 2 * std::numbers::pi * k / 72.0;
            eight.push_back({0.5 - 0.26 * std::sin(2 * t), 0.5 - 0.46 * std::cos(t)});
        }
        return {{eight},
                {arc(0.5, 0.28, 0.2, 0.22, -90, 270), arc(0.5, 0.72, 0.26, 0.25, -90, 270)}};
    }
    default:
        return {{join({arc(0.48, 0.3, 0.25, 0.24, 0, -360), line({{0.73, 0.3}, {0.7, 0.97}})})},
                {join({arc(0.48, 0.3, 0.25, 0.24, 10, -350),
                       curve({0.73, 0.34}, {0.74, 0.78}, {0.46, 0.97})})}};
    }
}

struct Drawing
{
    int digit = 0;
    double penWidth = 20.0;      ///< on the 280-pixel canvas
    std::vector<Stroke> strokes; ///< in 0..280 canvas coordinates
};

/// One drawing of a digit in a random style and a hurried hand, as learners draw with a mouse:
/// 40-90 % of the canvas high, anywhere on it, width 0.55-1.05 of the height (a 1 narrower),
/// slant ±0.3, rotation ±12°, the whole shape bent by up to 10 % of its size, each stroke of a
/// multi-stroke digit misplaced by up to 7 %, the ends of every stroke cut short or the pen
/// lifted late (loops left open or overshooting), a tremor of up to 1.5 pixels, and a pen of
/// 6-36 pixels (the studio's default is 20).
inline Drawing randomDrawing(int digit, core::Rng &rng)
{
    constexpr double side = 280.0;
    const std::vector<Style> all = styles(digit);
    const Style &style = all[std::size_t(rng.below(std::uint32_t(all.size())))];
    Drawing d;
    d.digit = digit;
    d.penWidth = rng.uniform(6.0f, 36.0f);
    const double h = side * rng.uniform(0.4f, 0.9f);
    const double w = h * rng.uniform(0.55f, 1.05f) * (digit == 1 ? 0.7 : 1.0);
    const double slant = rng.uniform(-0.3f, 0.3f);
    const double angle = rng.uniform(-0.21f, 0.21f);
    const double bendX = rng.uniform(-0.1f, 0.1f), bendY = rng.uniform(-0.1f, 0.1f);
    const double phase = rng.uniform(0.0f, 6.28f);
    const double margin = d.penWidth / 2 + 2;
    const double reach = std::hypot(w, h) / 2;
    const double room = std::max(0.0, side / 2 - margin - reach * 0.8);
    const double cx = side / 2 + rng.uniform(-float(room), float(room));
    const double cy = side / 2 + rng.uniform(-float(room), float(room));
    for (const Stroke &whole : style) {
        // The pen goes down a little late and comes up early or late.
        const std::size_t n = whole.size();
        const std::size_t first = std::size_t(double(n) * rng.uniform(0.0f, 0.05f));
        const double tail = rng.uniform(-0.1f, 0.06f);
        Stroke t(whole.begin() + std::ptrdiff_t(first),
                 whole.end() - std::ptrdiff_t(tail < 0 ? std::size_t(-tail * double(n)) : 0));
        if (tail > 0 && t.size() >= 2) {
            const QPointF step = t.back() - t[t.size() - 2];
            for (int k = 0; k < int(tail * double(n)); ++k)
                t.push_back(t.back() + step);
        }
        const QPointF offset = style.size() > 1
                                   ? QPointF(rng.uniform(-0.07f, 0.07f), rng.uniform(-0.07f, 0.07f))
                                   : QPointF();
        Stroke s;
        for (const QPointF &p0 : t) {
            const QPointF p = p0 + offset;
            // A smooth bend: the hand drifts over the shape.
            const double u = p.x() + bendX * std::sin(3.0 * p.y() + phase);
            const double v = p.y() + bendY * std::sin(3.0 * p.x() + phase);
            double x = (u - 0.5) * w, y = (v - 0.5) * h;
            x -= slant * y;
            const double rx = std::cos(angle) * x - std::sin(angle) * y;
            const double ry = std::sin(angle) * x + std::cos(angle) * y;
            s.push_back({std::clamp(cx + rx + double(rng.uniform(-1.5f, 1.5f)), 1.0, side - 2),
                         std::clamp(cy + ry + double(rng.uniform(-1.5f, 1.5f)), 1.0, side - 2)});
        }
        if (s.size() >= 2)
            d.strokes.push_back(s);
    }
    return d;
}

/// Clears canvas and draws d with real mouse events (press, moves, release per stroke), the
/// 280-pixel drawing scaled to the largest square centred on the canvas.
inline void drawWithMouse(ui::DrawingCanvas *canvas, const Drawing &d)
{
    const double side = std::min(canvas->width(), canvas->height());
    const QPointF origin((canvas->width() - side) / 2.0, (canvas->height() - side) / 2.0);
    const double scale = side / 280.0;
    auto at = [&](QPointF p) { return (origin + p * scale).toPoint(); };
    canvas->clear();
    canvas->setBrushWidth(d.penWidth);
    for (const auto &stroke : d.strokes) {
        QTest::mousePress(canvas, Qt::LeftButton, {}, at(stroke.front()));
        for (std::size_t k = 1; k < stroke.size(); ++k)
            QTest::mouseMove(canvas, at(stroke[k]));
        QTest::mouseRelease(canvas, Qt::LeftButton, {}, at(stroke.back()));
    }
}

} // namespace tinyml::test::drawn
