// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "adopt/ServerImportPlan.h"

#include <QHash>
#include <QList>
#include <QSet>

/** The work behind ServerImportPlan::make: one merge of a server config into a copy of the topology. */
class ServerImportMerge
{
public:
    ServerImportMerge(const Topology& topology, const ServerConfig& config, const ServerImportOptions& options);
    ServerImportPlan run();

private:
    bool findHub();
    void reconcileHubKey();
    void reconcileHubAddresses();
    void matchPeers();
    qsizetype matchByKey(const ServerPeerEntry& entry) const;
    qsizetype matchByName(const ServerPeerEntry& entry) const;
    qsizetype matchByAddress(const ServerPeerEntry& entry) const;
    void update(qsizetype peerIndex, const ServerPeerEntry& entry, const QString& matchedBy);
    void add(const ServerPeerEntry& entry);
    void handleRemoved();
    void drop(const WireGuardPeer& peer);
    void checkOverlaps();
    void replaceKey(const QString& oldKey, const QString& newKey);
    void followAddresses(const QString& oldKey, const QStringList& allowedIps);
    QString newHostFor(const ServerPeerEntry& entry, const QString& label);
    QString peersSegment();
    void conflict(const QString& message, int line = 0) { m_plan.m_conflicts.append({message, line}); }

    ServerImportPlan m_plan;
    Topology& m_topology; ///< the plan's topology after the import, being made
    const ServerConfig& m_config;
    ServerImportOptions m_options;
    QString m_hubId;
    QString m_hubHostId;
    QList<qsizetype> m_hubPeers;    ///< positions of the hub's peers in m_topology.peers before the merge
    QSet<qsizetype> m_claimed;      ///< of those, the ones a [Peer] of the config matched
    QHash<int, qsizetype> m_matchOf; ///< config peer index to its peer's position
};
