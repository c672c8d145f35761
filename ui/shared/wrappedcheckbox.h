// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QCheckBox;
class QLabel;
class QWidget;

namespace tinyml::ui {

/// A row of box and its text as a word-wrapped label (a QCheckBox's own text never wraps and
/// is cut in a narrow pane). A click on the label toggles the box, the box keeps text as its
/// accessible name, and the label carries the box's tooltip. label: where the label is put.
QWidget *wrappedCheckBox(QCheckBox *box, const QString &text, QLabel **label = nullptr);

} // namespace tinyml::ui
