// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shared/datafolder.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace tinyml::ui {

namespace {

const QString kOldName = QStringLiteral("TinyML Studio");

void moveInto(const QString &from, const QString &to, FolderMove &report)
{
    QDir().mkpath(to);
    const QDir source(from);
    const auto entries = source.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System
                                              | QDir::NoDotAndDotDot);
    for (const QFileInfo &entry : entries) {
        const QString target = to + QLatin1Char('/') + entry.fileName();
        const QFileInfo there(target);
        if (!there.exists() && !there.isSymLink()) {
            if (QDir().rename(entry.absoluteFilePath(), target))
                ++report.moved;
            else
                report.failed << entry.absoluteFilePath();
        } else if (entry.isDir() && !entry.isSymLink() && there.isDir() && !there.isSymLink()) {
            moveInto(entry.absoluteFilePath(), target, report);
        } else {
            report.kept << entry.absoluteFilePath();
        }
    }
    QDir().rmdir(from); // only when it is empty now
}

} // namespace

FolderMove moveFolderContents(const QString &from, const QString &to)
{
    FolderMove report;
    const QFileInfo source(from);
    if (!source.isDir() || source.isSymLink())
        return report;
    if (QFileInfo(to).exists() && !QFileInfo(to).isDir()) {
        report.failed << from;
        return report;
    }
    moveInto(from, to, report);
    return report;
}

void setStudioIdentity(const QString &version)
{
    QCoreApplication::setOrganizationName(QStringLiteral("TinyML"));
    QCoreApplication::setApplicationName(QStringLiteral("TinyML Studio"));
    QCoreApplication::setApplicationVersion(version);
}

QString migrateDoubledFolders()
{
    const QString data = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    const QString config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    const QString oldData = data + QLatin1Char('/') + kOldName + QLatin1Char('/') + kOldName;
    const QString newData = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QStringList notes;
    if (oldData != newData && QFileInfo(oldData).isDir()) {
        const FolderMove move = moveFolderContents(oldData, newData);
        QDir().rmdir(data + QLatin1Char('/') + kOldName);
        if (move.moved > 0)
            notes << QStringLiteral("moved %1 entries from %2 to %3")
                         .arg(move.moved)
                         .arg(oldData, newData);
        for (const QString &path : move.kept + move.failed)
            notes << QStringLiteral("kept %1 where it was").arg(path);
    }
    const QString oldConf = config + QLatin1Char('/') + kOldName + QLatin1Char('/') + kOldName
                            + QStringLiteral(".conf");
    const QString newConf = config + QLatin1Char('/') + QCoreApplication::organizationName()
                            + QLatin1Char('/') + QCoreApplication::applicationName()
                            + QStringLiteral(".conf");
    if (oldConf != newConf && QFileInfo(oldConf).isFile()) {
        if (QFileInfo(newConf).exists()) {
            notes << QStringLiteral("kept %1: %2 exists").arg(oldConf, newConf);
        } else if (QDir().mkpath(QFileInfo(newConf).absolutePath())
                   && QDir().rename(oldConf, newConf)) {
            notes << QStringLiteral("moved the settings to %1").arg(newConf);
            QDir().rmdir(config + QLatin1Char('/') + kOldName);
        } else {
            notes << QStringLiteral("could not move %1 to %2").arg(oldConf, newConf);
        }
    }
    return notes.join(QStringLiteral("; "));
}

} // namespace tinyml::ui
