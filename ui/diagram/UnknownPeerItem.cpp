// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagram/UnknownPeerItem.h"

#include "diagram/DiagramScene.h"
#include "diagram/DiagramFonts.h"
#include "diagram/EdgeGeometry.h"

#include <QFontMetricsF>
#include <QPainter>

UnknownPeerItem::UnknownPeerItem(const UnknownPeer& peer, const DiagramPalette* palette)
    : m_palette(palette)
{
    setFlags(ItemIsSelectable | ItemIsMovable);
    setZValue(12);
    setPeer(peer);
}

void UnknownPeerItem::setPeer(const UnknownPeer& peer)
{
    m_peer = peer;
    setToolTip(QStringLiteral("Unknown peer %1\nreported by %2, not in the topology\n%3\nRight-click to adopt it into the topology")
                   .arg(peer.telemetry.publicKey, peer.telemetry.reportingHost, peer.status.reason));
    update();
}

void UnknownPeerItem::setAnchor(const QRectF& hostCard)
{
    prepareGeometryChange();
    const QRectF own(pos(), QSizeF(Width, Height));
    m_link = EdgeGeometry::curveBetween(own, hostCard).translated(-pos());
}

QRectF UnknownPeerItem::boundingRect() const
{
    return QRectF(0, 0, Width, Height).united(m_link.boundingRect()).adjusted(-3, -3, 3, 3);
}

QPainterPath UnknownPeerItem::shape() const
{
    QPainterPath path;
    path.addRoundedRect(QRectF(0, 0, Width, Height), Height / 2, Height / 2);
    return path;
}

void UnknownPeerItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    const QString state = PeerStatus::stateName(m_peer.status.state);
    painter->setPen(QPen(m_palette->stateNamed(state), 1.5, Qt::DashLine));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_link);
    const bool selected = DiagramScene::drawsSelected(this, isSelected());
    painter->setPen(QPen(selected ? m_palette->selection() : m_palette->stateNamed(state), selected ? 3 : 1.5, Qt::DashLine));
    painter->setBrush(m_palette->cardFill());
    const QRectF body(0, 0, Width, Height);
    painter->drawRoundedRect(body, Height / 2, Height / 2);
    painter->setFont(DiagramFonts::small());
    const QFontMetricsF metrics(painter->font());
    painter->setPen(m_palette->text());
    painter->drawText(body.adjusted(12, 3, -12, -Height / 2), Qt::AlignCenter, QStringLiteral("unknown peer · ") + state);
    painter->setPen(m_palette->mutedText());
    painter->drawText(body.adjusted(12, Height / 2 - 2, -12, -3), Qt::AlignCenter,
        metrics.elidedText(m_peer.telemetry.publicKey, Qt::ElideMiddle, Width - 24));
}
