// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "telemetry/PeerStatus.h"
#include "telemetry/PeerTelemetry.h"

#include <QDateTime>
#include <QString>

#include <optional>

/**
 * One WireGuard tunnel between two hosts of the topology, with its live state. Telemetry is always in the hub's
 * view: rx is what the hub received from the client (client -> hub), tx what it sent.
 */
struct TunnelState
{
    QString id;              ///< stable: the hub-side peer entry's id, or the client-side one
    QString hubHostId;       ///< the WireGuard server end
    QString clientHostId;    ///< the other end; may be empty for a peer entry whose host is unknown
    QString hubPeerId;       ///< the [Peer] entry on the hub's interface, if the topology has it
    QString clientPeerId;    ///< the [Peer] entry on the client's interface, if the topology has it
    QString clientPublicKey;
    QString hubPublicKey;
    QString name;            ///< the client's name as the user knows it
    int configuredKeepalive = 0;
    QDateTime keyCreated; ///< the hub entry's key birth: a new peer nobody reports yet is pending, not unknown
    std::optional<PeerTelemetry> telemetry;
    bool reportedByHub = false; ///< false when only the client's end reported it
    PeerStatus status;

    std::optional<double> clientToHubBytesPerSecond() const { return telemetry ? telemetry->rxBytesPerSecond : std::nullopt; }
    std::optional<double> hubToClientBytesPerSecond() const { return telemetry ? telemetry->txBytesPerSecond : std::nullopt; }
};
