// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QComboBox>

namespace tinyml::ui {

/// A combo box that may be narrower than its longest entry: it shows the current entry cut
/// with "…" when it does not fit, and its tooltip then starts with the whole entry (the open
/// list always shows whole entries). Lives on the GUI thread.
class ElidingComboBox : public QComboBox
{
    Q_OBJECT

public:
    /// minimumCharacters: the width it asks for at least, in average characters.
    explicit ElidingComboBox(int minimumCharacters = 10, QWidget *parent = nullptr);

    /// The text as drawn now: the current entry, elided to the box's text field.
    QString shownText() const;
    bool isElided() const { return shownText() != currentText(); }
    /// The tooltip shown on hover: the whole current entry when it is elided, then toolTip().
    QString effectiveToolTip() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    int textWidth() const;
};

} // namespace tinyml::ui
