// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "telemetry/EndpointHealth.h"

#include <QList>
#include <QString>

/** The state of a telemetry source as a whole, for the status bar and for deciding whether data is current. */
struct SourceStatus
{
    QString sourceName;
    bool demo = false; ///< demo numbers are never passed off as live ones
    QList<EndpointHealth> endpoints;

    /// True when the source that provides peer telemetry (the first endpoint) currently answers.
    bool telemetryUp() const { return !endpoints.isEmpty() && endpoints.constFirst().state == EndpointHealth::State::Ok; }

    friend bool operator==(const SourceStatus&, const SourceStatus&) = default;
};
