// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagram/DiagramPalette.h"
#include "topology/DataFlow.h"

#include <QGraphicsItem>
#include <QLineF>
#include <QPainterPath>

/**
 * A metrics or logs flow as thin directed edges: from the agent's host along the tunnel to InfluxDB or Loki, and
 * from there to the storage bucket. Dashed when idle (its tunnel is not online), one hue per kind.
 */
class FlowEdgeItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 4 };

    FlowEdgeItem(const DataFlow& flow, const DiagramPalette* palette);

    int type() const override { return Type; }
    QString flowId() const { return m_flow.id; }
    const DataFlow& flow() const { return m_flow; }
    /// delivery: source to target (empty when both are the same host); storage: target to bucket (may be empty).
    void setLegs(const QPainterPath& delivery, const QPainterPath& storage);
    /// Straight legs (a null line for none), drawn only where they cross the exposed area: for large diagrams.
    void setStraightLegs(const QLineF& delivery, const QLineF& storage);
    /// When many flows share one storage leg (every collector's metrics go from the hub to the same bucket),
    /// one of them draws it; the others only when selected.
    void setStorageDrawnByAnother(bool drawnByAnother);
    const QPainterPath& deliveryLeg() const { return m_delivery; }
    const QPainterPath& storageLeg() const { return m_storage; }
    /// Repaints only when idleness changes; a new reason only changes the tooltip.
    void setIdle(bool idle, const QString& why);
    bool isIdle() const { return m_idle; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    void paintLeg(QPainter* painter, const QPainterPath& leg, const QString& label, double labelAt, bool showLabel) const;
    void paintStraightLeg(QPainter* painter, const QLineF& leg, const QRectF& exposed, const QString& label,
        double labelAt, bool showLabel) const;
    void paintLabel(QPainter* painter, const QPointF& at, const QString& label, const QColor& color) const;

    DataFlow m_flow;
    const DiagramPalette* m_palette;
    QPainterPath m_delivery;
    QPainterPath m_storage;
    QLineF m_straightDelivery;
    QLineF m_straightStorage;
    bool m_straight = false;
    bool m_storageDrawnByAnother = false;
    bool m_idle = false;
    bool m_styled = false; ///< setIdle has run once
    QString m_why;
    mutable QPainterPath m_shape;
};
