// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "telemetry/EndpointHealth.h"
#include "telemetry/HostLogEvents.h"

#include <QList>
#include <QObject>

/**
 * The extension point for log counts (Loki's count_over_time per host). InfluxTelemetrySource asks it once per
 * poll cycle, in parallel with its own request, and puts its answer into the snapshot and its health into the
 * source status as the second endpoint.
 */
class LogEventsProvider : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~LogEventsProvider() override = default;

    /// Starts one request; answer exactly once with eventsReady (also on failure, with ok = false).
    virtual void requestEvents() = 0;
    /// The log server's health as of the last answer ("Loki", latency, message).
    virtual EndpointHealth health() const = 0;

Q_SIGNALS:
    void eventsReady(const QList<HostLogEvents>& events, bool ok);
};
