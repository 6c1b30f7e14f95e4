// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sources/DataSourceCredentials.h"
#include "telemetry/TelemetrySource.h"
#include "topology/DataSource.h"

#include <functional>
#include <memory>

/**
 * Builds the live telemetry source of one data source (InfluxDB polling). The app plugs one in; without one,
 * choosing a live data source shows it as not connected, never demo numbers. The credentials are only borrowed
 * for the call: copy what the source needs.
 */
class TelemetrySourceFactory
{
public:
    using Function = std::function<std::unique_ptr<TelemetrySource>(const DataSource&, const DataSourceCredentials&)>;

    virtual ~TelemetrySourceFactory() = default;
    /// Null when the source cannot be built; the window then says it is not connected.
    virtual std::unique_ptr<TelemetrySource> create(const DataSource& source, const DataSourceCredentials& credentials) = 0;

    /// A factory that calls `function`, for plugging a source in with one lambda.
    static std::unique_ptr<TelemetrySourceFactory> fromFunction(Function function);
};
