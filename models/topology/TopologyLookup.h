// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/DataSource.h"
#include "topology/Host.h"
#include "topology/Segment.h"
#include "topology/WireGuardInterface.h"
#include "topology/WireGuardPeer.h"

#include <QHash>
#include <QList>

#include <memory>
#include <mutex>

/**
 * Hash indexes over a Topology's lists, so that looking a host, segment, interface or peer up by id is O(1) even
 * with thousands of hosts. Each index keeps a shallow copy of the list it was built from: the list and the copy
 * share their data until anyone touches the list through non-const access (append, operator[], a non-const loop,
 * assignment), which detaches it. A list no longer shared with its copy has (maybe) changed, and its index is
 * rebuilt on the next lookup; so lookups are always as correct as a linear search, whoever mutates the public
 * lists and however. Not part of the topology's value: copies share the indexes, and equality ignores them.
 */
class TopologyLookup
{
public:
    /// Positions in the list, by key. A key that occurs twice maps to its first position, as a linear search finds.
    using Positions = QHash<QString, qsizetype>;
    using Groups = QHash<QString, QList<qsizetype>>; ///< all positions per key, in list order

    struct Segments
    {
        QList<Segment> seen;
        Positions byId;
        Groups byParent;
    };
    struct Hosts
    {
        QList<Host> seen;
        Positions byId;
        Groups bySegment;
    };
    struct Interfaces
    {
        QList<WireGuardInterface> seen;
        Positions byId;
        Groups byHost;
        Positions byPublicKey;
    };
    struct Peers
    {
        QList<WireGuardPeer> seen;
        Positions byId;
        Positions withAddressByHost; ///< the first peer naming the host that has allowed IPs
        Positions withHostByPublicKey; ///< the first peer with this key that names a host
    };
    struct DataSources
    {
        QList<DataSource> seen;
        Positions byId;
    };

    TopologyLookup() = default;
    TopologyLookup(const TopologyLookup& other);
    TopologyLookup& operator=(const TopologyLookup& other);
    ~TopologyLookup() = default;

    std::shared_ptr<const Segments> segments(const QList<Segment>& list) const;
    std::shared_ptr<const Hosts> hosts(const QList<Host>& list) const;
    std::shared_ptr<const Interfaces> interfaces(const QList<WireGuardInterface>& list) const;
    std::shared_ptr<const Peers> peers(const QList<WireGuardPeer>& list) const;
    std::shared_ptr<const DataSources> dataSources(const QList<DataSource>& list) const;
    /// The host index when it is still current, without building one: for lookups that hand out mutable pointers.
    std::shared_ptr<const Hosts> currentHosts(const QList<Host>& list) const;

    friend bool operator==(const TopologyLookup&, const TopologyLookup&) { return true; }

private:
    template<typename Index, typename List, typename Build>
    std::shared_ptr<const Index> current(std::shared_ptr<const Index>& index, const List& list, Build&& build) const;

    mutable std::mutex m_mutex; ///< const lookups may run on several threads at once
    mutable std::shared_ptr<const Segments> m_segments;
    mutable std::shared_ptr<const Hosts> m_hosts;
    mutable std::shared_ptr<const Interfaces> m_interfaces;
    mutable std::shared_ptr<const Peers> m_peers;
    mutable std::shared_ptr<const DataSources> m_dataSources;
};
