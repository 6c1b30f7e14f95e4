// SPDX-License-Identifier: GPL-3.0-or-later
#include "GeneratedServer.h"

#include "WireGuardTools.h"

namespace {

QString wg(const QStringList& arguments, const QByteArray& input, QString* error)
{
    const WireGuardTools::Run run = WireGuardTools::run(QStringLiteral("wg"), arguments, input);
    if (!run.ok()) {
        *error = QStringLiteral("wg %1: %2").arg(arguments.join(QLatin1Char(' ')), run.describe());
        return {};
    }
    return QString::fromLatin1(run.out).trimmed();
}

GeneratedServer::Peer peerNumber(int i)
{
    GeneratedServer::Peer peer;
    const QString v4 = QStringLiteral("10.10.0.%1/32").arg(10 + i);
    const QString v6 = QStringLiteral("fd00::%1/128").arg(10 + i, 0, 16);
    switch (i) {
    case 0:
        peer.name = QStringLiteral("prod");
        peer.allowedIps = {v4};
        peer.presharedKey = true;
        peer.endpoint = QStringLiteral("198.51.100.7:51820");
        break;
    case 1:
        peer.name = QStringLiteral("Bob's phone");
        peer.allowedIps = {v4, v6};
        peer.keepalive = 25;
        break;
    case 2:
        peer.allowedIps = {v4};
        break;
    case 3:
        peer.name = QStringLiteral("Home office router");
        peer.allowedIps = {v4, QStringLiteral("192.168.50.0/24"), v6};
        break;
    default:
        peer.name = QStringLiteral("collector %1").arg(i);
        peer.allowedIps = {v4};
        peer.presharedKey = i % 2 == 0;
        peer.keepalive = i % 3 == 0 ? 25 : 0;
        break;
    }
    return peer;
}

} // namespace

bool GeneratedServer::keyPair(QString& privateKey, QString& publicKey, QString* error)
{
    QString failure;
    privateKey = wg({QStringLiteral("genkey")}, {}, &failure);
    publicKey = privateKey.isEmpty() ? QString() : wg({QStringLiteral("pubkey")}, privateKey.toLatin1(), &failure);
    if (error && !failure.isEmpty())
        *error = failure;
    return failure.isEmpty();
}

GeneratedServer GeneratedServer::make(int count, QString* error)
{
    if (!WireGuardTools::available(QStringLiteral("wg"))) {
        *error = QStringLiteral("wg is not installed (Debian package wireguard-tools)");
        return {};
    }
    GeneratedServer server;
    if (!keyPair(server.privateKey, server.publicKey, error))
        return {};
    server.presharedKey = wg({QStringLiteral("genpsk")}, {}, error);
    for (int i = 0; i < count && error->isEmpty(); ++i) {
        Peer peer = peerNumber(i);
        keyPair(peer.privateKey, peer.publicKey, error);
        server.peers.append(peer);
    }
    if (!error->isEmpty())
        return {};
    // The config must be one wg-quick itself reads.
    if (WireGuardTools::available(QStringLiteral("wg-quick"))) {
        const WireGuardTools::Run stripped = WireGuardTools::wgQuickStrip(server.wgQuickText());
        if (!stripped.ok()) {
            *error = QStringLiteral("wg-quick strip refused the generated config: ") + stripped.describe();
            return {};
        }
    }
    return server;
}

QString GeneratedServer::wgQuickText() const
{
    QString text = QStringLiteral("# /etc/wireguard/wg0.conf, written by hand over the years\n[Interface]\n");
    for (const QString& address : addresses)
        text += QStringLiteral("Address = %1\n").arg(address);
    text += QStringLiteral("ListenPort = %1\nPrivateKey = %2\n").arg(listenPort).arg(privateKey);
    text += QStringLiteral("PostUp = iptables -A FORWARD -i %i -j ACCEPT  # forwarding\n");
    for (const Peer& peer : peers) {
        text += QLatin1Char('\n');
        if (!peer.name.isEmpty())
            text += QStringLiteral("# Name = %1\n").arg(peer.name);
        text += QStringLiteral("[Peer]\n# added by hand\nPublicKey = %1\n").arg(peer.publicKey);
        if (peer.presharedKey)
            text += QStringLiteral("PresharedKey = %1\n").arg(presharedKey);
        text += QStringLiteral("AllowedIPs = %1\n").arg(peer.allowedIps.join(QStringLiteral(", ")));
        if (!peer.endpoint.isEmpty())
            text += QStringLiteral("Endpoint = %1\n").arg(peer.endpoint);
        if (peer.keepalive > 0)
            text += QStringLiteral("PersistentKeepalive = %1  # behind NAT\n").arg(peer.keepalive);
    }
    return text;
}

QString GeneratedServer::dumpText(const QString& device) const
{
    const QString prefix = device.isEmpty() ? QString() : device + QLatin1Char('\t');
    QString text = prefix + QStringLiteral("%1\t%2\t%3\toff\n").arg(privateKey, publicKey).arg(listenPort);
    for (const Peer& peer : peers) {
        text += prefix
            + QStringList{peer.publicKey, peer.presharedKey ? presharedKey : QStringLiteral("(none)"),
                peer.endpoint.isEmpty() ? QStringLiteral("(none)") : peer.endpoint, peer.allowedIps.join(QLatin1Char(',')),
                QStringLiteral("0"), QStringLiteral("0"), QStringLiteral("0"),
                peer.keepalive > 0 ? QString::number(peer.keepalive) : QStringLiteral("off")}
                  .join(QLatin1Char('\t'))
            + QLatin1Char('\n');
    }
    return text;
}
