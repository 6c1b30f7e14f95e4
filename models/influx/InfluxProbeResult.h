// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/** The answer of a reachability probe: /health where the server has it, else /ping. */
struct InfluxProbeResult
{
    bool ok = false;
    QString endpoint;       ///< "/health" or "/ping": the one that decided
    int httpStatus = 0;
    qint64 latencyMs = -1;  ///< of the deciding request
    QString version;        ///< X-Influxdb-Version, or "version" of /health
    QString message;        ///< "ready for queries and writes", or the error for the user
};
