// SPDX-License-Identifier: GPL-3.0-or-later
#include "adopt/ServerTopologyBuilder.h"
#include "layout/DiagramLayout.h"
#include "topology/SyntheticTopology.h"
#include "topology/TopologyFile.h"
#include "topology/TopologyValidator.h"
#include "wireguard/WireGuardKey.h"

#include <QHostAddress>
#include <QSet>
#include <QTest>

#include <algorithm>

namespace {

/// Cards grow with their service badges, as the real ones do, so cells of unequal cards are exercised.
QSizeF cardSize(const Host& host)
{
    return {200.0 + 2.0 * host.name.size(), 64.0 + 22.0 * host.services.size()};
}

/// The region a host's card must lie in: its segment, or the nearest enclosing region when the segment is not one.
QString regionOf(const Topology& topology, const QString& segmentId)
{
    for (const Segment* segment = topology.segment(segmentId); segment; segment = topology.segment(segment->parentId)) {
        if (DiagramLayout::isRegion(*segment))
            return segment->id;
    }
    return {};
}

bool isAncestorRegion(const Topology& topology, const QString& ancestorId, const QString& segmentId)
{
    for (const Segment* segment = topology.segment(segmentId); segment; segment = topology.segment(segment->parentId)) {
        if (segment->id == ancestorId)
            return true;
    }
    return false;
}

/// Pairs of rectangles that overlap, found by a sweep along x so that 2,000 cards stay cheap.
QStringList overlaps(const QHash<QString, QRectF>& rects)
{
    QList<QPair<QString, QRectF>> sorted;
    for (auto it = rects.cbegin(); it != rects.cend(); ++it)
        sorted.append({it.key(), it.value()});
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second.left() < b.second.left(); });
    QStringList found;
    for (qsizetype i = 0; i < sorted.size(); ++i) {
        for (qsizetype j = i + 1; j < sorted.size() && sorted.at(j).second.left() < sorted.at(i).second.right(); ++j) {
            if (sorted.at(i).second.intersects(sorted.at(j).second))
                found.append(sorted.at(i).first + QStringLiteral(" / ") + sorted.at(j).first);
        }
    }
    return found;
}

/// Everything the layout promises: every card placed, no two cards overlap, each card inside its region and outside
/// every region it does not belong to, nested regions inside their parents, sibling regions apart.
void verifyLayout(const Topology& topology, const DiagramLayout& layout)
{
    QCOMPARE(layout.hostRects.size(), topology.hosts.size());
    for (const auto& host : topology.hosts) {
        const QRectF card = layout.hostRects.value(host.id);
        QVERIFY2(card.isValid(), qPrintable(host.id));
        QCOMPARE(card.size(), cardSize(host));
    }
    const QStringList cardOverlaps = overlaps(layout.hostRects);
    QVERIFY2(cardOverlaps.isEmpty(), qPrintable(cardOverlaps.mid(0, 5).join(QStringLiteral(", "))));

    for (const auto& segment : topology.segments) {
        QCOMPARE(layout.segmentRects.contains(segment.id), DiagramLayout::isRegion(segment));
        if (!DiagramLayout::isRegion(segment))
            continue;
        const QRectF region = layout.segmentRects.value(segment.id);
        const QString parentRegion = regionOf(topology, segment.parentId);
        if (!parentRegion.isEmpty())
            QVERIFY2(layout.segmentRects.value(parentRegion).contains(region), qPrintable(segment.id));
        for (const auto& other : topology.segments) {
            if (&other == &segment || !DiagramLayout::isRegion(other) || other.parentId != segment.parentId)
                continue;
            QVERIFY2(!region.intersects(layout.segmentRects.value(other.id)),
                qPrintable(segment.id + QStringLiteral(" overlaps ") + other.id));
        }
    }
    for (const auto& host : topology.hosts) {
        const QRectF card = layout.hostRects.value(host.id);
        const QString home = regionOf(topology, host.segmentId);
        if (!home.isEmpty())
            QVERIFY2(layout.segmentRects.value(home).contains(card), qPrintable(host.id));
        for (auto it = layout.segmentRects.cbegin(); it != layout.segmentRects.cend(); ++it) {
            if (!isAncestorRegion(topology, it.key(), host.segmentId))
                QVERIFY2(!it.value().intersects(card), qPrintable(host.id + QStringLiteral(" lies in ") + it.key()));
        }
    }
}

Topology collectorsOnly(int count)
{
    return SyntheticTopology::withCollectors(Topology(), count);
}

} // namespace

class TestDiagramLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void syntheticTopologyIsValid_data();
    void syntheticTopologyIsValid();
    void syntheticTopologyWiresEachCollector();
    void syntheticTopologyIsDeterministic();
    void syntheticAddressesSkipUsedOnes();
    void autoLayout_data();
    void autoLayout();
    void referenceLayoutReadsLikeTheDrawing();
    void serverPeersStandInARowBelowTheHub();
    void emptyTopology();
    void savedPositionsAreKept();
    void fitSegmentsRegrowsAroundMovedCards();
    void fitSegmentsKeepsEmptyRegionsFromFallback();
};

void TestDiagramLayout::syntheticTopologyIsValid_data()
{
    QTest::addColumn<int>("count");
    QTest::newRow("1") << 1;
    QTest::newRow("10") << 10;
    QTest::newRow("300, past one /24") << 300;
}

void TestDiagramLayout::syntheticTopologyIsValid()
{
    QFETCH(int, count);
    const Topology reference = TopologyFile::referenceDeployment();
    const Topology topology = SyntheticTopology::withCollectors(reference, count);
    const QList<TopologyError> errors = TopologyValidator::validate(topology);
    QVERIFY2(errors.isEmpty(), qPrintable(TopologyError::describe(errors)));
    QCOMPARE(topology.hosts.size(), reference.hosts.size() + count);
    QCOMPARE(topology.peers.size(), reference.peers.size() + 2 * count);
    QCOMPARE(topology.flows.size(), reference.flows.size() + 2 * count);
    QCOMPARE(topology.segments.size(), reference.segments.size() + 1);
    // The base is kept as it was, in front.
    QCOMPARE(topology.hosts.mid(0, reference.hosts.size()), reference.hosts);
    QVERIFY(TopologyValidator::validate(collectorsOnly(count)).isEmpty());
    // A file with them reads back the same.
    QCOMPARE(TopologyJson::read(TopologyJson::write(topology)).topology, topology);
}

void TestDiagramLayout::syntheticTopologyWiresEachCollector()
{
    const Topology reference = TopologyFile::referenceDeployment();
    const Topology topology = SyntheticTopology::withCollectors(reference, 3);
    const Segment& segment = topology.segments.constLast();
    QCOMPARE(segment.name, QStringLiteral("Collectors"));
    QCOMPARE(segment.kind, Segment::Kind::Other);
    QVERIFY(segment.parentId.isEmpty());

    const WireGuardInterface* hub = topology.interfaceOfHost(QStringLiteral("monitor11"));
    const Host& collector = topology.hosts.at(reference.hosts.size() + 1);
    QCOMPARE(collector.segmentId, segment.id);
    QCOMPARE(collector.role, Host::Role::Collector);
    QCOMPARE(collector.services.size(), 2);
    QCOMPARE(collector.services.at(0).kind, QStringLiteral("telegraf"));
    QCOMPARE(collector.services.at(1).kind, QStringLiteral("alloy"));
    for (const auto& service : collector.services)
        QCOMPARE(service.exposure, Service::Exposure::Agent);

    const WireGuardInterface* own = topology.interfaceOfHost(collector.id);
    QVERIFY(own);
    QCOMPARE(own->name, QStringLiteral("wg0"));
    QVERIFY(!own->isHub);
    QCOMPARE(own->addresses.size(), 1);
    QVERIFY(own->addresses.constFirst().endsWith(QStringLiteral("/32")));
    QVERIFY(QHostAddress(own->addresses.constFirst().section(QLatin1Char('/'), 0, 0))
                .isInSubnet(QHostAddress::parseSubnet(QStringLiteral("10.10.0.0/16"))));
    QVERIFY(TopologyValidator::isWireGuardKey(own->publicKey));
    QCOMPARE(topology.hostIdOfPublicKey(own->publicKey), collector.id);

    int atHub = 0;
    int toHub = 0;
    for (const auto& peer : topology.peers) {
        if (peer.interfaceId == hub->id && peer.hostId == collector.id) {
            ++atHub;
            QCOMPARE(peer.publicKey, own->publicKey);
            QCOMPARE(peer.allowedIps, own->addresses);
            QCOMPARE(peer.persistentKeepalive, 0);
        }
        if (peer.interfaceId == own->id) {
            ++toHub;
            QCOMPARE(peer.hostId, QStringLiteral("monitor11"));
            QCOMPARE(peer.publicKey, hub->publicKey);
            QCOMPARE(peer.persistentKeepalive, 25);
            QCOMPARE(peer.endpoint, QStringLiteral("monitor11.example.com:51820"));
            QCOMPARE(peer.allowedIps, QStringList{QStringLiteral("10.10.0.11/32")});
        }
    }
    QCOMPARE(atHub, 1);
    QCOMPARE(toHub, 1);

    QSet<QString> kinds;
    for (const auto& flow : topology.flows) {
        if (flow.sourceHostId != collector.id)
            continue;
        kinds.insert(DataFlow::kindName(flow.kind));
        QVERIFY(flow.viaTunnel);
        QCOMPARE(flow.targetHostId, QStringLiteral("monitor11"));
        QCOMPARE(flow.storageHostId, QStringLiteral("storage"));
        QCOMPARE(flow.storageBucket, flow.kind == DataFlow::Kind::Logs ? QStringLiteral("loki11") : QStringLiteral("influx11"));
        QCOMPARE(flow.targetServiceId, flow.kind == DataFlow::Kind::Logs ? QStringLiteral("loki") : QStringLiteral("influxdb"));
    }
    QCOMPARE(kinds, (QSet<QString>{QStringLiteral("metrics"), QStringLiteral("logs")}));
}

void TestDiagramLayout::syntheticTopologyIsDeterministic()
{
    const Topology reference = TopologyFile::referenceDeployment();
    QCOMPARE(SyntheticTopology::withCollectors(reference, 25), SyntheticTopology::withCollectors(reference, 25));
    QCOMPARE(SyntheticTopology::withCollectors(reference, 0).hosts, reference.hosts);
}

void TestDiagramLayout::syntheticAddressesSkipUsedOnes()
{
    const Topology reference = TopologyFile::referenceDeployment();
    const Topology topology = SyntheticTopology::withCollectors(reference, 300);
    QSet<QString> addresses;
    for (const auto& wgInterface : topology.interfaces) {
        for (const auto& address : wgInterface.addresses) {
            const QString plain = address.section(QLatin1Char('/'), 0, 0);
            QVERIFY2(!addresses.contains(plain), qPrintable(plain));
            QVERIFY2(!plain.endsWith(QStringLiteral(".0")) && !plain.endsWith(QStringLiteral(".255")), qPrintable(plain));
            addresses.insert(plain);
        }
    }
    // Sequential past the highest address the base uses (10.10.0.11); .255 and .0 are skipped after 10.10.0.254.
    QCOMPARE(topology.tunnelAddress(topology.hosts.at(reference.hosts.size()).id), QStringLiteral("10.10.0.12"));
    QCOMPARE(topology.tunnelAddress(topology.hosts.at(reference.hosts.size() + 243).id), QStringLiteral("10.10.1.1"));
}

void TestDiagramLayout::autoLayout_data()
{
    QTest::addColumn<int>("collectors");
    QTest::addColumn<bool>("onReference");
    QTest::addColumn<QString>("collectorsParent"); ///< the segment the Collectors region is nested in
    QTest::newRow("reference deployment") << 0 << true << QString();
    QTest::newRow("1 host") << 1 << false << QString();
    QTest::newRow("10 hosts") << 10 << false << QString();
    QTest::newRow("200 hosts") << 200 << false << QString();
    QTest::newRow("2,000 hosts") << 2000 << false << QString();
    QTest::newRow("reference and 10 collectors") << 10 << true << QString();
    QTest::newRow("reference and 2,000 collectors") << 2000 << true << QString();
    QTest::newRow("collectors inside home") << 12 << true << QStringLiteral("home");
    QTest::newRow("collectors inside the Proxmox region") << 5 << true << QStringLiteral("proxmox");
    // The VPN is no region (it is drawn as the tunnel): a region inside it hangs where the VPN would.
    QTest::newRow("collectors inside the VPN") << 7 << true << QStringLiteral("vpn");
}

void TestDiagramLayout::autoLayout()
{
    QFETCH(int, collectors);
    QFETCH(bool, onReference);
    QFETCH(QString, collectorsParent);
    const Topology base = onReference ? TopologyFile::referenceDeployment() : Topology();
    Topology topology = collectors > 0 ? SyntheticTopology::withCollectors(base, collectors) : base;
    if (!collectorsParent.isEmpty())
        topology.segments.last().parentId = collectorsParent;
    QVERIFY(TopologyValidator::validate(topology).isEmpty());
    verifyLayout(topology, DiagramLayout::compute(topology, cardSize));
}

void TestDiagramLayout::referenceLayoutReadsLikeTheDrawing()
{
    const Topology topology = TopologyFile::referenceDeployment();
    const DiagramLayout layout = DiagramLayout::compute(topology, cardSize);
    const QRectF internet = layout.segmentRects.value(QStringLiteral("internet"));
    const QRectF cloud = layout.segmentRects.value(QStringLiteral("public"));
    const QRectF home = layout.segmentRects.value(QStringLiteral("home"));
    // The Internet on top; the VPS on the left, home on the right, so the tunnel crosses the middle.
    QVERIFY(internet.bottom() < cloud.top());
    QVERIFY(internet.bottom() < home.top());
    QVERIFY(cloud.right() < home.left());
    QVERIFY(layout.segmentRects.value(QStringLiteral("proxmox")).contains(layout.hostRects.value(QStringLiteral("monitor11"))));
    QVERIFY(!layout.segmentRects.contains(QStringLiteral("vpn")));
}

void TestDiagramLayout::serverPeersStandInARowBelowTheHub()
{
    // A network adopted from its server: the hub's region and one region of its peers, side by side before, so
    // that three tunnels and their readouts crowded the gap beside the hub.
    QString config = QStringLiteral("[Interface]\nAddress = 10.8.0.1/24\nListenPort = 51820\nPrivateKey = %1\n")
                         .arg(WireGuardKey::generatePrivate().toBase64());
    for (int i = 2; i <= 4; ++i)
        config += QStringLiteral("\n[Peer]\nPublicKey = %1\nAllowedIPs = 10.8.0.%2/32\n")
                      .arg(WireGuardKey::generatePrivate().publicKey().toBase64())
                      .arg(i);
    const ServerTopologyResult built = ServerTopologyBuilder::build(config);
    QVERIFY(built.ok());
    const DiagramLayout layout = DiagramLayout::compute(built.topology, cardSize);
    verifyLayout(built.topology, layout);
    const QString hubId = built.topology.interfaces.constFirst().hostId;
    const QRectF hub = layout.hostRects.value(hubId);
    QRectF peers;
    qsizetype count = 0;
    for (const Host& host : built.topology.hosts) {
        if (host.id == hubId)
            continue;
        const QRectF card = layout.hostRects.value(host.id);
        QVERIFY2(card.top() >= hub.bottom() + 2 * DiagramLayout::Gap, qPrintable(host.id)); // room for the readouts
        QCOMPARE(card.top(), layout.hostRects.value(built.topology.hosts.last().id).top()); // one row
        peers = peers.isNull() ? card : peers.united(card);
        ++count;
    }
    QCOMPARE(count, 3);
    QVERIFY(peers.left() < hub.center().x() && hub.center().x() < peers.right()); // centred under the hub
}

void TestDiagramLayout::emptyTopology()
{
    const DiagramLayout layout = DiagramLayout::compute(Topology(), cardSize);
    QVERIFY(layout.hostRects.isEmpty());
    QVERIFY(layout.segmentRects.isEmpty());
}

void TestDiagramLayout::savedPositionsAreKept()
{
    Topology topology = TopologyFile::referenceDeployment();
    const DiagramLayout automatic = DiagramLayout::compute(topology, cardSize);
    // The user dragged monitor11 far to the right and below.
    const QRectF homeBefore = automatic.segmentRects.value(QStringLiteral("home"));
    const QPointF dropped = homeBefore.bottomRight() + QPointF(400, 300);
    topology.host(QStringLiteral("monitor11"))->position = dropped;
    const DiagramLayout layout = DiagramLayout::compute(topology, cardSize);

    QCOMPARE(layout.hostRects.value(QStringLiteral("monitor11")).topLeft(), dropped);
    QCOMPARE(layout.hostRects.value(QStringLiteral("monitor11")).size(), cardSize(*topology.host(QStringLiteral("monitor11"))));
    // Cards without a saved position stay where the automatic layout put them.
    QCOMPARE(layout.hostRects.value(QStringLiteral("prod")), automatic.hostRects.value(QStringLiteral("prod")));
    // Regions grow around the moved card, nested ones inside their parents.
    const QRectF proxmox = layout.segmentRects.value(QStringLiteral("proxmox"));
    const QRectF home = layout.segmentRects.value(QStringLiteral("home"));
    QVERIFY(proxmox.contains(layout.hostRects.value(QStringLiteral("monitor11"))));
    QVERIFY(proxmox.contains(layout.hostRects.value(QStringLiteral("proxmox"))));
    QVERIFY(home.contains(proxmox));
    QVERIFY(home.contains(layout.hostRects.value(QStringLiteral("storage"))));
    QVERIFY(home.right() > homeBefore.right());
}

void TestDiagramLayout::fitSegmentsRegrowsAroundMovedCards()
{
    const Topology topology = TopologyFile::referenceDeployment();
    const DiagramLayout layout = DiagramLayout::compute(topology, cardSize);
    QHash<QString, QRectF> cards = layout.hostRects;
    cards[QStringLiteral("storage")].translate(-300, 500);
    const QHash<QString, QRectF> regions = DiagramLayout::fitSegments(topology, cards, layout.segmentRects);

    const QRectF home = regions.value(QStringLiteral("home"));
    QVERIFY(home.contains(cards.value(QStringLiteral("storage"))));
    QVERIFY(home.contains(regions.value(QStringLiteral("proxmox"))));
    // Snug: the padding and the header around the content, no more.
    QCOMPARE(home.bottom(), cards.value(QStringLiteral("storage")).bottom() + DiagramLayout::Padding);
    const QRectF prod = cards.value(QStringLiteral("prod"));
    QCOMPARE(regions.value(QStringLiteral("public")),
        prod.adjusted(-DiagramLayout::Padding, -DiagramLayout::Padding - DiagramLayout::HeaderHeight,
            DiagramLayout::Padding, DiagramLayout::Padding));
    QVERIFY(!regions.contains(QStringLiteral("vpn")));
}

void TestDiagramLayout::fitSegmentsKeepsEmptyRegionsFromFallback()
{
    Topology topology = TopologyFile::referenceDeployment();
    Segment empty;
    empty.id = QStringLiteral("office");
    empty.name = QStringLiteral("Office");
    empty.kind = Segment::Kind::HomeNetwork;
    topology.segments.append(empty);
    const DiagramLayout layout = DiagramLayout::compute(topology, cardSize);
    QVERIFY(layout.segmentRects.contains(QStringLiteral("office")));
    QCOMPARE(layout.segmentRects.value(QStringLiteral("office")).size(),
        QSizeF(DiagramLayout::EmptyRegionWidth, DiagramLayout::EmptyRegionHeight));
    verifyLayout(topology, layout);

    const QHash<QString, QRectF> refit = DiagramLayout::fitSegments(topology, layout.hostRects, layout.segmentRects);
    QCOMPARE(refit.value(QStringLiteral("office")), layout.segmentRects.value(QStringLiteral("office")));
    QVERIFY(!DiagramLayout::fitSegments(topology, layout.hostRects).contains(QStringLiteral("office")));
}

QTEST_GUILESS_MAIN(TestDiagramLayout)
#include "TestDiagramLayout.moc"
