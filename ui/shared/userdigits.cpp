// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shared/userdigits.h"

#include "ui/shared/errortext.h"

#include "core/base/error.h"

#include <QDir>
#include <QFile>
#include <QPromise>
#include <QStandardPaths>

namespace tinyml::ui {

namespace {
const char *kImages = "images-idx3-ubyte";
const char *kLabels = "labels-idx1-ubyte";
} // namespace

UserDigits::UserDigits(const QString &folder, QObject *parent)
    : QObject(parent)
    , m_folder(folder.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                      + QStringLiteral("/my-digits")
                                : folder)
{
    m_data.name = "my digits";
    m_data.rows = 28;
    m_data.cols = 28;
    m_data.classNames = core::classNames(core::DatasetKind::Mnist);
}

bool UserDigits::load(QString *error)
{
    const QString images = m_folder + QLatin1Char('/') + QLatin1String(kImages);
    if (!QFile::exists(images)) {
        m_data.images.clear();
        m_data.labels.clear();
        emit changed();
        return true;
    }
    try {
        core::Dataset d = core::loadIdxPair(images.toStdString(),
                                            (m_folder + QLatin1Char('/') + QLatin1String(kLabels)).toStdString(),
                                            "my digits");
        if (d.rows != 28 || d.cols != 28)
            throw core::Error(
                core::ErrorCode::IdxBadDimensions,
                {.file = images.toStdString(), .rows = d.rows, .cols = d.cols, .expected = 28});
        d.classNames = m_data.classNames;
        m_data = std::move(d);
        emit changed();
        return true;
    } catch (const core::Error &e) {
        if (error)
            *error = errorText(e);
        return false;
    }
}

bool UserDigits::save(QString *error)
{
    try {
        QDir().mkpath(m_folder);
        const std::string base = m_folder.toStdString() + "/";
        if (m_data.size() == 0) {
            QFile::remove(m_folder + QLatin1Char('/') + QLatin1String(kImages));
            QFile::remove(m_folder + QLatin1Char('/') + QLatin1String(kLabels));
            return true;
        }
        // Labels first: a crash in between leaves a count mismatch that load() reports,
        // never a silently shifted set.
        core::writeIdxLabels(base + kLabels, m_data.labels);
        core::writeIdxImages(base + kImages, 28, 28, m_data.images);
        return true;
    } catch (const core::Error &e) {
        if (error)
            *error = errorText(e);
        return false;
    }
}

bool UserDigits::add(const std::array<std::uint8_t, 784> &pixels, int label, QString *error)
{
    if (label < 0 || label > 9) {
        if (error)
            *error = tr("A digit's label must be 0 to 9.");
        return false;
    }
    m_data.images.insert(m_data.images.end(), pixels.begin(), pixels.end());
    m_data.labels.push_back(std::uint8_t(label));
    const bool ok = save(error);
    if (!ok) {
        m_data.images.resize(m_data.images.size() - 784);
        m_data.labels.pop_back();
    }
    emit changed();
    return ok;
}

bool UserDigits::remove(std::size_t index, QString *error)
{
    if (index >= m_data.size())
        return false;
    const core::Dataset before = m_data;
    m_data.images.erase(m_data.images.begin() + std::ptrdiff_t(index * 784),
                        m_data.images.begin() + std::ptrdiff_t((index + 1) * 784));
    m_data.labels.erase(m_data.labels.begin() + std::ptrdiff_t(index));
    const bool ok = save(error);
    if (!ok)
        m_data = before;
    emit changed();
    return ok;
}

core::Dataset UserDigits::mixedInto(const core::Dataset &train, const core::Dataset &own, int repeat)
{
    core::Dataset mixed = train;
    for (int r = 0; r < repeat; ++r) {
        mixed.images.insert(mixed.images.end(), own.images.begin(), own.images.end());
        mixed.labels.insert(mixed.labels.end(), own.labels.begin(), own.labels.end());
    }
    return mixed;
}

QFuture<std::shared_ptr<const core::Dataset>>
UserDigits::mixInBackground(std::shared_ptr<const core::Dataset> train, core::Dataset own,
                            int repeat, QThreadPool *pool)
{
    using Result = std::shared_ptr<const core::Dataset>;
    auto promise = std::make_shared<QPromise<Result>>();
    QFuture<Result> future = promise->future();
    promise->start();
    pool->start([promise, train = std::move(train), own = std::move(own), repeat] {
        if (!promise->isCanceled())
            promise->addResult(std::make_shared<const core::Dataset>(mixedInto(*train, own, repeat)));
        promise->finish();
    });
    return future;
}

} // namespace tinyml::ui
