// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/modelfile.h"

#include "core/base/error.h"
#include "core/io/fileio.h"
#include "core/nn/modelcheck.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace tinyml::core {

namespace {

constexpr char kMagic[8] = {'T', 'M', 'L', 'M', 'O', 'D', 'E', 'L'};
constexpr std::uint32_t kFlagOptimizer = 1;
constexpr std::uint64_t kMaxFileBytes = 1ULL << 31;
constexpr std::uint32_t kMaxInfoEntries = 256;
constexpr std::uint32_t kMaxInfoText = 1 << 16;

static_assert(std::endian::native == std::endian::little, "model files assume a little-endian host");

class Writer
{
public:
    void bytes(const void *p, std::size_t n)
    {
        if (n == 0)
            return; // an empty state vector may have no storage at all
        const auto *b = static_cast<const std::uint8_t *>(p);
        m_out.insert(m_out.end(), b, b + n);
    }
    void u32(std::uint32_t v) { bytes(&v, 4); }
    void u64(std::uint64_t v) { bytes(&v, 8); }
    void f32(float v) { bytes(&v, 4); }
    void text(const std::string &s)
    {
        u32(std::uint32_t(s.size()));
        bytes(s.data(), s.size());
    }
    std::vector<std::uint8_t> &out() { return m_out; }

private:
    std::vector<std::uint8_t> m_out;
};

class Reader
{
public:
    Reader(std::span<const std::uint8_t> data, const std::string &source)
        : m_data(data)
        , m_source(source)
    {}
    void bytes(void *p, std::size_t n)
    {
        if (n == 0)
            return;
        if (n > m_data.size() - m_pos)
            fail(ErrorCode::ModelTruncated, {.offset = std::int64_t(m_data.size())});
        std::memcpy(p, m_data.data() + m_pos, n);
        m_pos += n;
    }
    std::uint32_t u32()
    {
        std::uint32_t v;
        bytes(&v, 4);
        return v;
    }
    std::uint64_t u64()
    {
        std::uint64_t v;
        bytes(&v, 8);
        return v;
    }
    float f32()
    {
        float v;
        bytes(&v, 4);
        return v;
    }
    std::string text()
    {
        const std::uint32_t n = u32();
        if (n > kMaxInfoText)
            fail(ErrorCode::ModelBadValue,
                 {.field = ErrorField::TextLength, .offset = std::int64_t(m_pos - 4), .found = n});
        std::string s(n, '\0');
        bytes(s.data(), n);
        return s;
    }
    template<typename E> E enumValue(std::uint32_t count, ErrorField what)
    {
        const std::uint32_t v = u32();
        if (v >= count)
            fail(ErrorCode::ModelBadValue,
                 {.field = what, .offset = std::int64_t(m_pos - 4), .found = v});
        return E(v);
    }
    std::size_t remaining() const { return m_data.size() - m_pos; }
    std::size_t position() const { return m_pos; }
    /// Throws code with args, naming the model's source as the file.
    [[noreturn]] void fail(ErrorCode code, ErrorArgs args = {}) const
    {
        args.file = m_source;
        throw Error(code, std::move(args));
    }

private:
    std::span<const std::uint8_t> m_data;
    std::size_t m_pos = 0;
    const std::string &m_source;
};

} // namespace

std::vector<std::uint8_t> serializeModel(const Network &net, const Optimizer *optimizer,
                                         const ModelInfo &info)
{
    const ModelSpec &spec = net.spec();
    Writer w;
    w.bytes(kMagic, sizeof kMagic);
    const bool typed = !spec.isDenseOnly();
    w.u32(typed ? kModelFileVersion : 1);
    w.u32(optimizer ? kFlagOptimizer : 0);
    w.u32(std::uint32_t(spec.inputSize));
    if (typed) {
        const Shape in = spec.inputShape.value_or(Shape{0, 0, 0, false});
        for (int v : {in.height, in.width, in.channels})
            w.u32(std::uint32_t(v));
    }
    w.u32(std::uint32_t(spec.layers.size()));
    for (const auto &layer : spec.layers) {
        if (typed)
            w.u32(std::uint32_t(layer.kind));
        w.u32(std::uint32_t(layer.units));
        w.u32(std::uint32_t(layer.activation));
        if (typed) {
            w.u32(std::uint32_t(layer.kernel));
            w.u32(std::uint32_t(layer.stride));
            w.u32(std::uint32_t(layer.padding));
            w.f32(layer.rate);
        }
    }
    w.u32(std::uint32_t(spec.loss));
    w.u32(std::uint32_t(spec.initializer));
    w.f32(spec.l2);
    w.f32(spec.dropout);
    const OptimizerSpec &o = spec.optimizer;
    w.u32(std::uint32_t(o.kind));
    for (float v : {o.learningRate, o.beta1, o.beta2, o.epsilon, o.momentum, o.rho})
        w.f32(v);
    w.u32(o.nesterov ? 1 : 0);
    const auto params = net.parameters();
    w.u64(params.size());
    w.bytes(params.data(), params.size() * sizeof(float));
    w.u32(std::uint32_t(info.size()));
    for (const auto &[key, value] : info) {
        w.text(key);
        w.text(value);
    }
    if (optimizer) {
        const auto state = optimizer->state();
        w.u64(std::uint64_t(optimizer->iterations()));
        w.u64(state.size());
        w.bytes(state.data(), state.size() * sizeof(float));
    }
    const std::uint32_t crc = crc32(w.out());
    w.u32(crc);
    return std::move(w.out());
}

LoadedModel deserializeModel(std::span<const std::uint8_t> bytes, const std::string &source)
{
    Reader r(bytes, source);
    char magic[8];
    if (bytes.size() < sizeof magic)
        r.fail(ErrorCode::ModelTooShort, {.found = std::int64_t(bytes.size())});
    r.bytes(magic, sizeof magic);
    if (std::memcmp(magic, kMagic, sizeof magic) != 0)
        r.fail(ErrorCode::ModelBadMagic);
    const std::uint32_t version = r.u32();
    if (version == 0 || version > kModelFileVersion)
        r.fail(ErrorCode::ModelBadVersion, {.found = version, .limit = kModelFileVersion});
    // Parse with bounds checks first (so truncation is named as such), then the checksum.
    const std::uint32_t flags = r.u32();
    ModelSpec spec;
    spec.layers.clear();
    spec.inputSize = int(r.u32());
    const bool typed = version >= 2;
    if (typed) {
        const std::size_t at = r.position();
        const std::uint32_t h = r.u32(), w = r.u32(), c = r.u32();
        if (h != 0 || w != 0 || c != 0) {
            constexpr std::uint32_t kSide = 1 << 16;
            if (h == 0 || w == 0 || c == 0 || h > kSide || w > kSide || c > kSide)
                r.fail(ErrorCode::ModelBadValue,
                       {.field = ErrorField::InputShape, .offset = std::int64_t(at), .found = h});
            spec.inputShape = Shape::hwc(int(h), int(w), int(c));
        }
    }
    const std::uint32_t layerCount = r.u32();
    if (layerCount == 0 || layerCount > std::uint32_t(kMaxLayers))
        r.fail(ErrorCode::ModelBadValue, {.field = ErrorField::LayerCount,
                                          .offset = std::int64_t(r.position() - 4),
                                          .found = layerCount,
                                          .limit = kMaxLayers});
    for (std::uint32_t l = 0; l < layerCount; ++l) {
        LayerSpec layer;
        if (typed)
            layer.kind = r.enumValue<LayerKind>(7, ErrorField::LayerKindCode);
        const std::uint32_t units = r.u32();
        const bool needsUnits = layer.kind == LayerKind::Dense || layer.kind == LayerKind::Conv2D;
        if ((needsUnits && units == 0) || units > std::uint32_t(kMaxLayerUnits))
            r.fail(ErrorCode::ModelBadValue, {.field = ErrorField::LayerUnits,
                                              .index = l,
                                              .offset = std::int64_t(r.position() - 4),
                                              .found = units,
                                              .limit = kMaxLayerUnits});
        layer.units = int(units);
        layer.activation = r.enumValue<Activation>(6, ErrorField::ActivationCode);
        if (typed) {
            // Sizes far beyond any real layer are refused here; validate() checks the rest.
            constexpr std::uint32_t kLimit = 1 << 16;
            const std::uint32_t kernel = r.u32();
            const std::uint32_t stride = r.u32();
            if (kernel > kLimit || stride > kLimit)
                r.fail(ErrorCode::ModelBadValue,
                       {.field = kernel > kLimit ? ErrorField::KernelSize : ErrorField::Stride,
                        .index = l,
                        .offset = std::int64_t(r.position() - 8),
                        .found = std::max(kernel, stride)});
            layer.kernel = int(kernel);
            layer.stride = int(stride);
            layer.padding = r.enumValue<Padding>(2, ErrorField::PaddingCode);
            layer.rate = r.f32();
        }
        spec.layers.push_back(layer);
    }
    spec.loss = r.enumValue<LossKind>(2, ErrorField::LossCode);
    spec.initializer = r.enumValue<Initializer>(3, ErrorField::InitializerCode);
    spec.l2 = r.f32();
    spec.dropout = r.f32();
    OptimizerSpec &o = spec.optimizer;
    o.kind = r.enumValue<OptimizerKind>(4, ErrorField::OptimizerCode);
    o.learningRate = r.f32();
    o.beta1 = r.f32();
    o.beta2 = r.f32();
    o.epsilon = r.f32();
    o.momentum = r.f32();
    o.rho = r.f32();
    o.nesterov = r.u32() != 0;
    if (spec.inputSize < 1 || spec.inputSize > kMaxInputSize)
        r.fail(ErrorCode::ModelBadValue, {.field = ErrorField::InputSize,
                                          .offset = 16,
                                          .found = spec.inputSize,
                                          .limit = kMaxInputSize});
    try {
        spec.validate();
    } catch (const Error &e) {
        ErrorArgs args = e.args();
        args.cause = e.code();
        r.fail(ErrorCode::ModelBadSettings, std::move(args));
    }
    const std::uint64_t count = r.u64();
    if (count != std::uint64_t(spec.parameterCount()))
        r.fail(ErrorCode::ModelBadValue, {.field = ErrorField::ParameterCount,
                                          .offset = std::int64_t(r.position() - 8),
                                          .expected = spec.parameterCount(),
                                          .found = std::int64_t(count)});
    if (count * sizeof(float) > r.remaining())
        r.fail(ErrorCode::ModelTruncated, {.offset = std::int64_t(bytes.size()),
                                           .expected = std::int64_t(count * sizeof(float)),
                                           .found = std::int64_t(r.remaining())});
    Network net(spec);
    r.bytes(net.parameters().data(), count * sizeof(float));
    ModelInfo info;
    const std::uint32_t entries = r.u32();
    if (entries > kMaxInfoEntries)
        r.fail(ErrorCode::ModelBadValue, {.field = ErrorField::InfoEntries,
                                          .offset = std::int64_t(r.position() - 4),
                                          .found = entries,
                                          .limit = kMaxInfoEntries});
    for (std::uint32_t i = 0; i < entries; ++i) {
        std::string key = r.text();
        info[key] = r.text();
    }
    std::optional<Optimizer> optimizer;
    if (flags & kFlagOptimizer) {
        const std::uint64_t iterations = r.u64();
        const std::uint64_t stateCount = r.u64();
        if (stateCount > 2 * count || stateCount * sizeof(float) > r.remaining())
            r.fail(ErrorCode::ModelBadValue, {.field = ErrorField::OptimizerState,
                                              .offset = std::int64_t(r.position() - 8),
                                              .found = std::int64_t(stateCount)});
        std::vector<float> state(stateCount);
        r.bytes(state.data(), stateCount * sizeof(float));
        optimizer.emplace(spec.optimizer, std::size_t(count));
        try {
            optimizer->restore(std::int64_t(iterations), state);
        } catch (const Error &) {
            r.fail(ErrorCode::ModelBadValue,
                   {.field = ErrorField::OptimizerState, .found = std::int64_t(stateCount)});
        }
    }
    const std::size_t crcPos = r.position();
    const std::uint32_t stored = r.u32();
    if (r.remaining() != 0)
        r.fail(ErrorCode::ModelTrailingBytes,
               {.offset = std::int64_t(r.position()), .found = std::int64_t(r.remaining())});
    if (crc32(bytes.first(crcPos)) != stored)
        r.fail(ErrorCode::ModelChecksum);
    // A valid checksum proves nothing about the numbers: refuse what later stages cannot use.
    const std::vector<float> state = optimizer ? optimizer->state() : std::vector<float>();
    checkLoadedModel(net, state, source);
    return {std::move(net), std::move(optimizer), std::move(info)};
}

void saveModel(const std::filesystem::path &file, const Network &net, const Optimizer *optimizer,
               const ModelInfo &info)
{
    writeFileAtomically(file, serializeModel(net, optimizer, info));
}

LoadedModel loadModel(const std::filesystem::path &file)
{
    const auto bytes = readFile(file, kMaxFileBytes);
    return deserializeModel(bytes, file.string());
}

} // namespace tinyml::core
