// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/TopologyLookup.h"

namespace {

template<typename List>
TopologyLookup::Positions idsOf(const List& list)
{
    TopologyLookup::Positions positions;
    positions.reserve(list.size());
    for (qsizetype i = list.size() - 1; i >= 0; --i)
        positions.insert(list.at(i).id, i); // walking back, the first occurrence is written last and stays
    return positions;
}

template<typename List, typename Key>
TopologyLookup::Groups groupsOf(const List& list, Key&& key)
{
    TopologyLookup::Groups groups;
    for (qsizetype i = 0; i < list.size(); ++i)
        groups[key(list.at(i))].append(i);
    return groups;
}

void insertFirst(TopologyLookup::Positions& positions, const QString& key, qsizetype position)
{
    if (!positions.contains(key))
        positions.insert(key, position);
}

} // namespace

TopologyLookup::TopologyLookup(const TopologyLookup& other)
{
    std::lock_guard lock(other.m_mutex);
    m_segments = other.m_segments;
    m_hosts = other.m_hosts;
    m_interfaces = other.m_interfaces;
    m_peers = other.m_peers;
    m_dataSources = other.m_dataSources;
}

TopologyLookup& TopologyLookup::operator=(const TopologyLookup& other)
{
    if (this == &other)
        return *this;
    std::scoped_lock lock(m_mutex, other.m_mutex);
    m_segments = other.m_segments;
    m_hosts = other.m_hosts;
    m_interfaces = other.m_interfaces;
    m_peers = other.m_peers;
    m_dataSources = other.m_dataSources;
    return *this;
}

template<typename Index, typename List, typename Build>
std::shared_ptr<const Index> TopologyLookup::current(std::shared_ptr<const Index>& index, const List& list, Build&& build) const
{
    std::lock_guard lock(m_mutex);
    if (!index || !index->seen.isSharedWith(list)) {
        auto fresh = std::make_shared<Index>();
        fresh->seen = list;
        build(*fresh);
        index = std::move(fresh);
    }
    return index;
}

std::shared_ptr<const TopologyLookup::Segments> TopologyLookup::segments(const QList<Segment>& list) const
{
    return current(m_segments, list, [&list](Segments& index) {
        index.byId = idsOf(list);
        index.byParent = groupsOf(list, [](const Segment& segment) { return segment.parentId; });
    });
}

std::shared_ptr<const TopologyLookup::Hosts> TopologyLookup::hosts(const QList<Host>& list) const
{
    return current(m_hosts, list, [&list](Hosts& index) {
        index.byId = idsOf(list);
        index.bySegment = groupsOf(list, [](const Host& host) { return host.segmentId; });
    });
}

std::shared_ptr<const TopologyLookup::Hosts> TopologyLookup::currentHosts(const QList<Host>& list) const
{
    std::lock_guard lock(m_mutex);
    return m_hosts && m_hosts->seen.isSharedWith(list) ? m_hosts : nullptr;
}

std::shared_ptr<const TopologyLookup::Interfaces> TopologyLookup::interfaces(const QList<WireGuardInterface>& list) const
{
    return current(m_interfaces, list, [&list](Interfaces& index) {
        index.byId = idsOf(list);
        index.byHost = groupsOf(list, [](const WireGuardInterface& wgInterface) { return wgInterface.hostId; });
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (!list.at(i).publicKey.isEmpty())
                insertFirst(index.byPublicKey, list.at(i).publicKey, i);
        }
    });
}

std::shared_ptr<const TopologyLookup::Peers> TopologyLookup::peers(const QList<WireGuardPeer>& list) const
{
    return current(m_peers, list, [&list](Peers& index) {
        index.byId = idsOf(list);
        for (qsizetype i = 0; i < list.size(); ++i) {
            const WireGuardPeer& peer = list.at(i);
            if (!peer.allowedIps.isEmpty())
                insertFirst(index.withAddressByHost, peer.hostId, i);
            if (!peer.publicKey.isEmpty() && !peer.hostId.isEmpty())
                insertFirst(index.withHostByPublicKey, peer.publicKey, i);
        }
    });
}

std::shared_ptr<const TopologyLookup::DataSources> TopologyLookup::dataSources(const QList<DataSource>& list) const
{
    return current(m_dataSources, list, [&list](DataSources& index) { index.byId = idsOf(list); });
}
