// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/TelemetryPoll.h"

#include "cli/CliContext.h"
#include "cli/DataSourceOptions.h"
#include "influx/InfluxTelemetrySource.h"
#include "live/LiveSourceBuilder.h"
#include "telemetry/NetworkState.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QTimer>

namespace {

constexpr int ExtraWaitMs = 5000; ///< beyond the request timeout, before giving up on the event loop

} // namespace

namespace TelemetryPoll {

SourceStatus once(NetworkState& state, DataSourceOptions& options, CliContext& context)
{
    QNetworkAccessManager network;
    InfluxCredentials credentials = options.credentials();
    LiveSourceBuilder builder(&network, context.clock());
    builder.setTimeoutMs(options.timeoutMs());
    const std::unique_ptr<InfluxTelemetrySource> live
        = builder.build(options.dataSource(), credentials, options.lokiCredentials());
    credentials.wipe();
    InfluxTelemetrySource& source = *live;
    state.setPollIntervalSeconds(source.pollIntervalSeconds());

    QEventLoop loop;
    QObject::connect(&source, &TelemetrySource::snapshotReady, &state, &NetworkState::applySnapshot);
    QObject::connect(&source, &TelemetrySource::statusChanged, &state, &NetworkState::applyStatus);
    QObject::connect(&source, &InfluxTelemetrySource::cycleFinished, &loop, &QEventLoop::quit);
    QTimer::singleShot(options.timeoutMs() + ExtraWaitMs, &loop, &QEventLoop::quit);
    source.pollNow();
    loop.exec();
    return source.status();
}

} // namespace TelemetryPoll
