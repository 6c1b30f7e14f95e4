// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/OverviewDocument.h"

#include "diagram/DiagramPalette.h"
#include "diagram/HostCardContent.h"
#include "telemetry/NetworkState.h"
#include "telemetry/PeerStateRules.h"

#include <QLocale>
#include <QMap>

#include <algorithm>

namespace {

QString escaped(const QString& text)
{
    return text.toHtmlEscaped();
}

using OverviewDocument::Row;
using OverviewDocument::Section;

/// One table, key on the left; rows with an empty value are left out rather than shown blank.
class Table
{
public:
    void add(const QString& key, const QString& valueHtml)
    {
        if (!valueHtml.isEmpty())
            m_rows.append({key, valueHtml});
    }
    void addText(const QString& key, const QString& value) { add(key, escaped(value)); }
    const QList<Row>& rows() const { return m_rows; }

private:
    QList<Row> m_rows;
};

QString tableHtml(const QList<Row>& rows)
{
    if (rows.isEmpty())
        return {};
    QString html = QStringLiteral("<table cellspacing='2'>");
    for (const Row& row : rows)
        html += QStringLiteral("<tr><td style='padding-right:10px;white-space:nowrap'><b>%1</b></td><td>%2</td></tr>")
                    .arg(escaped(row.key), row.valueHtml);
    return html + QStringLiteral("</table>");
}

QString heading(const QString& text)
{
    return QStringLiteral("<h4 style='margin-top:12px;margin-bottom:4px'>%1</h4>").arg(escaped(text));
}

QString listHtml(const QString& items)
{
    return QStringLiteral("<ul style='margin-left:-20px'>%1</ul>").arg(items);
}

QString stateHtml(const DiagramPalette& palette, const QString& stateName, const QString& word, const QString& reason)
{
    return QStringLiteral("<span style='color:%1'>&#9679;</span> <b>%2</b><br/><span>%3</span>")
        .arg(palette.stateNamed(stateName).name(), escaped(word), escaped(reason));
}

QString code(const QString& text)
{
    return text.isEmpty() ? QString() : QStringLiteral("<code>%1</code>").arg(escaped(text));
}

/// A key, said to be a placeholder when it is: the reference deployment's keys are made up and must not pass for
/// real ones (an import of the server's wg0.conf replaces them).
QString keyHtml(const QString& key, bool placeholder)
{
    if (!placeholder || key.isEmpty())
        return code(key);
    return QStringLiteral("<b>%1</b> <code>%2</code>").arg(escaped(HostCardContent::PlaceholderKeyText), escaped(key));
}

QString rate(std::optional<double> value)
{
    return value ? PeerStateRules::formatRate(*value) : QStringLiteral("not known yet");
}

QString timeAndAge(const QDateTime& at, const QDateTime& now)
{
    if (!at.isValid())
        return QStringLiteral("never");
    return QStringLiteral("%1 (%2 ago)")
        .arg(QLocale().toString(at.toLocalTime(), QLocale::ShortFormat), PeerStateRules::formatAge(at.secsTo(now)));
}

QString bytes(qint64 count)
{
    return QLocale().formattedDataSize(count, 1, QLocale::DataSizeSIFormat);
}

/// Numbers of a peer whose state is unknown are marked as the last known, with the time they were taken, never
/// shown as current.
QString lastKnownText(const QString& numbers, const PeerStatus& status, const QDateTime& taken)
{
    if (status.ratesAreCurrent())
        return numbers;
    return taken.isValid() ? QStringLiteral("none current; last known %1 at %2")
                                 .arg(numbers, QLocale().toString(taken.toLocalTime(), QLocale::ShortFormat))
                           : QStringLiteral("none current; last known %1, time unknown").arg(numbers);
}

/// A direction's rate and total.
QString trafficText(std::optional<double> perSecond, qint64 total, const TunnelState& tunnel)
{
    return lastKnownText(QStringLiteral("%1 (%2 total)").arg(rate(perSecond), bytes(total)), tunnel.status,
                         tunnel.telemetry ? tunnel.telemetry->sampleTime : QDateTime());
}

QString hostName(const Topology& topology, const QString& id)
{
    const Host* host = topology.host(id);
    return host ? host->name : (id.isEmpty() ? QStringLiteral("unknown host") : id);
}

QString flowLine(const Topology& topology, const DataFlow& flow)
{
    const Host* target = topology.host(flow.targetHostId);
    const Service* service = target ? target->service(flow.targetServiceId) : nullptr;
    QString line = QStringLiteral("%1: %2 → %3 on %4")
                       .arg(DataFlow::kindName(flow.kind), hostName(topology, flow.sourceHostId),
                           service ? service->name : flow.targetServiceId, hostName(topology, flow.targetHostId));
    if (flow.viaTunnel)
        line += QStringLiteral(" (through the tunnel)");
    if (!flow.storageBucket.isEmpty())
        line += QStringLiteral(" → bucket %1 on %2").arg(flow.storageBucket, hostName(topology, flow.storageHostId));
    return line;
}

QList<Row> tunnelTable(const TunnelState& tunnel, const NetworkState& network, const DiagramPalette& palette)
{
    const Topology& topology = network.topology();
    const QDateTime now = network.lastUpdate().isValid() ? network.lastUpdate() : QDateTime::currentDateTimeUtc();
    Table table;
    const QString state = PeerStatus::stateName(tunnel.status.state);
    QString word = PeerStatus::stateTitle(tunnel.status.state);
    if (!tunnel.status.flagsText().isEmpty())
        word += QStringLiteral(" (%1)").arg(tunnel.status.flagsText());
    table.add(QStringLiteral("State"), stateHtml(palette, state, word, tunnel.status.reason));
    table.addText(QStringLiteral("Client"), hostName(topology, tunnel.clientHostId) + QStringLiteral("  ") + topology.tunnelAddress(tunnel.clientHostId));
    table.addText(QStringLiteral("Hub"), hostName(topology, tunnel.hubHostId) + QStringLiteral("  ") + topology.tunnelAddress(tunnel.hubHostId));
    const WireGuardPeer* entry = topology.peer(tunnel.hubPeerId);
    const WireGuardInterface* client = topology.interfaceOfHost(tunnel.clientHostId);
    const WireGuardInterface* hub = topology.interfaceOfHost(tunnel.hubHostId);
    table.add(QStringLiteral("Client public key"),
        keyHtml(tunnel.clientPublicKey, (entry && entry->placeholderKey) || (client && client->placeholderKey)));
    table.add(QStringLiteral("Hub public key"), keyHtml(tunnel.hubPublicKey, hub && hub->placeholderKey));
    if (entry) {
        table.addText(QStringLiteral("Allowed IPs (hub)"), entry->allowedIps.join(QStringLiteral(", ")));
        table.addText(QStringLiteral("Preshared key"), entry->presharedKey ? QStringLiteral("configured") : QStringLiteral("none"));
    }
    // Keys are meant to be rotated regularly; the age says when this one is due.
    table.addText(QStringLiteral("Key age"),
        tunnel.keyCreated.isValid()
            ? QStringLiteral("%1 (since %2)")
                  .arg(PeerStateRules::formatAge(tunnel.keyCreated.secsTo(now)),
                      tunnel.keyCreated.toUTC().toString(QStringLiteral("yyyy-MM-dd")))
            : QStringLiteral("unknown (created before Tunnelscope tracked it)"));
    table.addText(QStringLiteral("Keepalive"),
        tunnel.configuredKeepalive > 0 ? QStringLiteral("%1 s").arg(tunnel.configuredKeepalive) : QStringLiteral("off"));
    // Telegraf reports no endpoint before 1.39: most often it is the configuration's, and says so.
    if (!tunnel.endpoint().isEmpty())
        table.add(QStringLiteral("Endpoint"), code(tunnel.endpoint()) + QStringLiteral(" (%1)").arg(escaped(tunnel.endpointOriginText())));
    if (tunnel.telemetry) {
        const PeerTelemetry& telemetry = *tunnel.telemetry;
        table.addText(QStringLiteral("Client → hub"), trafficText(tunnel.clientToHubBytesPerSecond(), telemetry.rxBytes, tunnel));
        table.addText(QStringLiteral("Hub → client"), trafficText(tunnel.hubToClientBytesPerSecond(), telemetry.txBytes, tunnel));
        table.addText(QStringLiteral("Last handshake"), timeAndAge(telemetry.lastHandshake, now));
        table.addText(QStringLiteral("Reported by"), tunnel.reportedBy);
    } else {
        table.addText(QStringLiteral("Telemetry"), QStringLiteral("none for this tunnel"));
    }
    return table.rows();
}

/// The hub's thousands of tunnels in one line: how many there are in each state.
QString tunnelCounts(const QList<const TunnelState*>& tunnels)
{
    QMap<int, int> perState;
    for (const TunnelState* tunnel : tunnels)
        ++perState[static_cast<int>(tunnel->status.state)];
    QStringList parts;
    for (auto it = perState.cbegin(); it != perState.cend(); ++it)
        parts.append(QStringLiteral("%1 %2").arg(QLocale().toString(it.value()), PeerStatus::stateName(static_cast<PeerStatus::State>(it.key()))));
    return QStringLiteral("%1 (%2)").arg(QLocale().toString(tunnels.size()), parts.join(QStringLiteral(", ")));
}

/// The tunnels beyond the first tunnelLimit are left out: their tables would run to megabytes of HTML.
Section moreTunnels(qsizetype shown, qsizetype total)
{
    const qsizetype next = std::min<qsizetype>(OverviewDocument::TunnelPage, total - shown);
    return {QStringLiteral("%1 more tunnels").arg(QLocale().toString(total - shown)), {},
        QStringLiteral("<p>Showing the first %1 of %2 tunnels. <a href='%3'>Show %4 more</a>, or select a peer in the "
                       "diagram or the tree for its own.</p>")
            .arg(QLocale().toString(shown), QLocale().toString(total), OverviewDocument::MoreTunnelsLink,
                QLocale().toString(next))};
}

OverviewDocument::Document hostDocument(const QString& hostId, const NetworkState& network, const DiagramPalette& palette,
    int tunnelLimit)
{
    const Topology& topology = network.topology();
    const Host* host = topology.host(hostId);
    if (!host)
        return {hostId, QStringLiteral("no longer in the topology"), {}};
    OverviewDocument::Document document{host->displayName(),
        Host::roleTitle(host->role) + (host->description.isEmpty() ? QString() : QStringLiteral(" — ") + host->description), {}};

    QString tunnelState;
    QString tunnelReason;
    const QList<const TunnelState*> tunnels = network.tunnelsOfHost(hostId);
    for (const TunnelState* tunnel : tunnels) {
        if (tunnel->clientHostId == hostId) {
            tunnelState = PeerStatus::stateName(tunnel->status.state);
            tunnelReason = tunnel->status.reason;
        }
    }
    HostCardContent content = HostCardContent::fromTopology(*host, topology);
    content.refresh(*host, network, tunnelState, tunnelReason);

    Table facts;
    facts.add(QStringLiteral("State"), stateHtml(palette, content.stateName, content.stateWord, content.stateReason));
    facts.add(QStringLiteral("Metrics"), stateHtml(palette, content.metricsState, content.metricsLine, QString()));
    if (const Segment* segment = topology.segment(host->segmentId))
        facts.addText(QStringLiteral("Segment"), segment->name);
    if (const Host* parent = topology.host(host->parentHostId))
        facts.addText(QStringLiteral("Runs on"), parent->displayName());
    facts.addText(QStringLiteral("Addresses"), host->addresses.join(QStringLiteral(", ")));
    if (const WireGuardInterface* wg = topology.interfaceOfHost(hostId)) {
        facts.addText(QStringLiteral("Tunnel address"), wg->name + QStringLiteral(" ") + wg->addresses.join(QStringLiteral(", ")));
        facts.add(QStringLiteral("Public key"), keyHtml(wg->publicKey, wg->placeholderKey));
        if (wg->listenPort > 0)
            facts.addText(QStringLiteral("Listens on"), QStringLiteral("UDP %1").arg(wg->listenPort));
    }
    const HostState state = network.hostState(hostId);
    if (state.telemetry) {
        const HostTelemetry& telemetry = *state.telemetry;
        if (telemetry.cpuBusyPercent)
            facts.addText(QStringLiteral("CPU busy"), QStringLiteral("%1 %").arg(*telemetry.cpuBusyPercent, 0, 'f', 1));
        if (telemetry.memoryUsedPercent)
            facts.addText(QStringLiteral("Memory used"), QStringLiteral("%1 %").arg(*telemetry.memoryUsedPercent, 0, 'f', 1));
        if (telemetry.load1)
            facts.addText(QStringLiteral("Load (1 min)"), QString::number(*telemetry.load1, 'f', 2));
        if (telemetry.uptimeSeconds)
            facts.addText(QStringLiteral("Uptime"), PeerStateRules::formatAge(*telemetry.uptimeSeconds));
    }
    if (state.logEvents)
        facts.addText(QStringLiteral("Log events (1 h)"), QStringLiteral("fail2ban %1, WireGuard %2")
                                                              .arg(state.logEvents->fail2banEvents)
                                                              .arg(state.logEvents->wireguardEvents));
    if (tunnels.size() > tunnelLimit)
        facts.addText(QStringLiteral("Tunnels"), tunnelCounts(tunnels));
    document.sections.append({{}, facts.rows(), {}});

    for (qsizetype i = 0; i < std::min<qsizetype>(tunnels.size(), tunnelLimit); ++i) {
        const TunnelState* tunnel = tunnels.at(i);
        const QString other = tunnel->clientHostId == hostId ? tunnel->hubHostId : tunnel->clientHostId;
        document.sections.append({QStringLiteral("Tunnel with ") + hostName(topology, other), tunnelTable(*tunnel, network, palette), {}});
    }
    if (tunnels.size() > tunnelLimit)
        document.sections.append(moreTunnels(tunnelLimit, tunnels.size()));
    if (!host->services.isEmpty()) {
        QString items;
        for (const auto& service : host->services)
            items += QStringLiteral("<li>%1 <span>(%2)</span></li>")
                         .arg(escaped(HostCardContent::badgeText(service)), escaped(Service::exposureName(service.exposure)));
        document.sections.append({QStringLiteral("Services"), {}, listHtml(items)});
    }
    QString flows;
    for (const auto& flow : topology.flows) {
        if (flow.sourceHostId == hostId || flow.targetHostId == hostId || flow.storageHostId == hostId)
            flows += QStringLiteral("<li>%1</li>").arg(escaped(flowLine(topology, flow)));
    }
    if (!flows.isEmpty())
        document.sections.append({QStringLiteral("Flows"), {}, listHtml(flows)});
    return document;
}

OverviewDocument::Document tunnelDocument(const QString& tunnelId, const NetworkState& network, const DiagramPalette& palette)
{
    const TunnelState* tunnel = network.tunnel(tunnelId);
    if (!tunnel)
        return {tunnelId, QStringLiteral("no longer in the topology"), {}};
    const Topology& topology = network.topology();
    return {QStringLiteral("Tunnel %1 ↔ %2").arg(hostName(topology, tunnel->clientHostId), hostName(topology, tunnel->hubHostId)),
        QStringLiteral("WireGuard"), {{{}, tunnelTable(*tunnel, network, palette), {}}}};
}

OverviewDocument::Document flowDocument(const QString& flowId, const NetworkState& network, const DiagramPalette&)
{
    const Topology& topology = network.topology();
    for (const auto& flow : topology.flows) {
        if (flow.id != flowId)
            continue;
        Table table;
        table.addText(QStringLiteral("Path"), flowLine(topology, flow));
        if (const Host* source = topology.host(flow.sourceHostId)) {
            if (const Service* agent = source->service(flow.sourceServiceId))
                table.addText(QStringLiteral("Agent"), agent->name);
        }
        table.addText(QStringLiteral("Bucket"), flow.storageBucket);
        return {QStringLiteral("%1 flow from %2").arg(DataFlow::kindName(flow.kind), hostName(topology, flow.sourceHostId)),
            QStringLiteral("Data flow"), {{{}, table.rows(), {}}}};
    }
    return {flowId, QStringLiteral("no longer in the topology"), {}};
}

OverviewDocument::Document segmentDocument(const QString& segmentId, const NetworkState& network, const DiagramPalette&)
{
    const Topology& topology = network.topology();
    const Segment* segment = topology.segment(segmentId);
    if (!segment)
        return {segmentId, QStringLiteral("no longer in the topology"), {}};
    Table table;
    table.addText(QStringLiteral("Kind"), Segment::kindName(segment->kind));
    table.addText(QStringLiteral("Addresses"), segment->cidr);
    if (const Segment* parent = topology.segment(segment->parentId))
        table.addText(QStringLiteral("Inside"), parent->name);
    QStringList hosts;
    for (const Host* host : topology.hostsInSegment(segmentId))
        hosts.append(host->displayName());
    table.addText(QStringLiteral("Hosts"), hosts.join(QStringLiteral(", ")));
    return {segment->name, QStringLiteral("Network segment"), {{{}, table.rows(), {}}}};
}

OverviewDocument::Document unknownPeerDocument(const QString& id, const NetworkState& network, const DiagramPalette& palette)
{
    for (const auto& peer : network.unknownPeers()) {
        if (peer.id != id)
            continue;
        Table table;
        const QString state = PeerStatus::stateName(peer.status.state);
        table.add(QStringLiteral("State"), stateHtml(palette, state, PeerStatus::stateTitle(peer.status.state), peer.status.reason));
        table.add(QStringLiteral("Public key"), code(peer.telemetry.publicKey));
        table.addText(QStringLiteral("Reported by"), peer.telemetry.reportingHost + QStringLiteral(" (") + peer.telemetry.device + QStringLiteral(")"));
        if (!peer.telemetry.endpoint.isEmpty())
            table.add(QStringLiteral("Endpoint"), code(peer.telemetry.endpoint)
                          + QStringLiteral(" (reported by %1)").arg(escaped(peer.telemetry.reportingHost)));
        table.addText(QStringLiteral("Allowed IPs"), peer.telemetry.allowedIps.join(QStringLiteral(", ")));
        table.addText(QStringLiteral("Received"),
                      lastKnownText(rate(peer.telemetry.rxBytesPerSecond), peer.status, peer.telemetry.sampleTime));
        table.addText(QStringLiteral("Sent"),
                      lastKnownText(rate(peer.telemetry.txBytesPerSecond), peer.status, peer.telemetry.sampleTime));
        return {QStringLiteral("Unknown peer"),
            QStringLiteral("Reported by telemetry but not in the topology: add it, or find out who it is"),
            {{{}, table.rows(), {}}}};
    }
    return {QStringLiteral("Unknown peer"), QStringLiteral("no longer reported"), {}};
}

} // namespace

namespace OverviewDocument {

QString Document::html() const
{
    QString html;
    for (const Section& section : sections)
        html += (section.heading.isEmpty() ? QString() : heading(section.heading)) + tableHtml(section.rows) + section.extraHtml;
    return html;
}

QString Document::layoutKey() const
{
    // Unit and record separators cannot occur in the keys or the HTML.
    QString key;
    for (const Section& section : sections) {
        key += section.heading + QChar(0x1f);
        for (const Row& row : section.rows)
            key += row.key + QChar(0x1f);
        key += section.extraHtml + QChar(0x1e);
    }
    return key;
}

Document build(const DiagramElement& element, const NetworkState& network, const DiagramPalette& palette, int tunnelLimit)
{
    switch (element.kind) {
    case DiagramElement::Kind::Host:
        return hostDocument(element.id, network, palette, tunnelLimit);
    case DiagramElement::Kind::Tunnel:
        return tunnelDocument(element.id, network, palette);
    case DiagramElement::Kind::Flow:
        return flowDocument(element.id, network, palette);
    case DiagramElement::Kind::Segment:
        return segmentDocument(element.id, network, palette);
    case DiagramElement::Kind::UnknownPeer:
        return unknownPeerDocument(element.id, network, palette);
    case DiagramElement::Kind::None:
        break;
    }
    return {QStringLiteral("Nothing selected"), QStringLiteral("Click a host, a tunnel or a flow in the diagram or the tree."), {}};
}

} // namespace OverviewDocument
