// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Topology.h"

/**
 * Big topologies made on demand, for layout tests and benchmarks: the base network plus any number of collector
 * hosts onboarded the way the user's own procedure does it. Deterministic: the same input gives the same output.
 */
namespace SyntheticTopology {

/// base plus count collector hosts in a new "Collectors" segment, each with Telegraf and Alloy, a wg0 with the next
/// free 10.10.x.y/32 and a made-up valid public key, a [Peer] on the hub's interface and one back to the hub, and
/// metrics and logs flows through the tunnel into the stores the base's own flows use.
Topology withCollectors(const Topology& base, int count);

} // namespace SyntheticTopology
