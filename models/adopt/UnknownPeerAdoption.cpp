// SPDX-License-Identifier: GPL-3.0-or-later
#include "adopt/UnknownPeerAdoption.h"

#include "adopt/HostLabel.h"
#include "adopt/ServerTopologyBuilder.h"
#include "topology/TopologyValidator.h"
#include "wireguard/AllowedIpsOverlap.h"

namespace {

bool keyIsKnown(const Topology& topology, const QString& key)
{
    return std::any_of(topology.interfaces.begin(), topology.interfaces.end(),
               [&key](const WireGuardInterface& wgInterface) { return wgInterface.publicKey == key; })
        || std::any_of(topology.peers.begin(), topology.peers.end(),
            [&key](const WireGuardPeer& peer) { return peer.publicKey == key; });
}

const WireGuardInterface* reportingInterface(
    const Topology& topology, const UnknownPeer& peer, const PeerAdoptionRequest& request)
{
    if (!request.interfaceId.isEmpty())
        return topology.interface(request.interfaceId);
    if (!peer.reportingHostId.isEmpty()) {
        if (const auto* own = topology.interfaceOfHost(peer.reportingHostId, peer.telemetry.device))
            return own;
    }
    for (const auto& wgInterface : topology.interfaces) {
        if (wgInterface.isHub)
            return &wgInterface;
    }
    return nullptr;
}

bool hostNameTaken(const Topology& topology, const QString& label)
{
    return std::any_of(topology.hosts.begin(), topology.hosts.end(), [&label](const Host& host) {
        return host.id.compare(label, Qt::CaseInsensitive) == 0 || host.name.compare(label, Qt::CaseInsensitive) == 0;
    });
}

QString addNewHost(Topology& topology, const QString& label, const QString& freeText)
{
    const QString segmentId = ServerTopologyBuilder::ensurePeersSegment(topology);
    Host host;
    host.id = label;
    host.name = label;
    host.description = freeText.trimmed() == label ? QString() : freeText.trimmed();
    host.segmentId = segmentId;
    topology.hosts.append(host);
    return host.id;
}

/// Empty when the request can be carried out, else why not and what to do instead.
QString refusal(const Topology& topology, const UnknownPeer& peer, const PeerAdoptionRequest& request,
    const WireGuardInterface* wgInterface, const QString& label)
{
    const QString key = peer.telemetry.publicKey;
    if (!TopologyValidator::isWireGuardKey(key))
        return QStringLiteral("\"%1\" is not a WireGuard public key").arg(key);
    if (keyIsKnown(topology, key))
        return QStringLiteral("the key %1 is already in the topology; nothing to adopt").arg(key);
    if (!wgInterface)
        return request.interfaceId.isEmpty()
            ? QStringLiteral("the topology has no hub interface to add the peer to")
            : QStringLiteral("the topology has no interface \"%1\"").arg(request.interfaceId);
    if (label.isEmpty())
        return QStringLiteral("give the peer a name with letters or digits, e.g. \"bobs-phone\"");
    if (!request.hostId.isEmpty() && !topology.host(request.hostId))
        return QStringLiteral("no host has the id \"%1\"; give an existing host, or none for a new host").arg(request.hostId);
    if (request.hostId.isEmpty() && hostNameTaken(topology, label))
        return QStringLiteral("a host named \"%1\" exists already: pick it as the peer's host, or give another name")
            .arg(label);
    return {};
}

} // namespace

namespace UnknownPeerAdoption {

PeerAdoptionResult adopt(const Topology& topology, const UnknownPeer& peer, const PeerAdoptionRequest& request)
{
    PeerAdoptionResult result;
    result.topology = topology;
    const WireGuardInterface* wgInterface = reportingInterface(topology, peer, request);
    const QString label = HostLabel::fromText(request.name);
    result.error = refusal(topology, peer, request, wgInterface, label);
    if (!result.ok())
        return result;

    WireGuardPeer adopted;
    adopted.name = label;
    adopted.interfaceId = wgInterface->id;
    adopted.publicKey = peer.telemetry.publicKey;
    adopted.allowedIps = request.allowedIps.isEmpty() ? peer.telemetry.allowedIps : request.allowedIps;
    adopted.endpoint = peer.telemetry.endpoint;
    adopted.persistentKeepalive = peer.telemetry.keepaliveSeconds;
    adopted.clientConfigAvailable = false;
    if (adopted.allowedIps.isEmpty()) {
        result.error = QStringLiteral("the telemetry reports no allowed IPs for this peer (allowed_peer_cidr needs "
                                      "Telegraf 1.26 or newer): give them");
        return result;
    }
    if (const auto overlap = AllowedIpsOverlap::check({label, adopted.allowedIps},
            AllowedIpsOverlap::peersOfInterface(topology, wgInterface->id))) {
        result.error = overlap->message();
        return result;
    }
    Topology& changed = result.topology;
    result.newHost = request.hostId.isEmpty();
    result.hostId = result.newHost ? addNewHost(changed, label, request.name) : request.hostId;
    adopted.hostId = result.hostId;
    adopted.id = HostLabel::unique(wgInterface->hostId + QLatin1Char('-') + label,
        [&changed](const QString& id) { return std::as_const(changed).peer(id) != nullptr; });
    result.peerId = adopted.id;
    changed.peers.append(adopted);
    if (const auto errors = TopologyValidator::validate(changed); !errors.isEmpty()) {
        result.error = QStringLiteral("the topology would not be valid: %1").arg(TopologyError::describe(errors));
        result.topology = topology;
    }
    return result;
}

QString suggestedName(const Topology& topology, const UnknownPeer& peer)
{
    const QString base = peer.telemetry.allowedIps.isEmpty()
        ? QStringLiteral("peer-") + HostLabel::fromText(peer.telemetry.publicKey.left(8))
        : HostLabel::fromAddress(peer.telemetry.allowedIps.constFirst());
    return HostLabel::unique(base, [&topology](const QString& candidate) { return hostNameTaken(topology, candidate); });
}

} // namespace UnknownPeerAdoption
