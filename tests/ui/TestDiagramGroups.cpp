// SPDX-License-Identifier: GPL-3.0-or-later
// The diagram's level of detail: large segments drawn as one card with their problem members beside it, expanded
// and collapsed by the user, and polls that restyle only what changed. Counted, never timed.
#include "DiagramTestHelpers.h"
#include "diagram/DiagramScene.h"
#include "diagram/EdgeLabelItem.h"
#include "diagram/GroupAggregateItem.h"
#include "diagram/HostCardItem.h"
#include "diagram/SegmentItem.h"
#include "diagram/TunnelEdgeItem.h"
#include "topology/SyntheticTopology.h"
#include "topology/TopologyFile.h"

#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>
#include <QSignalSpy>
#include <QTest>

#include <array>
#include <memory>

using namespace DiagramTestHelpers;

namespace {

const QString Collectors = QStringLiteral("collectors");

/// The snapshot with one collector's handshake five minutes old, as both ends report it.
TelemetrySnapshot withStalePeer(TelemetrySnapshot snapshot, const NetworkState& network, const QString& hostId, const QDateTime& now)
{
    const QString key = network.topology().interfaceOfHost(hostId)->publicKey;
    for (auto& peer : snapshot.peers) {
        if (peer.publicKey == key || peer.reportingHost.startsWith(hostId))
            peer.lastHandshake = now.addSecs(-300); // stale: 3 to 9 minutes
    }
    return snapshot;
}

/// The collectors' tunnels per state, as the network has them: what the group's card must add up to.
std::array<int, 5> collectorStates(const NetworkState& network)
{
    std::array<int, 5> counts {};
    for (const auto& tunnel : network.tunnels()) {
        if (tunnel.clientHostId.startsWith(QStringLiteral("collector")))
            ++counts[static_cast<size_t>(tunnel.status.state)];
    }
    return counts;
}

int visibleTunnelsAt(const DiagramScene& scene, const QString& hubId)
{
    int count = 0;
    for (TunnelEdgeItem* edge : scene.tunnelEdges()) {
        const TunnelState* tunnel = scene.network()->tunnel(edge->tunnelId());
        if (edge->isVisible() && tunnel && tunnel->hubHostId == hubId)
            ++count;
    }
    return count;
}

/// N collectors behind the reference network's hub, drawn, with the demo's numbers.
struct Demo
{
    Demo(const Clock* clock, int peers)
        : network(clock)
    {
        network.setTopology(SyntheticTopology::withCollectors(TopologyFile::referenceDeployment(), peers));
        scene = std::make_unique<DiagramScene>(&network);
        source = std::make_unique<DemoTelemetrySource>(network.topology(), clock);
    }

    NetworkState network;
    std::unique_ptr<DiagramScene> scene;
    std::unique_ptr<DemoTelemetrySource> source;
};

void sendKey(DiagramScene& scene, int key)
{
    QKeyEvent event(QEvent::KeyPress, key, Qt::NoModifier);
    QCoreApplication::sendEvent(&scene, &event);
}

} // namespace

class TestDiagramGroups : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void largeSegmentIsOneCardWithOneEdge();
    void theStalePeerStandsOutAndGoesBack();
    void expandAndCollapse();
    void selectingAHiddenMemberRevealsIt();
    void groupLimitIsSettable();
    void unchangedPollRestylesNothingAndOneChangeCostsTheSame();

private:
    ManualClock m_clock;
};

void TestDiagramGroups::largeSegmentIsOneCardWithOneEdge()
{
    Demo demo(&m_clock, 2000);
    NetworkState& network = demo.network;
    DiagramScene& scene = *demo.scene;
    deliverDemoPoll(*demo.source, network);

    GroupAggregateItem* group = scene.groupItem(Collectors);
    QVERIFY(group);
    QCOMPARE(scene.groupItems().size(), 1); // the reference network's small segments stay as they are
    QCOMPARE(group->summary().hosts, 2000);
    QCOMPARE(group->summary().perState, collectorStates(network));
    QVERIFY(group->summary().count(PeerStatus::State::Online) > 1990);
    QVERIFY(group->summary().rxBytesPerSecond > 0);
    QVERIFY(!scene.card(QStringLiteral("collector0007"))->isVisible());
    QCOMPARE(scene.collapsedGroupOf(QStringLiteral("collector0007")), Collectors);
    QVERIFY(scene.card(QStringLiteral("monitor11"))->isVisible());

    // The hub keeps the reference network's own tunnels; the 2,000 spokes are one bundled edge.
    QVERIFY(visibleTunnelsAt(scene, QStringLiteral("monitor11")) < 10);
    TunnelEdgeItem* bundle = scene.groupEdge(Collectors);
    QVERIFY(bundle && bundle->isVisible());
    QCOMPARE(bundle->stateName(), group->stateName());
    QVERIFY(bundle->label()->isVisible());
    QVERIFY(bundle->label()->lines().join(QLatin1Char(' ')).contains(QStringLiteral("2000 tunnels")));
    QVERIFY(bundle->penWidth() > TunnelEdgeItem::widthForRate(0));

    // The region holds the card and no longer the 2,000-card grid; the scene is that small too.
    const QRectF region = scene.segmentItem(Collectors)->region();
    QVERIFY(region.contains(group->sceneRectOfCard()));
    QVERIFY(region.width() < 3 * HostCardItem::Width);
    QVERIFY(scene.diagramBounds().height() < 3000);
}

void TestDiagramGroups::theStalePeerStandsOutAndGoesBack()
{
    Demo demo(&m_clock, 2000);
    NetworkState& network = demo.network;
    DiagramScene& scene = *demo.scene;
    const TelemetrySnapshot snapshot = deliverDemoPoll(*demo.source, network);
    const QString stale = QStringLiteral("collector1234");
    QVERIFY(!scene.card(stale)->isVisible());

    GroupAggregateItem* group = scene.groupItem(Collectors);
    const GroupCollapse::Summary before = group->summary();
    QCOMPARE(network.tunnel(QStringLiteral("monitor11-wg0-") + stale)->status.state, PeerStatus::State::Online);
    QVERIFY(!before.problems.contains(stale));
    // Whatever else the demo shows, every problem member has a card and no online one does.
    for (const QString& problem : before.problems)
        QVERIFY(scene.card(problem)->isVisible());

    network.applySnapshot(withStalePeer(snapshot, network, stale, m_clock.now()));
    QCOMPARE(group->summary().count(PeerStatus::State::Stale), before.count(PeerStatus::State::Stale) + 1);
    QVERIFY(GroupCollapse::severity(group->summary().worst) >= GroupCollapse::severity(PeerStatus::State::Stale));
    QCOMPARE(scene.groupEdge(Collectors)->stateName(), group->stateName());
    QVERIFY(group->summary().problems.contains(stale));
    // Its own card beside the group's, with its own spoke to the hub, inside the region.
    HostCardItem* card = scene.card(stale);
    QVERIFY(card->isVisible());
    QCOMPARE(card->content().stateName, QStringLiteral("stale"));
    QVERIFY(scene.segmentItem(Collectors)->region().contains(card->sceneRectOfCard()));
    QVERIFY(!card->sceneRectOfCard().intersects(group->sceneRectOfCard()));
    const TunnelEdgeItem* spoke = scene.tunnelEdge(QStringLiteral("monitor11-wg0-") + stale);
    QVERIFY(spoke && spoke->isVisible());
    QVERIFY(scene.diagramBounds().contains(card->sceneRectOfCard()));

    // Back online on the next poll: back into the group.
    network.applySnapshot(snapshot);
    QVERIFY(!card->isVisible());
    QVERIFY(!spoke->isVisible());
    QCOMPARE(group->summary(), before);
}

void TestDiagramGroups::expandAndCollapse()
{
    NetworkState network(&m_clock);
    network.setTopology(SyntheticTopology::withCollectors(TopologyFile::referenceDeployment(), 60));
    DiagramScene scene(&network);
    QSignalSpy expanded(&scene, &DiagramScene::groupsExpandedChanged);

    // Double-click on the group's card.
    GroupAggregateItem* group = scene.groupItem(Collectors);
    QVERIFY(group);
    QGraphicsSceneMouseEvent click(QEvent::GraphicsSceneMouseDoubleClick);
    click.setScenePos(group->sceneRectOfCard().center());
    click.setButton(Qt::LeftButton);
    click.setButtons(Qt::LeftButton);
    QCoreApplication::sendEvent(&scene, &click);
    QVERIFY(!scene.groupItem(Collectors));
    QCOMPARE(expanded.size(), 1);
    QCOMPARE(scene.expandedGroups(), QSet<QString>({Collectors}));
    for (int i = 1; i <= 60; ++i)
        QVERIFY(scene.card(QStringLiteral("collector%1").arg(i, 4, 10, QLatin1Char('0')))->isVisible());
    QVERIFY(!scene.groupEdge(Collectors));

    // "-" on a member's card collapses its group again; "+" on the group's card expands it.
    scene.select({DiagramElement::Kind::Host, QStringLiteral("collector0003")});
    sendKey(scene, Qt::Key_Minus);
    QVERIFY(scene.groupItem(Collectors));
    QVERIFY(scene.expandedGroups().isEmpty());
    scene.groupItem(Collectors)->setSelected(true);
    QCOMPARE(scene.selectedElement(), (DiagramElement{DiagramElement::Kind::Segment, Collectors}));
    sendKey(scene, Qt::Key_Plus);
    QVERIFY(!scene.groupItem(Collectors));
    QCOMPARE(expanded.size(), 3);

    // "-" on a host of a small segment does nothing.
    scene.select({DiagramElement::Kind::Host, QStringLiteral("monitor11")});
    sendKey(scene, Qt::Key_Minus);
    QCOMPARE(expanded.size(), 3);
}

void TestDiagramGroups::selectingAHiddenMemberRevealsIt()
{
    Demo demo(&m_clock, 300);
    NetworkState& network = demo.network;
    DiagramScene& scene = *demo.scene;
    const TelemetrySnapshot snapshot = deliverDemoPoll(*demo.source, network);
    const QString host = QStringLiteral("collector0250");
    QVERIFY(!scene.card(host)->isVisible());
    scene.select({DiagramElement::Kind::Host, host});
    QVERIFY(scene.card(host)->isVisible());
    QVERIFY(scene.card(host)->isSelected());
    QVERIFY(scene.segmentItem(Collectors)->region().contains(scene.card(host)->sceneRectOfCard()));
    QVERIFY(scene.diagramBounds().contains(scene.card(host)->sceneRectOfCard()));
    // It stays while the polls go on, and the group stays collapsed.
    deliverDemoPoll(*demo.source, network);
    QVERIFY(scene.card(host)->isVisible());
    QVERIFY(scene.groupItem(Collectors));
}

void TestDiagramGroups::groupLimitIsSettable()
{
    NetworkState network(&m_clock);
    network.setTopology(SyntheticTopology::withCollectors(TopologyFile::referenceDeployment(), 50));
    DiagramScene scene(&network);
    QCOMPARE(scene.groupLimit(), 40);
    QVERIFY(scene.groupItem(Collectors));
    scene.setGroupLimit(50);
    QVERIFY(!scene.groupItem(Collectors));
    QVERIFY(scene.card(QStringLiteral("collector0049"))->isVisible());
    scene.setGroupLimit(49);
    QVERIFY(scene.groupItem(Collectors));
}

void TestDiagramGroups::unchangedPollRestylesNothingAndOneChangeCostsTheSame()
{
    // The same poll and the same one change, at 200 and at 2,000 peers: the count of restyled items must not grow.
    QList<int> changedCounts;
    for (int peers : {200, 2000}) {
        Demo demo(&m_clock, peers);
        NetworkState& network = demo.network;
        const DiagramScene& scene = *demo.scene;
        const TelemetrySnapshot snapshot = deliverDemoPoll(*demo.source, network);
        QVERIFY(scene.restyles() > 0); // the first data restyles the diagram

        const int before = scene.restyles();
        network.applySnapshot(snapshot);
        QCOMPARE(scene.restyles(), before);

        network.applySnapshot(withStalePeer(snapshot, network, QStringLiteral("collector0042"), m_clock.now()));
        const int changed = scene.restyles() - before;
        QVERIFY(changed > 0);
        changedCounts.append(changed);
    }
    QCOMPARE(changedCounts.at(1), changedCounts.at(0));
    QVERIFY2(changedCounts.at(0) <= 6, qPrintable(QString::number(changedCounts.at(0))));
}

QTEST_MAIN(TestDiagramGroups)
#include "TestDiagramGroups.moc"
