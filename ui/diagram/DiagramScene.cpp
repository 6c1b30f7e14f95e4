// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagram/DiagramScene.h"

#include "diagram/EdgeGeometry.h"
#include "diagram/EdgeLabelItem.h"
#include "diagram/FlowEdgeItem.h"
#include "diagram/GroupAggregateItem.h"
#include "diagram/HostCardItem.h"
#include "diagram/SegmentItem.h"
#include "diagram/TunnelEdgeItem.h"
#include "diagram/UnknownPeerItem.h"
#include "layout/DiagramLayout.h"
#include "telemetry/NetworkState.h"
#include "telemetry/PeerStateRules.h"

#include <QGraphicsSceneMouseEvent>

#include <algorithm>
#include <array>
#include <cmath>

namespace {

/// Up to this many cards, edges are routed around cards and readouts placed off them; beyond, the cost is
/// quadratic and the view is zoomed too far out for it to matter.
constexpr qsizetype CarefulRoutingLimit = 150;
/// More tunnels than this at one hub and their readouts would pile up around it: they show for the selection.
constexpr qsizetype ReadoutsPerHubLimit = 12;

qsizetype mostPeersOnOneInterface(const Topology& topology)
{
    QHash<QString, qsizetype> perInterface;
    qsizetype busiest = 0;
    for (const auto& peer : topology.peers)
        busiest = std::max(busiest, ++perInterface[peer.interfaceId]);
    return busiest;
}

QString pairKey(const QString& a, const QString& b)
{
    return a < b ? a + QLatin1Char('|') + b : b + QLatin1Char('|') + a;
}

/// A hypervisor before the VMs it runs, so a VM sits below its host like in the user's drawing.
Topology hypervisorsFirst(const Topology& topology)
{
    QSet<QString> parents;
    for (const auto& host : topology.hosts) {
        if (!host.parentHostId.isEmpty())
            parents.insert(host.parentHostId);
    }
    Topology ordered = topology;
    std::stable_sort(ordered.hosts.begin(), ordered.hosts.end(),
        [&parents](const Host& a, const Host& b) { return parents.contains(a.id) && !parents.contains(b.id); });
    return ordered;
}

QString rateText(std::optional<double> rate)
{
    return rate ? PeerStateRules::formatRate(*rate) : QStringLiteral("–");
}

bool ratesAreCurrent(const TunnelState& tunnel)
{
    return tunnel.telemetry && tunnel.status.ratesAreCurrent();
}

QString handshakeText(const TunnelState& tunnel)
{
    if (tunnel.status.handshakeAgeSeconds)
        return QStringLiteral("handshake %1 ago").arg(PeerStateRules::formatAge(*tunnel.status.handshakeAgeSeconds));
    if (tunnel.status.state == PeerStatus::State::Never)
        return QStringLiteral("no handshake yet");
    // The Overview says what the last numbers were and when; the diagram only that they are not current.
    return tunnel.telemetry ? QStringLiteral("no current data") : QStringLiteral("no data");
}

QStringList tunnelReadout(const TunnelState& tunnel, const QString& clientName, const QString& hubName)
{
    const bool current = ratesAreCurrent(tunnel);
    const QString toHub = rateText(current ? tunnel.clientToHubBytesPerSecond() : std::nullopt);
    const QString toClient = rateText(current ? tunnel.hubToClientBytesPerSecond() : std::nullopt);
    return {QStringLiteral("%1 → %2  %3").arg(clientName, hubName, toHub),
        QStringLiteral("← %1 · %2 · %3").arg(toClient, handshakeText(tunnel), PeerStatus::stateName(tunnel.status.state))};
}

} // namespace

DiagramScene::DiagramScene(NetworkState* network, QObject* parent)
    : QGraphicsScene(parent)
    , m_network(network)
    , m_groupLimit(GroupCollapse::DefaultLimit)
{
    setBackgroundBrush(m_palette.canvas());
    connect(m_network, &NetworkState::topologyChanged, this, &DiagramScene::rebuild);
    connect(m_network, &NetworkState::stateChanged, this, &DiagramScene::refreshStates);
    connect(this, &QGraphicsScene::selectionChanged, this, &DiagramScene::onSelectionChanged);
    rebuild();
}

DiagramScene::~DiagramScene()
{
    // Items go with the scene; forget them first so nothing reaches back into half-destroyed hashes.
    m_rebuilding = true;
    clearDiagram();
}

void DiagramScene::setDiagramPalette(const QPalette& palette)
{
    m_palette = DiagramPalette(palette);
    setBackgroundBrush(m_palette.canvas());
    for (QGraphicsItem* item : items())
        item->update();
    update();
}

void DiagramScene::clearDiagram()
{
    clearSelection();
    clear();
    m_cards.clear();
    m_segments.clear();
    m_tunnels.clear();
    m_flows.clear();
    m_unknownPeers.clear();
    m_unknownPeersByHost.clear();
    m_tunnelsByHost.clear();
    m_flowsByHost.clear();
    m_tunnelByPair.clear();
    m_tunnelOfFlow.clear();
    m_hostNames.clear();
    m_shownReadouts.clear();
    m_movedCards.clear();
    m_highlightedSegment.clear();
    m_largeGroups.clear();
    m_groupItems.clear();
    m_groupEdges.clear();
    m_groupHub.clear();
    m_groupMembers.clear();
    m_groupShown.clear();
    m_groupOfHost.clear();
    m_groupAnchors.clear();
    m_revealedHosts.clear();
}

void DiagramScene::rebuild()
{
    m_rebuilding = true;
    clearDiagram();
    const Topology& topology = m_network->topology();
    // A BSP tree finds the items under a point or rectangle quickly, but every edge from the hub spans the
    // whole scene and lands in every leaf: with thousands of those, keeping the tree up to date costs far more
    // (measured: minutes per update at 2,000 peers) than a linear scan of the items.
    m_large = topology.hosts.size() > CarefulRoutingLimit;
    setItemIndexMethod(m_large ? NoIndex : BspTreeIndex);
    m_readoutsOnDemand = m_large || mostPeersOnOneInterface(topology) > ReadoutsPerHubLimit;

    QHash<QString, HostCardContent> contents;
    QHash<QString, QSizeF> sizes; // measured once: the layout asks for each card's size several times
    for (const auto& host : topology.hosts) {
        const HostCardContent content = HostCardContent::fromTopology(host, topology);
        contents.insert(host.id, content);
        sizes.insert(host.id, HostCardItem::sizeFor(content));
        m_hostNames.insert(host.id, host.name);
    }
    const DiagramLayout layout = DiagramLayout::compute(hypervisorsFirst(topology),
        [&sizes](const Host& host) { return sizes.value(host.id); });

    for (const auto& segment : topology.segments) {
        if (!DiagramLayout::isRegion(segment) || !layout.segmentRects.contains(segment.id))
            continue;
        auto* item = new SegmentItem(segment, &m_palette);
        item->setRegion(layout.segmentRects.value(segment.id));
        addItem(item);
        m_segments.insert(segment.id, item);
    }
    for (const auto& host : topology.hosts) {
        auto* card = new HostCardItem(host.id, contents.value(host.id), &m_palette, sizes.value(host.id));
        card->setPos(layout.hostRects.value(host.id).topLeft());
        addItem(card);
        m_cards.insert(host.id, card);
        showCheckMarks(host.id);
    }
    for (const auto& tunnel : m_network->tunnels()) {
        if (!m_cards.contains(tunnel.clientHostId) || !m_cards.contains(tunnel.hubHostId))
            continue;
        auto* label = new EdgeLabelItem(tunnel.id, &m_palette);
        auto* edge = new TunnelEdgeItem(tunnel.id, &m_palette, label);
        addItem(edge);
        addItem(label);
        label->setVisible(!m_readoutsOnDemand);
        m_tunnels.insert(tunnel.id, edge);
        m_tunnelsByHost.insert(tunnel.clientHostId, edge);
        m_tunnelsByHost.insert(tunnel.hubHostId, edge);
        m_tunnelByPair.insert(pairKey(tunnel.clientHostId, tunnel.hubHostId), tunnel.id);
        routeTunnel(edge);
    }
    QSet<QString> storageWays;
    for (const auto& flow : topology.flows) {
        if (!m_cards.contains(flow.sourceHostId) || !m_cards.contains(flow.targetHostId))
            continue;
        auto* edge = new FlowEdgeItem(flow, &m_palette);
        addItem(edge);
        m_flows.insert(flow.id, edge);
        if (const QString tunnelId = tunnelBetween(flow.sourceHostId, flow.targetHostId); !tunnelId.isEmpty())
            m_tunnelOfFlow.insert(flow.id, tunnelId);
        // Every collector's metrics take the same way from the hub to the bucket: one of them draws it.
        const QString storageWay = flow.targetHostId + QLatin1Char('|') + flow.storageHostId + QLatin1Char('|')
            + DataFlow::kindName(flow.kind);
        edge->setStorageDrawnByAnother(m_large && storageWays.contains(storageWay));
        storageWays.insert(storageWay);
        // Once per host it touches; not contains(hostId, edge), which walks all the hub's thousands of flows.
        const QString ends[] = {flow.sourceHostId, flow.targetHostId, flow.storageHostId};
        for (int i = 0; i < 3; ++i) {
            if (!ends[i].isEmpty() && std::find(ends, ends + i, ends[i]) == ends + i)
                m_flowsByHost.insert(ends[i], edge);
        }
        routeFlow(edge);
    }
    buildGroups(layout.segmentRects);
    m_rebuilding = false;
    refreshStates();
    m_restyles = 0;
    setSceneRect(diagramBounds());
}

QRectF DiagramScene::cardRect(const QString& hostId) const
{
    const HostCardItem* card = m_cards.value(hostId);
    return card ? card->sceneRectOfCard() : QRectF();
}

QString DiagramScene::tunnelBetween(const QString& a, const QString& b) const
{
    return m_tunnelByPair.value(pairKey(a, b));
}

EdgeGeometry::Route DiagramScene::routeBetween(const QString& fromHost, const QString& toHost) const
{
    const QRectF from = cardRect(fromHost);
    const QRectF to = cardRect(toHost);
    if (m_cards.size() > CarefulRoutingLimit)
        return EdgeGeometry::route(from, to);
    // The cost of a curve: how many other cards it runs through, sampled along its length.
    return EdgeGeometry::routeAvoiding(from, to, [this, &fromHost, &toHost](const QPainterPath& path) {
        // Sampled once per curve, not once per card: pointAtPercent measures the whole curve each time, which
        // made a topology of 50 imported peers take seconds to draw.
        constexpr int Samples = 24;
        std::array<QPointF, Samples - 1> points;
        for (int i = 1; i < Samples; ++i)
            points[i - 1] = path.pointAtPercent(double(i) / Samples);
        int crossed = 0;
        for (auto it = m_cards.cbegin(); it != m_cards.cend(); ++it) {
            if (it.key() == fromHost || it.key() == toHost)
                continue;
            const QRectF obstacle = it.value()->sceneRectOfCard().adjusted(-8, -8, 8, 8);
            if (std::any_of(points.cbegin(), points.cend(), [&obstacle](const QPointF& point) { return obstacle.contains(point); }))
                ++crossed;
        }
        return crossed;
    });
}

void DiagramScene::routeTunnel(TunnelEdgeItem* edge)
{
    const TunnelState* tunnel = m_network->tunnel(edge->tunnelId());
    if (!tunnel)
        return;
    if (m_large) {
        edge->setLine(EdgeGeometry::straightBetween(cardRect(tunnel->clientHostId), cardRect(tunnel->hubHostId)));
        return;
    }
    edge->setRoute(routeBetween(tunnel->clientHostId, tunnel->hubHostId));
    placeLabel(edge);
}

void DiagramScene::placeLabel(TunnelEdgeItem* edge)
{
    EdgeLabelItem* label = edge->label();
    if (!label || m_cards.size() > CarefulRoutingLimit)
        return;
    // The middle when it is free, else the free place nearest to it: a readout never hides a card.
    for (double fraction : {0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82}) {
        label->setCenter(EdgeGeometry::pointAt(edge->path(), fraction));
        const QRectF area = label->sceneBoundingRect().adjusted(-4, -4, 4, 4);
        const bool free = std::none_of(m_cards.cbegin(), m_cards.cend(),
            [&area](const HostCardItem* card) { return card->sceneRectOfCard().intersects(area); });
        if (free)
            return;
    }
    label->setCenter(EdgeGeometry::pointAt(edge->path(), 0.5));
}

void DiagramScene::routeFlow(FlowEdgeItem* edge)
{
    const DataFlow& flow = edge->flow();
    const double side = flow.kind == DataFlow::Kind::Metrics ? 1 : -1;
    if (m_large) {
        routeStraightFlow(edge, side);
        return;
    }
    QPainterPath delivery;
    if (flow.sourceHostId != flow.targetHostId) {
        const TunnelEdgeItem* tunnel = m_tunnels.value(tunnelBetween(flow.sourceHostId, flow.targetHostId));
        const TunnelState* state = tunnel ? m_network->tunnel(tunnel->tunnelId()) : nullptr;
        if (tunnel && state) {
            // Along the tunnel, just beside it: the flow visibly travels inside it.
            const EdgeGeometry::Route route = state->clientHostId == flow.sourceHostId ? tunnel->route()
                                                                                      : EdgeGeometry::reversed(tunnel->route());
            delivery = EdgeGeometry::offsetPath(route, side * (tunnel->penWidth() / 2 + 7));
        } else {
            delivery = EdgeGeometry::offsetPath(routeBetween(flow.sourceHostId, flow.targetHostId), side * 5);
        }
    }
    QPainterPath storage;
    if (!flow.storageHostId.isEmpty() && flow.storageHostId != flow.targetHostId && m_cards.contains(flow.storageHostId))
        storage = EdgeGeometry::offsetPath(routeBetween(flow.targetHostId, flow.storageHostId), side * 6);
    edge->setLegs(delivery, storage);
}

void DiagramScene::routeStraightFlow(FlowEdgeItem* edge, double side)
{
    const DataFlow& flow = edge->flow();
    QLineF delivery;
    if (flow.sourceHostId != flow.targetHostId) {
        const TunnelEdgeItem* tunnel = m_tunnels.value(m_tunnelOfFlow.value(flow.id));
        const TunnelState* state = tunnel ? m_network->tunnel(tunnel->tunnelId()) : nullptr;
        if (tunnel && state && tunnel->isStraight()) {
            const QLineF line = tunnel->line();
            delivery = EdgeGeometry::offsetLine(state->clientHostId == flow.sourceHostId ? line : QLineF(line.p2(), line.p1()),
                side * (tunnel->penWidth() / 2 + 7));
        } else {
            delivery = EdgeGeometry::offsetLine(
                EdgeGeometry::straightBetween(cardRect(flow.sourceHostId), cardRect(flow.targetHostId)), side * 5);
        }
    }
    QLineF storage;
    if (!flow.storageHostId.isEmpty() && flow.storageHostId != flow.targetHostId && m_cards.contains(flow.storageHostId)) {
        storage = EdgeGeometry::offsetLine(
            EdgeGeometry::straightBetween(cardRect(flow.targetHostId), cardRect(flow.storageHostId)), side * 6);
    }
    edge->setStraightLegs(delivery, storage);
}

void DiagramScene::refreshStates()
{
    if (m_rebuilding)
        return;
    refreshTunnels();
    refreshCards();
    refreshFlows();
    refreshUnknownPeers();
    refreshGroups();
}

void DiagramScene::refreshTunnels()
{
    const QHash<QString, QString>& names = m_hostNames;
    for (TunnelEdgeItem* edge : std::as_const(m_tunnels)) {
        const TunnelState* tunnel = m_network->tunnel(edge->tunnelId());
        if (!tunnel)
            continue;
        const double rate = ratesAreCurrent(*tunnel)
            ? tunnel->clientToHubBytesPerSecond().value_or(0) + tunnel->hubToClientBytesPerSecond().value_or(0)
            : -1;
        const QString state = PeerStatus::stateName(tunnel->status.state);
        const double oldWidth = edge->penWidth();
        const QSizeF oldLabel = edge->label()->boundingRect().size();
        const QStringList readout = tunnelReadout(*tunnel, names.value(tunnel->clientHostId), names.value(tunnel->hubHostId));
        if (state != edge->stateName() || readout != edge->label()->lines())
            ++m_restyles;
        edge->setState(state, rate, tunnel->status.reason);
        edge->label()->setText(readout, state);
        if (!m_large && edge->label()->boundingRect().size() != oldLabel)
            placeLabel(edge);
        if (edge->penWidth() != oldWidth) {
            // Flows run beside the tunnel: a thicker tunnel pushes them outwards.
            for (FlowEdgeItem* flow : m_flowsByHost.values(tunnel->clientHostId))
                routeFlow(flow);
        }
    }
}

void DiagramScene::refreshCards()
{
    const Topology& topology = m_network->topology();
    QHash<QString, const TunnelState*> tunnelOfClient;
    for (const auto& tunnel : m_network->tunnels())
        tunnelOfClient.insert(tunnel.clientHostId, &tunnel);
    for (const auto& host : topology.hosts) {
        HostCardItem* card = m_cards.value(host.id);
        if (!card)
            continue;
        HostCardContent content = card->content();
        const TunnelState* tunnel = tunnelOfClient.value(host.id);
        content.refresh(host, *m_network, tunnel ? PeerStatus::stateName(tunnel->status.state) : QString(),
            tunnel ? tunnel->status.reason : QString());
        if (!(content == card->content()))
            ++m_restyles;
        card->setContent(std::move(content));
    }
}

void DiagramScene::refreshFlows()
{
    for (FlowEdgeItem* edge : std::as_const(m_flows)) {
        const DataFlow& flow = edge->flow();
        if (flow.viaTunnel) {
            const TunnelState* tunnel = m_network->tunnel(m_tunnelOfFlow.value(flow.id));
            const bool online = tunnel && tunnel->status.state == PeerStatus::State::Online;
            edge->setIdle(!online, tunnel ? tunnel->status.reason : QStringLiteral("no tunnel joins these hosts"));
        } else {
            const HostState source = m_network->hostState(flow.sourceHostId);
            edge->setIdle(source.reporting != HostState::Reporting::Reporting, source.reason);
        }
    }
}

void DiagramScene::refreshUnknownPeers()
{
    if (m_unknownPeers.isEmpty() && m_network->unknownPeers().isEmpty())
        return; // nothing to place: spares measuring every item's bounds on every update
    QSet<QString> current;
    bool structural = false;
    for (const auto& peer : m_network->unknownPeers()) {
        current.insert(peer.id);
        if (UnknownPeerItem* item = m_unknownPeers.value(peer.id)) {
            item->setPeer(peer);
            continue;
        }
        auto* item = new UnknownPeerItem(peer, &m_palette);
        addItem(item);
        m_unknownPeers.insert(peer.id, item);
        structural = true;
    }
    for (auto it = m_unknownPeers.begin(); it != m_unknownPeers.end();) {
        if (current.contains(it.key())) {
            ++it;
            continue;
        }
        delete it.value();
        it = m_unknownPeers.erase(it);
        structural = true;
    }
    // Only a peer coming or going moves them: a refresh must not undo where the user dragged one.
    if (structural)
        placeUnknownPeers();
}

void DiagramScene::placeUnknownPeers()
{
    // Beside the host that reported them, stacked; peers no host claims go in a row below the diagram, measured
    // without themselves so that placing them again puts them in the same place.
    m_unknownPeersByHost.clear();
    const QRectF everything = hostsAndRegionsBounds();
    int orphans = 0;
    for (const auto& peer : m_network->unknownPeers()) {
        UnknownPeerItem* item = m_unknownPeers.value(peer.id);
        if (!item)
            continue;
        if (!m_cards.contains(peer.reportingHostId)) {
            item->setPos(everything.left() + orphans++ * (UnknownPeerItem::Width + 20), everything.bottom() + 40);
            ++m_unknownPeerPlacements;
            continue;
        }
        m_unknownPeersByHost[peer.reportingHostId].append(item);
    }
    for (auto it = m_unknownPeersByHost.cbegin(); it != m_unknownPeersByHost.cend(); ++it)
        placeUnknownPeersOf(it.key());
}

void DiagramScene::placeUnknownPeersOf(const QString& hostId)
{
    const QRectF host = cardRect(hostId);
    int index = 0;
    for (UnknownPeerItem* item : m_unknownPeersByHost.value(hostId)) {
        item->setPos(host.right() + 40, host.top() + index++ * (UnknownPeerItem::Height + 12));
        item->setAnchor(host);
        ++m_unknownPeerPlacements;
    }
}

void DiagramScene::fitRegions()
{
    QHash<QString, QRectF> hostRects;
    for (auto it = m_cards.cbegin(); it != m_cards.cend(); ++it) {
        if (it.value()->isVisible())
            hostRects.insert(it.key(), it.value()->sceneRectOfCard());
    }
    QHash<QString, QRectF> current;
    for (auto it = m_segments.cbegin(); it != m_segments.cend(); ++it)
        current.insert(it.key(), it.value()->region());
    const QHash<QString, QRectF> fitted = DiagramLayout::fitSegments(m_network->topology(), hostRects, current);
    for (auto it = fitted.cbegin(); it != fitted.cend(); ++it) {
        if (m_groupItems.contains(it.key()))
            continue; // placeGroup keeps a collapsed group's region around its card
        if (SegmentItem* item = m_segments.value(it.key()))
            item->setRegion(it.value());
    }
}

void DiagramScene::cardMoved(HostCardItem* card)
{
    if (m_rebuilding || m_placingGroup)
        return;
    const QString hostId = card->hostId();
    m_movedCards.insert(hostId);
    for (TunnelEdgeItem* edge : m_tunnelsByHost.values(hostId))
        routeTunnel(edge);
    for (FlowEdgeItem* edge : m_flowsByHost.values(hostId))
        routeFlow(edge);
    if (m_unknownPeersByHost.contains(hostId))
        placeUnknownPeersOf(hostId);
    fitRegions();
}

void DiagramScene::commitMovedCards()
{
    // Whole pixels: crisp cached cards, and positions that survive the file's rounding unchanged.
    for (const QString& hostId : QSet<QString>(m_movedCards)) {
        if (HostCardItem* card = m_cards.value(hostId))
            card->setPos(QPointF(std::round(card->pos().x()), std::round(card->pos().y())));
    }
    const QSet<QString> moved = std::exchange(m_movedCards, {});
    for (const QString& hostId : moved) {
        if (const HostCardItem* card = m_cards.value(hostId))
            Q_EMIT hostMoved(hostId, card->pos());
    }
    if (!moved.isEmpty())
        setSceneRect(diagramBounds());
}

void DiagramScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* event)
{
    QGraphicsScene::mouseReleaseEvent(event);
    commitMovedCards();
}

QRectF DiagramScene::hostsAndRegionsBounds() const
{
    QRectF bounds;
    for (const SegmentItem* segment : m_segments)
        bounds |= segment->region();
    for (const HostCardItem* card : m_cards) {
        if (card->isVisible())
            bounds |= card->sceneRectOfCard();
    }
    for (const GroupAggregateItem* group : m_groupItems)
        bounds |= group->sceneRectOfCard();
    return bounds;
}

QRectF DiagramScene::diagramBounds() const
{
    QRectF bounds = hostsAndRegionsBounds();
    for (const UnknownPeerItem* peer : m_unknownPeers)
        bounds |= peer->sceneBoundingRect();
    return bounds.adjusted(-60, -60, 60, 60);
}

void DiagramScene::renderWithoutSelection(QPainter* painter, const QRectF& target, const QRectF& source)
{
    // Repainted, not taken from their caches, which hold them drawn selected; and repainted again after.
    const QList<QGraphicsItem*> selected = selectedItems();
    m_hidingSelection = true;
    for (QGraphicsItem* item : selected)
        item->update();
    render(painter, target, source, Qt::KeepAspectRatio);
    m_hidingSelection = false;
    for (QGraphicsItem* item : selected)
        item->update();
}

bool DiagramScene::drawsSelected(const QGraphicsItem* item, bool selected)
{
    if (!selected)
        return false;
    const auto* diagram = qobject_cast<const DiagramScene*>(item->scene());
    return !(diagram && diagram->m_hidingSelection);
}

DiagramElement DiagramScene::selectedElement() const
{
    const QList<QGraphicsItem*> selected = selectedItems();
    if (selected.isEmpty()) {
        if (!m_highlightedSegment.isEmpty())
            return {DiagramElement::Kind::Segment, m_highlightedSegment};
        return {};
    }
    QGraphicsItem* item = selected.constFirst();
    switch (item->type()) {
    case HostCardItem::Type:
        return {DiagramElement::Kind::Host, static_cast<HostCardItem*>(item)->hostId()};
    case GroupAggregateItem::Type:
        return {DiagramElement::Kind::Segment, static_cast<GroupAggregateItem*>(item)->segmentId()};
    case TunnelEdgeItem::Type:
        return {DiagramElement::Kind::Tunnel, static_cast<TunnelEdgeItem*>(item)->tunnelId()};
    case EdgeLabelItem::Type:
        return {DiagramElement::Kind::Tunnel, static_cast<EdgeLabelItem*>(item)->tunnelId()};
    case FlowEdgeItem::Type:
        return {DiagramElement::Kind::Flow, static_cast<FlowEdgeItem*>(item)->flowId()};
    case UnknownPeerItem::Type:
        return {DiagramElement::Kind::UnknownPeer, static_cast<UnknownPeerItem*>(item)->peerId()};
    default:
        return {};
    }
}

QGraphicsItem* DiagramScene::itemFor(const DiagramElement& element) const
{
    switch (element.kind) {
    case DiagramElement::Kind::Host:
        return m_cards.value(element.id);
    case DiagramElement::Kind::Tunnel:
        return m_tunnels.value(element.id);
    case DiagramElement::Kind::Flow:
        return m_flows.value(element.id);
    case DiagramElement::Kind::UnknownPeer:
        return m_unknownPeers.value(element.id);
    case DiagramElement::Kind::Segment:
        return m_segments.value(element.id);
    case DiagramElement::Kind::None:
        break;
    }
    return nullptr;
}

void DiagramScene::select(const DiagramElement& element)
{
    if (element == selectedElement())
        return;
    m_selecting = true;
    clearSelection();
    if (SegmentItem* previous = m_segments.value(m_highlightedSegment))
        previous->setHighlighted(false);
    m_highlightedSegment.clear();
    if (element.kind == DiagramElement::Kind::Segment) {
        if (SegmentItem* segment = m_segments.value(element.id)) {
            segment->setHighlighted(true);
            m_highlightedSegment = element.id;
        }
    } else if (QGraphicsItem* item = itemFor(element)) {
        if (element.kind == DiagramElement::Kind::Host && !item->isVisible()) {
            // A member of a collapsed group: drawn beside the group's card for as long as the diagram stands.
            const QString segmentId = m_groupOfHost.value(element.id);
            m_revealedHosts.insert(element.id);
            refreshGroup(segmentId);
        }
        item->setSelected(true);
    }
    m_selecting = false;
    showReadoutsOfSelection();
    Q_EMIT elementSelected(selectedElement());
}

void DiagramScene::showReadoutsOfSelection()
{
    if (!m_readoutsOnDemand)
        return;
    QSet<EdgeLabelItem*> wanted;
    const DiagramElement element = selectedElement();
    if (element.kind == DiagramElement::Kind::Tunnel) {
        if (TunnelEdgeItem* edge = m_tunnels.value(element.id))
            wanted.insert(edge->label());
    } else if (element.kind == DiagramElement::Kind::Host) {
        // A collector's own tunnel; not the hub's thousands.
        const QList<TunnelEdgeItem*> edges = m_tunnelsByHost.values(element.id);
        for (TunnelEdgeItem* edge : edges) {
            if (edges.size() <= 4)
                wanted.insert(edge->label());
        }
    }
    for (EdgeLabelItem* label : std::as_const(m_shownReadouts)) {
        if (!wanted.contains(label))
            label->setVisible(false);
    }
    for (EdgeLabelItem* label : std::as_const(wanted))
        label->setVisible(true);
    m_shownReadouts = wanted;
}

void DiagramScene::onSelectionChanged()
{
    if (m_rebuilding || m_selecting)
        return;
    showReadoutsOfSelection();
    if (!selectedItems().isEmpty() && !m_highlightedSegment.isEmpty()) {
        if (SegmentItem* previous = m_segments.value(m_highlightedSegment))
            previous->setHighlighted(false);
        m_highlightedSegment.clear();
    }
    Q_EMIT elementSelected(selectedElement());
}

void DiagramScene::setCheckResult(const QString& hostId, const QString& serviceId, bool ok, const QString& text)
{
    m_checkMarks[hostId].insert(serviceId, CheckMark{ok, text});
    showCheckMarks(hostId);
    if (m_groupOfHost.contains(hostId))
        refreshGroup(m_groupOfHost.value(hostId));
}

void DiagramScene::clearCheckResults()
{
    const QList<QString> hosts = m_checkMarks.keys();
    m_checkMarks.clear();
    for (const QString& hostId : hosts)
        showCheckMarks(hostId);
}

void DiagramScene::showCheckMarks(const QString& hostId)
{
    HostCardItem* card = m_cards.value(hostId);
    if (!card)
        return;
    QStringList texts;
    bool allOk = true;
    for (const CheckMark& mark : m_checkMarks.value(hostId)) {
        texts.append(mark.text);
        allOk = allOk && mark.ok;
    }
    card->setCheckMark(texts.join(QStringLiteral(" · ")), allOk);
}
