// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QTest>

/**
 * A WireGuard server's config as an admin has one, with every key made at test time by `wg genkey` and `wg pubkey`:
 * the hub (IPv4 and IPv6 addresses), then peers with "# Name =" comments (free text such as "Bob's phone"), one
 * without a name, some with several AllowedIPs (an IPv6 address, a site's subnet), comments between the lines.
 */
struct GeneratedServer
{
    struct Peer
    {
        QString name; ///< the "# Name =" text, empty for the peer without one
        QString privateKey;
        QString publicKey;
        QStringList allowedIps;
    };

    QString privateKey;
    QString publicKey;
    QStringList addresses{QStringLiteral("10.20.0.1/24"), QStringLiteral("fd20::1/64")};
    int listenPort = 51820;
    QList<Peer> peers;

    /// peerCount peers (at least 4 for the mix above), checked with `wg-quick strip`; empty with error set when wg
    /// or wg-quick is missing or fails.
    static GeneratedServer make(int peerCount, QString* error);
    /// One key pair from wg itself; false with error set when it fails.
    static bool keyPair(QString& privateKey, QString& publicKey, QString* error);

    /// The server's /etc/wireguard/wg0.conf.
    QString wgQuickText() const;
    /// What `wg show wg0 dump` prints for this server (no handshakes yet).
    QString dumpText() const;
};

/// In a test function: skips when the server config cannot be made (wg missing), fails instead under CI.
#define REQUIRE_GENERATED(error_expression)                                                                            \
    do {                                                                                                               \
        const QString generatedError = (error_expression);                                                             \
        if (!generatedError.isEmpty()) {                                                                               \
            if (qEnvironmentVariableIsSet("CI"))                                                                       \
                QFAIL(qPrintable(generatedError));                                                                     \
            QSKIP(qPrintable(generatedError));                                                                         \
        }                                                                                                              \
    } while (false)
