// SPDX-License-Identifier: GPL-3.0-or-later
#include "layout/DiagramLayout.h"

#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

/// The regions drawn directly inside parentId. A segment that is no region (the VPN) is see-through: the regions
/// nested in it hang where it would, or they would never be drawn at all.
QList<const Segment*> regionChildren(const Topology& topology, const QString& parentId, int depth = 0)
{
    QList<const Segment*> result;
    if (depth > 64)
        return result; // a nesting cycle, which the validator reports
    for (const Segment* segment : topology.childSegments(parentId)) {
        if (DiagramLayout::isRegion(*segment))
            result.append(segment);
        else
            result += regionChildren(topology, segment->id, depth + 1);
    }
    return result;
}

class AutoLayout
{
public:
    AutoLayout(const Topology& topology, const DiagramLayout::CardSize& cardSize)
        : m_topology(topology)
        , m_cardSize(cardSize)
    {
    }

    DiagramLayout run();

private:
    QSizeF measure(const QString& segmentId);
    void place(const QString& segmentId, QPointF origin);
    QList<const Segment*> regionsUnder(const QString& parentId) const;
    QList<const Host*> hostsOf(const QString& segmentId) const;
    int columnsFor(const QString& segmentId, qsizetype count, const QSizeF& cell) const;
    bool isLarge(const Segment& segment) const;
    bool holdsOnlyClients(const Segment& segment) const;
    double hubCenterX() const;
    QSizeF cellSize(const QList<const Host*>& hosts) const;

    const Topology& m_topology;
    const DiagramLayout::CardSize& m_cardSize;
    QHash<QString, QSizeF> m_sizes;
    DiagramLayout m_result;
    QSet<QString> m_underHub; ///< regions in the row below the hub
};

QList<const Segment*> AutoLayout::regionsUnder(const QString& parentId) const
{
    return regionChildren(m_topology, parentId);
}

QList<const Host*> AutoLayout::hostsOf(const QString& segmentId) const
{
    return m_topology.hostsInSegment(segmentId);
}

int AutoLayout::columnsFor(const QString& segmentId, qsizetype count, const QSizeF& cell) const
{
    // Below the hub a handful of clients stands in one row, so each tunnel has its own way down; elsewhere a
    // handful stays in one column like the user's drawing. Wider than tall, as screens are.
    const bool underHub = m_underHub.contains(segmentId);
    if (underHub && count <= DiagramLayout::ClientRow)
        return static_cast<int>(std::max<qsizetype>(1, count));
    if (count <= 3)
        return 1;
    if (count > DiagramLayout::LargeSegment) {
        // Square on screen, not in cards: cards are wider than tall, so fewer columns than rows.
        const double aspect = (cell.height() + DiagramLayout::Gap) / (cell.width() + DiagramLayout::Gap);
        return std::max(2, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(count) * aspect))));
    }
    return std::max(2, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(count) * 1.6))));
}

bool AutoLayout::isLarge(const Segment& segment) const
{
    return m_topology.hostsInSegment(segment.id).size() > DiagramLayout::LargeSegment;
}

bool AutoLayout::holdsOnlyClients(const Segment& segment) const
{
    const QList<const Host*> hosts = hostsOf(segment.id);
    if (hosts.size() < DiagramLayout::ClientRegionMinimum)
        return false;
    // A client has an interface of its own that is no hub, or is only known as a hub's [Peer] (a network adopted
    // from its server knows nothing of the clients' own configs).
    return std::all_of(hosts.cbegin(), hosts.cend(), [this](const Host* host) {
        if (const WireGuardInterface* wgInterface = m_topology.interfaceOfHost(host->id))
            return !wgInterface->isHub;
        return std::any_of(m_topology.peers.cbegin(), m_topology.peers.cend(),
                           [host](const WireGuardPeer& peer) { return peer.hostId == host->id; });
    });
}

double AutoLayout::hubCenterX() const
{
    for (const auto& wgInterface : m_topology.interfaces) {
        if (wgInterface.isHub && m_result.hostRects.contains(wgInterface.hostId))
            return m_result.hostRects.value(wgInterface.hostId).center().x();
    }
    return std::numeric_limits<double>::quiet_NaN();
}

QSizeF AutoLayout::cellSize(const QList<const Host*>& hosts) const
{
    QSizeF cell(0, 0);
    for (const Host* host : hosts)
        cell = cell.expandedTo(m_cardSize(*host));
    return cell;
}

QSizeF AutoLayout::measure(const QString& segmentId)
{
    if (const auto known = m_sizes.constFind(segmentId); known != m_sizes.cend())
        return *known;
    const QList<const Host*> hosts = hostsOf(segmentId);
    const QList<const Segment*> children = regionsUnder(segmentId);
    double width = 0;
    double height = 0;
    if (!hosts.isEmpty()) {
        const QSizeF cell = cellSize(hosts);
        const int columns = columnsFor(segmentId, hosts.size(), cell);
        const qsizetype rows = (hosts.size() + columns - 1) / columns;
        width = columns * cell.width() + (columns - 1) * DiagramLayout::Gap;
        height = rows * cell.height() + (rows - 1) * DiagramLayout::Gap;
    }
    for (const Segment* child : children) {
        const QSizeF childSize = measure(child->id);
        width += (width > 0 ? DiagramLayout::Gap : 0) + childSize.width();
        height = std::max(height, childSize.height());
    }
    width = std::max(width + 2 * DiagramLayout::Padding, DiagramLayout::EmptyRegionWidth);
    height = std::max(height + 2 * DiagramLayout::Padding + DiagramLayout::HeaderHeight, DiagramLayout::EmptyRegionHeight);
    const QSizeF size(width, height);
    m_sizes.insert(segmentId, size);
    return size;
}

void AutoLayout::place(const QString& segmentId, QPointF origin)
{
    const QSizeF size = measure(segmentId);
    m_result.segmentRects.insert(segmentId, QRectF(origin, size));
    const QPointF content = origin + QPointF(DiagramLayout::Padding, DiagramLayout::Padding + DiagramLayout::HeaderHeight);
    const QList<const Host*> hosts = hostsOf(segmentId);
    double x = content.x();
    if (!hosts.isEmpty()) {
        const QSizeF cell = cellSize(hosts);
        const int columns = columnsFor(segmentId, hosts.size(), cell);
        for (qsizetype i = 0; i < hosts.size(); ++i) {
            const QPointF at(content.x() + (i % columns) * (cell.width() + DiagramLayout::Gap),
                content.y() + (i / columns) * (cell.height() + DiagramLayout::Gap));
            m_result.hostRects.insert(hosts.at(i)->id, QRectF(at, m_cardSize(*hosts.at(i))));
        }
        x += columns * cell.width() + columns * DiagramLayout::Gap;
    }
    for (const Segment* child : regionsUnder(segmentId)) {
        place(child->id, QPointF(x, content.y()));
        x += measure(child->id).width() + DiagramLayout::Gap;
    }
}

DiagramLayout AutoLayout::run()
{
    QList<const Segment*> top;
    QList<const Segment*> bottom;
    QList<const Segment*> large; ///< hundreds of peers: a row of their own, under the hub they connect to
    const bool hasHub = std::any_of(m_topology.interfaces.cbegin(), m_topology.interfaces.cend(),
                                    [](const WireGuardInterface& wgInterface) { return wgInterface.isHub; });
    for (const Segment* segment : regionsUnder(QString())) {
        if (segment->kind == Segment::Kind::Internet) {
            top.append(segment);
        } else if (isLarge(*segment) || (hasHub && holdsOnlyClients(*segment))) {
            large.append(segment);
            m_underHub.insert(segment->id);
        } else {
            bottom.append(segment);
        }
    }
    // Public regions on the left, home on the right: the tunnel crosses the middle as in the user's drawing.
    std::stable_sort(bottom.begin(), bottom.end(), [](const Segment* a, const Segment* b) {
        auto rank = [](const Segment* s) { return s->kind == Segment::Kind::PublicCloud ? 0 : s->kind == Segment::Kind::HomeNetwork ? 2 : 1; };
        return rank(a) < rank(b);
    });

    auto rowWidth = [this](const QList<const Segment*>& row) {
        double width = 0;
        for (const Segment* segment : row)
            width += measure(segment->id).width();
        return width + std::max<qsizetype>(0, row.size() - 1) * DiagramLayout::Gap * 3;
    };
    auto rowHeight = [this](const QList<const Segment*>& row) {
        double height = 0;
        for (const Segment* segment : row)
            height = std::max(height, measure(segment->id).height());
        return height;
    };
    const double width = std::max(rowWidth(top), rowWidth(bottom));
    double y = 0;
    for (const auto* row : {&top, &bottom}) {
        double x = (width - rowWidth(*row)) / 2;
        for (const Segment* segment : *row) {
            place(segment->id, QPointF(x, y));
            x += measure(segment->id).width() + DiagramLayout::Gap * 3;
        }
        if (!row->isEmpty())
            y += rowHeight(*row) + DiagramLayout::Gap * 3; // room for the edges that cross between rows
    }
    // Centred under the hub: its tunnels fan out evenly into the grid, the shortest edges a grid allows.
    const double hubX = hubCenterX();
    double x = (std::isnan(hubX) ? width / 2 : hubX) - rowWidth(large) / 2;
    for (const Segment* segment : large) {
        place(segment->id, QPointF(x, y + DiagramLayout::Gap * 3));
        x += measure(segment->id).width() + DiagramLayout::Gap * 3;
    }
    if (!large.isEmpty())
        y += rowHeight(large) + DiagramLayout::Gap * 6;

    // Hosts whose segment is not drawn (the VPN, or none) line up below everything.
    x = 0;
    for (const auto& host : m_topology.hosts) {
        if (m_result.hostRects.contains(host.id))
            continue;
        const QSizeF size = m_cardSize(host);
        m_result.hostRects.insert(host.id, QRectF(QPointF(x, y), size));
        x += size.width() + DiagramLayout::Gap;
    }
    return m_result;
}

QRectF paddedAround(const QRectF& content)
{
    return content.adjusted(-DiagramLayout::Padding, -DiagramLayout::Padding - DiagramLayout::HeaderHeight,
        DiagramLayout::Padding, DiagramLayout::Padding);
}

} // namespace

DiagramLayout DiagramLayout::compute(const Topology& topology, const CardSize& cardSize)
{
    DiagramLayout layout = AutoLayout(topology, cardSize).run();
    bool moved = false;
    for (const auto& host : topology.hosts) {
        if (host.position) {
            layout.hostRects[host.id].moveTopLeft(*host.position);
            moved = true;
        }
    }
    if (moved)
        layout.segmentRects = fitSegments(topology, layout.hostRects, layout.segmentRects);
    return layout;
}

QHash<QString, QRectF> DiagramLayout::fitSegments(
    const Topology& topology, const QHash<QString, QRectF>& hostRects, const QHash<QString, QRectF>& fallback)
{
    QHash<QString, QRectF> rects;
    // Deepest first, so that a parent's rectangle can hold its children's.
    auto depth = [&topology](const Segment& segment) {
        int level = 0;
        for (const Segment* parent = topology.segment(segment.parentId); parent && level < 64;
             parent = topology.segment(parent->parentId))
            ++level;
        return level;
    };
    QList<const Segment*> order;
    for (const auto& segment : topology.segments) {
        if (isRegion(segment))
            order.append(&segment);
    }
    std::stable_sort(order.begin(), order.end(), [&depth](const Segment* a, const Segment* b) { return depth(*a) > depth(*b); });
    for (const Segment* segment : order) {
        QRectF content;
        for (const Host* host : topology.hostsInSegment(segment->id))
            content |= hostRects.value(host->id);
        for (const Segment* child : regionChildren(topology, segment->id))
            content |= rects.value(child->id);
        if (content.isNull()) {
            if (fallback.contains(segment->id))
                rects.insert(segment->id, fallback.value(segment->id));
            continue;
        }
        rects.insert(segment->id, paddedAround(content));
    }
    return rects;
}
