// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/StateDotDelegate.h"

#include "diagram/DiagramPalette.h"

#include <QApplication>
#include <QPainter>

StateDotDelegate::StateDotDelegate(const DiagramPalette* palette, int stateRole, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_palette(palette)
    , m_stateRole(stateRole)
{
}

void StateDotDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QString state = index.data(m_stateRole).toString();
    if (state.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem cell = option;
    initStyleOption(&cell, index);
    const QString text = cell.text;
    cell.text.clear();
    // The cell's background and selection as the style draws them, without its text: the dot comes first.
    QStyle* style = cell.widget ? cell.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &cell, painter, cell.widget);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const int dot = cell.fontMetrics.height() / 2;
    const QColor color = m_palette->stateNamed(state);
    painter->setPen(QPen(color, 1.5, DiagramPalette::isOutlineOnly(state) ? Qt::DotLine : Qt::SolidLine));
    painter->setBrush(m_palette->stateBrush(state));
    painter->drawEllipse(QPointF(option.rect.left() + 4 + dot / 2.0, option.rect.center().y() + 0.5), dot / 2.0, dot / 2.0);
    const bool selected = option.state & QStyle::State_Selected;
    painter->setPen(option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(option.rect.adjusted(dot + 10, 0, -2, 0), Qt::AlignVCenter | Qt::AlignLeft, text);
    painter->restore();
}

QSize StateDotDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    // Room for the dot in front of the word.
    return QStyledItemDelegate::sizeHint(option, index) + QSize(option.fontMetrics.height() / 2 + 10, 0);
}
