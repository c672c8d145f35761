// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/train/runrecord.h"

#include "ui/shared/backgroundjob.h"
#include "ui/shared/errortext.h"
#include "ui/train/runlistmodel.h"

#include "ui/shared/networkeditor.h"
#include "ui/shared/storedvalue.h"

#include "core/base/error.h"
#include "core/io/fileio.h"
#include "core/nn/layersyntax.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QUuid>

#include <algorithm>

namespace tinyml::ui {

namespace {

constexpr int kRunListVersion = 1;
/// A run list is a few kilobytes per run; anything this large was not written by the studio.
constexpr std::int64_t kMaxRunListBytes = 64LL << 20;
// What a stored run may say about its training; values beyond are replaced by defaults.
constexpr int kMaxEpochs = 100000;   // as TrainConfig::validate
constexpr int kMaxBatchSize = 65536; // as TrainConfig::validate
constexpr int kMaxSubset = 100'000'000;
constexpr qsizetype kMaxNameLength = 200;
/// More layers than any model can have (ModelSpec::validate has the real limit).
constexpr int kMaxStoredLayers = 1024;
constexpr double kMaxLoss = 1e6;
constexpr double kMaxSeconds = 1e9;

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
        shape << (l.kind == core::LayerKind::Dense ? QString::number(l.units)
                                                    : QString::fromStdString(core::toKeras(l)));
    QString act = spec.layers.size() > 1 ? activationName(spec.layers.front().activation)
                                         : activationName(core::Activation::Softmax);
    QString text = QObject::tr("%1 %2, %3 %4, batch %5")
                       .arg(shape.join(QLatin1Char('-')), act,
                            optimizerName(spec.optimizer.kind))
                       .arg(QLocale().toString(double(spec.optimizer.learningRate), 'g', 6))
                       .arg(QLocale().toString(config.batchSize));
    if (spec.dropout > 0)
        text += QObject::tr(", dropout %1").arg(QLocale().toString(double(spec.dropout), 'g', 6));
    if (spec.l2 > 0)
        text += QObject::tr(", L2 %1").arg(QLocale().toString(double(spec.l2), 'g', 6));
    if (config.trainSubset > 0)
        text += QObject::tr(", %Ln image(s)", nullptr, config.trainSubset);
    if (config.augment)
        text += QObject::tr(", augmented");
    // Runs that differ in how long or on what they were validated must read differently.
    text += QObject::tr(", %n epoch(s)", nullptr, config.epochs);
    if (config.validateOnTest)
        text += QObject::tr(", validated on the test set");
    else if (config.validationSplit > 0.0f)
        text += QObject::tr(", %1 % for validation")
                    .arg(QLocale().toString(double(config.validationSplit) * 100.0, 'g', 3));
    if (!continuesName.isEmpty())
        text += QObject::tr(", continues “%1” after %n epoch(s)", nullptr, epochsBefore)
                    .arg(continuesName);
    return text;
}

QJsonObject RunRecord::toJson() const
{
    QJsonObject j;
    j["id"] = id;
    j["name"] = name;
    j["created"] = created.toString(Qt::ISODate);
    QJsonArray layers;
    for (const auto &l : spec.layers) {
        QJsonObject layer{{"units", l.units},
                          {"activation", tinyml::ui::name(core::toString(l.activation))}};
        if (l.kind != core::LayerKind::Dense) {
            layer["kind"] = tinyml::ui::name(core::toString(l.kind));
            layer["kernel"] = l.kernel;
            layer["stride"] = l.stride;
            layer["padding"] = tinyml::ui::name(core::toString(l.padding));
            layer["rate"] = double(l.rate);
        }
        layers.append(layer);
    }
    j["layers"] = layers;
    if (spec.inputShape)
        j["input_shape"] = QJsonArray{spec.inputShape->height, spec.inputShape->width,
                                      spec.inputShape->channels};
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
    if (!continuesName.isEmpty()) {
        j["continues"] = continues;
        j["continues_name"] = continuesName;
        j["epochs_before"] = epochsBefore;
    }
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

bool RunRecord::isValidId(const QString &id)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    return pattern.match(id).hasMatch();
}

RunRecord RunRecord::fromJson(const QJsonObject &j, const QString &source)
{
    RunRecord r;
    r.id = j["id"].toString();
    if (r.id.isEmpty())
        throw core::Error(core::ErrorCode::RunListInvalid, {.name = "id"});
    if (!isValidId(r.id))
        throw core::Error(core::ErrorCode::RunListInvalid,
                          {.name = "id", .detail = r.id.left(80).toStdString()});
    StoredValues check(QStringLiteral("%1, run %2").arg(source, r.id));
    r.name = j["name"].toString().left(kMaxNameLength);
    r.created = QDateTime::fromString(j["created"].toString(), Qt::ISODate);
    r.spec.layers.clear();
    const QJsonArray layers = j["layers"].toArray();
    if (layers.size() > kMaxStoredLayers)
        throw core::Error(core::ErrorCode::SpecInvalid, {.field = core::ErrorField::LayerCount,
                                                         .found = layers.size(),
                                                         .limit = kMaxStoredLayers});
    for (const auto v : layers) {
        const QJsonObject l = v.toObject();
        core::LayerSpec layer{l["units"].toInt(),
                              parseEnum<core::Activation>(l["activation"], core::activationFromString, "activation")};
        // Runs from before convolutional layers hold dense layers without a kind.
        if (l.contains("kind")) {
            layer.kind = parseEnum<core::LayerKind>(l["kind"], core::layerKindFromString, "kind");
            layer.kernel = l["kernel"].toInt();
            layer.stride = l["stride"].toInt(1);
            const QString padding = l["padding"].toString();
            if (padding != QLatin1String("valid") && padding != QLatin1String("same"))
                throw core::Error(core::ErrorCode::RunListInvalid,
                                  {.name = "padding", .detail = padding.left(80).toStdString()});
            layer.padding = padding == QLatin1String("same") ? core::Padding::Same : core::Padding::Valid;
            layer.rate = float(l["rate"].toDouble());
        }
        r.spec.layers.push_back(layer);
    }
    const QJsonArray input = j["input_shape"].toArray();
    if (input.size() == 3) {
        const core::Shape shape = core::Shape::hwc(input[0].toInt(), input[1].toInt(), input[2].toInt());
        r.spec.inputShape = shape;
        r.spec.inputSize = int(std::clamp<std::int64_t>(shape.size(), 0, 1 << 30));
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
    // Training settings and results only describe the run: out of range, their defaults serve.
    const core::TrainConfig defaults;
    auto whole = [&](const char *key, qint64 low, qint64 high, qint64 fallback) {
        return check.integer(j[QLatin1String(key)].toVariant(), low, high, fallback, key);
    };
    auto real = [&](const QJsonObject &o, const char *key, double low, double high) {
        return check.real(o[QLatin1String(key)].toVariant(), low, high, 0.0, key);
    };
    r.config.epochs = int(whole("epochs_planned", 1, kMaxEpochs, defaults.epochs));
    r.config.batchSize = int(whole("batch_size", 1, kMaxBatchSize, defaults.batchSize));
    r.config.validationSplit = float(check.real(j["validation_split"].toVariant(), 0.0, 0.99,
                                                defaults.validationSplit, "validation_split"));
    r.config.validateOnTest = j["validate_on_test"].toBool();
    r.config.earlyStoppingPatience = int(whole("patience", 0, kMaxEpochs, 0));
    r.config.seed = std::uint64_t(j["seed"].toInteger(qint64(defaults.seed)));
    r.config.trainSubset = int(whole("subset", 0, kMaxSubset, 0));
    r.config.augment = j["augment"].toBool();
    r.fashion = j["fashion"].toBool();
    r.continues = j["continues"].toString();
    if (!isValidId(r.continues))
        r.continues.clear();
    r.continuesName = j["continues_name"].toString().left(kMaxNameLength);
    r.epochsBefore = int(whole("epochs_before", 0, kMaxEpochs, 0));
    const QJsonArray epochs = j["epochs"].toArray();
    if (epochs.size() > kMaxEpochs)
        check.replaced("epochs", QStringLiteral("%1 entries").arg(epochs.size()));
    for (qsizetype i = 0; i < std::min<qsizetype>(epochs.size(), kMaxEpochs); ++i) {
        const QJsonObject e = epochs[i].toObject();
        core::EpochReport rep;
        rep.epoch = int(check.integer(e["epoch"].toVariant(), 0, kMaxEpochs, i + 1, "epoch"));
        rep.loss = real(e, "loss", 0.0, kMaxLoss);
        rep.accuracy = real(e, "accuracy", 0.0, 1.0);
        rep.hasValidation = e["has_validation"].toBool();
        rep.valLoss = real(e, "val_loss", 0.0, kMaxLoss);
        rep.valAccuracy = real(e, "val_accuracy", 0.0, 1.0);
        rep.seconds = real(e, "seconds", 0.0, kMaxSeconds);
        r.epochs.push_back(rep);
    }
    const QJsonArray lx = j["loss_x"].toArray(), ly = j["loss_y"].toArray();
    const qsizetype points = std::min(lx.size(), ly.size());
    int dropped = 0;
    for (qsizetype i = 0; i < points; ++i) {
        const double x = lx[i].toDouble(-1.0), y = ly[i].toDouble(-1.0);
        // A curve point outside the plot's sense (or past the last epoch) is left out.
        if (!(x >= 0.0 && x <= double(kMaxEpochs) && y >= 0.0 && y <= kMaxLoss)) {
            ++dropped;
            continue;
        }
        r.lossX.push_back(x);
        r.lossY.push_back(y);
    }
    if (dropped > 0)
        check.replaced("loss_x/loss_y", QStringLiteral("%1 points left out").arg(dropped));
    const std::string outcome = j["outcome"].toString().toStdString();
    for (auto o : {core::TrainOutcome::Completed, core::TrainOutcome::EarlyStopped,
                   core::TrainOutcome::Cancelled, core::TrainOutcome::Diverged})
        if (core::toString(o) == outcome)
            r.outcome = o;
    r.tested = j["tested"].toBool(true); // runs saved before this field were all tested
    r.testAccuracy = real(j, "test_accuracy", 0.0, 1.0);
    r.testLoss = real(j, "test_loss", 0.0, kMaxLoss);
    r.seconds = real(j, "seconds", 0.0, kMaxSeconds);
    return r;
}

/// What reading runs.json found; read on any thread, nothing on disk is changed.
struct RunListContents
{
    std::vector<RunRecord> runs;
    std::vector<QJsonValue> kept; ///< entries that cannot be read, as they were
    QString firstProblem;         ///< why the first kept entry cannot be read
    QString unreadable;           ///< why the file as a whole cannot be read, or empty
    int version = 0;
};

namespace {

/// Reads the run list in folder and every run's model file. progress: one unit per run;
/// throws core::Cancelled when stopped.
RunListContents readRunList(const QString &folder, const core::Progress &progress)
{
    RunListContents contents;
    const QString path = folder + QStringLiteral("/runs.json");
    const QFileInfo info(path);
    if (!info.exists() && !info.isSymLink())
        return contents;
    QJsonObject list;
    try {
        core::InputFile file(path.toStdString());
        if (file.size() > kMaxRunListBytes)
            throw core::Error(core::ErrorCode::FileTooLarge, {.file = path.toStdString(),
                                                              .found = std::int64_t(file.size()),
                                                              .limit = kMaxRunListBytes});
        QByteArray bytes(qsizetype(file.size()), Qt::Uninitialized);
        bytes.resize(qsizetype(
            file.read(reinterpret_cast<std::uint8_t *>(bytes.data()), std::size_t(bytes.size()))));
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
        list = doc.object();
        if (doc.isNull())
            contents.unreadable
                = RunStore::tr("%1 is not a run list (%2).").arg(path, parseError.errorString());
        else if (list["format"].toString() != QLatin1String("tinyml-runs")
                 || !list["runs"].isArray())
            contents.unreadable = RunStore::tr("%1 is not a run list.").arg(path);
    } catch (const core::Error &e) {
        contents.unreadable = errorText(e);
    }
    contents.version = list["version"].toInt(0);
    if (!contents.unreadable.isEmpty() || contents.version > kRunListVersion)
        return contents;
    QSet<QString> ids;
    const QJsonArray all = list["runs"].toArray();
    for (qsizetype i = 0; i < all.size(); ++i) {
        progress.advance(i, all.size());
        const QJsonValue v = all[i];
        try {
            RunRecord r = RunRecord::fromJson(v.toObject(), path);
            if (ids.contains(r.id))
                throw core::Error(core::ErrorCode::RunListInvalid,
                                  {.name = "id", .detail = r.id.toStdString()});
            const QFileInfo model(folder + QLatin1Char('/') + r.id + QStringLiteral(".tmlm"));
            // A missing model file leaves the run without a model; any other file is read.
            if (model.exists() || model.isSymLink())
                r.model = std::make_shared<const core::LoadedModel>(
                    core::loadModel(model.filePath().toStdString()));
            ids.insert(r.id);
            contents.runs.push_back(std::move(r));
        } catch (const core::Error &e) {
            contents.kept.push_back(v);
            if (contents.firstProblem.isEmpty())
                contents.firstProblem = errorText(e);
        }
    }
    progress.advance(all.size(), all.size());
    return contents;
}

} // namespace

RunStore::RunStore(const QString &folder, QObject *parent)
    : QObject(parent)
    , m_folder(folder.isEmpty()
                   ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/runs")
                   : folder)
    , m_model(new RunListModel(this))
    , m_loader(new BackgroundJob(this))
{
    connect(m_model, &RunListModel::renamed, this, [this] {
        m_lastSaveOk = save(nullptr);
        emit changed();
    });
    connect(m_loader, &BackgroundJob::runningChanged, this, &RunStore::loadingChanged);
    connect(m_loader, &BackgroundJob::progressChanged, this, &RunStore::loadProgress);
    connect(m_loader, &BackgroundJob::failed, this, [this](const QString &message) {
        // Not even known what the list holds (out of memory): nothing may be written to it.
        m_readOnly = tr("The saved runs in %1 could not be read (%2); they are left untouched "
                        "and new runs are not saved.")
                         .arg(m_folder, message);
        emit changed();
        emit loaded(m_readOnly);
    });
}

const std::vector<RunRecord> &RunStore::runs() const { return m_model->runs(); }

const RunRecord *RunStore::find(const QString &id) const { return m_model->find(id); }

QString RunStore::modelPath(const QString &id) const
{
    return m_folder + QLatin1Char('/') + id + QStringLiteral(".tmlm");
}

bool RunStore::idInUse(const QString &id) const
{
    for (const auto &kept : m_kept)
        if (kept.toObject()["id"].toString() == id)
            return true;
    // A model file nobody lists is still someone's: never write over it.
    return QFileInfo(modelPath(id)).exists() || QFileInfo(modelPath(id)).isSymLink();
}

bool RunStore::isLoading() const { return m_loader->isRunning(); }

bool RunStore::storeModel(RunRecord &run, const std::vector<RunRecord> &others, QString *error)
{
    const auto taken = [&](const QString &id) {
        return std::any_of(others.begin(), others.end(),
                           [&](const RunRecord &r) { return r.id == id; })
               || idInUse(id);
    };
    while (!RunRecord::isValidId(run.id) || taken(run.id))
        run.id = QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
    if (!m_readOnly.isEmpty()) {
        if (error)
            *error = m_readOnly;
        return false;
    }
    if (!QDir().mkpath(m_folder))
        return false;
    if (run.model) {
        try {
            const auto &m = *run.model;
            core::saveModel(modelPath(run.id).toStdString(), m.network,
                            m.optimizer ? &*m.optimizer : nullptr, m.info);
        } catch (const core::Error &e) {
            if (error)
                *error = errorText(e);
            return false;
        }
    }
    return true;
}

bool RunStore::add(RunRecord run, QString *error)
{
    if (isLoading()) {
        // Written with the list when it arrives (its ids and files are not known yet).
        while (!RunRecord::isValidId(run.id) || m_model->find(run.id))
            run.id = QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
        m_model->append(std::move(run));
        emit changed();
        return true;
    }
    bool ok = storeModel(run, m_model->runs(), error);
    m_model->append(std::move(run));
    if (m_readOnly.isEmpty())
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
    // Only runs read or added this session are listed, and their ids were checked: the file
    // removed is always inside the runs folder. While the list loads, only runs added meanwhile
    // are listed, and none has a file yet.
    if (!m_model->find(id) || !RunRecord::isValidId(id) || !m_readOnly.isEmpty())
        return false;
    if (!isLoading())
        QFile::remove(modelPath(id));
    m_model->remove(id);
    const bool ok = save(nullptr);
    emit changed();
    return ok;
}

bool RunStore::save(QString *error)
{
    if (!m_readOnly.isEmpty()) {
        if (error)
            *error = m_readOnly;
        return false;
    }
    // Never the list without the saved runs: what changes meanwhile is saved when it arrives.
    if (isLoading())
        return true;
    QJsonArray all;
    for (const auto &r : m_model->runs())
        all.append(r.toJson());
    for (const auto &kept : m_kept)
        all.append(kept);
    const QByteArray bytes
        = QJsonDocument(
              QJsonObject{{"format", "tinyml-runs"}, {"version", kRunListVersion}, {"runs", all}})
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
    m_loader->cancel();
    apply(readRunList(m_folder, core::Progress{}), {}, error);
}

void RunStore::loadInBackground()
{
    m_model->reset({});
    m_loader->start<RunListContents>(
        [folder = m_folder](const core::Progress &progress) {
            return readRunList(folder, progress);
        },
        [this](RunListContents contents) {
            // Runs added while loading: listed after the saved ones, and saved with them.
            std::vector<RunRecord> added = m_model->runs();
            QString error;
            apply(std::move(contents), std::move(added), &error);
            emit loaded(error);
        });
}

bool RunStore::finishLoading(int timeoutMs)
{
    if (!isLoading())
        return true;
    if (m_model->runs().empty()) {
        // Nothing to save: runs.json stays as it is.
        m_loader->cancel();
        return true;
    }
    return m_loader->deliverNow(timeoutMs);
}

void RunStore::apply(RunListContents contents, std::vector<RunRecord> added, QString *error)
{
    m_kept.clear();
    m_setAside.clear();
    m_readOnly.clear();
    if (error)
        error->clear();
    const QString path = m_folder + QStringLiteral("/runs.json");
    std::vector<RunRecord> runs;
    if (contents.unreadable.isEmpty() && contents.version > kRunListVersion) {
        // A newer studio's list: left as it is, and nothing of this session is written to it.
        m_readOnly = tr("The saved runs in %1 are from a newer TinyML Studio (list version %2); "
                        "they are left untouched and new runs are not saved.")
                         .arg(m_folder)
                         .arg(contents.version);
        if (error)
            *error = m_readOnly;
    } else if (!contents.unreadable.isEmpty()) {
        // Never overwritten: moved aside, and a new list begins.
        const QString aside
            = path + QStringLiteral(".unreadable-")
              + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
        QString target = aside;
        for (int n = 2; QFileInfo(target).exists() || QFileInfo(target).isSymLink(); ++n)
            target = aside + QLatin1Char('-') + QString::number(n);
        if (QFile::rename(path, target)) {
            m_setAside = target;
            if (error)
                *error = tr("%1 It was kept as %2; a new run list begins.")
                             .arg(contents.unreadable, target);
        } else {
            m_readOnly = tr("%1 It cannot be moved aside, so new runs are not saved.")
                             .arg(contents.unreadable);
            if (error)
                *error = m_readOnly;
        }
    } else {
        runs = std::move(contents.runs);
        m_kept = std::move(contents.kept);
        if (error && !m_kept.empty())
            *error = tr("Saved runs that could not be read (%1 of %2) are kept unchanged in %3. "
                        "First: %4")
                         .arg(QLocale().toString(qlonglong(m_kept.size())),
                              QLocale().toString(qlonglong(m_kept.size() + runs.size())),
                              m_folder, contents.firstProblem);
    }
    bool stored = true;
    QString storeError;
    for (RunRecord &run : added) {
        stored = storeModel(run, runs, &storeError) && stored;
        runs.push_back(std::move(run));
    }
    m_model->reset(std::move(runs));
    if (!added.empty() && m_readOnly.isEmpty())
        stored = save(&storeError) && stored;
    if (error && !stored && !storeError.isEmpty() && storeError != m_readOnly)
        *error += (error->isEmpty() ? QString() : QStringLiteral(" ")) + storeError;
    emit changed();
}

} // namespace tinyml::ui
