// SPDX-License-Identifier: GPL-3.0-or-later
#include "adopt/ServerTopologyBuilder.h"

#include "adopt/HostLabel.h"
#include "adopt/ServerConfigReader.h"
#include "adopt/ServerImportPlan.h"
#include "wireguard/IpNetwork.h"

namespace {

Service service(const char* id, const char* name, int port, Service::Protocol protocol, Service::Exposure exposure)
{
    Service made;
    made.id = QString::fromLatin1(id);
    made.name = QString::fromLatin1(name);
    made.kind = made.id;
    made.ports = {port};
    made.protocol = protocol;
    made.exposure = exposure;
    return made;
}

/// The hub's tunnel address to reach its services at: the first IPv4 one, else the first.
std::optional<IpNetwork> serviceAddress(const QStringList& addresses)
{
    std::optional<IpNetwork> chosen;
    for (const QString& text : addresses) {
        const auto network = IpNetwork::parse(text);
        if (network && (!chosen || (chosen->isIpv6() && !network->isIpv6())))
            chosen = network;
    }
    return chosen;
}

QUrl urlAt(const IpNetwork& address, int port)
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(address.addressText());
    url.setPort(port);
    return url;
}

Segment segment(const char* id, const char* name, Segment::Kind kind, const QString& cidr = {})
{
    Segment made;
    made.id = QString::fromLatin1(id);
    made.name = QString::fromLatin1(name);
    made.kind = kind;
    made.cidr = cidr;
    return made;
}

void addDataSource(Topology& topology, Host& hub, const std::optional<IpNetwork>& address,
    const ServerTopologyOptions& options, QStringList* warnings)
{
    DataSource source;
    source.id = hub.id;
    source.name = QStringLiteral("%1 over the tunnel").arg(hub.name);
    source.influxUrl = options.influxUrl;
    source.lokiUrl = options.lokiUrl;
    // Defaulted URLs mean the stores run on the hub, so the hub gets their services.
    if (address && source.influxUrl.isEmpty()) {
        source.influxUrl = urlAt(*address, 8086);
        hub.services.append(service("influxdb", "InfluxDB", 8086, Service::Protocol::Tcp, Service::Exposure::VpnOnly));
        hub.role = Host::Role::MonitoringServer;
    }
    if (address && source.lokiUrl.isEmpty()) {
        source.lokiUrl = urlAt(*address, 3100);
        hub.services.append(service("loki", "Loki", 3100, Service::Protocol::Tcp, Service::Exposure::VpnOnly));
        hub.role = Host::Role::MonitoringServer;
    }
    if (source.influxUrl.isEmpty() && source.lokiUrl.isEmpty()) {
        if (warnings)
            warnings->append(QStringLiteral("the server's interface has no address (a dump has none), so there is no "
                                            "data source yet: add the server's InfluxDB and Loki with Data Sources… "
                                            "in the window, or give tunnelscope-cli --address CIDR, or --influx-url "
                                            "and --loki-url"));
        return;
    }
    topology.dataSources.append(source);
}

} // namespace

namespace ServerTopologyBuilder {

Topology hubOnly(const ServerConfig& config, const ServerTopologyOptions& options, QStringList* warnings)
{
    Topology topology;
    topology.name = options.name.isEmpty() ? QStringLiteral("WireGuard network") : options.name;
    const QStringList addresses = options.hubAddresses.isEmpty() ? config.addresses : options.hubAddresses;
    const auto address = serviceAddress(addresses);
    topology.segments.append(segment("wireguard-server", "WireGuard server", Segment::Kind::Other));
    topology.segments.append(segment("vpn", "WireGuard VPN", Segment::Kind::Vpn,
        address ? address->network().toString() : QString()));

    Host hub;
    const QString label = HostLabel::fromText(options.hubName);
    hub.id = label.isEmpty() ? QStringLiteral("wg-server") : label;
    hub.name = hub.id;
    hub.description = options.hubName.trimmed() == hub.name ? QString() : options.hubName.trimmed();
    hub.role = Host::Role::PublicServer;
    hub.segmentId = QStringLiteral("wireguard-server");
    if (config.listenPort > 0)
        hub.services.append(service("wireguard", "WireGuard", config.listenPort, Service::Protocol::Udp,
            Service::Exposure::Public));
    addDataSource(topology, hub, address, options, warnings);

    WireGuardInterface wgInterface;
    wgInterface.id = hub.id + QLatin1Char('-') + options.interfaceName;
    wgInterface.hostId = hub.id;
    wgInterface.name = options.interfaceName;
    wgInterface.addresses = addresses;
    wgInterface.listenPort = config.listenPort;
    wgInterface.publicKey = config.hubPublicKey;
    wgInterface.isHub = true;
    if (config.hubPublicKey.isEmpty() && warnings)
        warnings->append(QStringLiteral("the config has no PrivateKey, so the hub's public key is not known; import "
                                        "the full wg0.conf or `wg show wg0 dump` later to add it"));
    topology.hosts.append(hub);
    topology.interfaces.append(wgInterface);
    return topology;
}

ServerTopologyResult build(const ServerConfig& config, const ServerTopologyOptions& options)
{
    ServerTopologyResult result;
    const Topology hub = hubOnly(config, options, &result.warnings);
    // The hub's addresses are the options' when given; the merge must not set them back to the config's.
    ServerConfig peersOnly = config;
    peersOnly.addresses = hub.interfaces.constFirst().addresses;
    const ServerImportPlan plan = ServerImportPlan::make(hub, peersOnly);
    for (const auto& conflict : plan.conflicts())
        result.errors.append({conflict.line, conflict.message});
    result.warnings.append(plan.warnings());
    result.topology = plan.apply();
    return result;
}

ServerTopologyResult build(const QString& text, const ServerTopologyOptions& options)
{
    const ServerConfigReadResult read = ServerConfigReader::read(text);
    if (!read.ok()) {
        ServerTopologyResult result;
        result.errors = read.errors;
        result.warnings = read.warnings;
        return result;
    }
    ServerTopologyResult result = build(read.config, options);
    result.warnings = read.warnings + result.warnings;
    return result;
}

QString ensurePeersSegment(Topology& topology)
{
    const QString id = QString::fromLatin1(PeersSegmentId);
    if (!std::as_const(topology).segment(id))
        topology.segments.append(segment(PeersSegmentId, "WireGuard peers", Segment::Kind::Other));
    return id;
}

} // namespace ServerTopologyBuilder
