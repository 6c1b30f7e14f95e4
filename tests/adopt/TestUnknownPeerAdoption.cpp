// SPDX-License-Identifier: GPL-3.0-or-later
#include "adopt/UnknownPeerAdoption.h"
#include "topology/TopologyFile.h"
#include "topology/TopologyValidator.h"

#include <QTest>

namespace {

const QString StrangerKey = QStringLiteral("c3RyYW5nZXJzdHJhbmdlcnN0cmFuZ2Vyc3RyYW5nZXI=");

UnknownPeer stranger(const QStringList& allowedIps = {QStringLiteral("10.10.0.99/32"), QStringLiteral("fd00::99/128")})
{
    UnknownPeer peer;
    peer.telemetry.reportingHost = QStringLiteral("monitor11");
    peer.telemetry.device = QStringLiteral("wg0");
    peer.telemetry.publicKey = StrangerKey;
    peer.telemetry.allowedIps = allowedIps;
    peer.telemetry.endpoint = QStringLiteral("198.51.100.9:40000");
    peer.telemetry.keepaliveSeconds = 25;
    peer.reportingHostId = QStringLiteral("monitor11");
    peer.id = QStringLiteral("unknown:monitor11:") + StrangerKey;
    return peer;
}

} // namespace

class TestUnknownPeerAdoption : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void adoptsIntoANewHost()
    {
        const Topology before = TopologyFile::referenceDeployment();
        PeerAdoptionRequest request;
        request.name = QStringLiteral("Carol's NAS");
        const PeerAdoptionResult result = UnknownPeerAdoption::adopt(before, stranger(), request);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QVERIFY(result.newHost);
        QCOMPARE(result.hostId, QStringLiteral("carols-nas"));
        const Host* host = result.topology.host(result.hostId);
        QVERIFY(host);
        QCOMPARE(host->description, QStringLiteral("Carol's NAS"));
        const WireGuardPeer* peer = result.topology.peer(result.peerId);
        QVERIFY(peer);
        QCOMPARE(peer->interfaceId, QStringLiteral("monitor11-wg0"));
        QCOMPARE(peer->publicKey, StrangerKey);
        QCOMPARE(peer->allowedIps, stranger().telemetry.allowedIps);
        QCOMPARE(peer->endpoint, QStringLiteral("198.51.100.9:40000"));
        QCOMPARE(peer->persistentKeepalive, 25);
        QVERIFY(!peer->clientConfigAvailable);
        QCOMPARE(result.topology.hostIdOfPublicKey(StrangerKey), result.hostId);
        QVERIFY(TopologyValidator::validate(result.topology).isEmpty());
    }

    void adoptsOntoAnExistingHost()
    {
        PeerAdoptionRequest request;
        request.name = QStringLiteral("storage");
        request.hostId = QStringLiteral("storage");
        const PeerAdoptionResult result = UnknownPeerAdoption::adopt(TopologyFile::referenceDeployment(), stranger(), request);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QVERIFY(!result.newHost);
        QCOMPARE(result.topology.hosts.size(), TopologyFile::referenceDeployment().hosts.size());
        QCOMPARE(result.topology.peer(result.peerId)->hostId, QStringLiteral("storage"));
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("hostId");
        QTest::addColumn<QStringList>("allowedIps");
        QTest::addColumn<QString>("reason");
        const QStringList fine{QStringLiteral("10.10.0.99/32")};
        QTest::newRow("no name") << "★" << "" << fine << "give the peer a name";
        QTest::newRow("name of a host") << "prod" << "" << fine << "a host named \"prod\" exists already";
        QTest::newRow("no such host") << "x" << "nas" << fine << "no host has the id \"nas\"";
        QTest::newRow("overlap") << "x" << "" << QStringList{QStringLiteral("10.10.0.0/30")} << "\"prod\"";
        QTest::newRow("no addresses") << "x" << "" << QStringList() << "Telegraf 1.26";
    }

    void refusals()
    {
        QFETCH(QString, name);
        QFETCH(QString, hostId);
        QFETCH(QStringList, allowedIps);
        QFETCH(QString, reason);
        const Topology before = TopologyFile::referenceDeployment();
        PeerAdoptionRequest request;
        request.name = name;
        request.hostId = hostId;
        const PeerAdoptionResult result = UnknownPeerAdoption::adopt(before, stranger(allowedIps), request);
        QVERIFY(!result.ok());
        QVERIFY2(result.error.contains(reason), qPrintable(result.error));
        QCOMPARE(result.topology, before);
    }

    void refusesAKnownKey()
    {
        UnknownPeer known = stranger();
        known.telemetry.publicKey = TopologyFile::referenceDeployment().peer(QStringLiteral("monitor11-prod"))->publicKey;
        PeerAdoptionRequest request;
        request.name = QStringLiteral("again");
        const PeerAdoptionResult result = UnknownPeerAdoption::adopt(TopologyFile::referenceDeployment(), known, request);
        QVERIFY(result.error.contains(QStringLiteral("already in the topology")));
    }

    void suggestsANameFromTheAddress()
    {
        QCOMPARE(UnknownPeerAdoption::suggestedName(TopologyFile::referenceDeployment(), stranger()),
            QStringLiteral("peer-10-10-0-99"));
    }
};

QTEST_GUILESS_MAIN(TestUnknownPeerAdoption)
#include "TestUnknownPeerAdoption.moc"
