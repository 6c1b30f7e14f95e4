// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagram/DiagramElement.h"
#include "diagram/DiagramPalette.h"
#include "diagram/EdgeGeometry.h"

#include <QGraphicsScene>
#include <QHash>
#include <QMap>
#include <QMultiHash>
#include <QSet>

class EdgeLabelItem;
class FlowEdgeItem;
class GroupAggregateItem;
class HostCardItem;
class NetworkState;
class SegmentItem;
class TunnelEdgeItem;
class UnknownPeerItem;
struct Topology;

/**
 * The live network as a scene: a region per segment, a card per host, an edge per tunnel and per flow, a node
 * per unknown peer. Rebuilt when the topology changes; only restyled when new telemetry arrives.
 */
class DiagramScene final : public QGraphicsScene
{
    Q_OBJECT

public:
    explicit DiagramScene(NetworkState* network, QObject* parent = nullptr);
    ~DiagramScene() override;

    NetworkState* network() const { return m_network; }
    const DiagramPalette& diagramPalette() const { return m_palette; }
    void setDiagramPalette(const QPalette& palette);

    HostCardItem* card(const QString& hostId) const { return m_cards.value(hostId); }
    SegmentItem* segmentItem(const QString& segmentId) const { return m_segments.value(segmentId); }
    TunnelEdgeItem* tunnelEdge(const QString& tunnelId) const { return m_tunnels.value(tunnelId); }
    FlowEdgeItem* flowEdge(const QString& flowId) const { return m_flows.value(flowId); }
    UnknownPeerItem* unknownPeerItem(const QString& id) const { return m_unknownPeers.value(id); }
    QList<HostCardItem*> cards() const { return m_cards.values(); }
    QList<SegmentItem*> segmentItems() const { return m_segments.values(); }
    QList<TunnelEdgeItem*> tunnelEdges() const { return m_tunnels.values(); }
    QList<FlowEdgeItem*> flowEdges() const { return m_flows.values(); }
    QList<UnknownPeerItem*> unknownPeerItems() const { return m_unknownPeers.values(); }

    /// How many times an unknown peer's node was put in place: only when peers come or go, or their host moves.
    int unknownPeerPlacements() const { return m_unknownPeerPlacements; }

    /// Hundreds of hosts: straight edges drawn only where exposed, tunnel readouts only for the selection.
    bool isLarge() const { return m_large; }
    bool readoutsOnDemand() const { return m_readoutsOnDemand; }

    DiagramElement selectedElement() const;
    /// Selects exactly this element (or nothing); emits elementSelected.
    void select(const DiagramElement& element);
    /// The item that draws an element, for centring the view on it.
    QGraphicsItem* itemFor(const DiagramElement& element) const;
    /// Everything that is drawn, with a margin: what "fit to window" shows.
    QRectF diagramBounds() const;
    /// Draws source into target as if nothing were selected, for exports: the selection itself stays, so nothing
    /// that follows it (the panels) reloads.
    void renderWithoutSelection(QPainter* painter, const QRectF& target, const QRectF& source);
    /// Whether an item draws itself selected (or emphasised for the selection): it is, and its scene is not
    /// rendering an export.
    static bool drawsSelected(const QGraphicsItem* item, bool selected);

    /// Called by a card whenever it moves: its edges and the regions follow.
    void cardMoved(HostCardItem* card);
    /// Reports the cards moved since the last call as hostMoved; done when a drag ends.
    void commitMovedCards();

    /// Segments of more hosts than this are drawn collapsed (GroupCollapse); rebuilds when it changes.
    void setGroupLimit(int limit);
    int groupLimit() const { return m_groupLimit; }
    /// Draws a large segment host by host (expanded) or as one card; rebuilds, emits groupsExpandedChanged.
    void setGroupExpanded(const QString& segmentId, bool expanded);
    const QSet<QString>& expandedGroups() const { return m_expandedGroups; }
    /// The expanded segments as a saved topology or the settings remember them; rebuilds, emits nothing.
    void setExpandedGroups(const QSet<QString>& segmentIds);
    GroupAggregateItem* groupItem(const QString& segmentId) const { return m_groupItems.value(segmentId); }
    QList<GroupAggregateItem*> groupItems() const { return m_groupItems.values(); }
    /// The one edge from a collapsed group to its hub, carrying the group's summed rates and worst state.
    TunnelEdgeItem* groupEdge(const QString& segmentId) const { return m_groupEdges.value(segmentId); }
    /// The collapsed segment a host is a member of; empty when its card is drawn as usual.
    QString collapsedGroupOf(const QString& hostId) const { return m_groupOfHost.value(hostId); }
    /// Whether a segment has more hosts than the limit, collapsed or not: what expand and collapse act on.
    bool isLargeGroup(const QString& segmentId) const { return m_largeGroups.contains(segmentId); }
    /// Test hook: how many items were restyled (drawn differently) by new telemetry since the last rebuild.
    int restyles() const { return m_restyles; }

    /// Marks a network check's result on the card of the host running the checked service (kept across rebuilds).
    void setCheckResult(const QString& hostId, const QString& serviceId, bool ok, const QString& text);
    void clearCheckResults();

Q_SIGNALS:
    void elementSelected(const DiagramElement& element);
    void hostMoved(const QString& hostId, const QPointF& topLeft);
    void groupsExpandedChanged(const QSet<QString>& segmentIds);

protected:
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    /// Claims + and - from the window's zoom shortcuts while they would expand or collapse the selected group.
    bool event(QEvent* event) override;
    void contextMenuEvent(QGraphicsSceneContextMenuEvent* event) override;

private:
    void rebuild();
    void refreshStates();
    void refreshTunnels();
    void refreshCards();
    void refreshFlows();
    void refreshUnknownPeers();
    EdgeGeometry::Route routeBetween(const QString& fromHost, const QString& toHost) const;
    void routeTunnel(TunnelEdgeItem* edge);
    void placeLabel(TunnelEdgeItem* edge);
    void routeFlow(FlowEdgeItem* edge);
    void routeStraightFlow(FlowEdgeItem* edge, double side);
    void fitRegions();
    void placeUnknownPeers();
    void placeUnknownPeersOf(const QString& hostId);
    QRectF hostsAndRegionsBounds() const;
    void clearDiagram();
    void onSelectionChanged();
    /// In large diagrams readouts would cover each other: only the selection's are shown.
    void showReadoutsOfSelection();
    QRectF cardRect(const QString& hostId) const;
    QString tunnelBetween(const QString& a, const QString& b) const;
    void buildGroups(const QHash<QString, QRectF>& segmentRects);
    void refreshGroups();
    void refreshGroup(const QString& segmentId);
    /// Shows the cards (and their tunnels and flows) of the members drawn beside the group's card; hides the rest.
    void showGroupMembers(const QString& segmentId, const QStringList& shown);
    void setMemberVisible(const QString& hostId, bool visible);
    /// Puts the group's card and its shown members in its region, centred where the full grid was.
    void placeGroup(const QString& segmentId);
    void routeGroupEdge(const QString& segmentId);
    /// The segment a double-click, key or menu would expand (an aggregate) or collapse (a member's card).
    QString groupActionTarget(QGraphicsItem* item, bool* expand) const;
    /// The segment a key would expand or collapse, given the selection; empty when the key means nothing here.
    QString groupKeyTarget(const QKeyEvent* event, bool* expand) const;
    QString failedCheckText(const QString& hostId) const;

    NetworkState* m_network;
    DiagramPalette m_palette;
    QHash<QString, HostCardItem*> m_cards;
    QHash<QString, SegmentItem*> m_segments;
    QHash<QString, TunnelEdgeItem*> m_tunnels;
    QHash<QString, FlowEdgeItem*> m_flows;
    QHash<QString, UnknownPeerItem*> m_unknownPeers;
    QHash<QString, QList<UnknownPeerItem*>> m_unknownPeersByHost; ///< reporting host id, in the network's order
    int m_unknownPeerPlacements = 0;
    QMultiHash<QString, TunnelEdgeItem*> m_tunnelsByHost;
    QMultiHash<QString, FlowEdgeItem*> m_flowsByHost;
    QHash<QString, QString> m_tunnelByPair; ///< "a|b" host ids to tunnel id
    QHash<QString, QString> m_tunnelOfFlow; ///< flow id to the tunnel it runs through, when one does
    QHash<QString, QString> m_hostNames;
    QSet<EdgeLabelItem*> m_shownReadouts; ///< large diagrams: the readouts shown for the selection
    bool m_large = false; ///< hundreds of hosts: straight edges, readouts on demand, no item index
    bool m_readoutsOnDemand = false; ///< tunnel readouts only for the selection (large, or a hub with many)
    QSet<QString> m_movedCards;
    QString m_highlightedSegment;
    bool m_rebuilding = false;
    bool m_placingGroup = false; ///< cards moved by the diagram, not the user: nothing to save
    int m_groupLimit;
    int m_restyles = 0;
    QSet<QString> m_expandedGroups;
    QSet<QString> m_largeGroups;
    QHash<QString, GroupAggregateItem*> m_groupItems;
    QHash<QString, TunnelEdgeItem*> m_groupEdges;
    QHash<QString, QString> m_groupHub;            ///< segment id to the hub its members' tunnels go to
    QHash<QString, QStringList> m_groupMembers;    ///< segment id to its member host ids
    QHash<QString, QStringList> m_groupShown;      ///< segment id to the members drawn beside its card
    QHash<QString, QString> m_groupOfHost;
    QHash<QString, QRectF> m_groupAnchors;         ///< where the full grid would have been
    QSet<QString> m_revealedHosts;                 ///< members shown because the user selected them
    bool m_hidingSelection = false; ///< rendering an export
    bool m_selecting = false; ///< select() reports once, not once per item it touches
    struct CheckMark
    {
        bool ok = false;
        QString text;
    };
    QHash<QString, QMap<QString, CheckMark>> m_checkMarks; ///< host id -> service id -> last result
    void showCheckMarks(const QString& hostId);
};
