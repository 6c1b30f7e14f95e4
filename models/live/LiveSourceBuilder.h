// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Clock.h"
#include "influx/InfluxConnection.h"
#include "influx/InfluxCredentials.h"
#include "influx/NetworkCheck.h"
#include "loki/LokiConnection.h"
#include "loki/LokiCredentials.h"
#include "topology/Topology.h"

#include <memory>
#include <vector>

class InfluxTelemetrySource;
class LokiClient;
class QNetworkAccessManager;

/**
 * Builds what a data source means when it is live: the InfluxDB telemetry source with Loki's event counts
 * attached when the source names a Loki, and the network checks (InfluxDB, Loki /ready, each S3 service of the
 * topology). The GUI and the CLI both build through here, so they poll and check the same way.
 */
class LiveSourceBuilder
{
public:
    LiveSourceBuilder(QNetworkAccessManager* network, const Clock* clock);

    /// Per-request transfer timeout for everything built from now on; 0 keeps each client's default.
    void setTimeoutMs(int milliseconds) { m_timeoutMs = std::max(0, milliseconds); }

    static bool hasLoki(const DataSource& source) { return source.lokiUrl.isValid() && !source.lokiUrl.host().isEmpty(); }
    LokiConnection lokiConnection(const DataSource& source) const;
    /// A Loki client for the source (credentials moved in and wiped by the client); null without a Loki URL.
    std::unique_ptr<LokiClient> lokiClient(const DataSource& source, LokiCredentials&& credentials,
                                           QObject* parent = nullptr) const;

    /// The live source; with a Loki URL its snapshots carry log events and its status a "Loki" endpoint.
    std::unique_ptr<InfluxTelemetrySource> build(const DataSource& source, const InfluxCredentials& influxCredentials,
                                                 LokiCredentials&& lokiCredentials = {}) const;

    /// InfluxDB reachable, Loki ready (when the source has one), and every S3 service of the topology.
    std::vector<std::unique_ptr<NetworkCheck>> checks(const Topology& topology, const DataSource& source,
                                                      const InfluxCredentials& influxCredentials,
                                                      LokiCredentials&& lokiCredentials = {}) const;

    /// The same checks for servers that are already set up: an InfluxDB connection (credentials inside) and the
    /// Loki client of the running source (not owned, must outlive the checks; null for none).
    std::vector<std::unique_ptr<NetworkCheck>> checks(const Topology& topology, const InfluxConnection& influx,
                                                      LokiClient* loki) const;

private:
    void appendS3Checks(const Topology& topology, std::vector<std::unique_ptr<NetworkCheck>>& checks) const;

    QNetworkAccessManager* m_network;
    const Clock* m_clock;
    int m_timeoutMs = 0;
};
