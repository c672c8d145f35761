// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by the widget tests: a window's action by its shortcut, MNIST loaded into a
// DataSource on its worker.
#pragma once

#include "ui/shared/datasource.h"

#include <QAction>
#include <QKeySequence>
#include <QSignalSpy>
#include <QWidget>

namespace tinyml::test {

/// The action of window (or of any widget inside it) whose shortcut is keys, or nullptr.
inline QAction *actionFor(QWidget *window, const QKeySequence &keys)
{
    for (QAction *a : window->findChildren<QAction *>())
        if (a->shortcut() == keys)
            return a;
    return nullptr;
}

/// Loads the real MNIST into data and waits for it (20 s at most); true when it was loaded.
inline bool loadMnist(ui::DataSource &data)
{
    QSignalSpy loaded(&data, &ui::DataSource::loaded);
    data.load(core::DatasetKind::Mnist);
    return loaded.wait(20000);
}

} // namespace tinyml::test
