// SPDX-License-Identifier: GPL-3.0-or-later
#include "DiagramTestHelpers.h"
#include "diagram/DiagramScene.h"
#include "diagram/DiagramView.h"
#include "diagram/EdgeLabelItem.h"
#include "diagram/FlowEdgeItem.h"
#include "diagram/HostCardItem.h"
#include "diagram/SegmentItem.h"
#include "diagram/TunnelEdgeItem.h"
#include "diagram/UnknownPeerItem.h"
#include "topology/SyntheticTopology.h"
#include "topology/TopologyFile.h"
#include "topology/TopologyValidator.h"

#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace DiagramTestHelpers;

class TestDiagramScene : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneCardPerHostAndTheRegions();
    void tunnelsAndFlowsHaveEdges();
    void statesFollowSnapshots();
    void tunnelColourAndWidthFollowState();
    void cardDragMovesHostAndEdges();
    void unknownPeersGetANode();
    void unknownPeersStayPutAcrossRefreshes();
    void dragMovesOnlyTheDraggedHostsPeers();
    void selectionRoundTrip();
    void darkPaletteReadsLight();
    void twoThousandPeersDoNotOverlap();

private:
    /// A demo poll plus two keys the topology lacks: one seen by monitor11, one by a host it does not know.
    TelemetrySnapshot snapshotWithStrangers(DemoTelemetrySource& source);
    static QHash<QString, QPointF> unknownPeerPositions(const DiagramScene& scene);

    ManualClock m_clock;
};

TelemetrySnapshot TestDiagramScene::snapshotWithStrangers(DemoTelemetrySource& source)
{
    TelemetrySnapshot snapshot = source.takeSnapshot();
    for (const char* reporter : {"monitor11", "somewhere-else"}) {
        PeerTelemetry stranger;
        stranger.reportingHost = QString::fromLatin1(reporter);
        stranger.device = QStringLiteral("wg0");
        stranger.publicKey = QStringLiteral("3x9fQm0o1xQvGq3x9fQm0o1xQvGq3x9fQm0o1xQvGq0=");
        stranger.lastHandshake = m_clock.now().addSecs(-30);
        stranger.sampleTime = m_clock.now();
        snapshot.peers.append(stranger);
    }
    return snapshot;
}

QHash<QString, QPointF> TestDiagramScene::unknownPeerPositions(const DiagramScene& scene)
{
    QHash<QString, QPointF> positions;
    for (const UnknownPeerItem* item : scene.unknownPeerItems())
        positions.insert(item->peerId(), item->pos());
    return positions;
}

void TestDiagramScene::oneCardPerHostAndTheRegions()
{
    NetworkState network(&m_clock);
    network.setTopology(TopologyFile::referenceDeployment());
    DiagramScene scene(&network);

    QCOMPARE(scene.cards().size(), network.topology().hosts.size());
    for (const auto& host : network.topology().hosts)
        QVERIFY2(scene.card(host.id), qPrintable(host.id));
    // Every segment but the VPN is a region: the VPN is drawn as the tunnel.
    QCOMPARE(scene.segmentItems().size(), 4);
    QVERIFY(!scene.segmentItem(QStringLiteral("vpn")));
    const QRectF home = scene.segmentItem(QStringLiteral("home"))->region();
    const QRectF proxmox = scene.segmentItem(QStringLiteral("proxmox"))->region();
    const QRectF internet = scene.segmentItem(QStringLiteral("internet"))->region();
    QVERIFY(home.contains(proxmox));
    QVERIFY(proxmox.contains(scene.card(QStringLiteral("monitor11"))->sceneRectOfCard()));
    QVERIFY(home.contains(scene.card(QStringLiteral("storage"))->sceneRectOfCard()));
    QVERIFY(internet.bottom() < home.top());
    QVERIFY(scene.segmentItem(QStringLiteral("public"))->region().right() < home.left());
}

void TestDiagramScene::tunnelsAndFlowsHaveEdges()
{
    NetworkState network(&m_clock);
    network.setTopology(TopologyFile::referenceDeployment());
    DiagramScene scene(&network);

    QCOMPARE(scene.tunnelEdges().size(), network.tunnels().size());
    QCOMPARE(scene.tunnelEdges().size(), 2);
    for (const auto& tunnel : network.tunnels()) {
        TunnelEdgeItem* edge = scene.tunnelEdge(tunnel.id);
        QVERIFY(edge);
        QVERIFY(edge->label());
        // The curve runs from the client's card to the hub's.
        const QRectF client = scene.card(tunnel.clientHostId)->sceneRectOfCard().adjusted(-1, -1, 1, 1);
        const QRectF hub = scene.card(tunnel.hubHostId)->sceneRectOfCard().adjusted(-1, -1, 1, 1);
        QVERIFY(client.contains(edge->path().pointAtPercent(0)));
        QVERIFY(hub.contains(edge->path().pointAtPercent(1)));
    }
    QCOMPARE(scene.flowEdges().size(), network.topology().flows.size());
    FlowEdgeItem* metrics = scene.flowEdge(QStringLiteral("prod-metrics"));
    QVERIFY(metrics);
    QVERIFY(!metrics->deliveryLeg().isEmpty());
    QVERIFY(!metrics->storageLeg().isEmpty());
    QVERIFY(scene.card(QStringLiteral("storage"))->sceneRectOfCard().adjusted(-8, -8, 8, 8).contains(metrics->storageLeg().pointAtPercent(1)));
    // Self-monitoring stays on the host: no delivery leg, only the way to the bucket.
    QVERIFY(scene.flowEdge(QStringLiteral("monitor11-self"))->deliveryLeg().isEmpty());
}

void TestDiagramScene::statesFollowSnapshots()
{
    NetworkState network(&m_clock);
    network.setTopology(TopologyFile::referenceDeployment());
    DiagramScene scene(&network);
    TunnelEdgeItem* prod = scene.tunnelEdge(QStringLiteral("monitor11-prod"));
    QVERIFY(prod);
    QCOMPARE(prod->stateName(), QStringLiteral("unknown"));
    QVERIFY(scene.flowEdge(QStringLiteral("prod-logs"))->isIdle());

    DemoTelemetrySource source(network.topology(), &m_clock);
    deliverDemoPoll(source, network);
    QCOMPARE(prod->stateName(), QStringLiteral("online"));
    QVERIFY(!scene.flowEdge(QStringLiteral("prod-logs"))->isIdle());
    QVERIFY(prod->label()->lines().constFirst().startsWith(QStringLiteral("prod → monitor11")));
    QVERIFY(prod->label()->lines().constFirst().contains(QStringLiteral("kB/s")));
    QVERIFY(prod->label()->lines().at(1).contains(QStringLiteral("handshake")));
    QCOMPARE(scene.card(QStringLiteral("prod"))->content().stateWord, QStringLiteral("online"));
    QVERIFY(scene.card(QStringLiteral("prod"))->content().events.constFirst().text.contains(QStringLiteral("/h")));
    QCOMPARE(scene.card(QStringLiteral("monitor11"))->content().metricsState, QStringLiteral("reporting"));
    QVERIFY(!prod->toolTip().isEmpty());

    // No new data for ten minutes: the numbers are too old to say anything.
    m_clock.advance(600);
    network.reevaluate();
    QCOMPARE(prod->stateName(), QStringLiteral("unknown"));
    QVERIFY(scene.flowEdge(QStringLiteral("prod-logs"))->isIdle());
    m_clock = ManualClock();
}

void TestDiagramScene::tunnelColourAndWidthFollowState()
{
    const DiagramPalette palette;
    QVERIFY(palette.stateNamed(QStringLiteral("online")) != palette.stateNamed(QStringLiteral("stale")));
    QVERIFY(palette.stateNamed(QStringLiteral("stale")) != palette.stateNamed(QStringLiteral("offline")));
    QCOMPARE(palette.stateBrush(QStringLiteral("unknown")).style(), Qt::BDiagPattern);
    QCOMPARE(palette.stateBrush(QStringLiteral("never")).style(), Qt::NoBrush);
    QVERIFY(palette.stateNamed(QStringLiteral("online")).green() > palette.stateNamed(QStringLiteral("online")).red());

    QCOMPARE(TunnelEdgeItem::widthForRate(0), 2.0);
    QVERIFY(TunnelEdgeItem::widthForRate(2000) < TunnelEdgeItem::widthForRate(20000));
    QVERIFY(TunnelEdgeItem::widthForRate(1e12) <= 12.0);

    NetworkState network(&m_clock);
    network.setTopology(TopologyFile::referenceDeployment());
    DiagramScene scene(&network);
    DemoTelemetrySource source(network.topology(), &m_clock);
    deliverDemoPoll(source, network);
    for (const auto& tunnel : network.tunnels())
        QCOMPARE(scene.tunnelEdge(tunnel.id)->stateName(), PeerStatus::stateName(tunnel.status.state));
    // The demo starts with the laptop's tunnel gone quiet: stale, thinner than the busy prod tunnel.
    QCOMPARE(scene.tunnelEdge(QStringLiteral("monitor11-laptop"))->stateName(), QStringLiteral("stale"));
    QVERIFY(scene.tunnelEdge(QStringLiteral("monitor11-laptop"))->penWidth() < scene.tunnelEdge(QStringLiteral("monitor11-prod"))->penWidth());
}

void TestDiagramScene::cardDragMovesHostAndEdges()
{
    NetworkState network(&m_clock);
    network.setTopology(TopologyFile::referenceDeployment());
    DiagramScene scene(&network);
    DiagramView view(&scene);
    view.resize(1400, 1000);
    view.show();
    view.resetZoom();
    HostCardItem* card = scene.card(QStringLiteral("prod"));
    view.centerOn(card);
    QSignalSpy moved(&scene, &DiagramScene::hostMoved);
    const QPointF before = card->pos();
    const QPainterPath tunnelBefore = scene.tunnelEdge(QStringLiteral("monitor11-prod"))->path();
    const QRectF publicBefore = scene.segmentItem(QStringLiteral("public"))->region();

    const QPoint grip = view.mapFromScene(card->sceneRectOfCard().topLeft() + QPointF(40, 14));
    drag(view.viewport(), grip, grip + QPoint(-120, 90));

    QCOMPARE(moved.count(), 1);
    QCOMPARE(moved.constFirst().at(0).toString(), QStringLiteral("prod"));
    // Dropped cards snap to whole pixels.
    const QPointF expected = before + QPointF(-120, 90);
    QCOMPARE(card->pos(), QPointF(std::round(expected.x()), std::round(expected.y())));
    QCOMPARE(moved.constFirst().at(1).toPointF(), card->pos());
    QVERIFY(scene.tunnelEdge(QStringLiteral("monitor11-prod"))->path() != tunnelBefore);
    QVERIFY(scene.card(QStringLiteral("prod"))->sceneRectOfCard().adjusted(-1, -1, 1, 1)
                .contains(scene.tunnelEdge(QStringLiteral("monitor11-prod"))->path().pointAtPercent(0)));
    // Its region refits around it.
    const QRectF publicAfter = scene.segmentItem(QStringLiteral("public"))->region();
    QVERIFY(publicAfter != publicBefore);
    QVERIFY(publicAfter.contains(card->sceneRectOfCard()));
}

void TestDiagramScene::unknownPeersGetANode()
{
    NetworkState network(&m_clock);
    network.setTopology(TopologyFile::referenceDeployment());
    DiagramScene scene(&network);
    DemoTelemetrySource source(network.topology(), &m_clock);
    network.applyStatus(source.status());
    TelemetrySnapshot snapshot = source.takeSnapshot();
    PeerTelemetry stranger;
    stranger.reportingHost = QStringLiteral("monitor11");
    stranger.device = QStringLiteral("wg0");
    stranger.publicKey = QStringLiteral("3x9fQm0o1xQvGq3x9fQm0o1xQvGq3x9fQm0o1xQvGq0=");
    stranger.lastHandshake = m_clock.now().addSecs(-30);
    stranger.sampleTime = m_clock.now();
    snapshot.peers.append(stranger);
    network.applySnapshot(snapshot);

    QCOMPARE(scene.unknownPeerItems().size(), 1);
    UnknownPeerItem* item = scene.unknownPeerItems().constFirst();
    const QRectF monitor = scene.card(QStringLiteral("monitor11"))->sceneRectOfCard();
    QVERIFY(item->pos().x() > monitor.right());
    QVERIFY(item->toolTip().contains(stranger.publicKey));

    // It goes away when telemetry stops reporting it.
    network.applySnapshot(source.takeSnapshot());
    QCOMPARE(scene.unknownPeerItems().size(), 0);
}

void TestDiagramScene::unknownPeersStayPutAcrossRefreshes()
{
    NetworkState network(&m_clock);
    network.setTopology(TopologyFile::referenceDeployment());
    DiagramScene scene(&network);
    DemoTelemetrySource source(network.topology(), &m_clock);
    network.applyStatus(source.status());
    network.applySnapshot(snapshotWithStrangers(source));
    QCOMPARE(scene.unknownPeerItems().size(), 2);
    const QHash<QString, QPointF> placed = unknownPeerPositions(scene);
    const int placements = scene.unknownPeerPlacements();
    // The peer no host claims sits below the hosts and regions, not below itself.
    const QString orphanId = QStringLiteral("unknown:somewhere-else:3x9fQm0o1xQvGq3x9fQm0o1xQvGq3x9fQm0o1xQvGq0=");
    QVERIFY(placed.contains(orphanId));
    QRectF hosts;
    for (const HostCardItem* card : scene.cards())
        hosts |= card->sceneRectOfCard();
    QVERIFY(placed.value(orphanId).y() > hosts.bottom());

    for (int refresh = 0; refresh < 10; ++refresh) {
        m_clock.advance(10);
        network.applySnapshot(snapshotWithStrangers(source));
        QCOMPARE(unknownPeerPositions(scene), placed);
    }
    QCOMPARE(scene.unknownPeerPlacements(), placements);
    m_clock = ManualClock();
}

void TestDiagramScene::dragMovesOnlyTheDraggedHostsPeers()
{
    NetworkState network(&m_clock);
    network.setTopology(TopologyFile::referenceDeployment());
    DiagramScene scene(&network);
    DemoTelemetrySource source(network.topology(), &m_clock);
    network.applyStatus(source.status());
    network.applySnapshot(snapshotWithStrangers(source));
    DiagramView view(&scene);
    view.resize(1400, 1000);
    view.show();
    view.resetZoom();
    const QString hostedId = QStringLiteral("unknown:monitor11:3x9fQm0o1xQvGq3x9fQm0o1xQvGq3x9fQm0o1xQvGq0=");
    const QString orphanId = QStringLiteral("unknown:somewhere-else:3x9fQm0o1xQvGq3x9fQm0o1xQvGq3x9fQm0o1xQvGq0=");
    const QHash<QString, QPointF> before = unknownPeerPositions(scene);

    // A card that reported no unknown peer: nothing of theirs is placed again.
    int placements = scene.unknownPeerPlacements();
    HostCardItem* prod = scene.card(QStringLiteral("prod"));
    view.centerOn(prod);
    QPoint grip = view.mapFromScene(prod->sceneRectOfCard().topLeft() + QPointF(40, 14));
    drag(view.viewport(), grip, grip + QPoint(-60, 40));
    QCOMPARE(unknownPeerPositions(scene), before);
    QCOMPARE(scene.unknownPeerPlacements(), placements);

    // The reporting host: its peer follows it, once per move; the unclaimed one stays where it was.
    HostCardItem* monitor = scene.card(QStringLiteral("monitor11"));
    view.centerOn(monitor);
    const QPointF hostBefore = monitor->pos();
    grip = view.mapFromScene(monitor->sceneRectOfCard().topLeft() + QPointF(40, 14));
    drag(view.viewport(), grip, grip + QPoint(80, 120));
    const QPointF shift = monitor->pos() - hostBefore;
    QVERIFY(shift.manhattanLength() > 100);
    const QHash<QString, QPointF> after = unknownPeerPositions(scene);
    QCOMPARE(after.value(orphanId), before.value(orphanId));
    QCOMPARE(after.value(hostedId), before.value(hostedId) + shift);
    QVERIFY(scene.unknownPeerPlacements() - placements <= 9); // the 8 moves of the drag and the snap on release
}

void TestDiagramScene::selectionRoundTrip()
{
    NetworkState network(&m_clock);
    network.setTopology(TopologyFile::referenceDeployment());
    DiagramScene scene(&network);
    QSignalSpy selected(&scene, &DiagramScene::elementSelected);

    const DiagramElement tunnel{DiagramElement::Kind::Tunnel, QStringLiteral("monitor11-prod")};
    scene.select(tunnel);
    QCOMPARE(scene.selectedElement(), tunnel);
    QVERIFY(scene.tunnelEdge(tunnel.id)->isSelected());
    QCOMPARE(selected.count(), 1);

    const DiagramElement region{DiagramElement::Kind::Segment, QStringLiteral("proxmox")};
    scene.select(region);
    QCOMPARE(scene.selectedElement(), region);
    QVERIFY(scene.segmentItem(region.id)->isHighlighted());
    QVERIFY(!scene.tunnelEdge(tunnel.id)->isSelected());

    // Clicking the tunnel's readout selects the tunnel.
    scene.clearSelection();
    scene.tunnelEdge(tunnel.id)->label()->setSelected(true);
    QCOMPARE(scene.selectedElement(), tunnel);
    QVERIFY(!scene.segmentItem(region.id)->isHighlighted());
}

void TestDiagramScene::darkPaletteReadsLight()
{
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(0x1f, 0x21, 0x24));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    const DiagramPalette palette(dark);
    QVERIFY(palette.isDark());
    QVERIFY(palette.text().lightnessF() > 0.7);
    QVERIFY(palette.cardFill().lightnessF() < 0.3);
    // State colours stay bright enough to stand out from a dark card.
    QVERIFY(palette.stateNamed(QStringLiteral("online")).valueF() > 0.7);
    QVERIFY(!DiagramPalette(QPalette(Qt::white)).isDark());
}

void TestDiagramScene::twoThousandPeersDoNotOverlap()
{
    NetworkState network(&m_clock);
    network.setTopology(SyntheticTopology::withCollectors(TopologyFile::referenceDeployment(), 2000));
    DiagramScene scene(&network);
    scene.setGroupExpanded(QStringLiteral("collectors"), true); // every card drawn: the expanded grid
    QCOMPARE(scene.cards().size(), network.topology().hosts.size());
    QCOMPARE(scene.tunnelEdges().size(), 2002);

    QList<QRectF> rects;
    for (const HostCardItem* card : scene.cards())
        rects.append(card->sceneRectOfCard());
    std::sort(rects.begin(), rects.end(), [](const QRectF& a, const QRectF& b) { return a.left() < b.left(); });
    // Sweep along x: only cards that start before this one ends can overlap it.
    for (qsizetype i = 0; i < rects.size(); ++i) {
        for (qsizetype j = i + 1; j < rects.size() && rects.at(j).left() < rects.at(i).right(); ++j)
            QVERIFY2(!rects.at(i).intersects(rects.at(j)), "two cards overlap");
    }
    QVERIFY(scene.segmentItem(QStringLiteral("collectors"))->region().contains(scene.card(QStringLiteral("collector2000"))->sceneRectOfCard()));
}

QTEST_MAIN(TestDiagramScene)
#include "TestDiagramScene.moc"
