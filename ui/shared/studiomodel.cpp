// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shared/studiomodel.h"

#include "ui/shared/defaultmodel.h"
#include "ui/shared/errortext.h"
#include "ui/shared/storedvalue.h"

#include "core/base/error.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QSettings>

namespace tinyml::ui {

StudioModel::StudioModel(QObject *parent)
    : QObject(parent), m_opening(new BackgroundJob(this))
{
    connect(m_opening, &BackgroundJob::failed, this,
            [this](const QString &reason) { emit openFailed(m_openingPath, reason, false); });
}

void StudioModel::setModel(std::shared_ptr<const core::LoadedModel> model, const QString &origin,
                           bool unsaved)
{
    m_model = std::move(model);
    m_origin = origin;
    m_unsaved = unsaved;
    emit modelChanged();
}

void StudioModel::markSaved(const QString &origin)
{
    m_unsaved = false;
    m_origin = origin;
    emit modelChanged();
}

void StudioModel::setInput(const std::array<float, 784> &pixels, int label, const QString &source)
{
    m_input.pixels = pixels;
    m_input.label = label;
    m_input.source = source;
    m_input.valid = true;
    emit inputChanged();
}

bool StudioModel::loadDefault(QString *error)
{
    try {
        setModel(std::make_shared<const core::LoadedModel>(loadDefaultModel()),
                 tr("embedded default model"), false);
        return true;
    } catch (const core::Error &e) {
        if (error)
            *error = errorText(e);
        return false;
    }
}

bool StudioModel::loadFile(const QString &path, QString *error,
                           std::optional<core::TfliteInputRange> inputRange, bool *needsInputRange)
{
    if (needsInputRange)
        *needsInputRange = false;
    try {
        setModel(readModelFile(path, inputRange), QFileInfo(path).fileName(), false);
        return true;
    } catch (const core::Error &e) {
        if (needsInputRange && e.code() == core::ErrorCode::TfliteInputRangeUnknown)
            *needsInputRange = true;
        if (error)
            *error = errorText(e);
        return false;
    }
}

std::shared_ptr<const core::LoadedModel>
StudioModel::readModelFile(const QString &path, std::optional<core::TfliteInputRange> inputRange)
{
    return std::make_shared<const core::LoadedModel>(
        path.startsWith(QLatin1Char(':'))
            ? loadModelFile(path)
            : core::loadAnyModel(path.toStdString(), {.inputRange = inputRange}));
}

void StudioModel::openFile(const QString &path, std::optional<core::TfliteInputRange> inputRange)
{
    // The result: the model read, or none and why when the file does not say its input range.
    using Read = std::pair<std::shared_ptr<const core::LoadedModel>, QString>;
    m_openingPath = path;
    m_opening->start<Read>(
        [path, inputRange](const core::Progress &) -> Read {
            try {
                return {readModelFile(path, inputRange), QString()};
            } catch (const core::Error &e) {
                if (e.code() == core::ErrorCode::TfliteInputRangeUnknown)
                    return {nullptr, errorText(e)};
                throw;
            }
        },
        [this, path](Read read) {
            if (!read.first) {
                emit openFailed(path, read.second, true);
                return;
            }
            setModel(std::move(read.first), QFileInfo(path).fileName(), false);
            emit fileOpened(path);
        });
}

bool StudioModel::isOpening() const { return m_opening->isRunning(); }

namespace {

QString inputRangeKey(const QString &path)
{
    const QByteArray file = QFileInfo(path).absoluteFilePath().toUtf8();
    return QStringLiteral("tfliteInputRange/")
           + QString::fromLatin1(QCryptographicHash::hash(file, QCryptographicHash::Sha1).toHex());
}

} // namespace

std::optional<core::TfliteInputRange> StudioModel::rememberedInputRange(const QString &path)
{
    const QString key = inputRangeKey(path);
    const QVariant value = QSettings().value(key);
    if (!value.isValid())
        return std::nullopt;
    StoredValues check(settings::source());
    const QString text = check.choice(value, {QStringLiteral("0..1"), QStringLiteral("0..255"),
                                              QStringLiteral("-1..1")},
                                      QString(), "tfliteInputRange");
    return core::tfliteInputRangeFromString(text.toStdString());
}

void StudioModel::rememberInputRange(const QString &path, core::TfliteInputRange range)
{
    QSettings().setValue(inputRangeKey(path), QString::fromUtf8(core::toString(range)));
}

QString StudioModel::importNote() const
{
    if (!m_model)
        return {};
    const auto &info = m_model->info;
    const auto value = [&](std::string_view key) {
        const auto it = info.find(std::string(key));
        return it == info.end() ? QString() : QString::fromStdString(it->second);
    };
    if (value(core::kInfoFormat) != QLatin1String("tflite"))
        return {};
    const QString weights = value(core::kInfoTfliteWeights);
    const QString range = value(core::kInfoTfliteInputRange);
    const QString shown = range == QLatin1String("-1..1") ? QStringLiteral("−1..1") : range;
    QString note = value(core::kInfoTfliteQuantization).isEmpty()
                       ? tr("TensorFlow Lite model, float32, input range %1.").arg(shown)
                       : tr("TensorFlow Lite model with %1 weights, dequantized to float32 (results "
                            "can differ slightly from TensorFlow Lite Micro’s integer kernels); "
                            "input range %2.")
                             .arg(weights, shown);
    return note + QLatin1Char(' ')
           + tr("Saving writes the studio’s own format (.tmlm), not a .tflite.");
}

bool StudioModel::saveFile(const QString &path, QString *error)
{
    if (!m_model) {
        if (error)
            *error = tr("There is no model to save.");
        return false;
    }
    try {
        core::saveModel(path.toStdString(), m_model->network,
                        m_model->optimizer ? &*m_model->optimizer : nullptr,
                        core::infoForSaving(m_model->info));
        markSaved(QFileInfo(path).fileName());
        return true;
    } catch (const core::Error &e) {
        if (error)
            *error = errorText(e);
        return false;
    }
}

QString StudioModel::modelFileName(const QString &chosen)
{
    if (chosen.isEmpty() || chosen.endsWith(QLatin1String(".tmlm"), Qt::CaseInsensitive))
        return chosen;
    return chosen + QStringLiteral(".tmlm");
}

} // namespace tinyml::ui
