// SPDX-License-Identifier: GPL-3.0-or-later
#include "GeneratedServer.h"
#include "WireGuardTools.h"
#include "adopt/HostLabel.h"
#include "adopt/ServerTopologyBuilder.h"
#include "layout/DiagramLayout.h"
#include "topology/TopologyJson.h"
#include "topology/TopologyValidator.h"

#include <QSet>
#include <QTest>

class TestServerTopologyBuilder : public QObject
{
    Q_OBJECT

private:
    GeneratedServer m_server;

    const WireGuardPeer* peerWithKey(const Topology& topology, const QString& key)
    {
        for (const auto& peer : topology.peers) {
            if (peer.publicKey == key)
                return &peer;
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_server = GeneratedServer::make(50, &error);
        REQUIRE_GENERATED(error);
    }

    void fiftyPeersFromAWgQuickFile()
    {
        const ServerTopologyResult result = ServerTopologyBuilder::build(m_server.wgQuickText());
        QVERIFY2(result.ok(), qPrintable(result.errors.value(0).toString()));
        const Topology& topology = result.topology;
        QVERIFY2(TopologyValidator::validate(topology).isEmpty(),
            qPrintable(TopologyError::describe(TopologyValidator::validate(topology))));
        QCOMPARE(topology.hosts.size(), 51);
        QCOMPARE(topology.peers.size(), 50);
        QCOMPARE(topology.interfaces.size(), 1);

        const WireGuardInterface& hub = topology.interfaces.constFirst();
        QVERIFY(hub.isHub);
        QVERIFY(!hub.placeholderKey);
        QCOMPARE(hub.publicKey, m_server.publicKey);
        QCOMPARE(hub.addresses, m_server.addresses);
        QCOMPARE(hub.listenPort, 51820);
        const Host* server = topology.host(hub.hostId);
        QVERIFY(server);
        QVERIFY(server->service(QStringLiteral("wireguard")));

        QSet<QString> names;
        for (const auto& generated : m_server.peers) {
            const WireGuardPeer* peer = peerWithKey(topology, generated.publicKey);
            QVERIFY2(peer, qPrintable(generated.name));
            QCOMPARE(peer->interfaceId, hub.id);
            QCOMPARE(peer->allowedIps, generated.allowedIps);
            QCOMPARE(peer->presharedKey, generated.presharedKey);
            QCOMPARE(peer->persistentKeepalive, generated.keepalive);
            QVERIFY(!peer->clientConfigAvailable);
            const Host* host = topology.host(peer->hostId);
            QVERIFY(host);
            QCOMPARE(host->segmentId, QString::fromLatin1(ServerTopologyBuilder::PeersSegmentId));
            QVERIFY2(TopologyNameRule::isLabel(host->name), qPrintable(host->name));
            QCOMPARE(peer->name, host->name);
            QVERIFY(!names.contains(host->name));
            names.insert(host->name);
            // The free text survives where the label had to change it.
            if (!generated.name.isEmpty() && generated.name != host->name)
                QCOMPARE(host->description, generated.name);
        }
        QCOMPARE(topology.host(peerWithKey(topology, m_server.peers.at(1).publicKey)->hostId)->name,
            QStringLiteral("bobs-phone"));
        QCOMPARE(topology.host(peerWithKey(topology, m_server.peers.at(2).publicKey)->hostId)->name,
            QStringLiteral("peer-10-10-0-12")); // no name: from its address
        QCOMPARE(topology.host(peerWithKey(topology, m_server.peers.at(0).publicKey)->hostId)->name, QStringLiteral("prod"));

        QCOMPARE(topology.dataSources.size(), 1);
        QCOMPARE(topology.dataSources.constFirst().influxUrl, QUrl(QStringLiteral("http://10.10.0.1:8086")));
        QCOMPARE(topology.dataSources.constFirst().lokiUrl, QUrl(QStringLiteral("http://10.10.0.1:3100")));
        QCOMPARE(topology.segment(QStringLiteral("vpn"))->cidr, QStringLiteral("10.10.0.0/24"));
    }

    void neverHoldsASecretAndRoundTrips()
    {
        const ServerTopologyResult result = ServerTopologyBuilder::build(m_server.wgQuickText());
        QVERIFY(result.ok());
        const QByteArray json = TopologyJson::write(result.topology);
        QVERIFY(!json.contains(m_server.privateKey.toLatin1()));
        QVERIFY(!json.contains(m_server.presharedKey.toLatin1()));
        const TopologyParseResult reread = TopologyJson::read(json);
        QVERIFY2(reread.ok(), qPrintable(TopologyError::describe(reread.errors)));
        QCOMPARE(reread.topology, result.topology);
    }

    void laysOutEveryHost()
    {
        const ServerTopologyResult result = ServerTopologyBuilder::build(m_server.wgQuickText());
        const DiagramLayout layout
            = DiagramLayout::compute(result.topology, [](const Host&) { return QSizeF(180, 80); });
        QCOMPARE(layout.hostRects.size(), 51);
        const QRectF hub = layout.hostRects.value(result.topology.interfaces.constFirst().hostId);
        for (auto it = layout.hostRects.cbegin(); it != layout.hostRects.cend(); ++it) {
            if (it.key() != result.topology.interfaces.constFirst().hostId)
                QVERIFY2(!it.value().intersects(hub), qPrintable(it.key()));
        }
    }

    void optionsWin()
    {
        ServerTopologyOptions options;
        options.name = QStringLiteral("Our VPN");
        options.hubName = QStringLiteral("Main Server");
        options.influxUrl = QUrl(QStringLiteral("https://influx.example.com:8086"));
        options.lokiUrl = QUrl(QStringLiteral("https://loki.example.com"));
        const ServerTopologyResult result = ServerTopologyBuilder::build(m_server.wgQuickText(), options);
        QVERIFY(result.ok());
        QCOMPARE(result.topology.name, QStringLiteral("Our VPN"));
        const Host* hub = result.topology.host(QStringLiteral("main-server"));
        QVERIFY(hub);
        QCOMPARE(hub->description, QStringLiteral("Main Server"));
        QVERIFY(!hub->service(QStringLiteral("influxdb"))); // the stores are elsewhere
        QCOMPARE(result.topology.dataSources.constFirst().influxUrl, options.influxUrl);
        QCOMPARE(result.topology.dataSources.constFirst().lokiUrl, options.lokiUrl);
    }

    void fromADump()
    {
        const ServerTopologyResult bare = ServerTopologyBuilder::build(m_server.dumpText());
        QVERIFY2(bare.ok(), qPrintable(bare.errors.value(0).toString()));
        QCOMPARE(bare.topology.peers.size(), 50);
        QCOMPARE(bare.topology.interfaces.constFirst().publicKey, m_server.publicKey);
        QVERIFY(bare.topology.dataSources.isEmpty()); // no address to put it at ...
        QVERIFY(std::any_of(bare.warnings.begin(), bare.warnings.end(),
            [](const QString& warning) { return warning.contains(QStringLiteral("--address")); })); // ... says how
        QVERIFY(TopologyValidator::validate(bare.topology).isEmpty());

        ServerTopologyOptions options;
        options.hubAddresses = {QStringLiteral("10.10.0.1/24")};
        const ServerTopologyResult placed = ServerTopologyBuilder::build(m_server.dumpText(), options);
        QVERIFY(placed.ok());
        QCOMPARE(placed.topology.interfaces.constFirst().addresses, options.hubAddresses);
        QCOMPARE(placed.topology.dataSources.constFirst().influxUrl, QUrl(QStringLiteral("http://10.10.0.1:8086")));
        // A dump has no comments: the peers are named from their addresses.
        QVERIFY(placed.topology.host(QStringLiteral("peer-10-10-0-10")));
    }

    void sameNameTwiceGetsTwoLabels()
    {
        GeneratedServer twins = m_server;
        twins.peers = m_server.peers.mid(0, 3);
        twins.peers[0].name = QStringLiteral("Bob's phone");
        const ServerTopologyResult result = ServerTopologyBuilder::build(twins.wgQuickText());
        QVERIFY(result.ok());
        QVERIFY(result.topology.host(QStringLiteral("bobs-phone")));
        QVERIFY(result.topology.host(QStringLiteral("bobs-phone-2")));
    }

    void overlapInTheConfigIsRefusedNamingBoth()
    {
        GeneratedServer overlapping = m_server;
        overlapping.peers = m_server.peers.mid(0, 4);
        overlapping.peers[2].allowedIps = {QStringLiteral("192.168.50.128/25")}; // inside the router's LAN
        const ServerTopologyResult result = ServerTopologyBuilder::build(overlapping.wgQuickText());
        QVERIFY(!result.ok());
        const QString message = result.errors.constFirst().message;
        QVERIFY2(message.contains(QStringLiteral("\"home-office-router\"")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("\"peer-192-168-50-128\"")), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestServerTopologyBuilder)
#include "TestServerTopologyBuilder.moc"
