// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "collector/CollectorBundle.h"
#include "collector/CollectorOnboarding.h"
#include "wireguard/WireGuardKey.h"

#include <QDateTime>
#include <QString>

/**
 * A key rotation, shared by `tunnelscope-cli peer rotate` and the GUI's rotation wizard: new keys, the bundle
 * whose server script switches keys without dropping the tunnel, and the topology with the new public key.
 */
struct PeerRotation
{
    CollectorPlan plan;
    QString hostId;
    QString hostName;
    QString interfaceId;
    QString hubPeerId;
    QString oldPublicKey;
    QDateTime oldKeyCreated; ///< invalid when unknown
    WireGuardKey privateKey;
    WireGuardKey presharedKey; ///< null when the plan has none
    QString newPublicKey;
    CollectorBundle bundle;
    TopologyChange change;
    QString error;

    bool ok() const { return error.isEmpty(); }

    /// What is known before any key is made: refuses hosts that are not collector peers with a known key.
    static PeerRotation prepare(const Topology& topology, const QString& hostIdOrName);
    /// Makes the new keys, the bundle and the changed topology; keyCreated is the new key's birth.
    static PeerRotation rotate(const Topology& topology, const QString& hostIdOrName, const QDateTime& keyCreated);
};
