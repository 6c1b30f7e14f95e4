// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagram/DiagramPalette.h"
#include "topology/DataFlow.h"

#include <QGraphicsItem>
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
    const QPainterPath& deliveryLeg() const { return m_delivery; }
    const QPainterPath& storageLeg() const { return m_storage; }
    void setIdle(bool idle, const QString& why);
    bool isIdle() const { return m_idle; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    void paintLeg(QPainter* painter, const QPainterPath& leg, const QString& label, double labelAt, bool showLabel) const;

    DataFlow m_flow;
    const DiagramPalette* m_palette;
    QPainterPath m_delivery;
    QPainterPath m_storage;
    bool m_idle = false;
};
