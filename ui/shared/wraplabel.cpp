// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shared/wraplabel.h"

#include <QEvent>
#include <QTextDocument>

#include <cmath>

namespace tinyml::ui {

WrapLabel::WrapLabel(const QString &text, QWidget *parent)
    : QLabel(text, parent)
{
    setWordWrap(true);
    // The height follows the width through fitHeight(), not through the layout's
    // height-for-width, which not every layout asks.
    QSizePolicy policy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    policy.setHeightForWidth(false);
    setSizePolicy(policy);
    fitHeight();
}

void WrapLabel::setText(const QString &text)
{
    QLabel::setText(text);
    fitHeight();
}

QSize WrapLabel::minimumSizeHint() const
{
    return {fontMetrics().averageCharWidth() * 6, minimumHeight()};
}

void WrapLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    fitHeight();
}

void WrapLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        fitHeight();
}

int WrapLabel::textHeight(int width) const
{
    // QLabel::heightForWidth() never answers less than the minimum height, which fitHeight()
    // sets: the text is measured here instead.
    const QMargins m = contentsMargins();
    const int inner = std::max(1, width - m.left() - m.right() - 2 * margin());
    int height = 0;
    const bool rich = textFormat() == Qt::RichText
                      || (textFormat() == Qt::AutoText && Qt::mightBeRichText(text()));
    if (rich) {
        QTextDocument document;
        document.setDefaultFont(font());
        document.setDocumentMargin(0);
        document.setHtml(text());
        document.setTextWidth(inner);
        height = int(std::ceil(document.size().height()));
    } else {
        height = fontMetrics().boundingRect(QRect(0, 0, inner, 100000), int(alignment()) | Qt::TextWordWrap, text()).height();
    }
    return height + m.top() + m.bottom() + 2 * margin();
}

void WrapLabel::fitHeight()
{
    const int width = std::max(this->width(), fontMetrics().averageCharWidth() * 6);
    const int height = text().isEmpty() ? 0 : textHeight(width);
    if (height > 0 && height != minimumHeight())
        setFixedHeight(height);
}

} // namespace tinyml::ui
