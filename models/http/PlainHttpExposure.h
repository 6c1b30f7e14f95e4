// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

struct Topology;

/**
 * Whether a server's credentials would cross a network in the clear: plain http to an address that is neither
 * loopback nor inside the tunnel. Inside the tunnel WireGuard encrypts them; anywhere else anyone on the path
 * can read them. A host name is warned about too, since nothing says where it resolves.
 */
class PlainHttpExposure
{
public:
    /// The warning to show, empty when there is nothing to warn about. `tunnelCidrs` as "10.10.0.0/24".
    static QString warning(const QUrl& url, bool hasCredentials, const QStringList& tunnelCidrs);
    /// The tunnel's subnets: every WireGuard interface address with its prefix, and every VPN segment's CIDR.
    static QStringList tunnelCidrs(const Topology& topology);
};
