// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "telemetry/HostLogEvents.h"
#include "telemetry/HostTelemetry.h"

#include <QString>

#include <optional>

/** Whether a host's metrics are arriving, and why we think so. */
struct HostState
{
    enum class Reporting { NotMonitored, Reporting, Silent, Unknown };

    QString hostId;
    Reporting reporting = Reporting::Unknown;
    QString reason;
    std::optional<HostTelemetry> telemetry;
    std::optional<HostLogEvents> logEvents;

    static QString reportingTitle(Reporting reporting);
};
