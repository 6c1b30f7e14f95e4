// SPDX-License-Identifier: GPL-3.0-or-later
#include "sources/LiveTelemetrySourceFactory.h"

#include "influx/InfluxTelemetrySource.h"
#include "live/LiveSourceBuilder.h"
#include "secrets/SecretWipe.h"

LiveTelemetrySourceFactory::LiveTelemetrySourceFactory(QNetworkAccessManager* network, const Clock* clock)
    : m_network(network)
    , m_clock(clock)
{
}

std::unique_ptr<TelemetrySource> LiveTelemetrySourceFactory::create(const DataSource& source,
                                                                    const DataSourceCredentials& credentials)
{
    const LiveSourceBuilder builder(m_network, m_clock);
    // A deep copy: the Loki client zeroes what it is given, which must not be the caller's bytes.
    return builder.build(source, InfluxCredentials(credentials.influxUser.toUtf8(), credentials.influxSecret),
                         LokiCredentials{credentials.lokiUser, exclusiveSecret(credentials.lokiSecret)});
}
