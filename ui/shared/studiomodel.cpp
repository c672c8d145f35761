// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shared/studiomodel.h"

#include "ui/shared/defaultmodel.h"
#include "ui/shared/errortext.h"

#include "core/base/error.h"

#include <QFileInfo>

namespace tinyml::ui {

StudioModel::StudioModel(QObject *parent)
    : QObject(parent)
{}

void StudioModel::setModel(std::shared_ptr<const core::LoadedModel> model, const QString &origin,
                           bool unsaved)
{
    m_model = std::move(model);
    m_origin = origin;
    m_unsaved = unsaved;
    emit modelChanged();
}

void StudioModel::markSaved(const QString &origin)
{
    m_unsaved = false;
    m_origin = origin;
    emit modelChanged();
}

void StudioModel::setInput(const std::array<float, 784> &pixels, int label, const QString &source)
{
    m_input.pixels = pixels;
    m_input.label = label;
    m_input.source = source;
    m_input.valid = true;
    emit inputChanged();
}

bool StudioModel::loadDefault(QString *error)
{
    try {
        setModel(std::make_shared<const core::LoadedModel>(loadDefaultModel()),
                 tr("embedded default model"), false);
        return true;
    } catch (const core::Error &e) {
        if (error)
            *error = errorText(e);
        return false;
    }
}

bool StudioModel::loadFile(const QString &path, QString *error)
{
    try {
        auto loaded = std::make_shared<const core::LoadedModel>(loadModelFile(path));
        setModel(std::move(loaded), QFileInfo(path).fileName(), false);
        return true;
    } catch (const core::Error &e) {
        if (error)
            *error = errorText(e);
        return false;
    }
}

bool StudioModel::saveFile(const QString &path, QString *error)
{
    if (!m_model) {
        if (error)
            *error = tr("There is no model to save.");
        return false;
    }
    try {
        core::saveModel(path.toStdString(), m_model->network,
                        m_model->optimizer ? &*m_model->optimizer : nullptr, m_model->info);
        markSaved(QFileInfo(path).fileName());
        return true;
    } catch (const core::Error &e) {
        if (error)
            *error = errorText(e);
        return false;
    }
}

QString StudioModel::modelFileName(const QString &chosen)
{
    if (chosen.isEmpty() || chosen.endsWith(QLatin1String(".tmlm"), Qt::CaseInsensitive))
        return chosen;
    return chosen + QStringLiteral(".tmlm");
}

} // namespace tinyml::ui
