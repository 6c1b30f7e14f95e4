// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagram/DiagramPalette.h"
#include "telemetry/UnknownPeer.h"

#include <QGraphicsItem>

/** A public key that telemetry reports but the topology lacks: a small node by the host that saw it, linked to it. */
class UnknownPeerItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 5 };
    static constexpr double Width = 150;
    static constexpr double Height = 40;

    UnknownPeerItem(const UnknownPeer& peer, const DiagramPalette* palette);

    int type() const override { return Type; }
    QString peerId() const { return m_peer.id; }
    void setPeer(const UnknownPeer& peer);
    /// Where the reporting host's card is, in scene coordinates: the link is drawn to it.
    void setAnchor(const QRectF& hostCard);

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    UnknownPeer m_peer;
    const DiagramPalette* m_palette;
    QPainterPath m_link; ///< in item coordinates
};
