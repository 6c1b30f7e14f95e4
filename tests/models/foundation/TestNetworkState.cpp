// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/ManualClock.h"
#include "support/ServerConfigTopology.h"
#include "telemetry/NetworkState.h"
#include "telemetry/PeerStateRules.h"
#include "topology/TopologyFile.h"

#include <QSignalSpy>
#include <QTest>

namespace {

const QString ProdKey = QStringLiteral("MlDIjOnb8LlosGHEX1SbEn5OvnKt5IFr+Reqa0oY5/M=");
const QString HubKey = QStringLiteral("gR68IwdtGg51Zgteb+/FwmqHnUts6RakNbPJJIu6vGI=");
const QString LaptopKey = QStringLiteral("j2ZvPu2i7fL9urD33PomHN0gksn//nPHyRwzGsbGvg0=");
const QString StrangerKey = QStringLiteral("rm5eS0BFeJwGq3HVwv+VjtU3feqUktCttFC3FFHfEyQ=");

SourceStatus statusUp()
{
    SourceStatus status;
    status.sourceName = QStringLiteral("InfluxDB and Loki");
    EndpointHealth influx;
    influx.name = QStringLiteral("InfluxDB");
    influx.state = EndpointHealth::State::Ok;
    status.endpoints.append(influx);
    return status;
}

SourceStatus statusDown()
{
    SourceStatus status = statusUp();
    status.endpoints[0].state = EndpointHealth::State::Failing;
    status.endpoints[0].message = QStringLiteral("connection refused");
    return status;
}

} // namespace

class TestNetworkState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void tunnelsFromTheReference();
    void hostTagsMatchNameFqdnAndLabel();
    void hubViewWins();
    void clientFillsGaps();
    void clientAloneIsMirrored();
    void noTelemetryIsUnknown();
    void unknownPeersAreKept();
    void hostReporting_data();
    void hostReporting();
    void summaryCounts();
    void stateAgesWithTheClock();
    void sourceDownMakesEverythingUnknown();
    void signalsAreEmitted();
    void tunnelWithoutAHubFlag();
    void staleHubLosesToFreshClient();
    void staleClientDoesNotFillAFreshHub();
    void realisticTelegrafIntervals();
    void laptopClockAheadOfTheServer();
    void learntIntervalSetsFreshness();
    void ghostsOfRemovedKeysAreDropped();
    void endpointFromTheConfiguration();

private:
    PeerTelemetry report(const QString& reporter, const QString& key, std::optional<double> rx,
        std::optional<double> tx, qint64 handshakeAge) const;
    TelemetrySnapshot snapshotOf(const QList<PeerTelemetry>& peers) const;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<NetworkState> m_network;
};

void TestNetworkState::init()
{
    m_clock = std::make_unique<ManualClock>();
    m_network = std::make_unique<NetworkState>(m_clock.get());
    m_network->setPollIntervalSeconds(10);
    m_network->setTopology(TopologyFile::referenceDeployment());
    m_network->applyStatus(statusUp());
}

PeerTelemetry TestNetworkState::report(const QString& reporter, const QString& key, std::optional<double> rx,
    std::optional<double> tx, qint64 handshakeAge) const
{
    PeerTelemetry telemetry;
    telemetry.reportingHost = reporter;
    telemetry.device = QStringLiteral("wg0");
    telemetry.publicKey = key;
    telemetry.rxBytesPerSecond = rx;
    telemetry.txBytesPerSecond = tx;
    telemetry.rxBytes = rx ? qint64(*rx * 1000) : 0;
    telemetry.txBytes = tx ? qint64(*tx * 1000) : 0;
    if (handshakeAge >= 0)
        telemetry.lastHandshake = m_clock->now().addSecs(-handshakeAge);
    telemetry.sampleTime = m_clock->now();
    return telemetry;
}

TelemetrySnapshot TestNetworkState::snapshotOf(const QList<PeerTelemetry>& peers) const
{
    TelemetrySnapshot snapshot;
    snapshot.takenAt = m_clock->now();
    snapshot.peers = peers;
    return snapshot;
}

void TestNetworkState::tunnelsFromTheReference()
{
    QCOMPARE(m_network->tunnels().size(), 2);
    const TunnelState* prod = m_network->tunnel(QStringLiteral("monitor11-prod"));
    QVERIFY(prod);
    QCOMPARE(prod->hubHostId, QStringLiteral("monitor11"));
    QCOMPARE(prod->clientHostId, QStringLiteral("prod"));
    QCOMPARE(prod->hubPeerId, QStringLiteral("monitor11-prod"));
    QCOMPARE(prod->clientPeerId, QStringLiteral("prod-monitor11"));
    QCOMPARE(prod->clientPublicKey, ProdKey);
    QCOMPARE(prod->hubPublicKey, HubKey);
    QCOMPARE(prod->name, QStringLiteral("prod"));
    QCOMPARE(prod->configuredKeepalive, 25);
    const TunnelState* laptop = m_network->tunnel(QStringLiteral("monitor11-laptop"));
    QVERIFY(laptop);
    QCOMPARE(laptop->clientHostId, QStringLiteral("laptop"));
    QCOMPARE(laptop->clientPublicKey, LaptopKey);
    QCOMPARE(m_network->tunnelsOfHost(QStringLiteral("monitor11")).size(), 2);
    QCOMPARE(m_network->tunnelsOfHost(QStringLiteral("prod")).size(), 1);
    QVERIFY(m_network->tunnelsOfHost(QStringLiteral("storage")).isEmpty());
    QVERIFY(!m_network->tunnel(QStringLiteral("prod-monitor11"))); // one tunnel, known by the hub side's id
}

void TestNetworkState::hostTagsMatchNameFqdnAndLabel()
{
    QCOMPARE(m_network->hostIdForTag(QStringLiteral("prod")), QStringLiteral("prod"));
    QCOMPARE(m_network->hostIdForTag(QStringLiteral("prod.example.com")), QStringLiteral("prod"));
    QCOMPARE(m_network->hostIdForTag(QStringLiteral("Monitor11.Example.COM")), QStringLiteral("monitor11"));
    QCOMPARE(m_network->hostIdForTag(QStringLiteral("admin-laptop")), QStringLiteral("laptop"));
    QCOMPARE(m_network->hostIdForTag(QStringLiteral("elsewhere")), QString());
}

void TestNetworkState::hubViewWins()
{
    TelemetrySnapshot snapshot;
    snapshot.takenAt = m_clock->now();
    snapshot.peers.append(report(QStringLiteral("monitor11"), ProdKey, 25000.0, 2000.0, 40));
    // prod sees the same tunnel from its end: what it sent, monitor11 received.
    snapshot.peers.append(report(QStringLiteral("prod.example.com"), HubKey, 1900.0, 24000.0, 10));
    m_network->applySnapshot(snapshot);

    const TunnelState* tunnel = m_network->tunnel(QStringLiteral("monitor11-prod"));
    QVERIFY(tunnel->telemetry);
    QVERIFY(tunnel->reportedByHub);
    QCOMPARE(tunnel->clientToHubBytesPerSecond(), std::optional<double>(25000.0));
    QCOMPARE(tunnel->hubToClientBytesPerSecond(), std::optional<double>(2000.0));
    QCOMPARE(tunnel->telemetry->reportingHost, QStringLiteral("monitor11"));
    // Both ends saw the same handshakes; the newer report of it counts.
    QCOMPARE(tunnel->telemetry->lastHandshake, m_clock->now().addSecs(-10));
    QCOMPARE(tunnel->status.state, PeerStatus::State::Online);
    QVERIFY2(tunnel->status.reason.endsWith(QStringLiteral("; reported by monitor11 (the hub)")), qPrintable(tunnel->status.reason));
    QVERIFY(m_network->unknownPeers().isEmpty());
    QCOMPARE(m_network->lastUpdate(), m_clock->now());
}

void TestNetworkState::clientFillsGaps()
{
    TelemetrySnapshot snapshot;
    snapshot.takenAt = m_clock->now();
    PeerTelemetry hub = report(QStringLiteral("monitor11"), ProdKey, std::nullopt, std::nullopt, 40);
    hub.keepaliveSeconds = 0;
    snapshot.peers.append(hub);
    PeerTelemetry client = report(QStringLiteral("prod"), HubKey, 1900.0, 24000.0, 50);
    client.keepaliveSeconds = 25;
    client.endpoint = QStringLiteral("198.51.100.7:51820");
    snapshot.peers.append(client);
    m_network->applySnapshot(snapshot);

    const TunnelState* tunnel = m_network->tunnel(QStringLiteral("monitor11-prod"));
    QVERIFY(tunnel->reportedByHub);
    QCOMPARE(tunnel->clientToHubBytesPerSecond(), std::optional<double>(24000.0)); // the client's tx, mirrored
    QCOMPARE(tunnel->hubToClientBytesPerSecond(), std::optional<double>(1900.0));
    QCOMPARE(tunnel->telemetry->keepaliveSeconds, 25);
    QCOMPARE(tunnel->telemetry->endpoint, QStringLiteral("198.51.100.7:51820"));
    // prod's view names the hub's address, whoever's report the rest came from.
    QCOMPARE(tunnel->endpointOrigin(), TunnelState::EndpointOrigin::Telemetry);
    QCOMPARE(tunnel->endpointOriginText(), QStringLiteral("reported by prod: the hub's address, as the client dials it"));
    QCOMPARE(tunnel->telemetry->lastHandshake, m_clock->now().addSecs(-40)); // the hub's is newer
}

void TestNetworkState::clientAloneIsMirrored()
{
    TelemetrySnapshot snapshot;
    snapshot.takenAt = m_clock->now();
    snapshot.peers.append(report(QStringLiteral("prod"), HubKey, 1900.0, 24000.0, 20));
    m_network->applySnapshot(snapshot);

    const TunnelState* tunnel = m_network->tunnel(QStringLiteral("monitor11-prod"));
    QVERIFY(tunnel->telemetry);
    QVERIFY(!tunnel->reportedByHub);
    QCOMPARE(tunnel->clientToHubBytesPerSecond(), std::optional<double>(24000.0));
    QCOMPARE(tunnel->hubToClientBytesPerSecond(), std::optional<double>(1900.0));
    QCOMPARE(tunnel->telemetry->rxBytes, qint64(24000000));
    QCOMPARE(tunnel->status.state, PeerStatus::State::Online);
    // The laptop's tunnel shares the hub key, but prod's report is not about it.
    QVERIFY(!m_network->tunnel(QStringLiteral("monitor11-laptop"))->telemetry);
}

void TestNetworkState::noTelemetryIsUnknown()
{
    const TunnelState* tunnel = m_network->tunnel(QStringLiteral("monitor11-laptop"));
    QVERIFY(!tunnel->telemetry);
    QCOMPARE(tunnel->status.state, PeerStatus::State::Unknown);
    QVERIFY(tunnel->status.reason.startsWith(QStringLiteral("no telemetry reports this peer")));
}

void TestNetworkState::unknownPeersAreKept()
{
    TelemetrySnapshot snapshot;
    snapshot.takenAt = m_clock->now();
    snapshot.peers.append(report(QStringLiteral("monitor11"), ProdKey, 100.0, 100.0, 20));
    snapshot.peers.append(report(QStringLiteral("monitor11"), StrangerKey, 0.0, 0.0, 700));
    snapshot.peers.append(report(QStringLiteral("nas-at-a-friend"), StrangerKey, 0.0, 0.0, -1));
    m_network->applySnapshot(snapshot);

    QCOMPARE(m_network->unknownPeers().size(), 2);
    const UnknownPeer& seenByHub = m_network->unknownPeers().at(0);
    QCOMPARE(seenByHub.id, QStringLiteral("unknown:monitor11:") + StrangerKey);
    QCOMPARE(seenByHub.reportingHostId, QStringLiteral("monitor11"));
    QCOMPARE(seenByHub.telemetry.publicKey, StrangerKey);
    QCOMPARE(seenByHub.status.state, PeerStatus::State::Offline);
    const UnknownPeer& seenElsewhere = m_network->unknownPeers().at(1);
    QCOMPARE(seenElsewhere.reportingHostId, QString());
    QCOMPARE(seenElsewhere.status.state, PeerStatus::State::Never);

    // Gone from the next snapshot, gone from the state.
    snapshot.peers.resize(1);
    m_network->applySnapshot(snapshot);
    QVERIFY(m_network->unknownPeers().isEmpty());
}

void TestNetworkState::hostReporting_data()
{
    QTest::addColumn<QString>("hostId");
    QTest::addColumn<QString>("tag");
    QTest::addColumn<qint64>("reportAge"); ///< -1: the source has nothing for this host
    QTest::addColumn<bool>("sourceUp");
    QTest::addColumn<HostState::Reporting>("reporting");
    QTest::addColumn<QString>("reason");

    using R = HostState::Reporting;
    QTest::newRow("reporting") << "prod" << "prod" << qint64(5) << true << R::Reporting << "last metrics 5 s ago";
    // 3 x Telegraf's default 10 s + 15 s flush allowance + the 10 s poll interval.
    QTest::newRow("reporting by FQDN tag, at the limit") << "prod" << "prod.example.com" << qint64(55) << true
                                                         << R::Reporting << "last metrics 55 s ago";
    QTest::newRow("silent: too old") << "prod" << "prod" << qint64(56) << true << R::Silent << "last metrics 56 s ago";
    QTest::newRow("silent: nothing") << "monitor11" << "" << qint64(-1) << true << R::Silent
                                     << "no metrics from this host in the source";
    QTest::newRow("not monitored") << "storage" << "" << qint64(-1) << true << R::NotMonitored
                                   << "no Telegraf runs here, so no metrics are expected";
    QTest::newRow("no Telegraf, yet metrics arrive") << "storage" << "storage" << qint64(3) << true << R::Reporting
                                                     << "last metrics 3 s ago";
    QTest::newRow("laptop not monitored") << "laptop" << "" << qint64(-1) << true << R::NotMonitored
                                          << "no Telegraf runs here, so no metrics are expected";
    QTest::newRow("unknown: source down") << "prod" << "prod" << qint64(5) << false << R::Unknown
                                          << "the data source is not answering";
}

void TestNetworkState::hostReporting()
{
    QFETCH(QString, hostId);
    QFETCH(QString, tag);
    QFETCH(qint64, reportAge);
    QFETCH(bool, sourceUp);
    QFETCH(HostState::Reporting, reporting);
    QFETCH(QString, reason);

    TelemetrySnapshot snapshot;
    snapshot.takenAt = m_clock->now();
    if (reportAge >= 0) {
        HostTelemetry host;
        host.host = tag;
        host.lastReport = m_clock->now().addSecs(-reportAge);
        host.load1 = 0.5;
        snapshot.hosts.append(host);
        snapshot.logEvents.append({tag, 2, 7});
        snapshot.hasLogEvents = true;
    }
    m_network->applySnapshot(snapshot);
    m_network->applyStatus(sourceUp ? statusUp() : statusDown());

    const HostState state = m_network->hostState(hostId);
    QCOMPARE(state.hostId, hostId);
    QCOMPARE(state.reporting, reporting);
    QCOMPARE(state.reason, reason);
    QCOMPARE(state.telemetry.has_value(), reportAge >= 0);
    QCOMPARE(state.logEvents.has_value(), reportAge >= 0);
    if (state.logEvents)
        QCOMPARE(state.logEvents->fail2banEvents, 7);
    QCOMPARE(m_network->hostState(QStringLiteral("no-such-host")).reporting, HostState::Reporting::Unknown);
}

void TestNetworkState::summaryCounts()
{
    TelemetrySnapshot snapshot;
    snapshot.takenAt = m_clock->now();
    snapshot.peers.append(report(QStringLiteral("monitor11"), ProdKey, 100.0, 100.0, 300));   // stale
    snapshot.peers.append(report(QStringLiteral("monitor11"), LaptopKey, 0.0, 0.0, -1));      // never
    snapshot.peers.append(report(QStringLiteral("monitor11"), StrangerKey, 10.0, 10.0, 5));   // unknown key, online
    m_network->applySnapshot(snapshot);
    const NetworkState::Summary summary = m_network->summary();
    QCOMPARE(summary.peers, 3);
    QCOMPARE(summary.online, 1);
    QCOMPARE(summary.stale, 1);
    QCOMPARE(summary.never, 1);
    QCOMPARE(summary.offline, 0);
    QCOMPARE(summary.unknown, 0);
}

void TestNetworkState::stateAgesWithTheClock()
{
    TelemetrySnapshot snapshot;
    snapshot.takenAt = m_clock->now();
    snapshot.peers.append(report(QStringLiteral("monitor11"), ProdKey, 100.0, 100.0, 150));
    m_network->applySnapshot(snapshot);
    QCOMPARE(m_network->tunnel(QStringLiteral("monitor11-prod"))->status.state, PeerStatus::State::Online);
    // 20 s on, without new data: the handshake is 170 s old, the telemetry 20 s: still fresh, still online.
    m_clock->advance(20);
    m_network->reevaluate();
    QCOMPARE(m_network->tunnel(QStringLiteral("monitor11-prod"))->status.state, PeerStatus::State::Online);
    // New data with the same handshake 30 s later: stale.
    m_clock->advance(10);
    snapshot.peers[0].sampleTime = m_clock->now();
    m_network->applySnapshot(snapshot);
    QCOMPARE(m_network->tunnel(QStringLiteral("monitor11-prod"))->status.state, PeerStatus::State::Stale);
    // No more data: past three collector intervals, a flush and a poll the data is missing, not the peer.
    const qint64 limit = PeerStateRules::freshnessLimitSeconds(0, 10);
    QCOMPARE(limit, qint64(55));
    m_clock->advance(limit);
    m_network->reevaluate();
    QCOMPARE(m_network->tunnel(QStringLiteral("monitor11-prod"))->status.state, PeerStatus::State::Stale);
    m_clock->advance(1);
    m_network->reevaluate();
    QCOMPARE(m_network->tunnel(QStringLiteral("monitor11-prod"))->status.state, PeerStatus::State::Unknown);
}

void TestNetworkState::sourceDownMakesEverythingUnknown()
{
    TelemetrySnapshot snapshot;
    snapshot.takenAt = m_clock->now();
    snapshot.peers.append(report(QStringLiteral("monitor11"), ProdKey, 100.0, 100.0, 10));
    m_network->applySnapshot(snapshot);
    m_network->applyStatus(statusDown());
    const TunnelState* tunnel = m_network->tunnel(QStringLiteral("monitor11-prod"));
    QCOMPARE(tunnel->status.state, PeerStatus::State::Unknown);
    QVERIFY(tunnel->status.reason.contains(QStringLiteral("connection refused")));
    QCOMPARE(m_network->summary().unknown, 2);
    QCOMPARE(m_network->sourceStatus(), statusDown());
}

void TestNetworkState::signalsAreEmitted()
{
    QSignalSpy topologyChanged(m_network.get(), &NetworkState::topologyChanged);
    QSignalSpy stateChanged(m_network.get(), &NetworkState::stateChanged);
    QSignalSpy sourceStatusChanged(m_network.get(), &NetworkState::sourceStatusChanged);

    m_network->setTopology(TopologyFile::referenceDeployment());
    QCOMPARE(topologyChanged.size(), 1);
    QCOMPARE(stateChanged.size(), 1);

    m_network->applySnapshot(TelemetrySnapshot());
    QCOMPARE(stateChanged.size(), 2);
    QCOMPARE(topologyChanged.size(), 1);

    m_network->applyStatus(statusUp()); // unchanged: nothing to say
    QCOMPARE(sourceStatusChanged.size(), 0);
    QCOMPARE(stateChanged.size(), 2);

    m_network->applyStatus(statusDown());
    QCOMPARE(sourceStatusChanged.size(), 1);
    QCOMPARE(sourceStatusChanged.at(0).at(0).value<SourceStatus>(), statusDown());
    QCOMPARE(stateChanged.size(), 3);

    m_network->reevaluate();
    QCOMPARE(stateChanged.size(), 4);
    QCOMPARE(sourceStatusChanged.size(), 1);
}

void TestNetworkState::tunnelWithoutAHubFlag()
{
    // No interface says "hub": the side with a fixed listen port is the server.
    Topology topology = TopologyFile::referenceDeployment();
    for (auto& wgInterface : topology.interfaces)
        wgInterface.isHub = false;
    m_network->setTopology(topology);
    const TunnelState* tunnel = m_network->tunnel(QStringLiteral("monitor11-prod"));
    QVERIFY(tunnel);
    QCOMPARE(tunnel->hubHostId, QStringLiteral("monitor11"));
    QCOMPARE(tunnel->clientHostId, QStringLiteral("prod"));
    QCOMPARE(m_network->tunnels().size(), 2);
}

void TestNetworkState::staleHubLosesToFreshClient()
{
    // monitor11's Telegraf stopped 10 min ago with a tunnel that looked busy; prod's still reports it, fresh.
    PeerTelemetry hub = report(QStringLiteral("monitor11"), ProdKey, 25000.0, 2000.0, 700);
    hub.sampleTime = m_clock->now().addSecs(-600);
    TelemetrySnapshot snapshot = snapshotOf({hub, report(QStringLiteral("prod"), HubKey, 1900.0, 24000.0, 20)});
    m_network->applySnapshot(snapshot);

    const TunnelState* tunnel = m_network->tunnel(QStringLiteral("monitor11-prod"));
    QVERIFY(tunnel->telemetry);
    QVERIFY(!tunnel->reportedByHub);
    QCOMPARE(tunnel->telemetry->reportingHost, QStringLiteral("prod"));
    QCOMPARE(tunnel->clientToHubBytesPerSecond(), std::optional<double>(24000.0)); // prod's tx, not the hub's old rx
    QCOMPARE(tunnel->hubToClientBytesPerSecond(), std::optional<double>(1900.0));
    QCOMPARE(tunnel->telemetry->lastHandshake, m_clock->now().addSecs(-20));
    QCOMPARE(tunnel->status.state, PeerStatus::State::Online);
    QVERIFY2(tunnel->status.reason.endsWith(
                 QStringLiteral("; reported by prod (the client's end; the hub's report is 10 min old)")),
             qPrintable(tunnel->status.reason));

    // The hub reports again: its view wins.
    snapshot.peers[0].sampleTime = m_clock->now();
    m_network->applySnapshot(snapshot);
    QVERIFY(m_network->tunnel(QStringLiteral("monitor11-prod"))->reportedByHub);
}

void TestNetworkState::staleClientDoesNotFillAFreshHub()
{
    PeerTelemetry client = report(QStringLiteral("prod"), HubKey, 1900.0, 24000.0, 10);
    client.sampleTime = m_clock->now().addSecs(-900);
    client.lastHandshake = client.sampleTime.addSecs(-10);
    client.keepaliveSeconds = 25;
    m_network->applySnapshot(
        snapshotOf({report(QStringLiteral("monitor11"), ProdKey, std::nullopt, std::nullopt, 400), client}));

    const TunnelState* tunnel = m_network->tunnel(QStringLiteral("monitor11-prod"));
    QVERIFY(tunnel->reportedByHub);
    QVERIFY(!tunnel->clientToHubBytesPerSecond()); // 15 min old rates are not current ones
    QCOMPARE(tunnel->telemetry->lastHandshake, m_clock->now().addSecs(-400));
    QCOMPARE(tunnel->telemetry->keepaliveSeconds, 25); // configuration still counts
    QCOMPARE(tunnel->status.state, PeerStatus::State::Stale);
}

void TestNetworkState::realisticTelegrafIntervals()
{
    // Telegraf samples every 10 s on the second and flushes every 10 s, its writes landing up to 3 s late; the
    // app polls every 5 s. Over two minutes every poll must show the tunnel and the host as current.
    m_network->setPollIntervalSeconds(5);
    const QDateTime start = m_clock->now();
    for (int elapsed = 20; elapsed <= 140; elapsed += 5) {
        m_clock->set(start.addSecs(elapsed));
        const int landed = elapsed - 13; // the newest sample whose flush has surely arrived
        const QDateTime newest = start.addSecs(landed - landed % 10);
        TelemetrySnapshot snapshot;
        snapshot.takenAt = m_clock->now();
        PeerTelemetry hub = report(QStringLiteral("monitor11"), ProdKey, 100.0, 100.0, 0);
        hub.sampleTime = newest;
        hub.lastHandshake = newest.addSecs(-30);
        snapshot.peers.append(hub);
        HostTelemetry host;
        host.host = QStringLiteral("prod");
        host.lastReport = newest;
        snapshot.hosts.append(host);
        m_network->applySnapshot(snapshot);
        const TunnelState* tunnel = m_network->tunnel(QStringLiteral("monitor11-prod"));
        QVERIFY2(tunnel->status.state == PeerStatus::State::Online,
                 qPrintable(QStringLiteral("after %1 s: %2").arg(elapsed).arg(tunnel->status.reason)));
        QCOMPARE(m_network->hostState(QStringLiteral("prod")).reporting, HostState::Reporting::Reporting);
        // Between polls too.
        m_clock->advance(4);
        m_network->reevaluate();
        QCOMPARE(m_network->tunnel(QStringLiteral("monitor11-prod"))->status.state, PeerStatus::State::Online);
    }
}

void TestNetworkState::laptopClockAheadOfTheServer()
{
    // The laptop's clock runs 30 s ahead of InfluxDB's Date; the data is 5 s old by the server's clock.
    m_network->setPollIntervalSeconds(5);
    const QDateTime serverNow = m_clock->now().addSecs(-30);
    TelemetrySnapshot snapshot;
    snapshot.takenAt = m_clock->now();
    snapshot.serverClockOffsetMs = -30000;
    PeerTelemetry hub = report(QStringLiteral("monitor11"), ProdKey, 100.0, 100.0, 0);
    hub.sampleTime = serverNow.addSecs(-5);
    hub.lastHandshake = hub.sampleTime.addSecs(-170);
    snapshot.peers.append(hub);
    HostTelemetry host;
    host.host = QStringLiteral("prod");
    host.lastReport = serverNow.addSecs(-5);
    snapshot.hosts.append(host);
    m_network->applySnapshot(snapshot);

    QCOMPARE(m_network->serverNow(), serverNow);
    const TunnelState* tunnel = m_network->tunnel(QStringLiteral("monitor11-prod"));
    QCOMPARE(tunnel->status.state, PeerStatus::State::Online); // 175 s, not 205 s
    QCOMPARE(tunnel->status.handshakeAgeSeconds, std::optional<qint64>(175));
    const HostState state = m_network->hostState(QStringLiteral("prod"));
    QCOMPARE(state.reporting, HostState::Reporting::Reporting);
    QCOMPARE(state.reason, QStringLiteral("last metrics 5 s ago"));
}

void TestNetworkState::learntIntervalSetsFreshness()
{
    // A collector sampling every 60 s is current at 2 min and missing past 3 intervals, a flush and a poll.
    PeerTelemetry hub = report(QStringLiteral("monitor11"), ProdKey, 100.0, 100.0, 130);
    hub.sampleTime = m_clock->now().addSecs(-120);
    hub.reportIntervalSeconds = 60;
    m_network->applySnapshot(snapshotOf({hub}));
    QCOMPARE(m_network->tunnel(QStringLiteral("monitor11-prod"))->status.state, PeerStatus::State::Online);
    m_clock->advance(3 * 60 + 15 + 10 - 120 + 1);
    m_network->reevaluate();
    const PeerStatus& status = m_network->tunnel(QStringLiteral("monitor11-prod"))->status;
    QCOMPARE(status.state, PeerStatus::State::Unknown);
    QVERIFY2(status.reason.contains(QStringLiteral("its collector reports every 60 s (missing after 205 s)")),
             qPrintable(status.reason));
}

void TestNetworkState::ghostsOfRemovedKeysAreDropped()
{
    TelemetrySnapshot snapshot = snapshotOf({report(QStringLiteral("monitor11"), ProdKey, 100.0, 100.0, 20),
                                             report(QStringLiteral("monitor11"), StrangerKey, 10.0, 10.0, 20)});
    m_network->applySnapshot(snapshot);
    QCOMPARE(m_network->unknownPeers().size(), 1);

    // The server dropped the stranger; the poll keeps its last values for a while, the diagram must not.
    m_clock->advance(600);
    snapshot.takenAt = m_clock->now();
    snapshot.peers[0].sampleTime = m_clock->now();
    m_network->applySnapshot(snapshot);
    QVERIFY(m_network->unknownPeers().isEmpty());
    QCOMPARE(m_network->summary().peers, 2);
    QCOMPARE(m_network->summary().unknown, 1); // the laptop's tunnel, which nothing reports

    // prod's key is rotated: while the server still reports the old key it is shown as unknown, once it stops
    // the old key leaves no ghost.
    const QString rotatedKey = QStringLiteral("Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyMDA=");
    m_network->setTopology(topologyWithKeyReplaced(TopologyFile::referenceDeployment(), ProdKey, rotatedKey));
    QCOMPARE(m_network->unknownPeers().size(), 1);
    QCOMPARE(m_network->unknownPeers().constFirst().telemetry.publicKey, ProdKey);
    m_clock->advance(600);
    m_network->reevaluate();
    QVERIFY(m_network->unknownPeers().isEmpty());
    QCOMPARE(m_network->summary().peers, 2);
}

void TestNetworkState::endpointFromTheConfiguration()
{
    // Telegraf before 1.39 reports no endpoint: the topology's client entry names the hub's.
    const TunnelState* prod = m_network->tunnel(QStringLiteral("monitor11-prod"));
    QCOMPARE(prod->endpoint(), QStringLiteral("monitor11.example.com:51820"));
    QCOMPARE(prod->endpointOrigin(), TunnelState::EndpointOrigin::Topology);
    QCOMPARE(prod->endpointOriginText(), QStringLiteral("from topology: the hub's address, as the client dials it"));

    // A hub entry learnt from the server's wg0.conf with an Endpoint names the client's.
    Topology topology = TopologyFile::referenceDeployment();
    for (auto& peer : topology.peers) {
        if (peer.id == QLatin1String("monitor11-prod")) {
            peer.endpoint = QStringLiteral("198.51.100.7:51820");
            peer.clientConfigAvailable = false;
        }
    }
    m_network->setTopology(topology);
    prod = m_network->tunnel(QStringLiteral("monitor11-prod"));
    QCOMPARE(prod->endpoint(), QStringLiteral("198.51.100.7:51820"));
    QCOMPARE(prod->endpointOriginText(), QStringLiteral("from server config: the client's address"));

    // Telegraf 1.39 and later report the current one.
    PeerTelemetry hub = report(QStringLiteral("monitor11"), ProdKey, 100.0, 100.0, 20);
    hub.endpoint = QStringLiteral("203.0.113.50:40001");
    m_network->applySnapshot(snapshotOf({hub}));
    prod = m_network->tunnel(QStringLiteral("monitor11-prod"));
    QCOMPARE(prod->endpoint(), QStringLiteral("203.0.113.50:40001"));
    QCOMPARE(prod->endpointOriginText(), QStringLiteral("reported by monitor11: the client's address"));
}

QTEST_GUILESS_MAIN(TestNetworkState)
#include "TestNetworkState.moc"
