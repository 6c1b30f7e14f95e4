// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/PlainHttpExposure.h"

#include "topology/Topology.h"

#include <QHostAddress>

#include <algorithm>

namespace {

bool insideAny(const QHostAddress& address, const QStringList& cidrs)
{
    for (const QString& cidr : cidrs) {
        const QPair<QHostAddress, int> subnet = QHostAddress::parseSubnet(cidr.trimmed());
        if (!subnet.first.isNull() && address.isInSubnet(subnet))
            return true;
    }
    return false;
}

/// "10.10.0.11/24" as the network it names, "10.10.0.0/24"; empty when it is no address.
QString networkOf(const QString& cidr)
{
    const QPair<QHostAddress, int> subnet = QHostAddress::parseSubnet(cidr.trimmed());
    if (subnet.first.isNull())
        return {};
    if (subnet.first.protocol() != QAbstractSocket::IPv4Protocol)
        return cidr.trimmed(); // isInSubnet masks the host bits itself
    const int prefix = std::clamp(subnet.second, 0, 32);
    const quint32 mask = prefix == 0 ? 0u : ~0u << (32 - prefix);
    return QStringLiteral("%1/%2").arg(QHostAddress(subnet.first.toIPv4Address() & mask).toString()).arg(prefix);
}

} // namespace

QString PlainHttpExposure::warning(const QUrl& url, bool hasCredentials, const QStringList& tunnelCidrs)
{
    const bool credentials = hasCredentials || !url.userInfo().isEmpty();
    if (!credentials || url.scheme().compare(QLatin1String("http"), Qt::CaseInsensitive) != 0 || url.host().isEmpty())
        return {};
    const QString host = url.host();
    const QHostAddress address(host);
    if (address.isNull() && host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return {};
    if (!address.isNull() && (address.isLoopback() || insideAny(address, tunnelCidrs)))
        return {};
    const QString where = tunnelCidrs.isEmpty() ? QStringLiteral("loopback")
                                                : QStringLiteral("the tunnel (%1) and loopback").arg(tunnelCidrs.join(QStringLiteral(", ")));
    const QString what = address.isNull() ? QStringLiteral("the host name %1, which may resolve outside %2").arg(host, where)
                                          : QStringLiteral("%1, outside %2").arg(host, where);
    return QStringLiteral("the credentials go over plain HTTP to %1: anyone on the way can read them; use https or "
                          "the server's tunnel address")
        .arg(what);
}

QStringList PlainHttpExposure::tunnelCidrs(const Topology& topology)
{
    QStringList cidrs;
    for (const WireGuardInterface& interface : topology.interfaces) {
        for (const QString& address : interface.addresses) {
            const QString network = networkOf(address);
            if (!network.isEmpty() && !cidrs.contains(network))
                cidrs.append(network);
        }
    }
    for (const Segment& segment : topology.segments) {
        const QString network = segment.kind == Segment::Kind::Vpn ? networkOf(segment.cidr) : QString();
        if (!network.isEmpty() && !cidrs.contains(network))
            cidrs.append(network);
    }
    return cidrs;
}
