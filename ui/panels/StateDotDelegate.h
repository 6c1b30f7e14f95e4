// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

class DiagramPalette;

/** Draws a state column as a dot in the state's colour followed by the state's word (colour never alone). */
class StateDotDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    StateDotDelegate(const DiagramPalette* palette, int stateRole, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    const DiagramPalette* m_palette;
    int m_stateRole;
};
