// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shared/datasource.h"

#include "ui/shared/errortext.h"
#include "ui/shared/storedvalue.h"

#include "core/base/error.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QPointer>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>

#include <memory>

namespace tinyml::ui {

namespace {

int index(core::DatasetKind kind) { return kind == core::DatasetKind::Mnist ? 0 : 1; }

/// Runs fn on a new thread owned by owner (which waits for it when destroyed); the thread
/// deletes itself when done.
template<typename Fn>
void runInBackground(QObject *owner, Fn fn)
{
    QThread *thread = QThread::create(std::move(fn));
    thread->setParent(owner);
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

} // namespace

DataSource::DataSource(QObject *parent)
    : QObject(parent)
{}

DataSource::~DataSource()
{
    cancelFetch();
    // A check or a load still running (the window closed right after opening) ends first.
    for (QThread *thread : findChildren<QThread *>())
        thread->wait();
}

QString DataSource::directory(core::DatasetKind kind) const
{
    if (kind == core::DatasetKind::Mnist) {
        const QVariant stored = QSettings().value(QStringLiteral("data/mnistDir"));
        const QString saved = stored.toString();
        // A folder the learner chose is an absolute path; anything else came from elsewhere.
        const bool usable = stored.typeId() == QMetaType::QString && saved.size() <= 4096
                            && QDir::isAbsolutePath(saved) && !saved.contains(QChar(0));
        if (!saved.isEmpty() && !usable) {
            StoredValues check(settings::source());
            check.replaced("data/mnistDir", saved.left(40));
        } else if (!saved.isEmpty() && qEnvironmentVariableIsEmpty("TINYML_DATA")) {
            return saved;
        }
    }
    return QString::fromStdString(core::defaultDirectory(kind).string());
}

void DataSource::setMnistDirectory(const QString &dir)
{
    QSettings().setValue(QStringLiteral("data/mnistDir"), dir);
    m_cache[0] = {};
    check();
}

DataSource::Status DataSource::status(core::DatasetKind kind) const { return m_status[index(kind)]; }

QString DataSource::statusText(core::DatasetKind kind) const
{
    const QString dir = directory(kind);
    const QString name = kind == core::DatasetKind::Mnist ? tr("MNIST") : tr("Fashion-MNIST");
    switch (status(kind)) {
    case Status::Unknown:
    case Status::Checking:
        return tr("%1: checking %2…").arg(name, dir);
    case Status::Verified:
        return tr("%1: verified (SHA-256) in %2").arg(name, dir);
    case Status::Found:
        return tr("%1: found in %2").arg(name, dir);
    case Status::Missing:
        return kind == core::DatasetKind::Mnist
                   ? tr("%1 is missing from %2. Fetch it, or choose the folder that holds it.").arg(name, dir)
                   : tr("%1 is missing: install Debian's dataset-fashion-mnist package.").arg(name);
    case Status::Corrupt:
        return tr("%1 in %2 is damaged: %3").arg(name, dir, m_problem[index(kind)]);
    case Status::Fetching:
        return tr("%1: fetching…").arg(name);
    }
    return {};
}

QList<DataSource::Checksum> DataSource::mnistChecksums()
{
    QList<Checksum> sums;
    QFile file(kMnistChecksumsResource);
    if (!file.open(QIODevice::ReadOnly))
        return sums;
    // sha256sum's format: 64 hex digits, two spaces (or space and '*'), the file name.
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const qsizetype space = line.indexOf(' ');
        if (space != 64)
            continue;
        QByteArray name = line.mid(space + 1);
        if (name.startsWith(' ') || name.startsWith('*'))
            name.remove(0, 1);
        sums.append({QString::fromUtf8(name), line.left(space).toLower()});
    }
    return sums;
}

bool DataSource::verifyMnist(const QString &dir, QString *problem)
{
    const QList<Checksum> sums = mnistChecksums();
    if (sums.size() != 4) {
        if (problem)
            *problem = tr("the MNIST checksums are not embedded in this build");
        return false;
    }
    for (const Checksum &f : sums) {
        QFile file(dir + QLatin1Char('/') + f.name);
        if (!file.open(QIODevice::ReadOnly)) {
            if (problem)
                *problem = tr("%1 is missing").arg(f.name);
            return false;
        }
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(&file);
        if (hash.result().toHex() != f.sha256) {
            if (problem)
                *problem = tr("%1 has the wrong SHA-256 checksum").arg(f.name);
            return false;
        }
    }
    return true;
}

void DataSource::check()
{
    m_status[0] = m_status[1] = Status::Checking;
    emit statusChanged();
    const QString mnist = directory(core::DatasetKind::Mnist);
    const QString fashion = directory(core::DatasetKind::FashionMnist);
    QPointer<DataSource> self(this);
    const int generation = ++m_checkGeneration;
    runInBackground(this, [self, mnist, fashion, generation] {
        QString problem;
        const bool anyFile = QFile::exists(mnist + QStringLiteral("/train-images-idx3-ubyte"));
        const bool ok = verifyMnist(mnist, &problem);
        const Status m = ok ? Status::Verified : (anyFile ? Status::Corrupt : Status::Missing);
        bool fashionFound = true;
        for (const char *base : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                 "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
            const QString path = fashion + QLatin1Char('/') + QLatin1String(base);
            fashionFound = fashionFound && (QFile::exists(path) || QFile::exists(path + QStringLiteral(".gz")));
        }
        const Status f = fashionFound ? Status::Found : Status::Missing;
        QMetaObject::invokeMethod(QCoreApplication::instance(), [self, m, f, problem, generation] {
            if (!self || self->m_status[0] == Status::Fetching || generation != self->m_checkGeneration)
                return;
            self->m_status[0] = m;
            self->m_problem[0] = problem;
            self->m_status[1] = f;
            emit self->statusChanged();
        });
    });
}

bool DataSource::isFetching() const { return m_fetch != nullptr; }

void DataSource::fetchMnist()
{
    if (m_fetch)
        return;
    // The script and the checksum list are embedded, so the studio fetches exactly as
    // scripts/fetch-mnist.sh does; the script finds the list at ../resources/ as in the repo.
    auto folder = std::make_shared<QTemporaryDir>();
    const QString script = folder->filePath(QStringLiteral("scripts/fetch-mnist.sh"));
    const QString sums = folder->filePath(QStringLiteral("resources/mnist.sha256"));
    if (!folder->isValid() || !QDir(folder->path()).mkpath(QStringLiteral("scripts"))
        || !QDir(folder->path()).mkpath(QStringLiteral("resources"))
        || !QFile::copy(QStringLiteral(":/scripts/fetch-mnist.sh"), script)
        || !QFile::copy(kMnistChecksumsResource, sums)) {
        emit fetchFinished(false, tr("The fetch script is not embedded in this build."));
        return;
    }
    m_fetch = new QProcess(this);
    m_fetch->setProcessChannelMode(QProcess::MergedChannels);
    m_status[0] = Status::Fetching;
    emit statusChanged();
    connect(m_fetch, &QProcess::readyRead, this, [this] {
        while (m_fetch && m_fetch->canReadLine())
            emit fetchProgress(QString::fromUtf8(m_fetch->readLine()).trimmed());
    });
    // The temporary folder lives as long as the process and its connections.
    connect(m_fetch, &QProcess::finished, this, [this, folder](int code, QProcess::ExitStatus st) {
        const QString rest = QString::fromUtf8(m_fetch->readAll()).trimmed();
        m_fetch->deleteLater();
        m_fetch = nullptr;
        m_status[0] = Status::Unknown;
        const bool ok = st == QProcess::NormalExit && code == 0;
        emit fetchFinished(ok, ok ? tr("MNIST is fetched and verified.")
                                  : tr("Fetching MNIST failed. %1").arg(rest));
        check();
    });
    m_fetch->start(QStringLiteral("bash"), {script, directory(core::DatasetKind::Mnist)});
}

void DataSource::cancelFetch()
{
    if (!m_fetch)
        return;
    m_fetch->disconnect(this);
    m_fetch->kill();
    m_fetch->waitForFinished(2000);
    delete m_fetch;
    m_fetch = nullptr;
}

std::shared_ptr<const core::Dataset> DataSource::train(core::DatasetKind kind) const
{
    return m_cache[index(kind)].train;
}

std::shared_ptr<const core::Dataset> DataSource::test(core::DatasetKind kind) const
{
    return m_cache[index(kind)].test;
}

void DataSource::load(core::DatasetKind kind)
{
    if (m_cache[index(kind)].train) {
        QMetaObject::invokeMethod(this, [this, kind] { emit loaded(kind); }, Qt::QueuedConnection);
        return;
    }
    const std::filesystem::path dir = directory(kind).toStdString();
    QPointer<DataSource> self(this);
    runInBackground(this, [self, kind, dir] {
        try {
            auto train = std::make_shared<const core::Dataset>(core::loadDataset(kind, core::Split::Train, dir));
            auto test = std::make_shared<const core::Dataset>(core::loadDataset(kind, core::Split::Test, dir));
            QMetaObject::invokeMethod(QCoreApplication::instance(), [self, kind, train, test] {
                if (!self)
                    return;
                self->m_cache[index(kind)] = {train, test};
                emit self->loaded(kind);
            });
        } catch (const std::exception &e) {
            const QString error = errorText(e);
            QMetaObject::invokeMethod(QCoreApplication::instance(), [self, kind, error] {
                if (self)
                    emit self->loadFailed(kind, error);
            });
        }
    });
}

} // namespace tinyml::ui
