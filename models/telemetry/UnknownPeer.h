// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "telemetry/PeerStatus.h"
#include "telemetry/PeerTelemetry.h"

/** A public key that telemetry reports but the topology does not know: shown, never silently dropped. */
struct UnknownPeer
{
    QString id; ///< "unknown:<reporting host>:<key>"
    PeerTelemetry telemetry;
    QString reportingHostId; ///< the topology host that reported it, when it could be matched
    PeerStatus status;
};
