// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Core>

#include <vector>

namespace tinyml::core {

/// Matrix convention of the whole engine: Eigen's column-major float matrices with
/// one sample per column. A batch of n inputs is (784, n); a layer's weights are
/// (units, inputs), so z = W * a + b.
using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;
using Vector = Eigen::Matrix<float, Eigen::Dynamic, 1>;
using MatrixMap = Eigen::Map<Matrix>;
using ConstMatrixMap = Eigen::Map<const Matrix>;
using VectorMap = Eigen::Map<Vector>;
using ConstVectorMap = Eigen::Map<const Vector>;
using MatrixRef = Eigen::Ref<Matrix>;
using ConstMatrixRef = Eigen::Ref<const Matrix>;

/// Buffers behind Maps are aligned to Eigen's widest vector: the matrix kernels then take the
/// same path on every run, so a fixed seed gives bit-identical results (with malloc's 16-byte
/// alignment, the AVX-512 kernels peel a varying number of elements and round differently).
using AlignedFloats = std::vector<float, Eigen::aligned_allocator<float>>;

} // namespace tinyml::core
