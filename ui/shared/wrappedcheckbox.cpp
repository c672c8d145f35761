// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shared/wrappedcheckbox.h"

#include "ui/shared/wraplabel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>

namespace tinyml::ui {

namespace {

/// The text of a check box: a click on it is a click on the box.
class CheckLabel : public WrapLabel
{
public:
    CheckLabel(const QString &text, QCheckBox *box)
        : WrapLabel(text)
        , m_box(box)
    {
        setAlignment(Qt::AlignLeft | Qt::AlignTop);
        setBuddy(box);
        setToolTip(box->toolTip());
        setEnabled(box->isEnabled());
        box->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_box && event->type() == QEvent::EnabledChange)
            setEnabled(m_box->isEnabled());
        return WrapLabel::eventFilter(watched, event);
    }
    void mouseReleaseEvent(QMouseEvent *event) override
    {
        if (event->button() == Qt::LeftButton && m_box->isEnabled() && rect().contains(event->position().toPoint()))
            m_box->toggle();
        WrapLabel::mouseReleaseEvent(event);
    }

private:
    QCheckBox *m_box;
};

} // namespace

QWidget *wrappedCheckBox(QCheckBox *box, const QString &text, QLabel **label)
{
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    box->setText(QString());
    box->setAccessibleName(text);
    auto *caption = new CheckLabel(text, box);
    layout->addWidget(box, 0, Qt::AlignTop);
    layout->addWidget(caption, 1);
    if (label)
        *label = caption;
    return row;
}

} // namespace tinyml::ui
