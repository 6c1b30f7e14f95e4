// SPDX-License-Identifier: GPL-3.0-or-later
#include "loki/LokiEventCounter.h"

#include "loki/LokiClient.h"

#include <QMap>

#include <algorithm>

namespace {

constexpr qint64 NanosecondsPerMs = 1000000;
constexpr qint64 QueryWindowSeconds = 5 * 60;

} // namespace

LokiEventCounter::LokiEventCounter(LokiClient* client, const Clock* clock, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_clock(clock)
{
    m_health.name = QStringLiteral("Loki");
    connect(&m_timer, &QTimer::timeout, this, &LokiEventCounter::refresh);
    connect(m_client, &LokiClient::metricFinished, this, &LokiEventCounter::onMetricFinished);
}

QString LokiEventCounter::eventQuery()
{
    return QStringLiteral("sum by (host, job) (count_over_time({job=~\"wireguard|fail2ban\"}[1h]))");
}

QList<HostLogEvents> LokiEventCounter::countsFromSeries(const QList<LokiSeries>& series)
{
    QMap<QString, HostLogEvents> byHost;
    for (const LokiSeries& one : series) {
        const QString host = one.metric.value(QStringLiteral("host"));
        if (host.isEmpty() || one.samples.isEmpty())
            continue;
        const auto newest = std::max_element(one.samples.cbegin(),
            one.samples.cend(),
            [](const LokiSample& a, const LokiSample& b) { return a.timeSeconds < b.timeSeconds; });
        HostLogEvents& events = byHost[host];
        events.host = host;
        const QString job = one.metric.value(QStringLiteral("job"));
        if (job == QLatin1String("wireguard"))
            events.wireguardEvents += int(newest->value);
        else if (job == QLatin1String("fail2ban"))
            events.fail2banEvents += int(newest->value);
    }
    return byHost.values();
}

void LokiEventCounter::mergeInto(TelemetrySnapshot& snapshot, const QList<HostLogEvents>& counts)
{
    snapshot.logEvents = counts;
    snapshot.hasLogEvents = true;
}

void LokiEventCounter::start(int intervalSeconds)
{
    m_timer.start(std::max(1, intervalSeconds) * 1000);
    refresh();
}

void LokiEventCounter::stop()
{
    m_timer.stop();
    if (m_pendingId != 0)
        m_client->cancel(m_pendingId);
    m_pendingId = 0;
}

void LokiEventCounter::refresh()
{
    if (m_pendingId != 0)
        return;
    const qint64 nowMs = m_clock->now().toMSecsSinceEpoch();
    LokiMetricQuery query;
    query.logql = eventQuery();
    // A few steps back so the newest point exists even if the last step is still being ingested.
    query.startNs = (nowMs - QueryWindowSeconds * 1000) * NanosecondsPerMs;
    query.endNs = nowMs * NanosecondsPerMs;
    query.stepSeconds = StepSeconds;
    m_health.lastAttempt = m_clock->now();
    m_pendingId = m_client->queryMetric(query);
}

void LokiEventCounter::onMetricFinished(const LokiMetricResult& result)
{
    if (result.requestId != m_pendingId)
        return;
    m_pendingId = 0;
    if (!result.error.ok()) {
        m_health.state = EndpointHealth::State::Failing;
        m_health.message = result.error.message;
        Q_EMIT healthChanged(m_health);
        Q_EMIT failed(result.error);
        return;
    }
    m_counts = countsFromSeries(result.series);
    m_hasCounts = true;
    m_health.state = EndpointHealth::State::Ok;
    m_health.message.clear();
    m_health.lastSuccess = m_clock->now();
    m_health.latencyMs = result.latencyMs;
    Q_EMIT healthChanged(m_health);
    Q_EMIT countsReady(m_counts);
}
