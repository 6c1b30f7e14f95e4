// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagram/DiagramPalette.h"
#include "topology/Segment.h"

#include <QGraphicsItem>

/**
 * A network segment as a rounded, labelled region; the Internet as a cloud. Regions take no clicks, so that
 * dragging on one pans the view: they are selected from the tree.
 */
class SegmentItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };

    SegmentItem(const Segment& segment, const DiagramPalette* palette);

    int type() const override { return Type; }
    QString segmentId() const { return m_segment.id; }
    const Segment& segment() const { return m_segment; }
    /// The region in scene coordinates.
    void setRegion(const QRectF& sceneRect);
    QRectF region() const { return QRectF(pos(), m_size); }
    void setHighlighted(bool highlighted);
    bool isHighlighted() const { return m_highlighted; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QPainterPath outline() const;
    QString label() const;

    Segment m_segment;
    const DiagramPalette* m_palette;
    QSizeF m_size;
    bool m_highlighted = false;
};
