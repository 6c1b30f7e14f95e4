// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Clock.h"
#include "sources/TelemetrySourceFactory.h"

class QNetworkAccessManager;

/**
 * The app's live source: InfluxDB polled with the keychain's credentials, with Loki's event counts when the data
 * source names a Loki (LiveSourceBuilder::build). Each client gets its own copy of a secret to wipe, so the
 * borrowed credentials stay whole for the other Loki users of the source (the Logs panel, the checks).
 */
class LiveTelemetrySourceFactory final : public TelemetrySourceFactory
{
public:
    /// Neither is owned; both must outlive the sources made.
    LiveTelemetrySourceFactory(QNetworkAccessManager* network, const Clock* clock);

    std::unique_ptr<TelemetrySource> create(const DataSource& source, const DataSourceCredentials& credentials) override;

private:
    QNetworkAccessManager* m_network;
    const Clock* m_clock;
};
