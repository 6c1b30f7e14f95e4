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

template<typename List>
auto at(const List& list, const TopologyLookup::Positions& positions, const QString& key) -> decltype(&list.front())
{
    const qsizetype position = positions.value(key, -1);
    return position < 0 ? nullptr : &list.at(position);
}

template<typename List>
auto allAt(const List& list, const TopologyLookup::Groups& groups, const QString& key)
{
    QList<decltype(&list.front())> result;
    const auto group = groups.constFind(key);
    if (group == groups.cend())
        return result;
    result.reserve(group->size());
    for (qsizetype position : *group)
        result.append(&list.at(position));
    return result;
}

} // namespace

const Segment* Topology::segment(const QString& id) const
{
    return at(segments, lookup.segments(segments)->byId, id);
}

const Host* Topology::host(const QString& id) const
{
    return at(hosts, lookup.hosts(hosts)->byId, id);
}

Host* Topology::host(const QString& id)
{
    // The caller may change what it gets, ids included, so the index is stale after this call: while it is
    // current, it finds the place; after that, a plain search does, as building an index per call would cost more.
    if (const auto index = lookup.currentHosts(hosts)) {
        const qsizetype position = index->byId.value(id, -1);
        return position < 0 ? nullptr : &hosts[position];
    }
    return findById(hosts, id);
}

const WireGuardInterface* Topology::interface(const QString& id) const
{
    return at(interfaces, lookup.interfaces(interfaces)->byId, id);
}

const WireGuardInterface* Topology::interfaceOfHost(const QString& hostId, const QString& name) const
{
    const auto index = lookup.interfaces(interfaces);
    const auto group = index->byHost.constFind(hostId);
    if (group == index->byHost.cend())
        return nullptr;
    for (qsizetype position : *group) {
        if (name.isEmpty() || interfaces.at(position).name == name)
            return &interfaces.at(position);
    }
    return nullptr;
}

const WireGuardPeer* Topology::peer(const QString& id) const
{
    return at(peers, lookup.peers(peers)->byId, id);
}

const DataSource* Topology::dataSource(const QString& id) const
{
    return at(dataSources, lookup.dataSources(dataSources)->byId, id);
}

QString Topology::hostIdOfPublicKey(const QString& publicKey) const
{
    if (publicKey.isEmpty())
        return {};
    if (const WireGuardInterface* wgInterface = at(interfaces, lookup.interfaces(interfaces)->byPublicKey, publicKey))
        return wgInterface->hostId;
    if (const WireGuardPeer* wgPeer = at(peers, lookup.peers(peers)->withHostByPublicKey, publicKey))
        return wgPeer->hostId;
    return {};
}

QString Topology::tunnelAddress(const QString& hostId) const
{
    const WireGuardInterface* wgInterface = interfaceOfHost(hostId);
    if (wgInterface && !wgInterface->addresses.isEmpty())
        return wgInterface->addresses.constFirst().section(QLatin1Char('/'), 0, 0);
    if (const WireGuardPeer* wgPeer = at(peers, lookup.peers(peers)->withAddressByHost, hostId))
        return wgPeer->allowedIps.constFirst().section(QLatin1Char('/'), 0, 0);
    return {};
}

QList<const Host*> Topology::hostsInSegment(const QString& segmentId) const
{
    return allAt(hosts, lookup.hosts(hosts)->bySegment, segmentId);
}

QList<const Segment*> Topology::childSegments(const QString& parentId) const
{
    return allAt(segments, lookup.segments(segments)->byParent, parentId);
}
