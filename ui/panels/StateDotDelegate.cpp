// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/StateDotDelegate.h"

#include "diagram/DiagramPalette.h"

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
    QStyleOptionViewItem textOption = option;
    initStyleOption(&textOption, index);
    const int dot = textOption.fontMetrics.height() / 2;
    textOption.rect.adjust(dot + 8, 0, 0, 0);
    // The row background (selection) first, across the whole cell, then the dot on top of it.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    QStyledItemDelegate::paint(painter, background, index);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor color = m_palette->stateNamed(state);
    painter->setPen(QPen(color, 1.5, DiagramPalette::isOutlineOnly(state) ? Qt::DotLine : Qt::SolidLine));
    painter->setBrush(m_palette->stateBrush(state));
    const QPointF center(option.rect.left() + 4 + dot / 2.0, option.rect.center().y() + 0.5);
    painter->drawEllipse(center, dot / 2.0, dot / 2.0);
    painter->restore();
    textOption.backgroundBrush = Qt::NoBrush;
    textOption.state &= ~QStyle::State_HasFocus;
    QStyledItemDelegate::paint(painter, textOption, index);
}
