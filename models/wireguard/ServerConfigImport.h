// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Topology.h"
#include "wireguard/WireGuardConfig.h"

#include <QList>
#include <QString>
#include <QStringList>

struct ServerConfigImportResult
{
    Topology topology;         ///< the input topology with the server's peers merged in
    QStringList addedPeers;    ///< names of peers new to the topology
    QStringList updatedPeers;  ///< names of peers known before whose entry the server's config changed
    QStringList usedAddresses; ///< every tunnel address or range the server's config uses
    QStringList warnings;
    QList<WireGuardConfigError> errors; ///< nothing was merged when there is any

    bool ok() const { return errors.isEmpty(); }
};

/**
 * Learns the peers of the server's existing wg0.conf into the topology's hub interface: public keys, AllowedIPs,
 * endpoints, names from "# Name =" comments. Imported peers have no private key here: they are marked
 * clientConfigAvailable = false. The server's private key, if present in the file, is used only to check that
 * the file belongs to the hub (or to adopt its key over a placeholder), and is never stored.
 * The one-step form of ServerImportPlan (adopt/ServerImportPlan.h), which has the details and the options; the
 * plan's changes other than additions are listed in warnings.
 */
namespace ServerConfigImport {

ServerConfigImportResult apply(const Topology& topology, const QString& configText);
ServerConfigImportResult apply(const Topology& topology, const WireGuardConfig& config);

} // namespace ServerConfigImport
