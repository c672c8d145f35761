// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/deploy/codegen.h"

#include "core/base/error.h"
#include "core/io/fileio.h"
#include "core/nn/modelcheck.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>

namespace tinyml::core {

namespace {

/// Machine code of the generated functions, measured with arm-none-eabi-gcc 12 -Os for
/// Cortex-M4 (the tests check the whole budget against arm-none-eabi-size).
constexpr std::int64_t kCodeFloat = 720;
constexpr std::int64_t kCodeInt8 = 770;
constexpr std::int64_t kCodePerLayer = 24;

const std::set<std::string> kKeywords = {
    "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum",
    "extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return",
    "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
    "volatile", "while", "_Bool", "_Complex", "_Imaginary", "bool", "true", "false", "class", "new",
    "delete", "this", "template", "namespace", "private", "public", "protected", "virtual", "operator"};

std::string upper(std::string s)
{
    for (char &c : s)
        c = char(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::string floatLiteral(float v)
{
    if (!std::isfinite(v))
        throw Error(ErrorCode::WeightsNotFinite);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.9g", double(v));
    std::string s = buf;
    if (s.find_first_of(".eE") == std::string::npos)
        s += ".0";
    return s + "f";
}

std::string doubleLiteral(double v)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    std::string s = buf;
    if (s.find_first_of(".eE") == std::string::npos)
        s += ".0";
    return s;
}

/// Writes values as a C initializer, 12 or 16 to a line.
template<typename T, typename Fmt>
void array(std::ostringstream &out, const std::string &decl, const std::vector<T> &values, Fmt fmt, int perLine)
{
    out << decl << " = {";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i % std::size_t(perLine) == 0)
            out << "\n    ";
        out << fmt(values[i]) << (i + 1 < values.size() ? "," : "");
        if (i + 1 < values.size() && (i + 1) % std::size_t(perLine) != 0)
            out << ' ';
    }
    out << "\n};\n";
}

} // namespace

std::string cIdentifier(const std::string &text)
{
    std::string id;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        id += (std::isalnum(u) && u < 128) ? char(std::tolower(u)) : '_';
    }
    // Squeeze repeated underscores and trim them at the ends.
    std::string squeezed;
    for (char c : id)
        if (!(c == '_' && !squeezed.empty() && squeezed.back() == '_'))
            squeezed += c;
    while (!squeezed.empty() && squeezed.back() == '_')
        squeezed.pop_back();
    while (!squeezed.empty() && squeezed.front() == '_')
        squeezed.erase(squeezed.begin());
    if (squeezed.empty())
        squeezed = "model";
    if (std::isdigit(static_cast<unsigned char>(squeezed.front())))
        squeezed = "m_" + squeezed;
    if (kKeywords.count(squeezed))
        squeezed += "_model";
    if (squeezed.size() > 40)
        squeezed.resize(40);
    return squeezed;
}

namespace {

/// Where each layer of the generated code reads and writes (docs/facts.md §8): one arena of
/// `size` values; the network's input sits at offset 0; each layer that computes writes its
/// output at the other end of the arena from its input (at 0, or at size − outputs), so input
/// and output never overlap and the arena needs only the largest input + output pair. Flatten
/// and Dropout write nothing: their output is their input.
struct ArenaPlan
{
    std::int64_t size = 1;             ///< values
    std::vector<std::int64_t> in, out; ///< offsets per layer
    std::int64_t peakLayer = 0;        ///< the layer whose input + output set the size
};

ArenaPlan planArena(const ModelSpec &spec)
{
    ArenaPlan plan;
    const std::size_t n = spec.layers.size();
    plan.size = std::max<std::int64_t>(1, spec.inputSize);
    for (std::size_t l = 0; l < n; ++l) {
        const bool identity = spec.layers[l].kind == LayerKind::Flatten
                              || spec.layers[l].kind == LayerKind::Dropout;
        const std::int64_t pair = identity ? 0 : spec.layerInputShape(l).size() + spec.outputShape(l).size();
        if (pair > plan.size) {
            plan.size = pair;
            plan.peakLayer = std::int64_t(l);
        }
    }
    bool bottom = true; // the current tensor starts at offset 0
    for (std::size_t l = 0; l < n; ++l) {
        const std::int64_t inSize = spec.layerInputShape(l).size();
        const std::int64_t outSize = spec.outputShape(l).size();
        const bool identity = spec.layers[l].kind == LayerKind::Flatten
                              || spec.layers[l].kind == LayerKind::Dropout;
        plan.in.push_back(bottom ? 0 : plan.size - inSize);
        if (!identity)
            bottom = !bottom;
        plan.out.push_back(bottom ? 0 : plan.size - outSize);
    }
    return plan;
}

/// The activation code of the float C: 1 sigmoid, 2 tanh, 3 ReLU, 4 leaky ReLU, 0 none.
int activationKind(Activation a)
{
    switch (a) {
    case Activation::Sigmoid:
        return 1;
    case Activation::Tanh:
        return 2;
    case Activation::Relu:
        return 3;
    case Activation::LeakyRelu:
        return 4;
    default:
        return 0;
    }
}

/// "Conv2D(8, 3x3, stride 2, same, relu) -> 13x13x8" for the comments.
std::string describeLayer(const ModelSpec &spec, std::size_t l)
{
    const LayerSpec &layer = spec.layers[l];
    const Shape out = spec.outputShape(l);
    std::ostringstream d;
    d << toString(layer.kind);
    const std::string k = std::to_string(layer.kernel) + "x" + std::to_string(layer.kernel);
    switch (layer.kind) {
    case LayerKind::Dense:
        d << "(" << layer.units << ", " << toString(layer.activation) << ")";
        break;
    case LayerKind::Conv2D:
        d << "(" << layer.units << ", " << k << ", stride " << layer.stride << ", "
          << toString(layer.padding) << ", " << toString(layer.activation) << ")";
        break;
    case LayerKind::DepthwiseConv2D:
        d << "(" << k << ", stride " << layer.stride << ", " << toString(layer.padding) << ", "
          << toString(layer.activation) << ")";
        break;
    case LayerKind::MaxPooling2D:
    case LayerKind::AveragePooling2D:
        d << "(" << k << ", stride " << layer.stride << ", " << toString(layer.padding) << ")";
        break;
    case LayerKind::Flatten:
    case LayerKind::Dropout:
        d << "()";
        break;
    }
    if (out.image)
        d << " -> " << out.height << "x" << out.width << "x" << out.channels;
    else
        d << " -> " << out.channels;
    return d.str();
}

std::string shapeText(const Shape &s)
{
    return s.image ? std::to_string(s.height) + "x" + std::to_string(s.width) + "x"
                         + std::to_string(s.channels)
                   : std::to_string(s.channels);
}

/// TFLite Micro's int8 softmax in C99 (docs/facts.md §13), for the logits' constants sp: one
/// function, prefix_softmax, so that AVR's stack holds one frame for it. Every value is an
/// int32_t (AVR's int has 16 bits). The exponential is computed in two passes, as TFLM does,
/// instead of being kept in an array on the stack. Where gemmlowp saturates a left shift, the
/// values here stay in range (r·32 with |r| ≤ 2^24; the Newton step's correction, below 2^27),
/// except the reciprocal's final doubling, which saturates as gemmlowp's does.
std::string softmaxC(const std::string &p, const SoftmaxParams &sp)
{
    const char *const multipliers[7]
        = {"1672461947", "1302514674", "790015084", "290630308", "39332535", "720401", "242"};
    std::ostringstream c;
    c << "/* TFLite Micro's int8 softmax in gemmlowp's fixed point (a value in Qm.n is an int32 whose\n"
      << "   real value is raw / 2^n): probabilities with scale 1/256 and zero point -128.\n"
      << "   Per class, a = (logit - top) * S in Q5.26 = r - k with r in [-1/4, 0) and k a sum of\n"
      << "   1/4, 1/2, 1, 2, 4, 8, 16; exp(r) from its Taylor series around -1/8, times exp(-2^j) for\n"
      << "   each power in k. Pass 0 sums exp in Q12.19 = (1 + x) 2^b and takes 1/(1 + x) by\n"
      << "   Newton-Raphson in Q2.29; pass 1 writes exp / sum, shifted right by b + 23. */\n"
      << "static void " << p << "_softmax(const int8_t *logits, int8_t *scores, int n)\n{\n"
      << "    int32_t sum = 0, top = -128, inverse = 0;\n    int i, pass, bits = 11;\n"
      << "    for (i = 0; i < n; ++i)\n        if (logits[i] > top) top = logits[i];\n"
      << "    for (pass = 0; pass < 2; ++pass) {\n"
      << "        for (i = 0; i < n; ++i) {\n"
      << "            int32_t a, v;\n"
      << "            if (logits[i] - top < " << sp.diffMin << ") { /* exp below e^-31: probability 0 */\n"
      << "                if (pass) scores[i] = -128;\n                continue;\n            }\n"
      << "            a = " << p << "_srdhm((int32_t)((int64_t)(logits[i] - top) * ((int64_t)1 << "
      << sp.inputLeftShift << ")), " << sp.inputMultiplier << ");\n"
      << "            if (a == 0) {\n                v = 2147483647; /* exp(0) */\n            } else {\n"
      << "                const int32_t r = (a & 16777215) - 16777216, k = r - a;\n"
      << "                const int32_t t = r * 32 + 268435456; /* r in Q0.31, + 1/8 */\n"
      << "                const int32_t t2 = " << p << "_srdhm(t, t);\n"
      << "                v = " << p << "_rdbpot(" << p << "_srdhm(" << p << "_rdbpot(" << p << "_srdhm(t2, t2), 2) + "
      << p << "_srdhm(t2, t), 715827883) + t2, 1);\n"
      << "                v = 1895147668 + " << p << "_srdhm(1895147668, t + v);\n";
    for (int j = 0; j < 7; ++j)
        c << "                if (k & ((int32_t)1 << " << 24 + j << ")) v = " << p << "_srdhm(v, "
          << multipliers[j] << ");\n";
    c << "            }\n"
      << "            if (pass == 0) {\n                sum += " << p << "_rdbpot(v, 12);\n            } else {\n"
      << "                v = " << p << "_rdbpot(" << p << "_srdhm(inverse, v), bits + 23) - 128;\n"
      << "                scores[i] = (int8_t)(v > 127 ? 127 : v);\n            }\n        }\n"
      << "        if (pass == 0) {\n            int j;\n"
      << "            /* Shifted left until bit 30 is set, the sum is the half denominator (1 + x)/2. */\n"
      << "            while (!(sum & ((int32_t)1 << 30))) {\n                sum = (int32_t)((uint32_t)sum << 1);\n"
      << "                --bits;\n            }\n"
      << "            inverse = 1515870810 + " << p << "_srdhm(sum, -1010580540);\n"
      << "            for (j = 0; j < 3; ++j)\n"
      << "                inverse += 4 * " << p << "_srdhm(inverse, 536870912 - " << p << "_srdhm(sum, inverse));\n"
      << "            inverse = inverse > 1073741823 ? 2147483647 : 2 * inverse;\n        }\n    }\n}\n\n";
    return c.str();
}

/// Machine code of the convolution and pooling kernels, measured like kCodeFloat (bytes).
constexpr std::int64_t kCodeConv = 260;
constexpr std::int64_t kCodeDepthwise = 220;
constexpr std::int64_t kCodePool = 180;

/// Given int8 numbers (ExportOptions::int8Numbers) fit the network the code is generated for:
/// the same layers with the same shapes and windows, and an input that takes a byte pixel p to
/// p − 128 (the self-test, the sketch and the header's promise). Error(Internal) otherwise: the
/// caller chose them (int8ExportChoice checks both).
void requireSameLayers(const ModelSpec &spec, const QuantizedModel &q)
{
    bool same = q.layers.size() == spec.layers.size() && q.inputSize() == spec.inputSize
                && q.outputSize() == spec.outputSize();
    for (std::size_t l = 0; same && l < spec.layers.size(); ++l) {
        const QuantizedLayer geometry = quantizedGeometry(spec, l);
        const QuantizedLayer &ql = q.layers[l];
        same = ql.kind == geometry.kind && ql.inShape == geometry.inShape
               && ql.outShape == geometry.outShape && ql.kernel == geometry.kernel
               && ql.stride == geometry.stride && ql.padTop == geometry.padTop
               && ql.padLeft == geometry.padLeft;
    }
    if (!same)
        throw Error(ErrorCode::Internal,
                    {.detail = "the int8 numbers given to the C export are another model's"});
    for (int p = 0; p < 256; ++p)
        if (Int8Runner::quantizeInput(float(p) / 255.0f, q.input) != p - 128)
            throw Error(ErrorCode::Internal,
                        {.detail = "the int8 numbers given to the C export do not take a byte "
                                   "pixel p to p - 128"});
}

} // namespace

GeneratedCode generateCode(const Network &net, const ExportOptions &options, const Dataset &testData,
                           const Dataset &calibration, const Progress &progress)
{
    const ModelSpec &spec = net.spec();
    requireExportable(spec);
    checkNetwork(net); // a trained or loaded model beyond the engine's limits is never exported
    if (spec.layers.back().activation != Activation::Softmax)
        throw Error(ErrorCode::ExportNeedsSoftmax);
    if (testData.pixels() != spec.inputSize)
        throw Error(ErrorCode::InputMismatch,
                    {.expected = spec.inputSize, .found = testData.pixels()});
    GeneratedCode g;
    const std::string p = cIdentifier(options.prefix);
    const std::string P = upper(p);
    const std::string base = options.baseName.empty() ? p + "_model" : cIdentifier(options.baseName);
    g.prefix = p;
    g.headerName = base + ".h";
    g.sourceName = base + ".c";
    g.sketchName = p + "_demo.ino";
    const bool int8 = options.precision == Precision::Int8;
    // AVR: const arrays go to PROGMEM and every read of them through pgm_read_* (docs/facts.md §9).
    const bool pm = options.progmem;
    const std::string PM = pm ? " PROGMEM" : "";
    auto reader = [pm](const char *read, const char *cast) {
        return [pm, read, cast](const std::string &element) {
            return pm ? std::string(cast) + read + "(&" + element + ")" : element;
        };
    };
    const auto rdF = reader("pgm_read_float", "");
    const auto rdU8 = reader("pgm_read_byte", "");
    const auto rdI8 = reader("pgm_read_byte", "(int8_t)");
    const auto rdI32 = reader("pgm_read_dword", "(int32_t)");
    if (int8 && options.int8Numbers) {
        requireSameLayers(spec, *options.int8Numbers);
        g.quantized = *options.int8Numbers;
        g.int8FromFile = true;
    } else if (int8) {
        g.quantized = quantize(net, calibration, options.calibrationImages, progress,
                               {.dense = options.dense});
    }
    const int inputs = spec.inputSize;
    const int outputs = spec.outputSize();
    const std::size_t layers = spec.layers.size();
    const ArenaPlan arena = planArena(spec);
    const int vectors = int(std::min<std::size_t>(std::size_t(std::max(0, options.testVectors)), testData.size()));
    auto has = [&](LayerKind k) {
        return std::any_of(spec.layers.begin(), spec.layers.end(),
                           [k](const LayerSpec &l) { return l.kind == k; });
    };

    // Expected outputs of the test vectors, from the engine itself.
    std::vector<int> expectedClass;
    std::vector<std::vector<float>> expectedFloat;
    std::vector<std::vector<std::int8_t>> expectedInt8;
    for (int v = 0; v < vectors; ++v) {
        std::vector<float> x(static_cast<std::size_t>(inputs));
        for (int i = 0; i < inputs; ++i)
            x[std::size_t(i)] = float(testData.image(std::size_t(v))[i]) / 255.0f;
        if (int8) {
            Int8Runner runner(*g.quantized);
            std::vector<std::int8_t> q(static_cast<std::size_t>(inputs));
            std::vector<std::int8_t> logits(static_cast<std::size_t>(outputs)), probs(static_cast<std::size_t>(outputs));
            for (int i = 0; i < inputs; ++i)
                q[std::size_t(i)] = std::int8_t(int(testData.image(std::size_t(v))[i]) - 128);
            expectedClass.push_back(runner.run(q.data(), logits.data(), probs.data()));
            expectedInt8.push_back(probs);
        } else {
            const auto probs = net.predict(x);
            expectedClass.push_back(int(std::max_element(probs.begin(), probs.end()) - probs.begin()));
            expectedFloat.push_back(probs);
        }
    }

    // ---- header ----
    std::ostringstream h;
    std::ostringstream arch;
    arch << shapeText(spec.inputTensorShape());
    for (std::size_t l = 0; l < layers; ++l)
        arch << "\n *                 " << describeLayer(spec, l);
    // The file's own numbers say themselves how their dense layers are scaled.
    const bool perChannelDense
        = (g.int8FromFile ? g.quantized->dense : options.dense) == DenseQuantization::PerChannel;
    const std::string granularity
        = spec.isDenseOnly() || has(LayerKind::Dense)
              ? (perChannelDense ? "per-channel (per-row) weight scales for dense layers"
                                 : "one weight scale per dense layer (per-tensor, the TFLite\n"
                                   " *               converter's default)")
              : std::string();
    const bool anyConv = has(LayerKind::Conv2D) || has(LayerKind::DepthwiseConv2D);
    // Where the int8 numbers come from: the imported file, or a calibration here.
    const std::string int8Origin
        = !int8 ? std::string()
          : g.int8FromFile
              ? std::string("int8 numbers from the file: its int8 weights, int32 biases, scales and\n"
                            " *               zero points as stored; the requantization multipliers\n"
                            " *               derived from its float32 scales as TensorFlow Lite Micro\n"
                            " *               derives them; ")
              : "int8 post-training quantization as TensorFlow Lite Micro does it (int32\n"
                " *               biases, fixed-point requantization from float32 scales), quantized\n"
                " *               here from float32, calibrated on "
                    + std::to_string(g.quantized->calibrationImages) + " training images; ";
    const std::string banner =
        "/*\n"
        " * " + g.headerName.substr(0, g.headerName.size() - 2) + ": a neural network for a microcontroller, generated by TinyML Studio.\n"
        " * SPDX-License-Identifier: GPL-3.0-or-later\n"
        " *\n"
        " * Architecture: " + arch.str() + "\n"
        " * Parameters:   " + std::to_string(spec.parameterCount()) + ", multiply-adds per image: " + std::to_string(spec.macCount()) + "\n"
        " * Precision:    " + (int8 ? int8Origin
                                         + (anyConv ? std::string("per-channel weight scales for convolutions") + (granularity.empty() ? "" : ";\n *               ") : std::string())
                                         + granularity
                                   : std::string("float32")) + "\n"
        + (options.description.empty() ? "" : " * Accuracy:     " + options.description + "\n") +
        " * Input:        " + std::to_string(inputs) + " pixels, row by row, 0 = background; floats scaled to 0..1\n"
        " * Output:       " + std::to_string(outputs) + " scores (probabilities); the functions return the predicted class\n"
        " *\n"
        + (pm ? std::string(" * C99 for AVR: no dynamic memory, only <stdint.h>, <stddef.h> and <avr/pgmspace.h>; every\n"
                            " * constant array is in PROGMEM (Flash) and read with pgm_read_*. Layouts")
              : std::string(" * Plain C99: no dynamic memory, only <stdint.h> and <stddef.h>; the weights are const, so\n"
                            " * they stay in Flash. Layouts")) + ": tensors HWC (channels fastest, TFLite's NHWC); dense weights\n"
        " * [out][in]; Conv2D weights [out][ky][kx][in] (TFLite's OHWI); DepthwiseConv2D weights\n"
        " * [ky][kx][channel]. All activations live in one arena of " + std::to_string(arena.size) + " values: each layer\n"
        " * writes at the other end of the arena from its input.\n"
        " */\n";
    h << banner << "#ifndef " << P << "_MODEL_H\n#define " << P << "_MODEL_H\n\n"
      << "#include <stddef.h>\n#include <stdint.h>\n" << (pm ? "#include <avr/pgmspace.h>\n" : "")
      << "\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
      << "#define " << P << "_INPUT_SIZE " << inputs << "\n"
      << "#define " << P << "_OUTPUT_SIZE " << outputs << "\n"
      << "#define " << P << "_TEST_VECTORS " << vectors << "\n\n"
      << "/* Classifies one image; input: " << inputs << " pixels scaled to 0..1. Writes the " << outputs
      << " probabilities and returns the predicted class. */\n"
      << "int " << p << "_predict(const float input[" << inputs << "], float scores[" << outputs << "]);\n\n";
    if (int8) {
        h << "/* The same in int8. Input: q = round(pixel / 255 / " << P << "_INPUT_SCALE) + " << P
          << "_INPUT_ZERO_POINT,\n   i.e. q = pixel - 128 for a byte pixel. Scores: int8 probabilities with scale 1/256\n"
          << "   and zero point -128. Returns the predicted class. */\n"
          << "#define " << P << "_INPUT_SCALE " << doubleLiteral(double(g.quantized->input.scale)) << "\n"
          << "#define " << P << "_INPUT_ZERO_POINT (" << g.quantized->input.zeroPoint << ")\n"
          << "int " << p << "_predict_int8(const int8_t input[" << inputs << "], int8_t scores[" << outputs << "]);\n\n";
    }
    h << "/* Embedded test digits (bytes 0..255) with their labels, and a self-test that checks the\n"
      << "   code on the device against the outputs TinyML Studio computed. Returns the number of\n"
      << "   failing test vectors: 0 means the code gives the studio's answers. */\n"
      << (pm ? "/* On AVR both arrays are in PROGMEM: read them with pgm_read_byte. */\n" : "")
      << "extern const uint8_t " << p << "_test_images[" << std::max(1, vectors) << "][" << inputs << "]" << PM << ";\n"
      << "extern const uint8_t " << p << "_test_labels[" << std::max(1, vectors) << "]" << PM << ";\n"
      << "int " << p << "_self_test(void);\n\n"
      << "#ifdef __cplusplus\n}\n#endif\n\n#endif /* " << P << "_MODEL_H */\n";
    g.header = h.str();

    // ---- source: constants ----
    std::ostringstream c;
    CodeBudget &b = g.budget;
    c << banner << "#include \"" << g.headerName << "\"\n\n";
    auto i8 = [](std::int8_t v) { return std::to_string(int(v)); };
    auto i32 = [](std::int32_t v) {
        return v == std::int32_t(-2147483647 - 1) ? std::string("(-2147483647 - 1)") : std::to_string(v);
    };
    const bool spatial = std::any_of(spec.layers.begin(), spec.layers.end(),
                                     [](const LayerSpec &l) { return l.isSpatial(); });
    if (spatial)
        c << "/* Geometry of a convolution or pooling layer: input and output height, width and\n"
          << "   channels, the k x k window, its stride, and the padding before the first row and\n"
          << "   column (window positions outside the input are skipped). */\n"
          << "typedef struct {\n    int32_t in_h, in_w, in_c, out_h, out_w, out_c, k, stride, pad_top, pad_left;\n} "
          << p << "_geometry;\n\n";
    for (std::size_t l = 0; l < layers; ++l) {
        const LayerSpec &layer = spec.layers[l];
        c << "/* Layer " << l + 1 << ": " << describeLayer(spec, l) << " */\n";
        if (layer.isSpatial()) {
            const Shape in = spec.layerInputShape(l), out = spec.outputShape(l);
            c << "static const " << p << "_geometry " << p << "_g" << l << " = {" << in.height << ", " << in.width << ", "
              << in.channels << ", " << out.height << ", " << out.width << ", " << out.channels << ", " << layer.kernel
              << ", " << layer.stride << ", " << convPaddingBefore(in.height, layer.kernel, layer.stride, layer.padding)
              << ", " << convPaddingBefore(in.width, layer.kernel, layer.stride, layer.padding) << "};\n";
            b.constants += 40;
        }
        if (!layer.hasParameters()) {
            c << "\n";
            continue;
        }
        const int channels = spec.outputShape(l).channels;
        if (!int8) {
            // The engine's kernel rows are already [out][in] for Dense and OHWI for Conv2D; a
            // depthwise kernel is written tap by tap, channels fastest.
            const auto W = net.weights(l);
            std::vector<float> w(std::size_t(W.size()));
            for (Eigen::Index r = 0; r < W.rows(); ++r)
                for (Eigen::Index j = 0; j < W.cols(); ++j)
                    w[layer.kind == LayerKind::DepthwiseConv2D ? std::size_t(j * W.rows() + r)
                                                               : std::size_t(r * W.cols() + j)] = W(r, j);
            array(c, "static const float " + p + "_w" + std::to_string(l) + "[" + std::to_string(w.size()) + "]" + PM, w, floatLiteral, 8);
            std::vector<float> bias(net.bias(l).data(), net.bias(l).data() + channels);
            array(c, "static const float " + p + "_b" + std::to_string(l) + "[" + std::to_string(channels) + "]" + PM, bias, floatLiteral, 8);
            b.weights += std::int64_t(w.size()) * 4;
            b.biases += std::int64_t(channels) * 4;
        } else {
            const QuantizedLayer &ql = g.quantized->layers[l];
            array(c, "static const int8_t " + p + "_w" + std::to_string(l) + "[" + std::to_string(ql.weights.size()) + "]" + PM, ql.weights, i8, 20);
            array(c, "static const int32_t " + p + "_b" + std::to_string(l) + "[" + std::to_string(channels) + "]" + PM, ql.bias, i32, 10);
            // Per-tensor: one multiplier and shift for every channel.
            const std::size_t scales = ql.perChannel ? std::size_t(channels) : 1;
            std::vector<std::int32_t> m(ql.multiplier.begin(), ql.multiplier.begin() + std::ptrdiff_t(scales));
            std::vector<std::int8_t> shifts(ql.shift.begin(), ql.shift.begin() + std::ptrdiff_t(scales));
            array(c, "static const int32_t " + p + "_m" + std::to_string(l) + "[" + std::to_string(scales) + "]" + PM, m, i32, 8);
            array(c, "static const int8_t " + p + "_s" + std::to_string(l) + "[" + std::to_string(scales) + "]" + PM, shifts, i8, 20);
            b.weights += std::int64_t(ql.weights.size());
            b.biases += std::int64_t(channels) * 4;
            b.constants += std::int64_t(scales) * 5;
            if (!ql.lut.empty()) {
                array(c, "static const int8_t " + p + "_lut" + std::to_string(l) + "[256]" + PM, ql.lut, i8, 20);
                b.constants += 256;
            }
        }
        c << "\n";
    }
    // Test vectors.
    {
        c << "const uint8_t " << p << "_test_images[" << std::max(1, vectors) << "][" << inputs << "]" << PM << " = {\n";
        for (int v = 0; v < std::max(1, vectors); ++v) {
            c << "    {";
            for (int i = 0; i < inputs; ++i) {
                if (i % 28 == 0)
                    c << "\n        ";
                c << (v < vectors ? int(testData.image(std::size_t(v))[i]) : 0) << (i + 1 < inputs ? "," : "");
            }
            c << "\n    }" << (v + 1 < std::max(1, vectors) ? "," : "") << "\n";
        }
        c << "};\n";
        std::vector<int> labels;
        for (int v = 0; v < std::max(1, vectors); ++v)
            labels.push_back(v < vectors ? int(testData.labels[std::size_t(v)]) : 0);
        array(c, "const uint8_t " + p + "_test_labels[" + std::to_string(std::max(1, vectors)) + "]" + PM, labels,
              [](int v) { return std::to_string(v); }, 20);
        std::vector<int> classes = expectedClass;
        classes.resize(std::size_t(std::max(1, vectors)), 0);
        array(c, "static const uint8_t " + p + "_test_expected_class[" + std::to_string(std::max(1, vectors)) + "]" + PM, classes,
              [](int v) { return std::to_string(v); }, 20);
        b.constants += std::int64_t(std::max(1, vectors)) * (inputs + 2);
        if (int8) {
            std::vector<std::int8_t> all;
            for (const auto &e : expectedInt8)
                all.insert(all.end(), e.begin(), e.end());
            all.resize(std::size_t(std::max(1, vectors)) * std::size_t(outputs), 0);
            array(c, "static const int8_t " + p + "_test_expected_scores[" + std::to_string(all.size()) + "]" + PM, all,
                  [](std::int8_t v) { return std::to_string(int(v)); }, 20);
            b.constants += std::int64_t(all.size());
        } else {
            std::vector<float> all;
            for (const auto &e : expectedFloat)
                all.insert(all.end(), e.begin(), e.end());
            all.resize(std::size_t(std::max(1, vectors)) * std::size_t(outputs), 0.0f);
            array(c, "static const float " + p + "_test_expected_scores[" + std::to_string(all.size()) + "]" + PM, all, floatLiteral, 8);
            b.constants += std::int64_t(all.size()) * 4;
        }
        c << "\n";
    }

    const std::string type = int8 ? "int8_t" : "float";
    c << "/* Every activation: layer " << arena.peakLayer + 1
      << "'s input and output are the largest pair alive at once. */\n"
      << "static " << type << " " << p << "_arena[" << arena.size << "];\n\n";
    b.ram = arena.size * (int8 ? 1 : 4);
    std::int64_t code = int8 ? kCodeInt8 : kCodeFloat;
    if (has(LayerKind::Conv2D))
        code += kCodeConv;
    if (has(LayerKind::DepthwiseConv2D))
        code += kCodeDepthwise;
    if (has(LayerKind::MaxPooling2D))
        code += kCodePool;
    if (has(LayerKind::AveragePooling2D))
        code += kCodePool;
    code += kCodePerLayer * std::int64_t(layers);
    b.code = code;
    auto at = [&](std::int64_t offset) {
        return offset == 0 ? p + "_arena" : p + "_arena + " + std::to_string(offset);
    };
    // The window loops shared by convolutions and pooling: oy, ox over the output, the first
    // input row and column y0, x0 of the window, and the output pixel's first value.
    const std::string windowLoops
        = "    int32_t oy, ox, c;\n"
          "    for (oy = 0; oy < g->out_h; ++oy) {\n"
          "        for (ox = 0; ox < g->out_w; ++ox) {\n"
          "            const int32_t y0 = oy * g->stride - g->pad_top, x0 = ox * g->stride - g->pad_left;\n"
          "            const int32_t y_begin = y0 < 0 ? 0 : y0, x_begin = x0 < 0 ? 0 : x0;\n"
          "            const int32_t y_end = y0 + g->k > g->in_h ? g->in_h : y0 + g->k;\n"
          "            const int32_t x_end = x0 + g->k > g->in_w ? g->in_w : x0 + g->k;\n"
          "            " + type + " *out = y + ((size_t)oy * (size_t)g->out_w + (size_t)ox) * (size_t)g->out_c;\n";
    const std::string pixel = "x + ((size_t)iy * (size_t)g->in_w + (size_t)ix) * (size_t)g->in_c";
    const std::string weightConv
        = "w + (((size_t)c * (size_t)g->k + (size_t)(iy - y0)) * (size_t)g->k + (size_t)(ix - x0)) * (size_t)g->in_c";
    const std::string weightDepthwise
        = "w[((size_t)(iy - y0) * (size_t)g->k + (size_t)(ix - x0)) * (size_t)g->out_c + (size_t)c]";

    if (!int8) {
        c << "/* e^x without libm: x = k ln 2 + r, |r| <= ln2/2, e^r by its Taylor series to r^7\n"
          << "   (relative error below 1e-8), 2^k through the float's exponent bits. */\n"
          << "static float " << p << "_exp(float x)\n{\n"
          << "    union { float f; uint32_t u; } scale;\n"
          << "    float r, e;\n    int k;\n"
          << "    if (x < -87.0f) return 0.0f;\n    if (x > 88.0f) x = 88.0f;\n"
          << "    k = (int)(x * 1.44269504f + (x >= 0.0f ? 0.5f : -0.5f));\n"
          << "    r = (x - (float)k * 0.693145752f) - (float)k * 1.42860677e-06f;\n"
          << "    e = 1.0f + r * (1.0f + r * (0.5f + r * (0.166666667f + r * (0.0416666667f\n"
          << "        + r * (0.00833333333f + r * (0.00138888889f + r * 0.000198412698f))))));\n"
          << "    scale.u = (uint32_t)(k + 127) << 23;\n    return e * scale.f;\n}\n\n";
        if (has(LayerKind::Dense))
            c << "/* y = W x + b, W laid out [out][in]. */\n"
              << "static void " << p << "_dense(const float *w, const float *b, const float *x, float *y, size_t in, size_t out)\n{\n"
              << "    size_t c, i;\n    for (c = 0; c < out; ++c) {\n        const float *row = w + c * in;\n"
              << "        float acc = 0.0f;\n        for (i = 0; i < in; ++i)\n            acc += " << rdF("row[i]") << " * x[i];\n"
              << "        y[c] = acc + " << rdF("b[c]") << ";\n    }\n}\n\n";
        if (has(LayerKind::Conv2D))
            c << "/* Convolution: y[oy][ox][c] = b[c] + sum over the window inside the input of\n"
              << "   w[c][ky][kx][ci] x[iy][ix][ci]. */\n"
              << "static void " << p << "_conv(const float *w, const float *b, const float *x, float *y, const " << p << "_geometry *g)\n{\n"
              << windowLoops
              << "            for (c = 0; c < g->out_c; ++c) {\n"
              << "                float acc = 0.0f;\n                int32_t iy, ix, ci;\n"
              << "                for (iy = y_begin; iy < y_end; ++iy)\n"
              << "                    for (ix = x_begin; ix < x_end; ++ix) {\n"
              << "                        const float *px = " << pixel << ";\n"
              << "                        const float *pw = " << weightConv << ";\n"
              << "                        for (ci = 0; ci < g->in_c; ++ci)\n"
              << "                            acc += " << rdF("pw[ci]") << " * px[ci];\n                    }\n"
              << "                out[c] = acc + " << rdF("b[c]") << ";\n            }\n        }\n    }\n}\n\n";
        if (has(LayerKind::DepthwiseConv2D))
            c << "/* Depthwise convolution: y[oy][ox][c] = b[c] + sum over the window inside the input of\n"
              << "   w[ky][kx][c] x[iy][ix][c]. */\n"
              << "static void " << p << "_depthwise(const float *w, const float *b, const float *x, float *y, const " << p << "_geometry *g)\n{\n"
              << windowLoops
              << "            for (c = 0; c < g->out_c; ++c) {\n"
              << "                float acc = " << rdF("b[c]") << ";\n                int32_t iy, ix;\n"
              << "                for (iy = y_begin; iy < y_end; ++iy)\n"
              << "                    for (ix = x_begin; ix < x_end; ++ix)\n"
              << "                        acc += (" << pixel << ")[c] * " << rdF(weightDepthwise) << ";\n"
              << "                out[c] = acc;\n            }\n        }\n    }\n}\n\n";
        if (has(LayerKind::MaxPooling2D))
            c << "/* Max pooling over the window's positions inside the input. */\n"
              << "static void " << p << "_maxpool(const float *x, float *y, const " << p << "_geometry *g)\n{\n"
              << windowLoops
              << "            for (c = 0; c < g->out_c; ++c) {\n"
              << "                float best = x[((size_t)y_begin * (size_t)g->in_w + (size_t)x_begin) * (size_t)g->in_c + (size_t)c];\n"
              << "                int32_t iy, ix;\n"
              << "                for (iy = y_begin; iy < y_end; ++iy)\n"
              << "                    for (ix = x_begin; ix < x_end; ++ix) {\n"
              << "                        const float v = (" << pixel << ")[c];\n"
              << "                        if (v > best) best = v;\n                    }\n"
              << "                out[c] = best;\n            }\n        }\n    }\n}\n\n";
        if (has(LayerKind::AveragePooling2D))
            c << "/* Average pooling: the mean of the window's positions inside the input. */\n"
              << "static void " << p << "_avgpool(const float *x, float *y, const " << p << "_geometry *g)\n{\n"
              << windowLoops
              << "            const float inv = 1.0f / (float)((y_end - y_begin) * (x_end - x_begin));\n"
              << "            for (c = 0; c < g->out_c; ++c) {\n"
              << "                float acc = 0.0f;\n                int32_t iy, ix;\n"
              << "                for (iy = y_begin; iy < y_end; ++iy)\n"
              << "                    for (ix = x_begin; ix < x_end; ++ix)\n"
              << "                        acc += (" << pixel << ")[c];\n"
              << "                out[c] = acc * inv;\n            }\n        }\n    }\n}\n\n";
        // Only when a layer needs it: an unused static function is a warning in C.
        const bool anyActivation = std::any_of(spec.layers.begin(), spec.layers.end() - 1, [](const LayerSpec &l) {
            return activationKind(l.activation) != 0;
        });
        if (anyActivation)
            c << "static void " << p << "_activate(int kind, float *v, size_t n)\n{\n    size_t i;\n"
              << "    for (i = 0; i < n; ++i) {\n        const float z = v[i];\n"
              << "        switch (kind) {\n"
              << "        case 1: v[i] = 1.0f / (1.0f + " << p << "_exp(-z)); break;          /* sigmoid */\n"
              << "        case 2: v[i] = 1.0f - 2.0f / (" << p << "_exp(2.0f * z) + 1.0f); break; /* tanh */\n"
              << "        case 3: v[i] = z > 0.0f ? z : 0.0f; break;                       /* ReLU */\n"
              << "        case 4: v[i] = z > 0.0f ? z : " << floatLiteral(kLeakyReluSlope) << " * z; break;  /* leaky ReLU */\n"
              << "        default: break;                                                  /* linear */\n"
              << "        }\n    }\n}\n\n";
        c << "/* p = softmax(z), z and p may be the same array. */\n"
          << "static void " << p << "_softmax(const float *z, float *p, int n)\n{\n    int i;\n    float m = z[0], sum = 0.0f;\n"
          << "    for (i = 1; i < n; ++i)\n        if (z[i] > m) m = z[i];\n"
          << "    for (i = 0; i < n; ++i) {\n        p[i] = " << p << "_exp(z[i] - m);\n        sum += p[i];\n    }\n"
          << "    for (i = 0; i < n; ++i)\n        p[i] /= sum;\n}\n\n"
          << "int " << p << "_predict(const float input[" << inputs << "], float scores[" << outputs << "])\n{\n"
          << "    int i, best = 0;\n";
        std::string x = "input";
        for (std::size_t l = 0; l < layers; ++l) {
            const LayerSpec &layer = spec.layers[l];
            if (layer.kind == LayerKind::Flatten || layer.kind == LayerKind::Dropout) {
                c << "    /* Layer " << l + 1 << ", " << toString(layer.kind) << ": nothing to compute. */\n";
                continue;
            }
            const std::string y = at(arena.out[l]);
            const std::string L = std::to_string(l);
            switch (layer.kind) {
            case LayerKind::Dense:
                c << "    " << p << "_dense(" << p << "_w" << L << ", " << p << "_b" << L << ", " << x << ", " << y << ", "
                  << spec.layerInputSize(l) << ", " << layer.units << ");\n";
                break;
            case LayerKind::Conv2D:
                c << "    " << p << "_conv(" << p << "_w" << L << ", " << p << "_b" << L << ", " << x << ", " << y << ", &" << p << "_g" << L << ");\n";
                break;
            case LayerKind::DepthwiseConv2D:
                c << "    " << p << "_depthwise(" << p << "_w" << L << ", " << p << "_b" << L << ", " << x << ", " << y << ", &" << p << "_g" << L << ");\n";
                break;
            case LayerKind::MaxPooling2D:
                c << "    " << p << "_maxpool(" << x << ", " << y << ", &" << p << "_g" << L << ");\n";
                break;
            case LayerKind::AveragePooling2D:
                c << "    " << p << "_avgpool(" << x << ", " << y << ", &" << p << "_g" << L << ");\n";
                break;
            default:
                break;
            }
            if (l + 1 == layers)
                c << "    " << p << "_softmax(" << y << ", scores, " << outputs << ");\n";
            else if (activationKind(layer.activation) != 0)
                c << "    " << p << "_activate(" << activationKind(layer.activation) << ", " << y << ", " << spec.outputShape(l).size() << ");\n";
            x = y;
        }
        c << "    for (i = 1; i < " << outputs << "; ++i)\n        if (scores[i] > scores[best]) best = i;\n"
          << "    return best;\n}\n\n";
        c << "int " << p << "_self_test(void)\n{\n    float s[" << outputs << "];\n"
          << "    int v, i, failures = 0;\n    size_t j;\n    for (v = 0; v < " << P << "_TEST_VECTORS; ++v) {\n"
          << "        int ok;\n        /* The input at the start of the arena, where the first layer expects it. */\n"
          << "        for (j = 0; j < " << inputs << "; ++j)\n            " << p << "_arena[j] = (float)" << rdU8(p + "_test_images[v][j]") << " / 255.0f;\n"
          << "        ok = " << p << "_predict(" << p << "_arena, s) == " << rdU8(p + "_test_expected_class[v]") << ";\n"
          << "        for (i = 0; i < " << outputs << "; ++i) {\n            float d = s[i] - " 
          << rdF(p + "_test_expected_scores[v * " + std::to_string(outputs) + " + i]")
          << ";\n            if (d > 1e-4f || d < -1e-4f) ok = 0;\n        }\n"
          << "        failures += !ok;\n    }\n    return failures;\n}\n";
    } else {
        const QuantizedModel &q = *g.quantized;
        c << "\n/* TFLite's fixed-point arithmetic (gemmlowp): round(x * m * 2^shift / 2^31). */\n"
              << "static int32_t " << p << "_srdhm(int32_t a, int32_t b)\n{\n"
              << "    int64_t ab;\n    if (a == b && a == (-2147483647 - 1)) return 2147483647;\n"
              << "    ab = (int64_t)a * (int64_t)b;\n"
              << "    return (int32_t)((ab + (ab >= 0 ? ((int64_t)1 << 30) : (1 - ((int64_t)1 << 30)))) / ((int64_t)1 << 31));\n}\n\n"
              << "static int32_t " << p << "_rdbpot(int32_t x, int e)\n{\n"
              << "    const int32_t mask = (int32_t)(((int64_t)1 << e) - 1);\n    const int32_t rem = x & mask;\n"
              << "    const int32_t thr = (mask >> 1) + (x < 0 ? 1 : 0);\n    return (x >> e) + (rem > thr ? 1 : 0);\n}\n\n"
              << "static int32_t " << p << "_mbqm(int32_t x, int32_t m, int s)\n{\n"
              << "    const int left = s > 0 ? s : 0;\n    const int right = s > 0 ? 0 : -s;\n"
              << "    return " << p << "_rdbpot(" << p << "_srdhm((int32_t)((uint32_t)x << left), m), right);\n}\n\n"
              << softmaxC(p, q.softmax)
              << "/* Quantization of one layer with weights: zero points, the fused activation's clamp, the\n"
              << "   multiplier and shift per channel (per_channel 1) or one for all (0), and the table of\n"
              << "   sigmoid, tanh or leaky ReLU (or none). */\n"
              << "typedef struct {\n    int32_t in_offset, out_zp, act_min, act_max;\n    const int32_t *m;\n"
              << "    const int8_t *s;\n    size_t per_channel;\n    const int8_t *lut;\n} " << p << "_quant;\n\n"
              << "static int8_t " << p << "_requantize(int32_t acc, size_t c, const " << p << "_quant *q)\n{\n"
              << "    int32_t v = " << p << "_mbqm(acc, " << rdI32("q->m[c * q->per_channel]") << ", "
              << rdI8("q->s[c * q->per_channel]") << ") + q->out_zp;\n"
              << "    if (v < q->act_min) v = q->act_min;\n    if (v > q->act_max) v = q->act_max;\n"
              << "    if (q->lut) v = " << rdI8("q->lut[v + 128]") << ";\n"
              << "    return (int8_t)v;\n}\n\n";
        if (has(LayerKind::Dense))
            c << "/* TFLM's fully-connected int8 kernel: acc = sum W[c][i] (x[i] - zp_in) + b[c]. */\n"
              << "static void " << p << "_dense(const int8_t *w, const int32_t *b, const " << p << "_quant *q,\n"
              << "    const int8_t *x, int8_t *y, size_t in, size_t out)\n{\n"
              << "    size_t c, i;\n    for (c = 0; c < out; ++c) {\n        const int8_t *row = w + c * in;\n"
              << "        int32_t acc = 0;\n        for (i = 0; i < in; ++i)\n            acc += (int32_t)" << rdI8("row[i]") << " * ((int32_t)x[i] + q->in_offset);\n"
              << "        y[c] = " << p << "_requantize(acc + " << rdI32("b[c]") << ", c, q);\n    }\n}\n\n";
        if (has(LayerKind::Conv2D))
            c << "/* TFLM's per-channel int8 convolution: acc = b[c] + sum over the window inside the input\n"
              << "   of w[c][ky][kx][ci] (x[iy][ix][ci] - zp_in); outside positions count as zp_in. */\n"
              << "static void " << p << "_conv(const int8_t *w, const int32_t *b, const " << p << "_quant *q,\n"
              << "    const int8_t *x, int8_t *y, const " << p << "_geometry *g)\n{\n"
              << windowLoops
              << "            for (c = 0; c < g->out_c; ++c) {\n"
              << "                int32_t acc = 0, iy, ix, ci;\n"
              << "                for (iy = y_begin; iy < y_end; ++iy)\n"
              << "                    for (ix = x_begin; ix < x_end; ++ix) {\n"
              << "                        const int8_t *px = " << pixel << ";\n"
              << "                        const int8_t *pw = " << weightConv << ";\n"
              << "                        for (ci = 0; ci < g->in_c; ++ci)\n"
              << "                            acc += (int32_t)" << rdI8("pw[ci]") << " * ((int32_t)px[ci] + q->in_offset);\n                    }\n"
              << "                out[c] = " << p << "_requantize(acc + " << rdI32("b[c]") << ", (size_t)c, q);\n            }\n        }\n    }\n}\n\n";
        if (has(LayerKind::DepthwiseConv2D))
            c << "/* TFLM's per-channel int8 depthwise convolution (multiplier 1). */\n"
              << "static void " << p << "_depthwise(const int8_t *w, const int32_t *b, const " << p << "_quant *q,\n"
              << "    const int8_t *x, int8_t *y, const " << p << "_geometry *g)\n{\n"
              << windowLoops
              << "            for (c = 0; c < g->out_c; ++c) {\n"
              << "                int32_t acc = 0, iy, ix;\n"
              << "                for (iy = y_begin; iy < y_end; ++iy)\n"
              << "                    for (ix = x_begin; ix < x_end; ++ix)\n"
              << "                        acc += (int32_t)" << rdI8(weightDepthwise) << " * ((int32_t)(" << pixel << ")[c] + q->in_offset);\n"
              << "                out[c] = " << p << "_requantize(acc + " << rdI32("b[c]") << ", (size_t)c, q);\n            }\n        }\n    }\n}\n\n";
        if (has(LayerKind::MaxPooling2D))
            c << "/* TFLM's int8 max pooling: the largest value inside the input (same scale and zero point). */\n"
              << "static void " << p << "_maxpool(const int8_t *x, int8_t *y, const " << p << "_geometry *g)\n{\n"
              << windowLoops
              << "            for (c = 0; c < g->out_c; ++c) {\n"
              << "                int8_t best = -128;\n                int32_t iy, ix;\n"
              << "                for (iy = y_begin; iy < y_end; ++iy)\n"
              << "                    for (ix = x_begin; ix < x_end; ++ix) {\n"
              << "                        const int8_t v = (" << pixel << ")[c];\n"
              << "                        if (v > best) best = v;\n                    }\n"
              << "                out[c] = best;\n            }\n        }\n    }\n}\n\n";
        if (has(LayerKind::AveragePooling2D))
            c << "/* TFLM's int8 average pooling: the int32 sum divided by the count of positions inside the\n"
              << "   input, rounded half away from zero. */\n"
              << "static void " << p << "_avgpool(const int8_t *x, int8_t *y, const " << p << "_geometry *g)\n{\n"
              << windowLoops
              << "            const int32_t n = (y_end - y_begin) * (x_end - x_begin);\n"
              << "            for (c = 0; c < g->out_c; ++c) {\n"
              << "                int32_t acc = 0, iy, ix;\n"
              << "                for (iy = y_begin; iy < y_end; ++iy)\n"
              << "                    for (ix = x_begin; ix < x_end; ++ix)\n"
              << "                        acc += (" << pixel << ")[c];\n"
              << "                acc = acc > 0 ? (acc + n / 2) / n : (acc - n / 2) / n;\n"
              << "                out[c] = (int8_t)(acc < -128 ? -128 : (acc > 127 ? 127 : acc));\n            }\n        }\n    }\n}\n\n";
        // The quantization of each layer with weights.
        for (std::size_t l = 0; l < layers; ++l) {
            const QuantizedLayer &ql = q.layers[l];
            if (!ql.hasWeights())
                continue;
            const std::string L = std::to_string(l);
            c << "static const " << p << "_quant " << p << "_q" << L << " = {" << -ql.input.zeroPoint << ", "
              << ql.output.zeroPoint << ", " << ql.actMin << ", " << ql.actMax << ", " << p << "_m" << L << ", " << p
              << "_s" << L << ", " << (ql.perChannel ? 1 : 0) << ", " << (ql.lut.empty() ? std::string("0") : p + "_lut" + L)
              << "};\n";
            b.constants += 28;
        }
        c << "\nint " << p << "_predict_int8(const int8_t input[" << inputs << "], int8_t scores[" << outputs << "])\n{\n"
          << "    const int8_t *logits;\n    int i, best = 0;\n";
        std::string x = "input";
        for (std::size_t l = 0; l < layers; ++l) {
            const QuantizedLayer &ql = q.layers[l];
            if (ql.isIdentity()) {
                c << "    /* Layer " << l + 1 << ", " << toString(ql.kind) << ": nothing to compute. */\n";
                continue;
            }
            const std::string y = at(arena.out[l]);
            const std::string L = std::to_string(l);
            switch (ql.kind) {
            case LayerKind::Dense:
                c << "    " << p << "_dense(" << p << "_w" << L << ", " << p << "_b" << L << ", &" << p << "_q" << L << ", " << x
                  << ", " << y << ", " << ql.inputs << ", " << ql.outputs << ");\n";
                break;
            case LayerKind::Conv2D:
                c << "    " << p << "_conv(" << p << "_w" << L << ", " << p << "_b" << L << ", &" << p << "_q" << L << ", " << x
                  << ", " << y << ", &" << p << "_g" << L << ");\n";
                break;
            case LayerKind::DepthwiseConv2D:
                c << "    " << p << "_depthwise(" << p << "_w" << L << ", " << p << "_b" << L << ", &" << p << "_q" << L << ", " << x
                  << ", " << y << ", &" << p << "_g" << L << ");\n";
                break;
            case LayerKind::MaxPooling2D:
                c << "    " << p << "_maxpool(" << x << ", " << y << ", &" << p << "_g" << L << ");\n";
                break;
            case LayerKind::AveragePooling2D:
                c << "    " << p << "_avgpool(" << x << ", " << y << ", &" << p << "_g" << L << ");\n";
                break;
            default:
                break;
            }
            x = y;
        }
        c << "    logits = " << x << ";\n"
          << "    " << p << "_softmax(logits, scores, " << outputs << ");\n"
          << "    for (i = 1; i < " << outputs << "; ++i)\n        if (logits[i] > logits[best]) best = i;\n"
          << "    return best;\n}\n\n"
          << "int " << p << "_predict(const float input[" << inputs << "], float scores[" << outputs << "])\n{\n"
          << "    int8_t q[" << outputs << "];\n    int i, best;\n    size_t j;\n"
          << "    /* The quantized input at the start of the arena, where the first layer expects it. */\n"
          << "    for (j = 0; j < " << inputs << "; ++j) {\n"
          << "        const float v = input[j] * " << floatLiteral(float(1.0 / double(q.input.scale))) << "; /* 1 / " << P << "_INPUT_SCALE */\n"
          << "        long r = (long)(v < 0.0f ? v - 0.5f : v + 0.5f) + " << P << "_INPUT_ZERO_POINT;\n"
          << "        " << p << "_arena[j] = (int8_t)(r < -128 ? -128 : (r > 127 ? 127 : r));\n    }\n"
          << "    best = " << p << "_predict_int8(" << p << "_arena, q);\n"
          << "    for (i = 0; i < " << outputs << "; ++i)\n        scores[i] = (float)(q[i] + 128) / 256.0f;\n"
          << "    return best;\n}\n\n"
          << "int " << p << "_self_test(void)\n{\n    int8_t s[" << outputs << "];\n"
          << "    int v, i, failures = 0;\n    size_t j;\n    for (v = 0; v < " << P << "_TEST_VECTORS; ++v) {\n        int ok;\n"
          << "        for (j = 0; j < " << inputs << "; ++j)\n            " << p << "_arena[j] = (int8_t)((int)" << rdU8(p + "_test_images[v][j]") << " - 128);\n"
          << "        ok = " << p << "_predict_int8(" << p << "_arena, s) == " << rdU8(p + "_test_expected_class[v]") << ";\n"
          << "        for (i = 0; i < " << outputs << "; ++i)\n            if (s[i] != "
          << rdI8(p + "_test_expected_scores[v * " + std::to_string(outputs) + " + i]") << ") ok = 0;\n        failures += !ok;\n    }\n    return failures;\n}\n";
    }
    g.source = c.str();

    // ---- Arduino sketch ----
    // An int8 sketch holds its input as int8 (a quarter of the RAM of floats) and calls the int8
    // function directly; docs/facts.md §9 counts this buffer in the RAM budget.
    const std::string value = int8 ? "int8_t" : "float";
    const std::string predictFn = p + (int8 ? "_predict_int8" : "_predict");
    auto fromPixel = [int8](const std::string &pixel) {
        return int8 ? "(int8_t)(" + pixel + " - 128)" : pixel + " / 255.0f";
    };
    const std::string percent = int8 ? "(scores[digit] + 128) / 2.56f" : "scores[digit] * 100.0f";
    std::ostringstream s;
    s << "/*\n * " << g.sketchName << ": runs the " << (int8 ? "int8" : "float32") << " model of " << g.headerName
      << " on an Arduino.\n * Generated by TinyML Studio. SPDX-License-Identifier: GPL-3.0-or-later\n *\n"
      << " * At start it checks itself on the embedded test digits and prints each prediction with\n"
      << " * the time it took. Then send " << inputs << " bytes (pixels 0..255, row by row, 0 = background)\n"
      << " * over the serial port at 115200 baud to classify your own digit.\n */\n"
      << "#include <Arduino.h>\n\n#include \"" << g.headerName << "\"\n\n"
      << "static " << value << " image[" << P << "_INPUT_SIZE];\nstatic " << value << " scores[" << P << "_OUTPUT_SIZE];\nstatic int received = 0;\n\n"
      << "static void classify(const char *what, int label)\n{\n"
      << "    const unsigned long start = micros();\n"
      << "    const int digit = " << predictFn << "(image, scores);\n"
      << "    const unsigned long took = micros() - start;\n"
      << "    Serial.print(what);\n    Serial.print(\": predicted \");\n    Serial.print(digit);\n"
      << "    Serial.print(\" (\");\n    Serial.print(" << percent << ", 1);\n    Serial.print(\" %)\");\n"
      << "    if (label >= 0) {\n        Serial.print(\", label \");\n        Serial.print(label);\n    }\n"
      << "    Serial.print(\", \");\n    Serial.print(took);\n    Serial.println(\" us\");\n}\n\n"
      << "void setup()\n{\n    Serial.begin(115200);\n    while (!Serial) {\n        delay(10);\n    }\n"
      << "    Serial.print(\"Self-test: \");\n"
      << "    Serial.println(" << p << "_self_test() == 0 ? \"passed\" : \"FAILED\");\n"
      << "    for (int v = 0; v < " << P << "_TEST_VECTORS; ++v) {\n"
      << "        for (int i = 0; i < " << P << "_INPUT_SIZE; ++i)\n            image[i] = " << fromPixel(rdU8(p + "_test_images[v][i]")) << ";\n"
      << "        classify(\"test digit\", " << rdU8(p + "_test_labels[v]") << ");\n    }\n"
      << "    Serial.println(\"Send " << inputs << " bytes to classify a digit.\");\n}\n\n"
      << "void loop()\n{\n    while (Serial.available() > 0 && received < " << P << "_INPUT_SIZE)\n"
      << "        image[received++] = " << fromPixel("Serial.read()") << ";\n"
      << "    if (received == " << P << "_INPUT_SIZE) {\n        classify(\"your digit\", -1);\n        received = 0;\n    }\n}\n";
    g.sketch = s.str();

    // What a complete program holds besides the code: for boardVerdict (docs/facts.md §9).
    CodeFigures &f = g.figures;
    const std::int64_t valueBytes = int8 ? 1 : 4;
    std::int64_t geometries = 0, quants = 0;
    f.largestArray = std::int64_t(std::max(1, vectors)) * inputs;
    for (std::size_t l = 0; l < layers; ++l) {
        geometries += spec.layers[l].isSpatial() ? 1 : 0;
        if (!spec.layers[l].hasParameters())
            continue;
        quants += int8 ? 1 : 0;
        f.largestArray = std::max<std::int64_t>(
            f.largestArray, int8 ? std::int64_t(g.quantized->layers[l].weights.size()) : 4 * std::int64_t(net.weights(l).size()));
    }
    // b.constants counts 40 bytes per geometry and 28 per quantization struct.
    f.constBytes = b.weights + b.biases + b.constants - 40 * geometries - 28 * quants;
    f.structBytes32 = 40 * geometries + 32 * quants; // ten int32; four int32 and four pointers
    f.structBytesAvr = 40 * geometries + 24 * quants; // AVR: 16-bit pointers and size_t
    f.arenaBytes = b.ram;
    f.inputBytes = inputs * valueBytes;
    f.outputBytes = outputs * valueBytes;
    f.codeM4 = b.code;
    f.int8 = int8;
    for (LayerKind k : {LayerKind::Dense, LayerKind::Conv2D, LayerKind::DepthwiseConv2D, LayerKind::MaxPooling2D,
                        LayerKind::AveragePooling2D})
        f.kernels += has(k) ? 1 : 0;
    return g;
}

void saveGeneratedCode(const GeneratedCode &code,
                       const std::filesystem::path &folder,
                       bool withSketch)
{
    namespace fs = std::filesystem;
    // The folders this call creates, innermost first: removed again (when still empty) if the
    // save fails. A folder whose existence cannot be checked counts as existing.
    std::vector<fs::path> created;
    std::error_code ec;
    for (fs::path p = folder; !p.empty(); p = p.parent_path()) {
        if (fs::exists(p, ec) || ec)
            break;
        created.push_back(p);
        if (p == p.parent_path())
            break;
    }
    fs::create_directories(folder, ec);
    if (ec)
        throw Error(ErrorCode::FolderCreate,
                    {.folder = folder.string(), .detail = ec.message(), .systemError = ec.value()});
    auto bytesOf = [](const std::string &text) {
        return std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t *>(text.data()),
                                             text.size());
    };
    std::vector<NamedBytes> files
        = {{code.headerName, bytesOf(code.header)}, {code.sourceName, bytesOf(code.source)}};
    if (withSketch)
        files.push_back({code.sketchName, bytesOf(code.sketch)});
    try {
        writeFilesTogether(folder, files);
    } catch (const Error &) {
        for (const fs::path &p : created)
            fs::remove(p, ec); // only an empty folder goes
        throw;
    }
}

} // namespace tinyml::core
