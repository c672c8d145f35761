// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLayout>
#include <QList>

namespace tinyml::ui {

/// Lays its items out left to right and starts a new line when the next one would not fit, so
/// that a row of buttons stays whole in a narrow window or with larger text. Its height follows
/// its width (heightForWidth). Lives on the GUI thread.
class FlowLayout : public QLayout
{
public:
    explicit FlowLayout(QWidget *parent = nullptr);
    ~FlowLayout() override;

    void addItem(QLayoutItem *item) override;
    int count() const override;
    QLayoutItem *itemAt(int index) const override;
    QLayoutItem *takeAt(int index) override;
    Qt::Orientations expandingDirections() const override;
    bool hasHeightForWidth() const override;
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect &rect) override;

    /// Lines the items took at the last setGeometry() (1 when they all fit on one).
    int lineCount() const { return m_lines; }

private:
    /// Places the items in rect (only measures when apply is false); returns the height used.
    int arrange(const QRect &rect, bool apply) const;
    int gap(Qt::Orientation orientation) const;

    QList<QLayoutItem *> m_items;
    mutable int m_lines = 0;
};

} // namespace tinyml::ui
