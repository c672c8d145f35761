// SPDX-License-Identifier: GPL-3.0-or-later
// The studio executable's command line as a user meets it: --help and --version print and exit
// without opening the window; a bad command line is refused with a non-zero exit code.
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Result
{
    int code = -1;
    QString out;
    QString err;
};

/// Runs the studio with a fresh settings folder and English messages: offscreen, or with no
/// window system at all (no display, default platform plugin).
Result runStudio(const QStringList &args, bool display = true)
{
    static QTemporaryDir config;
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    if (!display)
        for (const char *name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
            env.remove(QLatin1String(name));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    env.insert(QStringLiteral("LANGUAGE"), QStringLiteral("en"));
    p.setProcessEnvironment(env);
    p.start(QString::fromLocal8Bit(qgetenv("TINYML_STUDIO")), args);
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

/// The version the top CMakeLists.txt declares, read independently of the executable.
QString projectVersion()
{
    QFile f(QString::fromLocal8Bit(qgetenv("TINYML_SOURCE_DIR"))
            + QStringLiteral("/CMakeLists.txt"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const auto m = QRegularExpression(QStringLiteral(R"(project\(\w+\s+VERSION\s+([0-9.]+))"))
                       .match(QString::fromUtf8(f.readAll()));
    return m.captured(1);
}

} // namespace

class TestStudio : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(QString::fromLocal8Bit(qgetenv("TINYML_STUDIO"))),
                 "TINYML_STUDIO not set");
        QVERIFY(!projectVersion().isEmpty());
    }

    void helpListsTheOptionsAndExits_data()
    {
        QTest::addColumn<QString>("flag");
        QTest::addColumn<bool>("display");
        QTest::newRow("--help") << QStringLiteral("--help") << true;
        QTest::newRow("-h") << QStringLiteral("-h") << true;
        QTest::newRow("--help without a display") << QStringLiteral("--help") << false;
    }
    void helpListsTheOptionsAndExits()
    {
        QFETCH(QString, flag);
        QFETCH(bool, display);
        const Result r = runStudio({flag}, display);
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("Usage:")), qPrintable(r.out));
        for (const char *option :
             {"--help", "--version", "--threads", "--benchmark-ui", "--benchmark-drawing"})
            QVERIFY2(r.out.contains(QLatin1String(option)), option);
    }

    void versionPrintsTheProjectVersion_data()
    {
        QTest::addColumn<QString>("flag");
        QTest::addColumn<bool>("display");
        QTest::newRow("--version") << QStringLiteral("--version") << true;
        QTest::newRow("-v") << QStringLiteral("-v") << true;
        QTest::newRow("--version without a display") << QStringLiteral("--version") << false;
    }
    void versionPrintsTheProjectVersion()
    {
        QFETCH(QString, flag);
        QFETCH(bool, display);
        const Result r = runStudio({flag}, display);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out.trimmed(), QStringLiteral("TinyML Studio ") + projectVersion());
    }

    void badCommandLineIsRefused_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown option") << QStringList{"--colour"} << "colour";
        QTest::newRow("threads zero") << QStringList{"--threads", "0"} << "--threads";
        QTest::newRow("threads word") << QStringList{"--threads", "many"} << "--threads";
        QTest::newRow("stray argument") << QStringList{"model.tmlm"} << "model.tmlm";
        QTest::newRow("benchmark count") << QStringList{"--benchmark-ui", "two"} << "N";
    }
    void badCommandLineIsRefused()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Result r = runStudio(args);
        QVERIFY2(r.code > 0, qPrintable(QString::number(r.code)));
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestStudio)
#include "tst_studio.moc"
