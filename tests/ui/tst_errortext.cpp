// SPDX-License-Identifier: GPL-3.0-or-later
// The UI's text for engine errors: built from the code and arguments (not from what()), a
// sentence for every code, naming the file, numbers formatted by the locale.
#include "ui/shared/errortext.h"
#include "ui/shared/studiomodel.h"

#include "core/base/error.h"
#include "core/data/dataset.h"
#include "core/io/modelfile.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cstring>
#include <new>

using namespace tinyml;
using core::ErrorArgs;
using core::ErrorCode;
using core::ErrorField;

namespace {

const std::string kFile = "/home/ada/mnist/train-images-idx3-ubyte";
const std::string kOtherFile = "/home/ada/mnist/train-labels-idx1-ubyte";
const std::string kFolder = "/home/ada/mnist";

/// The codes whose sentence must name the file (or for the last group, the folder).
const QSet<ErrorCode> kFileCodes = {
    ErrorCode::FileMissing,     ErrorCode::FileIsFolder,     ErrorCode::FileOpen,
    ErrorCode::FileRead,        ErrorCode::FileTooLarge,     ErrorCode::FileWrite,
    ErrorCode::FolderMissing,   ErrorCode::GzipCorrupt,      ErrorCode::GzipTruncated,
    ErrorCode::GzipTooLarge,    ErrorCode::IdxWrongKind,     ErrorCode::IdxTooShort,
    ErrorCode::IdxBadMagic,     ErrorCode::IdxBadCount,      ErrorCode::IdxBadDimensions,
    ErrorCode::IdxTruncated,    ErrorCode::IdxTooLong,       ErrorCode::IdxPartialImage,
    ErrorCode::LabelOutOfRange, ErrorCode::CountMismatch,    ErrorCode::ModelTooShort,
    ErrorCode::ModelBadMagic,   ErrorCode::ModelBadVersion,  ErrorCode::ModelTruncated,
    ErrorCode::ModelBadValue,   ErrorCode::ModelBadSettings, ErrorCode::ModelTrailingBytes,
    ErrorCode::ModelChecksum,   ErrorCode::ModelNotFinite,   ErrorCode::ModelNotEmbedded,
    ErrorCode::ImageUnreadable, ErrorCode::ImageDamaged,     ErrorCode::ImageTruncated,
    ErrorCode::ImageTooLarge,   ErrorCode::FileNotRegular,   ErrorCode::FileEmpty,
    ErrorCode::PlaygroundFileInvalid,
    ErrorCode::ModelValuesTooLarge,
    ErrorCode::TfliteBadIdentifier, ErrorCode::TfliteMalformed,   ErrorCode::TfliteSubgraphs,
    ErrorCode::TfliteOperatorUnsupported, ErrorCode::TfliteOptionUnsupported,
    ErrorCode::TfliteNotChain,      ErrorCode::TfliteTensorType,  ErrorCode::TfliteTensorShape,
    ErrorCode::TfliteBufferSize,    ErrorCode::TfliteNotFinite,   ErrorCode::TfliteTooLarge,
    ErrorCode::TfliteInputRangeUnknown, ErrorCode::TfliteInt8Unsupported,
};
const QSet<ErrorCode> kFolderCodes
    = {ErrorCode::FolderMissing, ErrorCode::FolderCreate, ErrorCode::DataMissing};

ErrorArgs fullArgs()
{
    ErrorArgs a;
    a.file = kFile;
    a.otherFile = kOtherFile;
    a.folder = kFolder;
    a.name = "train-images-idx3-ubyte";
    a.index = 2;
    a.offset = 116;
    a.rows = 28;
    a.cols = 28;
    a.expected = 47040016;
    a.found = 116;
    a.limit = 50000000;
    a.detail = "No space left on device";
    return a;
}

const QLocale kGerman(QLocale::German, QLocale::Germany);
const QLocale kEnglish(QLocale::English, QLocale::UnitedStates);

bool hasPlaceholder(const QString &text)
{
    static const QRegularExpression placeholder(QStringLiteral("%\\d"));
    return text.contains(placeholder);
}

} // namespace

class TestErrorText : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { QLocale::setDefault(QLocale::c()); }

    void everyCodeHasItsOwnSentence()
    {
        const ErrorArgs args = fullArgs();
        QSet<QString> seen;
        for (int c = 0; c < core::kErrorCodeCount; ++c) {
            const auto code = ErrorCode(c);
            const QString name = QString::fromUtf8(core::toString(code));
            const QString text = ui::ErrorText::text(code, args, kEnglish);
            QVERIFY2(text.size() > 10, qPrintable(name));
            QVERIFY2(!hasPlaceholder(text), qPrintable(name + ": " + text));
            QVERIFY2(!seen.contains(text), qPrintable(name + " repeats: " + text));
            seen.insert(text);
            if (kFileCodes.contains(code))
                QVERIFY2(text.contains(QString::fromStdString(kFile)),
                         qPrintable(name + ": " + text));
            if (kFolderCodes.contains(code))
                QVERIFY2(text.contains(QString::fromStdString(kFolder)),
                         qPrintable(name + ": " + text));
        }
        // Both files of an image/label pair are named.
        QVERIFY(ui::ErrorText::text(ErrorCode::CountMismatch, args, kEnglish)
                    .contains(QString::fromStdString(kOtherFile)));
    }

    void everySettingAndStoredValueHasItsOwnSentence()
    {
        ErrorArgs args = fullArgs();
        QSet<QString> settings, stored, names;
        for (int f = 0; f < core::kErrorFieldCount; ++f) {
            args.field = ErrorField(f);
            const QString name = ui::ErrorText::fieldName(args.field);
            QVERIFY2(!name.isEmpty() && !names.contains(name), qPrintable(name));
            names.insert(name);
            const QString setting = ui::ErrorText::text(ErrorCode::SpecInvalid, args, kEnglish);
            QVERIFY2(!setting.isEmpty() && !hasPlaceholder(setting), qPrintable(setting));
            settings.insert(setting);
            const QString value = ui::ErrorText::text(ErrorCode::ModelBadValue, args, kEnglish);
            QVERIFY2(value.contains(QString::fromStdString(kFile)) && !hasPlaceholder(value),
                     qPrintable(value));
            stored.insert(value);
        }
        // Every field gets its own sentence in both places.
        QCOMPARE(settings.size(), core::kErrorFieldCount);
        QCOMPARE(stored.size(), core::kErrorFieldCount);
    }

    void storedSettingsErrorShowsTheCause()
    {
        ErrorArgs args = fullArgs();
        args.cause = ErrorCode::SpecInvalid;
        args.field = ErrorField::LearningRate;
        args.value = -0.5;
        const QString text = ui::ErrorText::text(ErrorCode::ModelBadSettings, args, kGerman);
        QVERIFY2(text.contains(QString::fromStdString(kFile)), qPrintable(text));
        QVERIFY2(text.contains(ui::ErrorText::text(ErrorCode::SpecInvalid, args, kGerman)),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("-0,5")), qPrintable(text));
    }

    void numbersFollowTheLocale_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::addColumn<QString>("bytes");
        QTest::addColumn<QString>("real");
        QTest::newRow("German") << kGerman << "47.040.016"
                                << "-0,5";
        QTest::newRow("English") << kEnglish << "47,040,016"
                                 << "-0.5";
    }
    void numbersFollowTheLocale()
    {
        QFETCH(QLocale, locale);
        QFETCH(QString, bytes);
        QFETCH(QString, real);
        ErrorArgs args = fullArgs();
        args.field = ErrorField::Images;
        const QString truncated = ui::ErrorText::text(ErrorCode::IdxTruncated, args, locale);
        QVERIFY2(truncated.contains(bytes), qPrintable(truncated));
        args.field = ErrorField::LearningRate;
        args.value = -0.5;
        const QString setting = ui::ErrorText::text(ErrorCode::SpecInvalid, args, locale);
        QVERIFY2(setting.contains(real), qPrintable(setting));
    }

    void realTruncatedMnistFileInGerman()
    {
        // The header of MNIST's training images (60,000 of 28x28), then only 100 pixels.
        QTemporaryDir dir;
        QFile f(dir.filePath("train-images-idx3-ubyte"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        const unsigned char header[16] = {0, 0, 8, 3, 0, 0, 0xEA, 0x60, 0, 0, 0, 28, 0, 0, 0, 28};
        f.write(reinterpret_cast<const char *>(header), 16);
        f.write(QByteArray(100, '\0'));
        f.close();
        try {
            core::readIdxImages(f.fileName().toStdString());
            QFAIL("a truncated file was accepted");
        } catch (const core::Error &e) {
            const QString german = ui::errorText(e, kGerman);
            // 16 + 60,000 x 784 = 47,040,016 bytes promised, 116 present.
            QVERIFY2(german.contains(QStringLiteral("47.040.016")), qPrintable(german));
            QVERIFY2(german.contains(QStringLiteral("60.000")), qPrintable(german));
            QVERIFY2(german.contains(QStringLiteral("116")), qPrintable(german));
            QVERIFY2(german.contains(f.fileName()), qPrintable(german));
            // The English what() keeps plain numbers for the command line and logs.
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("47040016")), e.what());
            // Through std::exception (as the worker threads catch it) the same text.
            const std::exception &base = e;
            QCOMPARE(ui::errorText(base, kGerman), german);
        }
    }

    void panelsShowTheLocaleText()
    {
        // A model file from a far newer TinyML Studio, opened as the Open menu does.
        ui::StudioModel studio;
        QTemporaryDir dir;
        QFile f(dir.filePath("future.tmlm"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("TMLMODEL");
        const std::uint32_t version = 1000000;
        f.write(reinterpret_cast<const char *>(&version), 4);
        f.write(QByteArray(64, '\0'));
        f.close();
        QLocale::setDefault(kGerman);
        QString error;
        QVERIFY(!studio.loadFile(f.fileName(), &error));
        QVERIFY2(error.contains(f.fileName()), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("1.000.000")), qPrintable(error));
        QVERIFY(!studio.model()); // nothing replaced
    }

    void studioOpensConvolutionalModels()
    {
        // The studio once refused convolutional models (StudioLayerUnsupported); it opens them
        // now, and a damaged one still leaves the current model in place.
        ui::StudioModel studio;
        QVERIFY(studio.loadDefault());
        const auto before = studio.model();
        using L = core::LayerSpec;
        const core::ModelSpec spec = core::ModelSpec::withLayers(
            {L::conv2d(2, 3, core::Activation::Relu), L::maxPooling2d(2), L::flatten(),
             L::dense(10, core::Activation::Softmax)});
        core::Network cnn(spec);
        QTemporaryDir dir;
        const QString path = dir.filePath("cnn.tmlm");
        core::saveModel(path.toStdString(), cnn, nullptr, {});
        QString error;
        QVERIFY2(studio.loadFile(path, &error), qPrintable(error));
        QVERIFY(error.isEmpty());
        QVERIFY(studio.model() != before);
        QCOMPARE(studio.model()->network.spec().layers, spec.layers);
        QCOMPARE(studio.model()->network.spec().parameterCount(), cnn.spec().parameterCount());
        QCOMPARE(studio.origin(), QStringLiteral("cnn.tmlm"));
        const auto cnnModel = studio.model();
        QFile cut(path);
        QVERIFY(cut.resize(cut.size() / 2));
        QVERIFY(!studio.loadFile(path, &error));
        QVERIFY2(error.contains(QStringLiteral("cnn.tmlm")), qPrintable(error));
        QCOMPARE(studio.model(), cnnModel);
    }

    void systemReasonsAreTranslatedWhenKnown()
    {
        ErrorArgs args = fullArgs();
        args.systemError = ENOSPC;
        const QString known = ui::ErrorText::text(ErrorCode::FileWrite, args, kEnglish);
        QVERIFY(!ui::ErrorText::systemReason(ENOSPC).isEmpty());
        QVERIFY2(known.contains(ui::ErrorText::systemReason(ENOSPC)), qPrintable(known));
        // An unknown number falls back to the system's own words.
        args.systemError = 0;
        const QString raw = ui::ErrorText::text(ErrorCode::FileWrite, args, kEnglish);
        QVERIFY2(raw.contains(QStringLiteral("No space left on device")), qPrintable(raw));
    }

    void otherExceptions()
    {
        const std::bad_alloc oom;
        const QString memory = ui::errorText(oom);
        QVERIFY(!memory.isEmpty());
        QVERIFY(!memory.contains(QStringLiteral("bad_alloc")));
        QCOMPARE(ui::errorText(std::runtime_error("plain words")), QStringLiteral("plain words"));
    }
};

QTEST_MAIN(TestErrorText)
#include "tst_errortext.moc"
