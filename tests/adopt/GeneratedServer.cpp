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

GeneratedServer::Peer peerNumber(int i, const QString& key)
{
    GeneratedServer::Peer peer;
    peer.publicKey = key;
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

QString GeneratedServer::newPublicKey(QString* error)
{
    const QString privateKey = wg({QStringLiteral("genkey")}, {}, error);
    return privateKey.isEmpty() ? QString() : wg({QStringLiteral("pubkey")}, privateKey.toLatin1(), error);
}

bool GeneratedServer::generate(int count, GeneratedServer* server, QString* error)
{
    server->privateKey = wg({QStringLiteral("genkey")}, {}, error);
    server->publicKey = server->privateKey.isEmpty()
        ? QString()
        : wg({QStringLiteral("pubkey")}, server->privateKey.toLatin1(), error);
    server->presharedKey = wg({QStringLiteral("genpsk")}, {}, error);
    for (int i = 0; i < count && error->isEmpty(); ++i)
        server->peers.append(peerNumber(i, newPublicKey(error)));
    return error->isEmpty();
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
        text += QStringLiteral("[Peer]\nPublicKey = %1\n").arg(peer.publicKey);
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
