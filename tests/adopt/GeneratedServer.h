// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "support/TestRequirements.h"

#include <QList>
#include <QString>
#include <QStringList>

/**
 * A WireGuard server's config as an admin has one, with every key made at test time by the real `wg genkey` /
 * `wg pubkey` / `wg genpsk`, written out as wg-quick text (comments above and inside sections) or as
 * `wg show wg0 dump` prints it (wg(8): tab-separated, "(none)", "off"). The one fixture of the adopt, wizard and
 * welcome tests.
 */
struct GeneratedServer
{
    struct Peer
    {
        QString name; ///< free text of its "# Name =" comment; empty for none
        QString privateKey; ///< the peer's own, to check it never reaches a file
        QString publicKey;
        QStringList allowedIps;
        bool presharedKey = false;
        int keepalive = 0;
        QString endpoint;
    };

    QString privateKey;
    QString publicKey;
    QString presharedKey; ///< one for every peer that has one
    QStringList addresses{QStringLiteral("10.10.0.1/24"), QStringLiteral("fd00::1/64")};
    int listenPort = 51820;
    QList<Peer> peers;

    /// The server key and count peers: "prod", "Bob's phone" (IPv4 and IPv6), one without a name, "Home office
    /// router" with three AllowedIPs (a LAN behind it), then "collector 4", ... at 10.10.0.(10+i)/32, some with
    /// a preshared key, a keepalive or an endpoint. Checked with `wg-quick strip` when wg-quick is installed.
    /// Without keys, error set, when wg is missing or fails.
    static GeneratedServer make(int count, QString* error);
    /// One key pair from wg itself; false with error set (when not null) when it fails.
    static bool keyPair(QString& privateKey, QString& publicKey, QString* error);

    QString wgQuickText() const; ///< with comments, as an admin's file looks
    QString dumpText(const QString& device = {}) const; ///< device given: the `wg show all dump` form
};

/// In a test function: skips when the server config cannot be made (wg missing), fails instead under CI.
#define REQUIRE_GENERATED(error_expression)                                                                            \
    do {                                                                                                               \
        const QString generatedError_ = (error_expression);                                                            \
        REQUIRE_OR_SKIP(generatedError_.isEmpty(), generatedError_);                                                   \
    } while (false)
