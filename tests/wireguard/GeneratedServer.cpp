// SPDX-License-Identifier: GPL-3.0-or-later
#include "GeneratedServer.h"

#include "WireGuardTools.h"

namespace {

QString peerName(int index)
{
    // The mix an admin's config has: words with spaces and apostrophes, plain labels, and one without a name.
    static const QStringList names{QStringLiteral("Bob's phone"), QString(), QStringLiteral("office-router"),
        QStringLiteral("Grafana VM")};
    if (index < names.size())
        return names.at(index);
    return QStringLiteral("collector %1").arg(index, 2, 10, QLatin1Char('0'));
}

QStringList allowedIpsOf(int index)
{
    const int host = index + 2;
    QStringList ips{QStringLiteral("10.20.0.%1/32").arg(host)};
    if (index % 3 == 0)
        ips.append(QStringLiteral("fd20::%1/128").arg(host, 0, 16));
    if (index == 2)
        ips.append(QStringLiteral("192.168.50.0/24")); // the office router routes its site
    return ips;
}

} // namespace

bool GeneratedServer::keyPair(QString& privateKey, QString& publicKey, QString* error)
{
    const WireGuardTools::Run generated = WireGuardTools::run(QStringLiteral("wg"), {QStringLiteral("genkey")});
    const WireGuardTools::Run derived = generated.ok()
        ? WireGuardTools::run(QStringLiteral("wg"), {QStringLiteral("pubkey")}, generated.out)
        : generated;
    if (!derived.ok()) {
        if (error)
            *error = QStringLiteral("wg genkey | wg pubkey: ") + derived.describe();
        return false;
    }
    privateKey = QString::fromLatin1(generated.out.trimmed());
    publicKey = QString::fromLatin1(derived.out.trimmed());
    return true;
}

GeneratedServer GeneratedServer::make(int peerCount, QString* error)
{
    GeneratedServer server;
    if (!WireGuardTools::available(QStringLiteral("wg"))) {
        if (error)
            *error = QStringLiteral("the wg tool is not installed (apt install wireguard-tools)");
        return {};
    }
    if (!keyPair(server.privateKey, server.publicKey, error))
        return {};
    for (int index = 0; index < peerCount; ++index) {
        Peer peer;
        peer.name = peerName(index);
        peer.allowedIps = allowedIpsOf(index);
        if (!keyPair(peer.privateKey, peer.publicKey, error))
            return {};
        server.peers.append(peer);
    }
    // The config must be one wg-quick itself reads.
    const WireGuardTools::Run stripped = WireGuardTools::wgQuickStrip(server.wgQuickText());
    if (!stripped.ok()) {
        if (error)
            *error = QStringLiteral("wg-quick strip refused the generated config: ") + stripped.describe();
        return {};
    }
    return server;
}

QString GeneratedServer::wgQuickText() const
{
    QString text = QStringLiteral("# wg0 on the server, as wg-quick reads it\n[Interface]\n");
    text += QStringLiteral("Address = %1\nListenPort = %2\nPrivateKey = %3\n")
                .arg(addresses.join(QStringLiteral(", ")))
                .arg(listenPort)
                .arg(privateKey);
    text += QStringLiteral("PostUp = iptables -A FORWARD -i %i -j ACCEPT # forwarding for the site\n");
    for (const Peer& peer : peers) {
        text += QStringLiteral("\n");
        if (!peer.name.isEmpty())
            text += QStringLiteral("# Name = %1\n").arg(peer.name);
        text += QStringLiteral("[Peer]\n# added by hand\nPublicKey = %1\nAllowedIPs = %2\n")
                    .arg(peer.publicKey, peer.allowedIps.join(QStringLiteral(", ")));
    }
    return text;
}

QString GeneratedServer::dumpText() const
{
    QString text = QStringLiteral("%1\t%2\t%3\toff\n").arg(privateKey, publicKey).arg(listenPort);
    for (const Peer& peer : peers)
        text += QStringLiteral("%1\t(none)\t(none)\t%2\t0\t0\t0\toff\n").arg(peer.publicKey, peer.allowedIps.join(QLatin1Char(',')));
    return text;
}
