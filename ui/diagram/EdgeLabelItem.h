// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagram/DiagramPalette.h"

#include <QGraphicsItem>
#include <QStringList>

/**
 * The readout at a tunnel's middle: both directions' rates and the handshake age. A separate item so it sits
 * above the cards while the tunnel line runs below them; clicking it selects the tunnel.
 */
class EdgeLabelItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 6 };

    EdgeLabelItem(const QString& tunnelId, const DiagramPalette* palette);

    int type() const override { return Type; }
    QString tunnelId() const { return m_tunnelId; }
    /// The first line is drawn stronger; stateName colours the frame.
    void setText(const QStringList& lines, const QString& stateName);
    const QStringList& lines() const { return m_lines; }
    void setCenter(const QPointF& center);
    void setEmphasised(bool emphasised);

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QSizeF measure() const;

    QString m_tunnelId;
    const DiagramPalette* m_palette;
    QStringList m_lines;
    QString m_stateName;
    QSizeF m_size;
    bool m_emphasised = false;
};
