// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/dataset.h"

#include <QFuture>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>

#include <memory>

namespace tinyml::ui {

class BackgroundJob;
struct UserDigitsRead;

/// The learner's own labelled drawings (28x28, as the network saw them), kept on disk as a
/// pair of IDX files like MNIST's: they can be viewed, cleaned and mixed into training.
/// Saving writes both files beside the pair first (".new", images then labels) and then renames
/// them over it (images, then labels): a crash at any point leaves either the old pair, or a
/// complete new pair that load() finishes putting in place. A pair that cannot be read is never
/// overwritten: it is moved aside (".unreadable-<time>") before the next save.
/// Lives on the GUI thread.
class UserDigits : public QObject
{
    Q_OBJECT

public:
    /// folder: empty for QStandardPaths::AppDataLocation/my-digits.
    explicit UserDigits(const QString &folder = QString(), QObject *parent = nullptr);

    QString folder() const { return m_folder; }
    const core::Dataset &data() const { return m_data; }
    std::size_t size() const { return m_data.size(); }

    /// Adds a 28x28 image with its label and saves; false with the reason on failure
    /// (nothing is lost: the set on disk is replaced atomically or not at all).
    bool add(const std::array<std::uint8_t, 784> &pixels, int label, QString *error = nullptr);
    bool remove(std::size_t index, QString *error = nullptr);
    /// Reads the set from disk (at most kMaxDrawings); a damaged set is reported and left
    /// untouched on disk until the next save moves it aside.
    bool load(QString *error = nullptr);
    /// load() on a worker thread, for the studio's start: kMaxDrawings drawings (78 MB) take
    /// 31 to 44 ms to read, 1,000 under 1 ms. Until they arrive, isLoading() is true and the set
    /// holds only drawings added meanwhile; those are kept, follow the saved ones and are saved
    /// with them when they arrive (never in their place). Then loaded() tells what load()'s
    /// error would, or why the drawings added meanwhile could not be saved.
    void loadInBackground();
    bool isLoading() const;
    /// For quitting while the set is loading: stops reading when nothing was added meanwhile;
    /// otherwise waits up to timeoutMs for the set, to save the added drawings with it. True
    /// when nothing is loading any more (false: call again later).
    bool finishLoading(int timeoutMs);
    /// Where the last save moved an unreadable pair (images, labels), or empty.
    QStringList setAsideFiles() const { return m_setAside; }

    static constexpr std::uint32_t kMaxDrawings = 100000;

    /// MNIST's training set with the learner's drawings appended, each `repeat` times, so that
    /// a handful of drawings still counts among 60,000 images.
    static core::Dataset mixedInto(const core::Dataset &train, const core::Dataset &own, int repeat);
    /// mixedInto() on a thread of pool: copying MNIST's 47 MB never stalls the GUI thread.
    /// The future has the mixed set as its one result, or none when it was cancelled before
    /// the copy began.
    static QFuture<std::shared_ptr<const core::Dataset>>
    mixInBackground(std::shared_ptr<const core::Dataset> train, core::Dataset own, int repeat,
                    QThreadPool *pool = QThreadPool::globalInstance());

signals:
    void changed();
    /// One line for the learner about the files (an unreadable pair moved aside).
    void notice(const QString &text);
    /// The set read by loadInBackground() is in place; error as load() gives it, or empty.
    void loaded(const QString &error);

private:
    bool save(QString *error);
    QString path(const char *name, const char *suffix = "") const;
    /// Puts what was read in place; false with load()'s error when it could not be read.
    bool apply(UserDigitsRead read, QString *error);
    /// Moves the unreadable pair aside; false with the reason when it cannot.
    bool moveUnreadableAside(QString *error);

    QString m_folder;
    core::Dataset m_data;
    bool m_unreadable = false; ///< the pair on disk could not be read: never overwrite it
    QStringList m_setAside;
    BackgroundJob *m_loader;
};

} // namespace tinyml::ui
