// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/tensor.h"

#include <cstdint>
#include <vector>

namespace tinyml::core {

/// The Playground's two-dimensional data sets. Points live in the square [-6, 6]²; the
/// formulas are in DESIGN.md ("The Playground's data").
enum class PlanarKind : std::uint8_t { Circle, Xor, Gaussians, Spiral, Regression, Custom };

/// Half the side of the square every point and map lives in.
inline constexpr float kPlanarExtent = 6.0f;

/// One point: its coordinates and its label (class 0 = orange, 1 = blue; for regression the
/// function value y).
struct PlanarPoint
{
    float x1 = 0.0f;
    float x2 = 0.0f;
    float label = 0.0f;
    bool operator==(const PlanarPoint &) const = default;
};

/// Training and test points.
struct PlanarData
{
    std::vector<PlanarPoint> train;
    std::vector<PlanarPoint> test;
};

inline bool isRegression(PlanarKind kind)
{
    return kind == PlanarKind::Regression;
}

/// count points of kind (half of each class for classification) with noise ν in [0, 1]
/// (a normal deviation of ν added to every coordinate, or to y for regression), from seed.
/// Custom gives no points.
std::vector<PlanarPoint>
generatePlanar(PlanarKind kind, int count, float noise, std::uint64_t seed);

/// Shuffles points with seed and puts round(trainRatio · n) of them into the training set.
PlanarData splitPlanar(std::vector<PlanarPoint> points, float trainRatio, std::uint64_t seed);

/// The regression data's function without noise: y = 2.5 sin(0.8 x₁).
float regressionTarget(float x1);

/// The inputs the network can see, as bits of a mask.
enum class Feature : std::uint32_t {
    X1 = 1u << 0,
    X2 = 1u << 1,
    X1Squared = 1u << 2,
    X2Squared = 1u << 3,
    X1TimesX2 = 1u << 4,
    SinX1 = 1u << 5,
    SinX2 = 1u << 6,
};
inline constexpr int kFeatureKinds = 7;
inline constexpr std::uint32_t kAllFeatures = (1u << kFeatureKinds) - 1;

/// The feature of bit index i (0 = x₁ … 6 = sin x₂).
inline Feature featureAt(int i)
{
    return Feature(1u << i);
}
/// Value of one feature at (x1, x2).
float featureValue(Feature f, float x1, float x2);
/// Number of features set in mask.
int featureCount(std::uint32_t mask);
/// The selected features (in bit order) of every point: (featureCount(mask), n).
Matrix featureMatrix(const std::vector<PlanarPoint> &points, std::uint32_t mask);
/// The same for a grid of g × g cells over [-6, 6]²: column r · g + c is the centre of the cell
/// in row r (from the top, x₂ falling) and column c (x₁ rising).
Matrix gridFeatureMatrix(int grid, std::uint32_t mask);
/// Centre of grid cell i (0 … g − 1) along an axis, from −6 upwards.
inline float gridCoordinate(int i, int grid)
{
    return -kPlanarExtent + 2.0f * kPlanarExtent * (float(i) + 0.5f) / float(grid);
}

} // namespace tinyml::core
