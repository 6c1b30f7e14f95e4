// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "collector/CollectorBundle.h"
#include "collector/CollectorPlan.h"
#include "topology/Topology.h"

#include <QString>
#include <QStringList>

class PrivateKeyProvider;

/** One existing peer as export needs it: its plan, its public key and where its secrets would be found. */
struct PeerExportTarget
{
    CollectorPlan plan;
    QString hostId;
    QString hostName;
    QString publicKey;
    QString interfaceId; ///< the collector's interface: the keychain entry of its private key; empty when unknown
    QString hubPeerId;   ///< the hub's entry for it: the keychain entry of its preshared key
    bool presharedKey = false;
    bool imported = false; ///< learnt from the server's wg0.conf: no private key was ever known
    QString error;

    bool ok() const { return error.isEmpty(); }
};

struct PeerExportBundle
{
    CollectorBundle bundle;
    QString missingReason; ///< why there is no client wg0.conf; empty when there is one
};

/**
 * Export of an existing peer's configs, shared by `tunnelscope-cli peer export` and the GUI's "Export configs…":
 * the bundle of CollectorBundle::forExport with the keys the provider (the keychain) has.
 */
namespace PeerExport {

/// The words for a peer learnt from the server's config (its client config can never be exported).
QString importedReason();

PeerExportTarget target(const Topology& topology, const QString& hostIdOrName);
/// The hosts of every peer of the hub that export can work on, in topology order.
QStringList exportableHosts(const Topology& topology);
/// The names of the hub's peers learnt from the server's config that belong to no host of the topology: nothing
/// can be exported for them, and export lists them with importedReason().
QStringList importedPeersWithoutHost(const Topology& topology);
PeerExportBundle bundle(const PeerExportTarget& target, PrivateKeyProvider& keys);
/// Where one host's files go when several are exported into folder: folder/<host name>, the name made a label
/// (TopologyNameRule) first, so that no name ("../x", "/etc") leads out of folder. Empty, with *error set, when
/// nothing usable is left of the name.
QString directoryFor(const QString& folder, const QString& hostName, QString* error);

} // namespace PeerExport
