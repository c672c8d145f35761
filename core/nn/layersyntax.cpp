// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/nn/layersyntax.h"

#include "core/base/error.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

namespace tinyml::core {

namespace {

enum class TokenKind { Name, Number, Text, Punct, End };

struct Token
{
    TokenKind kind = TokenKind::End;
    std::string text;       ///< as written (without quotes for strings)
    std::size_t column = 0; ///< from 1
};

class Lexer
{
public:
    explicit Lexer(std::string_view s) : m_s(s) { advance(); }

    const Token &peek() const { return m_token; }
    Token take()
    {
        Token t = m_token;
        advance();
        return t;
    }

    [[noreturn]] static void fail(const Token &t, const std::string &expected)
    {
        std::string shown = t.kind == TokenKind::Text ? "'" + t.text + "'" : t.text;
        if (shown.size() > 40)
            shown = shown.substr(0, 40) + "...";
        throw Error(ErrorCode::LayersSyntax,
                    {.name = shown, .offset = std::int64_t(t.column), .detail = expected});
    }

private:
    void advance()
    {
        while (m_pos < m_s.size() && std::isspace(static_cast<unsigned char>(m_s[m_pos])))
            ++m_pos;
        m_token = Token{TokenKind::End, {}, m_pos + 1};
        if (m_pos >= m_s.size())
            return;
        const char c = m_s[m_pos];
        const std::size_t start = m_pos;
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            while (m_pos < m_s.size()
                   && (std::isalnum(static_cast<unsigned char>(m_s[m_pos])) || m_s[m_pos] == '_'
                       || m_s[m_pos] == '.'))
                ++m_pos;
            m_token = {TokenKind::Name, std::string(m_s.substr(start, m_pos - start)), start + 1};
        } else if (std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-'
                   || c == '+') {
            ++m_pos;
            while (m_pos < m_s.size()
                   && (std::isalnum(static_cast<unsigned char>(m_s[m_pos])) || m_s[m_pos] == '.'
                       || ((m_s[m_pos] == '-' || m_s[m_pos] == '+')
                           && (m_s[m_pos - 1] == 'e' || m_s[m_pos - 1] == 'E'))))
                ++m_pos;
            m_token = {TokenKind::Number, std::string(m_s.substr(start, m_pos - start)), start + 1};
        } else if (c == '\'' || c == '"') {
            const std::size_t close = m_s.find(c, m_pos + 1);
            if (close == std::string_view::npos) {
                m_token = {TokenKind::Punct, std::string(1, c), start + 1};
                fail(m_token, "a closing quote");
            }
            m_token = {TokenKind::Text, std::string(m_s.substr(start + 1, close - start - 1)),
                       start + 1};
            m_pos = close + 1;
        } else {
            ++m_pos;
            m_token = {TokenKind::Punct, std::string(1, c), start + 1};
        }
    }

    std::string_view m_s;
    std::size_t m_pos = 0;
    Token m_token;
};

bool isPunct(const Token &t, char c)
{
    return t.kind == TokenKind::Punct && t.text.size() == 1 && t.text[0] == c;
}

void expect(Lexer &lex, char c, const std::string &what)
{
    if (!isPunct(lex.peek(), c))
        Lexer::fail(lex.peek(), what);
    lex.take();
}

/// A value: a number, a pair (a, b), a name or a quoted string.
struct Value
{
    Token first;
    std::optional<Token> second; ///< the second number of a pair
    bool pair = false;
};

Value parseValue(Lexer &lex)
{
    Value v;
    if (isPunct(lex.peek(), '(')) {
        lex.take();
        v.pair = true;
        v.first = lex.take();
        if (v.first.kind != TokenKind::Number)
            Lexer::fail(v.first, "a number");
        expect(lex, ',', "',' and a second number, as in (3, 3)");
        v.second = lex.take();
        if (v.second->kind != TokenKind::Number)
            Lexer::fail(*v.second, "a number");
        expect(lex, ')', "')' closing the pair");
        return v;
    }
    v.first = lex.take();
    if (v.first.kind == TokenKind::End || v.first.kind == TokenKind::Punct)
        Lexer::fail(v.first, "a value");
    return v;
}

int integer(const Token &t, int lo, int hi, const std::string &what)
{
    int v = 0;
    const char *begin = t.text.data();
    const char *end = begin + t.text.size();
    const auto [p, ec] = std::from_chars(begin, end, v);
    if (t.kind != TokenKind::Number || ec != std::errc() || p != end || v < lo || v > hi)
        Lexer::fail(t, what + " (a whole number from " + std::to_string(lo) + " to "
                           + std::to_string(hi) + ")");
    return v;
}

/// n or (n, n): square windows only.
int size(const Value &v, int hi, const std::string &what)
{
    const int a = integer(v.first, 1, hi, what);
    if (v.pair && integer(*v.second, 1, hi, what) != a)
        Lexer::fail(*v.second, "the same size as the first (only square " + what + "s)");
    return a;
}

Activation activation(const Value &v)
{
    if (v.pair || v.first.kind == TokenKind::Number)
        Lexer::fail(v.first, "an activation: relu, sigmoid, tanh, softmax, leaky_relu, linear");
    if (v.first.text == "None")
        return Activation::Linear;
    if (auto a = activationFromString(v.first.text))
        return *a;
    Lexer::fail(v.first, "an activation: relu, sigmoid, tanh, softmax, leaky_relu, linear");
}

Padding padding(const Value &v)
{
    if (!v.pair && v.first.kind != TokenKind::Number) {
        if (v.first.text == "valid")
            return Padding::Valid;
        if (v.first.text == "same")
            return Padding::Same;
    }
    Lexer::fail(v.first, "a padding: 'valid' or 'same'");
}

float rate(const Value &v)
{
    if (!v.pair && v.first.kind == TokenKind::Number) {
        char *end = nullptr;
        const double r = std::strtod(v.first.text.c_str(), &end);
        if (end && *end == '\0' && std::isfinite(r) && r >= 0.0 && r < 1.0)
            return float(r);
    }
    Lexer::fail(v.first, "a dropout rate of at least 0 and below 1");
}

constexpr int kMaxSize = 64;
constexpr int kMaxUnits = 1 << 16;

LayerSpec parseLayer(Lexer &lex)
{
    Token name = lex.take();
    // "layers.Conv2D" and "tf.keras.layers.Conv2D" as a course writes them.
    for (std::string_view prefix : {"tf.keras.layers.", "keras.layers.", "layers."})
        if (name.text.starts_with(prefix)) {
            name.text = name.text.substr(prefix.size());
            break;
        }
    const auto kind = name.kind == TokenKind::Name ? layerKindFromString(name.text) : std::nullopt;
    if (!kind)
        Lexer::fail(name, "a layer: Conv2D, DepthwiseConv2D, MaxPooling2D, AveragePooling2D, "
                          "Flatten, Dropout or Dense");
    expect(lex, '(', "'(' after " + name.text);
    // Keras's positional order of the arguments a learner writes.
    std::vector<std::string> positional;
    std::vector<std::string> keywords;
    switch (*kind) {
    case LayerKind::Dense:
        positional = {"units", "activation"};
        keywords = {"units", "activation"};
        break;
    case LayerKind::Conv2D:
        positional = {"filters", "kernel_size", "strides", "padding"};
        keywords = {"filters", "kernel_size", "strides", "padding", "activation"};
        break;
    case LayerKind::DepthwiseConv2D:
        positional = {"kernel_size", "strides", "padding", "depth_multiplier"};
        keywords = {"kernel_size", "strides", "padding", "depth_multiplier", "activation"};
        break;
    case LayerKind::MaxPooling2D:
    case LayerKind::AveragePooling2D:
        positional = {"pool_size", "strides", "padding"};
        keywords = positional;
        break;
    case LayerKind::Flatten:
        break;
    case LayerKind::Dropout:
        positional = {"rate"};
        keywords = positional;
        break;
    }
    LayerSpec layer;
    layer.kind = *kind;
    layer.activation = Activation::Linear; // Keras: activation=None
    layer.kernel = *kind == LayerKind::MaxPooling2D || *kind == LayerKind::AveragePooling2D ? 2 : 0;
    layer.stride = 0; // 0 until given: pooling then uses the pool size
    std::vector<std::string> given;
    std::size_t nextPositional = 0;
    bool sawKeyword = false;
    while (!isPunct(lex.peek(), ')')) {
        if (!given.empty() && !isPunct(lex.peek(), ','))
            Lexer::fail(lex.peek(), "',' or ')'");
        if (!given.empty()) {
            lex.take();
            if (isPunct(lex.peek(), ')'))
                break; // a trailing comma, as Python allows
        }
        const Token at = lex.peek();
        std::string key;
        Value value;
        if (at.kind == TokenKind::Name && !isPunct(at, '(')) {
            Lexer probe = lex;
            probe.take();
            if (isPunct(probe.peek(), '=')) {
                lex = probe;
                lex.take();
                key = at.text;
                bool known = false;
                for (const auto &k : keywords)
                    known = known || k == key;
                if (!known) {
                    std::string list;
                    for (const auto &k : keywords)
                        list += (list.empty() ? "" : ", ") + k;
                    Lexer::fail(at, keywords.empty()
                                        ? std::string("')': ") + name.text + " takes no arguments"
                                        : "an argument of " + name.text + ": " + list);
                }
                sawKeyword = true;
            }
        }
        if (key.empty()) {
            if (sawKeyword)
                Lexer::fail(at, "a keyword argument (name=value) after keyword arguments");
            if (nextPositional >= positional.size())
                Lexer::fail(at, positional.empty() ? "')': " + name.text + " takes no arguments"
                                                   : "')' or a keyword argument (name=value)");
            key = positional[nextPositional++];
        }
        for (const auto &g : given)
            if (g == key)
                Lexer::fail(at, "each argument once (" + key + " is given twice)");
        given.push_back(key);
        value = parseValue(lex);
        if (key == "units" || key == "filters")
            layer.units = integer(value.first, 1, kMaxUnits, "a number of " + key);
        else if (key == "kernel_size")
            layer.kernel = size(value, kMaxSize, "kernel");
        else if (key == "pool_size")
            layer.kernel = size(value, kMaxSize, "pool");
        else if (key == "strides")
            layer.stride
                = (!value.pair && value.first.kind == TokenKind::Name && value.first.text == "None")
                      ? 0 // Keras's strides=None: the pool size
                      : size(value, kMaxSize, "stride");
        else if (key == "padding")
            layer.padding = padding(value);
        else if (key == "activation")
            layer.activation = activation(value);
        else if (key == "rate")
            layer.rate = rate(value);
        else if (key == "depth_multiplier")
            integer(value.first, 1, 1, "a depth multiplier of 1 (the only one supported)");
    }
    const Token close = lex.take();
    auto need = [&](const char *key, const std::string &what) {
        for (const auto &g : given)
            if (g == key)
                return;
        Lexer::fail(close, what + " for " + name.text);
    };
    switch (*kind) {
    case LayerKind::Dense:
        need("units", "the number of units");
        break;
    case LayerKind::Conv2D:
        need("filters", "the number of filters and the kernel size");
        need("kernel_size", "the kernel size");
        break;
    case LayerKind::DepthwiseConv2D:
        need("kernel_size", "the kernel size");
        break;
    case LayerKind::Dropout:
        need("rate", "the dropout rate");
        break;
    default:
        break;
    }
    const bool pooling = *kind == LayerKind::MaxPooling2D || *kind == LayerKind::AveragePooling2D;
    if (layer.stride == 0)
        layer.stride = pooling ? layer.kernel : 1;
    return layer;
}

} // namespace

std::vector<LayerSpec> parseLayers(std::string_view text)
{
    Lexer lex(text);
    std::vector<LayerSpec> layers;
    if (lex.peek().kind == TokenKind::End)
        Lexer::fail(lex.peek(), "a layer such as Conv2D(8, 3, activation=relu)");
    while (true) {
        layers.push_back(parseLayer(lex));
        if (lex.peek().kind == TokenKind::End)
            break;
        expect(lex, ',', "',' between layers");
        if (lex.peek().kind == TokenKind::End)
            break; // a trailing comma
        if (layers.size() >= 64)
            Lexer::fail(lex.peek(), "the end: at most 64 layers");
    }
    return layers;
}

ModelSpec modelFromLayers(std::vector<LayerSpec> layers)
{
    const bool flat = !layers.empty() && layers.front().kind == LayerKind::Dense;
    return ModelSpec::withLayers(std::move(layers),
                                 flat ? Shape::flat(784) : Shape::hwc(28, 28, 1));
}

std::string toKeras(const LayerSpec &layer)
{
    const std::string kind(toString(layer.kind));
    std::string args;
    auto add = [&](const std::string &a) { args += (args.empty() ? "" : ", ") + a; };
    const bool pooling
        = layer.kind == LayerKind::MaxPooling2D || layer.kind == LayerKind::AveragePooling2D;
    switch (layer.kind) {
    case LayerKind::Dense:
        add(std::to_string(layer.units));
        break;
    case LayerKind::Conv2D:
        add(std::to_string(layer.units));
        add(std::to_string(layer.kernel));
        break;
    case LayerKind::DepthwiseConv2D:
    case LayerKind::MaxPooling2D:
    case LayerKind::AveragePooling2D:
        add(std::to_string(layer.kernel));
        break;
    case LayerKind::Flatten:
        break;
    case LayerKind::Dropout: {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", double(layer.rate));
        add(buf);
        break;
    }
    }
    if (layer.isSpatial()) {
        if (layer.stride != (pooling ? layer.kernel : 1))
            add("strides=" + std::to_string(layer.stride));
        if (layer.padding == Padding::Same)
            add("padding=same");
    }
    const bool hasActivation = layer.kind == LayerKind::Dense || layer.kind == LayerKind::Conv2D
                               || layer.kind == LayerKind::DepthwiseConv2D;
    if (hasActivation && layer.activation != Activation::Linear)
        add("activation=" + std::string(toString(layer.activation)));
    return kind + "(" + args + ")";
}

} // namespace tinyml::core
