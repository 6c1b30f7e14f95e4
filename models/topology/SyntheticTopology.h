// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Topology.h"

/** Large topologies made up for benchmarks and screenshots: the real network plus many collector hosts. */
namespace SyntheticTopology {

/// base plus count collector hosts in a new "Collectors" segment, each with a WireGuard interface 10.10.x.y, a
/// peer entry on the hub's interface, Telegraf and Alloy, and metrics and logs flows to the hub's InfluxDB and
/// Loki. Deterministic: the same count gives the same keys and addresses. base is returned unchanged when it has
/// no hub interface.
Topology withCollectors(const Topology& base, int count);

} // namespace SyntheticTopology
