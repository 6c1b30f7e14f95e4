// SPDX-License-Identifier: GPL-3.0-or-later
#include "telemetry/NetworkState.h"

#include "telemetry/PeerStateRules.h"

#include <QSet>

namespace {

QString pairKey(const QString& a, const QString& b)
{
    return a < b ? a + QLatin1Char('|') + b : b + QLatin1Char('|') + a;
}

bool hostRunsAgent(const Host& host, const char* kind)
{
    for (const auto& service : host.services) {
        if (service.kind == QLatin1String(kind))
            return true;
    }
    return false;
}

/// The client's view turned into the hub's: what the client received, the hub sent.
PeerTelemetry mirrored(PeerTelemetry telemetry)
{
    std::swap(telemetry.rxBytesPerSecond, telemetry.txBytesPerSecond);
    std::swap(telemetry.rxBytes, telemetry.txBytes);
    return telemetry;
}

/// What the peers' states say when the source is down.
QString problemOf(const SourceStatus& status)
{
    return status.endpoints.isEmpty() ? QString() : status.endpoints.constFirst().message;
}

/// Whether two statuses differ in what the join or the cards read: each server's state and message (a failing
/// Loki clears the log badges), not the latency or the time of the last success that every poll changes.
bool healthDiffers(const SourceStatus& a, const SourceStatus& b)
{
    if (a.endpoints.size() != b.endpoints.size())
        return true;
    for (qsizetype i = 0; i < a.endpoints.size(); ++i) {
        const EndpointHealth& x = a.endpoints.at(i);
        const EndpointHealth& y = b.endpoints.at(i);
        if (x.name != y.name || x.state != y.state || x.message != y.message)
            return true;
    }
    return false;
}

/// Completes target with what other knows. Configuration counts whatever the report's age; rates and handshakes
/// only from a fresh report, so a stale view never passes for a current one.
void fillGaps(PeerTelemetry& target, const PeerTelemetry& other, bool otherFresh)
{
    if (target.endpoint.isEmpty())
        target.endpoint = other.endpoint;
    if (target.keepaliveSeconds == 0)
        target.keepaliveSeconds = other.keepaliveSeconds;
    if (!otherFresh)
        return;
    if (!target.rxBytesPerSecond)
        target.rxBytesPerSecond = other.rxBytesPerSecond;
    if (!target.txBytesPerSecond)
        target.txBytesPerSecond = other.txBytesPerSecond;
    if (!other.lastHandshake.isValid())
        return;
    // The other end's handshake is on its own clock: moved onto target's by the distance between the two samples,
    // which errs by at most a collector interval, never by the offset between the two hosts' clocks.
    QDateTime handshake = other.lastHandshake;
    if (other.sampleTime.isValid() && target.sampleTime.isValid())
        handshake = handshake.addMSecs(other.sampleTime.msecsTo(target.sampleTime));
    if (!target.lastHandshake.isValid() || handshake > target.lastHandshake)
        target.lastHandshake = handshake;
}

/// The freshest of the client's reports of the hub key, or null.
const PeerTelemetry* freshestOf(const QList<const PeerTelemetry*>& reports)
{
    const PeerTelemetry* freshest = nullptr;
    for (qsizetype i = reports.size(); i-- > 0;) {
        if (!freshest || reports.at(i)->sampleTime > freshest->sampleTime)
            freshest = reports.at(i);
    }
    return freshest;
}

/// Which side's report the tunnel's numbers come from, and why when it is not the hub's.
QString reporterText(const TunnelState& tunnel, const PeerTelemetry* hubReport, const QDateTime& now)
{
    const QString reporter = tunnel.telemetry->reportingHost;
    if (tunnel.reportedByHub)
        return QStringLiteral("%1 (the hub)").arg(reporter);
    if (!hubReport)
        return QStringLiteral("%1 (the client's end; the hub reports nothing)").arg(reporter);
    return QStringLiteral("%1 (the client's end; the hub's report is %2 old)")
        .arg(reporter, PeerStateRules::formatAge(hubReport->sampleTime.secsTo(now)));
}

/// Which end's report the merged endpoint came from: the client's end names the hub's address, the hub the client's.
void noteEndpointReporter(TunnelState& tunnel, const PeerTelemetry* hubReport, const PeerTelemetry* clientReport)
{
    tunnel.endpointReporter.clear();
    if (!tunnel.telemetry || tunnel.telemetry->endpoint.isEmpty())
        return;
    const bool fromHub = hubReport && hubReport->endpoint == tunnel.telemetry->endpoint
        && (tunnel.reportedByHub || !clientReport || clientReport->endpoint.isEmpty());
    const PeerTelemetry* reporter = fromHub ? hubReport : clientReport;
    tunnel.endpointReporter = reporter ? reporter->reportingHost : tunnel.telemetry->reportingHost;
    tunnel.reportedEndpointIsHubs = !fromHub;
}

/// The tunnel's telemetry from the hub's and the client's reports, and its state.
void joinTunnel(TunnelState& tunnel, const PeerTelemetry* hubReport, const QList<const PeerTelemetry*>& clientsView,
                const PeerStateRules::Context& context)
{
    tunnel.telemetry.reset();
    tunnel.reportedByHub = false;
    const PeerTelemetry* clientReport = freshestOf(clientsView);
    const bool hubFresh = hubReport && PeerStateRules::isFresh(*hubReport, context);
    const bool clientFresh = clientReport && PeerStateRules::isFresh(*clientReport, context);
    // The hub's view wins while it is fresh; a stale one only when the client's end has nothing fresher.
    if (hubReport && (hubFresh || !clientFresh)) {
        tunnel.telemetry = *hubReport;
        tunnel.reportedByHub = true;
        if (clientReport)
            fillGaps(*tunnel.telemetry, mirrored(*clientReport), clientFresh);
    } else if (clientReport) {
        tunnel.telemetry = mirrored(*clientReport);
        if (hubReport)
            fillGaps(*tunnel.telemetry, *hubReport, hubFresh);
    }
    noteEndpointReporter(tunnel, hubReport, clientReport);
    PeerStateRules::Context own = context;
    own.configuredKeepalive = tunnel.configuredKeepalive;
    own.keyCreated = tunnel.keyCreated;
    tunnel.status = PeerStateRules::evaluate(tunnel.telemetry ? &*tunnel.telemetry : nullptr, own);
    tunnel.reportedBy = tunnel.telemetry ? reporterText(tunnel, hubReport, context.now) : QString();
    if (tunnel.telemetry)
        tunnel.status.reason += QStringLiteral("; reported by ") + tunnel.reportedBy;
}

} // namespace

QString HostState::reportingTitle(Reporting reporting)
{
    switch (reporting) {
    case Reporting::NotMonitored:
        return QStringLiteral("Not monitored");
    case Reporting::Reporting:
        return QStringLiteral("Metrics arriving");
    case Reporting::Silent:
        return QStringLiteral("Metrics missing");
    case Reporting::Unknown:
        break;
    }
    return QStringLiteral("Unknown");
}

NetworkState::NetworkState(const Clock* clock, QObject* parent)
    : QObject(parent)
    , m_clock(clock)
{
}

void NetworkState::setTopology(const Topology& topology)
{
    m_topology = topology;
    m_hostIdByTag.clear();
    m_hostIndex.clear();
    for (qsizetype i = 0; i < m_topology.hosts.size(); ++i)
        m_hostIndex.insert(m_topology.hosts.at(i).id, i);
    for (const auto& host : m_topology.hosts) {
        m_hostIdByTag.insert(host.id.toLower(), host.id);
        m_hostIdByTag.insert(host.name.toLower(), host.id);
        if (!host.fqdn.isEmpty()) {
            m_hostIdByTag.insert(host.fqdn.toLower(), host.id);
            m_hostIdByTag.insert(host.fqdn.section(QLatin1Char('.'), 0, 0).toLower(), host.id);
        }
    }
    m_topologyKeys.clear();
    for (const auto& wgInterface : m_topology.interfaces)
        m_topologyKeys.insert(wgInterface.publicKey);
    for (const auto& entry : m_topology.peers)
        m_topologyKeys.insert(entry.publicKey);
    buildTunnels();
    joinTelemetry();
    Q_EMIT topologyChanged();
    Q_EMIT stateChanged();
}

void NetworkState::setPollIntervalSeconds(int seconds)
{
    m_pollIntervalSeconds = std::max(1, seconds);
}

QString NetworkState::hostIdForTag(const QString& tag) const
{
    return m_hostIdByTag.value(tag.toLower());
}

void NetworkState::buildTunnels()
{
    m_tunnels.clear();
    m_tunnelIndex.clear();
    m_tunnelsByHost.clear();
    QHash<QString, qsizetype> byPair;
    for (const auto& entry : m_topology.peers) {
        const WireGuardInterface* own = m_topology.interface(entry.interfaceId);
        if (!own)
            continue;
        const QString farEnd = entry.hostId.isEmpty() ? QStringLiteral("key:") + entry.publicKey : entry.hostId;
        const QString key = pairKey(own->hostId, farEnd);
        const WireGuardInterface* far = entry.hostId.isEmpty() ? nullptr : m_topology.interfaceOfHost(entry.hostId);
        // The hub is the side marked so; failing that, the side that listens on a fixed port.
        const bool ownIsHub = own->isHub || (!(far && far->isHub) && own->listenPort > 0 && !(far && far->listenPort > 0));
        qsizetype index = byPair.value(key, -1);
        if (index < 0) {
            TunnelState tunnel;
            tunnel.hubHostId = ownIsHub ? own->hostId : entry.hostId;
            tunnel.clientHostId = ownIsHub ? entry.hostId : own->hostId;
            tunnel.clientPublicKey = ownIsHub ? entry.publicKey : own->publicKey;
            tunnel.hubPublicKey = ownIsHub ? own->publicKey : entry.publicKey;
            index = m_tunnels.size();
            m_tunnels.append(tunnel);
            byPair.insert(key, index);
        }
        TunnelState& tunnel = m_tunnels[index];
        if (ownIsHub) {
            tunnel.hubPeerId = entry.id;
            tunnel.name = entry.name;
            tunnel.keyCreated = entry.keyCreated;
        } else {
            tunnel.clientPeerId = entry.id;
        }
        tunnel.configuredKeepalive = std::max(tunnel.configuredKeepalive, entry.persistentKeepalive);
        // The hub entry's endpoint (the client's address) wins over the client entry's (the hub's address).
        if (!entry.endpoint.isEmpty() && (ownIsHub || tunnel.configuredEndpoint.isEmpty())) {
            tunnel.configuredEndpoint = entry.endpoint;
            tunnel.configuredEndpointIsHubs = !ownIsHub;
            // Hub entries that came from the server's wg0.conf are the ones without a client config.
            tunnel.configuredEndpointOrigin = ownIsHub && !entry.clientConfigAvailable
                ? TunnelState::EndpointOrigin::ServerConfig
                : TunnelState::EndpointOrigin::Topology;
        }
    }
    for (qsizetype i = 0; i < m_tunnels.size(); ++i) {
        TunnelState& tunnel = m_tunnels[i];
        tunnel.id = tunnel.hubPeerId.isEmpty() ? tunnel.clientPeerId : tunnel.hubPeerId;
        if (tunnel.name.isEmpty()) {
            const Host* client = m_topology.host(tunnel.clientHostId);
            tunnel.name = client ? client->name : tunnel.clientPublicKey.left(8) + QStringLiteral("…");
        }
        m_tunnelIndex.insert(tunnel.id, i);
        m_tunnelsByHost[tunnel.hubHostId].append(i);
        if (tunnel.clientHostId != tunnel.hubHostId)
            m_tunnelsByHost[tunnel.clientHostId].append(i);
    }
}

void NetworkState::indexHostTelemetry()
{
    // The last entry for a host wins, as a linear scan that kept overwriting would.
    m_hostTelemetryIndex.clear();
    m_logEventsIndex.clear();
    for (qsizetype i = 0; i < m_snapshot.hosts.size(); ++i) {
        if (const QString id = hostIdForTag(m_snapshot.hosts.at(i).host); !id.isEmpty())
            m_hostTelemetryIndex.insert(id, i);
    }
    for (qsizetype i = 0; i < m_snapshot.logEvents.size(); ++i) {
        if (const QString id = hostIdForTag(m_snapshot.logEvents.at(i).host); !id.isEmpty())
            m_logEventsIndex.insert(id, i);
    }
}

void NetworkState::joinTelemetry()
{
    ++m_joins;
    indexHostTelemetry();
    // Each report indexed once with the host that reported it: every collector reports the hub's key, so
    // scanning all reports of a key per tunnel would be quadratic in the number of peers. Lists are walked
    // newest first, the order a QMultiHash of the reports gave before.
    QHash<QString, QList<std::pair<const PeerTelemetry*, QString>>> byKey; ///< key to (report, reporter id)
    QHash<QString, QList<const PeerTelemetry*>> byKeyAndReporter; ///< "key|reporter id" to reports
    for (const auto& telemetry : m_snapshot.peers) {
        const QString reporter = hostIdForTag(telemetry.reportingHost);
        byKey[telemetry.publicKey].append({&telemetry, reporter});
        byKeyAndReporter[telemetry.publicKey + QLatin1Char('|') + reporter].append(&telemetry);
    }

    PeerStateRules::Context context;
    context.now = serverNow();
    context.pollIntervalSeconds = m_pollIntervalSeconds;
    context.sourceUp = m_status.telemetryUp();
    context.sourceProblem = problemOf(m_status);

    QSet<QString> matchedKeys;
    for (auto& tunnel : m_tunnels) {
        const PeerTelemetry* hubReport = nullptr;
        const auto clientReports = byKey.constFind(tunnel.clientPublicKey);
        for (qsizetype i = clientReports == byKey.cend() ? 0 : clientReports->size(); i-- > 0;) {
            const auto& [candidate, reporter] = clientReports->at(i);
            if (reporter.isEmpty() || reporter == tunnel.hubHostId) {
                hubReport = candidate;
                matchedKeys.insert(tunnel.clientPublicKey);
                break;
            }
        }
        const QList<const PeerTelemetry*> clientsView = tunnel.clientHostId.isEmpty()
            ? QList<const PeerTelemetry*>()
            : byKeyAndReporter.value(tunnel.hubPublicKey + QLatin1Char('|') + tunnel.clientHostId);
        if (!clientsView.isEmpty())
            matchedKeys.insert(tunnel.hubPublicKey);
        joinTunnel(tunnel, hubReport, clientsView, context);
    }

    m_unknownPeers.clear();
    context.configuredKeepalive = 0;
    context.keyCreated = {};
    for (const auto& telemetry : m_snapshot.peers) {
        if (matchedKeys.contains(telemetry.publicKey) || m_topologyKeys.contains(telemetry.publicKey))
            continue;
        // A key nobody reports any more (removed from the server, rotated away) is not shown as a ghost.
        if (!PeerStateRules::isFresh(telemetry, context))
            continue;
        UnknownPeer unknown;
        unknown.id = QStringLiteral("unknown:%1:%2").arg(telemetry.reportingHost, telemetry.publicKey);
        unknown.telemetry = telemetry;
        unknown.reportingHostId = hostIdForTag(telemetry.reportingHost);
        unknown.status = PeerStateRules::evaluate(&telemetry, context);
        m_unknownPeers.append(unknown);
    }
}

QDateTime NetworkState::serverNow() const
{
    const QDateTime now = m_clock->now();
    return m_snapshot.serverClockOffsetMs ? now.addMSecs(*m_snapshot.serverClockOffsetMs) : now;
}

void NetworkState::applySnapshot(const TelemetrySnapshot& snapshot)
{
    m_snapshot = snapshot;
    joinTelemetry();
    Q_EMIT stateChanged();
}

void NetworkState::applyStatus(const SourceStatus& status)
{
    if (status == m_status)
        return;
    // Every poll changes the latency and the time of the last success; peers' states and cards only read whether
    // each server is up and what its problem is, so only those (and a switch between demo and live) re-join.
    const bool statesChange = status.telemetryUp() != m_status.telemetryUp() || healthDiffers(status, m_status)
        || status.demo != m_status.demo;
    m_status = status;
    if (statesChange)
        joinTelemetry();
    Q_EMIT sourceStatusChanged(m_status);
    if (statesChange)
        Q_EMIT stateChanged();
}

void NetworkState::reevaluate()
{
    joinTelemetry();
    Q_EMIT stateChanged();
}

const TunnelState* NetworkState::tunnel(const QString& id) const
{
    const qsizetype index = m_tunnelIndex.value(id, -1);
    return index < 0 ? nullptr : &m_tunnels.at(index);
}

QList<const TunnelState*> NetworkState::tunnelsOfHost(const QString& hostId) const
{
    QList<const TunnelState*> result;
    for (qsizetype index : m_tunnelsByHost.value(hostId))
        result.append(&m_tunnels.at(index));
    return result;
}

HostState NetworkState::hostState(const QString& hostId) const
{
    HostState state;
    state.hostId = hostId;
    const qsizetype hostIndex = m_hostIndex.value(hostId, -1);
    if (hostIndex < 0)
        return state;
    const Host* host = &m_topology.hosts.at(hostIndex);
    // Indexed once per snapshot: the diagram asks for every host on every update.
    if (const qsizetype events = m_logEventsIndex.value(hostId, -1); events >= 0)
        state.logEvents = m_snapshot.logEvents.at(events);
    if (const qsizetype telemetry = m_hostTelemetryIndex.value(hostId, -1); telemetry >= 0)
        state.telemetry = m_snapshot.hosts.at(telemetry);
    const bool monitored = hostRunsAgent(*host, "telegraf") || state.telemetry.has_value();
    if (!monitored) {
        state.reporting = HostState::Reporting::NotMonitored;
        state.reason = QStringLiteral("no Telegraf runs here, so no metrics are expected");
        return state;
    }
    if (!m_status.telemetryUp()) {
        state.reporting = HostState::Reporting::Unknown;
        state.reason = QStringLiteral("the data source is not answering");
        return state;
    }
    if (!state.telemetry || !state.telemetry->lastReport.isValid()) {
        state.reporting = HostState::Reporting::Silent;
        state.reason = QStringLiteral("no metrics from this host in the source");
        return state;
    }
    const qint64 limit = PeerStateRules::freshnessLimitSeconds(state.telemetry->reportIntervalSeconds, m_pollIntervalSeconds);
    const qint64 age = state.telemetry->lastReport.secsTo(serverNow());
    if (age > limit) {
        state.reporting = HostState::Reporting::Silent;
        state.reason = QStringLiteral("last metrics %1 ago").arg(PeerStateRules::formatAge(age));
    } else {
        state.reporting = HostState::Reporting::Reporting;
        state.reason = QStringLiteral("last metrics %1 ago").arg(PeerStateRules::formatAge(age));
    }
    return state;
}

NetworkState::Summary NetworkState::summary() const
{
    Summary summary;
    auto count = [&summary](const PeerStatus& status) {
        ++summary.peers;
        switch (status.state) {
        case PeerStatus::State::Online:
            ++summary.online;
            break;
        case PeerStatus::State::Stale:
            ++summary.stale;
            break;
        case PeerStatus::State::Offline:
            ++summary.offline;
            break;
        case PeerStatus::State::Never:
            ++summary.never;
            break;
        case PeerStatus::State::Unknown:
            ++summary.unknown;
            break;
        }
    };
    for (const auto& tunnel : m_tunnels)
        count(tunnel.status);
    for (const auto& unknown : m_unknownPeers)
        count(unknown.status);
    return summary;
}
