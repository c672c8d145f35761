// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/playground/playgroundfile.h"

#include "core/base/error.h"
#include "core/io/fileio.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <array>
#include <cmath>

namespace tinyml::ui {

namespace {

constexpr auto kFormat = "tinyml-playground";
constexpr int kVersion = 1;

constexpr std::array kDataNames{"circle", "xor", "gaussians", "spiral", "regression", "custom"};
constexpr std::array kFeatureNames{"x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"};
constexpr std::array kActivationNames{"linear", "sigmoid", "tanh", "relu", "leaky_relu"};
constexpr std::array kOptimizerNames{"sgd", "momentum", "rmsprop", "adam"};

/// Largest |y| of a regression point in a file.
constexpr double kMaxRegressionValue = 20.0;

class Reader
{
public:
    Reader(const QJsonObject &root, const QString &file) : m_root(root), m_file(file.toStdString())
    {
    }

    [[noreturn]] void bad(const char *name, double value = std::nan("")) const
    {
        core::ErrorArgs args{.file = m_file, .name = name};
        if (std::isfinite(value))
            args.value = value;
        throw core::Error(core::ErrorCode::PlaygroundSettingInvalid, args);
    }

    double number(const char *name, double lo, double hi) const
    {
        const QJsonValue v = m_root.value(QLatin1String(name));
        if (!v.isDouble())
            bad(name);
        const double d = v.toDouble();
        if (!std::isfinite(d) || d < lo || d > hi)
            bad(name, d);
        return d;
    }

    int integer(const char *name, int lo, int hi) const
    {
        const double d = number(name, lo, hi);
        if (d != std::floor(d))
            bad(name, d);
        return int(d);
    }

    template<std::size_t N>
    int choice(const char *name, const std::array<const char *, N> &names) const
    {
        const QString s = m_root.value(QLatin1String(name)).toString();
        for (std::size_t i = 0; i < N; ++i)
            if (s == QLatin1String(names[i]))
                return int(i);
        bad(name);
    }

    QJsonArray array(const char *name) const
    {
        const QJsonValue v = m_root.value(QLatin1String(name));
        if (!v.isArray())
            bad(name);
        return v.toArray();
    }

    std::vector<core::PlanarPoint> points(const char *name, bool regression) const
    {
        const QJsonArray list = array(name);
        if (list.size() > kPlaygroundFilePoints)
            bad(name, double(list.size()));
        std::vector<core::PlanarPoint> out;
        out.reserve(std::size_t(list.size()));
        for (const QJsonValue &v : list) {
            const QJsonArray p = v.toArray();
            if (p.size() != 3 || !p[0].isDouble() || !p[1].isDouble() || !p[2].isDouble())
                bad(name);
            const double x1 = p[0].toDouble(), x2 = p[1].toDouble(), y = p[2].toDouble();
            const double e = core::kPlanarExtent;
            for (double c : {x1, x2})
                if (!(std::abs(c) <= e))
                    bad(name, c);
            if (regression ? !(std::abs(y) <= kMaxRegressionValue) : (y != 0.0 && y != 1.0))
                bad(name, y);
            out.push_back({float(x1), float(x2), float(y)});
        }
        return out;
    }

private:
    const QJsonObject &m_root;
    std::string m_file;
};

} // namespace

QByteArray playgroundToJson(const PlaygroundState &state)
{
    const core::PlaygroundConfig &c = state.config;
    QJsonObject o;
    o[QStringLiteral("format")] = QLatin1String(kFormat);
    o[QStringLiteral("version")] = kVersion;
    o[QStringLiteral("data")] = QLatin1String(kDataNames[std::size_t(c.data)]);
    o[QStringLiteral("points")] = c.points;
    o[QStringLiteral("noise")] = double(c.noise);
    o[QStringLiteral("trainRatio")] = double(c.trainRatio);
    o[QStringLiteral("seed")] = double(c.seed);
    QJsonArray features;
    for (int i = 0; i < core::kFeatureKinds; ++i)
        if (c.features & (1u << i))
            features.append(QLatin1String(kFeatureNames[std::size_t(i)]));
    o[QStringLiteral("features")] = features;
    QJsonArray hidden;
    for (int units : c.hidden)
        hidden.append(units);
    o[QStringLiteral("hidden")] = hidden;
    o[QStringLiteral("activation")] = QLatin1String(kActivationNames[std::size_t(c.activation)]);
    o[QStringLiteral("optimizer")] = QLatin1String(kOptimizerNames[std::size_t(c.optimizer)]);
    o[QStringLiteral("learningRate")] = double(c.learningRate);
    o[QStringLiteral("l1")] = double(c.l1);
    o[QStringLiteral("l2")] = double(c.l2);
    o[QStringLiteral("batchSize")] = c.batchSize;
    auto points = [](const std::vector<core::PlanarPoint> &list) {
        QJsonArray a;
        for (const auto &p : list)
            a.append(QJsonArray{double(p.x1), double(p.x2), double(p.label)});
        return a;
    };
    o[QStringLiteral("train")] = points(state.data.train);
    o[QStringLiteral("test")] = points(state.data.test);
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

PlaygroundState playgroundFromJson(const QByteArray &json, const QString &file)
{
    const std::string name = file.toStdString();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        throw core::Error(core::ErrorCode::PlaygroundFileInvalid,
                          {.file = name,
                           .detail = "not JSON: " + error.errorString().toStdString() + " at byte "
                                     + std::to_string(error.offset)});
    const QJsonObject root = doc.object();
    if (!doc.isObject()
        || root.value(QStringLiteral("format")).toString() != QLatin1String(kFormat))
        throw core::Error(core::ErrorCode::PlaygroundFileInvalid,
                          {.file = name, .detail = "no \"format\": \"tinyml-playground\""});
    const Reader r(root, file);
    if (r.integer("version", 1, 1000000) > kVersion)
        throw core::Error(core::ErrorCode::PlaygroundFileInvalid,
                          {.file = name, .detail = "a newer version than this studio reads"});
    PlaygroundState s;
    core::PlaygroundConfig &c = s.config;
    c.data = core::PlanarKind(r.choice("data", kDataNames));
    c.points = r.integer("points", 0, core::PlaygroundConfig::kMaxPoints);
    c.noise = float(r.number("noise", 0.0, 1.0));
    c.trainRatio = float(r.number("trainRatio", 0.1, 0.9));
    c.seed = std::uint64_t(r.number("seed", 0.0, 9007199254740992.0));
    c.features = 0;
    for (const QJsonValue &f : r.array("features")) {
        const auto it
            = std::find_if(kFeatureNames.begin(), kFeatureNames.end(),
                           [&](const char *n) { return f.toString() == QLatin1String(n); });
        if (it == kFeatureNames.end())
            r.bad("features");
        c.features |= 1u << (it - kFeatureNames.begin());
    }
    if (c.features == 0)
        r.bad("features");
    const QJsonArray hidden = r.array("hidden");
    if (hidden.size() > core::PlaygroundConfig::kMaxLayers)
        r.bad("hidden", double(hidden.size()));
    c.hidden.clear();
    for (const QJsonValue &h : hidden) {
        const double units = h.toDouble(-1.0);
        if (!h.isDouble() || units != std::floor(units) || units < 1
            || units > core::PlaygroundConfig::kMaxUnits)
            r.bad("hidden", h.isDouble() ? units : std::nan(""));
        c.hidden.push_back(int(units));
    }
    c.activation = core::Activation(r.choice("activation", kActivationNames));
    c.optimizer = core::OptimizerKind(r.choice("optimizer", kOptimizerNames));
    c.learningRate
        = float(r.number("learningRate", 1e-7, core::PlaygroundConfig::kMaxLearningRate));
    c.l1 = float(r.number("l1", 0.0, 0.999));
    c.l2 = float(r.number("l2", 0.0, 0.999));
    c.batchSize = r.integer("batchSize", 1, core::PlaygroundConfig::kMaxBatch);
    const bool regression = core::isRegression(c.data);
    s.data.train = r.points("train", regression);
    s.data.test = r.points("test", regression);
    try {
        c.validate();
    } catch (const core::Error &e) {
        r.bad(e.args().name.c_str(), e.args().value.value_or(std::nan("")));
    }
    return s;
}

void savePlayground(const QString &file, const PlaygroundState &state)
{
    const QByteArray json = playgroundToJson(state);
    core::writeFileAtomically(
        file.toStdString(),
        {reinterpret_cast<const std::uint8_t *>(json.constData()), std::size_t(json.size())});
}

PlaygroundState loadPlayground(const QString &file)
{
    const auto bytes = core::readFile(file.toStdString(), kPlaygroundFileLimit);
    return playgroundFromJson(
        QByteArray(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size())), file);
}

} // namespace tinyml::ui
