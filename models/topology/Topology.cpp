// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/Topology.h"

namespace {

template<typename List>
auto findById(List& list, const QString& id) -> decltype(&list.front())
{
    for (auto& item : list) {
        if (item.id == id)
            return &item;
    }
    return nullptr;
}

} // namespace

const Segment* Topology::segment(const QString& id) const
{
    return findById(segments, id);
}

const Host* Topology::host(const QString& id) const
{
    return findById(hosts, id);
}

Host* Topology::host(const QString& id)
{
    return findById(hosts, id);
}

const WireGuardInterface* Topology::interface(const QString& id) const
{
    return findById(interfaces, id);
}

const WireGuardInterface* Topology::interfaceOfHost(const QString& hostId, const QString& name) const
{
    for (const auto& wgInterface : interfaces) {
        if (wgInterface.hostId == hostId && (name.isEmpty() || wgInterface.name == name))
            return &wgInterface;
    }
    return nullptr;
}

const WireGuardPeer* Topology::peer(const QString& id) const
{
    return findById(peers, id);
}

const DataSource* Topology::dataSource(const QString& id) const
{
    return findById(dataSources, id);
}

QString Topology::hostIdOfPublicKey(const QString& publicKey) const
{
    for (const auto& wgInterface : interfaces) {
        if (!publicKey.isEmpty() && wgInterface.publicKey == publicKey)
            return wgInterface.hostId;
    }
    for (const auto& wgPeer : peers) {
        if (!publicKey.isEmpty() && wgPeer.publicKey == publicKey && !wgPeer.hostId.isEmpty())
            return wgPeer.hostId;
    }
    return {};
}

QString Topology::tunnelAddress(const QString& hostId) const
{
    const WireGuardInterface* wgInterface = interfaceOfHost(hostId);
    if (wgInterface && !wgInterface->addresses.isEmpty())
        return wgInterface->addresses.constFirst().section(QLatin1Char('/'), 0, 0);
    for (const auto& wgPeer : peers) {
        if (wgPeer.hostId == hostId && !wgPeer.allowedIps.isEmpty())
            return wgPeer.allowedIps.constFirst().section(QLatin1Char('/'), 0, 0);
    }
    return {};
}

QList<const Host*> Topology::hostsInSegment(const QString& segmentId) const
{
    QList<const Host*> result;
    for (const auto& candidate : hosts) {
        if (candidate.segmentId == segmentId)
            result.append(&candidate);
    }
    return result;
}

QList<const Segment*> Topology::childSegments(const QString& parentId) const
{
    QList<const Segment*> result;
    for (const auto& candidate : segments) {
        if (candidate.parentId == parentId)
            result.append(&candidate);
    }
    return result;
}
