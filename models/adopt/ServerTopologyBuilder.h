// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "adopt/ServerConfig.h"
#include "adopt/ServerTopologyOptions.h"
#include "topology/Topology.h"
#include "wireguard/WireGuardConfig.h"

#include <QList>
#include <QString>
#include <QStringList>

struct ServerTopologyResult
{
    Topology topology; ///< valid (TopologyValidator) when ok()
    QStringList warnings;
    QList<WireGuardConfigError> errors;

    bool ok() const { return errors.isEmpty(); }
};

/**
 * A topology of a real network made from its server's config: the hub host (segment "WireGuard server", a
 * wireguard service on the listen port, InfluxDB and Loki when the data source defaults to the hub) and its
 * interface (public key, addresses, listen port), a VPN segment for the tunnel subnet, and one host per peer in
 * the segment "WireGuard peers", named by HostLabel from the "# Name =" comment (free text kept as the host's
 * description) or from its first address, each with its hub [Peer] entry (clientConfigAvailable = false).
 * Positions are left to DiagramLayout. Peers are added through ServerImportPlan, so both flows name and check
 * peers the same way (an AllowedIPs overlap is an error here).
 */
namespace ServerTopologyBuilder {

ServerTopologyResult build(const ServerConfig& config, const ServerTopologyOptions& options = {});
/// Reads text (wg-quick or dump, see ServerConfigReader) and builds; the caller wipes text.
ServerTopologyResult build(const QString& text, const ServerTopologyOptions& options = {});
/// Only the hub: host, interface, segments, data source; what build() merges the peers into.
Topology hubOnly(const ServerConfig& config, const ServerTopologyOptions& options, QStringList* warnings = nullptr);

inline constexpr char PeersSegmentId[] = "wireguard-peers";
/// The id of the "WireGuard peers" segment, which new peer hosts go into; added to topology when missing.
QString ensurePeersSegment(Topology& topology);

} // namespace ServerTopologyBuilder
