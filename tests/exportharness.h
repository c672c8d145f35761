// SPDX-License-Identifier: GPL-3.0-or-later
// What the export proofs (tst_export, tst_convexport) compile beside the generated C: a program
// that classifies the images of an IDX file and writes each class and its scores in binary,
// a writer of text files and a runner of the compilers and programs.
#pragma once

#include "core/data/dataset.h"
#include "core/io/fileio.h"
#include "core/nn/network.h"

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

namespace tinyml::test {

/// The harness's C source for generated code whose identifiers start with prefix + "_". It
/// prints the self-test's result, then for each image the class (1 byte) and 10 scores (float,
/// or with INT8 defined: int8 scores, then the float entry point's class and scores).
inline std::string exportHarness(const std::string &prefix)
{
    std::string text = R"(#include <stdio.h>
#include <stdlib.h>
#include "model.h"
/* Reads an IDX image file, classifies every image, writes class and scores in binary. */
int main(int argc, char **argv)
{
    static unsigned char pixels[784];
    unsigned char header[16];
    FILE *f;
    int n, k, i;
    if (argc < 3) return 2;
    printf("%d\n", PREFIX_self_test());
    fflush(stdout);
    f = fopen(argv[1], "rb");
    if (!f || fread(header, 1, 16, f) != 16) return 3;
    n = atoi(argv[2]);
    for (k = 0; k < n; ++k) {
        if (fread(pixels, 1, 784, f) != 784) return 4;
#ifdef INT8
        {
            int8_t x[784], s[10];
            float xf[784], sf[10];
            unsigned char c, cf;
            for (i = 0; i < 784; ++i) x[i] = (int8_t)((int)pixels[i] - 128);
            c = (unsigned char)PREFIX_predict_int8(x, s);
            fwrite(&c, 1, 1, stdout);
            fwrite(s, 1, 10, stdout);
            /* The float entry point of the int8 model: quantizes the input itself. */
            for (i = 0; i < 784; ++i) xf[i] = (float)pixels[i] / 255.0f;
            cf = (unsigned char)PREFIX_predict(xf, sf);
            fwrite(&cf, 1, 1, stdout);
            fwrite(sf, sizeof(float), 10, stdout);
        }
#else
        {
            float x[784], s[10];
            unsigned char c;
            for (i = 0; i < 784; ++i) x[i] = (float)pixels[i] / 255.0f;
            c = (unsigned char)PREFIX_predict(x, s);
            fwrite(&c, 1, 1, stdout);
            fwrite(s, sizeof(float), 10, stdout);
        }
#endif
    }
    fclose(f);
    return 0;
}
)";
    for (std::size_t at = text.find("PREFIX_"); at != std::string::npos; at = text.find("PREFIX_", at))
        text.replace(at, 6, prefix);
    return text;
}

/// Writes text to path (atomically, as the studio saves).
inline void writeText(const QString &path, const std::string &text)
{
    core::writeFileAtomically(path.toStdString(),
                              {reinterpret_cast<const std::uint8_t *>(text.data()), text.size()});
}

/// The program's standard output, or nothing when it could not run, crashed, exited with a code
/// other than 0 or took over ten minutes (then what it printed is shown as a warning).
inline std::optional<QByteArray>
runChecked(const QString &program, const QStringList &args, const QString &workingDirectory = {})
{
    QProcess p;
    p.setWorkingDirectory(workingDirectory);
    p.start(program, args);
    if (!p.waitForFinished(600000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning("%s failed: %s %s %s", qPrintable(program), qPrintable(p.errorString()),
                 p.readAllStandardOutput().left(2000).constData(),
                 p.readAllStandardError().left(3000).constData());
        return std::nullopt;
    }
    return p.readAllStandardOutput();
}

/// Bytes of one image's record from the harness: the class and 10 float scores; with INT8 the
/// class and 10 int8 scores, then the float entry point's class and scores.
constexpr int harnessRecord(bool int8)
{
    return int8 ? 11 + 41 : 1 + 40;
}

/// Compiles dir/model.c under -std=c99 -Wall -Wextra -Werror -pedantic -O2, builds the harness
/// for prefix beside it (INT8 defined for int8) and runs it on the first count images of the IDX
/// file images. Returns what failed, or an empty string when the self-test passed and records
/// holds count whole records.
inline QString runExportHarness(const QString &dir,
                                const std::string &prefix,
                                bool int8,
                                const QString &images,
                                int count,
                                QByteArray &records)
{
    writeText(dir + "/harness.c", exportHarness(prefix));
    // The generated code itself under the strictest flags; the harness beside it.
    if (!runChecked("cc", {"-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-O2", "-c",
                           dir + "/model.c", "-o", dir + "/model.o"}))
        return QStringLiteral("the generated code does not compile with the strict flags");
    QStringList link{"-std=c99", "-O2", dir + "/harness.c", dir + "/model.o", "-o", dir + "/run"};
    if (int8)
        link << "-DINT8";
    if (!runChecked("cc", link))
        return QStringLiteral("the harness does not build");
    const QByteArray out
        = runChecked(dir + "/run", {images, QString::number(count)}).value_or(QByteArray());
    const int newline = int(out.indexOf('\n'));
    if (newline <= 0)
        return QStringLiteral("the harness printed no self-test result");
    if (out.left(newline) != "0")
        return QStringLiteral("the embedded self-test failed: ")
               + QString::fromUtf8(out.left(newline));
    records = out.mid(newline + 1);
    if (records.size() != qsizetype(count) * harnessRecord(int8))
        return QStringLiteral("%1 bytes of records, not %2")
            .arg(records.size())
            .arg(qsizetype(count) * harnessRecord(int8));
    return {};
}

/// How the float32 records of the first count images of test agree with net run by the engine.
struct FloatAgreement
{
    double worst = 0.0;    ///< the largest |C score − engine score|
    int classesDiffer = 0; ///< images whose C class is not the engine's arg-max
};

/// Compares float32 harness records with net's batched forward pass, chunk images at a time.
inline FloatAgreement
floatAgreement(const core::Network &net, const core::Dataset &test, const char *records, int count)
{
    constexpr int kChunk = 500;
    FloatAgreement a;
    core::Workspace ws(net.spec(), kChunk);
    core::AlignedFloats x(std::size_t(test.pixels()) * kChunk);
    std::vector<std::uint32_t> idx;
    for (int start = 0; start < count; start += kChunk) {
        const int n = std::min(kChunk, count - start);
        idx.resize(std::size_t(n));
        for (int k = 0; k < n; ++k)
            idx[std::size_t(k)] = std::uint32_t(start + k);
        core::MatrixMap X(x.data(), test.pixels(), n);
        core::fillBatch(test, idx, X, nullptr);
        const auto probs = net.forward(X, ws);
        for (int k = 0; k < n; ++k) {
            const char *r = records + std::size_t(start + k) * std::size_t(harnessRecord(false));
            float scores[10];
            std::memcpy(scores, r + 1, sizeof scores);
            Eigen::Index best;
            probs.col(k).maxCoeff(&best);
            a.classesDiffer += int(static_cast<unsigned char>(r[0])) != int(best);
            for (int c = 0; c < 10; ++c)
                a.worst = std::max(a.worst, double(std::abs(scores[c] - probs(c, k))));
        }
    }
    return a;
}

} // namespace tinyml::test
