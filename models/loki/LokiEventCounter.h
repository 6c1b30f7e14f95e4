// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Clock.h"
#include "loki/LokiError.h"
#include "loki/LokiSeries.h"
#include "telemetry/EndpointHealth.h"
#include "telemetry/HostLogEvents.h"
#include "telemetry/TelemetrySnapshot.h"

#include <QList>
#include <QObject>
#include <QTimer>

class LokiClient;
struct LokiMetricResult;

/**
 * Per host, how many WireGuard and fail2ban lines Loki received over the last hour: one metric query for all
 * hosts. The live telemetry source merges the counts into its snapshots with mergeInto(); the diagram shows
 * them as badges. Wiring: connect countsReady to the source, call start() when the source starts.
 */
class LokiEventCounter final : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultIntervalSeconds = 60;
    static constexpr int StepSeconds = 60;

    LokiEventCounter(LokiClient* client, const Clock* clock, QObject* parent = nullptr);

    /// `sum by (host, job) (count_over_time({job=~"wireguard|fail2ban"}[1h]))`
    static QString eventQuery();
    /// The newest sample of each (host, job) series, one HostLogEvents per host, sorted by host.
    static QList<HostLogEvents> countsFromSeries(const QList<LokiSeries>& series);
    /// Puts counts into a snapshot and marks it as having log events.
    static void mergeInto(TelemetrySnapshot& snapshot, const QList<HostLogEvents>& counts);

    void start(int intervalSeconds = DefaultIntervalSeconds);
    void stop();
    /// Asks now; ignored while a request is in flight.
    void refresh();

    bool hasCounts() const { return m_hasCounts; }
    const QList<HostLogEvents>& counts() const { return m_counts; }
    /// "Loki" endpoint health for the source's status: last success, last attempt, latency, error.
    const EndpointHealth& health() const { return m_health; }

Q_SIGNALS:
    void countsReady(const QList<HostLogEvents>& counts);
    void failed(const LokiError& error);
    void healthChanged(const EndpointHealth& health);

private:
    void onMetricFinished(const LokiMetricResult& result);

    LokiClient* m_client;
    const Clock* m_clock;
    QTimer m_timer;
    quint64 m_pendingId = 0;
    QList<HostLogEvents> m_counts;
    bool m_hasCounts = false;
    EndpointHealth m_health;
};
