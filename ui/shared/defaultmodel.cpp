// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shared/defaultmodel.h"

#include "core/base/error.h"

#include <QFile>

namespace tinyml::ui {

core::LoadedModel loadModelFile(const QString &path)
{
    if (!path.startsWith(QLatin1Char(':')))
        return core::loadModel(path.toStdString());
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw core::Error(core::ErrorCode::ModelNotEmbedded, {.file = path.toStdString()});
    const QByteArray bytes = file.readAll();
    return core::deserializeModel(
        {reinterpret_cast<const std::uint8_t *>(bytes.constData()), std::size_t(bytes.size())},
        path.toStdString());
}

core::LoadedModel loadDefaultModel()
{
    return loadModelFile(kDefaultModelResource);
}

core::LoadedModel loadSmallCnnModel()
{
    return loadModelFile(kSmallCnnResource);
}

core::ModelSpec smallCnnSpec()
{
    using core::Activation;
    using L = core::LayerSpec;
    return core::ModelSpec::withLayers({L::conv2d(8, 3, Activation::Relu), L::maxPooling2d(2),
                                        L::conv2d(16, 3, Activation::Relu), L::maxPooling2d(2),
                                        L::flatten(), L::dense(10, Activation::Softmax)});
}

} // namespace tinyml::ui
