// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

/** One [Peer] of the server, as its config file or `wg show wg0 dump` describes it. Never a preshared key. */
struct ServerPeerEntry
{
    QString name; ///< free text of its "# Name =" comment, empty when it has none (and always for a dump)
    QString publicKey;
    QStringList allowedIps;
    QString endpoint;
    int persistentKeepalive = 0;
    bool presharedKey = false; ///< whether one is configured
    int line = 0;              ///< 1-based line of its [Peer] header (or dump line), for messages

    friend bool operator==(const ServerPeerEntry&, const ServerPeerEntry&) = default;
};
