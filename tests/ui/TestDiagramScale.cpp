// SPDX-License-Identifier: GPL-3.0-or-later
// The diagram at hundreds of peers: the fan layout, straight edges, readouts on demand, and updates that touch
// only what changed. Speed itself is measured by tunnelscope-bench-diagram, never asserted here.
#include "DiagramTestHelpers.h"
#include "diagram/DiagramScene.h"
#include "diagram/EdgeGeometry.h"
#include "diagram/EdgeLabelItem.h"
#include "diagram/FlowEdgeItem.h"
#include "diagram/HostCardItem.h"
#include "diagram/SegmentItem.h"
#include "diagram/TunnelEdgeItem.h"
#include "topology/SyntheticTopology.h"
#include "topology/TopologyFile.h"

#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace DiagramTestHelpers;

namespace {

bool onBorder(const QRectF& rect, const QPointF& point)
{
    const bool inside = rect.adjusted(-0.5, -0.5, 0.5, 0.5).contains(point);
    const bool onEdge = std::abs(point.x() - rect.left()) < 0.5 || std::abs(point.x() - rect.right()) < 0.5
        || std::abs(point.y() - rect.top()) < 0.5 || std::abs(point.y() - rect.bottom()) < 0.5;
    return inside && onEdge;
}

} // namespace

class TestDiagramScale : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clippedLine_data();
    void clippedLine();
    void collectorsFanOutUnderTheHub();
    void smallNetworksKeepTheirCurves();
    void readoutsShowForTheSelection();
    void aBusyHubShowsReadoutsForTheSelection();
    void sameSnapshotRepaintsNothing();

private:
    ManualClock m_clock;
};

void TestDiagramScale::clippedLine_data()
{
    QTest::addColumn<QLineF>("line");
    QTest::addColumn<bool>("visible");
    QTest::addColumn<QLineF>("expected");
    const QRectF rect(0, 0, 100, 100); // the rectangle every row clips to
    Q_UNUSED(rect);
    QTest::newRow("inside") << QLineF(10, 10, 90, 90) << true << QLineF(10, 10, 90, 90);
    QTest::newRow("across") << QLineF(-50, 50, 150, 50) << true << QLineF(0, 50, 100, 50);
    QTest::newRow("diagonal in") << QLineF(-100, -100, 50, 50) << true << QLineF(0, 0, 50, 50);
    QTest::newRow("outside") << QLineF(-50, -10, 150, -10) << false << QLineF();
    QTest::newRow("missing the corner") << QLineF(-20, 90, 90, -20) << true << QLineF(0, 70, 70, 0);
    QTest::newRow("past the corner") << QLineF(-60, 10, 10, -60) << false << QLineF();
    QTest::newRow("vertical outside") << QLineF(120, -10, 120, 110) << false << QLineF();
}

void TestDiagramScale::clippedLine()
{
    QFETCH(QLineF, line);
    QFETCH(bool, visible);
    QFETCH(QLineF, expected);
    const std::optional<QLineF> clipped = EdgeGeometry::clipped(line, QRectF(0, 0, 100, 100));
    QCOMPARE(clipped.has_value(), visible);
    if (!visible)
        return;
    QVERIFY(QLineF(clipped->p1(), expected.p1()).length() < 1e-6);
    QVERIFY(QLineF(clipped->p2(), expected.p2()).length() < 1e-6);
}

void TestDiagramScale::collectorsFanOutUnderTheHub()
{
    NetworkState network(&m_clock);
    network.setTopology(SyntheticTopology::withCollectors(TopologyFile::referenceDeployment(), 300));
    DiagramScene scene(&network);
    scene.setGroupExpanded(QStringLiteral("collectors"), true); // the full grid: what an expanded group shows
    QVERIFY(scene.isLarge());

    // The collectors' grid sits below the reference network, centred under the hub, about as tall as wide.
    const QRectF collectors = scene.segmentItem(QStringLiteral("collectors"))->region();
    const QRectF hub = scene.card(QStringLiteral("monitor11"))->sceneRectOfCard();
    const QRectF home = scene.segmentItem(QStringLiteral("home"))->region();
    QVERIFY(collectors.top() > home.bottom());
    QVERIFY(collectors.top() > scene.segmentItem(QStringLiteral("public"))->region().bottom());
    QVERIFY2(std::abs(collectors.center().x() - hub.center().x()) < 1, "centred under the hub");
    const double aspect = collectors.width() / collectors.height();
    QVERIFY2(aspect > 0.6 && aspect < 1.7, qPrintable(QString::number(aspect)));

    // Straight spokes from each card's border to the hub's.
    for (const auto& tunnel : network.tunnels()) {
        TunnelEdgeItem* edge = scene.tunnelEdge(tunnel.id);
        QVERIFY(edge && edge->isStraight());
        QVERIFY(onBorder(scene.card(tunnel.clientHostId)->sceneRectOfCard(), edge->line().p1()));
        QVERIFY(onBorder(scene.card(tunnel.hubHostId)->sceneRectOfCard(), edge->line().p2()));
    }
    // Each flow runs beside its tunnel; the hub-to-bucket leg all collectors share is drawn once per kind.
    const FlowEdgeItem* metrics = scene.flowEdge(QStringLiteral("collector0007-metrics"));
    QVERIFY(metrics);
    const QLineF tunnel = scene.tunnelEdge(QStringLiteral("monitor11-wg0-collector0007"))->line();
    QCOMPARE(metrics->deliveryLeg().elementCount(), 2);
    QVERIFY(std::abs(QLineF(metrics->deliveryLeg().elementAt(0), metrics->deliveryLeg().elementAt(1)).angleTo(tunnel)) < 1e-6
        || std::abs(QLineF(metrics->deliveryLeg().elementAt(0), metrics->deliveryLeg().elementAt(1)).angleTo(tunnel) - 360) < 1e-6);
    QVERIFY(!metrics->storageLeg().isEmpty());
}

void TestDiagramScale::smallNetworksKeepTheirCurves()
{
    NetworkState network(&m_clock);
    network.setTopology(TopologyFile::referenceDeployment());
    DiagramScene scene(&network);
    QVERIFY(!scene.isLarge());
    for (TunnelEdgeItem* edge : scene.tunnelEdges()) {
        QVERIFY(!edge->isStraight());
        QVERIFY(edge->label()->isVisible());
    }
}

void TestDiagramScale::readoutsShowForTheSelection()
{
    NetworkState network(&m_clock);
    network.setTopology(SyntheticTopology::withCollectors(TopologyFile::referenceDeployment(), 200));
    DiagramScene scene(&network);
    scene.setGroupExpanded(QStringLiteral("collectors"), true); // every tunnel drawn, each with its readout
    DemoTelemetrySource source(network.topology(), &m_clock);
    deliverDemoPoll(source, network);
    TunnelEdgeItem* edge = scene.tunnelEdge(QStringLiteral("monitor11-wg0-collector0042"));
    QVERIFY(edge);
    for (TunnelEdgeItem* each : scene.tunnelEdges())
        QVERIFY(!each->label()->isVisible());
    QVERIFY(edge->label()->lines().constFirst().startsWith(QStringLiteral("collector0042 → monitor11")));

    scene.select({DiagramElement::Kind::Tunnel, edge->tunnelId()});
    QVERIFY(edge->label()->isVisible());
    // Measured when shown: the frame holds the text, centred on the line.
    QVERIFY(edge->label()->boundingRect().width() > 100);
    QVERIFY(QLineF(edge->label()->sceneBoundingRect().center(), edge->line().center()).length() < 2);

    scene.select({DiagramElement::Kind::Host, QStringLiteral("collector0042")});
    QVERIFY(edge->label()->isVisible());
    scene.select({DiagramElement::Kind::Host, QStringLiteral("monitor11")}); // the hub: not its 200 readouts
    QVERIFY(!edge->label()->isVisible());
    scene.select({});
    for (TunnelEdgeItem* each : scene.tunnelEdges())
        QVERIFY(!each->label()->isVisible());
}

void TestDiagramScale::aBusyHubShowsReadoutsForTheSelection()
{
    // Twenty tunnels at one hub: curved, routed edges as in any small network, but twenty readouts would pile
    // up around the hub, so they show for the selection only.
    NetworkState network(&m_clock);
    network.setTopology(SyntheticTopology::withCollectors(TopologyFile::referenceDeployment(), 20));
    DiagramScene scene(&network);
    QVERIFY(!scene.isLarge());
    QVERIFY(scene.readoutsOnDemand());
    TunnelEdgeItem* edge = scene.tunnelEdge(QStringLiteral("monitor11-wg0-collector0007"));
    QVERIFY(edge);
    QVERIFY(!edge->isStraight());
    for (TunnelEdgeItem* each : scene.tunnelEdges())
        QVERIFY(!each->label()->isVisible());
    scene.select({DiagramElement::Kind::Tunnel, edge->tunnelId()});
    QVERIFY(edge->label()->isVisible());
    scene.select({});
    QVERIFY(!edge->label()->isVisible());

    // The reference deployment's two tunnels keep their readouts.
    NetworkState small(&m_clock);
    small.setTopology(TopologyFile::referenceDeployment());
    DiagramScene smallScene(&small);
    QVERIFY(!smallScene.readoutsOnDemand());
}

void TestDiagramScale::sameSnapshotRepaintsNothing()
{
    NetworkState network(&m_clock);
    network.setTopology(SyntheticTopology::withCollectors(TopologyFile::referenceDeployment(), 200));
    DiagramScene scene(&network);
    DemoTelemetrySource source(network.topology(), &m_clock);
    network.setPollIntervalSeconds(source.pollIntervalSeconds());
    network.applyStatus(source.status());
    const TelemetrySnapshot snapshot = source.takeSnapshot();
    network.applySnapshot(snapshot);
    QSignalSpy changed(&scene, &QGraphicsScene::changed);
    QCoreApplication::processEvents();
    QVERIFY(!changed.isEmpty()); // the first data restyles the diagram

    changed.clear();
    network.applySnapshot(snapshot);
    QCoreApplication::processEvents();
    for (const QList<QVariant>& arguments : std::as_const(changed))
        QVERIFY2(arguments.constFirst().value<QList<QRectF>>().isEmpty(), "an unchanged snapshot repainted something");

    // One peer's handshake goes stale: its card and tunnel repaint, far from all of the diagram.
    TelemetrySnapshot older = snapshot;
    const QString key = network.topology().interfaceOfHost(QStringLiteral("collector0042"))->publicKey;
    for (auto& peer : older.peers) {
        if (peer.publicKey == key || peer.reportingHost.startsWith(QStringLiteral("collector0042")))
            peer.lastHandshake = m_clock.now().addSecs(-3600); // both ends' view of the tunnel
    }
    changed.clear();
    network.applySnapshot(older);
    QCoreApplication::processEvents();
    QRectF repainted;
    for (const QList<QVariant>& arguments : std::as_const(changed)) {
        for (const QRectF& rect : arguments.constFirst().value<QList<QRectF>>())
            repainted |= rect;
    }
    QVERIFY(repainted.intersects(scene.card(QStringLiteral("collector0042"))->sceneRectOfCard()));
    QVERIFY(!repainted.intersects(scene.card(QStringLiteral("collector0199"))->sceneRectOfCard()));
}

QTEST_MAIN(TestDiagramScale)
#include "TestDiagramScale.moc"
