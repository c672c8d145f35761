// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/inputcheck.h"

#include <QLabel>

namespace tinyml::ui {

/// Says when a drawing is unlike the digits the network learnt from (a dot, a line, tiny ink
/// scaled up, very little ink, scattered specks), and why its answer then means little: the
/// network always picks one of its classes. Hidden for a drawing like MNIST's digits.
/// Lives on the GUI thread.
class InputWarning : public QLabel
{
    Q_OBJECT

public:
    explicit InputWarning(QWidget *parent = nullptr);

    /// Shows the reasons of check, or hides itself when there are none.
    void setCheck(const core::InputCheck &check);
    bool isWarning() const { return m_warning; }

private:
    bool m_warning = false;
};

} // namespace tinyml::ui
