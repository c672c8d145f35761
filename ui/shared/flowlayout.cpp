// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shared/flowlayout.h"

#include <QStyle>
#include <QWidget>

#include <algorithm>

namespace tinyml::ui {

FlowLayout::FlowLayout(QWidget *parent)
    : QLayout(parent)
{}

FlowLayout::~FlowLayout()
{
    while (QLayoutItem *item = takeAt(0))
        delete item;
}

void FlowLayout::addItem(QLayoutItem *item) { m_items.append(item); }

int FlowLayout::count() const { return int(m_items.size()); }

QLayoutItem *FlowLayout::itemAt(int index) const
{
    return index >= 0 && index < m_items.size() ? m_items.at(index) : nullptr;
}

QLayoutItem *FlowLayout::takeAt(int index)
{
    return index >= 0 && index < m_items.size() ? m_items.takeAt(index) : nullptr;
}

Qt::Orientations FlowLayout::expandingDirections() const { return {}; }

bool FlowLayout::hasHeightForWidth() const { return true; }

int FlowLayout::heightForWidth(int width) const { return arrange(QRect(0, 0, width, 0), false); }

QSize FlowLayout::minimumSize() const
{
    // As narrow as the widest item: everything else wraps.
    QSize size;
    for (const QLayoutItem *item : m_items)
        if (!item->isEmpty())
            size = size.expandedTo(item->minimumSize());
    const QMargins m = contentsMargins();
    return size + QSize(m.left() + m.right(), m.top() + m.bottom());
}

QSize FlowLayout::sizeHint() const
{
    // Everything on one line.
    int width = 0, height = 0, n = 0;
    for (const QLayoutItem *item : m_items) {
        if (item->isEmpty())
            continue;
        width += item->sizeHint().width() + (n++ > 0 ? gap(Qt::Horizontal) : 0);
        height = std::max(height, item->sizeHint().height());
    }
    const QMargins m = contentsMargins();
    return {width + m.left() + m.right(), height + m.top() + m.bottom()};
}

void FlowLayout::setGeometry(const QRect &rect)
{
    QLayout::setGeometry(rect);
    arrange(rect, true);
}

int FlowLayout::gap(Qt::Orientation orientation) const
{
    if (spacing() >= 0)
        return spacing();
    const QWidget *owner = parentWidget();
    if (!owner)
        return 6;
    return owner->style()->pixelMetric(orientation == Qt::Horizontal ? QStyle::PM_LayoutHorizontalSpacing
                                                                     : QStyle::PM_LayoutVerticalSpacing,
                                       nullptr, owner);
}

int FlowLayout::arrange(const QRect &rect, bool apply) const
{
    const QRect area = rect.marginsRemoved(contentsMargins());
    const int dx = std::max(0, gap(Qt::Horizontal)), dy = std::max(0, gap(Qt::Vertical));
    int x = area.x(), y = area.y(), lineHeight = 0, lines = 0;
    // Items of one line share its height, centred vertically.
    QList<QLayoutItem *> line;
    auto place = [&] {
        if (apply)
            for (QLayoutItem *item : line) {
                const QRect g = item->geometry();
                const QSize hint = item->sizeHint();
                item->setGeometry(QRect(QPoint(g.x(), y + (lineHeight - hint.height()) / 2),
                                        QSize(g.width(), hint.height())));
            }
        line.clear();
    };
    for (QLayoutItem *item : m_items) {
        if (item->isEmpty())
            continue;
        const QSize hint = item->sizeHint();
        const int width = std::min(hint.width(), area.width());
        if (!line.isEmpty() && x + width > area.x() + area.width()) {
            place();
            y += lineHeight + dy;
            x = area.x();
            lineHeight = 0;
        }
        if (line.isEmpty())
            ++lines;
        if (apply)
            item->setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())));
        line.append(item);
        x += width + dx;
        lineHeight = std::max(lineHeight, hint.height());
    }
    place();
    if (apply)
        m_lines = lines;
    const QMargins m = contentsMargins();
    return lines == 0 ? m.top() + m.bottom() : y + lineHeight - rect.y() + m.bottom();
}

} // namespace tinyml::ui
