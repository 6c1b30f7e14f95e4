// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "telemetry/PeerStatus.h"
#include "telemetry/PeerTelemetry.h"

#include <QDateTime>

/** WireGuard's timers turned into a peer state that explains itself. Pure functions. */
namespace PeerStateRules {

inline constexpr int OnlineLimitSeconds = 180;  ///< REJECT_AFTER_TIME: a key older than this is unusable
inline constexpr int OfflineLimitSeconds = 540; ///< REJECT_AFTER_TIME * 3: WireGuard zeroes the session keys
inline constexpr int RekeySeconds = 120;        ///< REKEY_AFTER_TIME
inline constexpr int FreshnessPolls = 3;        ///< telemetry older than this many poll intervals is missing

struct Context
{
    QDateTime now;
    int pollIntervalSeconds = 10;
    bool sourceUp = true;
    QString sourceProblem;     ///< why the source is down, for the reason text
    int configuredKeepalive = 0; ///< from the topology, used when telemetry has none
    /// When the peer's current key was made (onboarding, rotation); invalid when unknown. A peer that no telemetry
    /// reports within PendingDays of it is a new peer waiting for its first handshake: "never", not "unknown".
    QDateTime keyCreated;
};

inline constexpr int PendingDays = 7;

/// telemetry may be null: the source had nothing for this peer.
PeerStatus evaluate(const PeerTelemetry* telemetry, const Context& context);

/// "42 s", "4 min", "3 h 5 min", "2 d"
QString formatAge(qint64 seconds);
/// "21.4 kB/s"
QString formatRate(double bytesPerSecond);

} // namespace PeerStateRules
