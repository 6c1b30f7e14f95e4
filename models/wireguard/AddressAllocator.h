// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "wireguard/IpNetwork.h"

#include <QList>
#include <QString>

#include <optional>

struct Topology;
class WireGuardConfig;

/**
 * Hands out tunnel addresses: the next free one in the subnet, or checks one the user asked for. Knows what the
 * topology, an imported server config and the servers' reservations already use. IPv4 and IPv6.
 */
class AddressAllocator
{
public:
    explicit AddressAllocator(const IpNetwork& subnet);

    /// The tunnel subnet of a topology: the network of the hub interface's address (10.10.0.11/24 gives
    /// 10.10.0.0/24), else the CIDR of a VPN segment.
    static std::optional<IpNetwork> tunnelSubnet(const Topology& topology, QString* error = nullptr);

    const IpNetwork& subnet() const { return m_subnet; }

    /// Marks an address or range as used by owner. Ranges that cover the whole subnet are routes towards the
    /// server (a client's AllowedIPs = 10.10.0.0/24), not assignments, and are ignored, as is anything outside.
    void addUsed(const QString& cidr, const QString& owner);
    /// Interface addresses count as single addresses: 10.10.0.11/24 uses 10.10.0.11 only.
    void addInterfaceAddress(const QString& cidr, const QString& owner);
    void reserve(const QString& cidr, const QString& reason);
    void addTopology(const Topology& topology);
    void addServerConfig(const WireGuardConfig& config, const QString& serverName);

    /// The lowest free host address, without prefix; empty with error set when the subnet is full.
    QString next(QString* error = nullptr) const;
    /// Empty when address may be given to a new peer, else the reason it may not.
    QString refusal(const QString& address) const;
    /// "10.10.0.23/32" or "fd00::5/128": how a single tunnel address is written in Address and AllowedIPs.
    QString hostRoute(const QString& address) const;

private:
    struct Used
    {
        IpNetwork range;
        QString owner;
    };
    const Used* user(IpNetwork::Address address) const;

    IpNetwork m_subnet;
    QList<Used> m_used;
};
