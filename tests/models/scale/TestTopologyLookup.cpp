// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/SyntheticTopology.h"
#include "topology/Topology.h"
#include "topology/TopologyFile.h"

#include <QTest>

namespace {

Host hostWith(const QString& id, const QString& segmentId = {})
{
    Host host;
    host.id = id;
    host.name = id;
    host.segmentId = segmentId;
    return host;
}

/// The answers of a plain linear search, the reference the indexes must agree with.
const Host* searchedHost(const Topology& topology, const QString& id)
{
    for (const auto& host : topology.hosts) {
        if (host.id == id)
            return &host;
    }
    return nullptr;
}

QStringList idsOf(const QList<const Host*>& hosts)
{
    QStringList ids;
    for (const Host* host : hosts)
        ids.append(host->id);
    return ids;
}

} // namespace

class TestTopologyLookup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsWhatASearchFinds();
    void followsAppendRemoveAndAssignment();
    void followsInPlaceRenames();
    void mutableHostLookupThenRename();
    void copiesAreIndependent();
    void duplicateIdsGiveTheFirst();
    void groupsKeepListOrder();
    void publicKeysAndTunnelAddresses();
    void equalityIgnoresTheIndexes();
};

void TestTopologyLookup::findsWhatASearchFinds()
{
    const Topology topology = SyntheticTopology::withCollectors(TopologyFile::referenceDeployment(), 300);
    for (const auto& host : topology.hosts)
        QCOMPARE(topology.host(host.id), &host);
    for (const auto& segment : topology.segments)
        QCOMPARE(topology.segment(segment.id), &segment);
    for (const auto& wgInterface : topology.interfaces)
        QCOMPARE(topology.interface(wgInterface.id), &wgInterface);
    for (const auto& peer : topology.peers)
        QCOMPARE(topology.peer(peer.id), &peer);
    for (const auto& source : topology.dataSources)
        QCOMPARE(topology.dataSource(source.id), &source);
    QCOMPARE(topology.host(QStringLiteral("nowhere")), nullptr);
    QCOMPARE(topology.host(QString()), nullptr);
    QCOMPARE(topology.segment(QStringLiteral("nowhere")), nullptr);
    QCOMPARE(topology.interfaceOfHost(QStringLiteral("nowhere")), nullptr);
}

void TestTopologyLookup::followsAppendRemoveAndAssignment()
{
    Topology topology;
    topology.hosts = {hostWith(QStringLiteral("a")), hostWith(QStringLiteral("b"))};
    QVERIFY(topology.host(QStringLiteral("b")));
    QVERIFY(!topology.host(QStringLiteral("c")));

    topology.hosts.append(hostWith(QStringLiteral("c")));
    QCOMPARE(topology.host(QStringLiteral("c")), searchedHost(topology, QStringLiteral("c")));

    topology.hosts.removeFirst();
    QVERIFY(!topology.host(QStringLiteral("a")));
    QCOMPARE(topology.host(QStringLiteral("c")), &topology.hosts.at(1));

    // Same size, other content: the index must not go by the count alone.
    topology.hosts.removeFirst();
    topology.hosts.append(hostWith(QStringLiteral("d")));
    QVERIFY(!topology.host(QStringLiteral("b")));
    QCOMPARE(topology.host(QStringLiteral("d")), &topology.hosts.at(1));

    topology.hosts = {hostWith(QStringLiteral("e"))};
    QVERIFY(!topology.host(QStringLiteral("c")));
    QCOMPARE(topology.host(QStringLiteral("e")), &topology.hosts.at(0));

    topology.hosts.clear();
    QVERIFY(!topology.host(QStringLiteral("e")));
}

void TestTopologyLookup::followsInPlaceRenames()
{
    Topology topology;
    topology.hosts = {hostWith(QStringLiteral("a"), QStringLiteral("lan")), hostWith(QStringLiteral("b"), QStringLiteral("lan"))};
    QVERIFY(topology.host(QStringLiteral("a")));
    QCOMPARE(topology.hostsInSegment(QStringLiteral("lan")).size(), 2);

    topology.hosts[0].id = QStringLiteral("renamed");
    topology.hosts.last().segmentId = QStringLiteral("dmz");
    QVERIFY(!topology.host(QStringLiteral("a")));
    QCOMPARE(topology.host(QStringLiteral("renamed")), &topology.hosts.at(0));
    QCOMPARE(idsOf(topology.hostsInSegment(QStringLiteral("lan"))), QStringList{QStringLiteral("renamed")});
    QCOMPARE(idsOf(topology.hostsInSegment(QStringLiteral("dmz"))), QStringList{QStringLiteral("b")});

    for (auto& host : topology.hosts)
        host.id += QStringLiteral("-x");
    QCOMPARE(topology.host(QStringLiteral("b-x")), &topology.hosts.at(1));
    QVERIFY(!topology.host(QStringLiteral("b")));
}

void TestTopologyLookup::mutableHostLookupThenRename()
{
    Topology topology;
    topology.hosts = {hostWith(QStringLiteral("a")), hostWith(QStringLiteral("b"))};
    QVERIFY(std::as_const(topology).host(QStringLiteral("a"))); // builds the index
    Host* b = topology.host(QStringLiteral("b"));
    QVERIFY(b);
    QCOMPARE(b, &topology.hosts[1]);
    b->id = QStringLiteral("c");
    QVERIFY(!topology.host(QStringLiteral("b")));
    QCOMPARE(topology.host(QStringLiteral("c")), &topology.hosts[1]);
    QVERIFY(!std::as_const(topology).host(QStringLiteral("b")));
    QCOMPARE(std::as_const(topology).host(QStringLiteral("c")), &topology.hosts.at(1));
}

void TestTopologyLookup::copiesAreIndependent()
{
    Topology original;
    original.hosts = {hostWith(QStringLiteral("a"))};
    QVERIFY(original.host(QStringLiteral("a")));
    Topology copy = original;
    QCOMPARE(std::as_const(copy).host(QStringLiteral("a")), &copy.hosts.at(0));
    copy.hosts[0].id = QStringLiteral("z");
    QVERIFY(!copy.host(QStringLiteral("a")));
    QVERIFY(copy.host(QStringLiteral("z")));
    QCOMPARE(std::as_const(original).host(QStringLiteral("a")), &original.hosts.at(0));
    QVERIFY(!original.host(QStringLiteral("z")));

    original = copy;
    QVERIFY(original.host(QStringLiteral("z")));
    Topology moved = std::move(copy);
    QVERIFY(moved.host(QStringLiteral("z")));
}

void TestTopologyLookup::duplicateIdsGiveTheFirst()
{
    Topology topology;
    topology.hosts = {hostWith(QStringLiteral("a")), hostWith(QStringLiteral("twice")), hostWith(QStringLiteral("twice"))};
    QCOMPARE(topology.host(QStringLiteral("twice")), &topology.hosts.at(1));
}

void TestTopologyLookup::groupsKeepListOrder()
{
    const Topology topology = TopologyFile::referenceDeployment();
    for (const auto& segment : topology.segments) {
        QList<const Host*> expected;
        for (const auto& host : topology.hosts) {
            if (host.segmentId == segment.id)
                expected.append(&host);
        }
        QCOMPARE(topology.hostsInSegment(segment.id), expected);
        QList<const Segment*> children;
        for (const auto& child : topology.segments) {
            if (child.parentId == segment.id)
                children.append(&child);
        }
        QCOMPARE(topology.childSegments(segment.id), children);
    }
}

void TestTopologyLookup::publicKeysAndTunnelAddresses()
{
    Topology topology = TopologyFile::referenceDeployment();
    for (const auto& wgInterface : topology.interfaces) {
        QCOMPARE(topology.hostIdOfPublicKey(wgInterface.publicKey), wgInterface.hostId);
        QCOMPARE(topology.interfaceOfHost(wgInterface.hostId, wgInterface.name), &wgInterface);
        QCOMPARE(topology.tunnelAddress(wgInterface.hostId), wgInterface.addresses.constFirst().section(QLatin1Char('/'), 0, 0));
    }
    QVERIFY(topology.hostIdOfPublicKey(QString()).isEmpty());
    QCOMPARE(topology.interfaceOfHost(topology.interfaces.constFirst().hostId, QStringLiteral("nope")), nullptr);

    // A host known only as a peer: its key and address come from the [Peer] entry.
    WireGuardPeer tablet;
    tablet.id = QStringLiteral("tablet-peer");
    tablet.hostId = QStringLiteral("tablet");
    tablet.publicKey = QStringLiteral("tabletkey");
    tablet.allowedIps = {QStringLiteral("10.10.0.50/32")};
    topology.peers.append(tablet);
    QCOMPARE(topology.hostIdOfPublicKey(QStringLiteral("tabletkey")), QStringLiteral("tablet"));
    QCOMPARE(topology.tunnelAddress(QStringLiteral("tablet")), QStringLiteral("10.10.0.50"));
    topology.peers.last().allowedIps.clear();
    QVERIFY(topology.tunnelAddress(QStringLiteral("tablet")).isEmpty());
}

void TestTopologyLookup::equalityIgnoresTheIndexes()
{
    const Topology reference = TopologyFile::referenceDeployment();
    Topology indexed = reference;
    QVERIFY(indexed.host(QStringLiteral("prod")));
    QCOMPARE(indexed, TopologyFile::referenceDeployment());
    indexed.hosts[0].name = QStringLiteral("changed");
    QVERIFY(indexed != reference);
}

QTEST_GUILESS_MAIN(TestTopologyLookup)
#include "TestTopologyLookup.moc"
