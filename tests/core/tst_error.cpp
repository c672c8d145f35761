// SPDX-License-Identifier: GPL-3.0-or-later
// Each kind of bad input gives its own error code with the facts the reader knows (file, offset,
// expected, found), and what() stays an English sentence naming the file.
#include "core/base/error.h"
#include "core/data/dataset.h"
#include "core/io/fileio.h"
#include "core/io/modelfile.h"
#include "testsupport.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

using namespace tinyml::core;
using tinyml::test::caught;
using tinyml::test::fixture;

namespace {

QByteArray be32(std::uint32_t v)
{
    const char b[4] = {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
    return QByteArray(b, 4);
}

QByteArray
imageHeader(std::uint32_t magic, std::uint32_t count, std::uint32_t rows, std::uint32_t cols)
{
    return be32(magic) + be32(count) + be32(rows) + be32(cols);
}

QByteArray labelHeader(std::uint32_t magic, std::uint32_t count)
{
    return be32(magic) + be32(count);
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    QFile f(dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return {};
    return f.fileName();
}

Network smallNetwork()
{
    ModelSpec spec = ModelSpec::withHidden({6}, Activation::Relu, 3);
    spec.inputSize = 5;
    Network net(spec);
    net.initialize(1);
    return net;
}

} // namespace

Q_DECLARE_METATYPE(tinyml::core::ErrorCode)

class TestError : public QObject
{
    Q_OBJECT

private slots:
    void idxFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("labels");
        QTest::addColumn<ErrorCode>("code");
        // -1: not checked.
        QTest::addColumn<qlonglong>("offset");
        QTest::addColumn<qlonglong>("expected");
        QTest::addColumn<qlonglong>("found");

        // 3 images of 4x5 need 16 + 60 = 76 bytes; 55 pixel bytes make 71.
        QTest::newRow("truncated images")
            << imageHeader(0x803, 3, 4, 5) + QByteArray(55, 'x') << false << ErrorCode::IdxTruncated
            << 71LL << 76LL << 71LL;
        // 1 image of 2x2 needs 20 bytes; one extra byte must not flow into the pixels.
        QTest::newRow("over-long images") << imageHeader(0x803, 1, 2, 2) + QByteArray(5, 'x')
                                          << false << ErrorCode::IdxTooLong << -1LL << 20LL << 21LL;
        QTest::newRow("truncated labels") << labelHeader(0x801, 5) + QByteArray(3, '\1') << true
                                          << ErrorCode::IdxTruncated << 11LL << 13LL << 11LL;
        QTest::newRow("over-long labels") << labelHeader(0x801, 2) + QByteArray(3, '\1') << true
                                          << ErrorCode::IdxTooLong << -1LL << 10LL << 11LL;
        QTest::newRow("zero images") << imageHeader(0x803, 0, 28, 28) << false
                                     << ErrorCode::IdxBadCount << -1LL << -1LL << 0LL;
        QTest::newRow("zero labels")
            << labelHeader(0x801, 0) << true << ErrorCode::IdxBadCount << -1LL << -1LL << 0LL;
        QTest::newRow("image magic") << imageHeader(0x804, 1, 1, 1) + QByteArray(1, 'x') << false
                                     << ErrorCode::IdxBadMagic << -1LL << 0x803LL << 0x804LL;
        QTest::newRow("label magic") << labelHeader(0x901, 1) + QByteArray(1, '\1') << true
                                     << ErrorCode::IdxBadMagic << -1LL << 0x801LL << 0x901LL;
        QTest::newRow("short image header") << be32(0x803) + QByteArray(6, '\0') << false
                                            << ErrorCode::IdxTooShort << -1LL << 16LL << 10LL;
        QTest::newRow("labels read as images")
            << labelHeader(0x801, 1) + QByteArray(1, '\1') << false << ErrorCode::IdxWrongKind
            << -1LL << -1LL << 0x801LL;
        QTest::newRow("images read as labels")
            << imageHeader(0x803, 1, 1, 1) + QByteArray(1, 'x') << true << ErrorCode::IdxWrongKind
            << -1LL << -1LL << 0x803LL;
    }
    void idxFiles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, labels);
        QFETCH(ErrorCode, code);
        QFETCH(qlonglong, offset);
        QFETCH(qlonglong, expected);
        QFETCH(qlonglong, found);
        QTemporaryDir dir;
        const QString name
            = QStringLiteral("bad-%1.idx").arg(QTest::currentDataTag()).replace(' ', '-');
        const QString path = writeFile(dir, name, bytes);
        QVERIFY(!path.isEmpty());
        const auto e = caught([&] {
            if (labels)
                readIdxLabels(path.toStdString());
            else
                readIdxImages(path.toStdString());
        });
        QVERIFY2(e, "the bad file was accepted");
        QCOMPARE(toString(e->code()), toString(code));
        QCOMPARE(e->args().file, path.toStdString());
        QCOMPARE(e->args().field, labels ? ErrorField::Labels : ErrorField::Images);
        auto check = [](const std::optional<std::int64_t> &arg, qlonglong want) {
            return want < 0 || (arg.has_value() && *arg == want);
        };
        QVERIFY(check(e->args().offset, offset));
        QVERIFY(check(e->args().expected, expected));
        QVERIFY(check(e->args().found, found));

        const QString what = QString::fromUtf8(e->what());
        QVERIFY2(what.startsWith(QStringLiteral("Cannot load ") + path), qPrintable(what));
        QVERIFY2(what.endsWith(QLatin1Char('.')), qPrintable(what));
        // The byte counts are in the sentence (magic numbers in hex).
        if (expected >= 0 && code != ErrorCode::IdxBadMagic)
            QVERIFY2(what.contains(QString::number(expected)), qPrintable(what));
        if (found >= 0 && code != ErrorCode::IdxBadMagic && code != ErrorCode::IdxWrongKind)
            QVERIFY2(what.contains(QString::number(found)), qPrintable(what));
        if (code == ErrorCode::IdxBadMagic)
            QVERIFY2(what.contains(QStringLiteral("0x%1").arg(found, 8, 16, QLatin1Char('0'))),
                     qPrintable(what));
    }

    void labelAboveTheClassesNamesItem()
    {
        QTemporaryDir dir;
        const QString path
            = writeFile(dir, "labels", labelHeader(0x801, 3) + QByteArray("\x01\x0a\x02", 3));
        const auto e = caught([&] { readIdxLabels(path.toStdString(), 9); });
        QVERIFY(e);
        QCOMPARE(toString(e->code()), toString(ErrorCode::LabelOutOfRange));
        QCOMPARE(e->args().found, std::optional<std::int64_t>(10));
        QCOMPARE(e->args().index, std::optional<std::int64_t>(1));
        QCOMPARE(e->args().limit, std::optional<std::int64_t>(9));
        QVERIFY(QString::fromUtf8(e->what()).contains(path));
    }

    void imageLabelCountMismatchNamesBothFiles()
    {
        const auto e = caught([] {
            loadIdxPair(fixture("good-images.idx3"), fixture("count-mismatch-labels.idx1"), "pair");
        });
        QVERIFY(e);
        QCOMPARE(toString(e->code()), toString(ErrorCode::CountMismatch));
        QCOMPARE(e->args().expected, std::optional<std::int64_t>(3)); // images in the fixture
        QCOMPARE(e->args().found, std::optional<std::int64_t>(2));    // labels in the fixture
        const QString what = QString::fromUtf8(e->what());
        QVERIFY(what.contains("good-images.idx3") && what.contains("count-mismatch-labels.idx1"));
    }

    void cutGzipIsTruncated()
    {
        const auto e = caught([] { readIdxImages(fixture("broken-images.idx3.gz")); });
        QVERIFY(e);
        QCOMPARE(toString(e->code()), toString(ErrorCode::GzipTruncated));
        QVERIFY(QString::fromUtf8(e->what()).contains("broken-images.idx3.gz"));
    }

    void missingFilesAndFolders()
    {
        QTemporaryDir dir;
        const std::string missing = dir.filePath("nothing-here").toStdString();
        auto e = caught([&] { readIdxImages(missing); });
        QVERIFY(e);
        QCOMPARE(toString(e->code()), toString(ErrorCode::FileMissing));
        QCOMPARE(e->args().file, missing);

        e = caught([&] { readFile(dir.path().toStdString(), 100); });
        QVERIFY(e);
        QCOMPARE(toString(e->code()), toString(ErrorCode::FileIsFolder));

        const std::string inMissingFolder = dir.filePath("no-folder/out.bin").toStdString();
        e = caught([&] { writeFileAtomically(inMissingFolder, std::vector<std::uint8_t>{1}); });
        QVERIFY(e);
        QCOMPARE(toString(e->code()), toString(ErrorCode::FolderMissing));
        QCOMPARE(e->args().folder, dir.filePath("no-folder").toStdString());

        e = caught([&] { loadDataset(DatasetKind::Mnist, Split::Test, dir.path().toStdString()); });
        QVERIFY(e);
        QCOMPARE(toString(e->code()), toString(ErrorCode::DataMissing));
        QCOMPARE(e->args().folder, dir.path().toStdString());
        QVERIFY(QString::fromUtf8(e->what()).contains("fetch-mnist"));
    }

    void tooLargeFileGivesSizes()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, "big", QByteArray(300, 'x'));
        const auto e = caught([&] { readFile(path.toStdString(), 200); });
        QVERIFY(e);
        QCOMPARE(toString(e->code()), toString(ErrorCode::FileTooLarge));
        QCOMPARE(e->args().found, std::optional<std::int64_t>(300));
        QCOMPARE(e->args().limit, std::optional<std::int64_t>(200));
    }

    void modelFiles_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("bad magic") << 0 << ErrorCode::ModelBadMagic;
        QTest::newRow("newer version") << 1 << ErrorCode::ModelBadVersion;
        QTest::newRow("truncated header") << 2 << ErrorCode::ModelTruncated;
        QTest::newRow("empty") << 3 << ErrorCode::ModelTooShort;
        QTest::newRow("invalid stored L2") << 4 << ErrorCode::ModelBadSettings;
        QTest::newRow("unknown loss") << 5 << ErrorCode::ModelBadValue;
        QTest::newRow("flipped bit") << 6 << ErrorCode::ModelChecksum;
        QTest::newRow("trailing bytes") << 7 << ErrorCode::ModelTrailingBytes;
    }
    void modelFiles()
    {
        QFETCH(int, kind);
        QFETCH(ErrorCode, code);
        std::vector<std::uint8_t> b = serializeModel(smallNetwork(), nullptr, {});
        auto putU32 = [&](std::size_t at, std::uint32_t v) { std::memcpy(b.data() + at, &v, 4); };
        // Layout: magic 0..7, version 8, flags 12, input 16, layer count 20, then per layer
        // units and activation (2 layers: 24..39), loss 40, initializer 44, l2 48.
        switch (kind) {
        case 0:
            b[3] = 'X';
            break;
        case 1:
            putU32(8, 7);
            break;
        case 2:
            b.resize(30);
            break;
        case 3:
            b.clear();
            break;
        case 4: {
            const float l2 = 5.0f;
            std::memcpy(b.data() + 48, &l2, 4);
            break;
        }
        case 5:
            putU32(40, 9);
            break;
        case 6:
            b[b.size() - 10] ^= 0x01;
            break;
        case 7:
            b.insert(b.end(), {0, 0, 0});
            break;
        }
        QTemporaryDir dir;
        const QString path
            = writeFile(dir, "broken.tmlm",
                        QByteArray(reinterpret_cast<const char *>(b.data()), qsizetype(b.size())));
        const auto e = caught([&] { loadModel(path.toStdString()); });
        QVERIFY2(e, "the damaged model was accepted");
        QCOMPARE(toString(e->code()), toString(code));
        QCOMPARE(e->args().file, path.toStdString());
        const ErrorArgs &a = e->args();
        switch (kind) {
        case 1:
            QCOMPARE(a.found, std::optional<std::int64_t>(7));
            QCOMPARE(a.limit, std::optional<std::int64_t>(2));
            break;
        case 2:
            QCOMPARE(a.offset, std::optional<std::int64_t>(30));
            break;
        case 3:
            QCOMPARE(a.found, std::optional<std::int64_t>(0));
            break;
        case 4:
            QVERIFY(a.cause && *a.cause == ErrorCode::SpecInvalid);
            QCOMPARE(a.field, ErrorField::L2);
            QCOMPARE(a.value, std::optional<double>(5.0));
            break;
        case 5:
            QCOMPARE(a.field, ErrorField::LossCode);
            QCOMPARE(a.found, std::optional<std::int64_t>(9));
            QCOMPARE(a.offset, std::optional<std::int64_t>(40));
            break;
        case 7:
            QCOMPARE(a.found, std::optional<std::int64_t>(3));
            break;
        }
        const QString what = QString::fromUtf8(e->what());
        QVERIFY2(what.startsWith(QStringLiteral("Cannot load the model ") + path),
                 qPrintable(what));
        QVERIFY2(what.endsWith(QLatin1Char('.')), qPrintable(what));
    }

    void overLargeNetworkGivesItsSize()
    {
        ModelSpec spec = ModelSpec::withHidden({65536, 65536}, Activation::Relu);
        spec.inputSize = 784;
        const auto e = caught([&] { spec.validate(); });
        QVERIFY(e);
        QCOMPARE(toString(e->code()), toString(ErrorCode::ModelTooLarge));
        // Weights and biases of 784-65536-65536-10, counted by hand.
        const std::int64_t params
            = 784LL * 65536 + 65536 + 65536LL * 65536 + 65536 + 65536LL * 10 + 10;
        QCOMPARE(e->args().found, std::optional<std::int64_t>(params));
        QCOMPARE(e->args().limit, std::optional<std::int64_t>(50'000'000));
        const QString what = QString::fromUtf8(e->what());
        QVERIFY2(what.contains(QString::number(params)) && what.contains("50000000"),
                 qPrintable(what));
    }

    void invalidSettingsNameTheirField_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("field");
        QTest::addColumn<QString>("words");
        QTest::newRow("learning rate") << 0 << int(ErrorField::LearningRate) << "learning rate";
        QTest::newRow("dropout") << 1 << int(ErrorField::Dropout) << "dropout rate";
        QTest::newRow("units") << 2 << int(ErrorField::LayerUnits) << "Layer 2 has 0 units";
        QTest::newRow("no layers") << 3 << int(ErrorField::LayerCount) << "at least one layer";
        QTest::newRow("batch size") << 4 << int(ErrorField::BatchSize) << "batch size";
        QTest::newRow("epochs") << 5 << int(ErrorField::Epochs) << "epochs";
    }
    void invalidSettingsNameTheirField()
    {
        QFETCH(int, kind);
        QFETCH(int, field);
        QFETCH(QString, words);
        ModelSpec spec = ModelSpec::withHidden({8, 8}, Activation::Relu);
        TrainConfig config;
        switch (kind) {
        case 0:
            spec.optimizer.learningRate = -0.5f;
            break;
        case 1:
            spec.dropout = 1.0f;
            break;
        case 2:
            spec.layers[1].units = 0;
            break;
        case 3:
            spec.layers.clear();
            break;
        case 4:
            config.batchSize = 0;
            break;
        case 5:
            config.epochs = 0;
            break;
        }
        const auto e = caught([&] {
            spec.validate();
            config.validate();
        });
        QVERIFY(e);
        QCOMPARE(toString(e->code()), toString(ErrorCode::SpecInvalid));
        QCOMPARE(int(e->args().field), field);
        if (kind == 0)
            QCOMPARE(e->args().value, std::optional<double>(-0.5));
        if (kind == 2)
            QCOMPARE(e->args().index, std::optional<std::int64_t>(1)); // from 0; "Layer 2"
        QVERIFY2(QString::fromUtf8(e->what()).contains(words), e->what());
    }

    void wrongInputSizeGivesBoth()
    {
        const Network net = smallNetwork();
        const std::vector<float> input(7, 0.0f);
        const auto e = caught([&] { net.predict(input); });
        QVERIFY(e);
        QCOMPARE(toString(e->code()), toString(ErrorCode::InputMismatch));
        QCOMPARE(e->args().expected, std::optional<std::int64_t>(5));
        QCOMPARE(e->args().found, std::optional<std::int64_t>(7));
    }

    void everyCodeHasANameAndASentence()
    {
        QSet<QString> names;
        ErrorArgs args;
        args.file = "some/file";
        for (int c = 0; c < kErrorCodeCount; ++c) {
            const auto code = ErrorCode(c);
            const QString name = QString::fromUtf8(toString(code));
            QVERIFY2(!name.isEmpty() && name != "Unknown", qPrintable(QString::number(c)));
            QVERIFY2(!names.contains(name), qPrintable(name));
            names.insert(name);
            const Error e(code, args);
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.size() > 10 && what.endsWith(QLatin1Char('.')),
                     qPrintable(name + ": " + what));
            QCOMPARE(toString(e.code()), toString(code));
        }
        for (int f = 0; f < kErrorFieldCount; ++f)
            QVERIFY(!englishName(ErrorField(f)).empty());
    }

    void copiesShareTheArguments()
    {
        const Error a(ErrorCode::FileMissing, {.file = "x.idx"});
        const Error b = a; // exceptions are copied while thrown: this must keep everything
        QCOMPARE(b.args().file, std::string("x.idx"));
        QCOMPARE(std::string(b.what()), std::string(a.what()));
    }
};

QTEST_GUILESS_MAIN(TestError)
#include "tst_error.moc"
