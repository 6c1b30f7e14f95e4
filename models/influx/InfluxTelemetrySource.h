// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Clock.h"
#include "influx/InfluxClient.h"
#include "influx/TelegrafPoll.h"
#include "telemetry/TelemetrySource.h"
#include "topology/DataSource.h"

#include <QPointer>
#include <QTimer>

class LogEventsProvider;
class QNetworkAccessManager;

/**
 * Live telemetry from Telegraf's data in InfluxDB: one HTTP request per poll cycle whatever the number of peers,
 * asking only for the server's recent time; snapshots carry the server's clock offset (its Date header), and data
 * the server stopped reporting is dropped after TelegrafPoll::RetentionSeconds. When InfluxDB fails the status says
 * why and since when data is missing, and polling backs off (PollBackoff: doubling, capped at no less than four
 * intervals, never sooner than a Retry-After) until it answers again. Never blocks.
 */
class InfluxTelemetrySource final : public TelemetrySource
{
    Q_OBJECT

public:
    static constexpr int DefaultPollSeconds = 10;
    /// How long a poll's metrics wait for the log counts asked with them, so that a poll makes one snapshot (one
    /// join of thousands of peers) without a slow Loki holding the metrics back; later counts join the next poll.
    static constexpr int LogGraceMs = 1500;
    static inline const QString EndpointName = QStringLiteral("InfluxDB");

    InfluxTelemetrySource(const DataSource& source, const InfluxCredentials& credentials,
                          QNetworkAccessManager* network, const Clock* clock, QObject* parent = nullptr);
    ~InfluxTelemetrySource() override;

    QString name() const override;
    bool isDemo() const override { return false; }
    int pollIntervalSeconds() const override { return m_pollSeconds; }
    void start() override;
    void stop() override;
    void pollNow() override;
    SourceStatus status() const override;

    /// The transfer timeout of each request (default InfluxConnection::DefaultTimeoutMs).
    void setRequestTimeoutMs(int milliseconds);
    /// Log counts to merge into every snapshot (the Loki part); not owned, may be null.
    void setLogEventsProvider(LogEventsProvider* provider);

    const DataSource& dataSource() const { return m_source; }
    InfluxClient* client() { return &m_client; }
    bool isPolling() const { return m_pending != nullptr; }
    int consecutiveFailures() const { return m_failures; }
    /// Seconds until the next automatic poll: the interval, or the back-off while failing.
    int nextPollDelaySeconds() const;
    const TelegrafPoll& poll() const { return m_poll; }

Q_SIGNALS:
    /// One cycle is complete: InfluxDB and the log provider (if any) have both answered.
    void cycleFinished();

private:
    void onQueryFinished(const InfluxResult& result);
    void onLogEvents(const QList<HostLogEvents>& events, bool ok);
    void emitSnapshot();
    void emitSnapshotOnce();
    void finishCycleIfDone();
    /// The laptop's clock corrected by the server's Date header, when one came.
    QDateTime serverNow() const;
    void scheduleNext();
    /// While a server that is gone waits out a long back-off, a cheap probe each interval notices its return.
    void scheduleReturnProbe();
    void probeForReturn();

    DataSource m_source;
    const Clock* m_clock;
    InfluxClient m_client;
    TelegrafPoll m_poll;
    int m_pollSeconds;
    QTimer m_timer;
    QTimer m_logGrace;
    QTimer m_returnProbe;
    bool m_serverGone = false; ///< the last failure had no connection at all (refused, unreachable, no such host)
    bool m_cycleSnapshotSent = false; ///< this poll's one snapshot is out
    bool m_running = false;
    QPointer<InfluxQueryReply> m_pending;
    int m_failures = 0;
    int m_retryAfterSeconds = 0; ///< what the last failed answer asked for; 0 when nothing
    EndpointHealth m_health;
    QPointer<LogEventsProvider> m_logProvider;
    bool m_logPending = false;
    QList<HostLogEvents> m_logEvents;
    bool m_hasLogEvents = false;
    bool m_haveData = false;
    std::optional<qint64> m_serverClockOffsetMs; ///< InfluxDB's Date minus our clock, at the last answer
};
