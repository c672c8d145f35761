// SPDX-License-Identifier: GPL-3.0-or-later
// The `tinyml` command line as a user runs it: exit codes, messages and output formats.
#include "../ui/digitstrokes.h"
#include "testsupport.h"

#include <QFont>
#include <QImage>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace tinyml;

namespace {

struct Result
{
    int code = -1;
    QString out;
    QString err;
};

Result run(const QStringList &args, const QString &dataDir = QString())
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!dataDir.isEmpty())
        env.insert(QStringLiteral("TINYML_DATA"), dataDir);
    p.setProcessEnvironment(env);
    p.start(QString::fromLocal8Bit(qgetenv("TINYML_CLI")), args);
    if (!p.waitForFinished(240000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

QImage renderedDigit(const QString &text, int size, QPoint offset)
{
    QImage img(size, size, QImage::Format_RGB32);
    img.fill(Qt::white);
    QPainter painter(&img);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(size * 2 / 3);
    painter.setFont(font);
    painter.setPen(Qt::black);
    painter.drawText(QRect(offset, QSize(size * 2 / 3, size * 2 / 3)), Qt::AlignCenter, text);
    return img;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_data; // a small learnable dataset under the standard MNIST file names

private slots:
    void initTestCase()
    {
        QVERIFY(m_data.isValid());
        test::writeAsMnist(test::syntheticDigits(3000, 1), test::syntheticDigits(500, 2),
                           m_data.path().toStdString());
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no command") << QStringList{} << "Usage: tinyml";
        QTest::newRow("unknown command") << QStringList{"fly"} << "unknown command 'fly'";
        QTest::newRow("unknown option") << QStringList{"train", "--colour", "red"} << "unknown option --colour";
        QTest::newRow("zero epochs") << QStringList{"train", "--epochs", "0"} << "--epochs must be a whole number";
        QTest::newRow("absurd layer") << QStringList{"train", "--hidden", "99999999"} << "--hidden takes";
        QTest::newRow("not a number") << QStringList{"train", "--lr", "fast"} << "--lr must be a number";
        QTest::newRow("bad activation") << QStringList{"train", "--activation", "softmax"} << "--activation must be";
        QTest::newRow("missing value") << QStringList{"train", "--epochs"} << "needs a value";
        QTest::newRow("evaluate without model") << QStringList{"evaluate"} << "needs --model";
        QTest::newRow("predict without image") << QStringList{"predict"} << "needs at least one IMAGE";
        QTest::newRow("misspelt layer activation")
            << QStringList{"train", "--layers", "Conv2D(8, 3, activation=rleu), Flatten(), Dense(10)"}
            << "--layers: column 25: 'rleu': expected an activation";
        QTest::newRow("Dense on a feature map")
            << QStringList{"train", "--layers", "Conv2D(8, 3), Dense(10)"}
            << "Layer 2 (Dense) is Dense but its input is an image tensor: add Flatten()";
        QTest::newRow("kernel larger than the image")
            << QStringList{"summary", "--layers", "Conv2D(2, 29), Flatten(), Dense(10)"}
            << "larger than its input (28 pixels";
        QTest::newRow("--layers with --hidden")
            << QStringList{"train", "--layers", "Flatten(), Dense(10)", "--hidden", "32"}
            << "leave out --hidden";
        QTest::newRow("summary without a model") << QStringList{"summary"} << "either --model";
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Result r = run(args, m_data.path());
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        if (!args.isEmpty())
            QCOMPARE(r.err.count(QLatin1Char('\n')), 1); // one clear line
    }

    // Every command answers --help (and -h, and `tinyml help CMD`) with its own usage and the
    // options it really accepts, on stdout, exit code 0.
    void commandHelp_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("options");
        QTest::newRow("train") << "train" << QStringList{"--hidden", "--epochs", "--out", "--threads", "--data"};
        QTest::newRow("evaluate") << "evaluate" << QStringList{"--model", "--json", "--data"};
        QTest::newRow("predict") << "predict" << QStringList{"--model", "IMAGE"};
        QTest::newRow("bench") << "bench" << QStringList{"--epochs", "--threads", "--json"};
        QTest::newRow("export") << "export" << QStringList{"--format", "--precision", "--out"};
    }
    void commandHelp()
    {
        QFETCH(QString, command);
        QFETCH(QStringList, options);
        const QList<QStringList> forms = {{command, "--help"}, {command, "-h"}, {"help", command},
                                          {command, "--epochs", "3", "--help"}};
        QString first;
        for (const QStringList &args : forms) {
            const Result r = run(args, m_data.path());
            QCOMPARE(r.code, 0);
            QVERIFY(r.err.isEmpty());
            QVERIFY2(r.out.startsWith("Usage: tinyml " + command), qPrintable(r.out));
            for (const QString &option : options)
                QVERIFY2(r.out.contains(option), qPrintable(option));
            if (first.isEmpty())
                first = r.out;
            QCOMPARE(r.out, first);
        }
        // The overview names every command; `help` of an unknown command is a usage error.
        QVERIFY(run({"help"}).out.contains("  " + command + " "));
        QCOMPARE(run({"help", "fly"}).code, 2);
    }

    void versionPrintsTheProjectVersion()
    {
        QFile cmake(QString::fromLocal8Bit(qgetenv("TINYML_SOURCE_DIR")) + "/CMakeLists.txt");
        QVERIFY(cmake.open(QIODevice::ReadOnly));
        const QString version = QRegularExpression(R"(project\(\w+\s+VERSION\s+([0-9.]+))")
                                    .match(QString::fromUtf8(cmake.readAll()))
                                    .captured(1);
        QVERIFY(!version.isEmpty());
        const Result r = run({"--version"});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, "tinyml " + version + "\n");
    }

    // `bench --threads N` measures one thread and N threads (one measurement when N is 1).
    void benchTakesThreads_data()
    {
        QTest::addColumn<int>("threads");
        QTest::newRow("1") << 1;
        QTest::newRow("2") << 2;
    }
    void benchTakesThreads()
    {
        QFETCH(int, threads);
        const Result r = run({"bench", "--threads", QString::number(threads), "--json"}, m_data.path());
        QCOMPARE(r.code, 0);
        const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j.value("threads").toInt(), threads);
        QVERIFY(j.value("seconds_per_epoch_1_thread").toDouble() > 0.0);
        QVERIFY(j.value(QStringLiteral("seconds_per_epoch_%1_threads").arg(threads)).toDouble() > 0.0);
        QCOMPARE(run({"bench", "--threads", "0"}, m_data.path()).code, 2);
    }

    // The CLI links the engine, the shared resources and Qt Gui only: no widget library.
    void linksNoWidgetLibrary()
    {
        QProcess ldd;
        ldd.start("ldd", {QString::fromLocal8Bit(qgetenv("TINYML_CLI"))});
        QVERIFY(ldd.waitForFinished(30000));
        QCOMPARE(ldd.exitCode(), 0);
        const QString libs = QString::fromUtf8(ldd.readAllStandardOutput());
        QVERIFY2(libs.contains("libQt6Gui"), qPrintable(libs));
        for (const char *unwanted : {"libQt6Widgets", "libQt6PrintSupport", "qcustomplot"})
            QVERIFY2(!libs.contains(QLatin1String(unwanted), Qt::CaseInsensitive), unwanted);
    }

    void absurdNetworkIsRefused()
    {
        const Result r = run({"train", "--hidden", "65536,65536"}, m_data.path());
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("at most"), qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    }

    void missingDataSaysHowToFetch()
    {
        QTemporaryDir empty;
        const Result r = run({"train", "--data", empty.path()});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("fetch-mnist"), qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    }

    void trainPrintsKerasLikeLines()
    {
        const Result r = run({"train", "--hidden", "32", "--epochs", "2", "--validation-split", "0.1"}, m_data.path());
        QCOMPARE(r.code, 0);
        const QRegularExpression line(QStringLiteral(
            R"(^Epoch 2/2 - \d+\.\d+s - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4}$)"),
            QRegularExpression::MultilineOption);
        QVERIFY2(line.match(r.out).hasMatch(), qPrintable(r.out));
        QVERIFY(r.out.contains("Test: loss"));
    }

    void trainJsonEvaluateAndModelFile()
    {
        QTemporaryDir dir;
        const QString model = dir.filePath("m.tmlm");
        const Result r = run({"train", "--hidden", "24", "--epochs", "3", "--json", "--seed", "5", "--out", model}, m_data.path());
        QCOMPARE(r.code, 0);
        const QStringList lines = r.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 4); // three epochs, one summary
        for (int i = 0; i < 3; ++i) {
            const QJsonObject epoch = QJsonDocument::fromJson(lines[i].toUtf8()).object();
            QCOMPARE(epoch.value("epoch").toInt(), i + 1);
            QVERIFY(epoch.value("loss").isDouble());
        }
        const QJsonObject summary = QJsonDocument::fromJson(lines[3].toUtf8()).object();
        QCOMPARE(summary.value("outcome").toString(), QStringLiteral("completed"));
        const double accuracy = summary.value("test_accuracy").toDouble();
        QVERIFY2(accuracy > 0.9, qPrintable(lines[3]));
        QVERIFY(summary.value("seconds_per_epoch").toDouble() > 0.0);

        const Result ev = run({"evaluate", "--model", model, "--json"}, m_data.path());
        QCOMPARE(ev.code, 0);
        const QJsonObject e = QJsonDocument::fromJson(ev.out.toUtf8()).object();
        QCOMPARE(qRound(e.value("accuracy").toDouble() * 1e4), qRound(accuracy * 1e4));
        int total = 0;
        for (const auto row : e.value("confusion").toArray())
            for (const auto cell : row.toArray())
                total += cell.toInt();
        QCOMPARE(total, 500);

        // Resume training from the saved model and its optimizer state.
        const Result resumed = run({"train", "--resume", model, "--epochs", "1", "--json"}, m_data.path());
        QCOMPARE(resumed.code, 0);
    }

    void divergenceIsReported()
    {
        const Result r = run({"train", "--optimizer", "sgd", "--lr", "100000", "--epochs", "2"}, m_data.path());
        QCOMPARE(r.code, 3);
        QVERIFY2(r.out.contains("learning rate is"), qPrintable(r.out));
    }

    void corruptModelIsRejected()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath("broken.tmlm"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("TMLMODEL garbage");
        f.close();
        for (const QString &cmd : {QStringLiteral("evaluate"), QStringLiteral("predict")}) {
            QStringList args{cmd, "--model", f.fileName()};
            if (cmd == "predict")
                args << f.fileName();
            const Result r = run(args, m_data.path());
            QCOMPARE(r.code, 1);
            QVERIFY2(r.err.contains("broken.tmlm"), qPrintable(r.err));
        }
    }

    // The embedded default model on digits drawn as strokes, saved as PNG and JPEG files of
    // various sizes, dark ink on white or white ink on black.
    void predictWithTheEmbeddedModel()
    {
        QTemporaryDir dir;
        core::Rng rng(77);
        QStringList files;
        std::vector<int> digits;
        for (int k = 0; k < 3; ++k)
            for (int digit = 0; digit < 10; ++digit) {
                const double side = 160 + 120 * k;
                const test::DrawnDigit d = test::randomDrawing(digit, rng, side);
                QImage img(int(side) + 40 * k, int(side), QImage::Format_RGB32); // not always square
                const bool inverted = (digit + k) % 3 == 0;
                img.fill(inverted ? Qt::black : Qt::white);
                QPainter p(&img);
                p.setRenderHint(QPainter::Antialiasing);
                p.setPen(QPen(inverted ? Qt::white : Qt::black, d.penWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
                for (const auto &stroke : d.strokes)
                    p.drawPolyline(stroke.data(), int(stroke.size()));
                p.end();
                const QString file = dir.filePath(QStringLiteral("d%1_%2.%3").arg(k).arg(digit).arg(k == 1 ? "jpg" : "png"));
                QVERIFY(img.save(file));
                files << file;
                digits.push_back(digit);
            }
        const Result r = run(QStringList{"predict"} + files);
        QCOMPARE(r.code, 0);
        const QStringList lines = r.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), files.size());
        int correct = 0;
        for (int i = 0; i < lines.size(); ++i) {
            const QStringList cols = lines[i].split(QLatin1Char('\t'));
            QCOMPARE(cols.size(), 3);
            QCOMPARE(cols[0], files[i]);
            correct += cols[1].toInt() == digits[std::size_t(i)];
        }
        qInfo("embedded model: %d of %lld drawn digits recognised", correct, static_cast<long long>(lines.size()));
        QVERIFY2(correct >= 27, qPrintable(QString::number(correct)));
    }

    void exportWritesCodeOrSaysWhy()
    {
        QTemporaryDir out;
        const Result r = run({"export", "--precision", "int8", "--format", "arduino", "--prefix", "My Net", "--out", out.path(), "--json"},
                             m_data.path());
        QCOMPARE(r.code, 0);
        const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(j.value("prefix").toString(), QStringLiteral("my_net"));
        QVERIFY(j.value("flash_bytes").toInt() > 100000);
        for (const char *file : {"my_net_demo/my_net_model.h", "my_net_demo/my_net_model.c", "my_net_demo/my_net_demo.ino"})
            QVERIFY2(QFile::exists(out.filePath(QLatin1String(file))), file);
        QCOMPARE(run({"export", "--precision", "int4", "--out", out.path()}, m_data.path()).code, 2);
        QCOMPARE(run({"export", "--precision", "int8"}, m_data.path()).code, 2); // no --out
        const Result missing = run({"export", "--model", out.filePath("none.tmlm"), "--out", out.path()}, m_data.path());
        QCOMPARE(missing.code, 1);
        QVERIFY(missing.err.contains("none.tmlm"));
    }

    void summaryCountsLikeKeras()
    {
        const QString spec = QStringLiteral(
            "Conv2D(8, 3, activation=relu), MaxPooling2D(2), Conv2D(16, 3, activation=relu), "
            "MaxPooling2D(2), Flatten(), Dense(10, activation=softmax)");
        const Result r = run({"summary", "--layers", spec});
        QCOMPARE(r.code, 0);
        // By hand: 3*3*1*8+8 = 80, 3*3*8*16+16 = 1,168, 400*10+10 = 4,010; 26*26*8*9 = 48,672 MACs.
        for (const char *text : {"conv2d (Conv2D)", "(26, 26, 8)", "max_pooling2d_1 (MaxPooling2D)",
                                 "(5, 5, 16)", "1,168", "48,672", "Total params: 5,258"})
            QVERIFY2(r.out.contains(QLatin1String(text)), text);
        const Result j = run({"summary", "--layers", spec, "--json"});
        QCOMPARE(j.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(j.out.toUtf8()).object();
        QCOMPARE(o.value("total_parameters").toInt(), 5258);
        QCOMPARE(o.value("total_macs").toInt(), 48672 + 139392 + 4000);
        const QJsonArray layers = o.value("layers").toArray();
        QCOMPARE(layers.size(), 6);
        QCOMPARE(layers.at(2).toObject().value("output_shape").toArray(),
                 QJsonArray({11, 11, 16}));
        QCOMPARE(layers.at(0).toObject().value("activation_bytes").toInt(), 26 * 26 * 8 * 4);
    }

    void convolutionalModelTrainsEvaluatesPredictsAndIsNotExported()
    {
        QTemporaryDir dir;
        const QString model = dir.filePath("cnn.tmlm");
        const Result t = run({"train", "--layers",
                              "Conv2D(4, 3, strides=2, padding=same, activation=relu), "
                              "MaxPooling2D(2), Flatten(), Dropout(0.1), Dense(10, activation=softmax)",
                              "--epochs", "2", "--json", "--out", model},
                             m_data.path());
        QCOMPARE(t.code, 0);
        const QJsonObject last = QJsonDocument::fromJson(t.out.trimmed().split('\n').last().toUtf8()).object();
        QCOMPARE(last.value("parameters").toInt(), 3 * 3 * 4 + 4 + 7 * 7 * 4 * 10 + 10);
        QVERIFY2(last.value("test_accuracy").toDouble() > 0.5, qPrintable(t.out));
        const Result ev = run({"evaluate", "--model", model, "--json"}, m_data.path());
        QCOMPARE(ev.code, 0);
        QCOMPARE(QJsonDocument::fromJson(ev.out.toUtf8()).object().value("accuracy").toDouble(),
                 last.value("test_accuracy").toDouble());
        const QString digit = dir.filePath("digit.png");
        QVERIFY(renderedDigit(QStringLiteral("3"), 200, {30, 40}).save(digit));
        const Result p = run({"predict", "--model", model, digit});
        QCOMPARE(p.code, 0);
        QVERIFY(p.out.startsWith(digit + "\t"));
        const Result s = run({"summary", "--model", model});
        QCOMPARE(s.code, 0);
        QVERIFY2(s.out.contains("(7, 7, 4)") && s.out.contains("dropout (Dropout)"), qPrintable(s.out));
        QTemporaryDir out;
        const Result e = run({"export", "--model", model, "--out", out.path()}, m_data.path());
        QCOMPARE(e.code, 1);
        QVERIFY2(e.err.contains("Layer 1 (Conv2D) cannot be exported to C yet"), qPrintable(e.err));
        QVERIFY(QDir(out.path()).isEmpty()); // nothing written
    }

    void predictFormats()
    {
        QTemporaryDir dir;
        const QString model = dir.filePath("m.tmlm");
        QCOMPARE(run({"train", "--hidden", "16", "--epochs", "1", "--out", model}, m_data.path()).code, 0);
        const QString blank = dir.filePath("blank.png");
        QImage white(120, 90, QImage::Format_RGB32);
        white.fill(Qt::white);
        QVERIFY(white.save(blank));
        const QString digit = dir.filePath("digit.jpg");
        QVERIFY(renderedDigit(QStringLiteral("7"), 200, {30, 40}).save(digit));
        const QString notImage = dir.filePath("notes.png");
        QFile(notImage).open(QIODevice::WriteOnly);
        const Result r = run({"predict", "--model", model, blank, digit, notImage});
        QCOMPARE(r.code, 1); // one file failed
        const QStringList lines = r.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0], blank + "\tnone");
        QVERIFY2(QRegularExpression(QStringLiteral(R"(^.*digit\.jpg\t\d\t[01]\.\d{4}$)")).match(lines[1]).hasMatch(),
                 qPrintable(lines[1]));
        QVERIFY2(r.err.contains("notes.png"), qPrintable(r.err));
    }
};

QTEST_MAIN(TestCli)
#include "tst_cli.moc"
