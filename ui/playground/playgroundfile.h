// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/playground/playground.h"

#include <QByteArray>
#include <QString>

namespace tinyml::ui {

/// The Playground's state as a file: data settings and points, features, network and training
/// settings.
struct PlaygroundState
{
    core::PlaygroundConfig config;
    core::PlanarData data;
};

/// The largest state file read (bytes) and the most points it may hold.
inline constexpr qint64 kPlaygroundFileLimit = 1 << 20;
inline constexpr int kPlaygroundFilePoints = 5000;

/// The state as a small JSON document ("format": "tinyml-playground", "version": 1).
QByteArray playgroundToJson(const PlaygroundState &state);
/// Reads a document written by playgroundToJson(). Every value is checked before anything is
/// used: a wrong type, a value out of range or a point outside [-6, 6]² throws core::Error
/// (PlaygroundFileInvalid or PlaygroundSettingInvalid) naming file.
PlaygroundState playgroundFromJson(const QByteArray &json, const QString &file);

/// Writes the state atomically; throws core::Error.
void savePlayground(const QString &file, const PlaygroundState &state);
/// Reads a state file (at most kPlaygroundFileLimit bytes); throws core::Error.
PlaygroundState loadPlayground(const QString &file);

} // namespace tinyml::ui
