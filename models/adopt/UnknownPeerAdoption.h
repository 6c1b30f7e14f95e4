// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "telemetry/UnknownPeer.h"
#include "topology/Topology.h"

#include <QString>
#include <QStringList>

/** What the user decides when adopting a key that telemetry reports but the topology lacks. */
struct PeerAdoptionRequest
{
    QString name;   ///< the peer's name; made a label (HostLabel), free text kept as a new host's description
    QString hostId; ///< an existing host at the far end; empty: a new host named name in "WireGuard peers"
    QString interfaceId; ///< the interface that reported it; empty: the reporting host's, else the hub's
    QStringList allowedIps; ///< empty: the telemetry's allowed_peer_cidr
};

struct PeerAdoptionResult
{
    Topology topology; ///< with the peer (and new host) when ok(), else the input
    QString peerId;
    QString hostId;
    bool newHost = false;
    QString error; ///< names the way forward

    bool ok() const { return error.isEmpty(); }
};

/**
 * Adopting an unknown peer (NetworkState::unknownPeers, `tunnelscope-cli peer adopt`): a [Peer] entry on the
 * interface that reported it, with the telemetry's key, AllowedIPs, endpoint and keepalive, marked
 * clientConfigAvailable = false, and a host for it. Refused when the key is already in the topology, the name or
 * host is unusable, or the AllowedIPs overlap another peer's (both named).
 */
namespace UnknownPeerAdoption {

PeerAdoptionResult adopt(const Topology& topology, const UnknownPeer& peer, const PeerAdoptionRequest& request);
/// A name to offer: the label of the peer's first allowed address ("peer-10-10-0-5"), unique in the topology.
QString suggestedName(const Topology& topology, const UnknownPeer& peer);

} // namespace UnknownPeerAdoption
