// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Dense int8 and uint8 .tflite files written operator by operator from a QuantizedModel's
// numbers, independently of the studio's writer (tflitecraft.h), with deliberate variations.

#include "core/deploy/quantize.h"
#include "tflitecraft.h"

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace tinyml::test {

using core::QuantizedLayer;
using core::QuantizedModel;
using core::QuantParams;

/// How a crafted dense file differs from the plain int8 one.
struct Variant
{
    bool uint8 = false;        ///< uint8 tensors: q + 128, zero points + 128
    bool floatEnds = false;    ///< float input → QUANTIZE … SOFTMAX → DEQUANTIZE → float output
    bool separateRelu = false; ///< the hidden ReLU as a RELU operator, not fused
    bool logistic = false;     ///< a LOGISTIC operator after the hidden layer
    std::int64_t weightZero = 0;       ///< the first layer's weight zero point (int8 terms)
    float softmaxScale = 1.0f / 256.0f; ///< the softmax output's scale
    bool reshapeRequantizes = false;   ///< a RESHAPE whose output has another zero point
    bool logits = false;               ///< no SOFTMAX: the output is the last layer's
    /// The input tensor's quantization instead of q's (scale 0: q's); the first layer's bias
    /// scale follows it.
    QuantParams input{0.0f, 0};
    /// The first layer's output zero point instead of q's (with its scale), if set.
    std::optional<std::int32_t> hiddenZero;
};

/// "w0", "b1", ...: a tensor's name with its layer.
inline std::string named(const char *what, std::size_t layer)
{
    char text[32];
    std::snprintf(text, sizeof text, "%s%zu", what, layer);
    return text;
}

/// A dense int8 model (Dense → Dense → softmax) written operator by operator from q's
/// numbers, as TFLite's converter lays them out, with variant's changes.
inline std::vector<std::uint8_t> craftDense(const QuantizedModel &q, const Variant &v)
{
    TfliteCraft c;
    const int type = v.uint8 ? TfliteCraft::kUInt8 : TfliteCraft::kInt8;
    const std::int64_t shift = v.uint8 ? 128 : 0;
    auto quant = [&](const QuantParams &p) {
        return TfliteCraft::Quant{{p.scale}, {std::int64_t(p.zeroPoint) + shift}};
    };
    const int n = q.inputSize();
    const QuantParams inputQuant = v.input.scale > 0.0f ? v.input : q.input;
    int x = c.tensor({1, n}, type, "input", {}, quant(inputQuant));
    const int input = v.floatEnds ? c.tensor({1, n}, TfliteCraft::kFloat32, "pixels") : x;
    if (v.floatEnds)
        c.op(114, {input}, {x});
    if (v.reshapeRequantizes) {
        QuantParams other = q.input;
        other.zeroPoint += 1;
        const int y = c.tensor({1, n}, type, "reshaped", {}, quant(other));
        const std::vector<std::int32_t> shape{1, n};
        c.op(22, {x, c.tensor({2}, TfliteCraft::kInt32, "shape", TfliteCraft::bytes(shape))},
             {y});
        x = y;
    }
    for (std::size_t l = 0; l < q.layers.size(); ++l) {
        const QuantizedLayer &ql = q.layers[l];
        const std::int64_t wZero = l == 0 ? v.weightZero : 0;
        std::vector<std::uint8_t> w(ql.weights.size());
        for (std::size_t i = 0; i < w.size(); ++i)
            w[i] = std::uint8_t(std::int64_t(ql.weights[i]) + wZero + shift);
        const int wt = c.tensor({ql.outputs, ql.inputs}, type, named("w", l), w,
                                TfliteCraft::Quant{{ql.weightScale[0]}, {wZero + shift}, 0});
        const int bt = c.tensor({ql.outputs}, TfliteCraft::kInt32, named("b", l),
                                TfliteCraft::bytes(ql.bias),
                                TfliteCraft::Quant{{(l == 0 ? inputQuant : ql.input).scale
                                                    * ql.weightScale[0]},
                                                   {0}});
        const bool relu = ql.activation == core::Activation::Relu;
        const bool fuse = relu && !v.separateRelu && !v.logistic;
        QuantParams out = ql.output;
        if (l == 0 && v.hiddenZero)
            out.zeroPoint = *v.hiddenZero;
        const int z = c.tensor({1, ql.outputs}, type, named("z", l), {}, quant(out));
        c.fullyConnected(x, wt, bt, z,
                         fuse ? tflite::ActivationFunctionType::RELU
                              : tflite::ActivationFunctionType::NONE);
        x = z;
        if (relu && v.separateRelu) {
            const int y = c.tensor({1, ql.outputs}, type, named("relu", l), {}, quant(out));
            c.op(19, {x}, {y});
            x = y;
        } else if (relu && v.logistic) {
            const int y = c.tensor({1, ql.outputs}, type, named("sigmoid", l), {},
                                   quant({1.0f / 256.0f, -128}));
            c.op(14, {x}, {y});
            x = y;
        }
    }
    if (v.logits)
        return c.finish({input}, {x});
    const int probs = c.tensor({1, q.outputSize()}, type, "probabilities", {},
                               quant({v.softmaxScale, -128}));
    c.softmax(x, probs);
    int output = probs;
    if (v.floatEnds) {
        output = c.tensor({1, q.outputSize()}, TfliteCraft::kFloat32, "output");
        c.op(6, {probs}, {output});
    }
    return c.finish({input}, {output});
}

} // namespace tinyml::test
