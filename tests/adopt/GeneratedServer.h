// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

/**
 * A WireGuard server's config with keys made by the real `wg genkey` / `wg pubkey` / `wg genpsk` at test time,
 * written out as wg-quick text or as `wg show wg0 dump` prints it (wg(8): tab-separated, "(none)", "off").
 */
struct GeneratedServer
{
    struct Peer
    {
        QString name; ///< free text of its "# Name =" comment; empty for none
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

    /// The server key and count peers: "prod", "Bob's phone" (IPv4 and IPv6), one without a name, one with
    /// three AllowedIPs (a LAN behind it), then "collector 4", ... at 10.10.0.(10+i)/32, some with a
    /// preshared key, a keepalive or an endpoint. False with error when wg failed.
    static bool generate(int count, GeneratedServer* server, QString* error);
    /// One more key pair's public half.
    static QString newPublicKey(QString* error);

    QString wgQuickText() const; ///< with comments, as an admin's file looks
    QString dumpText(const QString& device = {}) const; ///< device given: the `wg show all dump` form
};

/// Tests that need wg: a failure under CI (env CI set), else skipped.
#define REQUIRE_WG()                                                                                                  \
    do {                                                                                                              \
        if (!WireGuardTools::available(QStringLiteral("wg"))) {                                                       \
            if (qEnvironmentVariableIsSet("CI"))                                                                      \
                QFAIL("wg (wireguard-tools) is not installed, and CI is set");                                        \
            QSKIP("wg (wireguard-tools) is not installed");                                                           \
        }                                                                                                             \
    } while (false)
