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

const std::vector<Board> &boards()
{
    static const std::vector<Board> list = {
        {"Arduino Nano 33 BLE Sense", "nRF52840, Cortex-M4F", 64, 1 << 20, 256 << 10, true, 8, 9},
        {"Raspberry Pi Pico", "RP2040, Cortex-M0+", 133, 2 << 20, 264 << 10, false, 11, 60},
        {"ESP32-WROOM", "2x Xtensa LX6", 240, 4 << 20, 520 << 10, true, 8, 9},
        {"NUCLEO-F446RE", "STM32F446, Cortex-M4F", 180, 512 << 10, 128 << 10, true, 8, 9},
        {"STM32L476RG", "Cortex-M4F", 80, 1 << 20, 128 << 10, true, 8, 9},
        {"Arduino Uno", "ATmega328P, 8-bit AVR", 16, 32 << 10, 2 << 10, false, 50, 150},
    };
    return list;
}

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

std::string activationComment(Activation a)
{
    return std::string(toString(a));
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

GeneratedCode generateCode(const Network &net, const ExportOptions &options, const Dataset &testData,
                           const Dataset &calibration, const Progress &progress)
{
    const ModelSpec &spec = net.spec();
    requireDenseForExport(spec);
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
    if (int8)
        g.quantized = quantize(net, calibration, options.calibrationImages, progress);
    const int inputs = spec.inputSize;
    const int outputs = spec.outputSize();
    // Hidden activations live in one buffer, or two used in turn from two hidden layers on.
    int widest = 1;
    for (std::size_t l = 0; l + 1 < spec.layers.size(); ++l)
        widest = std::max(widest, spec.layers[l].units);
    const int buffers = std::min<int>(2, int(spec.layers.size()) - 1);
    const int vectors = int(std::min<std::size_t>(std::size_t(std::max(0, options.testVectors)), testData.size()));

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
    std::ostringstream shape;
    shape << inputs;
    for (const auto &l : spec.layers)
        shape << " -> " << l.units << " " << activationComment(l.activation);
    const std::string banner =
        "/*\n"
        " * " + g.headerName.substr(0, g.headerName.size() - 2) + ": a neural network for a microcontroller, generated by TinyML Studio.\n"
        " * SPDX-License-Identifier: GPL-3.0-or-later\n"
        " *\n"
        " * Architecture: " + shape.str() + " (dense layers)\n"
        " * Parameters:   " + std::to_string(spec.parameterCount()) + ", multiply-adds per image: " + std::to_string(spec.macCount()) + "\n"
        " * Precision:    " + (int8 ? "int8 post-training quantization as TensorFlow Lite Micro does it (per-row weight\n"
                                     " *               scales, int32 biases, fixed-point requantization), calibrated on " +
                                         std::to_string(g.quantized->calibrationImages) + " training images"
                                   : std::string("float32")) + "\n"
        + (options.description.empty() ? "" : " * Accuracy:     " + options.description + "\n") +
        " * Input:        " + std::to_string(inputs) + " pixels, row by row, 0 = background; floats scaled to 0..1\n"
        " * Output:       " + std::to_string(outputs) + " scores (probabilities); the functions return the predicted class\n"
        " *\n"
        " * Plain C99: no dynamic memory, only <stdint.h> and <stddef.h>; the weights are const, so\n"
        " * they stay in Flash, laid out [out][in].\n"
        " */\n";
    h << banner << "#ifndef " << P << "_MODEL_H\n#define " << P << "_MODEL_H\n\n"
      << "#include <stddef.h>\n#include <stdint.h>\n\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
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
          << "#define " << P << "_INPUT_SCALE " << doubleLiteral(g.quantized->input.scale) << "\n"
          << "#define " << P << "_INPUT_ZERO_POINT (" << g.quantized->input.zeroPoint << ")\n"
          << "int " << p << "_predict_int8(const int8_t input[" << inputs << "], int8_t scores[" << outputs << "]);\n\n";
    }
    h << "/* Embedded test digits (bytes 0..255) with their labels, and a self-test that checks the\n"
      << "   code on the device against the outputs TinyML Studio computed. Returns the number of\n"
      << "   failing test vectors: 0 means the code gives the studio's answers. */\n"
      << "extern const uint8_t " << p << "_test_images[" << std::max(1, vectors) << "][" << inputs << "];\n"
      << "extern const uint8_t " << p << "_test_labels[" << std::max(1, vectors) << "];\n"
      << "int " << p << "_self_test(void);\n\n"
      << "#ifdef __cplusplus\n}\n#endif\n\n#endif /* " << P << "_MODEL_H */\n";
    g.header = h.str();

    // ---- source ----
    std::ostringstream c;
    CodeBudget &b = g.budget;
    c << banner << "#include \"" << g.headerName << "\"\n\n";
    for (std::size_t l = 0; l < spec.layers.size(); ++l) {
        const int in = spec.layerInputSize(l), out = spec.layers[l].units;
        c << "/* Layer " << l + 1 << ": " << in << " -> " << out << ", " << activationComment(spec.layers[l].activation) << " */\n";
        if (!int8) {
            std::vector<float> w(std::size_t(in) * std::size_t(out));
            const auto W = net.weights(l);
            for (int r = 0; r < out; ++r)
                for (int i = 0; i < in; ++i)
                    w[std::size_t(r) * std::size_t(in) + std::size_t(i)] = W(r, i); // [out][in]
            array(c, "static const float " + p + "_w" + std::to_string(l) + "[" + std::to_string(w.size()) + "]", w, floatLiteral, 8);
            std::vector<float> bias(net.bias(l).data(), net.bias(l).data() + out);
            array(c, "static const float " + p + "_b" + std::to_string(l) + "[" + std::to_string(out) + "]", bias, floatLiteral, 8);
            b.weights += std::int64_t(w.size()) * 4;
            b.biases += std::int64_t(out) * 4;
        } else {
            const QuantizedLayer &ql = g.quantized->layers[l];
            auto i8 = [](std::int8_t v) { return std::to_string(int(v)); };
            auto i32 = [](std::int32_t v) {
                return v == std::int32_t(-2147483647 - 1) ? std::string("(-2147483647 - 1)") : std::to_string(v);
            };
            array(c, "static const int8_t " + p + "_w" + std::to_string(l) + "[" + std::to_string(ql.weights.size()) + "]", ql.weights, i8, 20);
            array(c, "static const int32_t " + p + "_b" + std::to_string(l) + "[" + std::to_string(out) + "]", ql.bias, i32, 10);
            array(c, "static const int32_t " + p + "_m" + std::to_string(l) + "[" + std::to_string(out) + "]", ql.multiplier, i32, 8);
            std::vector<std::int8_t> shifts(ql.shift.begin(), ql.shift.end());
            array(c, "static const int8_t " + p + "_s" + std::to_string(l) + "[" + std::to_string(out) + "]", shifts, i8, 20);
            b.weights += std::int64_t(ql.weights.size());
            b.biases += std::int64_t(out) * 4;
            b.constants += std::int64_t(out) * 5;
            if (!ql.lut.empty()) {
                array(c, "static const int8_t " + p + "_lut" + std::to_string(l) + "[256]", ql.lut, i8, 20);
                b.constants += 256;
            }
        }
        c << "\n";
    }
    // Test vectors.
    {
        c << "const uint8_t " << p << "_test_images[" << std::max(1, vectors) << "][" << inputs << "] = {\n";
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
        array(c, "const uint8_t " + p + "_test_labels[" + std::to_string(std::max(1, vectors)) + "]", labels,
              [](int v) { return std::to_string(v); }, 20);
        std::vector<int> classes = expectedClass;
        classes.resize(std::size_t(std::max(1, vectors)), 0);
        array(c, "static const uint8_t " + p + "_test_expected_class[" + std::to_string(std::max(1, vectors)) + "]", classes,
              [](int v) { return std::to_string(v); }, 20);
        b.constants += std::int64_t(std::max(1, vectors)) * (inputs + 2);
        if (int8) {
            std::vector<std::int8_t> all;
            for (const auto &e : expectedInt8)
                all.insert(all.end(), e.begin(), e.end());
            all.resize(std::size_t(std::max(1, vectors)) * std::size_t(outputs), 0);
            array(c, "static const int8_t " + p + "_test_expected_scores[" + std::to_string(all.size()) + "]", all,
                  [](std::int8_t v) { return std::to_string(int(v)); }, 20);
            b.constants += std::int64_t(all.size());
        } else {
            std::vector<float> all;
            for (const auto &e : expectedFloat)
                all.insert(all.end(), e.begin(), e.end());
            all.resize(std::size_t(std::max(1, vectors)) * std::size_t(outputs), 0.0f);
            array(c, "static const float " + p + "_test_expected_scores[" + std::to_string(all.size()) + "]", all, floatLiteral, 8);
            b.constants += std::int64_t(all.size()) * 4;
        }
        c << "\n";
    }

    const std::string W = std::to_string(widest);
    if (!int8) {
        c << "/* Hidden activations. */\n";
        for (int k = 0; k < buffers; ++k)
            c << "static float " << p << (k == 0 ? "_buf_a[" : "_buf_b[") << W << "];\n";
        c << "\n/* e^x without libm: x = k ln 2 + r, |r| <= ln2/2, e^r by its Taylor series to r^7\n"
          << "   (relative error below 1e-8), 2^k through the float's exponent bits. */\n"
          << "static float " << p << "_exp(float x)\n{\n"
          << "    union { float f; uint32_t u; } scale;\n"
          << "    float r, e;\n    int k;\n"
          << "    if (x < -87.0f) return 0.0f;\n    if (x > 88.0f) x = 88.0f;\n"
          << "    k = (int)(x * 1.44269504f + (x >= 0.0f ? 0.5f : -0.5f));\n"
          << "    r = (x - (float)k * 0.693145752f) - (float)k * 1.42860677e-06f;\n"
          << "    e = 1.0f + r * (1.0f + r * (0.5f + r * (0.166666667f + r * (0.0416666667f\n"
          << "        + r * (0.00833333333f + r * (0.00138888889f + r * 0.000198412698f))))));\n"
          << "    scale.u = (uint32_t)(k + 127) << 23;\n    return e * scale.f;\n}\n\n"
          << "/* y = W x + b, W laid out [out][in]. */\n"
          << "static void " << p << "_dense(const float *w, const float *b, const float *x, float *y, int in, int out)\n{\n"
          << "    int c, i;\n    for (c = 0; c < out; ++c) {\n        const float *row = w + (size_t)c * (size_t)in;\n"
          << "        float acc = 0.0f;\n        for (i = 0; i < in; ++i)\n            acc += row[i] * x[i];\n"
          << "        y[c] = acc + b[c];\n    }\n}\n\n";
        // Only when a hidden layer needs it: an unused static function is a warning in C.
        const bool anyActivation = std::any_of(spec.layers.begin(), spec.layers.end() - 1, [](const LayerSpec &l) {
            return l.activation != Activation::Linear;
        });
        if (anyActivation)
            c << "static void " << p << "_activate(int kind, float *v, int n)\n{\n    int i;\n"
          << "    for (i = 0; i < n; ++i) {\n        const float z = v[i];\n"
          << "        switch (kind) {\n"
          << "        case 1: v[i] = 1.0f / (1.0f + " << p << "_exp(-z)); break;          /* sigmoid */\n"
          << "        case 2: v[i] = 1.0f - 2.0f / (" << p << "_exp(2.0f * z) + 1.0f); break; /* tanh */\n"
          << "        case 3: v[i] = z > 0.0f ? z : 0.0f; break;                       /* ReLU */\n"
          << "        case 4: v[i] = z > 0.0f ? z : " << floatLiteral(kLeakyReluSlope) << " * z; break;  /* leaky ReLU */\n"
          << "        default: break;                                                  /* linear */\n"
          << "        }\n    }\n}\n\n";
        c << "static void " << p << "_softmax(float *v, int n)\n{\n    int i;\n    float m = v[0], sum = 0.0f;\n"
          << "    for (i = 1; i < n; ++i)\n        if (v[i] > m) m = v[i];\n"
          << "    for (i = 0; i < n; ++i) {\n        v[i] = " << p << "_exp(v[i] - m);\n        sum += v[i];\n    }\n"
          << "    for (i = 0; i < n; ++i)\n        v[i] /= sum;\n}\n\n"
          << "int " << p << "_predict(const float input[" << inputs << "], float scores[" << outputs << "])\n{\n"
          << "    int i, best = 0;\n";
        std::string x = "input";
        for (std::size_t l = 0; l < spec.layers.size(); ++l) {
            const bool last = l + 1 == spec.layers.size();
            const std::string y = last ? "scores" : (l % 2 == 0 ? p + "_buf_a" : p + "_buf_b");
            const int kind = spec.layers[l].activation == Activation::Sigmoid ? 1
                             : spec.layers[l].activation == Activation::Tanh  ? 2
                             : spec.layers[l].activation == Activation::Relu  ? 3
                             : spec.layers[l].activation == Activation::LeakyRelu ? 4 : 0;
            c << "    " << p << "_dense(" << p << "_w" << l << ", " << p << "_b" << l << ", " << x << ", " << y << ", "
              << spec.layerInputSize(l) << ", " << spec.layers[l].units << ");\n";
            if (last)
                c << "    " << p << "_softmax(scores, " << outputs << ");\n";
            else if (kind != 0)
                c << "    " << p << "_activate(" << kind << ", " << y << ", " << spec.layers[l].units << ");\n";
            x = y;
        }
        c << "    for (i = 1; i < " << outputs << "; ++i)\n        if (scores[i] > scores[best]) best = i;\n"
          << "    return best;\n}\n\n";
        c << "int " << p << "_self_test(void)\n{\n    static float x[" << inputs << "];\n    float s[" << outputs << "];\n"
          << "    int v, i, failures = 0;\n    for (v = 0; v < " << P << "_TEST_VECTORS; ++v) {\n"
          << "        int ok;\n        for (i = 0; i < " << inputs << "; ++i)\n            x[i] = (float)" << p
          << "_test_images[v][i] / 255.0f;\n"
          << "        ok = " << p << "_predict(x, s) == " << p << "_test_expected_class[v];\n"
          << "        for (i = 0; i < " << outputs << "; ++i) {\n            float d = s[i] - " << p
          << "_test_expected_scores[v * " << outputs << " + i];\n            if (d > 1e-4f || d < -1e-4f) ok = 0;\n        }\n"
          << "        failures += !ok;\n    }\n    return failures;\n}\n";
        b.ram = std::int64_t(widest) * 4 * buffers + std::int64_t(inputs) * 4;
        b.code = kCodeFloat + kCodePerLayer * std::int64_t(spec.layers.size());
    } else {
        const QuantizedModel &q = *g.quantized;
        std::vector<std::uint32_t> table(q.softmaxTable.begin(), q.softmaxTable.end());
        array(c, "static const uint32_t " + p + "_softmax_table[256]", table,
              [](std::uint32_t v) { return std::to_string(v) + "u"; }, 10);
        b.constants += 256 * 4;
        c << "\n/* Hidden activations and the quantized input. */\n";
        for (int k = 0; k < buffers; ++k)
            c << "static int8_t " << p << (k == 0 ? "_buf_a[" : "_buf_b[") << W << "];\n";
        c << "static int8_t " << p << "_input_q[" << inputs << "];\n\n"
          << "/* TFLite's fixed-point arithmetic (gemmlowp): round(x * m * 2^shift / 2^31). */\n"
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
          << "/* TFLM's fully-connected int8 kernel: acc = sum W[c][i] (x[i] - zp_in) + b[c]. */\n"
          << "static void " << p << "_dense(const int8_t *w, const int32_t *b, const int32_t *m, const int8_t *s,\n"
          << "    const int8_t *x, int8_t *y, int in, int out, int32_t in_offset, int32_t out_zp,\n"
          << "    int32_t act_min, int32_t act_max, const int8_t *lut)\n{\n"
          << "    int c, i;\n    for (c = 0; c < out; ++c) {\n        const int8_t *row = w + (size_t)c * (size_t)in;\n"
          << "        int32_t acc = 0, v;\n        for (i = 0; i < in; ++i)\n            acc += (int32_t)row[i] * ((int32_t)x[i] + in_offset);\n"
          << "        acc += b[c];\n        v = " << p << "_mbqm(acc, m[c], s[c]) + out_zp;\n"
          << "        if (v < act_min) v = act_min;\n        if (v > act_max) v = act_max;\n"
          << "        if (lut) v = lut[v + 128];\n        y[c] = (int8_t)v;\n    }\n}\n\n"
          << "int " << p << "_predict_int8(const int8_t input[" << inputs << "], int8_t scores[" << outputs << "])\n{\n"
          << "    static int8_t logits[" << outputs << "];\n    uint32_t sum = 0;\n    int i, best = 0, top = -128;\n";
        std::string x = "input";
        for (std::size_t l = 0; l < q.layers.size(); ++l) {
            const QuantizedLayer &ql = q.layers[l];
            const bool last = l + 1 == q.layers.size();
            const std::string y = last ? "logits" : (l % 2 == 0 ? p + "_buf_a" : p + "_buf_b");
            c << "    " << p << "_dense(" << p << "_w" << l << ", " << p << "_b" << l << ", " << p << "_m" << l << ", " << p << "_s" << l
              << ", " << x << ", " << y << ", " << ql.inputs << ", " << ql.outputs << ", " << -ql.input.zeroPoint << ", "
              << ql.output.zeroPoint << ", " << ql.actMin << ", " << ql.actMax << ", "
              << (ql.lut.empty() ? std::string("0") : p + "_lut" + std::to_string(l)) << ");\n";
            x = y;
        }
        c << "    /* Integer softmax: probabilities with scale 1/256 and zero point -128. */\n"
          << "    for (i = 0; i < " << outputs << "; ++i)\n        if (logits[i] > top) top = logits[i];\n"
          << "    for (i = 0; i < " << outputs << "; ++i)\n        sum += " << p << "_softmax_table[top - logits[i]];\n"
          << "    for (i = 0; i < " << outputs << "; ++i) {\n"
          << "        int64_t v = (int64_t)(((uint64_t)" << p << "_softmax_table[top - logits[i]] * 256u + sum / 2u) / sum) - 128;\n"
          << "        scores[i] = (int8_t)(v > 127 ? 127 : (v < -128 ? -128 : v));\n    }\n"
          << "    for (i = 1; i < " << outputs << "; ++i)\n        if (logits[i] > logits[best]) best = i;\n"
          << "    return best;\n}\n\n"
          << "int " << p << "_predict(const float input[" << inputs << "], float scores[" << outputs << "])\n{\n"
          << "    int8_t q[" << outputs << "];\n    int i, best;\n"
          << "    for (i = 0; i < " << inputs << "; ++i) {\n"
          << "        const float v = input[i] * " << floatLiteral(float(1.0 / q.input.scale)) << "; /* 1 / " << P << "_INPUT_SCALE */\n"
          << "        long r = (long)(v < 0.0f ? v - 0.5f : v + 0.5f) + " << P << "_INPUT_ZERO_POINT;\n"
          << "        " << p << "_input_q[i] = (int8_t)(r < -128 ? -128 : (r > 127 ? 127 : r));\n    }\n"
          << "    best = " << p << "_predict_int8(" << p << "_input_q, q);\n"
          << "    for (i = 0; i < " << outputs << "; ++i)\n        scores[i] = (float)(q[i] + 128) / 256.0f;\n"
          << "    return best;\n}\n\n"
          << "int " << p << "_self_test(void)\n{\n    static int8_t x[" << inputs << "];\n    int8_t s[" << outputs << "];\n"
          << "    int v, i, failures = 0;\n    for (v = 0; v < " << P << "_TEST_VECTORS; ++v) {\n        int ok;\n"
          << "        for (i = 0; i < " << inputs << "; ++i)\n            x[i] = (int8_t)((int)" << p << "_test_images[v][i] - 128);\n"
          << "        ok = " << p << "_predict_int8(x, s) == " << p << "_test_expected_class[v];\n"
          << "        for (i = 0; i < " << outputs << "; ++i)\n            if (s[i] != " << p << "_test_expected_scores[v * " << outputs
          << " + i]) ok = 0;\n        failures += !ok;\n    }\n    return failures;\n}\n";
        b.ram = std::int64_t(widest) * buffers + std::int64_t(inputs) * 2 + outputs;
        b.code = kCodeInt8 + kCodePerLayer * std::int64_t(spec.layers.size());
    }
    g.source = c.str();

    // ---- Arduino sketch ----
    std::ostringstream s;
    s << "/*\n * " << g.sketchName << ": runs the " << (int8 ? "int8" : "float32") << " model of " << g.headerName
      << " on an Arduino.\n * Generated by TinyML Studio. SPDX-License-Identifier: GPL-3.0-or-later\n *\n"
      << " * At start it checks itself on the embedded test digits and prints each prediction with\n"
      << " * the time it took. Then send " << inputs << " bytes (pixels 0..255, row by row, 0 = background)\n"
      << " * over the serial port at 115200 baud to classify your own digit.\n */\n"
      << "#include <Arduino.h>\n\n#include \"" << g.headerName << "\"\n\n"
      << "static float image[" << P << "_INPUT_SIZE];\nstatic float scores[" << P << "_OUTPUT_SIZE];\nstatic int received = 0;\n\n"
      << "static void classify(const char *what, int label)\n{\n"
      << "    const unsigned long start = micros();\n"
      << "    const int digit = " << p << "_predict(image, scores);\n"
      << "    const unsigned long took = micros() - start;\n"
      << "    Serial.print(what);\n    Serial.print(\": predicted \");\n    Serial.print(digit);\n"
      << "    Serial.print(\" (\");\n    Serial.print(scores[digit] * 100.0f, 1);\n    Serial.print(\" %)\");\n"
      << "    if (label >= 0) {\n        Serial.print(\", label \");\n        Serial.print(label);\n    }\n"
      << "    Serial.print(\", \");\n    Serial.print(took);\n    Serial.println(\" us\");\n}\n\n"
      << "void setup()\n{\n    Serial.begin(115200);\n    while (!Serial) {\n        delay(10);\n    }\n"
      << "    Serial.print(\"Self-test: \");\n"
      << "    Serial.println(" << p << "_self_test() == 0 ? \"passed\" : \"FAILED\");\n"
      << "    for (int v = 0; v < " << P << "_TEST_VECTORS; ++v) {\n"
      << "        for (int i = 0; i < " << P << "_INPUT_SIZE; ++i)\n            image[i] = " << p << "_test_images[v][i] / 255.0f;\n"
      << "        classify(\"test digit\", " << p << "_test_labels[v]);\n    }\n"
      << "    Serial.println(\"Send " << inputs << " bytes to classify a digit.\");\n}\n\n"
      << "void loop()\n{\n    while (Serial.available() > 0 && received < " << P << "_INPUT_SIZE)\n"
      << "        image[received++] = Serial.read() / 255.0f;\n"
      << "    if (received == " << P << "_INPUT_SIZE) {\n        classify(\"your digit\", -1);\n        received = 0;\n    }\n}\n";
    g.sketch = s.str();
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
