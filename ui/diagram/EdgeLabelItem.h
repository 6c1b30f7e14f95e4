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
    /// The first line is drawn stronger; stateName colours the frame. A hidden label measures it when shown.
    void setText(const QStringList& lines, const QString& stateName);
    const QStringList& lines() const { return m_lines; }
    void setCenter(const QPointF& center);
    void setEmphasised(bool emphasised);

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

private:
    QSizeF measure() const;
    /// Measures the text (costly: font metrics) and keeps the centre where it was.
    void resize();

    QString m_tunnelId;
    const DiagramPalette* m_palette;
    QStringList m_lines;
    QString m_stateName;
    QSizeF m_size;
    QPointF m_center;
    bool m_sizeStale = false; ///< text set while hidden: measured when shown
    bool m_emphasised = false;
};
