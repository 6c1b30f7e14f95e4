// SPDX-License-Identifier: GPL-3.0-or-later
#include "influx/InfluxTelemetrySource.h"

#include "influx/LogEventsProvider.h"
#include "influx/PollBackoff.h"
#include "topology/UrlUserInfo.h"

InfluxTelemetrySource::InfluxTelemetrySource(const DataSource& source, const InfluxCredentials& credentials,
                                             QNetworkAccessManager* network, const Clock* clock, QObject* parent)
    : TelemetrySource(parent)
    , m_source(source)
    , m_clock(clock)
    , m_client(network)
    , m_pollSeconds(source.pollIntervalSeconds > 0 ? source.pollIntervalSeconds : DefaultPollSeconds)
{
    m_client.setConnection(InfluxConnection::fromDataSource(source, credentials));
    m_health.name = EndpointName;
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &InfluxTelemetrySource::pollNow);
    m_logGrace.setSingleShot(true);
    connect(&m_logGrace, &QTimer::timeout, this, &InfluxTelemetrySource::emitSnapshotOnce);
    m_returnProbe.setSingleShot(true);
    connect(&m_returnProbe, &QTimer::timeout, this, &InfluxTelemetrySource::probeForReturn);
}

InfluxTelemetrySource::~InfluxTelemetrySource()
{
    if (m_pending)
        m_pending->disconnect(this);
}

QString InfluxTelemetrySource::name() const
{
    return m_source.name.isEmpty() ? UrlUserInfo::displayed(m_source.influxUrl) : m_source.name;
}

void InfluxTelemetrySource::setRequestTimeoutMs(int milliseconds)
{
    InfluxConnection connection = m_client.connection();
    connection.timeoutMs = std::max(1, milliseconds);
    m_client.setConnection(connection);
}

void InfluxTelemetrySource::setLogEventsProvider(LogEventsProvider* provider)
{
    if (m_logProvider)
        m_logProvider->disconnect(this);
    m_logProvider = provider;
    m_logPending = false;
    if (provider)
        connect(provider, &LogEventsProvider::eventsReady, this, &InfluxTelemetrySource::onLogEvents);
}

void InfluxTelemetrySource::start()
{
    m_running = true;
    pollNow();
}

void InfluxTelemetrySource::stop()
{
    m_running = false;
    m_logGrace.stop();
    m_timer.stop();
    m_returnProbe.stop();
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->abort();
        m_pending = nullptr;
    }
}

int InfluxTelemetrySource::nextPollDelaySeconds() const
{
    return PollBackoff::delaySeconds(m_pollSeconds, m_failures, m_retryAfterSeconds);
}

void InfluxTelemetrySource::pollNow()
{
    if (m_pending)
        return; // one request at a time: a slow server must not pile them up
    m_timer.stop();
    m_returnProbe.stop();
    // After an outage longer than the recent window, look back as far as a first cycle does, so that values
    // written during the outage are found.
    if (m_health.lastSuccess.isValid()
        && m_health.lastSuccess.secsTo(m_clock->now()) > TelegrafPoll::RecentWindowSeconds)
        m_poll.restartWindow();
    m_health.lastAttempt = m_clock->now();
    m_cycleSnapshotSent = false;
    m_logGrace.stop();
    m_pending = m_client.query(m_poll.nextQuery());
    connect(m_pending, &InfluxQueryReply::finished, this, &InfluxTelemetrySource::onQueryFinished);
    if (m_logProvider && !m_logPending) {
        m_logPending = true;
        m_logProvider->requestEvents();
    }
}

void InfluxTelemetrySource::onQueryFinished(const InfluxResult& result)
{
    m_pending = nullptr;
    m_health.latencyMs = int(result.latencyMs);
    m_serverGone = result.error == InfluxResult::Error::Connection;
    if (result.ok()) {
        m_failures = 0;
        if (result.serverTime.isValid())
            m_serverClockOffsetMs = m_clock->now().msecsTo(result.serverTime);
        m_retryAfterSeconds = 0;
        m_poll.apply(result);
        // Only by the server's clock: a laptop clock hours ahead must not throw current data away.
        if (m_serverClockOffsetMs)
            m_poll.evictBefore(serverNow().addSecs(-TelegrafPoll::RetentionSeconds));
        m_haveData = true;
        m_health.state = EndpointHealth::State::Ok;
        m_health.lastSuccess = m_clock->now();
        m_health.message = result.serverVersion.isEmpty()
            ? QString()
            : QStringLiteral("InfluxDB %1").arg(result.serverVersion);
        if (m_logPending)
            m_logGrace.start(LogGraceMs);
        else
            emitSnapshotOnce();
    } else {
        ++m_failures;
        m_retryAfterSeconds = PollBackoff::retryAfterSeconds(result.retryAfter, m_clock->now()).value_or(0);
        m_health.state = EndpointHealth::State::Failing;
        const QString since = m_health.lastSuccess.isValid()
            ? QStringLiteral("last good data %1").arg(m_health.lastSuccess.toString(Qt::ISODate))
            : QStringLiteral("no data received yet");
        m_health.message = QStringLiteral("%1; %2; retrying in %3 s")
                               .arg(result.errorMessage, since)
                               .arg(nextPollDelaySeconds());
        if (m_serverGone && nextPollDelaySeconds() > m_pollSeconds)
            m_health.message += QStringLiteral(" (checking every %1 s whether it is back)").arg(m_pollSeconds);
    }
    Q_EMIT statusChanged(status());
    scheduleNext();
    finishCycleIfDone();
}

void InfluxTelemetrySource::onLogEvents(const QList<HostLogEvents>& events, bool ok)
{
    m_logPending = false;
    m_hasLogEvents = ok;
    if (ok)
        m_logEvents = events;
    // While InfluxDB is still answering its result carries these counts; when it failed, they are the news.
    if (!m_pending && m_haveData)
        emitSnapshotOnce();
    Q_EMIT statusChanged(status());
    finishCycleIfDone();
}

void InfluxTelemetrySource::emitSnapshot()
{
    TelemetrySnapshot snapshot = m_poll.snapshot(m_clock->now());
    snapshot.serverClockOffsetMs = m_serverClockOffsetMs;
    snapshot.hasLogEvents = m_hasLogEvents;
    if (m_hasLogEvents)
        snapshot.logEvents = m_logEvents;
    Q_EMIT snapshotReady(snapshot);
}

void InfluxTelemetrySource::emitSnapshotOnce()
{
    m_logGrace.stop();
    if (m_cycleSnapshotSent)
        return;
    m_cycleSnapshotSent = true;
    emitSnapshot();
}

QDateTime InfluxTelemetrySource::serverNow() const
{
    const QDateTime now = m_clock->now();
    return m_serverClockOffsetMs ? now.addMSecs(*m_serverClockOffsetMs) : now;
}

void InfluxTelemetrySource::finishCycleIfDone()
{
    if (!m_pending && !m_logPending)
        Q_EMIT cycleFinished();
}

void InfluxTelemetrySource::scheduleNext()
{
    if (!m_running)
        return;
    m_timer.start(nextPollDelaySeconds() * 1000);
    scheduleReturnProbe();
}

void InfluxTelemetrySource::scheduleReturnProbe()
{
    // Only for a server that is not there: one that answers with errors or too slowly is struggling, and its
    // back-off is the relief it needs. A refused connection costs nobody anything.
    if (m_serverGone && m_timer.remainingTime() > m_pollSeconds * 1000)
        m_returnProbe.start(m_pollSeconds * 1000);
}

void InfluxTelemetrySource::probeForReturn()
{
    if (!m_running || m_pending)
        return;
    InfluxProbeReply* probe = m_client.probe();
    connect(probe, &InfluxProbeReply::finished, this, [this](const InfluxProbeResult& result) {
        if (!m_running || m_pending)
            return;
        if (result.httpStatus != 0) // any HTTP answer: the server is back, so poll now rather than at the back-off's time
            pollNow();
        else
            scheduleReturnProbe();
    });
}

SourceStatus InfluxTelemetrySource::status() const
{
    SourceStatus status;
    status.sourceName = name();
    status.endpoints.append(m_health);
    if (m_logProvider)
        status.endpoints.append(m_logProvider->health());
    return status;
}
