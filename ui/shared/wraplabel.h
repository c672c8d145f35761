// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLabel>

namespace tinyml::ui {

/// A word-wrapped label that asks for exactly the lines its text needs at its current width,
/// in any layout (a splitter or a form does not ask a label's height for its width, and a
/// plain wrapped label then gets too few lines or far too many). It takes any width it is
/// given. Lives on the GUI thread.
class WrapLabel : public QLabel
{
public:
    explicit WrapLabel(const QString &text = QString(), QWidget *parent = nullptr);

    void setText(const QString &text);
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void fitHeight();
    /// The height of the text wrapped to width, with the label's margins.
    int textHeight(int width) const;
};

} // namespace tinyml::ui
