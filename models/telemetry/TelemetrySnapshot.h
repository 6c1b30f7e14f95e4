// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "telemetry/HostLogEvents.h"
#include "telemetry/HostTelemetry.h"
#include "telemetry/PeerTelemetry.h"

#include <QDateTime>
#include <QList>

#include <optional>

/** Everything one poll of a telemetry source learnt. */
struct TelemetrySnapshot
{
    QDateTime takenAt; ///< on the laptop's clock
    /// The data server's clock minus the laptop's, from InfluxDB's Date header: sample times are judged against
    /// the server's time, so a laptop whose clock is off does not age them. Empty: trust the laptop's clock.
    std::optional<qint64> serverClockOffsetMs;
    QList<PeerTelemetry> peers;
    QList<HostTelemetry> hosts;
    QList<HostLogEvents> logEvents;
    bool hasLogEvents = false; ///< false when the log source was not asked or did not answer

    friend bool operator==(const TelemetrySnapshot&, const TelemetrySnapshot&) = default;
};
