// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/tflite/tflitewriter.h"

#include "core/base/error.h"
#include "core/tflite/tflite_subset_generated.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>
#include <type_traits>

namespace tinyml::core {

namespace {

namespace fb = flatbuffers;
using tflite::BuiltinOperator;
using tflite::TensorType;

/// TFLite's schema version (docs/facts.md §12).
constexpr std::uint32_t kSchemaVersion = 3;

std::string_view operatorName(BuiltinOperator op)
{
    switch (op) {
    case BuiltinOperator::AVERAGE_POOL_2D:
        return "AVERAGE_POOL_2D";
    case BuiltinOperator::CONV_2D:
        return "CONV_2D";
    case BuiltinOperator::DEPTHWISE_CONV_2D:
        return "DEPTHWISE_CONV_2D";
    case BuiltinOperator::FULLY_CONNECTED:
        return "FULLY_CONNECTED";
    case BuiltinOperator::LOGISTIC:
        return "LOGISTIC";
    case BuiltinOperator::MAX_POOL_2D:
        return "MAX_POOL_2D";
    case BuiltinOperator::RESHAPE:
        return "RESHAPE";
    case BuiltinOperator::SOFTMAX:
        return "SOFTMAX";
    case BuiltinOperator::TANH:
        return "TANH";
    case BuiltinOperator::LEAKY_RELU:
        return "LEAKY_RELU";
    }
    return "?";
}

/// Quantization of one tensor: f = scale[i] * (q - zeroPoint[i]), i along dimension (one entry:
/// the whole tensor).
struct Quantization
{
    std::vector<float> scale;
    std::vector<std::int64_t> zeroPoint;
    int dimension = 0;

    static Quantization of(const QuantParams &q)
    {
        return {{float(q.scale)}, {q.zeroPoint}, 0};
    }
};

/// Collects tensors, buffers, operator codes and operators, then finishes the model.
class ModelBuilder
{
public:
    ModelBuilder()
    {
        // Buffer 0: the empty sentinel that every tensor without constant data points to.
        m_buffers.push_back(tflite::CreateBuffer(m_fbb));
    }

    /// A tensor of shape with type; data (little-endian bytes) makes it constant.
    int tensor(std::vector<int> shape, TensorType type, const std::string &name,
               const std::optional<Quantization> &quant = {},
               const std::vector<std::uint8_t> *data = nullptr)
    {
        std::uint32_t buffer = 0;
        if (data) {
            m_fbb.ForceVectorAlignment(data->size(), sizeof(std::uint8_t), 16);
            const auto bytes = m_fbb.CreateVector(*data);
            buffer = std::uint32_t(m_buffers.size());
            m_buffers.push_back(tflite::CreateBuffer(m_fbb, bytes));
        }
        fb::Offset<tflite::QuantizationParameters> q;
        if (quant)
            q = tflite::CreateQuantizationParametersDirect(m_fbb, &quant->scale, &quant->zeroPoint,
                                                           quant->dimension);
        m_tensors.push_back(tflite::CreateTensorDirect(m_fbb, &shape, type, buffer, name.c_str(), q));
        return int(m_tensors.size()) - 1;
    }

    int floats(std::vector<int> shape, const std::string &name, const std::vector<float> &values)
    {
        return tensor(std::move(shape), TensorType::FLOAT32, name, {}, bytesOf(values));
    }

    template<typename T>
    const std::vector<std::uint8_t> *bytesOf(const std::vector<T> &values)
    {
        static_assert(std::is_trivially_copyable_v<T>);
        // FlatBuffers and TFLite buffers are little-endian, as is every host this builds on.
        static_assert(std::endian::native == std::endian::little);
        m_scratch.resize(values.size() * sizeof(T));
        if (!values.empty())
            std::memcpy(m_scratch.data(), values.data(), m_scratch.size());
        return &m_scratch;
    }

    void op(BuiltinOperator code, int version, std::vector<int> inputs, std::vector<int> outputs,
            tflite::BuiltinOptions optionsType = tflite::BuiltinOptions::NONE,
            fb::Offset<void> options = 0)
    {
        const auto key = std::make_pair(int(code), version);
        auto it = m_codeIndex.find(key);
        if (it == m_codeIndex.end()) {
            it = m_codeIndex.emplace(key, std::uint32_t(m_codes.size())).first;
            // Codes below 127 go into the one-byte field too: older readers read only that one.
            m_codes.push_back(tflite::CreateOperatorCode(m_fbb, std::int8_t(int(code)), version,
                                                         int(code)));
        }
        m_operators.push_back(tflite::CreateOperatorDirect(m_fbb, it->second, &inputs, &outputs,
                                                           optionsType, options));
        m_opNames.emplace_back(operatorName(code));
    }

    fb::FlatBufferBuilder &fbb() { return m_fbb; }

    std::vector<std::uint8_t> finish(int input, int output, const std::string &description,
                                     TfliteSummary *summary)
    {
        const std::vector<int> inputs{input}, outputs{output};
        const auto subgraph = tflite::CreateSubGraphDirect(m_fbb, &m_tensors, &inputs, &outputs,
                                                           &m_operators, "main");
        const std::vector<fb::Offset<tflite::SubGraph>> subgraphs{subgraph};
        const auto model = tflite::CreateModelDirect(m_fbb, kSchemaVersion, &m_codes, &subgraphs,
                                                     description.c_str(), &m_buffers);
        tflite::FinishModelBuffer(m_fbb, model);
        std::vector<std::uint8_t> out(m_fbb.GetBufferPointer(),
                                      m_fbb.GetBufferPointer() + m_fbb.GetSize());
        if (summary) {
            summary->operators = m_opNames;
            summary->tensors = int(m_tensors.size());
            summary->bytes = std::int64_t(out.size());
        }
        return out;
    }

private:
    fb::FlatBufferBuilder m_fbb{64 * 1024};
    std::vector<fb::Offset<tflite::Tensor>> m_tensors;
    std::vector<fb::Offset<tflite::Buffer>> m_buffers;
    std::vector<fb::Offset<tflite::OperatorCode>> m_codes;
    std::vector<fb::Offset<tflite::Operator>> m_operators;
    std::map<std::pair<int, int>, std::uint32_t> m_codeIndex;
    std::vector<std::string> m_opNames;
    std::vector<std::uint8_t> m_scratch;
};

std::vector<int> dims(const Shape &s)
{
    return s.image ? std::vector<int>{1, s.height, s.width, s.channels}
                   : std::vector<int>{1, s.channels};
}

tflite::Padding padding(Padding p) { return p == Padding::Same ? tflite::Padding::SAME : tflite::Padding::VALID; }

[[noreturn]] void unsupported(const ModelSpec &spec, std::size_t l, bool int8Only)
{
    ErrorArgs args;
    args.index = std::int64_t(l);
    args.name = std::string(toString(spec.layers[l].kind));
    args.detail = std::string(toString(spec.layers[l].activation));
    if (int8Only)
        args.found = 1;
    throw Error(ErrorCode::TfliteLayerUnsupported, std::move(args));
}

/// Whether layer l's activation can be fused into its operator (ReLU) or needs none.
bool fusible(Activation a) { return a == Activation::Relu || a == Activation::Linear; }

tflite::ActivationFunctionType fused(Activation a)
{
    return a == Activation::Relu ? tflite::ActivationFunctionType::RELU
                                 : tflite::ActivationFunctionType::NONE;
}

/// The operator of one layer kind that carries a fused activation, or none for Flatten/Dropout.
bool hasFusedActivation(LayerKind k) { return k != LayerKind::Flatten && k != LayerKind::Dropout; }

std::string tensorName(std::size_t l, const LayerSpec &layer, std::string_view what)
{
    return "layer" + std::to_string(l + 1) + "_" + std::string(toString(layer.kind)) + "/"
           + std::string(what);
}

/// Dense weights (units, inputs) column-major as TFLite's [out, in] row-major.
std::vector<float> denseWeights(const Network &net, std::size_t l)
{
    const auto W = net.weights(l);
    std::vector<float> out(std::size_t(W.size()));
    for (Eigen::Index o = 0; o < W.rows(); ++o)
        for (Eigen::Index i = 0; i < W.cols(); ++i)
            out[std::size_t(o * W.cols() + i)] = W(o, i);
    return out;
}

std::vector<float> biasOf(const Network &net, std::size_t l)
{
    const auto b = net.bias(l);
    return {b.data(), b.data() + b.size()};
}

/// Adds the reshape of Flatten: from tensor in to [1, n].
int reshape(ModelBuilder &mb, int in, int n, TensorType type, const std::string &name,
            const std::optional<Quantization> &quant, int version)
{
    const std::vector<std::int32_t> newShape{1, n};
    const int shape = mb.tensor({2}, TensorType::INT32, name + "_shape", {}, mb.bytesOf(newShape));
    const int out = mb.tensor({1, n}, type, name, quant);
    const auto options = tflite::CreateReshapeOptionsDirect(mb.fbb(), &newShape);
    mb.op(BuiltinOperator::RESHAPE, version, {in, shape}, {out},
          tflite::BuiltinOptions::ReshapeOptions, options.Union());
    return out;
}

} // namespace

std::vector<std::uint8_t> writeTfliteFloat(const Network &net, TfliteSummary *summary)
{
    const ModelSpec &spec = net.spec();
    spec.validate();
    ModelBuilder mb;
    const int input = mb.tensor(dims(spec.inputTensorShape()), TensorType::FLOAT32, "input");
    int x = input;
    for (std::size_t l = 0; l < spec.layers.size(); ++l) {
        const LayerSpec &layer = spec.layers[l];
        const Shape outShape = spec.outputShape(l);
        const Activation act = layer.activation;
        if (act == Activation::Softmax && (outShape.image || l + 1 != spec.layers.size()))
            unsupported(spec, l, false);
        const bool fuse = fusible(act) && hasFusedActivation(layer.kind);
        // The operator's own output; a separate activation operator follows when not fused.
        const bool last = l + 1 == spec.layers.size();
        const std::string name = tensorName(l, layer, fuse || act == Activation::Linear ? "output" : "z");
        const auto fa = fuse ? fused(act) : tflite::ActivationFunctionType::NONE;
        auto &fbb = mb.fbb();
        int y = -1;
        switch (layer.kind) {
        case LayerKind::Dense: {
            const int w = mb.floats({layer.units, spec.layerInputSize(l)}, tensorName(l, layer, "kernel"),
                                    denseWeights(net, l));
            const int b = mb.floats({layer.units}, tensorName(l, layer, "bias"), biasOf(net, l));
            y = mb.tensor(dims(outShape), TensorType::FLOAT32, name);
            mb.op(BuiltinOperator::FULLY_CONNECTED, 1, {x, w, b}, {y},
                  tflite::BuiltinOptions::FullyConnectedOptions,
                  tflite::CreateFullyConnectedOptions(fbb, fa).Union());
            break;
        }
        case LayerKind::Conv2D:
        case LayerKind::DepthwiseConv2D: {
            const bool depthwise = layer.kind == LayerKind::DepthwiseConv2D;
            const int cin = spec.layerInputShape(l).channels;
            // Conv2D: W (filters, (ky*k + kx)*cin + c) column-major → OHWI row-major.
            // Depthwise: stored tap-major with the channel fastest, exactly [1, kh, kw, C].
            const auto W = net.weights(l);
            std::vector<float> filter(std::size_t(W.size()));
            if (depthwise) {
                std::copy(W.data(), W.data() + W.size(), filter.begin());
            } else {
                for (Eigen::Index o = 0; o < W.rows(); ++o)
                    for (Eigen::Index i = 0; i < W.cols(); ++i)
                        filter[std::size_t(o * W.cols() + i)] = W(o, i);
            }
            const std::vector<int> filterShape
                = depthwise ? std::vector<int>{1, layer.kernel, layer.kernel, cin}
                            : std::vector<int>{layer.units, layer.kernel, layer.kernel, cin};
            const int w = mb.floats(filterShape, tensorName(l, layer, "kernel"), filter);
            const int b = mb.floats({int(W.rows())}, tensorName(l, layer, "bias"), biasOf(net, l));
            y = mb.tensor(dims(outShape), TensorType::FLOAT32, name);
            if (depthwise)
                mb.op(BuiltinOperator::DEPTHWISE_CONV_2D, 1, {x, w, b}, {y},
                      tflite::BuiltinOptions::DepthwiseConv2DOptions,
                      tflite::CreateDepthwiseConv2DOptions(fbb, padding(layer.padding), layer.stride,
                                                           layer.stride, 1, fa)
                          .Union());
            else
                mb.op(BuiltinOperator::CONV_2D, 1, {x, w, b}, {y},
                      tflite::BuiltinOptions::Conv2DOptions,
                      tflite::CreateConv2DOptions(fbb, padding(layer.padding), layer.stride,
                                                  layer.stride, fa)
                          .Union());
            break;
        }
        case LayerKind::MaxPooling2D:
        case LayerKind::AveragePooling2D: {
            y = mb.tensor(dims(outShape), TensorType::FLOAT32, name);
            const int stride = layer.stride > 0 ? layer.stride : layer.kernel;
            mb.op(layer.kind == LayerKind::MaxPooling2D ? BuiltinOperator::MAX_POOL_2D
                                                        : BuiltinOperator::AVERAGE_POOL_2D,
                  1, {x}, {y}, tflite::BuiltinOptions::Pool2DOptions,
                  tflite::CreatePool2DOptions(fbb, padding(layer.padding), stride, stride,
                                              layer.kernel, layer.kernel, fa)
                      .Union());
            break;
        }
        case LayerKind::Flatten:
            y = reshape(mb, x, int(outShape.size()), TensorType::FLOAT32, name, {}, 1);
            break;
        case LayerKind::Dropout:
            y = x; // nothing at inference
            break;
        }
        if (!fuse && act != Activation::Linear) {
            const int a = mb.tensor(dims(outShape), TensorType::FLOAT32,
                                    tensorName(l, layer, last ? "probabilities" : "output"));
            switch (act) {
            case Activation::Sigmoid:
                mb.op(BuiltinOperator::LOGISTIC, 1, {y}, {a});
                break;
            case Activation::Tanh:
                mb.op(BuiltinOperator::TANH, 1, {y}, {a});
                break;
            case Activation::LeakyRelu:
                mb.op(BuiltinOperator::LEAKY_RELU, 1, {y}, {a},
                      tflite::BuiltinOptions::LeakyReluOptions,
                      tflite::CreateLeakyReluOptions(fbb, kLeakyReluSlope).Union());
                break;
            case Activation::Softmax:
                mb.op(BuiltinOperator::SOFTMAX, 1, {y}, {a}, tflite::BuiltinOptions::SoftmaxOptions,
                      tflite::CreateSoftmaxOptions(fbb, 1.0f).Union());
                break;
            case Activation::Relu: // a ReLU after Flatten or Dropout: a max with 0 by clamping
            case Activation::Linear:
                unsupported(spec, l, false);
            }
            y = a;
        }
        x = y;
    }
    return mb.finish(input, x, "TinyML Studio float32", summary);
}

std::vector<std::uint8_t> writeTfliteInt8(const QuantizedModel &q, TfliteSummary *summary,
                                          bool denseAsConv)
{
    const ModelSpec &spec = q.spec;
    if (q.layers.size() != spec.layers.size())
        throw Error(ErrorCode::Internal, {.detail = "a quantized model without its layers"});
    for (std::size_t l = 0; l < spec.layers.size(); ++l) {
        const Activation a = spec.layers[l].activation;
        if (!(fusible(a) || (a == Activation::Softmax && l + 1 == spec.layers.size()
                             && spec.layers[l].kind == LayerKind::Dense)))
            unsupported(spec, l, true);
    }
    ModelBuilder mb;
    TfliteDenseScales scales = q.dense == DenseQuantization::PerChannel
                                   ? TfliteDenseScales::PerChannel
                                   : TfliteDenseScales::PerTensor;
    const int input = mb.tensor(dims(spec.inputTensorShape()), TensorType::INT8, "input",
                                Quantization::of(q.input));
    int x = input;
    for (std::size_t l = 0; l < spec.layers.size(); ++l) {
        const LayerSpec &layer = spec.layers[l];
        const QuantizedLayer &ql = q.layers[l];
        const bool softmax = layer.activation == Activation::Softmax;
        const std::string yName = tensorName(l, layer, softmax ? "logits" : "output");
        const auto yQuant = Quantization::of(ql.output);
        const auto fa = fused(layer.activation);
        auto &fbb = mb.fbb();
        int y = -1;
        if (ql.hasWeights()) {
            // Weights: symmetric int8 with float32 scales, one per output channel (a per-tensor
            // Dense layer: one); int32 biases with scale s_in * s_w[c], zero point 0.
            const bool perTensor = ql.kind == LayerKind::Dense && !ql.perChannel;
            const bool depthwise = ql.kind == LayerKind::DepthwiseConv2D;
            std::vector<float> ws = perTensor ? std::vector<float>{ql.weightScale.at(0)}
                                              : ql.weightScale;
            Quantization wq{ws, std::vector<std::int64_t>(ws.size(), 0), depthwise ? 3 : 0};
            Quantization bq{{}, std::vector<std::int64_t>(ws.size(), 0), 0};
            for (float s : ws)
                bq.scale.push_back(float(double(ql.input.scale) * double(s)));
            const int cin = ql.inShape.channels;
            std::vector<int> wShape;
            switch (ql.kind) {
            case LayerKind::Dense:
                wShape = denseAsConv ? std::vector<int>{ql.outputs, 1, 1, ql.inputs}
                                     : std::vector<int>{ql.outputs, ql.inputs};
                break;
            case LayerKind::Conv2D:
                wShape = {ql.channels(), ql.kernel, ql.kernel, cin};
                break;
            default:
                wShape = {1, ql.kernel, ql.kernel, ql.channels()};
                break;
            }
            const int w = mb.tensor(wShape, TensorType::INT8, tensorName(l, layer, "kernel"), wq,
                                    mb.bytesOf(ql.weights));
            const int b = mb.tensor({ql.channels()}, TensorType::INT32,
                                    tensorName(l, layer, "bias"), bq, mb.bytesOf(ql.bias));
            if (ql.kind == LayerKind::Dense && denseAsConv) {
                const std::vector<std::int32_t> inShape{1, 1, 1, ql.inputs};
                const int shape = mb.tensor({4}, TensorType::INT32, yName + "_in_shape", {},
                                            mb.bytesOf(inShape));
                const int x4 = mb.tensor(inShape, TensorType::INT8, yName + "_in",
                                         Quantization::of(ql.input));
                mb.op(BuiltinOperator::RESHAPE, 1, {x, shape}, {x4},
                      tflite::BuiltinOptions::ReshapeOptions,
                      tflite::CreateReshapeOptionsDirect(fbb, &inShape).Union());
                const int y4 = mb.tensor({1, 1, 1, ql.outputs}, TensorType::INT8, yName + "_4d", yQuant);
                mb.op(BuiltinOperator::CONV_2D, 3, {x4, w, b}, {y4},
                      tflite::BuiltinOptions::Conv2DOptions,
                      tflite::CreateConv2DOptions(fbb, tflite::Padding::VALID, 1, 1, fa).Union());
                y = reshape(mb, y4, ql.outputs, TensorType::INT8, yName, yQuant, 1);
            } else if (ql.kind == LayerKind::Dense) {
                y = mb.tensor({1, ql.outputs}, TensorType::INT8, yName, yQuant);
                mb.op(BuiltinOperator::FULLY_CONNECTED, 4, {x, w, b}, {y},
                      tflite::BuiltinOptions::FullyConnectedOptions,
                      tflite::CreateFullyConnectedOptions(fbb, fa).Union());
            } else {
                y = mb.tensor(dims(ql.outShape), TensorType::INT8, yName, yQuant);
                if (depthwise)
                    mb.op(BuiltinOperator::DEPTHWISE_CONV_2D, 3, {x, w, b}, {y},
                          tflite::BuiltinOptions::DepthwiseConv2DOptions,
                          tflite::CreateDepthwiseConv2DOptions(fbb, padding(layer.padding),
                                                               ql.stride, ql.stride, 1, fa)
                              .Union());
                else
                    mb.op(BuiltinOperator::CONV_2D, 3, {x, w, b}, {y},
                          tflite::BuiltinOptions::Conv2DOptions,
                          tflite::CreateConv2DOptions(fbb, padding(layer.padding), ql.stride,
                                                      ql.stride, fa)
                              .Union());
            }
        } else if (ql.kind == LayerKind::MaxPooling2D || ql.kind == LayerKind::AveragePooling2D) {
            // Pooling keeps its input's scale and zero point.
            y = mb.tensor(dims(ql.outShape), TensorType::INT8, yName, Quantization::of(ql.input));
            mb.op(ql.kind == LayerKind::MaxPooling2D ? BuiltinOperator::MAX_POOL_2D
                                                     : BuiltinOperator::AVERAGE_POOL_2D,
                  2, {x}, {y}, tflite::BuiltinOptions::Pool2DOptions,
                  tflite::CreatePool2DOptions(fbb, padding(layer.padding), ql.stride, ql.stride,
                                              ql.kernel, ql.kernel, fa)
                      .Union());
        } else if (ql.kind == LayerKind::Flatten) {
            y = reshape(mb, x, ql.outputs, TensorType::INT8, yName, Quantization::of(ql.input), 1);
        } else {
            y = x; // Dropout: nothing at inference
        }
        x = y;
        if (softmax) {
            const int p = mb.tensor({1, ql.outputs}, TensorType::INT8,
                                    tensorName(l, layer, "probabilities"),
                                    Quantization{{1.0f / 256.0f}, {-128}, 0});
            mb.op(BuiltinOperator::SOFTMAX, 2, {x}, {p}, tflite::BuiltinOptions::SoftmaxOptions,
                  tflite::CreateSoftmaxOptions(fbb, 1.0f).Union());
            x = p;
        }
    }
    auto bytes = mb.finish(input, x, "TinyML Studio int8", summary);
    if (summary)
        summary->denseScales = scales;
    return bytes;
}

std::string tfliteAsCArray(const std::vector<std::uint8_t> &bytes, std::string_view name)
{
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out = "unsigned char " + std::string(name) + "[] = {\n";
    out.reserve(out.size() + bytes.size() * 6 + 64);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        out += i % 12 == 0 ? "  " : " ";
        out += "0x";
        out += kHex[bytes[i] >> 4];
        out += kHex[bytes[i] & 15];
        if (i + 1 < bytes.size())
            out += ',';
        if (i % 12 == 11 || i + 1 == bytes.size())
            out += '\n';
    }
    out += "};\nunsigned int " + std::string(name) + "_len = " + std::to_string(bytes.size())
           + ";\n";
    return out;
}

} // namespace tinyml::core
