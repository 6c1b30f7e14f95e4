// SPDX-License-Identifier: GPL-3.0-or-later
#include "collector/CollectorOnboarding.h"

#include "core/PrintableText.h"
#include "topology/TopologyError.h"
#include "topology/TopologyValidator.h"
#include "wireguard/AddressAllocator.h"
#include "wireguard/AllowedIpsOverlap.h"
#include "wireguard/IpNetwork.h"

#include <QRegularExpression>

namespace {

QString addressWithoutPrefix(const QString& cidr)
{
    const auto network = IpNetwork::parse(cidr);
    return network ? network->addressText() : QString();
}

QString defaultSegment(const Topology& topology)
{
    for (const auto kind : {Segment::Kind::PublicCloud, Segment::Kind::Internet}) {
        for (const auto& segment : topology.segments) {
            if (segment.kind == kind)
                return segment.id;
        }
    }
    return topology.segments.isEmpty() ? QString() : topology.segments.constFirst().id;
}

const WireGuardPeer* peerOf(const Topology& topology, const QString& interfaceId, const QString& hostId)
{
    for (const auto& peer : topology.peers) {
        if (peer.interfaceId == interfaceId && peer.hostId == hostId)
            return &peer;
    }
    return nullptr;
}

QString serverEndpoint(const Topology& topology, const Host& server, const WireGuardInterface& hub)
{
    for (const auto& peer : topology.peers) {
        if (peer.hostId == server.id && !peer.endpoint.isEmpty())
            return peer.endpoint;
    }
    if (!server.fqdn.isEmpty())
        return server.fqdn + QLatin1Char(':') + QString::number(hub.listenPort > 0 ? hub.listenPort : 51820);
    return CollectorPlan().serverEndpoint;
}

const Service* serviceOfKind(const Host& host, const QString& kind)
{
    for (const auto& service : host.services) {
        if (service.kind == kind)
            return &service;
    }
    return nullptr;
}

/// The server-side defaults every plan shares.
OnboardingPlanResult serverPlan(const Topology& topology)
{
    OnboardingPlanResult result;
    const WireGuardInterface* hub = CollectorOnboarding::hubInterface(topology);
    const Host* server = hub ? topology.host(hub->hostId) : nullptr;
    if (!hub || !server) {
        result.error = QStringLiteral("the topology has no WireGuard hub (an interface with \"hub\": true) to connect to");
        return result;
    }
    const auto subnet = AddressAllocator::tunnelSubnet(topology, &result.error);
    if (!subnet)
        return result;
    CollectorPlan& plan = result.plan;
    plan.serverName = server->name;
    plan.serverInterfaceName = hub->name;
    plan.serverPublicKey = hub->publicKey;
    plan.serverTunnelAddress = hub->addresses.isEmpty() ? QString() : addressWithoutPrefix(hub->addresses.constFirst());
    plan.serverEndpoint = serverEndpoint(topology, *server, *hub);
    plan.tunnelSubnet = subnet->toString();
    plan.clientAllowedIps = {subnet->toString()};
    if (!topology.dataSources.isEmpty()) {
        const DataSource& source = topology.dataSources.constFirst();
        if (source.influxUrl.isValid() && !source.influxUrl.isEmpty())
            plan.influxUrl = source.influxUrl;
        plan.influxDatabase = source.influxDatabase;
        if (source.lokiUrl.isValid() && !source.lokiUrl.isEmpty()) {
            QUrl push = source.lokiUrl;
            push.setPath(QStringLiteral("/loki/api/v1/push"));
            plan.lokiPushUrl = push;
        }
    }
    return result;
}

DataFlow flowFor(const Topology& topology, const QString& hostId, const QString& serverId, DataFlow::Kind kind)
{
    const bool metrics = kind == DataFlow::Kind::Metrics;
    DataFlow flow;
    flow.id = hostId + (metrics ? QStringLiteral("-metrics") : QStringLiteral("-logs"));
    flow.kind = kind;
    flow.sourceHostId = hostId;
    flow.sourceServiceId = metrics ? QStringLiteral("telegraf") : QStringLiteral("alloy");
    flow.targetHostId = serverId;
    const Host* server = topology.host(serverId);
    const Service* target = server ? serviceOfKind(*server, metrics ? QStringLiteral("influxdb") : QStringLiteral("loki")) : nullptr;
    flow.targetServiceId = target ? target->id : QString();
    flow.viaTunnel = true;
    for (const auto& existing : topology.flows) {
        if (existing.targetHostId == serverId && existing.targetServiceId == flow.targetServiceId
            && !existing.storageHostId.isEmpty()) {
            flow.storageHostId = existing.storageHostId;
            flow.storageBucket = existing.storageBucket;
            break;
        }
    }
    return flow;
}

} // namespace

namespace CollectorOnboarding {

const WireGuardInterface* hubInterface(const Topology& topology)
{
    for (const auto& wgInterface : topology.interfaces) {
        if (wgInterface.isHub)
            return &wgInterface;
    }
    return nullptr;
}

QString hostIdFor(const QString& hostName)
{
    static const QRegularExpression unsafe(QStringLiteral("[^a-z0-9._-]+"));
    QString id = hostName.trimmed().toLower();
    id.replace(unsafe, QStringLiteral("-"));
    return id;
}

const Host* findHost(const Topology& topology, const QString& idOrName)
{
    for (const auto& host : topology.hosts) {
        if (host.id == idOrName || host.name.compare(idOrName, Qt::CaseInsensitive) == 0
            || (!host.fqdn.isEmpty() && host.fqdn.compare(idOrName, Qt::CaseInsensitive) == 0))
            return &host;
    }
    return nullptr;
}

QString addressRefusal(const Topology& topology, const QString& address)
{
    QString error;
    const auto subnet = AddressAllocator::tunnelSubnet(topology, &error);
    if (!subnet)
        return error;
    AddressAllocator allocator(*subnet);
    allocator.addTopology(topology);
    return allocator.refusal(address);
}

OnboardingPlanResult planForNewHost(const Topology& topology, const QString& hostName)
{
    OnboardingPlanResult result = serverPlan(topology);
    if (!result.ok())
        return result;
    CollectorPlan& plan = result.plan;
    plan.hostName = hostName;
    plan.segmentId = defaultSegment(topology);
    AddressAllocator allocator(*IpNetwork::parse(plan.tunnelSubnet));
    allocator.addTopology(topology);
    plan.tunnelAddress = allocator.next(&result.error);
    return result;
}

OnboardingPlanResult planForHost(const Topology& topology, const QString& hostIdOrName)
{
    OnboardingPlanResult result = serverPlan(topology);
    if (!result.ok())
        return result;
    const Host* host = findHost(topology, hostIdOrName);
    if (!host) {
        result.error = QStringLiteral("the topology has no host \"%1\"").arg(hostIdOrName);
        return result;
    }
    const WireGuardInterface* wgInterface = topology.interfaceOfHost(host->id);
    const WireGuardInterface* hub = hubInterface(topology);
    const WireGuardPeer* hubEntry = peerOf(topology, hub->id, host->id);
    if (!hubEntry && !wgInterface) {
        result.error = QStringLiteral("host \"%1\" is not a peer of %2").arg(host->name, result.plan.serverName);
        return result;
    }
    CollectorPlan& plan = result.plan;
    plan.hostName = host->name;
    plan.fqdn = host->fqdn;
    plan.role = host->role;
    plan.segmentId = host->segmentId;
    if (wgInterface) {
        plan.interfaceName = wgInterface->name;
        if (!wgInterface->addresses.isEmpty())
            plan.tunnelAddress = addressWithoutPrefix(wgInterface->addresses.constFirst());
        if (const WireGuardPeer* toServer = peerOf(topology, wgInterface->id, hub->hostId)) {
            plan.serverEndpoint = toServer->endpoint.isEmpty() ? plan.serverEndpoint : toServer->endpoint;
            plan.persistentKeepalive = toServer->persistentKeepalive;
            plan.clientAllowedIps = toServer->allowedIps.isEmpty() ? plan.clientAllowedIps : toServer->allowedIps;
            // The key the collector really talks to (peer add --server-public-key may have overridden the hub's).
            if (!toServer->publicKey.isEmpty())
                plan.serverPublicKey = toServer->publicKey;
        }
    }
    if (hubEntry) {
        plan.presharedKey = hubEntry->presharedKey;
        if (plan.tunnelAddress.isEmpty() && !hubEntry->allowedIps.isEmpty())
            plan.tunnelAddress = addressWithoutPrefix(hubEntry->allowedIps.constFirst());
    }
    // Export and rotation write this plan into root scripts and configs: the same checks as for a new host.
    if (const QStringList problems = plan.problems(); !problems.isEmpty())
        result.error = QStringLiteral("cannot generate the configs of host \"%1\": %2; correct it in the topology "
                                      "(`tunnelscope-cli topology validate FILE` lists its problems)")
                           .arg(PrintableText::escaped(host->name), problems.join(QStringLiteral("; ")));
    return result;
}

TopologyChange addCollector(
    const Topology& topology, const CollectorPlan& plan, const QString& clientPublicKey, const QDateTime& keyCreated)
{
    TopologyChange change;
    change.topology = topology;
    const auto refuse = [&](const QString& message) {
        change.error = message;
        change.topology = topology;
        return change;
    };
    const QStringList problems = plan.problems();
    if (!problems.isEmpty())
        return refuse(problems.join(QStringLiteral("; ")));
    const WireGuardInterface* hub = hubInterface(topology);
    if (!hub)
        return refuse(QStringLiteral("the topology has no WireGuard hub to connect to"));
    const QString hostId = hostIdFor(plan.hostName);
    if (findHost(topology, plan.hostName) || topology.host(hostId)
        || (!plan.fqdn.isEmpty() && findHost(topology, plan.fqdn)))
        return refuse(QStringLiteral("the topology already has a host \"%1\"").arg(plan.hostName));
    if (!topology.hostIdOfPublicKey(clientPublicKey).isEmpty())
        return refuse(QStringLiteral("the public key is already used by host \"%1\"").arg(topology.hostIdOfPublicKey(clientPublicKey)));
    const QString refusal = addressRefusal(topology, plan.tunnelAddress);
    if (!refusal.isEmpty())
        return refuse(refusal);
    const auto conflict = AllowedIpsOverlap::check(
        {plan.hostName, {plan.tunnelHostRoute()}}, AllowedIpsOverlap::peersOfInterface(topology, hub->id));
    if (conflict)
        return refuse(conflict->message());

    Topology& result = change.topology;
    const QString serverId = hub->hostId;
    Host host;
    host.id = hostId;
    host.name = plan.hostName;
    host.fqdn = plan.fqdn;
    host.role = plan.role;
    host.segmentId = plan.segmentId;
    host.services = {
        {QStringLiteral("telegraf"), QStringLiteral("Telegraf"), QStringLiteral("telegraf"), {}, Service::Protocol::None,
            Service::Exposure::Agent, {}},
        {QStringLiteral("alloy"), QStringLiteral("Alloy"), QStringLiteral("alloy"), {}, Service::Protocol::None,
            Service::Exposure::Agent, {}},
    };
    result.hosts.append(host);
    WireGuardInterface wgInterface;
    wgInterface.id = hostId + QLatin1Char('-') + plan.interfaceName;
    wgInterface.hostId = hostId;
    wgInterface.name = plan.interfaceName;
    wgInterface.addresses = {plan.tunnelHostRoute()};
    wgInterface.publicKey = clientPublicKey;
    result.interfaces.append(wgInterface);

    WireGuardPeer hubEntry;
    hubEntry.id = serverId + QLatin1Char('-') + hostId;
    hubEntry.name = plan.hostName;
    hubEntry.interfaceId = hub->id;
    hubEntry.hostId = hostId;
    hubEntry.publicKey = clientPublicKey;
    hubEntry.allowedIps = {plan.tunnelHostRoute()};
    hubEntry.presharedKey = plan.presharedKey;
    hubEntry.keyCreated = keyCreated;
    result.peers.append(hubEntry);
    WireGuardPeer toServer;
    toServer.id = hostId + QLatin1Char('-') + serverId;
    toServer.name = plan.serverName;
    toServer.interfaceId = wgInterface.id;
    toServer.hostId = serverId;
    toServer.publicKey = plan.serverPublicKey;
    toServer.allowedIps = plan.clientAllowedIps;
    toServer.endpoint = plan.serverEndpoint;
    toServer.persistentKeepalive = plan.persistentKeepalive;
    toServer.presharedKey = plan.presharedKey;
    toServer.keyCreated = keyCreated;
    result.peers.append(toServer);
    result.flows.append(flowFor(topology, hostId, serverId, DataFlow::Kind::Metrics));
    result.flows.append(flowFor(topology, hostId, serverId, DataFlow::Kind::Logs));

    const QList<TopologyError> errors = TopologyValidator::validate(result);
    if (!errors.isEmpty())
        return refuse(QStringLiteral("the new host would make the topology invalid: ") + TopologyError::describe(errors));
    return change;
}

TopologyChange recordRotation(const Topology& topology, const QString& hostId, const QString& newPublicKey,
    bool presharedKey, const QDateTime& keyCreated)
{
    TopologyChange change;
    change.topology = topology;
    const WireGuardInterface* hub = hubInterface(topology);
    bool found = false;
    for (auto& wgInterface : change.topology.interfaces) {
        if (wgInterface.hostId == hostId && !wgInterface.isHub) {
            wgInterface.publicKey = newPublicKey;
            wgInterface.placeholderKey = false;
            found = true;
        }
    }
    for (auto& peer : change.topology.peers) {
        if (hub && peer.interfaceId == hub->id && peer.hostId == hostId) {
            peer.publicKey = newPublicKey;
            peer.presharedKey = presharedKey;
            peer.keyCreated = keyCreated;
            peer.clientConfigAvailable = true;
            peer.placeholderKey = false;
            found = true;
        } else if (change.topology.interface(peer.interfaceId)
            && change.topology.interface(peer.interfaceId)->hostId == hostId && hub && peer.hostId == hub->hostId) {
            peer.presharedKey = presharedKey;
            peer.keyCreated = keyCreated;
        }
    }
    if (!found) {
        change.error = QStringLiteral("host \"%1\" has no WireGuard key to rotate").arg(hostId);
        change.topology = topology;
    }
    return change;
}

} // namespace CollectorOnboarding
