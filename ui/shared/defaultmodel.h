// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/modelfile.h"

#include <QString>

namespace tinyml::ui {

/// Resource path of the pretrained model embedded in the executables.
inline const QString kDefaultModelResource = QStringLiteral(":/models/default.tmlm");

/// Resource path of the embedded small convolutional network (scripts/train-small-cnn.sh).
inline const QString kSmallCnnResource = QStringLiteral(":/models/small-cnn.tmlm");

/// Loads the embedded default model; throws core::Error when the executable lacks it.
core::LoadedModel loadDefaultModel();

/// Loads the embedded small CNN; throws core::Error when the executable lacks it.
core::LoadedModel loadSmallCnnModel();

/// The small CNN of issue 10 and the editor's preset, on a 28x28x1 image: Conv2D 8 filters 3x3
/// ReLU -> MaxPooling2D 2 -> Conv2D 16 filters 3x3 ReLU -> MaxPooling2D 2 -> Flatten -> Dense 10
/// softmax (5,258 parameters); Adam with Keras's defaults.
core::ModelSpec smallCnnSpec();

/// Loads a model file or a resource path (":/..."); throws core::Error.
core::LoadedModel loadModelFile(const QString &path);

} // namespace tinyml::ui
