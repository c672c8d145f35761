// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/modelfile.h"

#include <QString>

namespace tinyml::ui {

/// Resource path of the pretrained model embedded in the executables.
inline const QString kDefaultModelResource = QStringLiteral(":/models/default.tmlm");

/// Loads the embedded default model; throws core::Error when the executable lacks it.
core::LoadedModel loadDefaultModel();

/// Loads a model file or a resource path (":/..."); throws core::Error.
core::LoadedModel loadModelFile(const QString &path);

} // namespace tinyml::ui
