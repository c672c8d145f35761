// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shared/userdigits.h"

#include "ui/shared/backgroundjob.h"
#include "ui/shared/errortext.h"

#include "core/base/error.h"
#include "core/io/fileio.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPromise>
#include <QStandardPaths>

namespace tinyml::ui {

/// What reading the pair found; read on any thread.
struct UserDigitsRead
{
    core::Dataset data; ///< empty when nothing is saved or the pair cannot be read
    QString error;      ///< why the pair cannot be read, or empty
};

namespace {

const char *kImages = "images-idx3-ubyte";
const char *kLabels = "labels-idx1-ubyte";
const char *kNew = ".new"; ///< a file of a save in progress

QString pathIn(const QString &folder, const char *name, const char *suffix = "")
{
    return folder + QLatin1Char('/') + QLatin1String(name) + QLatin1String(suffix);
}

/// Puts a complete new pair left by an interrupted save in place.
void finishInterruptedSave(const QString &folder)
{
    const auto path
        = [&](const char *name, const char *suffix = "") { return pathIn(folder, name, suffix); };
    const bool newImages = QFile::exists(path(kImages, kNew));
    const bool newLabels = QFile::exists(path(kLabels, kNew));
    if (newImages && newLabels) {
        // Both new files were complete; the renames had not begun.
        core::renameReplacing(path(kImages, kNew).toStdString(), path(kImages).toStdString());
        core::renameReplacing(path(kLabels, kNew).toStdString(), path(kLabels).toStdString());
    } else if (newLabels) {
        // The new images are in place already; their labels follow.
        core::renameReplacing(path(kLabels, kNew).toStdString(), path(kLabels).toStdString());
    } else if (newImages) {
        // The save stopped before its labels were written: the old pair is whole, the
        // half-written new one was never reported as saved.
        QFile::remove(path(kImages, kNew));
    }
}

/// Reads the pair in folder (finishing an interrupted save first); changes nothing else on disk.
UserDigitsRead readPair(const QString &folder)
{
    const auto path = [&](const char *name) { return pathIn(folder, name); };
    UserDigitsRead read;
    try {
        finishInterruptedSave(folder);
        const bool images
            = QFileInfo(path(kImages)).exists() || QFileInfo(path(kImages)).isSymLink();
        const bool labels
            = QFileInfo(path(kLabels)).exists() || QFileInfo(path(kLabels)).isSymLink();
        if (!images && !labels)
            return read;
        // A missing labels file is reported by the reader, after the images.
        if (!images)
            throw core::Error(core::ErrorCode::FileMissing, {.file = path(kImages).toStdString()});
        core::IdxLimits limits;
        limits.maxCount = UserDigits::kMaxDrawings;
        core::Dataset d = core::loadIdxPair(path(kImages).toStdString(),
                                            path(kLabels).toStdString(), "my digits", limits);
        if (d.rows != 28 || d.cols != 28)
            throw core::Error(core::ErrorCode::IdxBadDimensions,
                              {.file = path(kImages).toStdString(),
                               .rows = d.rows,
                               .cols = d.cols,
                               .expected = 28});
        read.data = std::move(d);
    } catch (const core::Error &e) {
        read.data = {};
        read.error = errorText(e);
    }
    return read;
}

} // namespace

UserDigits::UserDigits(const QString &folder, QObject *parent)
    : QObject(parent)
    , m_folder(folder.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                      + QStringLiteral("/my-digits")
                                : folder)
    , m_loader(new BackgroundJob(this))
{
    m_data.name = "my digits";
    m_data.rows = 28;
    m_data.cols = 28;
    m_data.classNames = core::classNames(core::DatasetKind::Mnist);
    connect(m_loader, &BackgroundJob::failed, this, [this](const QString &message) {
        // Not known what the pair holds (out of memory): treated as unreadable, never written.
        m_unreadable = true;
        emit changed();
        emit loaded(message);
    });
}

QString UserDigits::path(const char *name, const char *suffix) const
{
    return pathIn(m_folder, name, suffix);
}

bool UserDigits::load(QString *error)
{
    m_loader->cancel();
    return apply(readPair(m_folder), error);
}

bool UserDigits::apply(UserDigitsRead read, QString *error)
{
    if (!read.error.isEmpty()) {
        // Nothing is read into the set and nothing on disk changes now; the next save moves
        // the pair aside instead of writing over it.
        m_data.images.clear();
        m_data.labels.clear();
        m_unreadable = true;
        if (error)
            *error = tr("%1 Your drawings are kept and set aside when the next one is saved.")
                         .arg(read.error);
        emit changed();
        return false;
    }
    m_data.images = std::move(read.data.images);
    m_data.labels = std::move(read.data.labels);
    m_unreadable = false;
    emit changed();
    return true;
}

bool UserDigits::isLoading() const { return m_loader->isRunning(); }

void UserDigits::loadInBackground()
{
    m_data.images.clear();
    m_data.labels.clear();
    m_loader->start<UserDigitsRead>(
        [folder = m_folder](const core::Progress &) { return readPair(folder); },
        [this](UserDigitsRead read) {
            // Drawings added while loading follow the saved ones and are saved with them.
            const core::Dataset added = m_data;
            QString error;
            apply(std::move(read), &error);
            if (added.size() > 0) {
                m_data.images.insert(m_data.images.end(), added.images.begin(),
                                     added.images.end());
                m_data.labels.insert(m_data.labels.end(), added.labels.begin(),
                                     added.labels.end());
                QString saveError;
                if (!save(&saveError))
                    error += (error.isEmpty() ? QString() : QStringLiteral(" ")) + saveError;
                emit changed();
            }
            emit loaded(error);
        });
}

bool UserDigits::finishLoading(int timeoutMs)
{
    if (!isLoading())
        return true;
    if (m_data.size() == 0) {
        // Nothing to save: the pair stays as it is.
        m_loader->cancel();
        return true;
    }
    return m_loader->deliverNow(timeoutMs);
}

bool UserDigits::moveUnreadableAside(QString *error)
{
    const QString stamp
        = QStringLiteral(".unreadable-")
          + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QStringList moved;
    for (const char *name : {kImages, kLabels}) {
        const QFileInfo file(path(name));
        if (!file.exists() && !file.isSymLink())
            continue;
        QString target = file.filePath() + stamp;
        for (int n = 2; QFileInfo(target).exists() || QFileInfo(target).isSymLink(); ++n)
            target = file.filePath() + stamp + QLatin1Char('-') + QString::number(n);
        if (!QFile::rename(file.filePath(), target)) {
            if (error)
                *error = tr("Your earlier drawings in %1 cannot be read and cannot be moved "
                            "aside, so nothing is saved over them.")
                             .arg(m_folder);
            return false;
        }
        moved << target;
    }
    m_setAside = moved;
    m_unreadable = false;
    emit notice(tr("Your earlier drawings could not be read; they are kept as %1.")
                    .arg(moved.join(QStringLiteral(", "))));
    return true;
}

bool UserDigits::save(QString *error)
{
    // Never the drawings without the saved ones: what changes meanwhile is saved when they arrive.
    if (isLoading())
        return true;
    try {
        QDir().mkpath(m_folder);
        if (m_unreadable && !moveUnreadableAside(error))
            return false;
        if (m_data.size() == 0) {
            // Labels first: a crash in between leaves images without labels, which load()
            // reports and keeps.
            QFile::remove(path(kLabels));
            QFile::remove(path(kImages));
            return true;
        }
        // Both new files complete beside the pair, then renamed over it (see the class).
        try {
            core::writeIdxImages(path(kImages, kNew).toStdString(), 28, 28, m_data.images);
            core::writeIdxLabels(path(kLabels, kNew).toStdString(), m_data.labels);
            core::renameReplacing(path(kImages, kNew).toStdString(), path(kImages).toStdString());
        } catch (const core::Error &) {
            // The old pair is still in place and whole.
            QFile::remove(path(kImages, kNew));
            QFile::remove(path(kLabels, kNew));
            throw;
        }
        // From here on the new pair is complete on disk; should this rename fail, load() puts
        // the labels in place.
        core::renameReplacing(path(kLabels, kNew).toStdString(), path(kLabels).toStdString());
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
    if (m_data.size() >= kMaxDrawings) {
        // A larger set could not be read back at the next start.
        if (error)
            *error = tr("You have %L1 drawings, the most the studio keeps. Delete some to add "
                        "new ones.")
                         .arg(kMaxDrawings);
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
