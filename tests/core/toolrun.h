// SPDX-License-Identifier: GPL-3.0-or-later
// A cross toolchain's compiler, linker, size tool or emulator run in a folder, with what it
// printed kept for the failure message or for parsing (tst_boards, tst_boardlink).
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

namespace tinyml::test {

/// Whether a tool succeeded, and what it printed.
struct ToolRun
{
    bool ok = false; ///< it ran to its end (ten minutes at most) and exited with 0
    QString log;     ///< the first 4,000 bytes of its standard output and error, merged
};

/// Runs program with args in the folder dir.
inline ToolRun runInFolder(const QString &program, const QStringList &args, const QString &dir)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    ToolRun r;
    r.ok = p.waitForFinished(600000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    r.log = QString::fromLocal8Bit(p.readAll().left(4000));
    return r;
}

} // namespace tinyml::test
