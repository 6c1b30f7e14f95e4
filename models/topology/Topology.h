// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/DataFlow.h"
#include "topology/DataSource.h"
#include "topology/Host.h"
#include "topology/Segment.h"
#include "topology/TopologyLookup.h"
#include "topology/WireGuardInterface.h"
#include "topology/WireGuardPeer.h"

#include <QList>
#include <QString>

/**
 * The network as the user describes it: what exists and how it is wired. Live state lives elsewhere.
 * Lookups by id are O(1) (see TopologyLookup), so they may be called per host on networks of thousands of hosts.
 */
struct Topology
{
    static constexpr int CurrentVersion = 1;

    QString name;
    QList<Segment> segments;
    QList<Host> hosts;
    QList<WireGuardInterface> interfaces;
    QList<WireGuardPeer> peers;
    QList<DataFlow> flows;
    QList<DataSource> dataSources;

    const Segment* segment(const QString& id) const;
    const Host* host(const QString& id) const;
    Host* host(const QString& id);
    const WireGuardInterface* interface(const QString& id) const;
    const WireGuardInterface* interfaceOfHost(const QString& hostId, const QString& name = {}) const;
    const WireGuardPeer* peer(const QString& id) const;
    const DataSource* dataSource(const QString& id) const;
    /// The host whose interface has this public key, empty when none.
    QString hostIdOfPublicKey(const QString& publicKey) const;
    /// The first tunnel address of the host's WireGuard interface, without prefix length.
    QString tunnelAddress(const QString& hostId) const;
    QList<const Host*> hostsInSegment(const QString& segmentId) const;
    QList<const Segment*> childSegments(const QString& parentId) const;

    /// Hash indexes behind the lookups above, kept current however the lists change; never part of the value.
    TopologyLookup lookup;

    friend bool operator==(const Topology&, const Topology&) = default;
};
