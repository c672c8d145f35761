// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/draw/inputwarning.h"

#include "ui/shared/numbers.h"

#include <QStringList>

namespace tinyml::ui {

InputWarning::InputWarning(QWidget *parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("inputWarning"));
    setWordWrap(true);
    setTextFormat(Qt::RichText);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    setStyleSheet(QStringLiteral("QLabel { background: #fff4d6; color: #5c4400; padding: 6px; "
                                 "border-radius: 4px; }"));
    hide();
}

void InputWarning::setCheck(const core::InputCheck &check)
{
    m_warning = check.unlikeMnist();
    if (!m_warning) {
        hide();
        clear();
        return;
    }
    QStringList why;
    if (check.tiny)
        why << tr("it is tiny (%1 % of the canvas), so it was scaled up and its strokes became "
                  "thick")
                   .arg(localNumber(100.0 * check.canvasShare, 0));
    if (check.blob)
        why << tr("its strokes are %1 pixels wide in the 28×28 input; an MNIST digit's are about 3")
                   .arg(localNumber(check.strokeWidth, 1));
    if (check.wide)
        why << tr("it is %1 times as wide as tall; MNIST digits are taller than wide")
                   .arg(localNumber(check.aspect, 1));
    if (check.littleInk)
        why << tr("it holds very little ink (%1 lit pixels; the faintest MNIST digit has 20)")
                   .arg(localNumber(check.inkPixels, 0));
    if (check.scattered)
        why << tr("it is in %n separate piece(s)", nullptr, check.pieces);
    QString list;
    for (const QString &reason : why)
        list += QStringLiteral("<li>%1</li>").arg(reason.toHtmlEscaped());
    setText(tr("<b>This does not look like an MNIST digit.</b> The network always picks one of its "
               "ten classes, even for a dot or a letter, so its answer means little here. Unlike "
               "the digits it learnt from:")
            + QStringLiteral("<ul style=\"margin: 0\">%1</ul>").arg(list));
    show();
}

} // namespace tinyml::ui
