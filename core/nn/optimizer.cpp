// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/nn/optimizer.h"

#include "core/base/error.h"
#include "core/base/tensor.h"

#include <algorithm>
#include <cmath>

namespace tinyml::core {

namespace {
using ArrayMap = Eigen::Map<Eigen::ArrayXf>;
using ConstArrayMap = Eigen::Map<const Eigen::ArrayXf>;
} // namespace

Optimizer::Optimizer(OptimizerSpec spec, std::size_t parameterCount)
    : m_spec(spec)
    , m_count(parameterCount)
{
    reset();
}

void Optimizer::reset()
{
    m_iterations = 0;
    m_lastStepSize = 0.0;
    const bool first = m_spec.kind != OptimizerKind::Sgd;
    const bool second = m_spec.kind == OptimizerKind::Adam;
    m_first.assign(first ? m_count : 0, 0.0f);
    m_second.assign(second ? m_count : 0, 0.0f);
}

void Optimizer::step(std::span<float> params, std::span<const float> grads)
{
    if (params.size() != m_count || grads.size() != m_count)
        throw Error(ErrorCode::Internal, {.detail = "optimizer and parameters differ in size"});
    beginStep();
    update(params, grads, 0, m_count);
}

void Optimizer::beginStep()
{
    ++m_iterations;
    m_lastStepSize = m_spec.learningRate;
    if (m_spec.kind == OptimizerKind::Adam) {
        const double t = double(m_iterations);
        m_lastStepSize = double(m_spec.learningRate)
                         * std::sqrt(1.0 - std::pow(double(m_spec.beta2), t))
                         / (1.0 - std::pow(double(m_spec.beta1), t));
    }
    m_stepSize = float(m_lastStepSize);
}

void Optimizer::update(std::span<float> params, std::span<const float> grads, std::size_t begin,
                       std::size_t end)
{
    if (params.size() != m_count || grads.size() != m_count || begin > end || end > m_count)
        throw Error(ErrorCode::Internal, {.detail = "optimizer and parameters differ in size"});
    const Eigen::Index n = Eigen::Index(end - begin);
    ArrayMap w(params.data() + begin, n);
    ConstArrayMap g(grads.data() + begin, n);
    const float lr = m_spec.learningRate;
    switch (m_spec.kind) {
    case OptimizerKind::Sgd:
        w -= lr * g;
        break;
    case OptimizerKind::Momentum: {
        ArrayMap v(m_first.data() + begin, n);
        const float mu = m_spec.momentum;
        v = mu * v - lr * g;
        if (m_spec.nesterov)
            w += mu * v - lr * g;
        else
            w += v;
        break;
    }
    case OptimizerKind::RmsProp: {
        ArrayMap s(m_first.data() + begin, n);
        const float rho = m_spec.rho;
        s = rho * s + (1.0f - rho) * g.square();
        w -= lr * g / (s.sqrt() + m_spec.epsilon);
        break;
    }
    case OptimizerKind::Adam: {
        ArrayMap m(m_first.data() + begin, n);
        ArrayMap v(m_second.data() + begin, n);
        const float b1 = m_spec.beta1;
        const float b2 = m_spec.beta2;
        m = b1 * m + (1.0f - b1) * g;
        v = b2 * v + (1.0f - b2) * g.square();
        w -= m_stepSize * m / (v.sqrt() + m_spec.epsilon);
        break;
    }
    }
}

std::vector<float> Optimizer::state() const
{
    std::vector<float> all(m_first);
    all.insert(all.end(), m_second.begin(), m_second.end());
    return all;
}

void Optimizer::restore(std::int64_t iterations, std::span<const float> state)
{
    if (state.size() != m_first.size() + m_second.size() || iterations < 0)
        throw Error(ErrorCode::OptimizerStateMismatch,
                    {.expected = std::int64_t(m_first.size() + m_second.size()),
                     .found = std::int64_t(state.size())});
    m_iterations = iterations;
    std::copy_n(state.begin(), m_first.size(), m_first.begin());
    std::copy(state.begin() + std::ptrdiff_t(m_first.size()), state.end(), m_second.begin());
}

} // namespace tinyml::core
