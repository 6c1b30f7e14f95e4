// SPDX-License-Identifier: GPL-3.0-or-later
// The embedded default against deployment.md, fact by fact.
#include "topology/TopologyFile.h"
#include "topology/TopologyValidator.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

const Service* serviceOfKind(const Host* host, const QString& kind)
{
    if (!host)
        return nullptr;
    for (const auto& service : host->services) {
        if (service.kind == kind)
            return &service;
    }
    return nullptr;
}

bool segmentLiesIn(const Topology& topology, QString segmentId, const QString& ancestorId)
{
    for (int depth = 0; depth < 16 && !segmentId.isEmpty(); ++depth) {
        if (segmentId == ancestorId)
            return true;
        const Segment* segment = topology.segment(segmentId);
        segmentId = segment ? segment->parentId : QString();
    }
    return false;
}

const Segment* segmentOfKind(const Topology& topology, Segment::Kind kind)
{
    for (const auto& segment : topology.segments) {
        if (segment.kind == kind)
            return &segment;
    }
    return nullptr;
}

const DataFlow* flowFrom(const Topology& topology, const QString& hostId, DataFlow::Kind kind, bool viaTunnel)
{
    for (const auto& flow : topology.flows) {
        if (flow.sourceHostId == hostId && flow.kind == kind && flow.viaTunnel == viaTunnel)
            return &flow;
    }
    return nullptr;
}

const WireGuardPeer* peerEntry(const Topology& topology, const QString& onHostId, const QString& forHostId)
{
    for (const auto& peer : topology.peers) {
        const WireGuardInterface* own = topology.interface(peer.interfaceId);
        if (own && own->hostId == onHostId && peer.hostId == forHostId)
            return &peer;
    }
    return nullptr;
}

} // namespace

class TestReferenceDeployment : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void isValid();
    void segments();
    void hosts_data();
    void hosts();
    void services_data();
    void services();
    void buckets();
    void tunnel();
    void flows_data();
    void flows();
    void selfMonitoring();
    void dataSource();
    void holdsNoSecrets();

private:
    Topology m_topology;
};

void TestReferenceDeployment::initTestCase()
{
    m_topology = TopologyFile::referenceDeployment();
}

void TestReferenceDeployment::isValid()
{
    const TopologyParseResult result = TopologyJson::read(TopologyFile::referenceDeploymentJson());
    QVERIFY2(result.ok(), qPrintable(TopologyError::describe(result.errors)));
    QCOMPARE(result.topology, m_topology);
    QVERIFY(TopologyValidator::validate(m_topology).isEmpty());
}

void TestReferenceDeployment::segments()
{
    const Segment* internet = segmentOfKind(m_topology, Segment::Kind::Internet);
    const Segment* cloud = segmentOfKind(m_topology, Segment::Kind::PublicCloud);
    const Segment* home = segmentOfKind(m_topology, Segment::Kind::HomeNetwork);
    const Segment* proxmox = segmentOfKind(m_topology, Segment::Kind::Hypervisor);
    const Segment* vpn = segmentOfKind(m_topology, Segment::Kind::Vpn);
    QVERIFY(internet && cloud && home && proxmox && vpn);
    QCOMPARE(home->cidr, QStringLiteral("192.168.x.x"));
    QCOMPARE(proxmox->parentId, home->id); // the VM drawn inside the Proxmox host, inside the home network
    QVERIFY(home->parentId.isEmpty());
    QCOMPARE(vpn->cidr, QStringLiteral("10.10.0.0/24"));
    QVERIFY(cloud->name.contains(QStringLiteral("Linode")));
}

void TestReferenceDeployment::hosts_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("fqdn");
    QTest::addColumn<Host::Role>("role");
    QTest::addColumn<Segment::Kind>("within");

    QTest::newRow("prod") << "prod" << "prod.example.com" << Host::Role::PublicServer << Segment::Kind::PublicCloud;
    QTest::newRow("monitor11") << "monitor11" << "monitor11.example.com" << Host::Role::MonitoringServer
                               << Segment::Kind::Hypervisor;
    QTest::newRow("storage") << "storage" << "storage.example.com" << Host::Role::Storage << Segment::Kind::HomeNetwork;
    QTest::newRow("proxmox") << "proxmox" << QString() << Host::Role::Hypervisor << Segment::Kind::HomeNetwork;
}

void TestReferenceDeployment::hosts()
{
    QFETCH(QString, id);
    QFETCH(QString, fqdn);
    QFETCH(Host::Role, role);
    QFETCH(Segment::Kind, within);
    const Host* host = m_topology.host(id);
    QVERIFY(host);
    QCOMPARE(host->fqdn, fqdn);
    QCOMPARE(host->role, role);
    QVERIFY(segmentLiesIn(m_topology, host->segmentId, segmentOfKind(m_topology, within)->id));
}

void TestReferenceDeployment::services_data()
{
    QTest::addColumn<QString>("hostId");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QList<int>>("ports");
    QTest::addColumn<Service::Protocol>("protocol");
    QTest::addColumn<Service::Exposure>("exposure");

    using P = Service::Protocol;
    using E = Service::Exposure;
    QTest::newRow("prod web") << "prod" << "web" << QList<int>{80, 443} << P::Tcp << E::Public;
    QTest::newRow("prod mail") << "prod" << "mail" << QList<int>{25, 587, 465} << P::Tcp << E::Public;
    QTest::newRow("prod DNS") << "prod" << "dns" << QList<int>{53} << P::TcpUdp << E::Public;
    QTest::newRow("prod Gitea") << "prod" << "git" << QList<int>{3000} << P::Tcp << E::Public;
    QTest::newRow("prod Telegraf") << "prod" << "telegraf" << QList<int>{} << P::None << E::Agent;
    QTest::newRow("prod Alloy") << "prod" << "alloy" << QList<int>{} << P::None << E::Agent;
    QTest::newRow("monitor11 InfluxDB") << "monitor11" << "influxdb" << QList<int>{8086} << P::Tcp << E::VpnOnly;
    QTest::newRow("monitor11 Loki") << "monitor11" << "loki" << QList<int>{3100} << P::Tcp << E::VpnOnly;
    QTest::newRow("monitor11 WireGuard") << "monitor11" << "wireguard" << QList<int>{51820} << P::Udp << E::Public;
    QTest::newRow("monitor11 Telegraf") << "monitor11" << "telegraf" << QList<int>{} << P::None << E::Agent;
    QTest::newRow("storage S3") << "storage" << "s3" << QList<int>{8010} << P::Tcp << E::Private;
    QTest::newRow("Proxmox web UI") << "proxmox" << "hypervisor" << QList<int>{8006} << P::Tcp << E::Private;
}

void TestReferenceDeployment::services()
{
    QFETCH(QString, hostId);
    QFETCH(QString, kind);
    QFETCH(QList<int>, ports);
    QFETCH(Service::Protocol, protocol);
    QFETCH(Service::Exposure, exposure);
    const Service* service = serviceOfKind(m_topology.host(hostId), kind);
    QVERIFY2(service, qPrintable(QStringLiteral("%1 has no %2 service").arg(hostId, kind)));
    QCOMPARE(service->ports, ports);
    QCOMPARE(service->protocol, protocol);
    QCOMPARE(service->exposure, exposure);
}

void TestReferenceDeployment::buckets()
{
    const Service* s3 = serviceOfKind(m_topology.host(QStringLiteral("storage")), QStringLiteral("s3"));
    QVERIFY(s3);
    QCOMPARE(s3->buckets, (QStringList{QStringLiteral("influx11"), QStringLiteral("loki11")}));
    QVERIFY(s3->name.contains(QStringLiteral("s3-server")));
}

void TestReferenceDeployment::tunnel()
{
    const WireGuardInterface* hub = m_topology.interfaceOfHost(QStringLiteral("monitor11"));
    const WireGuardInterface* client = m_topology.interfaceOfHost(QStringLiteral("prod"));
    QVERIFY(hub && client);
    QVERIFY(hub->isHub);
    QVERIFY(!client->isHub);
    QCOMPARE(hub->name, QStringLiteral("wg0"));
    QCOMPARE(client->name, QStringLiteral("wg0"));
    QCOMPARE(hub->listenPort, 51820);
    QCOMPARE(m_topology.tunnelAddress(QStringLiteral("monitor11")), QStringLiteral("10.10.0.11"));
    QCOMPARE(m_topology.tunnelAddress(QStringLiteral("prod")), QStringLiteral("10.10.0.1"));
    QVERIFY(TopologyValidator::isWireGuardKey(hub->publicKey));
    QVERIFY(TopologyValidator::isWireGuardKey(client->publicKey));
    QVERIFY(hub->publicKey != client->publicKey);

    // prod's [Peer] for monitor11: dials out to UDP 51820 and keeps the tunnel up every 25 s.
    const WireGuardPeer* prodSide = peerEntry(m_topology, QStringLiteral("prod"), QStringLiteral("monitor11"));
    QVERIFY(prodSide);
    QCOMPARE(prodSide->publicKey, hub->publicKey);
    QCOMPARE(prodSide->persistentKeepalive, 25);
    QVERIFY(prodSide->endpoint.endsWith(QStringLiteral(":51820")));
    QVERIFY(prodSide->allowedIps.contains(QStringLiteral("10.10.0.0/24")));

    // monitor11's [Peer] for prod: the roaming client's key and its single tunnel address.
    const WireGuardPeer* hubSide = peerEntry(m_topology, QStringLiteral("monitor11"), QStringLiteral("prod"));
    QVERIFY(hubSide);
    QCOMPARE(hubSide->publicKey, client->publicKey);
    QCOMPARE(hubSide->allowedIps, QStringList{QStringLiteral("10.10.0.1/32")});
    QVERIFY(hubSide->endpoint.isEmpty());
    QCOMPARE(m_topology.hostIdOfPublicKey(client->publicKey), QStringLiteral("prod"));
    QCOMPARE(m_topology.hostIdOfPublicKey(hub->publicKey), QStringLiteral("monitor11"));

    // Every tunnel address lies in the VPN's 10.10.0.0/24.
    const auto vpn = QHostAddress::parseSubnet(QStringLiteral("10.10.0.0/24"));
    for (const auto& wgInterface : m_topology.interfaces) {
        for (const auto& address : wgInterface.addresses)
            QVERIFY2(QHostAddress(address.section(QLatin1Char('/'), 0, 0)).isInSubnet(vpn), qPrintable(address));
    }
}

void TestReferenceDeployment::flows_data()
{
    QTest::addColumn<DataFlow::Kind>("kind");
    QTest::addColumn<QString>("agent");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("bucket");
    QTest::newRow("metrics") << DataFlow::Kind::Metrics << "telegraf" << "influxdb" << "influx11";
    QTest::newRow("logs") << DataFlow::Kind::Logs << "alloy" << "loki" << "loki11";
}

void TestReferenceDeployment::flows()
{
    QFETCH(DataFlow::Kind, kind);
    QFETCH(QString, agent);
    QFETCH(QString, target);
    QFETCH(QString, bucket);
    const DataFlow* flow = flowFrom(m_topology, QStringLiteral("prod"), kind, true);
    QVERIFY(flow);
    QCOMPARE(m_topology.host(flow->sourceHostId)->service(flow->sourceServiceId)->kind, agent);
    QCOMPARE(flow->targetHostId, QStringLiteral("monitor11"));
    QCOMPARE(m_topology.host(flow->targetHostId)->service(flow->targetServiceId)->kind, target);
    QCOMPARE(flow->storageHostId, QStringLiteral("storage"));
    QCOMPARE(flow->storageBucket, bucket);
}

void TestReferenceDeployment::selfMonitoring()
{
    const DataFlow* flow = flowFrom(m_topology, QStringLiteral("monitor11"), DataFlow::Kind::Metrics, false);
    QVERIFY(flow);
    QCOMPARE(flow->targetHostId, QStringLiteral("monitor11"));
    QCOMPARE(m_topology.host(flow->targetHostId)->service(flow->targetServiceId)->kind, QStringLiteral("influxdb"));
    QCOMPARE(m_topology.host(flow->sourceHostId)->service(flow->sourceServiceId)->kind, QStringLiteral("telegraf"));
}

void TestReferenceDeployment::dataSource()
{
    QCOMPARE(m_topology.dataSources.size(), 1);
    const DataSource& source = m_topology.dataSources.constFirst();
    QCOMPARE(source.influxUrl, QUrl(QStringLiteral("http://10.10.0.11:8086")));
    QCOMPARE(source.lokiUrl, QUrl(QStringLiteral("http://10.10.0.11:3100")));
    QCOMPARE(source.influxDatabase, QStringLiteral("telegraf"));
}

void TestReferenceDeployment::holdsNoSecrets()
{
    // Walks every key of the file: none may name a secret (presharedKey is only a yes/no flag).
    QStringList keys;
    auto collect = [&keys](auto&& self, const QJsonValue& value) -> void {
        if (value.isArray()) {
            for (const QJsonValue item : value.toArray())
                self(self, item);
        } else if (value.isObject()) {
            const QJsonObject object = value.toObject();
            for (auto it = object.begin(); it != object.end(); ++it) {
                keys.append(it.key().toLower());
                self(self, it.value());
            }
        }
    };
    collect(collect, QJsonDocument::fromJson(TopologyFile::referenceDeploymentJson()).object());
    QVERIFY(keys.contains(QStringLiteral("publickey")));
    for (const QString& key : keys) {
        for (const char* word : {"private", "password", "secret", "token"})
            QVERIFY2(!key.contains(QLatin1String(word)), qPrintable(key));
    }
}

QTEST_GUILESS_MAIN(TestReferenceDeployment)
#include "TestReferenceDeployment.moc"
