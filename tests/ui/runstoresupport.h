// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the tests of the saved runs (tst_runstore, tst_runstoreloading): a finished run as the
// Train tab hands it over, whole-file reads and writes, and runs.json's entries by id.
#pragma once

#include "ui/train/runrecord.h"

#include "testsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

namespace tinyml::test {

/// A finished run as the Train tab hands it over: a 784-16-10 network answering digit.
inline ui::RunRecord makeRun(const QString &id, int digit)
{
    ui::RunRecord r;
    r.id = id;
    r.name = QStringLiteral("Run ") + id;
    r.spec = core::ModelSpec::withHidden({16}, core::Activation::Relu);
    r.testAccuracy = 0.5;
    r.model = constantModel(digit);
    return r;
}

/// The whole file, or nothing when it cannot be read.
inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

/// The entries of runs.json in folder, by id.
inline QMap<QString, QJsonObject> entries(const QString &folder)
{
    QMap<QString, QJsonObject> byId;
    const auto doc = QJsonDocument::fromJson(readAll(folder + QStringLiteral("/runs.json")));
    for (const auto v : doc.object()[QStringLiteral("runs")].toArray())
        byId.insert(v.toObject()[QStringLiteral("id")].toString(), v.toObject());
    return byId;
}

/// Rewrites the run list at path as version 2, a newer studio's, and returns its bytes.
inline QByteArray markNewer(const QString &path)
{
    QJsonObject list = QJsonDocument::fromJson(readAll(path)).object();
    list[QStringLiteral("version")] = 2;
    const QByteArray newer = QJsonDocument(list).toJson();
    return writeAll(path, newer) ? newer : QByteArray();
}

} // namespace tinyml::test
