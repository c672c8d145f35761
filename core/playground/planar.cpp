// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/playground/planar.h"

#include "core/base/random.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numbers>

namespace tinyml::core {

namespace {

constexpr float kPi = std::numbers::pi_v<float>;

PlanarPoint circlePoint(Rng &rng, int cls)
{
    // Blue (1) fills the disc of radius 2.5; orange (0) the ring from 3.5 to 5.5. The square
    // root spreads the inner points evenly over the disc's area.
    const float r = cls == 1 ? 2.5f * std::sqrt(rng.uniform()) : rng.uniform(3.5f, 5.5f);
    const float angle = rng.uniform(0.0f, 2.0f * kPi);
    return {r * std::cos(angle), r * std::sin(angle), float(cls)};
}

PlanarPoint xorPoint(Rng &rng, int cls)
{
    // Each coordinate at least 0.5 from the axes; blue where x1 and x2 have the same sign.
    const float s1 = rng.uniform() < 0.5f ? -1.0f : 1.0f;
    const float s2 = cls == 1 ? s1 : -s1;
    return {s1 * rng.uniform(0.5f, 5.5f), s2 * rng.uniform(0.5f, 5.5f), float(cls)};
}

PlanarPoint gaussianPoint(Rng &rng, int cls)
{
    const float centre = cls == 1 ? 2.0f : -2.0f;
    return {centre + rng.normal(), centre + rng.normal(), float(cls)};
}

PlanarPoint spiralPoint(Rng &rng, int cls)
{
    // Two arms, each 1.75 turns long: radius 5 t, angle 3.5 π t (+ π for orange), t in [0, 1].
    const float t = rng.uniform();
    const float r = 5.0f * t;
    const float angle = 3.5f * kPi * t + (cls == 0 ? kPi : 0.0f);
    return {r * std::cos(angle), r * std::sin(angle), float(cls)};
}

} // namespace

float regressionTarget(float x1)
{
    return 2.5f * std::sin(0.8f * x1);
}

std::vector<PlanarPoint> generatePlanar(PlanarKind kind, int count, float noise, std::uint64_t seed)
{
    std::vector<PlanarPoint> points;
    if (kind == PlanarKind::Custom || count <= 0)
        return points;
    Rng rng(seed);
    points.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i) {
        const int cls = i < count / 2 ? 0 : 1;
        PlanarPoint p;
        switch (kind) {
        case PlanarKind::Circle:
            p = circlePoint(rng, cls);
            break;
        case PlanarKind::Xor:
            p = xorPoint(rng, cls);
            break;
        case PlanarKind::Gaussians:
            p = gaussianPoint(rng, cls);
            break;
        case PlanarKind::Spiral:
            p = spiralPoint(rng, cls);
            break;
        case PlanarKind::Regression:
            p.x1 = rng.uniform(-5.5f, 5.5f);
            p.label = regressionTarget(p.x1) + noise * rng.normal();
            break;
        case PlanarKind::Custom:
            break;
        }
        if (kind != PlanarKind::Regression && noise > 0.0f) {
            p.x1 += noise * rng.normal();
            p.x2 += noise * rng.normal();
        }
        p.x1 = std::clamp(p.x1, -kPlanarExtent, kPlanarExtent);
        p.x2 = std::clamp(p.x2, -kPlanarExtent, kPlanarExtent);
        points.push_back(p);
    }
    return points;
}

PlanarData splitPlanar(std::vector<PlanarPoint> points, float trainRatio, std::uint64_t seed)
{
    Rng rng(seed ^ 0x5eed5eedULL);
    // Fisher-Yates with the engine's generator, so a seed gives the same split everywhere.
    for (std::size_t i = points.size(); i > 1; --i)
        std::swap(points[i - 1], points[rng.below(std::uint32_t(i))]);
    const auto n = std::size_t(
        std::lround(double(std::clamp(trainRatio, 0.0f, 1.0f)) * double(points.size())));
    PlanarData data;
    data.train.assign(points.begin(), points.begin() + std::ptrdiff_t(n));
    data.test.assign(points.begin() + std::ptrdiff_t(n), points.end());
    return data;
}

float featureValue(Feature f, float x1, float x2)
{
    switch (f) {
    case Feature::X1:
        return x1;
    case Feature::X2:
        return x2;
    case Feature::X1Squared:
        return x1 * x1;
    case Feature::X2Squared:
        return x2 * x2;
    case Feature::X1TimesX2:
        return x1 * x2;
    case Feature::SinX1:
        return std::sin(x1);
    case Feature::SinX2:
        return std::sin(x2);
    }
    return 0.0f;
}

int featureCount(std::uint32_t mask)
{
    return std::popcount(mask & kAllFeatures);
}

namespace {

template<typename At> Matrix features(Eigen::Index n, std::uint32_t mask, At at)
{
    Matrix m(featureCount(mask), n);
    for (Eigen::Index c = 0; c < n; ++c) {
        const auto [x1, x2] = at(c);
        Eigen::Index row = 0;
        for (int i = 0; i < kFeatureKinds; ++i)
            if (mask & (1u << i))
                m(row++, c) = featureValue(featureAt(i), x1, x2);
    }
    return m;
}

} // namespace

Matrix featureMatrix(const std::vector<PlanarPoint> &points, std::uint32_t mask)
{
    return features(Eigen::Index(points.size()), mask, [&](Eigen::Index c) {
        const PlanarPoint &p = points[std::size_t(c)];
        return std::pair{p.x1, p.x2};
    });
}

Matrix gridFeatureMatrix(int grid, std::uint32_t mask)
{
    return features(Eigen::Index(grid) * grid, mask, [grid](Eigen::Index c) {
        const int row = int(c / grid), col = int(c % grid);
        return std::pair{gridCoordinate(col, grid), -gridCoordinate(row, grid)};
    });
}

} // namespace tinyml::core
