// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "telemetry/HostLogEvents.h"
#include "telemetry/HostTelemetry.h"
#include "telemetry/PeerTelemetry.h"

#include <QDateTime>
#include <QList>

/** Everything one poll of a telemetry source learnt. */
struct TelemetrySnapshot
{
    QDateTime takenAt;
    QList<PeerTelemetry> peers;
    QList<HostTelemetry> hosts;
    QList<HostLogEvents> logEvents;
    bool hasLogEvents = false; ///< false when the log source was not asked or did not answer

    friend bool operator==(const TelemetrySnapshot&, const TelemetrySnapshot&) = default;
};
