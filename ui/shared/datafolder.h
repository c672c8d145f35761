// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace tinyml::ui {

/// What moving a folder's contents did.
struct FolderMove
{
    int moved = 0;      ///< files and folders moved as a whole
    QStringList kept;   ///< paths left where they were: the destination already had that name
    QStringList failed; ///< paths that could not be moved (left where they were)
};

/// Moves everything in `from` into `to` (created when missing), never overwriting: a folder
/// both hold is merged entry by entry, a file both hold stays in `from`. Folders of `from`
/// left empty are removed. Nothing is ever deleted that holds data.
FolderMove moveFolderContents(const QString &from, const QString &to);

/// Sets the organization, application name and version the studio's settings and data folders
/// are named after: settings in <config>/TinyML/TinyML Studio.conf, data in
/// <data>/TinyML/TinyML Studio (QStandardPaths::AppDataLocation).
void setStudioIdentity(const QString &version);

/// Earlier versions named both organization and application "TinyML Studio", so runs and
/// drawings went into <data>/TinyML Studio/TinyML Studio and settings into
/// <config>/TinyML Studio/TinyML Studio.conf. Moves them to the current places (call after
/// setStudioIdentity()). Returns one line for the log when anything was moved or kept, else
/// empty.
QString migrateDoubledFolders();

} // namespace tinyml::ui
