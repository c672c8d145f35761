// SPDX-License-Identifier: GPL-3.0-or-later
// Reading and writing files safely: a FIFO is refused without blocking, a save keeps the
// replaced file's permissions and symbolic links, and a group of files is written all or
// nothing (a write that fails at the file size limit changes nothing).
#include "core/base/error.h"
#include "core/io/fileio.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <functional>
#include <optional>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace tinyml::core;

namespace {

std::vector<std::uint8_t> bytesOf(const std::string &text)
{
    return {text.begin(), text.end()};
}

std::span<const std::uint8_t> spanOf(const std::string &text)
{
    return {reinterpret_cast<const std::uint8_t *>(text.data()), text.size()};
}

QByteArray contents(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("(unreadable)");
}

void put(const QString &file, const QByteArray &bytes)
{
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes), bytes.size());
}

mode_t modeOf(const QString &file)
{
    struct stat st
    {
    };
    ::stat(QFile::encodeName(file).constData(), &st);
    return st.st_mode & 07777;
}

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(
        QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

/// The name of the error code f throws, "none" when it throws nothing.
QString codeOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const Error &e) {
        return QString::fromUtf8(toString(e.code()));
    }
    return QStringLiteral("none");
}

QString nameOf(ErrorCode code)
{
    return QString::fromUtf8(toString(code));
}

/// Lowers the file size limit of this process (a write beyond it fails with EFBIG instead of
/// killing the process) and puts the old limit back on destruction.
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        getrlimit(RLIMIT_FSIZE, &m_old);
        m_oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit lower = m_old;
        lower.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &lower);
    }
    ~FileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, m_oldHandler);
    }

private:
    rlimit m_old{};
    void (*m_oldHandler)(int) = nullptr;
};

} // namespace

class TestSafeFiles : public QObject
{
    Q_OBJECT

private slots:
    // Opening a FIFO for reading waits for a writer: it must be refused before it is opened.
    void fifoIsRefusedWithoutBlocking()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath("pipe");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        QCOMPARE(codeOf([&] { readFile(fifo.toStdString(), 1000); }),
                 nameOf(ErrorCode::FileNotRegular));
        // Nor is one replaced by a save (it is not the user's file to overwrite).
        QCOMPARE(codeOf([&] { writeFileAtomically(fifo.toStdString(), bytesOf("x")); }),
                 nameOf(ErrorCode::FileNotRegular));
        QCOMPARE(codeOf([&] { readFile("/dev/zero", 1000); }), nameOf(ErrorCode::FileNotRegular));
    }

    void readFileReadsWhatWasWritten()
    {
        QTemporaryDir dir;
        put(dir.filePath("a"), "three\nlines\nhere");
        QCOMPARE(readFile(dir.filePath("a").toStdString(), 100), bytesOf("three\nlines\nhere"));
        put(dir.filePath("empty"), {});
        QVERIFY(readFile(dir.filePath("empty").toStdString(), 100).empty());
    }

    // The permission bits of the replaced file carry over; a new file gets the umask's.
    void saveKeepsTheMode_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("0600 private") << 0600;
        QTest::newRow("0640 group") << 0640;
        QTest::newRow("0444 read-only") << 0444;
        QTest::newRow("0755 executable") << 0755;
    }
    void saveKeepsTheMode()
    {
        QFETCH(int, mode);
        QTemporaryDir dir;
        const QString file = dir.filePath("model.tmlm");
        put(file, "old");
        QCOMPARE(::chmod(QFile::encodeName(file).constData(), mode_t(mode)), 0);
        writeFileAtomically(file.toStdString(), bytesOf("new contents"));
        QCOMPARE(contents(file), QByteArray("new contents"));
        QCOMPARE(int(modeOf(file)), mode);
        QCOMPARE(entries(dir.path()), QStringList{"model.tmlm"});
    }
    void newFileFollowsTheUmask()
    {
        QTemporaryDir dir;
        const mode_t old = ::umask(027);
        writeFileAtomically(dir.filePath("new").toStdString(), bytesOf("x"));
        ::umask(old);
        QCOMPARE(int(modeOf(dir.filePath("new"))), 0640);
    }

    // Saving through a symbolic link replaces the file it points to and keeps the link: an
    // absolute link, a relative one into another folder, a chain of two, a dangling one.
    void saveWritesThroughSymlinks_data()
    {
        QTest::addColumn<QString>("linkTarget"); // as written into the link
        QTest::addColumn<QString>("realFile");   // relative to the temporary folder
        QTest::addColumn<bool>("chain");
        QTest::newRow("absolute") << "@/store/model.tmlm"
                                  << "store/model.tmlm" << false;
        QTest::newRow("relative") << "../store/model.tmlm"
                                  << "store/model.tmlm" << false;
        QTest::newRow("chain") << "../store/model.tmlm"
                               << "store/model.tmlm" << true;
        QTest::newRow("dangling") << "../store/new.tmlm"
                                  << "store/new.tmlm" << false;
    }
    void saveWritesThroughSymlinks()
    {
        QFETCH(QString, linkTarget);
        QFETCH(QString, realFile);
        QFETCH(bool, chain);
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath("store") && QDir(dir.path()).mkpath("work"));
        put(dir.filePath("store/model.tmlm"), "old");
        linkTarget.replace(QLatin1Char('@'), dir.path());
        const QString link = dir.filePath("work/model.tmlm");
        QCOMPARE(::symlink(QFile::encodeName(linkTarget).constData(),
                           QFile::encodeName(link).constData()),
                 0);
        QString saved = link;
        if (chain) {
            saved = dir.filePath("work/latest.tmlm");
            QCOMPARE(::symlink("model.tmlm", QFile::encodeName(saved).constData()), 0);
        }
        writeFileAtomically(saved.toStdString(), bytesOf("new"));
        QVERIFY(QFileInfo(link).isSymLink());
        QCOMPARE(QFile::symLinkTarget(link), QFileInfo(dir.filePath(realFile)).absoluteFilePath());
        QCOMPARE(contents(dir.filePath(realFile)), QByteArray("new"));
        QCOMPARE(contents(saved), QByteArray("new"));
        // Nothing else appeared in either folder.
        QCOMPARE(entries(dir.filePath("store")).size(), realFile.endsWith("new.tmlm") ? 2 : 1);
        QCOMPARE(entries(dir.filePath("work")).size(), chain ? 2 : 1);
    }

    // A save that fails in the middle (the file size limit) leaves the old file as it was and
    // no temporary file.
    void failedSaveLeavesTheOldFile()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("model.tmlm");
        put(file, "the old model");
        const std::string big(64 * 1024, 'n');
        QString code;
        {
            const FileSizeLimit limit(4096);
            code = codeOf([&] { writeFileAtomically(file.toStdString(), spanOf(big)); });
        }
        QCOMPARE(code, nameOf(ErrorCode::FileWrite));
        QCOMPARE(contents(file), QByteArray("the old model"));
        QCOMPARE(entries(dir.path()), QStringList{"model.tmlm"});
    }

    // All files written, or none: the second file failing at the size limit keeps the first
    // old file too, and leaves no temporary folder.
    void filesTogetherAllOrNothing()
    {
        QTemporaryDir dir;
        put(dir.filePath("net.h"), "old header");
        put(dir.filePath("net.c"), "old source");
        QCOMPARE(::chmod(QFile::encodeName(dir.filePath("net.c")).constData(), 0600), 0);
        const std::string header = "new header";
        const std::string source(64 * 1024, 's');
        QString code;
        {
            const FileSizeLimit limit(4096);
            code = codeOf([&] {
                writeFilesTogether(dir.path().toStdString(),
                                   {{"net.h", spanOf(header)}, {"net.c", spanOf(source)}});
            });
        }
        QCOMPARE(code, nameOf(ErrorCode::FileWrite));
        QCOMPARE(contents(dir.filePath("net.h")), QByteArray("old header"));
        QCOMPARE(contents(dir.filePath("net.c")), QByteArray("old source"));
        QCOMPARE(entries(dir.path()), (QStringList{"net.c", "net.h"}));

        writeFilesTogether(dir.path().toStdString(),
                           {{"net.h", spanOf(header)}, {"net.c", spanOf(source)}, {"x.ino", {}}});
        QCOMPARE(contents(dir.filePath("net.h")), QByteArray::fromStdString(header));
        QCOMPARE(contents(dir.filePath("net.c")), QByteArray::fromStdString(source));
        QCOMPARE(int(modeOf(dir.filePath("net.c"))), 0600);
        QCOMPARE(entries(dir.path()), (QStringList{"net.c", "net.h", "x.ino"}));
    }

    // A folder where one of the files goes is refused before anything is written.
    void folderInTheWayIsRefused()
    {
        QTemporaryDir dir;
        put(dir.filePath("a.h"), "old a");
        QVERIFY(QDir(dir.path()).mkdir("b.c"));
        QVERIFY(QDir(dir.path()).mkdir("b.c/inside"));
        const std::string a = "new a", b = "new b";
        QCOMPARE(codeOf([&] {
                     writeFilesTogether(dir.path().toStdString(),
                                        {{"a.h", spanOf(a)}, {"b.c", spanOf(b)}});
                 }),
                 nameOf(ErrorCode::FileWrite));
        QCOMPARE(contents(dir.filePath("a.h")), QByteArray("old a"));
        QCOMPARE(entries(dir.path()), (QStringList{"a.h", "b.c"}));
    }
};

QTEST_GUILESS_MAIN(TestSafeFiles)
#include "tst_safefiles.moc"
