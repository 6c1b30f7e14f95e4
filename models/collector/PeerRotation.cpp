// SPDX-License-Identifier: GPL-3.0-or-later
#include "collector/PeerRotation.h"

PeerRotation PeerRotation::prepare(const Topology& topology, const QString& hostIdOrName)
{
    PeerRotation rotation;
    const OnboardingPlanResult planned = CollectorOnboarding::planForHost(topology, hostIdOrName);
    if (!planned.ok()) {
        rotation.error = planned.error;
        return rotation;
    }
    const Host* host = CollectorOnboarding::findHost(topology, hostIdOrName);
    rotation.plan = planned.plan;
    rotation.hostId = host->id;
    rotation.hostName = host->name;
    const WireGuardInterface* wgInterface = topology.interfaceOfHost(host->id);
    if (!wgInterface || wgInterface->isHub || wgInterface->publicKey.isEmpty()) {
        rotation.error = QStringLiteral("host \"%1\" is not a collector peer with a known key").arg(host->name);
        return rotation;
    }
    rotation.interfaceId = wgInterface->id;
    rotation.oldPublicKey = wgInterface->publicKey;
    if (const WireGuardInterface* hub = CollectorOnboarding::hubInterface(topology)) {
        for (const auto& peer : topology.peers) {
            if (peer.interfaceId == hub->id && peer.hostId == host->id) {
                rotation.hubPeerId = peer.id;
                rotation.oldKeyCreated = peer.keyCreated;
            }
        }
    }
    return rotation;
}

PeerRotation PeerRotation::rotate(const Topology& topology, const QString& hostIdOrName, const QDateTime& keyCreated)
{
    PeerRotation rotation = prepare(topology, hostIdOrName);
    if (!rotation.ok())
        return rotation;
    rotation.privateKey = WireGuardKey::generatePrivate();
    if (rotation.plan.presharedKey)
        rotation.presharedKey = WireGuardKey::generatePreshared();
    rotation.newPublicKey = rotation.privateKey.publicKey().toBase64();
    rotation.change = CollectorOnboarding::recordRotation(
        topology, rotation.hostId, rotation.newPublicKey, rotation.plan.presharedKey, keyCreated);
    if (!rotation.change.ok()) {
        rotation.error = rotation.change.error;
        return rotation;
    }
    rotation.bundle = CollectorBundle::forRotation(rotation.plan, rotation.oldPublicKey, rotation.privateKey,
        rotation.presharedKey.isNull() ? nullptr : &rotation.presharedKey);
    return rotation;
}
