// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagram/TunnelEdgeItem.h"

#include "diagram/DiagramScene.h"
#include "diagram/EdgeGeometry.h"
#include "diagram/EdgeLabelItem.h"

#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

#include <cmath>

TunnelEdgeItem::TunnelEdgeItem(const QString& tunnelId, const DiagramPalette* palette, EdgeLabelItem* label)
    : m_tunnelId(tunnelId)
    , m_palette(palette)
    , m_label(label)
{
    // The exposed rectangle lets a straight edge stroke only its visible part.
    setFlags(ItemIsSelectable | ItemUsesExtendedStyleOption);
    setZValue(2);
}

void TunnelEdgeItem::geometryChanging()
{
    prepareGeometryChange();
    m_shape.clear();
}

double TunnelEdgeItem::widthForRate(double bytesPerSecond)
{
    if (!(bytesPerSecond > 0))
        return 2;
    return std::clamp(2.0 + 1.6 * std::log1p(bytesPerSecond / 500.0), 2.0, 12.0);
}

double TunnelEdgeItem::penWidth() const
{
    // Without numbers the width would lie either way: unknown and never get a fixed, readable width.
    if (m_stateName == QLatin1String("unknown") || m_stateName == QLatin1String("never"))
        return 6;
    return widthForRate(m_rate);
}

void TunnelEdgeItem::setRoute(const EdgeGeometry::Route& route)
{
    geometryChanging();
    m_straight = false;
    m_route = route;
    m_path = EdgeGeometry::pathOf(route);
    if (m_label)
        m_label->setCenter(EdgeGeometry::pointAt(m_path, 0.5));
}

void TunnelEdgeItem::setLine(const QLineF& line)
{
    geometryChanging();
    m_straight = true;
    m_route = EdgeGeometry::routeOf(line);
    m_path = QPainterPath(line.p1());
    m_path.lineTo(line.p2());
    if (m_label)
        m_label->setCenter(line.center());
}

void TunnelEdgeItem::setState(const QString& stateName, double bytesPerSecond, const QString& reason)
{
    if (reason != m_reason) {
        m_reason = reason;
        setToolTip(reason);
        if (m_label)
            m_label->setToolTip(reason);
    }
    const bool newWidth = std::abs(widthForRate(bytesPerSecond) - widthForRate(m_rate)) > 0.05;
    if (stateName == m_stateName && !newWidth)
        return; // looks the same: no repaint, and the rate that would not show is not taken either
    geometryChanging();
    m_stateName = stateName;
    m_rate = bytesPerSecond;
    update();
}

QPen TunnelEdgeItem::statePen() const
{
    QPen pen(m_palette->stateBrush(m_stateName), penWidth(), Qt::SolidLine, Qt::RoundCap);
    if (DiagramPalette::isOutlineOnly(m_stateName)) {
        pen = QPen(m_palette->stateNamed(m_stateName), 2, Qt::DashLine, Qt::RoundCap);
    }
    return pen;
}

QRectF TunnelEdgeItem::boundingRect() const
{
    const double margin = penWidth() / 2 + 6;
    return m_path.boundingRect().adjusted(-margin, -margin, margin, margin);
}

QPainterPath TunnelEdgeItem::shape() const
{
    if (m_shape.isEmpty() && !m_path.isEmpty()) {
        QPainterPathStroker stroker;
        stroker.setWidth(std::max(12.0, penWidth() + 6));
        m_shape = stroker.createStroke(m_path);
    }
    return m_shape;
}

QVariant TunnelEdgeItem::itemChange(GraphicsItemChange change, const QVariant& value)
{
    if (change == ItemSelectedHasChanged && m_label)
        m_label->setEmphasised(value.toBool());
    return QGraphicsItem::itemChange(change, value);
}

void TunnelEdgeItem::paintStraight(QPainter* painter, const QRectF& exposed) const
{
    const double reach = penWidth() + 8; // the widest thing drawn beside the line: the selection halo
    const std::optional<QLineF> visible = EdgeGeometry::clipped(line(), exposed.adjusted(-reach, -reach, reach, reach));
    if (!visible)
        return;
    if (DiagramScene::drawsSelected(this, isSelected())) {
        painter->setPen(QPen(m_palette->selection(), penWidth() + 6, Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(*visible);
    }
    if (DiagramPalette::isOutlineOnly(m_stateName)) {
        painter->setPen(statePen()); // never: two thin dashed rails, as the curve draws them
        painter->drawLine(EdgeGeometry::offsetLine(*visible, 3));
        painter->drawLine(EdgeGeometry::offsetLine(*visible, -3));
        return;
    }
    if (DiagramPalette::isHatched(m_stateName)) {
        painter->setPen(QPen(m_palette->stateNamed(m_stateName), 1));
        painter->drawLine(EdgeGeometry::offsetLine(*visible, penWidth() / 2));
        painter->drawLine(EdgeGeometry::offsetLine(*visible, -penWidth() / 2));
    }
    painter->setPen(statePen());
    painter->drawLine(*visible);
}

void TunnelEdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    painter->setBrush(Qt::NoBrush);
    if (m_straight) {
        paintStraight(painter, option->exposedRect);
        return;
    }
    if (DiagramScene::drawsSelected(this, isSelected())) {
        painter->setPen(QPen(m_palette->selection(), penWidth() + 6, Qt::SolidLine, Qt::RoundCap));
        painter->drawPath(m_path);
    }
    if (DiagramPalette::isOutlineOnly(m_stateName)) {
        // Never: the tunnel exists only on paper: two thin dashed rails.
        QPainterPathStroker stroker;
        stroker.setWidth(6);
        painter->setPen(statePen());
        painter->drawPath(stroker.createStroke(m_path));
        return;
    }
    if (DiagramPalette::isHatched(m_stateName)) {
        painter->setPen(QPen(m_palette->stateNamed(m_stateName), 1));
        QPainterPathStroker stroker;
        stroker.setWidth(penWidth());
        painter->drawPath(stroker.createStroke(m_path));
    }
    painter->setPen(statePen());
    painter->drawPath(m_path);
}
