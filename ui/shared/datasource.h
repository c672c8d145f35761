// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/dataset.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QProcess;

namespace tinyml::ui {

/// Resource path of the MNIST checksum list (resources/mnist.sha256, sha256sum's
/// format; docs/facts.md §1).
inline const QString kMnistChecksumsResource = QStringLiteral(":/mnist.sha256");

/// Where the datasets are, whether they are verified, fetching MNIST, and loading both splits
/// off the GUI thread. Lives on the GUI thread; its background jobs report through queued
/// signals and never touch widgets.
class DataSource : public QObject
{
    Q_OBJECT

public:
    enum class Status { Unknown, Checking, Verified, Found, Missing, Corrupt, Fetching };
    Q_ENUM(Status)

    explicit DataSource(QObject *parent = nullptr);
    ~DataSource() override;

    QString directory(core::DatasetKind kind) const;
    /// Remembers another MNIST folder (QSettings) and checks it.
    void setMnistDirectory(const QString &dir);
    Status status(core::DatasetKind kind) const;
    QString statusText(core::DatasetKind kind) const;

    /// Checks the files: MNIST against its SHA-256 sums (docs/facts.md §1), Fashion-MNIST for presence.
    void check();
    /// Runs the fetch script (the same sources and checks as scripts/fetch-mnist.sh).
    void fetchMnist();
    void cancelFetch();
    bool isFetching() const;

    /// Loads train and test of kind in the background; loaded() or loadFailed() follows.
    /// Loaded datasets are cached; a cached kind answers at once (still through the signal).
    void load(core::DatasetKind kind);
    std::shared_ptr<const core::Dataset> train(core::DatasetKind kind) const;
    std::shared_ptr<const core::Dataset> test(core::DatasetKind kind) const;

    /// One line of resources/mnist.sha256: a file name and its SHA-256 in lower-case hex.
    struct Checksum
    {
        QString name;
        QByteArray sha256;
    };
    /// The MNIST checksums as embedded from resources/mnist.sha256 (the list that
    /// scripts/fetch-mnist.sh reads too); empty when the build lacks it.
    static QList<Checksum> mnistChecksums();
    /// True when dir holds the four MNIST files with the right SHA-256; else problem says why.
    static bool verifyMnist(const QString &dir, QString *problem);

signals:
    void statusChanged();
    void fetchProgress(const QString &line);
    void fetchFinished(bool ok, const QString &message);
    void loaded(core::DatasetKind kind);
    void loadFailed(core::DatasetKind kind, const QString &error);

private:
    struct Cache
    {
        std::shared_ptr<const core::Dataset> train, test;
    };
    Status m_status[2] = {Status::Unknown, Status::Unknown};
    QString m_problem[2];
    Cache m_cache[2];
    QProcess *m_fetch = nullptr;
    int m_checkGeneration = 0; ///< only the latest check's result counts
};

} // namespace tinyml::ui
