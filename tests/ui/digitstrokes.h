// SPDX-License-Identifier: GPL-3.0-or-later
// Digits drawn as a learner draws them with a mouse: one template of strokes per digit,
// smoothed (Catmull-Rom), then randomly sized, placed, slanted, rotated, jittered and drawn
// with a random pen width. Used to measure how well models recognise real drawings.
#pragma once

#include "core/base/random.h"

#include <QPointF>

#include <algorithm>
#include <cmath>
#include <vector>

namespace tinyml::test {

using Stroke = std::vector<QPointF>;

/// Templates in a unit box (x right, y down), one or two strokes per digit.
inline std::vector<Stroke> digitTemplate(int digit)
{
    switch (digit) {
    case 0: {
        Stroke s;
        for (int k = 0; k <= 24; ++k) {
            const double t = -M_PI / 2 + 2 * M_PI * k / 24.0;
            s.push_back({0.5 + 0.32 * std::cos(t), 0.5 + 0.46 * std::sin(t)});
        }
        return {s};
    }
    case 1:
        return {{{0.35, 0.2}, {0.52, 0.04}, {0.52, 0.5}, {0.52, 0.96}}};
    case 2:
        return {{{0.2, 0.28}, {0.3, 0.1}, {0.55, 0.04}, {0.78, 0.18}, {0.75, 0.4}, {0.5, 0.65}, {0.2, 0.95}, {0.55, 0.95}, {0.85, 0.94}}};
    case 3:
        return {{{0.2, 0.14}, {0.5, 0.04}, {0.78, 0.18}, {0.7, 0.4}, {0.45, 0.5}, {0.75, 0.6}, {0.8, 0.8}, {0.5, 0.96}, {0.2, 0.86}}};
    case 4:
        return {{{0.6, 0.04}, {0.38, 0.35}, {0.15, 0.65}, {0.5, 0.65}, {0.88, 0.65}}, {{0.66, 0.3}, {0.66, 0.6}, {0.66, 0.97}}};
    case 5:
        return {{{0.8, 0.05}, {0.35, 0.05}, {0.28, 0.45}, {0.55, 0.4}, {0.8, 0.55}, {0.8, 0.8}, {0.55, 0.96}, {0.2, 0.88}}};
    case 6:
        return {{{0.72, 0.04}, {0.45, 0.25}, {0.27, 0.55}, {0.3, 0.85}, {0.52, 0.96}, {0.74, 0.84}, {0.74, 0.63}, {0.52, 0.5}, {0.3, 0.62}}};
    case 7:
        return {{{0.15, 0.08}, {0.5, 0.07}, {0.85, 0.08}, {0.62, 0.5}, {0.42, 0.95}}};
    case 8:
        return {{{0.5, 0.5}, {0.27, 0.3}, {0.5, 0.04}, {0.73, 0.3}, {0.5, 0.5}, {0.22, 0.72}, {0.5, 0.96}, {0.78, 0.72}, {0.5, 0.5}}};
    default:
        return {{{0.75, 0.3}, {0.5, 0.48}, {0.27, 0.3}, {0.5, 0.05}, {0.75, 0.25}, {0.72, 0.6}, {0.62, 0.96}}};
    }
}

/// Catmull-Rom through the points, `steps` samples per segment.
inline Stroke smooth(const Stroke &p, int steps = 8)
{
    if (p.size() < 3)
        return p;
    Stroke out;
    for (std::size_t i = 0; i + 1 < p.size(); ++i) {
        const QPointF p0 = p[i == 0 ? 0 : i - 1], p1 = p[i], p2 = p[i + 1], p3 = p[std::min(p.size() - 1, i + 2)];
        for (int k = 0; k < steps; ++k) {
            const double t = double(k) / steps, t2 = t * t, t3 = t2 * t;
            out.push_back(0.5 * ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2 + (-p0 + 3 * p1 - 3 * p2 + p3) * t3));
        }
    }
    out.push_back(p.back());
    return out;
}

struct DrawnDigit
{
    int digit = 0;
    double penWidth = 18.0;
    std::vector<Stroke> strokes; ///< in canvas pixels of a side x side canvas
};

/// A random drawing of `digit` on a side x side canvas: 35–90 % of the height, anywhere,
/// slant ±0.35, rotation ±15°, aspect 0.7–1.3, a sloppy hand (each template point moved by up
/// to 6 % of the box, plus a pixel of tremor), and a pen of 4–40 px (on 280 px).
inline DrawnDigit randomDrawing(int digit, core::Rng &rng, double side = 280.0)
{
    DrawnDigit d;
    d.digit = digit;
    const double h = side * rng.uniform(0.35f, 0.9f);
    const double w = h * rng.uniform(0.7f, 1.3f) * (digit == 1 ? 0.6 : 0.8);
    const double slant = rng.uniform(-0.35f, 0.35f);
    const double angle = rng.uniform(-0.26f, 0.26f);
    d.penWidth = rng.uniform(4.0f, 40.0f) * side / 280.0;
    const double margin = d.penWidth;
    const double cx = rng.uniform(float(margin + w / 2), float(side - margin - w / 2));
    const double cy = rng.uniform(float(margin + h / 2), float(side - margin - h / 2));
    for (Stroke t : digitTemplate(digit)) {
        for (QPointF &p : t)
            p += QPointF(rng.uniform(-0.06f, 0.06f), rng.uniform(-0.06f, 0.06f));
        Stroke s;
        for (const QPointF &p : smooth(t)) {
            double x = (p.x() - 0.5) * w, y = (p.y() - 0.5) * h;
            x -= slant * y;
            const double rx = std::cos(angle) * x - std::sin(angle) * y;
            const double ry = std::sin(angle) * x + std::cos(angle) * y;
            s.push_back({std::clamp(cx + rx + double(rng.uniform(-1.5f, 1.5f)), 1.0, side - 2),
                         std::clamp(cy + ry + double(rng.uniform(-1.5f, 1.5f)), 1.0, side - 2)});
        }
        d.strokes.push_back(s);
    }
    return d;
}

} // namespace tinyml::test
