// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "adopt/ServerConfig.h"
#include "adopt/ServerImportChange.h"
#include "adopt/ServerImportConflict.h"
#include "adopt/ServerImportOptions.h"
#include "topology/Topology.h"

#include <QList>
#include <QString>
#include <QStringList>

/**
 * What importing a server's config into a topology will do, computed without touching anything: a value to print
 * (CLI) or show (GUI) and then apply. Applying returns the new topology; undo is keeping before().
 *
 * Each [Peer] is matched to a peer of the hub interface by public key, then by name (HostLabel of the comment,
 * against the peer's and its host's names), then by a tunnel address in common; a match is updated (the server
 * wins), else the peer is added with a new host in the "WireGuard peers" segment. A hub key that is a placeholder
 * is replaced by the server's (and so are the placeholder keys of the matched peers' own interfaces); a real hub
 * key that differs is a conflict naming --replace-hub-key. Placeholder peers the server lacks are dropped with
 * their client interfaces; real ones are reported as removed on the server and kept unless pruneRemoved.
 * AllowedIPs overlapping between two different peers after the merge is a conflict naming both.
 */
class ServerImportPlan
{
public:
    ServerImportPlan() = default;

    static ServerImportPlan make(const Topology& topology, const ServerConfig& config,
        const ServerImportOptions& options = {});
    /// Reads text first (wg-quick or dump, ServerConfigReader); read errors become conflicts. The caller wipes text.
    static ServerImportPlan make(const Topology& topology, const QString& text, const ServerImportOptions& options = {});

    const QList<ServerImportChange>& changes() const { return m_changes; } ///< hub, then peers in config order
    QList<ServerImportChange> changes(ServerImportChange::Kind kind) const;
    QList<ServerImportChange> added() const { return changes(ServerImportChange::Kind::Added); }
    /// Changed and KeyChanged peers.
    QList<ServerImportChange> changedPeers() const;
    QList<ServerImportChange> removedOnServer() const { return changes(ServerImportChange::Kind::RemovedOnServer); }
    const QList<ServerImportConflict>& conflicts() const { return m_conflicts; }
    const QStringList& warnings() const { return m_warnings; }
    /// Every tunnel address or range the server's config uses (its Address and every AllowedIPs).
    const QStringList& usedAddresses() const { return m_usedAddresses; }

    bool canApply() const { return m_conflicts.isEmpty(); }
    bool hubKeyAdopted() const { return !changes(ServerImportChange::Kind::HubKeyAdopted).isEmpty(); }
    /// Nothing to change: the topology already says what the server says.
    bool isEmpty() const { return m_changes.isEmpty(); }
    /// The topology after the import; before() when !canApply().
    Topology apply() const { return canApply() ? m_after : m_before; }
    const Topology& before() const { return m_before; }

    /// "3 added, 1 changed, 2 removed on the server, 0 conflicts".
    QString countsLine() const;
    /// The counts line, then one line per change and per conflict (conflicts prefixed "conflict: ").
    QStringList summaryLines() const;

private:
    friend class ServerImportMerge;

    Topology m_before;
    Topology m_after;
    QList<ServerImportChange> m_changes;
    QList<ServerImportConflict> m_conflicts;
    QStringList m_warnings;
    QStringList m_usedAddresses;
};
