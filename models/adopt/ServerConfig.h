// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "adopt/ServerPeerEntry.h"

#include <QList>
#include <QString>
#include <QStringList>

/**
 * What a WireGuard server's own view says about its interface and peers, from wg0.conf or `wg show wg0 dump`.
 * Holds only public material: the private key was turned into hubPublicKey and wiped while reading.
 */
struct ServerConfig
{
    enum class Format { WgQuick, WgDump };

    Format format = Format::WgQuick;
    QString hubPublicKey;  ///< from PrivateKey (wg-quick) or the dump's public-key column; empty when not given
    QStringList addresses; ///< the interface's Address lines; a dump has none
    int listenPort = 0;
    int hubKeyLine = 0; ///< line of PrivateKey (or the dump's interface line), for messages
    QList<ServerPeerEntry> peers;

    friend bool operator==(const ServerConfig&, const ServerConfig&) = default;
};
