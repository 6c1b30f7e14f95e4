// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Topology.h"

#include <QHash>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include <functional>

/** Where every card and region of the diagram goes. Geometry only, so it is tested without a screen. */
struct DiagramLayout
{
    static constexpr double Gap = 36;            ///< between cards, and between regions
    static constexpr double Padding = 20;        ///< inside a region, around its content
    static constexpr double HeaderHeight = 30;   ///< a region's label
    static constexpr double EmptyRegionWidth = 260;
    static constexpr double EmptyRegionHeight = 90;
    /// A top-level region with more hosts than this gets a near-square grid in a row of its own, centred under
    /// the WireGuard hub, instead of a place beside the others: its many tunnels then fan out from the hub.
    static constexpr qsizetype LargeSegment = 40;
    /// A top-level region of at least this many WireGuard clients (and no hub) goes in that row too, as the
    /// peers of a network adopted from its server do: their tunnels then come down from the hub side by side
    /// instead of crowding the gap beside it.
    static constexpr qsizetype ClientRegionMinimum = 3;
    /// Up to this many clients below the hub stand in one row.
    static constexpr qsizetype ClientRow = 8;

    using CardSize = std::function<QSizeF(const Host&)>;

    QHash<QString, QRectF> hostRects;    ///< by host id
    QHash<QString, QRectF> segmentRects; ///< by segment id; the VPN segment has none: it is the tunnel

    /// Cards without a saved position are laid out in a readable arrangement of the segments: the Internet on
    /// top, the other top-level regions side by side below it, each holding a grid of its hosts and, to the
    /// right, its nested regions; large regions below them all (see LargeSegment). Saved positions are kept.
    static DiagramLayout compute(const Topology& topology, const CardSize& cardSize);
    /// The regions recomputed around cards that moved.
    /// Regions with no cards keep their rectangle from fallback.
    static QHash<QString, QRectF> fitSegments(const Topology& topology, const QHash<QString, QRectF>& hostRects,
        const QHash<QString, QRectF>& fallback = {});
    /// Whether a segment is drawn as a region (all but the VPN, which is drawn as the tunnel).
    static bool isRegion(const Segment& segment) { return segment.kind != Segment::Kind::Vpn; }
};
