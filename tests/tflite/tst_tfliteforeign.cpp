// SPDX-License-Identifier: GPL-3.0-or-later
// The reader on .tflite files made by TensorFlow's converter, not by this project: MediaPipe's
// face detector and selfie segmenter, shipped in its npm packages and put in place, verified by
// SHA-256, by scripts/fetch-tflite-samples.sh (scripts/test.sh runs it). Both use operators the
// studio does not compute; what is tested is that files with the fields and layouts of the
// real converter pass the structural checks, that the operators before the first unsupported one
// pass every check of meaning (the file's own output shapes, written by TensorFlow, equal what
// the reader computes for them; buffer sizes; finite values) and that the refusal names the
// operator. Skipped, with the reason, when the samples are absent.
#include "core/base/error.h"
#include "core/io/fileio.h"
#include "core/tflite/tflitereader.h"

#include <QTest>

#include <cstdlib>
#include <filesystem>

using namespace tinyml::core;

class TestTfliteForeign : public QObject
{
    Q_OBJECT

    static std::filesystem::path samples()
    {
        const char *data = std::getenv("XDG_DATA_HOME");
        const char *home = std::getenv("HOME");
        const std::filesystem::path base
            = data && *data ? std::filesystem::path(data)
                            : std::filesystem::path(home ? home : "") / ".local/share";
        return base / "tinyml-studio/tflite-samples";
    }

private slots:
    void convertedFilesAreReadUpToTheirFirstUnsupportedOperator_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("outputs");
        // Face detector: one input, two outputs (boxes and scores).
        QTest::newRow("face detection") << "face_detection_short_range.tflite"
                                        << "TfliteNotChain"
                                        << "" << -1 << 2;
        // Selfie segmenter: operators 0 to 2 are read, HARD_SWISH (index 3) is refused.
        QTest::newRow("selfie segmentation") << "selfie_segmentation.tflite"
                                             << "TfliteOperatorUnsupported"
                                             << "HARD_SWISH" << 3 << -1;
    }

    void convertedFilesAreReadUpToTheirFirstUnsupportedOperator()
    {
        QFETCH(QString, file);
        QFETCH(QString, code);
        QFETCH(QString, name);
        QFETCH(int, index);
        QFETCH(int, outputs);
        const auto path = samples() / file.toStdString();
        if (!std::filesystem::exists(path))
            QSKIP(qPrintable("no " + QString::fromStdString(path.string())
                             + ": run scripts/fetch-tflite-samples.sh (needs npm)"));
        const auto bytes = readFile(path, 1 << 24);
        QVERIFY(isTflite(bytes));
        for (const auto range :
             {std::optional<TfliteInputRange>(), std::optional(TfliteInputRange::Unit)}) {
            try {
                readTflite(bytes, file.toStdString(), {.inputRange = range});
                QFAIL("accepted");
            } catch (const Error &e) {
                QCOMPARE(QString::fromUtf8(toString(e.code())), code);
                QVERIFY2(QString::fromUtf8(e.what()).contains(file), e.what());
                if (!name.isEmpty())
                    QCOMPARE(QString::fromStdString(e.args().name), name);
                if (index >= 0)
                    QCOMPARE(e.args().index, std::optional<std::int64_t>(index));
                if (outputs >= 0) {
                    QCOMPARE(e.args().found, std::optional<std::int64_t>(1));
                    QCOMPARE(e.args().expected, std::optional<std::int64_t>(outputs));
                }
            }
        }
        // Every truncation of the real file is refused as damaged, never read past its end.
        for (std::size_t keep = 8; keep < bytes.size(); keep += bytes.size() / 97 + 1) {
            const std::vector<std::uint8_t> cut(bytes.begin(),
                                                bytes.begin() + std::ptrdiff_t(keep));
            try {
                readTflite(cut, "cut.tflite", {.inputRange = TfliteInputRange::Unit});
                QFAIL(qPrintable(QString("a truncation to %1 bytes was accepted").arg(keep)));
            } catch (const Error &e) {
                QCOMPARE(QString::fromUtf8(toString(e.code())), QStringLiteral("TfliteMalformed"));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestTfliteForeign)
#include "tst_tfliteforeign.moc"
