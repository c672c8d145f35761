// SPDX-License-Identifier: GPL-3.0-or-later
// Arm NN as the oracle of the .tflite proofs (tst_tflitearmnn, tst_tfliteint8armnn): Debian's
// python3-pyarmnn with its TfLiteParser and CpuRef backend runs a file on the first test images
// through armnn_infer.py, in a process of its own.
#pragma once

#include "core/data/dataset.h"

#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

#include <cstdint>
#include <cstring>
#include <vector>

namespace tinyml::test {

/// What Arm NN made of one file.
struct OracleRun
{
    int exitCode = -1;
    QString stdOut, stdErr;
    std::vector<float> outputs; ///< one row of the output tensor per image (int8: raw integers)
};

/// The images Arm NN reads and the files it runs, in a temporary folder of their own.
class ArmnnHarness
{
public:
    /// Writes the first `images` images of test as the script's raw pixels and checks that
    /// /usr/bin/python3 imports pyarmnn (fails the calling test otherwise).
    void prepare(const core::Dataset &test, int images)
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(test.size() >= std::size_t(images));
        m_images = images;
        m_pixels = m_dir.filePath(QStringLiteral("pixels.bin"));
        QFile f(m_pixels);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const qint64 bytes = qint64(images) * test.pixels();
        QCOMPARE(f.write(reinterpret_cast<const char *>(test.images.data()), bytes), bytes);
        f.close();
        // Arm NN must be there: scripts/install-deps.sh test installs it.
        QProcess p;
        p.start(QStringLiteral("/usr/bin/python3"),
                {QStringLiteral("-c"), QStringLiteral("import pyarmnn")});
        QVERIFY(p.waitForFinished(-1));
        QVERIFY2(p.exitCode() == 0,
                 "/usr/bin/python3 cannot import pyarmnn: run scripts/install-deps.sh test "
                 "(python3-pyarmnn, libarmnn-cpuref-backend22)");
    }

    /// Runs model (written as name.tflite) on the prepared images; exitCode -1 when the file
    /// could not be written or the script did not run to its end.
    OracleRun run(const std::vector<std::uint8_t> &model, const QString &name) const
    {
        OracleRun run;
        const QString path = m_dir.filePath(name + QStringLiteral(".tflite"));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)
            || f.write(reinterpret_cast<const char *>(model.data()), qint64(model.size()))
                   != qint64(model.size()))
            return run;
        f.close();
        const QString out = m_dir.filePath(name + QStringLiteral(".out"));
        QProcess p;
        p.start(QStringLiteral("/usr/bin/python3"),
                {QFINDTESTDATA("armnn_infer.py"), path, m_pixels, QString::number(m_images), out});
        if (!p.waitForStarted() || !p.waitForFinished(-1))
            return run;
        run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        run.stdOut = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
        run.stdErr = QString::fromUtf8(p.readAllStandardError()).trimmed();
        QFile o(out);
        if (run.exitCode == 0 && o.open(QIODevice::ReadOnly)) {
            const QByteArray bytes = o.readAll();
            run.outputs.resize(std::size_t(bytes.size()) / sizeof(float));
            std::memcpy(run.outputs.data(), bytes.data(), run.outputs.size() * sizeof(float));
        }
        return run;
    }

private:
    QTemporaryDir m_dir;
    QString m_pixels;
    int m_images = 0;
};

} // namespace tinyml::test
