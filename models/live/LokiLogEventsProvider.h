// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Clock.h"
#include "influx/LogEventsProvider.h"
#include "loki/LokiEventCounter.h"

class LokiClient;

/**
 * Loki's per-host WireGuard and fail2ban counts for InfluxTelemetrySource, so its snapshots carry HostLogEvents
 * and its status a "Loki" endpoint. The count covers the last hour, so asking Loki every poll (10 s) would only
 * repeat the same heavy query: between refreshes the last counts are answered again.
 */
class LokiLogEventsProvider final : public LogEventsProvider
{
    Q_OBJECT

public:
    static constexpr int DefaultRefreshSeconds = LokiEventCounter::DefaultIntervalSeconds;

    /// `client` is not owned and must outlive the provider (make it a child of the same parent, or of this).
    LokiLogEventsProvider(LokiClient* client, const Clock* clock, QObject* parent = nullptr);

    /// How old the counts may be before Loki is asked again; 0 asks on every request.
    void setRefreshSeconds(int seconds) { m_refreshSeconds = std::max(0, seconds); }
    void requestEvents() override;
    EndpointHealth health() const override { return m_counter.health(); }
    LokiClient* client() const { return m_client; }

private:
    void answerFromCache();

    LokiClient* m_client;
    const Clock* m_clock;
    LokiEventCounter m_counter;
    int m_refreshSeconds = DefaultRefreshSeconds;
    bool m_waiting = false;
};
