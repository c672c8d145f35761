// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/train/runrecord.h"

#include "ui/shared/errortext.h"
#include "ui/train/runlistmodel.h"

#include "ui/shared/networkeditor.h"

#include "core/base/error.h"
#include "core/io/fileio.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QUuid>

namespace tinyml::ui {

namespace {

QString name(std::string_view s) { return QString::fromLatin1(s.data(), qsizetype(s.size())); }

template<typename E>
E parseEnum(const QJsonValue &v, std::optional<E> (*parse)(std::string_view), const char *what)
{
    const std::string text = v.toString().toStdString();
    const auto value = parse(text);
    if (!value)
        throw core::Error(core::ErrorCode::RunListInvalid, {.name = what, .detail = text});
    return *value;
}

} // namespace

QString RunRecord::settingsText() const
{
    QStringList shape{QStringLiteral("784")};
    for (const auto &l : spec.layers)
        shape << QString::number(l.units);
    QString act = spec.layers.size() > 1 ? activationName(spec.layers.front().activation)
                                         : activationName(core::Activation::Softmax);
    QString text = QObject::tr("%1 %2, %3 %4, batch %5")
                       .arg(shape.join(QLatin1Char('-')), act,
                            optimizerName(spec.optimizer.kind))
                       .arg(double(spec.optimizer.learningRate))
                       .arg(config.batchSize);
    if (spec.dropout > 0)
        text += QObject::tr(", dropout %1").arg(double(spec.dropout));
    if (spec.l2 > 0)
        text += QObject::tr(", L2 %1").arg(double(spec.l2));
    if (config.trainSubset > 0)
        text += QObject::tr(", %1 images").arg(config.trainSubset);
    if (config.augment)
        text += QObject::tr(", augmented");
    return text;
}

QJsonObject RunRecord::toJson() const
{
    QJsonObject j;
    j["id"] = id;
    j["name"] = name;
    j["created"] = created.toString(Qt::ISODate);
    QJsonArray layers;
    for (const auto &l : spec.layers)
        layers.append(QJsonObject{{"units", l.units}, {"activation", tinyml::ui::name(core::toString(l.activation))}});
    j["layers"] = layers;
    j["loss"] = tinyml::ui::name(core::toString(spec.loss));
    j["initializer"] = tinyml::ui::name(core::toString(spec.initializer));
    j["l2"] = double(spec.l2);
    j["dropout"] = double(spec.dropout);
    j["optimizer"] = tinyml::ui::name(core::toString(spec.optimizer.kind));
    j["learning_rate"] = double(spec.optimizer.learningRate);
    j["momentum"] = double(spec.optimizer.momentum);
    j["nesterov"] = spec.optimizer.nesterov;
    j["epochs_planned"] = config.epochs;
    j["batch_size"] = config.batchSize;
    j["validation_split"] = double(config.validationSplit);
    j["validate_on_test"] = config.validateOnTest;
    j["patience"] = config.earlyStoppingPatience;
    j["seed"] = qint64(config.seed);
    j["subset"] = config.trainSubset;
    j["augment"] = config.augment;
    j["fashion"] = fashion;
    QJsonArray ep;
    for (const auto &e : epochs)
        ep.append(QJsonObject{{"epoch", e.epoch}, {"loss", e.loss}, {"accuracy", e.accuracy},
                              {"has_validation", e.hasValidation}, {"val_loss", e.valLoss},
                              {"val_accuracy", e.valAccuracy}, {"seconds", e.seconds}});
    j["epochs"] = ep;
    QJsonArray lx, ly;
    for (std::size_t i = 0; i < lossX.size(); ++i) {
        lx.append(lossX[i]);
        ly.append(lossY[i]);
    }
    j["loss_x"] = lx;
    j["loss_y"] = ly;
    j["outcome"] = tinyml::ui::name(core::toString(outcome));
    j["tested"] = tested;
    j["test_accuracy"] = testAccuracy;
    j["test_loss"] = testLoss;
    j["seconds"] = seconds;
    return j;
}

RunRecord RunRecord::fromJson(const QJsonObject &j)
{
    RunRecord r;
    r.id = j["id"].toString();
    if (r.id.isEmpty())
        throw core::Error(core::ErrorCode::RunListInvalid, {.name = "id"});
    r.name = j["name"].toString();
    r.created = QDateTime::fromString(j["created"].toString(), Qt::ISODate);
    r.spec.layers.clear();
    for (const auto v : j["layers"].toArray()) {
        const QJsonObject l = v.toObject();
        r.spec.layers.push_back({l["units"].toInt(),
                                 parseEnum<core::Activation>(l["activation"], core::activationFromString, "activation")});
    }
    r.spec.loss = parseEnum<core::LossKind>(j["loss"], core::lossFromString, "loss");
    r.spec.initializer = parseEnum<core::Initializer>(j["initializer"], core::initializerFromString, "initializer");
    r.spec.l2 = float(j["l2"].toDouble());
    r.spec.dropout = float(j["dropout"].toDouble());
    r.spec.optimizer = core::OptimizerSpec::defaultsFor(
        parseEnum<core::OptimizerKind>(j["optimizer"], core::optimizerFromString, "optimizer"));
    r.spec.optimizer.learningRate = float(j["learning_rate"].toDouble());
    r.spec.optimizer.momentum = float(j["momentum"].toDouble());
    r.spec.optimizer.nesterov = j["nesterov"].toBool();
    r.spec.validate();
    r.config.epochs = j["epochs_planned"].toInt(5);
    r.config.batchSize = j["batch_size"].toInt(32);
    r.config.validationSplit = float(j["validation_split"].toDouble());
    r.config.validateOnTest = j["validate_on_test"].toBool();
    r.config.earlyStoppingPatience = j["patience"].toInt();
    r.config.seed = std::uint64_t(j["seed"].toInteger());
    r.config.trainSubset = j["subset"].toInt();
    r.config.augment = j["augment"].toBool();
    r.fashion = j["fashion"].toBool();
    for (const auto v : j["epochs"].toArray()) {
        const QJsonObject e = v.toObject();
        core::EpochReport rep;
        rep.epoch = e["epoch"].toInt();
        rep.loss = e["loss"].toDouble();
        rep.accuracy = e["accuracy"].toDouble();
        rep.hasValidation = e["has_validation"].toBool();
        rep.valLoss = e["val_loss"].toDouble();
        rep.valAccuracy = e["val_accuracy"].toDouble();
        rep.seconds = e["seconds"].toDouble();
        r.epochs.push_back(rep);
    }
    const QJsonArray lx = j["loss_x"].toArray(), ly = j["loss_y"].toArray();
    for (qsizetype i = 0; i < std::min(lx.size(), ly.size()); ++i) {
        r.lossX.push_back(lx[i].toDouble());
        r.lossY.push_back(ly[i].toDouble());
    }
    const std::string outcome = j["outcome"].toString().toStdString();
    for (auto o : {core::TrainOutcome::Completed, core::TrainOutcome::EarlyStopped,
                   core::TrainOutcome::Cancelled, core::TrainOutcome::Diverged})
        if (core::toString(o) == outcome)
            r.outcome = o;
    r.tested = j["tested"].toBool(true); // runs saved before this field were all tested
    r.testAccuracy = j["test_accuracy"].toDouble();
    r.testLoss = j["test_loss"].toDouble();
    r.seconds = j["seconds"].toDouble();
    return r;
}

RunStore::RunStore(const QString &folder, QObject *parent)
    : QObject(parent)
    , m_folder(folder.isEmpty()
                   ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/runs")
                   : folder)
    , m_model(new RunListModel(this))
{
    connect(m_model, &RunListModel::renamed, this, [this] {
        m_lastSaveOk = save(nullptr);
        emit changed();
    });
}

const std::vector<RunRecord> &RunStore::runs() const { return m_model->runs(); }

const RunRecord *RunStore::find(const QString &id) const { return m_model->find(id); }

bool RunStore::add(RunRecord run, QString *error)
{
    if (run.id.isEmpty())
        run.id = QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
    bool ok = QDir().mkpath(m_folder);
    if (ok && run.model) {
        try {
            const auto &m = *run.model;
            core::saveModel((m_folder + QLatin1Char('/') + run.id + QStringLiteral(".tmlm")).toStdString(),
                            m.network, m.optimizer ? &*m.optimizer : nullptr, m.info);
        } catch (const core::Error &e) {
            ok = false;
            if (error)
                *error = errorText(e);
        }
    }
    m_model->append(std::move(run));
    ok = save(error) && ok;
    emit changed();
    return ok;
}

bool RunStore::rename(const QString &id, const QString &name)
{
    // The model announces the new name; the connection above saves it.
    return m_model->rename(id, name) && m_lastSaveOk;
}

bool RunStore::remove(const QString &id)
{
    if (!m_model->find(id))
        return false;
    QFile::remove(m_folder + QLatin1Char('/') + id + QStringLiteral(".tmlm"));
    m_model->remove(id);
    const bool ok = save(nullptr);
    emit changed();
    return ok;
}

bool RunStore::save(QString *error)
{
    QJsonArray all;
    for (const auto &r : m_model->runs())
        all.append(r.toJson());
    const QByteArray bytes = QJsonDocument(QJsonObject{{"format", "tinyml-runs"}, {"version", 1}, {"runs", all}})
                                 .toJson(QJsonDocument::Indented);
    try {
        QDir().mkpath(m_folder);
        core::writeFileAtomically((m_folder + QStringLiteral("/runs.json")).toStdString(),
                                  {reinterpret_cast<const std::uint8_t *>(bytes.constData()), std::size_t(bytes.size())});
        return true;
    } catch (const core::Error &e) {
        if (error)
            *error = errorText(e);
        return false;
    }
}

void RunStore::load(QString *error)
{
    std::vector<RunRecord> runs;
    QFile file(m_folder + QStringLiteral("/runs.json"));
    if (!file.exists()) {
        m_model->reset({});
        emit changed();
        return;
    }
    QStringList problems;
    if (!file.open(QIODevice::ReadOnly)) {
        problems << tr("Cannot read %1.").arg(file.fileName());
    } else {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
        if (doc.isNull() || doc.object()["format"].toString() != QLatin1String("tinyml-runs")) {
            problems << tr("%1 is not a run list (%2).").arg(file.fileName(), parseError.errorString());
        } else {
            for (const auto v : doc.object()["runs"].toArray()) {
                try {
                    RunRecord r = RunRecord::fromJson(v.toObject());
                    const QString modelPath = m_folder + QLatin1Char('/') + r.id + QStringLiteral(".tmlm");
                    if (QFile::exists(modelPath))
                        r.model = std::make_shared<const core::LoadedModel>(core::loadModel(modelPath.toStdString()));
                    runs.push_back(std::move(r));
                } catch (const core::Error &e) {
                    problems << errorText(e);
                }
            }
        }
    }
    m_model->reset(std::move(runs));
    if (error)
        *error = problems.join(QLatin1Char('\n'));
    emit changed();
}

} // namespace tinyml::ui
