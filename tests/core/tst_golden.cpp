// SPDX-License-Identifier: GPL-3.0-or-later
// The engine against an independent oracle: golden values computed in float64 with PyTorch's
// autograd by tests/golden/make_golden.py (see tests/golden/README.md). Each case builds the
// same network in the engine with the same parameters and batch and compares every number:
// z and a of every layer, the loss, dL/dz of every layer, dW and db; for the optimizers, five
// steps on a fixed batch with the loss, the gradients, the parameters and the optimizer state
// at every step.
//
// Tolerance, for every number: |engine - golden| <= max(1e-6 * |golden|, 1e-7). The absolute
// floor of 1e-7 is for values near zero, where a relative bound means nothing. The engine
// computes in float32 from exactly the golden inputs and parameters (multiples of 1/256), and
// the generator keeps only draws whose sums do not cancel beyond what float32 resolves at this
// tolerance (tests/golden/README.md), so every number, the five-step optimizer trajectories
// included, is held to the same bound; the worst seen is about half of it.
#include "core/base/error.h"
#include "core/nn/modelspec.h"
#include "core/nn/network.h"
#include "core/nn/optimizer.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

using namespace tinyml::core;

namespace {

constexpr double kRelative = 1e-6;
constexpr double kAbsolute = 1e-7;

/// Convolutional cases sum up to a few hundred float32 products per value and pass through
/// max pooling and im2col; cnn.json was drawn so that no ReLU input or max-pool pair is within
/// 1e-3 of a tie (make_golden.py).
constexpr double kCnnRelative = 2e-5;
constexpr double kCnnAbsolute = 2e-7; // the worst case uses 0.24 of it (26 Nov 2026)

const char *const kCnnFiles[] = {"cnn.json"};
const char *const kPassFiles[] = {"dense_sce.json", "dense_mse.json", "l2.json", "dropout.json"};
const char *const kTrajectoryFiles[] = {
    "optimizer_sgd.json",     "optimizer_momentum.json", "optimizer_momentum_nesterov.json",
    "optimizer_rmsprop.json", "optimizer_adam.json",     "optimizer_adam_l2_mse.json",
};

/// Malformed golden data; the test reports it as a failure.
Error bad(const QString &what)
{
    return Error(ErrorCode::Internal, {.detail = ("golden data: " + what).toStdString()});
}

QJsonValue member(const QJsonObject &object, const char *key)
{
    const QJsonValue v = object.value(QLatin1String(key));
    if (v.isUndefined())
        throw bad(QStringLiteral("missing \"%1\"").arg(QLatin1String(key)));
    return v;
}

double number(const QJsonValue &v, const QString &what)
{
    if (!v.isDouble())
        throw bad(what + QStringLiteral(" is not a number"));
    return v.toDouble();
}

/// A list of rows as a matrix.
Matrix matrixOf(const QJsonValue &value, const QString &what)
{
    const QJsonArray rows = value.toArray();
    if (rows.isEmpty())
        throw bad(what + QStringLiteral(" has no rows"));
    const Eigen::Index cols = rows.first().toArray().size();
    Matrix m(rows.size(), cols);
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        const QJsonArray row = rows.at(r).toArray();
        if (row.size() != cols)
            throw bad(what + QStringLiteral(" has rows of different lengths"));
        for (Eigen::Index c = 0; c < cols; ++c)
            m(r, c) = float(number(row.at(c), what));
    }
    return m;
}

/// Compares engine numbers with golden ones and keeps the first failures and the worst ratio
/// of difference to tolerance.
class Checker
{
public:
    Checker(double relative = kRelative, double absolute = kAbsolute)
        : m_relative(relative)
        , m_absolute(absolute)
    {}

    void value(const QString &what, double engine, const QJsonValue &golden)
    {
        const double g = number(golden, what);
        const double tolerance = std::max(m_relative * std::abs(g), m_absolute);
        const double diff = std::abs(engine - g);
        ++m_count;
        const double ratio = std::isfinite(engine) ? diff / tolerance : INFINITY;
        m_worst = std::max(m_worst, ratio);
        if (!(ratio <= 1.0))
            fail(QStringLiteral("%1: engine %2, golden %3 (difference %4, tolerance %5)")
                     .arg(what)
                     .arg(engine, 0, 'g', 9)
                     .arg(g, 0, 'g', 17)
                     .arg(diff, 0, 'g', 3)
                     .arg(tolerance, 0, 'g', 3));
    }

    void matrix(const QString &what, ConstMatrixRef engine, const QJsonValue &golden)
    {
        const QJsonArray rows = golden.toArray();
        if (rows.size() != engine.rows())
            return shape(what, rows.size(), engine.rows());
        for (Eigen::Index r = 0; r < engine.rows(); ++r) {
            const QJsonArray row = rows.at(r).toArray();
            if (row.size() != engine.cols())
                return shape(what, row.size(), engine.cols());
            for (Eigen::Index c = 0; c < engine.cols(); ++c)
                value(QStringLiteral("%1(%2,%3)").arg(what).arg(r).arg(c), engine(r, c), row.at(c));
        }
    }

    void
    vector(const QString &what, const float *engine, Eigen::Index size, const QJsonValue &golden)
    {
        const QJsonArray values = golden.toArray();
        if (values.size() != size)
            return shape(what, values.size(), size);
        for (Eigen::Index i = 0; i < size; ++i)
            value(QStringLiteral("%1[%2]").arg(what).arg(i), engine[i], values.at(i));
    }

    bool ok() const { return m_failed == 0 && m_count > 0; }
    QString report() const
    {
        if (m_count == 0)
            return QStringLiteral("nothing was compared");
        return QStringLiteral("%1 of %2 numbers outside the tolerance:\n  ")
                   .arg(m_failed)
                   .arg(m_count)
               + m_failures.join(QStringLiteral("\n  "));
    }
    int count() const { return m_count; }
    double worst() const { return m_worst; }

    /// Records a failure; the report lists the first eight.
    void fail(const QString &message)
    {
        ++m_failed;
        if (m_failures.size() < 8)
            m_failures << message;
    }

private:
    void shape(const QString &what, qsizetype golden, Eigen::Index engine)
    {
        fail(
            QStringLiteral("%1: golden size %2, engine size %3").arg(what).arg(golden).arg(engine));
    }

    double m_relative;
    double m_absolute;
    int m_count = 0;
    int m_failed = 0;
    double m_worst = 0.0;
    QStringList m_failures;
};

/// One golden case as engine objects.
struct Case
{
    ModelSpec spec;
    Matrix x;
    std::vector<std::uint8_t> labels;
    Matrix dense;
    bool haveDense = false;
    std::vector<Matrix> keepMasks;

    Targets targets() const { return {labels, haveDense ? &dense : nullptr}; }

    /// Forward pass, with the case's fixed dropout masks when it has dropout.
    void forward(const Network &net, Workspace &ws) const
    {
        if (keepMasks.empty())
            net.forward(x, ws);
        else
            net.forward(x, ws, keepMasks);
    }
};

ModelSpec specOf(const QJsonObject &c)
{
    ModelSpec spec;
    spec.inputSize = member(c, "input_size").toInt();
    for (const QJsonValue &layer : member(c, "layers").toArray()) {
        const QJsonObject o = layer.toObject();
        const auto activation
            = activationFromString(member(o, "activation").toString().toStdString());
        if (!activation)
            throw bad(QStringLiteral("unknown activation ")
                      + o.value(QLatin1String("activation")).toString());
        spec.layers.push_back({member(o, "units").toInt(), *activation});
    }
    const auto loss = lossFromString(member(c, "loss").toString().toStdString());
    if (!loss)
        throw bad(QStringLiteral("unknown loss ") + c.value(QLatin1String("loss")).toString());
    spec.loss = *loss;
    spec.l2 = float(number(member(c, "l2"), QStringLiteral("l2")));
    spec.dropout = float(number(member(c, "dropout"), QStringLiteral("dropout")));
    if (c.contains(QLatin1String("optimizer"))) {
        const QJsonObject o = c.value(QLatin1String("optimizer")).toObject();
        const auto kind = optimizerFromString(member(o, "kind").toString().toStdString());
        if (!kind)
            throw bad(QStringLiteral("unknown optimizer ")
                      + o.value(QLatin1String("kind")).toString());
        OptimizerSpec &opt = spec.optimizer;
        opt.kind = *kind;
        opt.learningRate
            = float(number(member(o, "learning_rate"), QStringLiteral("learning_rate")));
        opt.beta1 = float(number(member(o, "beta1"), QStringLiteral("beta1")));
        opt.beta2 = float(number(member(o, "beta2"), QStringLiteral("beta2")));
        opt.epsilon = float(number(member(o, "epsilon"), QStringLiteral("epsilon")));
        opt.momentum = float(number(member(o, "momentum"), QStringLiteral("momentum")));
        opt.nesterov = member(o, "nesterov").toBool();
        opt.rho = float(number(member(o, "rho"), QStringLiteral("rho")));
    }
    return spec;
}

Case caseOf(const QJsonObject &c)
{
    Case k;
    k.spec = specOf(c);
    k.x = matrixOf(member(c, "x"), QStringLiteral("x"));
    if (c.contains(QLatin1String("targets"))) {
        k.dense = matrixOf(c.value(QLatin1String("targets")), QStringLiteral("targets"));
        k.haveDense = true;
    } else {
        for (const QJsonValue &y : member(c, "labels").toArray())
            k.labels.push_back(std::uint8_t(y.toInt()));
    }
    if (c.contains(QLatin1String("keep_masks")))
        for (const QJsonValue &m : c.value(QLatin1String("keep_masks")).toArray())
            k.keepMasks.push_back(matrixOf(m, QStringLiteral("keep mask")));
    if (k.spec.dropout > 0.0f && k.keepMasks.empty())
        throw bad(QStringLiteral("dropout without keep masks"));
    return k;
}

/// Copies per-layer {W, b} into the network.
void setParameters(Network &net, const QJsonValue &params)
{
    const QJsonArray layers = params.toArray();
    if (std::size_t(layers.size()) != net.layerCount())
        throw bad(QStringLiteral("params has %1 layers, the model %2")
                      .arg(layers.size())
                      .arg(net.layerCount()));
    for (std::size_t l = 0; l < net.layerCount(); ++l) {
        const QJsonObject p = layers.at(qsizetype(l)).toObject();
        const Matrix W = matrixOf(member(p, "W"), QStringLiteral("W"));
        const QJsonArray b = member(p, "b").toArray();
        if (W.rows() != net.weights(l).rows() || W.cols() != net.weights(l).cols()
            || b.size() != net.bias(l).size())
            throw bad(QStringLiteral("parameters of layer %1 do not fit the model").arg(l));
        net.weights(l) = W;
        for (Eigen::Index i = 0; i < b.size(); ++i)
            net.bias(l)(i) = float(number(b.at(i), QStringLiteral("b")));
    }
}

/// Per layer {W, b} of a flat buffer laid out like Network::parameters().
void checkPerLayer(Checker &check,
                   const QString &what,
                   const Network &net,
                   std::span<const float> flat,
                   const QJsonValue &golden,
                   const char *wKey,
                   const char *bKey)
{
    const QJsonArray layers = golden.toArray();
    if (std::size_t(layers.size()) != net.layerCount() || flat.size() != net.parameters().size()) {
        check.fail(what + QStringLiteral(": golden and engine layouts differ"));
        return;
    }
    for (std::size_t l = 0; l < net.layerCount(); ++l) {
        const QJsonObject o = layers.at(qsizetype(l)).toObject();
        const auto W = net.weights(l);
        check.matrix(QStringLiteral("%1 %2[%3]").arg(what, QLatin1String(wKey)).arg(l),
                     ConstMatrixMap(flat.data() + net.weightOffset(l), W.rows(), W.cols()),
                     member(o, wKey));
        check.vector(QStringLiteral("%1 %2[%3]").arg(what, QLatin1String(bKey)).arg(l),
                     flat.data() + net.biasOffset(l), W.rows(), member(o, bKey));
    }
}

} // namespace

class TestGolden : public QObject
{
    Q_OBJECT

private:
    /// The cases of a golden file, read once; error describes a missing or unreadable file.
    struct File
    {
        QJsonArray cases;
        QString error;
    };
    QHash<QString, File> m_files;

    const File &file(const QString &name)
    {
        auto it = m_files.find(name);
        if (it != m_files.end())
            return *it;
        File f;
        const QByteArray root = qgetenv("TINYML_SOURCE_DIR");
        const QString path = (root.isEmpty() ? QStringLiteral(".") : QString::fromLocal8Bit(root))
                             + QStringLiteral("/tests/golden/") + name;
        QFile in(path);
        if (!in.open(QIODevice::ReadOnly)) {
            f.error = QStringLiteral("cannot open %1 (is TINYML_SOURCE_DIR set?)").arg(path);
        } else {
            QJsonParseError parseError;
            const QJsonDocument doc = QJsonDocument::fromJson(in.readAll(), &parseError);
            f.cases = doc.object().value(QLatin1String("cases")).toArray();
            if (doc.isNull())
                f.error = path + QStringLiteral(": ") + parseError.errorString();
            else if (f.cases.isEmpty())
                f.error = path + QStringLiteral(": no cases");
        }
        return *m_files.insert(name, f);
    }

    /// One row per case ("file/case"), or one failing row per unreadable file.
    template<std::size_t N> void addRows(const char *const (&names)[N])
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<int>("index");
        for (const char *name : names) {
            const QString fileName = QString::fromLatin1(name);
            const File &f = file(fileName);
            if (!f.error.isEmpty()) {
                QTest::newRow(qPrintable(fileName)) << fileName << -1;
                continue;
            }
            for (qsizetype i = 0; i < f.cases.size(); ++i) {
                const QString caseName
                    = f.cases.at(i).toObject().value(QLatin1String("name")).toString();
                QTest::newRow(qPrintable(fileName + QLatin1Char('/') + caseName))
                    << fileName << int(i);
            }
        }
    }

    QJsonObject fetchCase()
    {
        QFETCH(QString, fileName);
        QFETCH(int, index);
        const File &f = file(fileName);
        if (index < 0)
            throw Error(ErrorCode::Internal, {.detail = f.error.toStdString()});
        return f.cases.at(index).toObject();
    }

    static void report(const Checker &check)
    {
        qInfo("%d numbers, worst difference %.2f of the tolerance", check.count(), check.worst());
        QVERIFY2(check.ok(), qPrintable(check.report()));
    }

private slots:
    void forwardBackward_data() { addRows(kPassFiles); }

    /// One forward and backward pass: z, a, the loss, dL/dz, dW and db of every layer.
    void forwardBackward()
    {
        Checker check;
        try {
            const QJsonObject c = fetchCase();
            const Case k = caseOf(c);
            Network net(k.spec);
            setParameters(net, member(c, "params"));
            Workspace ws(k.spec, int(k.x.cols()));
            k.forward(net, ws);
            const LossValue lossOnly = net.loss(ws, k.targets());
            const LossValue value = net.backward(k.x, k.targets(), ws);

            const QJsonObject expected = member(c, "expected").toObject();
            check.value(QStringLiteral("loss"), value.loss, member(expected, "loss"));
            check.value(QStringLiteral("loss without gradients"), lossOnly.loss,
                        member(expected, "loss"));
            const QJsonArray layers = member(expected, "layers").toArray();
            if (std::size_t(layers.size()) != net.layerCount())
                throw bad(QStringLiteral("expected layers do not match the model"));
            for (std::size_t l = 0; l < net.layerCount(); ++l) {
                const QJsonObject e = layers.at(qsizetype(l)).toObject();
                check.matrix(QStringLiteral("z[%1]").arg(l), ws.z(l), member(e, "z"));
                check.matrix(QStringLiteral("a[%1]").arg(l), ws.a(l), member(e, "a"));
                check.matrix(QStringLiteral("dL/dz[%1]").arg(l), ws.delta(l), member(e, "dL_dz"));
            }
            checkPerLayer(check, QStringLiteral("gradient"), net, ws.gradients(), layers, "dW",
                          "db");
        } catch (const Error &e) {
            QFAIL(e.what());
        }
        report(check);
    }

    void convolutional_data() { addRows(kCnnFiles); }

    /// Forward (z, output), loss, backward (dL/dz of every layer, which for pooling and Flatten
    /// is dL/d(input) of the next layer, and dL/dparameters) and five Adam steps of CNNs.
    void convolutional()
    {
        Checker check(kCnnRelative, kCnnAbsolute);
        try {
            const QJsonObject c = fetchCase();
            std::vector<LayerSpec> layers;
            for (const QJsonValue v : member(c, "layers").toArray()) {
                const QJsonObject o = v.toObject();
                LayerSpec layer;
                const auto kind = layerKindFromString(member(o, "kind").toString().toStdString());
                if (!kind)
                    throw bad(QStringLiteral("unknown layer kind"));
                layer.kind = *kind;
                layer.units = o.value(QLatin1String("units")).toInt();
                layer.kernel = o.value(QLatin1String("kernel")).toInt();
                layer.stride = o.value(QLatin1String("stride")).toInt(1);
                layer.padding = o.value(QLatin1String("padding")).toString() == QLatin1String("same")
                                    ? Padding::Same
                                    : Padding::Valid;
                const auto act = activationFromString(
                    o.value(QLatin1String("activation")).toString(QStringLiteral("linear")).toStdString());
                if (!act)
                    throw bad(QStringLiteral("unknown activation"));
                layer.activation = *act;
                layers.push_back(layer);
            }
            const QJsonArray shape = member(c, "input_shape").toArray();
            ModelSpec spec = ModelSpec::withLayers(
                layers, Shape::hwc(shape.at(0).toInt(), shape.at(1).toInt(), shape.at(2).toInt()));
            const QJsonObject settings = member(c, "optimizer").toObject();
            spec.optimizer = OptimizerSpec::defaultsFor(OptimizerKind::Adam);
            spec.optimizer.learningRate = float(number(member(settings, "learning_rate"), "lr"));
            const Matrix x = matrixOf(member(c, "x"), QStringLiteral("x"));
            std::vector<std::uint8_t> labels;
            for (const QJsonValue v : member(c, "labels").toArray())
                labels.push_back(std::uint8_t(v.toInt()));
            Network net(spec);
            const QJsonArray params = member(c, "parameters").toArray();
            if (std::size_t(params.size()) != net.parameters().size())
                throw bad(QStringLiteral("parameter count differs from the model's"));
            for (qsizetype i = 0; i < params.size(); ++i)
                net.parameters()[std::size_t(i)] = float(number(params.at(i), QStringLiteral("parameter")));
            const Targets targets{labels, nullptr};
            Workspace ws(spec, int(x.cols()));
            net.forward(x, ws);
            const LossValue value = net.backward(x, targets, ws);
            check.value(QStringLiteral("loss"), value.loss, member(c, "loss"));
            check.matrix(QStringLiteral("output"), ws.a(net.layerCount() - 1), member(c, "output"));
            const QJsonArray z = member(c, "z").toArray();
            const QJsonArray delta = member(c, "delta").toArray();
            for (std::size_t l = 0; l < net.layerCount(); ++l) {
                check.matrix(QStringLiteral("z[%1]").arg(l), ws.z(l), z.at(qsizetype(l)));
                check.matrix(QStringLiteral("dL/dz[%1]").arg(l), ws.delta(l), delta.at(qsizetype(l)));
            }
            check.vector(QStringLiteral("dL/dparameter"), ws.gradients().data(),
                         Eigen::Index(ws.gradients().size()), member(c, "gradients"));
            Optimizer opt(spec.optimizer, net.parameters().size());
            const QJsonArray steps = member(c, "adam_steps").toArray();
            if (steps.isEmpty())
                throw bad(QStringLiteral("no steps"));
            for (qsizetype s = 0; s < steps.size(); ++s) {
                const QJsonObject e = steps.at(s).toObject();
                const QString at = QStringLiteral("Adam step %1: ").arg(s + 1);
                net.forward(x, ws);
                const LossValue stepLoss = net.backward(x, targets, ws);
                check.value(at + QStringLiteral("loss"), stepLoss.loss, member(e, "loss"));
                opt.step(net.parameters(), ws.gradients());
                check.vector(at + QStringLiteral("parameter"), net.parameters().data(),
                             Eigen::Index(net.parameters().size()), member(e, "params_after"));
            }
        } catch (const Error &e) {
            QFAIL(e.what());
        }
        report(check);
    }

    void optimizerSteps_data() { addRows(kTrajectoryFiles); }

    /// Steps of one optimizer on a fixed batch: at every step the loss and the gradients at the
    /// current parameters, then the parameters and the optimizer state after the update.
    void optimizerSteps()
    {
        Checker check;
        try {
            const QJsonObject c = fetchCase();
            const Case k = caseOf(c);
            Network net(k.spec);
            setParameters(net, member(c, "params"));
            Workspace ws(k.spec, int(k.x.cols()));
            Optimizer opt(k.spec.optimizer, net.parameters().size());
            const QJsonArray steps = member(c, "steps").toArray();
            if (steps.isEmpty())
                throw bad(QStringLiteral("no steps"));
            for (qsizetype s = 0; s < steps.size(); ++s) {
                const QJsonObject e = steps.at(s).toObject();
                const QString at = QStringLiteral("step %1: ").arg(s + 1);
                k.forward(net, ws);
                const LossValue value = net.backward(k.x, k.targets(), ws);
                check.value(at + QStringLiteral("loss"), value.loss, member(e, "loss"));
                checkPerLayer(check, at + QStringLiteral("gradient"), net, ws.gradients(),
                              member(e, "gradients"), "dW", "db");
                opt.step(net.parameters(), ws.gradients());
                checkPerLayer(check, at + QStringLiteral("parameter"), net, net.parameters(),
                              member(e, "params_after"), "W", "b");
                if (e.contains(QLatin1String("first")))
                    checkPerLayer(check, at + QStringLiteral("first moment"), net,
                                  opt.firstMoment(), e.value(QLatin1String("first")), "W", "b");
                if (e.contains(QLatin1String("second")))
                    checkPerLayer(check, at + QStringLiteral("second moment"), net,
                                  opt.secondMoment(), e.value(QLatin1String("second")), "W", "b");
            }
            QCOMPARE(opt.iterations(), std::int64_t(steps.size()));
        } catch (const Error &e) {
            QFAIL(e.what());
        }
        report(check);
    }
};

QTEST_GUILESS_MAIN(TestGolden)
#include "tst_golden.moc"
