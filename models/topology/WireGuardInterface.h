// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

/** A WireGuard interface on one host (wg0). Only the public half of its key is ever stored. */
struct WireGuardInterface
{
    QString id;
    QString hostId;
    QString name = QStringLiteral("wg0");
    QStringList addresses; ///< e.g. 10.10.0.11/24
    int listenPort = 0;    ///< 0 when the kernel picks one (clients)
    QString publicKey;
    bool isHub = false; ///< the server side: its view of a tunnel wins over the client's
    /// The key is made up (the reference deployment's), not a real interface's: an import replaces it, the
    /// diagram says so. JSON: "placeholderKey": true, written only when true.
    bool placeholderKey = false;

    friend bool operator==(const WireGuardInterface&, const WireGuardInterface&) = default;
};
