// SPDX-License-Identifier: GPL-3.0-or-later
// The `tinyml` command line on crafted model files with a valid checksum: evaluate, predict and
// export refuse each with one clear line and a non-zero exit, and write nothing.
#include "craftedmodel.h"
#include "testsupport.h"

#include <QDir>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace tinyml;
using test::CraftedLayer;
using test::FileActivation;

namespace {

struct Result
{
    int code = -1;
    QString out;
    QString err;
};

Result runCli(const QStringList &args, const QString &dataDir)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TINYML_DATA"), dataDir);
    p.setProcessEnvironment(env);
    p.start(QString::fromLocal8Bit(qgetenv("TINYML_CLI")), args);
    if (!p.waitForFinished(240000))
        return {};
    // A crash is not an exit code: -2 then.
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QByteArray bytesOf(const std::vector<std::uint8_t> &v)
{
    return QByteArray(reinterpret_cast<const char *>(v.data()), qsizetype(v.size()));
}

} // namespace

class TestHostileModels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // A small data set in MNIST's file names: evaluate and export need one.
        test::writeAsMnist(test::syntheticDigits(300, 3), test::syntheticDigits(100, 4),
                           m_dir.path().toStdString());
        QImage digit(28, 28, QImage::Format_Grayscale8);
        digit.fill(255);
        for (int y = 5; y < 23; ++y)
            for (int x = 12; x < 16; ++x)
                digit.setPixel(x, y, qRgb(0, 0, 0));
        QVERIFY(digit.save(m_dir.filePath(QStringLiteral("one.png"))));
    }

    void refusedWithOneLine_data()
    {
        QTest::addColumn<QByteArray>("model");
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("expected"); // part of the one line on stderr

        const QByteArray wide = bytesOf(test::craftModel(
            784, {{1, FileActivation::Relu, 0.01f, 0.0f}, {65536, FileActivation::Softmax}}));
        std::vector<CraftedLayer> small{{10, FileActivation::Softmax, 0.01f, 0.0f}};
        std::vector<float> nan = test::craftedParameters(784, small);
        nan[7] = std::numeric_limits<float>::quiet_NaN();
        const QByteArray nanModel = bytesOf(test::craftModel(784, small, nan));
        const QByteArray huge = bytesOf(test::craftModel(
            784, {{64, FileActivation::Relu, 1e30f}, {10, FileActivation::Softmax, 0.01f}}));
        // Loadable, but its int8 shift would be 31 (see tst_quantizesafety).
        const QByteArray shift = bytesOf(test::craftModel(
            784, {{10, FileActivation::Relu, -1.4e11f}, {10, FileActivation::Softmax, 0.01f}}));
        const QString classes = QStringLiteral("at most 256 classes");
        const QString notFinite = QStringLiteral("not finite");
        const QString tooLarge = QStringLiteral("weights may be at most");
        for (const QString &command :
             {QStringLiteral("evaluate"), QStringLiteral("predict"), QStringLiteral("export")}) {
            QTest::addRow("65536 classes, %s", qPrintable(command)) << wide << command << classes;
            QTest::addRow("NaN weight, %s", qPrintable(command))
                << nanModel << command << notFinite;
            QTest::addRow("weights 1e30, %s", qPrintable(command)) << huge << command << tooLarge;
        }
        QTest::newRow("int8 shift 31, export") << shift << "export-int8"
                                               << "requantization shift of 31";
    }
    void refusedWithOneLine()
    {
        QFETCH(QByteArray, model);
        QFETCH(QString, command);
        QFETCH(QString, expected);
        const QString file = m_dir.filePath(QStringLiteral("crafted.tmlm"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(model);
        f.close();
        QTemporaryDir out;
        QStringList args;
        if (command == QLatin1String("evaluate"))
            args = {"evaluate", "--model", file};
        else if (command == QLatin1String("predict"))
            args = {"predict", "--model", file, m_dir.filePath(QStringLiteral("one.png"))};
        else
            args = {"export",
                    "--model",
                    file,
                    "--calibration",
                    "100",
                    "--out",
                    out.path(),
                    "--precision",
                    command == QLatin1String("export") ? "float32" : "int8"};
        const Result r = runCli(args, m_dir.path());
        QVERIFY2(r.code > 0, qPrintable(QString::number(r.code) + r.err));
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
        QVERIFY2(!r.out.contains(QStringLiteral("nan"), Qt::CaseInsensitive), qPrintable(r.out));
        QCOMPARE(QDir(out.path()).entryList(QDir::Files | QDir::NoDotAndDotDot).size(), 0);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestHostileModels)
#include "tst_hostilemodels.moc"
