// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "collector/CollectorPlan.h"
#include "topology/Topology.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

struct OnboardingPlanResult
{
    CollectorPlan plan;
    QString error;
    bool ok() const { return error.isEmpty(); }
};

struct TopologyChange
{
    Topology topology;
    QString error;
    bool ok() const { return error.isEmpty(); }
};

/**
 * The topology side of onboarding and rotation, shared by the wizard and the CLI: plans prefilled from the
 * topology (server, endpoint, keys, subnet, data source), and the hosts, interfaces, peers and flows a new
 * collector adds. Only public keys ever enter the topology.
 */
namespace CollectorOnboarding {

/// A plan for a new host: the server's public key, endpoint and tunnel address, the tunnel subnet, the
/// InfluxDB and Loki URLs of the first data source, and the next free tunnel address.
OnboardingPlanResult planForNewHost(const Topology& topology, const QString& hostName);
/// The plan an existing collector was onboarded with, rebuilt from the topology (for export and rotation).
OnboardingPlanResult planForHost(const Topology& topology, const QString& hostIdOrName);
/// Empty when the address may go to a new peer, else why not (taken, outside, network, broadcast).
QString addressRefusal(const Topology& topology, const QString& address);

/// The host id a name becomes ("Web 2" gives "web-2").
QString hostIdFor(const QString& hostName);
/// The host with this id or (case-insensitive) name or FQDN.
const Host* findHost(const Topology& topology, const QString& idOrName);
const WireGuardInterface* hubInterface(const Topology& topology);

/// Adds the host, its interface, the two peer entries and the metrics and logs flows. Refuses a name, address
/// or key in use, and AllowedIPs that overlap another peer of the hub (naming both).
TopologyChange addCollector(
    const Topology& topology, const CollectorPlan& plan, const QString& clientPublicKey, const QDateTime& keyCreated);
/// Records a rotated key: the host's interface and the hub's entry get the new public key and keyCreated.
TopologyChange recordRotation(const Topology& topology, const QString& hostId, const QString& newPublicKey,
    bool presharedKey, const QDateTime& keyCreated);

} // namespace CollectorOnboarding
