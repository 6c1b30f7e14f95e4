// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

/** A [Peer] entry of an interface: the far end of one tunnel, seen from that interface. Never a private key. */
struct WireGuardPeer
{
    QString id;
    QString name;
    QString interfaceId; ///< the interface whose config holds this entry
    QString hostId;      ///< the host at the far end, empty when not (yet) known
    QString publicKey;
    QStringList allowedIps;
    QString endpoint; ///< host:port, empty for roaming clients
    int persistentKeepalive = 0; ///< seconds, 0 = off
    bool presharedKey = false;   ///< whether one is configured; the key itself is never stored here
    QDateTime keyCreated;        ///< for the key's age; invalid when unknown
    /// False for a peer learnt from the server's wg0.conf (ServerConfigImport): its private key was never known
    /// to Tunnelscope, so its client config cannot be exported, only made anew by a key rotation.
    /// JSON: "clientConfigAvailable": false, written only when false, so older files read as true.
    bool clientConfigAvailable = true;
    /// The key is made up (the reference deployment's): an import replaces it, the diagram says so.
    /// JSON: "placeholderKey": true, written only when true.
    bool placeholderKey = false;

    friend bool operator==(const WireGuardPeer&, const WireGuardPeer&) = default;
};
