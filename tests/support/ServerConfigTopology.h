// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Topology.h"

/// The topology with one public key replaced everywhere it appears (interfaces and peer entries), as a rotation does.
inline Topology topologyWithKeyReplaced(Topology topology, const QString& oldKey, const QString& newKey)
{
    for (auto& wgInterface : topology.interfaces) {
        if (wgInterface.publicKey == oldKey)
            wgInterface.publicKey = newKey;
    }
    for (auto& peer : topology.peers) {
        if (peer.publicKey == oldKey)
            peer.publicKey = newKey;
    }
    return topology;
}

/// The topology with the hub key that matches the private key in tests/data/wireguard/server-wg0.conf, so that
/// ServerConfigImport accepts that file as the hub's.
inline Topology topologyOfServerConfig(const Topology& topology)
{
    return topologyWithKeyReplaced(topology, topology.interface(QStringLiteral("monitor11-wg0"))->publicKey,
                                   QStringLiteral("mhnT/2cX6IQuUfsUifhTiOHKyv6JrYq3dQLMY5PLMg8="));
}

/// The topology with every key marked real: an import must then treat its hub and peers as a real server's, not as
/// the reference deployment's placeholders to replace.
inline Topology topologyWithRealKeys(Topology topology)
{
    for (auto& wgInterface : topology.interfaces)
        wgInterface.placeholderKey = false;
    for (auto& peer : topology.peers)
        peer.placeholderKey = false;
    return topology;
}
