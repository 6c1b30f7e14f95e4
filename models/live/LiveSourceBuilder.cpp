// SPDX-License-Identifier: GPL-3.0-or-later
#include "live/LiveSourceBuilder.h"

#include "influx/InfluxReachabilityCheck.h"
#include "influx/InfluxTelemetrySource.h"
#include "live/LokiLogEventsProvider.h"
#include "live/LokiReadyNetworkCheck.h"
#include "live/S3EndpointCheck.h"
#include "loki/LokiClient.h"
#include "secrets/SecretWipe.h"

LiveSourceBuilder::LiveSourceBuilder(QNetworkAccessManager* network, const Clock* clock)
    : m_network(network)
    , m_clock(clock)
{
}

LokiConnection LiveSourceBuilder::lokiConnection(const DataSource& source) const
{
    LokiConnection connection = LokiConnection::fromDataSource(source);
    if (m_timeoutMs > 0)
        connection.timeoutMs = m_timeoutMs;
    return connection;
}

std::unique_ptr<LokiClient> LiveSourceBuilder::lokiClient(const DataSource& source, LokiCredentials&& credentials,
                                                          QObject* parent) const
{
    if (!hasLoki(source)) {
        wipeSecret(credentials.secret);
        return nullptr;
    }
    auto client = std::make_unique<LokiClient>(m_network, lokiConnection(source), parent);
    if (credentials.user.isEmpty() && !credentials.secret.isEmpty())
        credentials.user = source.lokiUser;
    client->setCredentials(std::move(credentials));
    return client;
}

std::unique_ptr<InfluxTelemetrySource> LiveSourceBuilder::build(const DataSource& source,
                                                                const InfluxCredentials& influxCredentials,
                                                                LokiCredentials&& lokiCredentials) const
{
    auto live = std::make_unique<InfluxTelemetrySource>(source, influxCredentials, m_network, m_clock);
    if (m_timeoutMs > 0)
        live->setRequestTimeoutMs(m_timeoutMs);
    // The client and the provider are children of the source: they live exactly as long as it polls.
    if (auto client = lokiClient(source, std::move(lokiCredentials), live.get())) {
        auto* provider = new LokiLogEventsProvider(client.release(), m_clock, live.get());
        live->setLogEventsProvider(provider);
    }
    return live;
}

std::vector<std::unique_ptr<NetworkCheck>> LiveSourceBuilder::checks(const Topology& topology, const DataSource& source,
                                                                     const InfluxCredentials& influxCredentials,
                                                                     LokiCredentials&& lokiCredentials) const
{
    std::vector<std::unique_ptr<NetworkCheck>> checks;
    InfluxConnection influx = InfluxConnection::fromDataSource(source, influxCredentials);
    if (m_timeoutMs > 0)
        influx.timeoutMs = m_timeoutMs;
    checks.push_back(std::make_unique<InfluxReachabilityCheck>(influx, m_network, m_clock));
    if (auto client = lokiClient(source, std::move(lokiCredentials))) {
        auto check = std::make_unique<LokiReadyNetworkCheck>(client.get(), m_clock);
        client.release()->setParent(check.get());
        checks.push_back(std::move(check));
    }
    appendS3Checks(topology, checks);
    return checks;
}

std::vector<std::unique_ptr<NetworkCheck>> LiveSourceBuilder::checks(const Topology& topology,
                                                                     const InfluxConnection& influx, LokiClient* loki) const
{
    std::vector<std::unique_ptr<NetworkCheck>> checks;
    checks.push_back(std::make_unique<InfluxReachabilityCheck>(influx, m_network, m_clock));
    if (loki)
        checks.push_back(std::make_unique<LokiReadyNetworkCheck>(loki, m_clock));
    appendS3Checks(topology, checks);
    return checks;
}

void LiveSourceBuilder::appendS3Checks(const Topology& topology, std::vector<std::unique_ptr<NetworkCheck>>& checks) const
{
    for (const S3Endpoint& endpoint : S3Endpoint::fromTopology(topology)) {
        auto check = std::make_unique<S3EndpointCheck>(endpoint, m_network, m_clock);
        if (m_timeoutMs > 0)
            check->setTimeoutMs(m_timeoutMs);
        checks.push_back(std::move(check));
    }
}
