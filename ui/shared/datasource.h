// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/dataset.h"

#include <QObject>
#include <QString>

#include <memory>

class QProcess;

namespace tinyml::ui {

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

    /// Checks the files: MNIST against the SHA-256 sums of docs/facts.md §1, Fashion-MNIST for presence.
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

    /// The SHA-256 checksums of the four MNIST files (docs/facts.md §1).
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
