// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "telemetry/PeerStatus.h"
#include "telemetry/PeerTelemetry.h"

#include <QDateTime>

#include <optional>

/** WireGuard's timers turned into a peer state that explains itself. Pure functions. */
namespace PeerStateRules {

inline constexpr int OnlineLimitSeconds = 180;  ///< REJECT_AFTER_TIME: a key older than this is unusable
inline constexpr int OfflineLimitSeconds = 540; ///< REJECT_AFTER_TIME * 3: WireGuard zeroes the session keys
inline constexpr int RekeySeconds = 120;        ///< REKEY_AFTER_TIME
/// Telemetry is missing once its newest sample is older than this many of its collector's intervals, plus the
/// allowances below.
inline constexpr int FreshnessIntervals = 3;
/// Telegraf's default [agent] interval: the collector's interval until the spacing of its points shows another.
inline constexpr int DefaultCollectorIntervalSeconds = 10;
/// Telegraf writes on its own flush_interval (default 10 s), not when it samples; plus write latency and jitter.
inline constexpr int FlushAllowanceSeconds = 15;

struct Context
{
    /// The data server's clock (InfluxDB's Date header, extrapolated), the one sample times are compared with;
    /// the laptop's own clock only when the source tells nothing better (the demo).
    QDateTime now;
    int pollIntervalSeconds = 10; ///< the app's: what we hold may be up to one poll old
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

/// How old a sample may be before its data counts as missing: a few collector intervals (0 = not learnt yet, so
/// Telegraf's default), one flush and one of our polls.
qint64 freshnessLimitSeconds(int collectorIntervalSeconds, int pollIntervalSeconds);
/// Whether the sample is recent enough, against context.now; the source's health is not considered.
bool isFresh(const PeerTelemetry& telemetry, const Context& context);
/// The handshake's age at context.now; empty when it never happened or the sample carries no time.
std::optional<qint64> handshakeAgeSeconds(const PeerTelemetry& telemetry, const QDateTime& now);

/// "42 s", "4 min", "3 h 5 min", "2 d"
QString formatAge(qint64 seconds);
/// "21.4 kB/s"
QString formatRate(double bytesPerSecond);

} // namespace PeerStateRules
