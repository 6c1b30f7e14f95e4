// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagram/DiagramPalette.h"
#include "diagram/EdgeGeometry.h"

#include <QGraphicsItem>
#include <QPainterPath>

class EdgeLabelItem;

/**
 * A WireGuard tunnel: a thick curve between its two ends, coloured and styled by state (online green, stale
 * amber, offline red, never a grey dashed outline, unknown hatched grey), as thick as its traffic on a log
 * scale. Its readout is an EdgeLabelItem kept at the curve's middle.
 */
class TunnelEdgeItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 3 };

    TunnelEdgeItem(const QString& tunnelId, const DiagramPalette* palette, EdgeLabelItem* label);

    int type() const override { return Type; }
    QString tunnelId() const { return m_tunnelId; }
    EdgeLabelItem* label() const { return m_label; }
    QString stateName() const { return m_stateName; }
    double penWidth() const;
    /// The curve from the client's card to the hub's, in scene coordinates.
    void setRoute(const EdgeGeometry::Route& route);
    /// A straight line instead, drawn only where it crosses the exposed area: for diagrams of hundreds of peers.
    void setLine(const QLineF& line);
    bool isStraight() const { return m_straight; }
    QLineF line() const { return QLineF(m_route.start, m_route.end); }
    const EdgeGeometry::Route& route() const { return m_route; }
    const QPainterPath& path() const { return m_path; }
    /// bytesPerSecond is the sum of both directions; negative when not known. Repaints only when what is drawn
    /// changes (state, or a width visibly different); a new reason only changes the tooltip.
    void setState(const QString& stateName, double bytesPerSecond, const QString& reason);
    /// The line width for a rate: 2 px when idle, growing with the logarithm of the rate up to 12 px.
    static double widthForRate(double bytesPerSecond);

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

private:
    QPen statePen() const;
    void paintStraight(QPainter* painter, const QRectF& exposed) const;
    void geometryChanging();

    QString m_tunnelId;
    const DiagramPalette* m_palette;
    EdgeLabelItem* m_label;
    EdgeGeometry::Route m_route;
    QPainterPath m_path;
    QString m_stateName = QStringLiteral("unknown");
    QString m_reason;
    double m_rate = -1;
    bool m_straight = false;
    mutable QPainterPath m_shape; ///< built on first use after each change: hit tests ask for it often
};
