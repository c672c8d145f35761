// SPDX-License-Identifier: GPL-3.0-or-later
// The `tinyml` command line as a user runs it: exit codes, messages and output formats.
#include "../ui/digitstrokes.h"
#include "testsupport.h"

#include "core/io/fileio.h"

#include <QDir>
#include <QFont>
#include <QImage>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sys/resource.h>
#include <sys/stat.h>

using namespace tinyml;

namespace {

struct Result
{
    int code = -1;
    QString out;
    QString err;
};

QString cli()
{
    return QString::fromLocal8Bit(qgetenv("TINYML_CLI"));
}

/// Runs the CLI; fileSizeLimit (bytes, 0 for none) caps every file the child writes
/// (RLIMIT_FSIZE), with SIGXFSZ ignored (a write fails with EFBIG) or, with killAtLimit,
/// at its default action (the child is killed in the middle of the write).
Result run(const QStringList &args, const QString &dataDir = QString(),
           const QString &workingDir = QString(), rlim_t fileSizeLimit = 0,
           bool killAtLimit = false)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!dataDir.isEmpty())
        env.insert(QStringLiteral("TINYML_DATA"), dataDir);
    p.setProcessEnvironment(env);
    if (!workingDir.isEmpty())
        p.setWorkingDirectory(workingDir);
    if (fileSizeLimit) {
        p.setChildProcessModifier([fileSizeLimit, killAtLimit] {
            rlimit limit{};
            getrlimit(RLIMIT_FSIZE, &limit);
            limit.rlim_cur = fileSizeLimit;
            setrlimit(RLIMIT_FSIZE, &limit);
            std::signal(SIGXFSZ, killAtLimit ? SIG_DFL : SIG_IGN);
        });
    }
    p.start(cli(), args);
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

QByteArray contents(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// A PNG chunk: length, type, data, CRC-32 of type and data (zlib's).
QByteArray pngChunk(const char *type, const QByteArray &data)
{
    QByteArray out;
    const auto be32 = [&out](quint32 v) {
        for (int shift = 24; shift >= 0; shift -= 8)
            out.append(char((v >> shift) & 0xFF));
    };
    be32(quint32(data.size()));
    const QByteArray typed = QByteArray(type) + data;
    out += typed;
    be32(core::crc32({reinterpret_cast<const std::uint8_t *>(typed.constData()),
                      std::size_t(typed.size())}));
    return out;
}

/// A well-formed 8-bit grey PNG claiming width x height pixels, with the image data of
/// dataRows rows only (all white).
QByteArray greyPng(quint32 width, quint32 height, int dataRows)
{
    QByteArray header;
    for (quint32 v : {width, height})
        for (int shift = 24; shift >= 0; shift -= 8)
            header.append(char((v >> shift) & 0xFF));
    header += QByteArray::fromHex("0800000000"); // depth 8, grey, deflate, filter 0, no interlace
    QByteArray rows;
    for (int r = 0; r < dataRows; ++r)
        rows += char(0) + QByteArray(int(width), char(0xFF));
    return QByteArray::fromHex("89504E470D0A1A0A") + pngChunk("IHDR", header)
           + pngChunk("IDAT", qCompress(rows).mid(4)) + pngChunk("IEND", {});
}

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

/// Draws digit as strokes, side px, at (x, y) on a white page.
void drawDigit(QImage &page, int digit, core::Rng &rng, double side, QPointF at)
{
    const test::DrawnDigit d = test::randomDrawing(digit, rng, side);
    QPainter p(&page);
    p.setRenderHint(QPainter::Antialiasing);
    p.translate(at);
    p.setPen(QPen(Qt::black, d.penWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    for (const auto &stroke : d.strokes)
        p.drawPolyline(stroke.data(), int(stroke.size()));
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

    void convolutionalModelTrainsEvaluatesPredictsAndIsExported()
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
        for (const char *precision : {"float32", "int8"}) {
            QTemporaryDir out;
            const Result e = run({"export", "--model", model, "--precision", precision, "--out",
                                  out.path(), "--json"},
                                 m_data.path());
            QCOMPARE(e.code, 0);
            const QJsonObject j = QJsonDocument::fromJson(e.out.toUtf8()).object();
            // One arena for the largest input + output pair: the convolution's 28x28x1 input and
            // 14x14x4 output (784 + 784 values), as float32 or int8.
            const int bytes = QLatin1String(precision) == QLatin1String("int8") ? 1 : 4;
            QCOMPARE(j.value("ram_bytes").toInt(), (784 + 784) * bytes);
            QFile source(out.filePath("tinyml_model.c"));
            QVERIFY(source.open(QIODevice::ReadOnly));
            const QByteArray code = source.readAll();
            QVERIFY(code.contains("_conv(") && code.contains("_maxpool("));
        }
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
    // Every way an image argument can be wrong gets its own one-line reason naming the file,
    // exit code 1, and never blocks: a FIFO is refused without being opened.
    void predictSaysWhatIsWrongWithAnImage_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("reason");
        QTest::newRow("missing") << "missing.png" << "the file does not exist";
        QTest::newRow("folder") << "folder.png" << "it is a folder";
        QTest::newRow("fifo") << "fifo.png" << "not a regular file";
        QTest::newRow("empty") << "empty.png" << "the file is empty";
        QTest::newRow("text") << "notes.png" << "neither a PNG nor a JPEG";
        QTest::newRow("truncated jpeg") << "cut.jpg" << "truncated";
        QTest::newRow("truncated png") << "cut.png" << "truncated";
        QTest::newRow("over the allocation limit") << "huge.png" << "20000x20000 pixels need";
        QTest::newRow("rows missing") << "short.png" << "damaged";
    }
    void predictSaysWhatIsWrongWithAnImage()
    {
        QFETCH(QString, name);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir("folder.png"));
        QCOMPARE(::mkfifo(QFile::encodeName(dir.filePath("fifo.png")).constData(), 0600), 0);
        const auto write = [&](const QString &file, const QByteArray &bytes) {
            QFile f(dir.filePath(file));
            QVERIFY(f.open(QIODevice::WriteOnly));
            QCOMPARE(f.write(bytes), bytes.size());
        };
        write("empty.png", {});
        write("notes.png", "seven, written out\n");
        QImage digit = renderedDigit(QStringLiteral("7"), 200, {30, 40});
        for (const char *format : {"jpg", "png"}) {
            const QString whole = dir.filePath(QStringLiteral("whole.") + format);
            QVERIFY(digit.save(whole));
            write(QStringLiteral("cut.") + format, contents(whole).chopped(200));
        }
        // 20000 x 20000 grey pixels are 381.5 MiB decoded, beyond Qt 6's default limit (at
        // most 256 MiB); the file itself is tiny.
        write("huge.png", greyPng(20000, 20000, 1));
        write("short.png", greyPng(50, 50, 10)); // complete chunks, 10 of 50 rows of data
        const Result r = run({"predict", dir.filePath(name), dir.filePath("whole.png")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(dir.filePath(name) + ": ") && r.err.contains(reason),
                 qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        // The good image after it is still predicted.
        QVERIFY2(r.out.startsWith(dir.filePath("whole.png") + "\t"), qPrintable(r.out));
    }

    // A FIFO (or device) given as the model or among the data files is refused, never read.
    void fifoModelOrDataIsRefused()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath("model.tmlm");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const QString image = dir.filePath("seven.png");
        QVERIFY(renderedDigit(QStringLiteral("7"), 200, {30, 40}).save(image));
        Result r = run({"predict", "--model", fifo, image});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(fifo) && r.err.contains("not a regular file"), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());

        QTemporaryDir data;
        for (const char *file : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                 "t10k-labels-idx1-ubyte"})
            QVERIFY(QFile::copy(m_data.filePath(file), data.filePath(file)));
        const QString images = data.filePath("t10k-images-idx3-ubyte");
        QCOMPARE(::mkfifo(QFile::encodeName(images).constData(), 0600), 0);
        r = run({"export", "--out", dir.filePath("out")}, data.path());
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(images) && r.err.contains("not a regular file"), qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    }

    // File names are bytes: a name that is not UTF-8 (Latin-1 "café.png") loads as an image,
    // as it does as --model and --out, and is printed back as given.
    void nonUtf8ImageName()
    {
        QTemporaryDir dir;
        const QByteArray name("caf\xe9.png");
        QImage page(280, 280, QImage::Format_RGB32);
        page.fill(Qt::white);
        core::Rng rng(5);
        drawDigit(page, 4, rng, 280, {0, 0});
        QVERIFY(page.save(dir.filePath("plain.png")));
        {
            std::ofstream f((QFile::encodeName(dir.path()) + '/' + name).toStdString(),
                            std::ios::binary);
            const QByteArray bytes = contents(dir.filePath("plain.png"));
            f.write(bytes.constData(), bytes.size());
            QVERIFY(f.good());
        }
        // QProcess turns arguments into UTF-8; the shell passes the raw byte 0xE9.
        QProcess p;
        p.setWorkingDirectory(dir.path());
        p.start("/bin/sh",
                {"-c", R"sh(exec "$0" predict "$(printf 'caf\351.png')" plain.png)sh", cli()});
        QVERIFY(p.waitForFinished(120000));
        const QByteArray err = p.readAllStandardError();
        QCOMPARE(p.exitCode(), 0);
        QVERIFY2(err.isEmpty(), err.constData());
        const QList<QByteArray> lines = p.readAllStandardOutput().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].startsWith(name + '\t'));
        // Same bytes, same prediction as under a plain name.
        QCOMPARE(lines[0].mid(name.size()), lines[1].mid(int(strlen("plain.png"))));
        // QTemporaryDir cannot name it to remove it.
        std::filesystem::remove((QFile::encodeName(dir.path()) + '/' + name).toStdString());
    }

    // Emptiness is judged at the size the network sees: four faint specks scattered over a
    // white page are no digit ("none"), while a small digit on a large page is one.
    void faintSpecksAreNoneSmallDigitsAreDigits()
    {
        QTemporaryDir dir;
        QImage specks(600, 600, QImage::Format_RGB32);
        specks.fill(Qt::white);
        for (const QPoint at : {QPoint(40, 50), QPoint(560, 45), QPoint(50, 550), QPoint(555, 560)})
            specks.setPixelColor(at, QColor(190, 190, 190));
        QVERIFY(specks.save(dir.filePath("specks.png")));
        QStringList files{dir.filePath("specks.png")};
        core::Rng rng(11);
        for (int digit = 0; digit < 10; ++digit) {
            QImage page(900, 700, QImage::Format_RGB32);
            page.fill(Qt::white);
            drawDigit(page, digit, rng, 56, {300.0 + 20 * digit, 200.0});
            files << dir.filePath(QStringLiteral("small%1.png").arg(digit));
            QVERIFY(page.save(files.last()));
        }
        const Result r = run(QStringList{"predict"} + files);
        QCOMPARE(r.code, 0);
        const QStringList lines = r.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), files.size());
        QCOMPARE(lines[0], files[0] + "\tnone");
        int correct = 0;
        for (int digit = 0; digit < 10; ++digit) {
            const QStringList cols = lines[digit + 1].split(QLatin1Char('\t'));
            QCOMPARE(cols.size(), 3); // a digit and a confidence, not "none"
            correct += cols[1].toInt() == digit;
        }
        qInfo("small digits on a large page: %d of 10 recognised", correct);
        QVERIFY2(correct >= 8, qPrintable(QString::number(correct)));
    }

    // `--out --json` forgot the file name: refused in one line, no file named "--json".
    void optionAsValueIsRefused_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("train --out --json") << QStringList{"train", "--out", "--json"};
        QTest::newRow("export --out --json") << QStringList{"export", "--out", "--json"};
        QTest::newRow("evaluate --model --json") << QStringList{"evaluate", "--model", "--json"};
    }
    void optionAsValueIsRefused()
    {
        QFETCH(QStringList, args);
        QTemporaryDir dir;
        const Result r = run(args, m_data.path(), dir.path());
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("needs a value") && r.err.contains("--json"), qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(entries(dir.path()), QStringList());
        // The explicit form names such a file on purpose.
        const Result explicitValue = run(
            {"train", "--epochs", "1", "--hidden", "8", "--out=--json"}, m_data.path(), dir.path());
        QCOMPARE(explicitValue.code, 0);
        QCOMPARE(entries(dir.path()), QStringList{"--json"});
    }

    // Ctrl-C and SIGTERM during training stop it, keep and save the model, and exit 130 and
    // 143 (128 + the signal), as shells report a command ended by that signal.
    void signalStopsTrainingWithItsExitCode_data()
    {
        QTest::addColumn<int>("sig");
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGTERM") << int(SIGTERM);
    }
    void signalStopsTrainingWithItsExitCode()
    {
        QFETCH(int, sig);
        QTemporaryDir dir;
        const QString model = dir.filePath("m.tmlm");
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TINYML_DATA"), m_data.path());
        p.setProcessEnvironment(env);
        p.start(cli(), {"train", "--hidden", "8", "--epochs", "100000", "--json", "--out", model});
        QVERIFY(p.waitForStarted());
        // The first epoch line: training runs, so the signal meets the watcher.
        QSignalSpy output(&p, &QProcess::readyReadStandardOutput);
        while (!p.canReadLine())
            QVERIFY(output.wait(120000));
        QCOMPARE(::kill(pid_t(p.processId()), sig), 0);
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 128 + sig);
        const QStringList lines
            = QString::fromUtf8(p.readAllStandardOutput()).trimmed().split('\n');
        const QJsonObject summary = QJsonDocument::fromJson(lines.last().toUtf8()).object();
        QCOMPARE(summary.value("outcome").toString(), QStringLiteral("cancelled"));
        QVERIFY(summary.value("epochs").toInt() < 100000);
        QCOMPARE(run({"evaluate", "--model", model}, m_data.path()).code, 0);
    }

    // A save killed in the middle of writing (the child dies of SIGXFSZ at a 16 KiB file
    // size limit; 784 x 64 weights with Adam's two moments are about 600 KiB) leaves the old
    // model byte for byte and no temporary file.
    void killedSaveLeavesOldModelAndNoDebris()
    {
        QTemporaryDir dir;
        const QString model = dir.filePath("m.tmlm");
        QCOMPARE(run({"train", "--hidden", "8", "--epochs", "1", "--out", model}, m_data.path()).code,
                 0);
        const QByteArray before = contents(model);
        QVERIFY(!before.isEmpty());
        const Result r = run({"train", "--hidden", "64", "--epochs", "1", "--out", model},
                             m_data.path(), dir.path(), 16 * 1024, true);
        QCOMPARE(r.code, -2); // killed
        QCOMPARE(entries(dir.path()), QStringList{"m.tmlm"});
        QVERIFY(contents(model) == before);
    }

    // An export on a full disk (here: the second file exceeds the file size limit) changes
    // nothing in the destination: no new header beside an old source file, no debris.
    void failedExportChangesNothing()
    {
        QTemporaryDir dir;
        const QStringList args{"export", "--name", "net", "--out", dir.path()};
        QCOMPARE(run(args + QStringList{"--prefix", "first"}, m_data.path()).code, 0);
        const QStringList files = entries(dir.path());
        QCOMPARE(files, (QStringList{"net.c", "net.h"}));
        const QByteArray header = contents(dir.filePath("net.h"));
        const QByteArray source = contents(dir.filePath("net.c"));
        QVERIFY(header.size() < 64 * 1024 && source.size() > 64 * 1024);
        const Result r = run(args + QStringList{"--prefix", "second"}, m_data.path(), QString(),
                             64 * 1024);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(dir.filePath("net.c")) && r.err.contains("Cannot write"),
                 qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QCOMPARE(entries(dir.path()), files);
        QVERIFY(contents(dir.filePath("net.h")) == header);
        QVERIFY(contents(dir.filePath("net.c")) == source);
        // Without the limit the same export replaces both.
        QCOMPARE(run(args + QStringList{"--prefix", "second"}, m_data.path()).code, 0);
        QVERIFY(contents(dir.filePath("net.h")).contains("second_"));
        QVERIFY(contents(dir.filePath("net.c")).contains("second_"));
        QCOMPARE(entries(dir.path()), files);
        // An Arduino sketch into folders that do not exist yet: none of them stays behind.
        QTemporaryDir empty;
        const Result sketch = run({"export", "--format", "arduino", "--out", empty.filePath("a/b")},
                                  m_data.path(), QString(), 64 * 1024);
        QCOMPARE(sketch.code, 1);
        QCOMPARE(entries(empty.path()), QStringList());
    }
};

QTEST_MAIN(TestCli)
#include "tst_cli.moc"
