// SPDX-License-Identifier: GPL-3.0-or-later
// DiagramScene's level of detail: large segments drawn as one card, their problem members beside it. Kept apart
// from DiagramScene.cpp, which draws every host; the choices themselves are GroupCollapse's (models/layout).
#include "diagram/DiagramScene.h"

#include "diagram/EdgeLabelItem.h"
#include "diagram/FlowEdgeItem.h"
#include "diagram/GroupAggregateItem.h"
#include "diagram/HostCardItem.h"
#include "diagram/SegmentItem.h"
#include "diagram/TunnelEdgeItem.h"
#include "layout/DiagramLayout.h"
#include "layout/GroupCollapse.h"
#include "telemetry/NetworkState.h"
#include "telemetry/PeerStateRules.h"

#include <QGraphicsSceneContextMenuEvent>
#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>
#include <QMenu>

#include <algorithm>

namespace {

/// Problem cards beside a group's card stand in rows of this many.
constexpr int ProblemColumns = 3;

QString groupEdgeId(const QString& segmentId)
{
    return QStringLiteral("group:") + segmentId;
}

} // namespace

void DiagramScene::setGroupLimit(int limit)
{
    if (limit == m_groupLimit || limit < 1)
        return;
    m_groupLimit = limit;
    rebuild();
}

void DiagramScene::setGroupExpanded(const QString& segmentId, bool expanded)
{
    if (m_expandedGroups.contains(segmentId) == expanded)
        return;
    if (expanded)
        m_expandedGroups.insert(segmentId);
    else
        m_expandedGroups.remove(segmentId);
    rebuild();
    Q_EMIT groupsExpandedChanged(m_expandedGroups);
}

void DiagramScene::setExpandedGroups(const QSet<QString>& segmentIds)
{
    if (segmentIds == m_expandedGroups)
        return;
    m_expandedGroups = segmentIds;
    rebuild();
}

void DiagramScene::buildGroups(const QHash<QString, QRectF>& segmentRects)
{
    const Topology& topology = m_network->topology();
    QSet<QString> hubs; // a hub stays a card of its own: the group's edge needs an end
    for (const auto& tunnel : m_network->tunnels())
        hubs.insert(tunnel.hubHostId);
    const QHash<QString, QStringList> large = GroupCollapse::collapsedGroups(topology, m_groupLimit, {}, hubs);
    m_largeGroups = QSet<QString>(large.keyBegin(), large.keyEnd());
    for (auto it = large.cbegin(); it != large.cend(); ++it) {
        const Segment* segment = topology.segment(it.key());
        if (m_expandedGroups.contains(it.key()) || !segment || !m_segments.contains(it.key()))
            continue;
        auto* item = new GroupAggregateItem(it.key(), segment->name, &m_palette);
        addItem(item);
        m_groupItems.insert(it.key(), item);
        m_groupMembers.insert(it.key(), it.value());
        m_groupAnchors.insert(it.key(), segmentRects.value(it.key()));
        for (const QString& hostId : it.value()) {
            m_groupOfHost.insert(hostId, it.key());
            setMemberVisible(hostId, false);
            for (const TunnelState* tunnel : m_network->tunnelsOfHost(hostId)) {
                if (tunnel->clientHostId == hostId && !m_groupHub.contains(it.key()))
                    m_groupHub.insert(it.key(), tunnel->hubHostId);
            }
        }
        if (m_groupHub.contains(it.key())) {
            auto* label = new EdgeLabelItem(groupEdgeId(it.key()), &m_palette);
            auto* edge = new TunnelEdgeItem(groupEdgeId(it.key()), &m_palette, label);
            // It stands for many tunnels, none of which the detail panel could show: the group's card selects.
            edge->setFlag(QGraphicsItem::ItemIsSelectable, false);
            label->setFlag(QGraphicsItem::ItemIsSelectable, false);
            addItem(edge);
            addItem(label);
            m_groupEdges.insert(it.key(), edge);
        }
        placeGroup(it.key());
    }
}

void DiagramScene::setMemberVisible(const QString& hostId, bool visible)
{
    if (HostCardItem* card = m_cards.value(hostId))
        card->setVisible(visible);
    for (TunnelEdgeItem* edge : m_tunnelsByHost.values(hostId)) {
        edge->setVisible(visible);
        edge->label()->setVisible(visible && !m_readoutsOnDemand);
    }
    for (FlowEdgeItem* edge : m_flowsByHost.values(hostId)) {
        if (edge->flow().sourceHostId == hostId)
            edge->setVisible(visible);
    }
}

QString DiagramScene::failedCheckText(const QString& hostId) const
{
    for (const CheckMark& mark : m_checkMarks.value(hostId)) {
        if (!mark.ok)
            return mark.text;
    }
    return {};
}

void DiagramScene::refreshGroups()
{
    for (auto it = m_groupItems.cbegin(); it != m_groupItems.cend(); ++it)
        refreshGroup(it.key());
}

void DiagramScene::refreshGroup(const QString& segmentId)
{
    GroupAggregateItem* item = m_groupItems.value(segmentId);
    if (!item || m_rebuilding)
        return;
    QList<GroupCollapse::Member> members;
    const QStringList& hostIds = m_groupMembers.value(segmentId);
    members.reserve(hostIds.size());
    for (const QString& hostId : hostIds) {
        GroupCollapse::Member member;
        member.hostId = hostId;
        for (const TunnelState* tunnel : m_network->tunnelsOfHost(hostId)) {
            if (tunnel->clientHostId != hostId)
                continue;
            member.state = tunnel->status.state;
            if (tunnel->telemetry && tunnel->status.ratesAreCurrent()) {
                member.rxBytesPerSecond = tunnel->clientToHubBytesPerSecond().value_or(0);
                member.txBytesPerSecond = tunnel->hubToClientBytesPerSecond().value_or(0);
            }
        }
        if (const HostCardItem* card = m_cards.value(hostId); card && !card->content().events.isEmpty()) {
            const HostState state = m_network->hostState(hostId);
            member.fail2banPerHour = state.logEvents ? state.logEvents->fail2banEvents : 0;
        }
        member.failedCheck = !failedCheckText(hostId).isEmpty();
        members.append(member);
    }
    const GroupCollapse::Summary summary = GroupCollapse::summarize(members);
    if (item->setSummary(summary))
        ++m_restyles;
    if (TunnelEdgeItem* edge = m_groupEdges.value(segmentId)) {
        const QString worst = PeerStatus::stateName(summary.worst);
        const QStringList readout {QStringLiteral("%1 → %2  %3")
                                       .arg(m_network->topology().segment(segmentId)->name, m_hostNames.value(m_groupHub.value(segmentId)),
                                           PeerStateRules::formatRate(summary.rxBytesPerSecond)),
            QStringLiteral("← %1 · %2 tunnels · worst %3")
                .arg(PeerStateRules::formatRate(summary.txBytesPerSecond), QString::number(summary.hosts), worst)};
        if (readout != edge->label()->lines())
            ++m_restyles;
        edge->setState(worst, summary.rxBytesPerSecond + summary.txBytesPerSecond, summary.countsText());
        edge->label()->setText(readout, worst);
    }
    QStringList shown = summary.problems;
    for (const QString& hostId : hostIds) {
        if (m_revealedHosts.contains(hostId) && !shown.contains(hostId))
            shown.append(hostId);
    }
    if (shown != m_groupShown.value(segmentId))
        showGroupMembers(segmentId, shown);
}

void DiagramScene::showGroupMembers(const QString& segmentId, const QStringList& shown)
{
    const QStringList before = m_groupShown.value(segmentId);
    for (const QString& hostId : before) {
        if (!shown.contains(hostId))
            setMemberVisible(hostId, false);
    }
    for (const QString& hostId : shown) {
        if (!before.contains(hostId))
            setMemberVisible(hostId, true);
    }
    m_groupShown.insert(segmentId, shown);
    placeGroup(segmentId);
    setSceneRect(diagramBounds());
}

void DiagramScene::placeGroup(const QString& segmentId)
{
    GroupAggregateItem* item = m_groupItems.value(segmentId);
    SegmentItem* region = m_segments.value(segmentId);
    if (!item || !region)
        return;
    const QStringList shown = m_groupShown.value(segmentId);
    const QSizeF aggregate = GroupAggregateItem::size();
    double rowHeight = 0;
    for (const QString& hostId : shown)
        rowHeight = std::max(rowHeight, m_cards.value(hostId)->sceneRectOfCard().height());
    const int columns = int(std::min<qsizetype>(ProblemColumns, shown.size()));
    const int rows = int((shown.size() + ProblemColumns - 1) / ProblemColumns);
    const double width = aggregate.width() + (columns > 0 ? DiagramLayout::Gap + columns * HostCardItem::Width + (columns - 1) * DiagramLayout::Gap : 0);
    const double height = std::max(aggregate.height(), rows * rowHeight + std::max(0, rows - 1) * DiagramLayout::Gap);
    const QRectF anchor = m_groupAnchors.value(segmentId);
    // Whole pixels, as cards the user placed: crisp cached cards.
    const QRectF area(std::round(anchor.center().x() - width / 2 - DiagramLayout::Padding), anchor.top(),
        width + 2 * DiagramLayout::Padding, DiagramLayout::HeaderHeight + height + 2 * DiagramLayout::Padding);
    region->setRegion(area);
    const QPointF origin = area.topLeft() + QPointF(DiagramLayout::Padding, DiagramLayout::HeaderHeight + DiagramLayout::Padding);
    item->setPos(origin);
    m_placingGroup = true;
    for (int i = 0; i < shown.size(); ++i) {
        HostCardItem* card = m_cards.value(shown.at(i));
        card->setPos(origin + QPointF(aggregate.width() + DiagramLayout::Gap + (i % ProblemColumns) * (HostCardItem::Width + DiagramLayout::Gap),
            (i / ProblemColumns) * (rowHeight + DiagramLayout::Gap)));
    }
    m_placingGroup = false;
    for (const QString& hostId : shown) {
        for (TunnelEdgeItem* edge : m_tunnelsByHost.values(hostId))
            routeTunnel(edge);
        for (FlowEdgeItem* edge : m_flowsByHost.values(hostId))
            routeFlow(edge);
    }
    routeGroupEdge(segmentId);
}

void DiagramScene::routeGroupEdge(const QString& segmentId)
{
    TunnelEdgeItem* edge = m_groupEdges.value(segmentId);
    const GroupAggregateItem* item = m_groupItems.value(segmentId);
    if (!edge || !item)
        return;
    const QRectF from = item->sceneRectOfCard();
    const QRectF to = cardRect(m_groupHub.value(segmentId));
    if (m_large) {
        edge->setLine(EdgeGeometry::straightBetween(from, to));
        edge->label()->setCenter(edge->line().center());
    } else {
        edge->setRoute(EdgeGeometry::route(from, to));
        edge->label()->setCenter(EdgeGeometry::pointAt(edge->path(), 0.5));
    }
}

QString DiagramScene::groupActionTarget(QGraphicsItem* item, bool* expand) const
{
    if (!item)
        return {};
    if (item->type() == GroupAggregateItem::Type) {
        *expand = true;
        return static_cast<GroupAggregateItem*>(item)->segmentId();
    }
    if (item->type() == HostCardItem::Type) {
        const Host* host = m_network->topology().host(static_cast<HostCardItem*>(item)->hostId());
        if (host && m_largeGroups.contains(host->segmentId) && m_expandedGroups.contains(host->segmentId)) {
            *expand = false;
            return host->segmentId;
        }
    }
    return {};
}

void DiagramScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event)
{
    bool expand = false;
    const QString segmentId = groupActionTarget(itemAt(event->scenePos(), QTransform()), &expand);
    if (!segmentId.isEmpty() && expand) {
        event->accept();
        setGroupExpanded(segmentId, true);
        return;
    }
    QGraphicsScene::mouseDoubleClickEvent(event);
}

QString DiagramScene::groupKeyTarget(const QKeyEvent* event, bool* expand) const
{
    const QList<QGraphicsItem*> selected = selectedItems();
    const QString segmentId = groupActionTarget(selected.isEmpty() ? nullptr : selected.constFirst(), expand);
    const int key = event->key();
    const bool expandKey = key == Qt::Key_Plus || key == Qt::Key_Equal || key == Qt::Key_Return || key == Qt::Key_Enter;
    const bool collapseKey = key == Qt::Key_Minus;
    return (*expand && expandKey) || (!*expand && collapseKey) ? segmentId : QString();
}

void DiagramScene::keyPressEvent(QKeyEvent* event)
{
    bool expand = false;
    const QString segmentId = groupKeyTarget(event, &expand);
    if (segmentId.isEmpty()) {
        QGraphicsScene::keyPressEvent(event);
        return;
    }
    event->accept();
    setGroupExpanded(segmentId, expand);
}

bool DiagramScene::event(QEvent* event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        bool expand = false;
        if (!groupKeyTarget(static_cast<QKeyEvent*>(event), &expand).isEmpty()) {
            event->accept();
            return true;
        }
    }
    return QGraphicsScene::event(event);
}

void DiagramScene::contextMenuEvent(QGraphicsSceneContextMenuEvent* event)
{
    bool expand = false;
    const QString segmentId = groupActionTarget(itemAt(event->scenePos(), QTransform()), &expand);
    const Segment* segment = m_network->topology().segment(segmentId);
    if (!segment) {
        QGraphicsScene::contextMenuEvent(event);
        return;
    }
    QMenu menu;
    const QString text = expand ? QStringLiteral("Show every host of “%1” (+)") : QStringLiteral("Collapse “%1” into one card (−)");
    QAction* action = menu.addAction(text.arg(segment->name));
    if (menu.exec(event->screenPos()) == action)
        setGroupExpanded(segmentId, expand);
    event->accept();
}
