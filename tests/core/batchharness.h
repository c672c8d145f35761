// SPDX-License-Identifier: GPL-3.0-or-later
// Generated C compiled with the host's C compiler under -std=c99 -Wall -Wextra -Werror -pedantic
// and run on a batch of inputs (tst_convcodegen, tst_reference): random images, the harness
// program around the generated code, and its output read back record by record.
#pragma once

#include "core/base/random.h"
#include "core/data/dataset.h"
#include "core/deploy/codegen.h"

#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <cctype>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>

namespace tinyml::test {

/// count random images of 1 x pixels bytes, a tenth 0, a tenth 255, the rest uniform (so that
/// the extremes are certain to occur); labels uniform below classes.
inline core::Dataset randomImages(int count, int pixels, int classes, std::uint64_t seed)
{
    core::Rng rng(seed);
    core::Dataset d;
    d.name = "random";
    d.rows = 1;
    d.cols = pixels;
    for (int i = 0; i < count * pixels; ++i) {
        const std::uint32_t r = rng.below(10);
        d.images.push_back(r == 0 ? 0 : (r == 1 ? 255 : std::uint8_t(rng.below(256))));
    }
    for (int i = 0; i < count; ++i)
        d.labels.push_back(std::uint8_t(rng.below(std::uint32_t(classes))));
    return d;
}

/// The host's C compiler (cc, gcc or clang on the PATH), or an empty string.
inline QString hostCompiler()
{
    for (const char *cc : {"cc", "gcc", "clang"})
        if (const QString path = QStandardPaths::findExecutable(QString::fromLatin1(cc));
            !path.isEmpty())
            return path;
    return {};
}

/// Runs program to its end (two minutes at most); false with error set when it could not run,
/// crashed or exited with a code other than 0.
inline bool runTool(const QString &program, const QStringList &args, QString &error)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        error = program + " " + args.join(' ') + ": " + p.errorString() + " "
                + QString::fromLocal8Bit(p.readAllStandardError().left(3000));
        return false;
    }
    return true;
}

/// The harness's C for generated code whose identifiers start with prefix: reads the count n
/// (int) and n inputs (int8 with INT8 defined, else float) from argv[1], writes the self-test's
/// failures (int), then per input the class (int) and the scores to argv[2].
inline std::string batchHarness(const std::string &headerName, const std::string &prefix)
{
    std::string upper = prefix;
    for (char &c : upper)
        c = char(std::toupper(static_cast<unsigned char>(c)));
    const std::string text = R"(#include <stdio.h>
#include "HEADER"
int main(int argc, char **argv)
{
    FILE *in, *out;
    int n, k, c, failures;
    if (argc < 3) return 2;
    in = fopen(argv[1], "rb");
    out = fopen(argv[2], "wb");
    if (!in || !out || fread(&n, sizeof n, 1, in) != 1) return 3;
    failures = prefix_self_test();
    fwrite(&failures, sizeof failures, 1, out);
    for (k = 0; k < n; ++k) {
#ifdef INT8
        int8_t x[PREFIX_INPUT_SIZE], s[PREFIX_OUTPUT_SIZE];
        if (fread(x, 1, sizeof x, in) != sizeof x) return 4;
        c = prefix_predict_int8(x, s);
#else
        float x[PREFIX_INPUT_SIZE], s[PREFIX_OUTPUT_SIZE];
        if (fread(x, 1, sizeof x, in) != sizeof x) return 4;
        c = prefix_predict(x, s);
#endif
        fwrite(&c, sizeof c, 1, out);
        fwrite(s, 1, sizeof s, out);
    }
    fclose(in);
    return fclose(out) == 0 ? 0 : 5;
}
)";
    std::string result;
    for (std::size_t at = 0; at < text.size();) {
        if (text.compare(at, 6, "HEADER") == 0) {
            result += headerName;
            at += 6;
        } else if (text.compare(at, 6, "PREFIX") == 0) {
            result += upper;
            at += 6;
        } else if (text.compare(at, 6, "prefix") == 0) {
            result += prefix;
            at += 6;
        } else {
            result += text[at++];
        }
    }
    return result;
}

/// What the harness wrote: the self-test's failures, then one record per input, the class (int)
/// and `outputs` scores (int8, or float).
class BatchOutput
{
public:
    BatchOutput(QByteArray bytes, int outputs, bool int8)
        : m_bytes(std::move(bytes)),
          m_record(sizeof(int) + std::size_t(outputs) * (int8 ? 1 : sizeof(float)))
    {
    }

    /// The size the output has with count whole records.
    std::size_t expectedSize(std::size_t count) const { return sizeof(int) + count * m_record; }
    std::size_t size() const { return std::size_t(m_bytes.size()); }
    int failures() const { return intAt(0); }
    /// Input k's class.
    int predicted(std::size_t k) const { return intAt(sizeof(int) + k * m_record); }
    /// Input k's scores.
    const char *scores(std::size_t k) const
    {
        return m_bytes.constData() + sizeof(int) + k * m_record + sizeof(int);
    }

private:
    int intAt(std::size_t offset) const
    {
        int v = -1;
        if (offset + sizeof v <= size())
            std::memcpy(&v, m_bytes.constData() + offset, sizeof v);
        return v;
    }

    QByteArray m_bytes;
    std::size_t m_record;
};

/// Compiles g (a model of `outputs` scores) with the harness (-std=c99 -Wall -Wextra -Werror
/// -pedantic at optimization, and INT8 defined for int8) and runs it on count inputs given as
/// their raw bytes. error says what failed, and is empty when the program ran.
inline BatchOutput runBatch(const core::GeneratedCode &g,
                            int outputs,
                            bool int8,
                            const QString &optimization,
                            int count,
                            const QByteArray &inputs,
                            QString &error)
{
    BatchOutput none({}, outputs, int8);
    const QString cc = hostCompiler();
    if (cc.isEmpty()) {
        error = QStringLiteral("no C compiler (cc, gcc or clang) on the PATH; the build needs one");
        return none;
    }
    QTemporaryDir dir;
    if (!dir.isValid()) {
        error = QStringLiteral("no temporary folder: ") + dir.errorString();
        return none;
    }
    const auto write = [&](const QString &name, const QByteArray &bytes) {
        QFile f(dir.filePath(name));
        if (f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size())
            return true;
        error = QStringLiteral("cannot write ") + f.fileName();
        return false;
    };
    const auto text = [](const std::string &s) { return QByteArray::fromStdString(s); };
    if (!write(QString::fromStdString(g.headerName), text(g.header))
        || !write(QString::fromStdString(g.sourceName), text(g.source))
        || !write(QStringLiteral("main.c"), text(batchHarness(g.headerName, g.prefix))))
        return none;
    QStringList args{"-std=c99",
                     optimization,
                     "-Wall",
                     "-Wextra",
                     "-Werror",
                     "-pedantic",
                     dir.filePath("main.c"),
                     dir.filePath(QString::fromStdString(g.sourceName)),
                     "-o",
                     dir.filePath("program")};
    if (int8)
        args.prepend("-DINT8");
    if (!runTool(cc, args, error)
        || !write(QStringLiteral("in.bin"),
                  QByteArray(reinterpret_cast<const char *>(&count), sizeof count) + inputs)
        || !runTool(dir.filePath("program"), {dir.filePath("in.bin"), dir.filePath("out.bin")},
                    error))
        return none;
    QFile out(dir.filePath("out.bin"));
    if (!out.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot read ") + out.fileName();
        return none;
    }
    return BatchOutput(out.readAll(), outputs, int8);
}

} // namespace tinyml::test
