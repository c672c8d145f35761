// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/nn/activation.h"

#include <cmath>

namespace tinyml::core {

void activate(Activation f, ConstMatrixRef z, MatrixRef a)
{
    switch (f) {
    case Activation::Linear:
        a = z;
        break;
    case Activation::Sigmoid:
        a = (1.0f + (-z.array()).exp()).inverse().matrix();
        break;
    case Activation::Tanh:
        a = z.array().tanh().matrix();
        break;
    case Activation::Relu:
        a = z.array().max(0.0f).matrix();
        break;
    case Activation::LeakyRelu:
        a = (z.array() > 0.0f).select(z.array(), kLeakyReluSlope * z.array()).matrix();
        break;
    case Activation::Softmax:
        for (Eigen::Index c = 0; c < z.cols(); ++c) {
            const float m = z.col(c).maxCoeff();
            a.col(c) = (z.col(c).array() - m).exp().matrix();
            a.col(c) /= a.col(c).sum();
        }
        break;
    }
}

void activationBackward(Activation f, ConstMatrixRef z, ConstMatrixRef a, MatrixRef d)
{
    switch (f) {
    case Activation::Linear:
        break;
    case Activation::Sigmoid:
        d.array() *= a.array() * (1.0f - a.array());
        break;
    case Activation::Tanh:
        d.array() *= 1.0f - a.array().square();
        break;
    case Activation::Relu:
        d.array() = (z.array() > 0.0f).select(d.array(), 0.0f);
        break;
    case Activation::LeakyRelu:
        d.array() = (z.array() > 0.0f).select(d.array(), kLeakyReluSlope * d.array());
        break;
    case Activation::Softmax:
        for (Eigen::Index c = 0; c < z.cols(); ++c) {
            const float dot = d.col(c).dot(a.col(c));
            d.col(c).array() = a.col(c).array() * (d.col(c).array() - dot);
        }
        break;
    }
}

float activate(Activation f, float z)
{
    switch (f) {
    case Activation::Linear:
        return z;
    case Activation::Sigmoid:
    case Activation::Softmax:
        return 1.0f / (1.0f + std::exp(-z));
    case Activation::Tanh:
        return std::tanh(z);
    case Activation::Relu:
        return z > 0.0f ? z : 0.0f;
    case Activation::LeakyRelu:
        return z > 0.0f ? z : kLeakyReluSlope * z;
    }
    return z;
}

float derivative(Activation f, float z)
{
    switch (f) {
    case Activation::Linear:
        return 1.0f;
    case Activation::Sigmoid:
    case Activation::Softmax: {
        const float s = activate(Activation::Sigmoid, z);
        return s * (1.0f - s);
    }
    case Activation::Tanh: {
        const float t = std::tanh(z);
        return 1.0f - t * t;
    }
    case Activation::Relu:
        return z > 0.0f ? 1.0f : 0.0f;
    case Activation::LeakyRelu:
        return z > 0.0f ? 1.0f : kLeakyReluSlope;
    }
    return 1.0f;
}

} // namespace tinyml::core
