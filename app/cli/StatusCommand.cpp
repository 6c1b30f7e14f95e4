// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/StatusCommand.h"

#include "cli/CliContext.h"
#include "cli/DataSourceOptions.h"
#include "cli/TelemetryPoll.h"
#include "telemetry/NetworkState.h"
#include "telemetry/PeerStateRules.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

QJsonValue timeOrNull(const QDateTime& time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}

template<typename T>
QJsonValue optionalValue(const std::optional<T>& value)
{
    return value ? QJsonValue(double(*value)) : QJsonValue(QJsonValue::Null);
}

QString endpointStateName(EndpointHealth::State state)
{
    switch (state) {
    case EndpointHealth::State::Ok:
        return QStringLiteral("ok");
    case EndpointHealth::State::Failing:
        return QStringLiteral("failing");
    case EndpointHealth::State::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString reportingName(HostState::Reporting reporting)
{
    switch (reporting) {
    case HostState::Reporting::NotMonitored:
        return QStringLiteral("not-monitored");
    case HostState::Reporting::Reporting:
        return QStringLiteral("reporting");
    case HostState::Reporting::Silent:
        return QStringLiteral("silent");
    case HostState::Reporting::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

/// What the user calls the tunnel addresses of a peer: its host's interface, else its AllowedIPs as reported, else
/// as the hub's entry has them (a peer learnt from the server's config has no interface in the topology).
QStringList tunnelAddresses(const Topology& topology, const TunnelState& tunnel)
{
    if (const WireGuardInterface* wgInterface = topology.interfaceOfHost(tunnel.clientHostId))
        return wgInterface->addresses;
    if (tunnel.telemetry && !tunnel.telemetry->allowedIps.isEmpty())
        return tunnel.telemetry->allowedIps;
    const WireGuardPeer* hubEntry = topology.peer(tunnel.hubPeerId);
    return hubEntry ? hubEntry->allowedIps : QStringList();
}

QJsonObject peerObject(const QString& id, const QString& name, const QString& publicKey, const QStringList& addresses,
                       const std::optional<PeerTelemetry>& telemetry, const PeerStatus& status)
{
    QJsonObject peer;
    peer.insert(QStringLiteral("id"), id);
    peer.insert(QStringLiteral("name"), name);
    peer.insert(QStringLiteral("publicKey"), publicKey);
    peer.insert(QStringLiteral("tunnelAddresses"), QJsonArray::fromStringList(addresses));
    // A script must not read an unknown peer's last numbers as its rates now: they move to "lastKnown".
    const bool current = telemetry && status.ratesAreCurrent();
    peer.insert(QStringLiteral("rxBytesPerSecond"), current ? optionalValue(telemetry->rxBytesPerSecond) : QJsonValue());
    peer.insert(QStringLiteral("txBytesPerSecond"), current ? optionalValue(telemetry->txBytesPerSecond) : QJsonValue());
    peer.insert(QStringLiteral("lastKnown"), telemetry && !current
                    ? QJsonValue(QJsonObject{{QStringLiteral("rxBytesPerSecond"), optionalValue(telemetry->rxBytesPerSecond)},
                                             {QStringLiteral("txBytesPerSecond"), optionalValue(telemetry->txBytesPerSecond)},
                                             {QStringLiteral("sampleTime"), timeOrNull(telemetry->sampleTime)}})
                    : QJsonValue());
    peer.insert(QStringLiteral("lastHandshake"), telemetry ? timeOrNull(telemetry->lastHandshake) : QJsonValue());
    peer.insert(QStringLiteral("handshakeAgeSeconds"), optionalValue(status.handshakeAgeSeconds));
    peer.insert(QStringLiteral("reportedBy"), telemetry ? telemetry->reportingHost : QString());
    peer.insert(QStringLiteral("state"), PeerStatus::stateName(status.state));
    peer.insert(QStringLiteral("flags"), QJsonArray::fromStringList(status.flagsText().isEmpty()
                                                                       ? QStringList()
                                                                       : status.flagsText().split(QStringLiteral(", "))));
    peer.insert(QStringLiteral("reason"), status.reason);
    return peer;
}

QString endpointOriginName(TunnelState::EndpointOrigin origin)
{
    switch (origin) {
    case TunnelState::EndpointOrigin::Telemetry:
        return QStringLiteral("telemetry");
    case TunnelState::EndpointOrigin::Topology:
        return QStringLiteral("topology");
    case TunnelState::EndpointOrigin::ServerConfig:
        return QStringLiteral("server-config");
    case TunnelState::EndpointOrigin::None:
        break;
    }
    return {};
}

/// "endpoint", and where it comes from: Telegraf reports none before 1.39, so it is mostly the configuration's.
void insertEndpoint(QJsonObject& peer, const QString& endpoint, TunnelState::EndpointOrigin origin, bool isHubs)
{
    const bool known = origin != TunnelState::EndpointOrigin::None;
    peer.insert(QStringLiteral("endpoint"), known ? QJsonValue(endpoint) : QJsonValue());
    peer.insert(QStringLiteral("endpointSource"), known ? QJsonValue(endpointOriginName(origin)) : QJsonValue());
    peer.insert(QStringLiteral("endpointOf"),
                known ? QJsonValue(isHubs ? QStringLiteral("hub") : QStringLiteral("client")) : QJsonValue());
}

/// The last hour's WireGuard and fail2ban line counts from Loki; null when Loki was not asked or did not answer.
QJsonValue logEventsValue(const std::optional<HostLogEvents>& events)
{
    if (!events)
        return QJsonValue(QJsonValue::Null);
    return QJsonObject{{QStringLiteral("wireguard"), events->wireguardEvents},
                       {QStringLiteral("fail2ban"), events->fail2banEvents}};
}

QString rateText(const std::optional<double>& rate)
{
    return rate ? QStringLiteral("%1 (%2 B/s)").arg(PeerStateRules::formatRate(*rate)).arg(qRound64(*rate))
                : QStringLiteral("unknown");
}

/// "monitor11.example.com:51820 (from topology: the hub's address, as the client dials it)"; empty without one.
QString endpointLine(const QString& endpoint, const QString& origin)
{
    return endpoint.isEmpty() ? QString() : QStringLiteral("%1 (%2)").arg(endpoint, origin);
}

void printPeer(CliContext& context, const QString& name, const QString& publicKey, const QStringList& addresses,
               const std::optional<PeerTelemetry>& telemetry, const PeerStatus& status, const QString& endpointLine)
{
    QTextStream& out = context.out();
    out << "  " << name << "  " << publicKey << "  " << (addresses.isEmpty() ? QStringLiteral("-") : addresses.join(QLatin1Char(' ')))
        << "\n";
    if (telemetry && status.ratesAreCurrent()) {
        out << "    rx " << rateText(telemetry->rxBytesPerSecond) << ", tx " << rateText(telemetry->txBytesPerSecond)
            << "; reported by " << telemetry->reportingHost << "\n";
    } else if (telemetry) {
        out << "    rates: none current; last known rx " << rateText(telemetry->rxBytesPerSecond) << ", tx "
            << rateText(telemetry->txBytesPerSecond) << " at "
            << (telemetry->sampleTime.isValid() ? telemetry->sampleTime.toString(Qt::ISODate) : QStringLiteral("an unknown time"))
            << "; reported by " << telemetry->reportingHost << "\n";
    }
    if (telemetry) {
        out << "    last handshake "
            << (telemetry->lastHandshake.isValid() ? telemetry->lastHandshake.toString(Qt::ISODate) : QStringLiteral("never"));
        if (status.handshakeAgeSeconds)
            out << " (" << PeerStateRules::formatAge(*status.handshakeAgeSeconds) << " ago)";
        out << "\n";
    }
    if (!endpointLine.isEmpty())
        out << "    endpoint " << endpointLine << "\n";
    const QString flags = status.flagsText();
    out << "    " << PeerStatus::stateName(status.state) << (flags.isEmpty() ? QString() : QStringLiteral(" [%1]").arg(flags))
        << ": " << status.reason << "\n";
}

} // namespace

int StatusCommand::run(const QStringList& arguments, CliContext& context)
{
    QCommandLineParser parser;
    DataSourceOptions options;
    if (const auto done = options.parseCommandLine(parser, arguments, summary(), context))
        return *done;

    NetworkState state(context.clock());
    state.setTopology(options.topology());
    const SourceStatus status = TelemetryPoll::once(state, options, context);
    if (parser.isSet(QStringLiteral("json")))
        context.out() << QJsonDocument(document(state, status, context.clock()->now())).toJson(QJsonDocument::Indented);
    else
        printText(context, state, status);
    context.out().flush();
    for (const auto& endpoint : status.endpoints) {
        if (endpoint.state != EndpointHealth::State::Ok)
            return 1;
    }
    return 0;
}

QJsonObject StatusCommand::document(const NetworkState& state, const SourceStatus& status, const QDateTime& now)
{
    const Topology& topology = state.topology();
    QJsonArray peers;
    for (const auto& tunnel : state.tunnels()) {
        const QString clientKey = tunnel.clientPublicKey;
        QJsonObject peer = peerObject(tunnel.id, tunnel.name, clientKey,
                                      tunnelAddresses(topology, tunnel),
                                      tunnel.telemetry, tunnel.status);
        peer.insert(QStringLiteral("known"), true);
        peer.insert(QStringLiteral("hubHost"), tunnel.hubHostId);
        peer.insert(QStringLiteral("clientHost"), tunnel.clientHostId);
        insertEndpoint(peer, tunnel.endpoint(), tunnel.endpointOrigin(), tunnel.endpointIsHubs());
        peers.append(peer);
    }
    for (const auto& unknown : state.unknownPeers()) {
        QJsonObject peer = peerObject(unknown.id, QStringLiteral("unknown peer"), unknown.telemetry.publicKey,
                                      unknown.telemetry.allowedIps, unknown.telemetry, unknown.status);
        peer.insert(QStringLiteral("known"), false);
        peer.insert(QStringLiteral("hubHost"), unknown.reportingHostId);
        peer.insert(QStringLiteral("clientHost"), QString());
        insertEndpoint(peer, unknown.telemetry.endpoint,
                       unknown.telemetry.endpoint.isEmpty() ? TunnelState::EndpointOrigin::None
                                                            : TunnelState::EndpointOrigin::Telemetry,
                       false);
        peers.append(peer);
    }

    QJsonArray hosts;
    QSet<QString> listedTags;
    for (const auto& host : topology.hosts) {
        const HostState hostState = state.hostState(host.id);
        QJsonObject object;
        object.insert(QStringLiteral("id"), host.id);
        object.insert(QStringLiteral("name"), host.name);
        object.insert(QStringLiteral("inTopology"), true);
        object.insert(QStringLiteral("reporting"), reportingName(hostState.reporting));
        object.insert(QStringLiteral("reason"), hostState.reason);
        const auto& telemetry = hostState.telemetry;
        object.insert(QStringLiteral("lastReport"), telemetry ? timeOrNull(telemetry->lastReport) : QJsonValue());
        object.insert(QStringLiteral("uptimeSeconds"), telemetry ? optionalValue(telemetry->uptimeSeconds) : QJsonValue());
        object.insert(QStringLiteral("load1"), telemetry ? optionalValue(telemetry->load1) : QJsonValue());
        object.insert(QStringLiteral("cpuBusyPercent"), telemetry ? optionalValue(telemetry->cpuBusyPercent) : QJsonValue());
        object.insert(QStringLiteral("memoryUsedPercent"),
                      telemetry ? optionalValue(telemetry->memoryUsedPercent) : QJsonValue());
        if (telemetry)
            listedTags.insert(telemetry->host);
        object.insert(QStringLiteral("logEvents"), logEventsValue(hostState.logEvents));
        hosts.append(object);
    }
    for (const auto& telemetry : state.lastSnapshot().hosts) {
        if (listedTags.contains(telemetry.host) || !state.hostIdForTag(telemetry.host).isEmpty())
            continue;
        QJsonObject object;
        object.insert(QStringLiteral("id"), QString());
        object.insert(QStringLiteral("name"), telemetry.host);
        object.insert(QStringLiteral("inTopology"), false);
        const qint64 age = telemetry.lastReport.isValid() ? telemetry.lastReport.secsTo(state.serverNow()) : -1;
        const bool fresh = age >= 0
            && age <= PeerStateRules::freshnessLimitSeconds(telemetry.reportIntervalSeconds, state.pollIntervalSeconds());
        object.insert(QStringLiteral("reporting"), fresh ? QStringLiteral("reporting") : QStringLiteral("silent"));
        object.insert(QStringLiteral("reason"), QStringLiteral("not in the topology; last metrics %1 ago")
                                                    .arg(PeerStateRules::formatAge(age)));
        object.insert(QStringLiteral("lastReport"), timeOrNull(telemetry.lastReport));
        object.insert(QStringLiteral("uptimeSeconds"), optionalValue(telemetry.uptimeSeconds));
        object.insert(QStringLiteral("load1"), optionalValue(telemetry.load1));
        object.insert(QStringLiteral("cpuBusyPercent"), optionalValue(telemetry.cpuBusyPercent));
        object.insert(QStringLiteral("memoryUsedPercent"), optionalValue(telemetry.memoryUsedPercent));
        hosts.append(object);
    }

    QJsonArray endpoints;
    for (const auto& endpoint : status.endpoints) {
        QJsonObject object;
        object.insert(QStringLiteral("name"), endpoint.name);
        object.insert(QStringLiteral("state"), endpointStateName(endpoint.state));
        object.insert(QStringLiteral("message"), endpoint.message);
        object.insert(QStringLiteral("latencyMs"), endpoint.latencyMs >= 0 ? QJsonValue(endpoint.latencyMs) : QJsonValue());
        object.insert(QStringLiteral("lastSuccess"), timeOrNull(endpoint.lastSuccess));
        object.insert(QStringLiteral("lastAttempt"), timeOrNull(endpoint.lastAttempt));
        endpoints.append(object);
    }
    QJsonObject source;
    source.insert(QStringLiteral("name"), status.sourceName);
    source.insert(QStringLiteral("demo"), status.demo);
    source.insert(QStringLiteral("endpoints"), endpoints);

    QJsonObject document;
    document.insert(QStringLiteral("format"), QStringLiteral("tunnelscope-status"));
    document.insert(QStringLiteral("version"), 1);
    document.insert(QStringLiteral("takenAt"), timeOrNull(now));
    document.insert(QStringLiteral("sources"), QJsonArray{source});
    document.insert(QStringLiteral("peers"), peers);
    document.insert(QStringLiteral("hosts"), hosts);
    return document;
}

void StatusCommand::printText(CliContext& context, const NetworkState& state, const SourceStatus& status)
{
    QTextStream& out = context.out();
    out << "Source " << status.sourceName << "\n";
    for (const auto& endpoint : status.endpoints) {
        out << "  " << endpoint.name << ": " << endpointStateName(endpoint.state);
        if (endpoint.latencyMs >= 0)
            out << ", " << endpoint.latencyMs << " ms";
        if (!endpoint.message.isEmpty())
            out << ", " << endpoint.message;
        out << "\n";
    }
    const Topology& topology = state.topology();
    out << "Peers\n";
    for (const auto& tunnel : state.tunnels()) {
        printPeer(context, tunnel.name, tunnel.clientPublicKey,
                  tunnelAddresses(topology, tunnel),
                  tunnel.telemetry, tunnel.status, endpointLine(tunnel.endpoint(), tunnel.endpointOriginText()));
    }
    for (const auto& unknown : state.unknownPeers()) {
        printPeer(context, QStringLiteral("unknown peer"), unknown.telemetry.publicKey, unknown.telemetry.allowedIps,
                  unknown.telemetry, unknown.status,
                  endpointLine(unknown.telemetry.endpoint,
                               QStringLiteral("reported by %1").arg(unknown.telemetry.reportingHost)));
    }
    out << "Hosts\n";
    for (const auto& host : topology.hosts) {
        const HostState hostState = state.hostState(host.id);
        out << "  " << host.name << ": " << HostState::reportingTitle(hostState.reporting) << " (" << hostState.reason
            << ")\n";
        if (hostState.logEvents) {
            out << "    log events in the last hour: wireguard " << hostState.logEvents->wireguardEvents << ", fail2ban "
                << hostState.logEvents->fail2banEvents << "\n";
        }
    }
}
