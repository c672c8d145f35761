// SPDX-License-Identifier: GPL-3.0-or-later
// MNIST's checksums are written once (resources/mnist.sha256): the studio embeds that file and
// scripts/fetch-mnist.sh reads it. Both must see the same list and reach the same verdict on
// real folders as coreutils' `sha256sum --check` (label "mnist": the real files are needed).
#include "testsupport.h"

#include "ui/shared/datasource.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using tinyml::ui::DataSource;

namespace {

QString sourceFile(const QString &relative)
{
    return QString::fromLocal8Bit(qgetenv("TINYML_SOURCE_DIR")) + QLatin1Char('/') + relative;
}

/// Exit code of a command (-1 when it could not run), its standard output in out.
int run(const QString &program,
        const QStringList &args,
        const QString &dir = {},
        QString *out = nullptr)
{
    QProcess p;
    if (!dir.isEmpty())
        p.setWorkingDirectory(dir);
    p.start(program, args);
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit)
        return -1;
    if (out)
        *out = QString::fromUtf8(p.readAllStandardOutput());
    return p.exitCode();
}

const QStringList kNames
    = {QStringLiteral("train-images-idx3-ubyte"), QStringLiteral("train-labels-idx1-ubyte"),
       QStringLiteral("t10k-images-idx3-ubyte"), QStringLiteral("t10k-labels-idx1-ubyte")};

} // namespace

class TestChecksums : public QObject
{
    Q_OBJECT

    QString m_mnist;

private slots:
    void initTestCase()
    {
        m_mnist = QString::fromStdString(tinyml::test::mnistDir().string());
        for (const QString &name : kNames)
            QVERIFY2(QFile::exists(m_mnist + QLatin1Char('/') + name), qPrintable(m_mnist));
    }

    void embeddedListIsTheRepositoryFile()
    {
        QFile embedded(tinyml::ui::kMnistChecksumsResource);
        QFile committed(sourceFile(QStringLiteral("resources/mnist.sha256")));
        QVERIFY(embedded.open(QIODevice::ReadOnly));
        QVERIFY(committed.open(QIODevice::ReadOnly));
        QCOMPARE(embedded.readAll(), committed.readAll());
    }

    void scriptAndStudioReadTheSameList()
    {
        QString listed;
        QCOMPARE(
            run(QStringLiteral("bash"),
                {sourceFile(QStringLiteral("scripts/fetch-mnist.sh")), QStringLiteral("--list")},
                {}, &listed),
            0);
        QStringList fromScript;
        for (const QString &line : listed.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            fromScript << line;
        QStringList fromStudio;
        for (const auto &c : DataSource::mnistChecksums())
            fromStudio << c.name + QLatin1Char('\t') + QString::fromLatin1(c.sha256);
        QCOMPARE(fromStudio, fromScript);
        // The four standard files, each with 64 lower-case hex digits.
        QCOMPARE(fromStudio.size(), 4);
        const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
        for (const auto &c : DataSource::mnistChecksums()) {
            QVERIFY(kNames.contains(c.name));
            QVERIFY(hex.match(QString::fromLatin1(c.sha256)).hasMatch());
        }
    }

    // Folders built from the real files: script, studio and sha256sum judge them alike.
    void verdictsAgree_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<bool>("good");
        QTest::newRow("the real files") << QString() << true;
        QTest::newRow("one byte changed") << QStringLiteral("flip") << false;
        QTest::newRow("one byte more") << QStringLiteral("append") << false;
        QTest::newRow("one file missing") << QStringLiteral("remove") << false;
        QTest::newRow("files swapped") << QStringLiteral("swap") << false;
    }
    void verdictsAgree()
    {
        QFETCH(QString, change);
        QFETCH(bool, good);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (const QString &name : kNames)
            QVERIFY(QFile::link(m_mnist + QLatin1Char('/') + name, dir.filePath(name)));
        const QString labels = dir.filePath(QStringLiteral("t10k-labels-idx1-ubyte"));
        if (change == QLatin1String("flip") || change == QLatin1String("append")) {
            QFile original(m_mnist + QStringLiteral("/t10k-labels-idx1-ubyte"));
            QVERIFY(original.open(QIODevice::ReadOnly));
            QByteArray bytes = original.readAll();
            if (change == QLatin1String("flip"))
                bytes[5000] = char(bytes[5000] ^ 1);
            else
                bytes.append('\0');
            QVERIFY(QFile::remove(labels));
            QFile copy(labels);
            QVERIFY(copy.open(QIODevice::WriteOnly));
            QCOMPARE(copy.write(bytes), bytes.size());
        } else if (change == QLatin1String("remove")) {
            QVERIFY(QFile::remove(labels));
        } else if (change == QLatin1String("swap")) {
            const QString trainLabels = dir.filePath(QStringLiteral("train-labels-idx1-ubyte"));
            QVERIFY(QFile::remove(labels) && QFile::remove(trainLabels));
            QVERIFY(QFile::link(m_mnist + QStringLiteral("/train-labels-idx1-ubyte"), labels));
            QVERIFY(QFile::link(m_mnist + QStringLiteral("/t10k-labels-idx1-ubyte"), trainLabels));
        }

        const int coreutils = run(QStringLiteral("sha256sum"),
                                  {QStringLiteral("--check"), QStringLiteral("--status"),
                                   sourceFile(QStringLiteral("resources/mnist.sha256"))},
                                  dir.path());
        QCOMPARE(coreutils == 0, good);
        const int script
            = run(QStringLiteral("bash"), {sourceFile(QStringLiteral("scripts/fetch-mnist.sh")),
                                           QStringLiteral("--check"), dir.path()});
        QVERIFY(script == 0 || script == 1);
        QCOMPARE(script == 0, good);
        QString problem;
        QCOMPARE(DataSource::verifyMnist(dir.path(), &problem), good);
        QCOMPARE(problem.isEmpty(), good);
    }
};

QTEST_GUILESS_MAIN(TestChecksums)
#include "tst_checksums.moc"
