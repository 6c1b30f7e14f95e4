// SPDX-License-Identifier: GPL-3.0-or-later
#include "wireguard/AddressAllocator.h"

#include "topology/Topology.h"
#include "wireguard/WireGuardConfig.h"

AddressAllocator::AddressAllocator(const IpNetwork& subnet)
    : m_subnet(subnet.network())
{
}

std::optional<IpNetwork> AddressAllocator::tunnelSubnet(const Topology& topology, QString* error)
{
    for (const auto& wgInterface : topology.interfaces) {
        if (!wgInterface.isHub)
            continue;
        for (const QString& address : wgInterface.addresses) {
            const auto network = IpNetwork::parse(address);
            if (network && !network->isHostRoute())
                return network->network();
        }
    }
    for (const auto& segment : topology.segments) {
        if (segment.kind != Segment::Kind::Vpn)
            continue;
        if (const auto network = IpNetwork::parse(segment.cidr); network && !network->isHostRoute())
            return network->network();
    }
    if (error)
        *error = QStringLiteral("the topology names no tunnel subnet: give the hub interface an address with a prefix "
                                "(10.10.0.11/24) or a VPN segment a CIDR");
    return std::nullopt;
}

void AddressAllocator::addUsed(const QString& cidr, const QString& owner)
{
    const auto range = IpNetwork::parse(cidr);
    if (!range || range->isIpv6() != m_subnet.isIpv6())
        return;
    const IpNetwork network = range->network();
    if (network.contains(m_subnet) || !m_subnet.overlaps(network))
        return;
    m_used.append({network, owner});
}

void AddressAllocator::addInterfaceAddress(const QString& cidr, const QString& owner)
{
    if (const auto range = IpNetwork::parse(cidr))
        addUsed(range->host(range->address()).toString(), owner);
}

void AddressAllocator::reserve(const QString& cidr, const QString& reason)
{
    addUsed(cidr, reason);
}

void AddressAllocator::addTopology(const Topology& topology)
{
    for (const auto& wgInterface : topology.interfaces) {
        const Host* host = topology.host(wgInterface.hostId);
        const QString owner = host ? host->name : wgInterface.hostId;
        for (const QString& address : wgInterface.addresses)
            addInterfaceAddress(address, owner);
    }
    for (const auto& peer : topology.peers) {
        for (const QString& range : peer.allowedIps)
            addUsed(range, QStringLiteral("peer \"%1\"").arg(peer.name.isEmpty() ? peer.id : peer.name));
    }
}

void AddressAllocator::addServerConfig(const WireGuardConfig& config, const QString& serverName)
{
    if (const auto* wgInterface = config.interfaceSection()) {
        for (const QString& address : wgInterface->values(u"Address"))
            addInterfaceAddress(address, serverName);
    }
    for (const auto* peer : config.peers()) {
        const QString name = peer->name().isEmpty() ? peer->value(u"PublicKey").left(8) + QStringLiteral("…")
                                                    : peer->name();
        for (const QString& range : peer->values(u"AllowedIPs"))
            addUsed(range, QStringLiteral("peer \"%1\" in %2's config").arg(name, serverName));
    }
}

const AddressAllocator::Used* AddressAllocator::user(IpNetwork::Address address) const
{
    for (const auto& used : m_used) {
        if (used.range.contains(address))
            return &used;
    }
    return nullptr;
}

QString AddressAllocator::next(QString* error) const
{
    // Jump past each used range instead of stepping address by address: bounded by the number of ranges,
    // so a /64 costs no more than a /24.
    IpNetwork::Address candidate = IpNetwork::next(m_subnet.first());
    const IpNetwork::Address end = m_subnet.last();
    for (qsizetype step = 0; step <= m_used.size() + 1; ++step) {
        const bool isBroadcast = !m_subnet.isIpv6() && candidate == end;
        if (candidate > end || isBroadcast || candidate < m_subnet.first())
            break;
        const Used* taken = user(candidate);
        if (!taken)
            return IpNetwork::format(candidate, m_subnet.isIpv6());
        candidate = IpNetwork::next(taken->range.last());
        if (candidate == IpNetwork::Address{})
            break; // wrapped around the top of the address space
    }
    if (error)
        *error = QStringLiteral("no free address is left in %1").arg(m_subnet.toString());
    return {};
}

QString AddressAllocator::refusal(const QString& address) const
{
    QString parseError;
    const auto parsed = IpNetwork::parse(address, &parseError);
    if (!parsed)
        return parseError;
    if (!parsed->isHostRoute())
        return QStringLiteral("%1 is a range; a peer gets a single address").arg(address);
    if (parsed->isIpv6() != m_subnet.isIpv6() || !m_subnet.contains(parsed->address()))
        return QStringLiteral("%1 is outside the tunnel subnet %2").arg(parsed->addressText(), m_subnet.toString());
    if (parsed->address() == m_subnet.first())
        return QStringLiteral("%1 is the network address of %2").arg(parsed->addressText(), m_subnet.toString());
    if (!m_subnet.isIpv6() && parsed->address() == m_subnet.last())
        return QStringLiteral("%1 is the broadcast address of %2").arg(parsed->addressText(), m_subnet.toString());
    if (const Used* taken = user(parsed->address()))
        return QStringLiteral("%1 is taken by %2").arg(parsed->addressText(), taken->owner);
    return {};
}

QString AddressAllocator::hostRoute(const QString& address) const
{
    const auto parsed = IpNetwork::parse(address);
    return parsed ? parsed->host(parsed->address()).toString() : QString();
}
