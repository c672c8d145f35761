// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/tflite/tflitereader.h"

#include "core/base/error.h"
#include "core/io/fileio.h"
#include "core/nn/modelcheck.h"
#include "core/tflite/tflite_subset_generated.h"
#include "core/tflite/tfliteint8.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <memory>

namespace tinyml::core {

namespace {

static_assert(std::endian::native == std::endian::little,
              "TFLite buffers are little-endian and read in place");

/// Largest file the reader takes: FlatBuffers' offsets are 32-bit and its verifier asserts
/// buffers below 2 GB.
constexpr std::uint64_t kMaxTfliteBytes = (1ULL << 31) - 1;
/// Largest number of values of one tensor (64 MB as float32): far beyond MNIST models, and a
/// bound on what a forged shape can make the engine allocate.
constexpr std::int64_t kMaxTensorValues = 1 << 24;
/// Largest accepted dimension of a shape.
constexpr std::int64_t kMaxDimension = 1 << 16;

// TFLite's BuiltinOperator numbers that the reader knows by name (docs/facts.md §12).
enum Op : int {
    kAdd = 0,
    kAveragePool2d = 1,
    kConcatenation = 2,
    kConv2d = 3,
    kDepthwiseConv2d = 4,
    kDequantize = 6,
    kFullyConnected = 9,
    kLogistic = 14,
    kMaxPool2d = 17,
    kMul = 18,
    kRelu = 19,
    kRelu6 = 21,
    kReshape = 22,
    kSoftmax = 25,
    kTanh = 28,
    kCustom = 32,
    kPad = 34,
    kMean = 40,
    kSqueeze = 43,
    kLeakyRelu = 98,
    kQuantize = 114,
};

std::string operatorName(int code)
{
    static const std::map<int, std::string_view> kNames{
        {0, "ADD"},
        {1, "AVERAGE_POOL_2D"},
        {2, "CONCATENATION"},
        {3, "CONV_2D"},
        {4, "DEPTHWISE_CONV_2D"},
        {5, "DEPTH_TO_SPACE"},
        {6, "DEQUANTIZE"},
        {7, "EMBEDDING_LOOKUP"},
        {8, "FLOOR"},
        {9, "FULLY_CONNECTED"},
        {11, "L2_NORMALIZATION"},
        {12, "L2_POOL_2D"},
        {13, "LOCAL_RESPONSE_NORMALIZATION"},
        {14, "LOGISTIC"},
        {16, "LSTM"},
        {17, "MAX_POOL_2D"},
        {18, "MUL"},
        {19, "RELU"},
        {20, "RELU_N1_TO_1"},
        {21, "RELU6"},
        {22, "RESHAPE"},
        {23, "RESIZE_BILINEAR"},
        {24, "RNN"},
        {25, "SOFTMAX"},
        {26, "SPACE_TO_DEPTH"},
        {28, "TANH"},
        {32, "CUSTOM"},
        {34, "PAD"},
        {36, "GATHER"},
        {39, "TRANSPOSE"},
        {40, "MEAN"},
        {41, "SUB"},
        {42, "DIV"},
        {43, "SQUEEZE"},
        {45, "STRIDED_SLICE"},
        {47, "EXP"},
        {50, "LOG_SOFTMAX"},
        {53, "CAST"},
        {54, "PRELU"},
        {55, "MAXIMUM"},
        {56, "ARG_MAX"},
        {57, "MINIMUM"},
        {67, "TRANSPOSE_CONV"},
        {70, "EXPAND_DIMS"},
        {74, "SUM"},
        {83, "PACK"},
        {97, "RESIZE_NEAREST_NEIGHBOR"},
        {98, "LEAKY_RELU"},
        {101, "ABS"},
        {111, "ELU"},
        {114, "QUANTIZE"},
        {117, "HARD_SWISH"},
        {126, "BATCH_MATMUL"},
    };
    const auto it = kNames.find(code);
    return it != kNames.end() ? std::string(it->second) : "BUILTIN_" + std::to_string(code);
}

// TFLite's TensorType numbers (docs/facts.md §12).
enum Type : int { kFloat32 = 0, kFloat16 = 1, kInt32 = 2, kUInt8 = 3, kInt64 = 4, kInt8 = 9 };

std::string typeName(int type)
{
    static constexpr std::array<std::string_view, 17> kNames{
        "FLOAT32", "FLOAT16",  "INT32",     "UINT8",  "INT64",   "STRING",
        "BOOL",    "INT16",    "COMPLEX64", "INT8",   "FLOAT64", "COMPLEX128",
        "UINT64",  "RESOURCE", "VARIANT",   "UINT32", "UINT16"};
    return type >= 0 && type < int(kNames.size()) ? std::string(kNames[std::size_t(type)])
                                                  : "type " + std::to_string(type);
}

int typeBytes(int type)
{
    switch (type) {
    case kFloat32:
    case kInt32:
        return 4;
    case kFloat16:
        return 2;
    case kUInt8:
    case kInt8:
        return 1;
    case kInt64:
        return 8;
    default:
        return 0;
    }
}

bool quantizedType(int type)
{
    return type == kInt8 || type == kUInt8;
}

/// Element i of an int64 vector (a zero_point list). FlatBuffers' verifier checks the vector's
/// length field and bounds, not that its 8-byte elements are 8-byte aligned, so a forged file can
/// misalign them: read the bytes, not an int64 in place.
std::int64_t int64At(const flatbuffers::Vector<std::int64_t> &v, flatbuffers::uoffset_t i)
{
    std::int64_t value;
    std::memcpy(&value, reinterpret_cast<const std::uint8_t *>(v.Data()) + 8 * std::size_t(i), 8);
    return value;
}

/// Whether every element of an int64 vector equals value (true for a null vector).
bool allEqual(const flatbuffers::Vector<std::int64_t> *v, std::int64_t value, std::int64_t *other)
{
    if (v)
        for (flatbuffers::uoffset_t i = 0; i < v->size(); ++i)
            if (const std::int64_t z = int64At(*v, i); z != value) {
                *other = z;
                return false;
            }
    return true;
}

std::string shapeText(const std::vector<std::int64_t> &shape)
{
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

float halfToFloat(std::uint16_t h)
{
    const std::uint32_t sign = std::uint32_t(h >> 15) << 31;
    const int exponent = (h >> 10) & 0x1f;
    const std::uint32_t mantissa = h & 0x3ff;
    if (exponent == 0) // zero or subnormal: mantissa · 2^-24
        return std::bit_cast<float>(sign)
               + (sign ? -1.0f : 1.0f) * std::ldexp(float(mantissa), -24);
    if (exponent == 31)
        return std::bit_cast<float>(sign | 0x7f800000u | (mantissa << 13));
    return std::bit_cast<float>(sign | std::uint32_t(exponent - 15 + 127) << 23 | mantissa << 13);
}

/// A model's values derived from x in 0..1: x_file = scale · x + offset.
struct Affine
{
    float scale = 1.0f;
    float offset = 0.0f;
};

Affine affineOf(TfliteInputRange range)
{
    switch (range) {
    case TfliteInputRange::Unit:
        return {1.0f, 0.0f};
    case TfliteInputRange::Byte:
        return {255.0f, 0.0f};
    case TfliteInputRange::Symmetric:
        return {2.0f, -1.0f};
    }
    return {};
}

/// One layer being built, with its weights in the engine's layout.
/// An operator that moves int8 values without a layer of its own: an activation after a layer,
/// a RESHAPE, a QUANTIZE or DEQUANTIZE between activations.
struct Follower
{
    int op = -1, code = -1, in = -1, out = -1;
    std::size_t layersBefore = 0; ///< layers made before it
};

/// One layer being built, with its weights in the engine's layout.
struct PendingLayer
{
    LayerSpec spec;
    std::vector<float> weights; ///< the engine's column-major kernel
    std::vector<float> bias;
    int op = -1;   ///< operator index that made it (for messages)
    int code = -1; ///< its BuiltinOperator
    // For the int8 engine: the tensors the operator reads and writes (a Flatten made for a
    // FULLY_CONNECTED on an image reads and writes its input), its weights and bias (−1: none),
    // its fused activation and the activations that follow it as operators of their own.
    int in = -1, out = -1, weight = -1, biasTensor = -1;
    Activation fused = Activation::Linear;
    std::vector<Follower> after = {};
};

class Reader
{
public:
    Reader(std::span<const std::uint8_t> bytes,
           const std::string &source,
           const TfliteImportOptions &options)
        : m_bytes(bytes), m_source(source), m_options(options)
    {
    }

    LoadedModel read();

private:
    [[noreturn]] void fail(ErrorCode code, ErrorArgs args = {}) const
    {
        args.file = m_source;
        throw Error(code, std::move(args));
    }
    [[noreturn]] void malformed() const { fail(ErrorCode::TfliteMalformed); }

    const tflite::Tensor &tensor(int index) const
    {
        if (index < 0 || std::size_t(index) >= m_tensors->size())
            malformed();
        const auto *t = m_tensors->Get(flatbuffers::uoffset_t(index));
        if (!t)
            malformed();
        return *t;
    }
    std::string tensorName(int index) const
    {
        const auto *name = tensor(index).name();
        return name ? name->str() : std::string();
    }
    /// The shape, checked: dimensions 1..kMaxDimension, at most kMaxTensorValues values.
    std::vector<std::int64_t> shapeOf(int index) const;
    std::int64_t valuesOf(int index) const
    {
        std::int64_t n = 1;
        for (auto d : shapeOf(index))
            n *= d;
        return n;
    }
    /// The dims without leading 1s of the batch (shape [1, 28, 28, 1] → {28, 28, 1}).
    std::vector<std::int64_t> sampleShape(int index) const
    {
        auto s = shapeOf(index);
        if (!s.empty() && s.size() >= 2 && s[0] == 1)
            s.erase(s.begin());
        return s;
    }
    /// A constant tensor's values as float32: float16/float32 as they are, int8/uint8/int32
    /// dequantized with the tensor's scales and zero points (per channel along its
    /// quantized_dimension). Throws unless the tensor has exactly the bytes its shape needs.
    std::vector<float> constant(int index) const;
    bool isConstant(int index) const
    {
        if (m_constants.count(index))
            return true;
        const auto buffer = tensor(index).buffer();
        if (buffer == 0 || !m_buffers || buffer >= m_buffers->size())
            return false;
        const auto *b = m_buffers->Get(buffer);
        return b && b->data() && b->data()->size() > 0;
    }
    void requireType(int index, std::initializer_list<int> types) const
    {
        const int type = int(tensor(index).type());
        if (std::find(types.begin(), types.end(), type) == types.end())
            fail(ErrorCode::TfliteTensorType,
                 {.name = tensorName(index), .index = index, .detail = typeName(type)});
    }
    void requireValues(int index, std::int64_t expected) const
    {
        if (valuesOf(index) != expected)
            fail(ErrorCode::TfliteTensorShape, {.name = tensorName(index),
                                                .index = index,
                                                .expected = expected,
                                                .detail = shapeText(shapeOf(index))});
    }
    [[noreturn]] void badShape(int index) const
    {
        fail(ErrorCode::TfliteTensorShape,
             {.name = tensorName(index), .index = index, .detail = shapeText(shapeOf(index))});
    }
    [[noreturn]] void option(int op, int code, const std::string &what) const
    {
        fail(ErrorCode::TfliteOptionUnsupported,
             {.name = operatorName(code), .index = op, .detail = what});
    }
    /// The activation of a fused_activation_function (NONE, RELU, TANH).
    Activation fusedActivation(int op, int code, tflite::ActivationFunctionType f) const;
    /// The current tensor's shape as the engine's Shape (image for rank 3 or 4 after the batch).
    Shape currentShape() const { return m_shape; }
    Shape engineShape(int index) const;
    /// Checks that the operator's output tensor has the shape the engine computes.
    void requireShape(int index, const Shape &s) const;
    /// Adds a layer made by operator op reading tensor in and writing out (with its weight and
    /// bias tensors, −1 for none).
    void addLayer(int op, PendingLayer layer, int in, int out, int weight = -1, int bias = -1);
    /// Folds x_file = a.scale · x + a.offset into the first layer with weights.
    void foldInputRange(Affine a);
    /// The int8 side of a fully-integer file: its model for the int8 engine, or the refusal.
    std::shared_ptr<const TfliteInt8Import> buildInt8(const ModelSpec &spec, TfliteInputRange range,
                                                      int input, int output) const;
    QuantizedModel int8Model(const ModelSpec &spec, int input, int output,
                             TfliteInt8Import &result) const;
    /// Layer p's weights, bias and multipliers as stored, into ql (input and output set).
    void int8Weights(const PendingLayer &p, QuantizedLayer &ql) const;
    [[noreturn]] void refuseInt8(int op, int code, const std::string &what) const
    {
        fail(ErrorCode::TfliteInt8Unsupported,
             {.name = operatorName(code), .index = op, .detail = what});
    }
    /// A tensor's int8 quantization (one scale, one zero point; uint8 made int8), or a refusal
    /// naming the operator op.
    QuantParams int8Quant(int index, int op, int code) const;
    /// A constant tensor's integers as stored (int8, uint8 or int32), its size checked.
    std::vector<std::int32_t> storedIntegers(int index) const;
    /// The bytes of t's buffer, or null when it has none (buffer 0 or an index out of range).
    const flatbuffers::Vector<std::uint8_t> *bufferOf(const tflite::Tensor &t) const;
    void noteType(int type)
    {
        if (type == kUInt8)
            m_quantizedType = kUInt8;
        if (type == kFloat16)
            m_halfWeights = true;
    }

    std::span<const std::uint8_t> m_bytes;
    std::string m_source;
    TfliteImportOptions m_options;
    const flatbuffers::Vector<flatbuffers::Offset<tflite::Tensor>> *m_tensors = nullptr;
    const flatbuffers::Vector<flatbuffers::Offset<tflite::Buffer>> *m_buffers = nullptr;
    std::map<int, std::vector<float>> m_constants; ///< outputs of DEQUANTIZE on constants
    std::vector<PendingLayer> m_layers;
    Shape m_shape;      ///< the current tensor's shape in the engine's terms
    Shape m_inputShape; ///< the model's input shape
    bool m_unitImage = false; ///< m_shape is a flat tensor reshaped to 1x1xC after a layer
    bool m_quantizedWeights = false;
    bool m_halfWeights = false;
    bool m_quantizedActivations = false;
    int m_quantizedType = kInt8;
    int m_code = -1; ///< the operator being read
    std::vector<Follower> m_moves; ///< RESHAPE, QUANTIZE and DEQUANTIZE between activations
};

std::vector<std::int64_t> Reader::shapeOf(int index) const
{
    const auto *shape = tensor(index).shape();
    std::vector<std::int64_t> out;
    if (!shape)
        return out; // a scalar
    const std::vector<std::int64_t> given(shape->begin(), shape->end());
    std::int64_t n = 1;
    for (const std::int64_t d : given) {
        if (d < 1 || d > kMaxDimension || given.size() > 6)
            fail(ErrorCode::TfliteTensorShape,
                 {.name = tensorName(index), .index = index, .detail = shapeText(given)});
        out.push_back(d);
        n *= d;
        if (n > kMaxTensorValues)
            fail(
                ErrorCode::TfliteTooLarge,
                {.name = tensorName(index), .index = index, .found = n, .limit = kMaxTensorValues});
    }
    return out;
}

Shape Reader::engineShape(int index) const
{
    const auto s = shapeOf(index);
    if (s.size() == 1)
        return Shape::flat(int(s[0]));
    if (s.size() == 2 && s[0] == 1)
        return Shape::flat(int(s[1]));
    if (s.size() == 3 && s[0] == 1)
        return Shape::hwc(int(s[1]), int(s[2]), 1);
    if (s.size() == 4 && s[0] == 1)
        return Shape::hwc(int(s[1]), int(s[2]), int(s[3]));
    badShape(index);
}

void Reader::requireShape(int index, const Shape &s) const
{
    if (valuesOf(index) != s.size())
        requireValues(index, s.size());
    if (engineShape(index) != s)
        badShape(index);
}

const flatbuffers::Vector<std::uint8_t> *Reader::bufferOf(const tflite::Tensor &t) const
{
    if (t.buffer() != 0 && m_buffers && t.buffer() < m_buffers->size())
        if (const auto *b = m_buffers->Get(t.buffer()))
            return b->data();
    return nullptr;
}

std::vector<float> Reader::constant(int index) const
{
    if (const auto it = m_constants.find(index); it != m_constants.end())
        return it->second;
    const tflite::Tensor &t = tensor(index);
    const int type = int(t.type());
    if (type != kFloat32 && type != kFloat16 && type != kInt8 && type != kUInt8 && type != kInt32)
        fail(ErrorCode::TfliteTensorType,
             {.name = tensorName(index), .index = index, .detail = typeName(type)});
    const std::int64_t n = valuesOf(index);
    const std::int64_t expected = n * typeBytes(type);
    const flatbuffers::Vector<std::uint8_t> *data = bufferOf(t);
    const std::int64_t found = data ? std::int64_t(data->size()) : 0;
    if (found != expected)
        fail(ErrorCode::TfliteBufferSize,
             {.name = tensorName(index), .index = index, .expected = expected, .found = found});
    std::vector<float> out(std::size_t(n), 0.0f);
    const std::uint8_t *raw = data->data();
    if (type == kFloat32) {
        std::memcpy(out.data(), raw, std::size_t(expected));
    } else if (type == kFloat16) {
        for (std::int64_t i = 0; i < n; ++i) {
            std::uint16_t h;
            std::memcpy(&h, raw + 2 * i, 2);
            out[std::size_t(i)] = halfToFloat(h);
        }
    } else {
        // real = scale[c] · (q − zero_point[c]), c the index along quantized_dimension.
        const auto *q = t.quantization();
        const auto *scales = q ? q->scale() : nullptr;
        const auto *zeros = q ? q->zero_point() : nullptr;
        const auto shape = shapeOf(index);
        const std::size_t channels = scales ? scales->size() : 0;
        const int dim = q ? q->quantized_dimension() : 0;
        const bool perChannel = channels > 1;
        if (channels == 0
            || (perChannel
                && (dim < 0 || std::size_t(dim) >= shape.size()
                    || std::int64_t(channels) != shape[std::size_t(dim)]))
            || (zeros && zeros->size() != 0 && zeros->size() != 1 && zeros->size() != channels))
            fail(ErrorCode::TfliteTensorType,
                 {.name = tensorName(index),
                  .index = index,
                  .detail = typeName(type) + " without usable quantization parameters"});
        std::int64_t stride = 1;
        if (perChannel)
            for (std::size_t d = std::size_t(dim) + 1; d < shape.size(); ++d)
                stride *= shape[d];
        for (std::size_t c = 0; c < channels; ++c) {
            const float sc = scales->Get(flatbuffers::uoffset_t(c));
            if (!std::isfinite(sc) || sc <= 0.0f)
                fail(ErrorCode::TfliteTensorType,
                     {.name = tensorName(index),
                      .index = index,
                      .detail = typeName(type) + " with the scale " + std::to_string(sc)});
        }
        for (std::int64_t i = 0; i < n; ++i) {
            const std::size_t c
                = perChannel ? std::size_t((i / stride) % std::int64_t(channels)) : 0;
            const double scale = scales->Get(flatbuffers::uoffset_t(c));
            const std::int64_t zero
                = !zeros || zeros->size() == 0
                      ? 0
                      : int64At(*zeros, flatbuffers::uoffset_t(zeros->size() == 1 ? 0 : c));
            std::int64_t v;
            if (type == kInt8)
                v = std::int8_t(raw[i]);
            else if (type == kUInt8)
                v = raw[i];
            else {
                std::int32_t w;
                std::memcpy(&w, raw + 4 * i, 4);
                v = w;
            }
            // In double: a forged zero point may be any int64.
            out[std::size_t(i)] = float(scale * (double(v) - double(zero)));
        }
    }
    for (const float v : out)
        if (!std::isfinite(v))
            fail(ErrorCode::TfliteNotFinite, {.name = tensorName(index), .index = index});
    return out;
}

Activation Reader::fusedActivation(int op, int code, tflite::ActivationFunctionType f) const
{
    switch (int(f)) {
    case 0:
        return Activation::Linear;
    case 1:
        return Activation::Relu;
    case 4:
        return Activation::Tanh;
    case 2:
        option(op, code, "fused_activation_function RELU_N1_TO_1");
    case 3:
        option(op, code, "fused_activation_function RELU6");
    default:
        option(op, code, "fused_activation_function " + std::to_string(int(f)));
    }
}

void Reader::addLayer(int op, PendingLayer layer, int in, int out, int weight, int bias)
{
    layer.op = op;
    layer.code = m_code;
    layer.in = in;
    layer.out = out;
    layer.weight = weight;
    layer.biasTensor = bias;
    layer.fused = layer.spec.activation;
    m_layers.push_back(std::move(layer));
}

void Reader::foldInputRange(Affine a)
{
    if (a.scale == 1.0f && a.offset == 0.0f)
        return;
    // Pooling and Flatten before it commute with x → a·x + c (a > 0; TFLite's pooling, like
    // the engine's, leaves padded cells out).
    for (auto &layer : m_layers) {
        if (!layer.spec.hasParameters())
            continue;
        // SAME padding pads the file's values with 0, which x = −c/a would give: not foldable.
        if (a.offset != 0.0f && layer.spec.kind != LayerKind::Dense
            && layer.spec.padding == Padding::Same && layer.spec.kernel > 1)
            option(layer.op, layer.code, "padding SAME on an input in -1..1");
        // Every kernel here is (rows, cols) column-major with one bias per row.
        const std::size_t rows = layer.bias.size();
        std::vector<double> sums(rows, 0.0);
        for (std::size_t i = 0; i < layer.weights.size(); ++i) {
            sums[i % rows] += layer.weights[i];
            layer.weights[i] *= a.scale;
        }
        for (std::size_t r = 0; r < rows; ++r)
            layer.bias[r] = float(double(layer.bias[r]) + double(a.offset) * sums[r]);
        return;
    }
}

std::string number(double v)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", v);
    return text;
}

/// The input range that a quantized input's scale and zero point cover, if it is one of three.
std::optional<TfliteInputRange> rangeOfQuantization(double scale, double zero, int type)
{
    const double qmin = type == kUInt8 ? 0 : -128, qmax = type == kUInt8 ? 255 : 127;
    const double lo = scale * (qmin - zero), hi = scale * (qmax - zero);
    const double tolerance = 0.02 * (hi - lo);
    for (const auto range :
         {TfliteInputRange::Unit, TfliteInputRange::Byte, TfliteInputRange::Symmetric}) {
        const Affine a = affineOf(range);
        if (std::abs(lo - a.offset) <= tolerance
            && std::abs(hi - (a.offset + a.scale)) <= tolerance)
            return range;
    }
    return std::nullopt;
}

bool sameQuant(const QuantParams &a, const QuantParams &b)
{
    return a.scale == b.scale && a.zeroPoint == b.zeroPoint;
}

std::string quantText(const QuantParams &q)
{
    return "scale " + number(double(q.scale)) + ", zero point " + std::to_string(q.zeroPoint);
}

QuantParams Reader::int8Quant(int index, int op, int code) const
{
    const tflite::Tensor &t = tensor(index);
    const int type = int(t.type());
    const std::string which = "tensor " + std::to_string(index) + " ('" + tensorName(index) + "')";
    if (!quantizedType(type))
        refuseInt8(op, code, "the " + typeName(type) + " " + which + " between int8 tensors");
    const auto *q = t.quantization();
    const auto *scales = q ? q->scale() : nullptr;
    const auto *zeros = q ? q->zero_point() : nullptr;
    if (!scales || scales->size() != 1 || (zeros && zeros->size() > 1))
        refuseInt8(op, code, which + " without one scale and one zero point");
    const float scale = scales->Get(0);
    const std::int64_t zero = zeros && zeros->size() == 1 ? int64At(*zeros, 0) : 0;
    const std::int64_t lo = type == kUInt8 ? 0 : -128, hi = type == kUInt8 ? 255 : 127;
    if (!(std::isfinite(scale) && scale > 0.0f) || zero < lo || zero > hi)
        refuseInt8(op, code,
                   which + " with the scale " + number(double(scale)) + " and zero point "
                       + std::to_string(zero));
    // uint8 → int8 as TFLite's converter documents it: q − 128, zero point − 128, same scale.
    return {scale, std::int32_t(type == kUInt8 ? zero - 128 : zero)};
}

std::vector<std::int32_t> Reader::storedIntegers(int index) const
{
    const tflite::Tensor &t = tensor(index);
    const int type = int(t.type());
    const std::int64_t n = valuesOf(index);
    const std::int64_t expected = n * typeBytes(type);
    const flatbuffers::Vector<std::uint8_t> *data = bufferOf(t);
    const std::int64_t found = data ? std::int64_t(data->size()) : 0;
    if ((type != kInt8 && type != kUInt8 && type != kInt32) || found != expected)
        fail(ErrorCode::TfliteBufferSize,
             {.name = tensorName(index), .index = index, .expected = expected, .found = found});
    std::vector<std::int32_t> out(static_cast<std::size_t>(n));
    const std::uint8_t *raw = data->data();
    for (std::int64_t i = 0; i < n; ++i) {
        if (type == kInt8)
            out[std::size_t(i)] = std::int8_t(raw[i]);
        else if (type == kUInt8)
            out[std::size_t(i)] = raw[i];
        else
            std::memcpy(&out[std::size_t(i)], raw + 4 * i, 4);
    }
    return out;
}

void Reader::int8Weights(const PendingLayer &p, QuantizedLayer &ql) const
{
    // Largest requantization shift and accumulator: as core/deploy/quantize.cpp checks its own
    // models (docs/facts.md §5), so that no int32 of the kernels can overflow.
    constexpr std::int32_t kMaxShift = 30;
    constexpr std::int64_t kAccumulatorLimit = std::numeric_limits<std::int32_t>::max() - 256;
    const tflite::Tensor &wt = tensor(p.weight);
    const int wtype = int(wt.type());
    if (!quantizedType(wtype))
        refuseInt8(p.op, p.code, typeName(wtype) + " weights (tensor " + std::to_string(p.weight)
                                     + ")");
    const int channels = ql.channels();
    const std::vector<std::int32_t> stored = storedIntegers(p.weight);
    if (channels < 1 || stored.size() % std::size_t(channels) != 0)
        throw Error(ErrorCode::Internal, {.detail = "int8 weights do not fill the channels"});
    const std::size_t per = stored.size() / std::size_t(channels);
    const auto *q = wt.quantization();
    const auto *scales = q ? q->scale() : nullptr;
    const auto *zeros = q ? q->zero_point() : nullptr;
    // The quantized dimension of per-channel weights: the output channel, which is the first
    // dimension of FULLY_CONNECTED [out, in] and CONV_2D OHWI, the last of DEPTHWISE_CONV_2D.
    const int dimension = ql.kind == LayerKind::DepthwiseConv2D ? 3 : 0;
    const std::size_t scaleCount = scales ? scales->size() : 0;
    if (scaleCount != 1
        && (scaleCount != std::size_t(channels) || q->quantized_dimension() != dimension))
        refuseInt8(p.op, p.code,
                   "weights with " + std::to_string(scaleCount) + " scales along dimension "
                       + std::to_string(q ? q->quantized_dimension() : 0) + " for "
                       + std::to_string(channels) + " output channels");
    const std::int64_t symmetric = wtype == kUInt8 ? 128 : 0;
    if (std::int64_t z = 0; !allEqual(zeros, symmetric, &z))
        refuseInt8(p.op, p.code,
                   "weights with the zero point " + std::to_string(z)
                       + " (the int8 engine multiplies weights with zero point "
                       + std::to_string(symmetric) + ")");
    if (zeros && zeros->size() != 0 && zeros->size() != scaleCount)
        refuseInt8(p.op, p.code, "weights with " + std::to_string(zeros->size())
                                     + " zero points for " + std::to_string(scaleCount)
                                     + " scales");
    ql.perChannel = scaleCount > 1 || ql.kind != LayerKind::Dense;
    ql.weights.resize(stored.size());
    for (std::size_t i = 0; i < stored.size(); ++i)
        ql.weights[i] = std::int8_t(stored[i] - std::int32_t(symmetric));

    std::vector<std::int32_t> bias(std::size_t(channels), 0);
    if (p.biasTensor >= 0) {
        const tflite::Tensor &bt = tensor(p.biasTensor);
        if (int(bt.type()) != kInt32)
            refuseInt8(p.op, p.code, "a bias of type " + typeName(int(bt.type())));
        const auto *bq = bt.quantization();
        if (std::int64_t z = 0; bq && !allEqual(bq->zero_point(), 0, &z))
            refuseInt8(p.op, p.code, "a bias with the zero point " + std::to_string(z));
        bias = storedIntegers(p.biasTensor);
        if (bias.size() != std::size_t(channels))
            throw Error(ErrorCode::Internal, {.detail = "int8 bias size"});
    }
    const std::int64_t maxInput
        = std::max<std::int64_t>(127 - ql.input.zeroPoint, ql.input.zeroPoint + 128);
    for (int c = 0; c < channels; ++c) {
        const float ws = scales->Get(flatbuffers::uoffset_t(scaleCount == 1 ? 0 : c));
        if (!(std::isfinite(ws) && ws > 0.0f))
            refuseInt8(p.op, p.code, "a weight scale of " + number(double(ws)));
        // From the float32 scales as stored, widened to double (docs/facts.md §5).
        const double m = double(ql.input.scale) * double(ws) / double(ql.output.scale);
        if (!(std::isfinite(m) && m > 0.0))
            refuseInt8(p.op, p.code, "a requantization multiplier of " + number(m));
        std::int32_t m0 = 0, shift = 0;
        quantizeMultiplier(m, m0, shift);
        if (shift > kMaxShift)
            refuseInt8(p.op, p.code,
                       "a requantization shift of " + std::to_string(shift)
                           + " (TFLite's kernels allow at most 30)");
        std::int64_t weightSum = 0;
        for (std::size_t j = 0; j < per; ++j) {
            const std::size_t index = ql.kind == LayerKind::DepthwiseConv2D
                                          ? j * std::size_t(channels) + std::size_t(c)
                                          : std::size_t(c) * per + j;
            weightSum += std::abs(std::int64_t(ql.weights[index]));
        }
        const std::int64_t b = bias[std::size_t(c)];
        // Σ|w|·max|x − zp| + |b| (below 2⁴⁰ with at most 2²⁴ weights), shifted left by a
        // positive shift: compared before shifting, so that the int64 cannot overflow.
        const std::int64_t accumulator = weightSum * maxInput + (b < 0 ? -b : b);
        if (accumulator > (kAccumulatorLimit >> std::max<std::int32_t>(shift, 0)))
            refuseInt8(p.op, p.code,
                       "an accumulator that can reach " + std::to_string(accumulator)
                           + " times 2^" + std::to_string(std::max<std::int32_t>(shift, 0))
                           + ", beyond int32");
        ql.weightScale.push_back(ws);
        ql.bias.push_back(bias[std::size_t(c)]);
        ql.multiplier.push_back(m0);
        ql.shift.push_back(shift);
    }
}

QuantizedModel Reader::int8Model(const ModelSpec &spec, int input, int output,
                                 TfliteInt8Import &result) const
{
    // The ends: a QUANTIZE of the float input before the first layer, a DEQUANTIZE of the
    // output after the last; the int8 tensors in between are what the engine runs.
    int first = input;
    for (const Follower &m : m_moves) {
        const bool inQ = quantizedType(int(tensor(m.in).type()));
        const bool outQ = quantizedType(int(tensor(m.out).type()));
        if (m.code == kQuantize) {
            if (m.layersBefore != 0 || inQ)
                refuseInt8(m.op, m.code, "a requantization between two int8 tensors");
            first = m.out;
        } else if (m.code == kDequantize) {
            if (m.out != output)
                refuseInt8(m.op, m.code, "float activations after it");
        } else if (inQ && outQ) {
            if (!sameQuant(int8Quant(m.in, m.op, m.code), int8Quant(m.out, m.op, m.code)))
                refuseInt8(m.op, m.code,
                           "an output quantization (" + quantText(int8Quant(m.out, m.op, m.code))
                               + ") other than its input's ("
                               + quantText(int8Quant(m.in, m.op, m.code)) + ")");
        } else if (inQ != outQ) {
            refuseInt8(m.op, m.code, "an int8 and a float tensor");
        }
    }
    QuantizedModel q;
    q.spec = spec;
    q.calibrationImages = 0;
    const int firstOp = m_layers.empty() ? 0 : m_layers.front().op;
    q.input = int8Quant(first, firstOp, m_layers.empty() ? -1 : m_layers.front().code);
    bool perChannelDense = false;
    for (std::size_t l = 0; l < m_layers.size(); ++l) {
        const PendingLayer &p = m_layers[l];
        QuantizedLayer ql = quantizedGeometry(spec, l);
        ql.input = int8Quant(p.in, p.op, p.code);
        const QuantParams previous = l == 0 ? q.input : q.layers.back().result();
        if (!sameQuant(ql.input, previous))
            refuseInt8(p.op, p.code,
                       "an input quantization (" + quantText(ql.input)
                           + ") other than the output before it (" + quantText(previous) + ")");
        ql.output = int8Quant(p.out, p.op, p.code);
        ql.actMin = -128;
        ql.actMax = 127;
        if (ql.kind == LayerKind::AveragePooling2D
            && std::int64_t(ql.kernel) * ql.kernel * 128 > std::numeric_limits<std::int32_t>::max())
            refuseInt8(p.op, p.code,
                       "a window of " + std::to_string(ql.kernel) + "x" + std::to_string(ql.kernel)
                           + ", whose int32 sum could overflow");
        if (!ql.hasWeights()) {
            // Pooling and Flatten move int8 values without requantizing them (TFLite requires
            // the same quantization on both sides).
            if (!sameQuant(ql.input, ql.output))
                refuseInt8(p.op, p.code,
                           "an output quantization (" + quantText(ql.output)
                               + ") other than its input's (" + quantText(ql.input) + ")");
        } else {
            if (p.fused == Activation::Relu)
                ql.actMin = std::max(-128, ql.output.zeroPoint);
            else if (p.fused != Activation::Linear)
                refuseInt8(p.op, p.code,
                           "the fused activation " + std::string(toString(p.fused)) + " in int8");
            int8Weights(p, ql);
            perChannelDense = perChannelDense || (ql.kind == LayerKind::Dense && ql.perChannel);
        }
        for (const Follower &f : p.after) {
            if (f.code == kSoftmax) {
                // TFLite's int8 softmax writes probabilities with scale 1/256, zero point −128.
                const QuantParams probabilities = int8Quant(f.out, f.op, f.code);
                if (l + 1 != m_layers.size() || probabilities.scale != 1.0f / 256.0f
                    || probabilities.zeroPoint != -128)
                    refuseInt8(f.op, f.code,
                               "an output with " + quantText(probabilities)
                                   + " (the int8 engine's softmax writes scale 0.00390625, "
                                     "zero point -128, at the end of the model)");
                result.softmax = true;
                result.output = probabilities;
            } else if (f.code == kRelu) {
                // A RELU that keeps its input's quantization clamps at the zero point.
                if (!sameQuant(int8Quant(f.out, f.op, f.code), ql.output))
                    refuseInt8(f.op, f.code,
                               "an output quantization (" + quantText(int8Quant(f.out, f.op, f.code))
                                   + ") other than its input's (" + quantText(ql.output) + ")");
                ql.actMin = std::max(ql.actMin, ql.output.zeroPoint);
            } else {
                refuseInt8(f.op, f.code,
                           "int8 values: TensorFlow Lite Micro computes " + operatorName(f.code)
                               + " in fixed point, which the int8 engine does not reproduce");
            }
        }
        q.layers.push_back(std::move(ql));
    }
    if (q.layers.empty())
        refuseInt8(0, -1, "no layer");
    if (!result.softmax)
        result.output = q.layers.back().result();
    q.dense = perChannelDense ? DenseQuantization::PerChannel : DenseQuantization::PerTensor;
    prepareSoftmax(q);
    return q;
}

std::shared_ptr<const TfliteInt8Import> Reader::buildInt8(const ModelSpec &spec,
                                                          TfliteInputRange range, int input,
                                                          int output) const
{
    auto result = std::make_shared<TfliteInt8Import>();
    result->inputRange = range;
    result->uint8 = m_quantizedType == kUInt8;
    try {
        result->model = int8Model(spec, input, output, *result);
    } catch (const Error &e) {
        if (e.code() != ErrorCode::TfliteInt8Unsupported)
            throw;
        result->refusal = e;
        result->model.reset();
    }
    return result;
}

LoadedModel Reader::read()
{
    if (m_bytes.size() < 8)
        malformed();
    if (!isTflite(m_bytes))
        fail(ErrorCode::TfliteBadIdentifier);
    if (m_bytes.size() > kMaxTfliteBytes)
        fail(ErrorCode::FileTooLarge,
             {.found = std::int64_t(m_bytes.size()), .limit = std::int64_t(kMaxTfliteBytes)});
    flatbuffers::Verifier::Options limits;
    limits.max_depth = 16; // Model → SubGraph → Tensor → QuantizationParameters → vector
    limits.max_tables = 1 << 20; // far more than any model here, bounded against forged files
    flatbuffers::Verifier verifier(m_bytes.data(), m_bytes.size(), limits);
    if (!tflite::VerifyModelBuffer(verifier))
        malformed();
    const tflite::Model *model = tflite::GetModel(m_bytes.data());
    const auto *subgraphs = model->subgraphs();
    const std::int64_t subgraphCount = subgraphs ? std::int64_t(subgraphs->size()) : 0;
    if (subgraphCount != 1)
        fail(ErrorCode::TfliteSubgraphs, {.found = subgraphCount});
    const tflite::SubGraph *graph = subgraphs->Get(0);
    m_tensors = graph->tensors();
    m_buffers = model->buffers();
    const auto *codes = model->operator_codes();
    const auto *operators = graph->operators();
    if (!m_tensors || !operators || operators->size() == 0)
        malformed();
    const auto *inputs = graph->inputs();
    const auto *outputs = graph->outputs();
    if (!inputs || !outputs || inputs->size() != 1 || outputs->size() != 1)
        fail(ErrorCode::TfliteNotChain, {.expected = outputs ? std::int64_t(outputs->size()) : 0,
                                         .found = inputs ? std::int64_t(inputs->size()) : 0});
    const int input = inputs->Get(0);
    const int output = outputs->Get(0);
    tensor(output);
    requireType(input, {kFloat32, kInt8, kUInt8});
    m_inputShape = engineShape(input);
    m_shape = m_inputShape;
    m_quantizedActivations = quantizedType(int(tensor(input).type()));
    noteType(int(tensor(input).type()));
    int rangeTensor = input; // a QUANTIZE right after a float input states the range too

    int current = input;
    std::size_t lastLayerCount = 0; // m_layers.size() when `current` was made by a layer
    for (flatbuffers::uoffset_t i = 0; i < operators->size(); ++i) {
        const tflite::Operator *o = operators->Get(i);
        const int op = int(i);
        if (!codes || o->opcode_index() >= codes->size())
            malformed();
        const tflite::OperatorCode *oc = codes->Get(o->opcode_index());
        const int code = std::max(int(oc->deprecated_builtin_code()), int(oc->builtin_code()));
        m_code = code;
        switch (code) {
        case kFullyConnected:
        case kConv2d:
        case kDepthwiseConv2d:
        case kMaxPool2d:
        case kAveragePool2d:
        case kReshape:
        case kSoftmax:
        case kLogistic:
        case kTanh:
        case kRelu:
        case kLeakyRelu:
        case kQuantize:
        case kDequantize:
            break;
        default:
            fail(ErrorCode::TfliteOperatorUnsupported, {.name = operatorName(code), .index = op});
        }
        const auto *ins = o->inputs();
        const auto *outs = o->outputs();
        if (!ins || ins->size() == 0 || !outs || outs->size() != 1)
            fail(ErrorCode::TfliteNotChain, {.name = operatorName(code), .index = op});
        const int in = ins->Get(0);
        const int out = outs->Get(0);
        tensor(in);
        tensor(out);
        if (code == kDequantize && in != current && isConstant(in)) {
            // float16 or int8 weights made float by an operator of their own
            requireValues(out, valuesOf(in));
            requireType(out, {kFloat32});
            noteType(int(tensor(in).type()));
            if (quantizedType(int(tensor(in).type())))
                m_quantizedWeights = true;
            m_constants[out] = constant(in);
            continue;
        }
        if (in != current || out == current || isConstant(out))
            fail(ErrorCode::TfliteNotChain, {.name = operatorName(code), .index = op});
        requireType(out, {kFloat32, kInt8, kUInt8});
        noteType(int(tensor(out).type()));
        if (quantizedType(int(tensor(out).type())))
            m_quantizedActivations = true;
        const auto weight = [&](int k) {
            if (int(ins->size()) <= k)
                fail(ErrorCode::TfliteNotChain, {.name = operatorName(code), .index = op});
            const int w = ins->Get(flatbuffers::uoffset_t(k));
            tensor(w);
            return w;
        };
        const auto readWeights = [&](int w) {
            noteType(int(tensor(w).type()));
            if (quantizedType(int(tensor(w).type())))
                m_quantizedWeights = true;
            return constant(w);
        };
        const auto readBias = [&](int units) {
            const int b = ins->size() > 2 ? ins->Get(2) : -1;
            if (b < 0)
                return std::vector<float>(std::size_t(units), 0.0f);
            requireValues(b, units);
            return constant(b);
        };
        switch (code) {
        case kQuantize:
        case kDequantize:
            requireValues(out, m_shape.size());
            m_moves.push_back({op, code, in, out, m_layers.size()});
            if (m_layers.empty() && rangeTensor == input && !quantizedType(int(tensor(in).type()))
                && quantizedType(int(tensor(out).type())))
                rangeTensor = out;
            break;
        case kFullyConnected: {
            const auto *options = o->builtin_options_as_FullyConnectedOptions();
            const Activation act = fusedActivation(op, code,
                                                   options ? options->fused_activation_function()
                                                           : tflite::ActivationFunctionType::NONE);
            const int w = weight(1);
            const auto ws = shapeOf(w);
            if (ws.size() != 2)
                badShape(w);
            const int units = int(ws[0]);
            const std::int64_t inputs = m_shape.size();
            requireValues(w, std::int64_t(units) * inputs);
            if (m_shape.image && !m_unitImage)
                addLayer(op, {LayerSpec::flatten(), {}, {}}, in, in);
            m_unitImage = false;
            const auto kernel = readWeights(w);
            // [out, in] row-major → the engine's (units, inputs) column-major
            std::vector<float> W(kernel.size());
            for (std::int64_t r = 0; r < units; ++r)
                for (std::int64_t c = 0; c < inputs; ++c)
                    W[std::size_t(c * units + r)] = kernel[std::size_t(r * inputs + c)];
            addLayer(op, {LayerSpec::dense(units, act), std::move(W), readBias(units)}, in, out, w,
                     ins->size() > 2 ? ins->Get(2) : -1);
            m_shape = Shape::flat(units);
            requireShape(out, m_shape);
            break;
        }
        case kConv2d:
        case kDepthwiseConv2d: {
            const bool depthwise = code == kDepthwiseConv2d;
            int strideW = 0, strideH = 0, dilationW = 1, dilationH = 1;
            tflite::Padding pad = tflite::Padding::SAME;
            auto fusedFn = tflite::ActivationFunctionType::NONE;
            if (depthwise) {
                if (const auto *opt = o->builtin_options_as_DepthwiseConv2DOptions()) {
                    strideW = opt->stride_w(), strideH = opt->stride_h();
                    dilationW = opt->dilation_w_factor(), dilationH = opt->dilation_h_factor();
                    pad = opt->padding();
                    fusedFn = opt->fused_activation_function();
                }
            } else if (const auto *opt = o->builtin_options_as_Conv2DOptions()) {
                strideW = opt->stride_w(), strideH = opt->stride_h();
                dilationW = opt->dilation_w_factor(), dilationH = opt->dilation_h_factor();
                pad = opt->padding();
                fusedFn = opt->fused_activation_function();
            }
            const Activation act = fusedActivation(op, code, fusedFn);
            if (strideW != strideH || strideW < 1 || strideW > kMaxDimension)
                option(op, code,
                       "stride " + std::to_string(strideH) + "x" + std::to_string(strideW));
            if (dilationW != 1 || dilationH != 1)
                option(op, code,
                       "dilation " + std::to_string(dilationH) + "x" + std::to_string(dilationW));
            if (int(pad) != 0 && int(pad) != 1)
                option(op, code, "padding " + std::to_string(int(pad)));
            if (!m_shape.image)
                badShape(in);
            const int w = weight(1);
            const auto fs = shapeOf(w);
            if (fs.size() != 4)
                badShape(w);
            // On a flat tensor seen as 1x1xC, a 1x1 CONV_2D is a Dense layer ([out, 1, 1, in]
            // is [out, in]); nothing else is.
            const bool asDense = m_unitImage && !depthwise && fs[1] == 1 && fs[2] == 1;
            if (m_unitImage && !asDense)
                badShape(in);
            if (fs[1] != fs[2])
                option(op, code,
                       "a filter of " + std::to_string(fs[1]) + "x" + std::to_string(fs[2]));
            const int kernel = int(fs[1]);
            const int cin = m_shape.channels;
            if (depthwise ? (fs[0] != 1 || fs[3] != cin) : fs[3] != cin)
                badShape(w);
            const int filters = depthwise ? cin : int(fs[0]);
            const Padding padding = int(pad) == 0 ? Padding::Same : Padding::Valid;
            LayerSpec layer = asDense     ? LayerSpec::dense(filters, act)
                              : depthwise ? LayerSpec::depthwiseConv2d(kernel, act, strideW, padding)
                                          : LayerSpec::conv2d(filters, kernel, act, strideW, padding);
            if (kernel > (padding == Padding::Same ? std::max(m_shape.height, m_shape.width)
                                                   : std::min(m_shape.height, m_shape.width)))
                badShape(w);
            const auto f = readWeights(w);
            std::vector<float> W(f.size());
            if (depthwise) {
                W = f; // [1, kh, kw, C]: tap-major, channel fastest, as the engine stores it
            } else {
                // OHWI row-major → (filters, kh·kw·cin) column-major
                const std::int64_t K = std::int64_t(kernel) * kernel * cin;
                for (std::int64_t r = 0; r < filters; ++r)
                    for (std::int64_t c = 0; c < K; ++c)
                        W[std::size_t(c * filters + r)] = f[std::size_t(r * K + c)];
            }
            addLayer(op, {layer, std::move(W), readBias(filters)}, in, out, w,
                     ins->size() > 2 ? ins->Get(2) : -1);
            m_shape = Shape::hwc(convOutputSize(m_shape.height, kernel, strideW, padding),
                                 convOutputSize(m_shape.width, kernel, strideW, padding), filters);
            requireShape(out, m_shape);
            break;
        }
        case kMaxPool2d:
        case kAveragePool2d: {
            const auto *opt = o->builtin_options_as_Pool2DOptions();
            const int fw = opt ? opt->filter_width() : 0, fh = opt ? opt->filter_height() : 0;
            const int sw = opt ? opt->stride_w() : 0, sh = opt ? opt->stride_h() : 0;
            if (fw != fh || fw < 1 || fw > kMaxDimension)
                option(op, code, "a pool of " + std::to_string(fh) + "x" + std::to_string(fw));
            if (sw != sh || sw < 1 || sw > kMaxDimension)
                option(op, code, "stride " + std::to_string(sh) + "x" + std::to_string(sw));
            if (opt && int(opt->fused_activation_function()) != 0)
                option(op, code,
                       "fused_activation_function "
                           + std::to_string(int(opt->fused_activation_function())));
            const int pad = opt ? int(opt->padding()) : 0;
            if (pad != 0 && pad != 1)
                option(op, code, "padding " + std::to_string(pad));
            if (!m_shape.image || m_unitImage)
                badShape(in);
            const Padding padding = pad == 0 ? Padding::Same : Padding::Valid;
            if (fw > (padding == Padding::Same ? std::max(m_shape.height, m_shape.width)
                                               : std::min(m_shape.height, m_shape.width)))
                badShape(in);
            addLayer(op, {code == kMaxPool2d ? LayerSpec::maxPooling2d(fw, sw, padding)
                                             : LayerSpec::averagePooling2d(fw, sw, padding),
                          {},
                          {}},
                     in, out);
            m_shape = Shape::hwc(convOutputSize(m_shape.height, fw, sw, padding),
                                 convOutputSize(m_shape.width, fw, sw, padding), m_shape.channels);
            requireShape(out, m_shape);
            break;
        }
        case kReshape: {
            requireValues(out, m_shape.size());
            const Shape next = engineShape(out);
            if (next.image) {
                if (m_layers.empty())
                    m_inputShape = next; // the input, seen as an image from the start
                else if (!m_shape.image && next.height == 1 && next.width == 1)
                    m_unitImage = true; // a flat tensor as 1x1xC, for 1x1 CONV_2Ds as Dense
                else if (next != m_shape)
                    badShape(out);
            } else if (m_shape.image && !m_unitImage) {
                addLayer(op, {LayerSpec::flatten(), {}, {}}, in, out);
            } else {
                m_unitImage = false;
            }
            m_moves.push_back({op, code, in, out, m_layers.size()});
            m_shape = next;
            break;
        }
        case kSoftmax:
        case kLogistic:
        case kTanh:
        case kRelu:
        case kLeakyRelu: {
            Activation act = Activation::Relu;
            if (code == kSoftmax) {
                const auto *opt = o->builtin_options_as_SoftmaxOptions();
                const float beta = opt ? opt->beta() : 0.0f;
                if (beta != 1.0f)
                    option(op, code, "beta " + number(beta));
                act = Activation::Softmax;
            } else if (code == kLeakyRelu) {
                const auto *opt = o->builtin_options_as_LeakyReluOptions();
                const float alpha = opt ? opt->alpha() : 0.0f;
                if (alpha != kLeakyReluSlope)
                    option(op, code, "alpha " + number(alpha));
                act = Activation::LeakyRelu;
            } else if (code == kLogistic) {
                act = Activation::Sigmoid;
            } else if (code == kTanh) {
                act = Activation::Tanh;
            }
            // The activation of the layer that made the current tensor, which must have none.
            if (m_layers.empty() || lastLayerCount != m_layers.size()
                || !m_layers.back().spec.hasParameters()
                || m_layers.back().spec.activation != Activation::Linear)
                fail(ErrorCode::TfliteNotChain, {.name = operatorName(code), .index = op});
            m_layers.back().spec.activation = act;
            m_layers.back().after.push_back({op, code, in, out, m_layers.size()});
            requireShape(out, m_shape);
            break;
        }
        default:
            break;
        }
        if (code != kQuantize && code != kDequantize)
            lastLayerCount = m_layers.size();
        current = out;
    }
    if (current != output)
        fail(ErrorCode::TfliteNotChain,
             {.name = "output", .index = std::int64_t(operators->size()) - 1});

    // The input range: stated by the user, by a quantized input, or by this studio's own writer.
    std::optional<TfliteInputRange> stated;
    const tflite::Tensor &rt = tensor(rangeTensor);
    if (quantizedType(int(rt.type())) && rt.quantization() && rt.quantization()->scale()
        && rt.quantization()->scale()->size() == 1) {
        const auto *zeros = rt.quantization()->zero_point();
        const double zero = zeros && zeros->size() == 1 ? double(int64At(*zeros, 0)) : 0.0;
        stated = rangeOfQuantization(rt.quantization()->scale()->Get(0), zero, int(rt.type()));
    }
    const std::string description = model->description() ? model->description()->str() : "";
    if (!stated && description.starts_with("TinyML Studio"))
        stated = TfliteInputRange::Unit; // its float32 files take pixels / 255
    const bool fromUser = m_options.inputRange.has_value();
    if (!fromUser && !stated)
        fail(ErrorCode::TfliteInputRangeUnknown);
    const TfliteInputRange range = fromUser ? *m_options.inputRange : *stated;
    foldInputRange(affineOf(range));

    ModelSpec spec;
    spec.inputSize = int(m_inputShape.size());
    if (m_inputShape.image)
        spec.inputShape = m_inputShape;
    for (const auto &l : m_layers)
        spec.layers.push_back(l.spec);
    if (spec.layers.empty() || spec.layers.back().activation != Activation::Softmax)
        spec.loss = LossKind::MeanSquaredError;
    try {
        spec.validate();
    } catch (const Error &e) {
        ErrorArgs args = e.args();
        args.file = m_source;
        args.cause = e.code();
        throw Error(ErrorCode::ModelBadSettings, std::move(args));
    }
    Network net(spec);
    for (std::size_t l = 0; l < m_layers.size(); ++l) {
        if (!spec.layers[l].hasParameters())
            continue;
        auto W = net.weights(l);
        auto b = net.bias(l);
        if (std::size_t(W.size()) != m_layers[l].weights.size()
            || std::size_t(b.size()) != m_layers[l].bias.size())
            throw Error(ErrorCode::Internal, {.detail = "imported layer sizes differ"});
        std::copy(m_layers[l].weights.begin(), m_layers[l].weights.end(), W.data());
        std::copy(m_layers[l].bias.begin(), m_layers[l].bias.end(), b.data());
    }
    checkNetwork(net, m_source);

    ModelInfo info;
    info[std::string(kInfoFormat)] = "tflite";
    const std::string qtype = m_quantizedType == kUInt8 ? "uint8" : "int8";
    info[std::string(kInfoTfliteWeights)] = m_quantizedActivations ? qtype + " fully integer"
                                            : m_quantizedWeights   ? qtype + " dynamic range"
                                            : m_halfWeights        ? "float16"
                                                                   : "float32";
    if (m_quantizedActivations || m_quantizedWeights)
        info[std::string(kInfoTfliteQuantization)] = "dequantized to float32";
    // A fully-integer file answers with its own int8 arithmetic when the engine can run it; a
    // dynamic-range file computes in float32, which is what its format means.
    std::shared_ptr<const TfliteInt8Import> int8;
    if (m_quantizedActivations)
        int8 = buildInt8(spec, range, input, output);
    info[std::string(kInfoTfliteAnswers)] = int8 && int8->model ? kAnswersInt8 : kAnswersFloat;
    if (int8 && int8->refusal)
        info[std::string(kInfoTfliteInt8Refused)] = int8->refusal->what();
    info[std::string(kInfoTfliteInputRange)] = std::string(toString(range));
    info[std::string(kInfoTfliteInputRangeSource)] = fromUser ? "user" : "file";
    if (!description.empty())
        info["tflite_description"] = description.substr(0, 200);
    return {std::move(net), std::nullopt, std::move(info), std::move(int8)};
}

} // namespace

std::string_view toString(TfliteInputRange range)
{
    switch (range) {
    case TfliteInputRange::Unit:
        return "0..1";
    case TfliteInputRange::Byte:
        return "0..255";
    case TfliteInputRange::Symmetric:
        return "-1..1";
    }
    return "?";
}

std::optional<TfliteInputRange> tfliteInputRangeFromString(std::string_view text)
{
    if (text == "0..1")
        return TfliteInputRange::Unit;
    if (text == "0..255")
        return TfliteInputRange::Byte;
    if (text == "-1..1"
        || text
               == "\u2212"
                  "1..1")
        return TfliteInputRange::Symmetric;
    return std::nullopt;
}

ModelInfo infoForSaving(const ModelInfo &info)
{
    const auto format = info.find(std::string(kInfoFormat));
    if (format == info.end() || format->second != "tflite")
        return info;
    ModelInfo out;
    for (const auto &[key, value] : info)
        if (key != kInfoFormat && !key.starts_with("tflite_"))
            out[key] = value;
    std::string from = "TensorFlow Lite";
    if (const auto w = info.find(std::string(kInfoTfliteWeights)); w != info.end())
        from += ", " + w->second + " weights";
    if (const auto r = info.find(std::string(kInfoTfliteInputRange)); r != info.end())
        from += ", input range " + r->second + " folded into the first layer";
    out["imported_from"] = from;
    return out;
}

bool isTflite(std::span<const std::uint8_t> bytes)
{
    return bytes.size() >= 8 && std::memcmp(bytes.data() + 4, "TFL3", 4) == 0;
}

LoadedModel readTflite(std::span<const std::uint8_t> bytes,
                       const std::string &source,
                       const TfliteImportOptions &options)
{
    // FlatBuffers reads its tables and vectors in place, so the buffer must start on an address
    // that every scalar in it may have (the verifier checks offsets, not the address itself).
    if (reinterpret_cast<std::uintptr_t>(bytes.data()) % 16 != 0) {
        const std::vector<std::uint8_t> aligned(bytes.begin(), bytes.end());
        return Reader(aligned, source, options).read();
    }
    return Reader(bytes, source, options).read();
}

LoadedModel loadAnyModel(const std::filesystem::path &file, const TfliteImportOptions &options)
{
    const auto bytes = readFile(file, 1ULL << 31);
    if (isTflite(bytes))
        return readTflite(bytes, file.string(), options);
    return deserializeModel(bytes, file.string());
}

} // namespace tinyml::core
