// SPDX-License-Identifier: GPL-3.0-or-later
// The source's cycle against a scripted server: one request per cycle, only newer points afterwards, status on
// failure with the time of the last good data, capped back-off and recovery, and the log-events extension point.
#include "influx/InfluxTelemetrySource.h"
#include "influx/LogEventsProvider.h"
#include "support/FakeHttpServer.h"
#include "support/ManualClock.h"
#include "telemetry/NetworkState.h"
#include "topology/TopologyFile.h"

#include <QFile>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

namespace {

constexpr int WaitMs = 10000;

QByteArray recordedPollAnswer(const QList<QPair<QByteArray, QByteArray>>& headers = {})
{
    QFile file(QStringLiteral(TUNNELSCOPE_TEST_DATA_DIR "/influx/poll_first_epoch_ms.json"));
    return file.open(QIODevice::ReadOnly) ? FakeHttpServer::response(200, file.readAll(), headers) : QByteArray();
}

/// The newest sample time of the recording, written next to it.
QDateTime recordedLastSample()
{
    QFile file(QStringLiteral(TUNNELSCOPE_TEST_DATA_DIR "/influx/poll_first_epoch_ms.times.txt"));
    return file.open(QIODevice::ReadOnly) ? QDateTime::fromMSecsSinceEpoch(file.readAll().trimmed().toLongLong(), Qt::UTC)
                                          : QDateTime();
}

/// The Date header InfluxDB sends, for a given server time.
QPair<QByteArray, QByteArray> dateHeader(const QDateTime& serverTime)
{
    return {"Date", QLocale::c().toString(serverTime.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1()};
}

HostLogEvents prodEvents(int wireguard)
{
    HostLogEvents prod;
    prod.host = QStringLiteral("prod");
    prod.wireguardEvents = wireguard;
    prod.fail2banEvents = 7;
    return prod;
}

/// A log source that answers when the test says so.
class ScriptedLogEvents final : public LogEventsProvider
{
public:
    using LogEventsProvider::LogEventsProvider;
    void requestEvents() override { ++requests; }
    EndpointHealth health() const override { return m_health; }
    void answer(const QList<HostLogEvents>& events, bool ok)
    {
        m_health.name = QStringLiteral("Loki");
        m_health.state = ok ? EndpointHealth::State::Ok : EndpointHealth::State::Failing;
        Q_EMIT eventsReady(events, ok);
    }
    int requests = 0;

private:
    EndpointHealth m_health;
};

} // namespace

class TestInfluxTelemetrySource : public QObject
{
    Q_OBJECT

private:
    static inline const QDateTime Start{QDate(2026, 11, 22), QTime(0, 13), Qt::UTC};
    QNetworkAccessManager m_network;
    ManualClock m_clock{Start};

    DataSource dataSourceFor(const FakeHttpServer& server, int pollSeconds = 10) const
    {
        DataSource source;
        source.name = QStringLiteral("scripted");
        source.influxUrl = server.baseUrl();
        source.pollIntervalSeconds = pollSeconds;
        return source;
    }

    /// A source polling a fake InfluxDB that answers the recorded poll, with scripted log counts.
    struct LoggedSource
    {
        FakeHttpServer server;
        ScriptedLogEvents logs;
        std::unique_ptr<InfluxTelemetrySource> source;
        std::unique_ptr<QSignalSpy> snapshots;
    };

    std::unique_ptr<LoggedSource> loggedSource()
    {
        auto polled = std::make_unique<LoggedSource>();
        if (!polled->server.listenOnLoopback())
            return nullptr;
        polled->server.setFallback(recordedPollAnswer());
        polled->source = std::make_unique<InfluxTelemetrySource>(dataSourceFor(polled->server), InfluxCredentials{}, &m_network, &m_clock);
        polled->source->setLogEventsProvider(&polled->logs);
        polled->snapshots = std::make_unique<QSignalSpy>(polled->source.get(), &TelemetrySource::snapshotReady);
        return polled;
    }

    static bool runCycle(InfluxTelemetrySource& source)
    {
        QSignalSpy cycles(&source, &InfluxTelemetrySource::cycleFinished);
        source.pollNow();
        return cycles.wait(WaitMs);
    }

private Q_SLOTS:
    void init() { m_clock.set(Start); }

    void oneRequestPerCycleThenOnlyNewerPoints()
    {
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.setFallback(recordedPollAnswer());
        InfluxTelemetrySource source(dataSourceFor(server), {}, &m_network, &m_clock);
        QCOMPARE(source.pollIntervalSeconds(), 10);
        QVERIFY(!source.isDemo());
        QSignalSpy snapshots(&source, &TelemetrySource::snapshotReady);
        QSignalSpy statuses(&source, &TelemetrySource::statusChanged);

        QVERIFY(runCycle(source));
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(server.requests().constFirst().queryItem(QStringLiteral("q")).count(QLatin1Char(';')),
                 TelegrafPoll::StatementCount - 1);
        QCOMPARE(snapshots.size(), 1);
        const auto snapshot = snapshots.constFirst().constFirst().value<TelemetrySnapshot>();
        QCOMPARE(snapshot.peers.size(), 4);
        QCOMPARE(snapshot.takenAt, m_clock.now());
        const auto status = statuses.constLast().constFirst().value<SourceStatus>();
        QCOMPARE(status.sourceName, QStringLiteral("scripted"));
        QCOMPARE(status.endpoints.size(), 1);
        QCOMPARE(status.endpoints.constFirst().name, QStringLiteral("InfluxDB"));
        QCOMPARE(status.endpoints.constFirst().state, EndpointHealth::State::Ok);
        QCOMPARE(status.endpoints.constFirst().lastSuccess, m_clock.now());
        QVERIFY(status.endpoints.constFirst().latencyMs >= 0);

        m_clock.advance(10);
        QVERIFY(runCycle(source));
        QCOMPARE(server.requests().size(), 2);
        const QString second = server.requests().at(1).queryItem(QStringLiteral("q"));
        QVERIFY2(!second.contains(QLatin1String("now() - 3600s")), qPrintable(second));
        QVERIFY(second.contains(QStringLiteral("now() - %1s GROUP BY").arg(TelegrafPoll::RecentWindowSeconds)));
    }

    void theServersDateDecidesFreshness()
    {
        // The laptop's clock runs 30 s ahead of InfluxDB's; the data is 5 s old by the server's Date. A 5 s poll.
        const QDateTime serverNow = recordedLastSample().addSecs(5);
        QVERIFY(serverNow.isValid());
        m_clock.set(serverNow.addSecs(30));
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.setFallback(recordedPollAnswer({dateHeader(serverNow)}));
        InfluxTelemetrySource source(dataSourceFor(server, 5), {}, &m_network, &m_clock);
        NetworkState state(&m_clock);
        state.setTopology(TopologyFile::referenceDeployment());
        state.setPollIntervalSeconds(source.pollIntervalSeconds());
        connect(&source, &TelemetrySource::snapshotReady, &state, &NetworkState::applySnapshot);
        connect(&source, &TelemetrySource::statusChanged, &state, &NetworkState::applyStatus);
        QVERIFY(runCycle(source));

        const TunnelState* prod = state.tunnel(QStringLiteral("monitor11-prod"));
        QVERIFY(prod && prod->telemetry);
        QVERIFY2(prod->status.state == PeerStatus::State::Online, qPrintable(prod->status.reason));
        QCOMPARE(prod->status.handshakeAgeSeconds, std::optional<qint64>(35)); // 30 s before the sample, 5 s since
        QCOMPARE(state.hostState(QStringLiteral("monitor11")).reporting, HostState::Reporting::Reporting);
    }

    void whatTheServerStopsReportingIsEvicted()
    {
        const QDateTime serverNow = recordedLastSample().addSecs(5);
        m_clock.set(serverNow);
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        const QDateTime later = serverNow.addSecs(TelegrafPoll::RetentionSeconds + 60);
        const QByteArray nothing = R"({"results":[{"statement_id":0},{"statement_id":1},{"statement_id":2},)"
                                   R"({"statement_id":3},{"statement_id":4},{"statement_id":5},{"statement_id":6}]})";
        server.enqueue(recordedPollAnswer({dateHeader(serverNow)}));
        server.enqueue(FakeHttpServer::response(200, nothing, {dateHeader(serverNow.addSecs(60))}));
        server.setFallback(FakeHttpServer::response(200, nothing, {dateHeader(later)}));
        InfluxTelemetrySource source(dataSourceFor(server), {}, &m_network, &m_clock);
        QSignalSpy snapshots(&source, &TelemetrySource::snapshotReady);
        QVERIFY(runCycle(source));
        QCOMPARE(snapshots.constLast().constFirst().value<TelemetrySnapshot>().peers.size(), 4);

        // Still there a minute on: the poll keeps the last values while they may matter.
        m_clock.advance(60);
        QVERIFY(runCycle(source));
        QCOMPARE(snapshots.constLast().constFirst().value<TelemetrySnapshot>().peers.size(), 4);

        m_clock.set(later);
        QVERIFY(runCycle(source));
        const auto snapshot = snapshots.constLast().constFirst().value<TelemetrySnapshot>();
        QVERIFY(snapshot.peers.isEmpty());
        QVERIFY(snapshot.hosts.isEmpty());
    }

    void failuresBackOffAndRecover()
    {
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.enqueue(recordedPollAnswer());
        server.setFallback(FakeHttpServer::response(500, R"({"error":"engine broke"})"));
        InfluxTelemetrySource source(dataSourceFor(server), {}, &m_network, &m_clock);
        QVERIFY(runCycle(source));
        const QDateTime goodAt = m_clock.now();
        QCOMPARE(source.nextPollDelaySeconds(), 10);

        QSignalSpy snapshots(&source, &TelemetrySource::snapshotReady);
        const int expectedDelays[] = {20, 40, 80, 160, 300, 300};
        for (const int expected : expectedDelays) {
            m_clock.advance(source.nextPollDelaySeconds());
            QVERIFY(runCycle(source));
            QCOMPARE(source.nextPollDelaySeconds(), expected);
        }
        QCOMPARE(snapshots.size(), 0); // nothing new is claimed while failing
        const SourceStatus failing = source.status();
        const EndpointHealth& health = failing.endpoints.constFirst();
        QCOMPARE(health.state, EndpointHealth::State::Failing);
        QCOMPARE(health.lastSuccess, goodAt);
        QCOMPARE(health.lastAttempt, m_clock.now());
        QVERIFY2(health.message.contains(QLatin1String("internal error (HTTP 500): engine broke")), qPrintable(health.message));
        QVERIFY2(health.message.contains(QStringLiteral("last good data %1").arg(goodAt.toString(Qt::ISODate))),
                 qPrintable(health.message));
        QVERIFY(health.message.contains(QLatin1String("retrying in 300 s")));

        server.setFallback(recordedPollAnswer());
        m_clock.advance(300);
        QVERIFY(runCycle(source));
        QCOMPARE(source.status().endpoints.constFirst().state, EndpointHealth::State::Ok);
        QCOMPARE(source.consecutiveFailures(), 0);
        QCOMPARE(source.nextPollDelaySeconds(), 10);
        QCOMPARE(snapshots.size(), 1);
    }

    void backOffNeverPollsFasterThanTheInterval()
    {
        // A 10-minute interval: a cap of 300 s would make a failing source poll twice as often as a healthy one.
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.setFallback(FakeHttpServer::response(500, R"({"error":"engine broke"})"));
        InfluxTelemetrySource source(dataSourceFor(server, 600), {}, &m_network, &m_clock);
        const int expectedDelays[] = {1200, 2400, 2400};
        for (const int expected : expectedDelays) {
            QVERIFY(runCycle(source));
            QCOMPARE(source.nextPollDelaySeconds(), expected);
            m_clock.advance(expected);
        }
    }

    void retryAfterIsHonouredWithinBounds_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::addColumn<int>("expected");
        const QDateTime now = QDateTime(QDate(2026, 11, 22), QTime(0, 13), Qt::UTC);
        QTest::newRow("429 seconds") << 429 << QByteArray("120") << 120;
        QTest::newRow("503 HTTP date") << 503 << now.addSecs(200).toString(Qt::RFC2822Date).toLatin1() << 200;
        QTest::newRow("shorter than the back-off") << 429 << QByteArray("3") << 20;
        QTest::newRow("past date") << 503 << now.addSecs(-60).toString(Qt::RFC2822Date).toLatin1() << 20;
        QTest::newRow("a day, bounded by the cap") << 429 << QByteArray("86400") << 300;
        QTest::newRow("garbage") << 429 << QByteArray("soon") << 20;
    }

    void retryAfterIsHonouredWithinBounds()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, retryAfter);
        QFETCH(int, expected);
        m_clock.set(QDateTime(QDate(2026, 11, 22), QTime(0, 13), Qt::UTC));
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.setFallback(FakeHttpServer::response(status, "slow down\n", {{"Retry-After", retryAfter}}, "text/plain"));
        InfluxTelemetrySource source(dataSourceFor(server), {}, &m_network, &m_clock);
        QVERIFY(runCycle(source));
        QCOMPARE(source.nextPollDelaySeconds(), expected);
        QVERIFY2(source.status().endpoints.constFirst().message.contains(QStringLiteral("retrying in %1 s").arg(expected)),
                 qPrintable(source.status().endpoints.constFirst().message));
    }

    void theTimerResumesPollingByItself()
    {
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.setFallback(recordedPollAnswer());
        DataSource dataSource = dataSourceFor(server, 1); // one second, so the timer fires within the test
        InfluxTelemetrySource source(dataSource, {}, &m_network, &m_clock);
        QSignalSpy cycles(&source, &InfluxTelemetrySource::cycleFinished);
        source.start();
        QTRY_VERIFY_WITH_TIMEOUT(cycles.size() >= 2, WaitMs);
        source.stop();
        const qsizetype after = server.requests().size();
        QTest::qWait(1500);
        QCOMPARE(server.requests().size(), after);
    }

    void aSlowServerGetsOneRequestAtATime()
    {
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.enqueueSilence();
        InfluxTelemetrySource source(dataSourceFor(server), {}, &m_network, &m_clock);
        source.setRequestTimeoutMs(400);
        QSignalSpy cycles(&source, &InfluxTelemetrySource::cycleFinished);
        source.pollNow();
        QTRY_COMPARE_WITH_TIMEOUT(server.requests().size(), 1, WaitMs);
        QVERIFY(source.isPolling());
        source.pollNow();
        source.pollNow();
        QVERIFY(cycles.wait(WaitMs));
        QCOMPARE(server.requests().size(), 1);
        QVERIFY(source.status().endpoints.constFirst().message.contains(QLatin1String("did not answer")));
        QVERIFY(source.status().endpoints.constFirst().message.contains(QLatin1String("no data received yet")));
    }

    void stopAbandonsTheRequestInFlight()
    {
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.enqueueSilence();
        InfluxTelemetrySource source(dataSourceFor(server), {}, &m_network, &m_clock);
        QSignalSpy statuses(&source, &TelemetrySource::statusChanged);
        source.start();
        QTRY_COMPARE_WITH_TIMEOUT(server.requests().size(), 1, WaitMs);
        source.stop();
        QVERIFY(!source.isPolling());
        QTest::qWait(100);
        QCOMPARE(statuses.size(), 0);
    }

    void logEventsJoinTheSnapshotAndStatus()
    {
        const auto polled = loggedSource();
        QVERIFY(polled);
        InfluxTelemetrySource& source = *polled->source;
        ScriptedLogEvents& logs = polled->logs;
        QSignalSpy& snapshots = *polled->snapshots;
        QSignalSpy cycles(&source, &InfluxTelemetrySource::cycleFinished);
        source.pollNow();
        QCOMPARE(logs.requests, 1);
        QVERIFY(QTest::qWaitFor([&] { return !source.isPolling(); }, WaitMs));
        QCOMPARE(cycles.size(), 0); // the log answer is still missing
        QCOMPARE(snapshots.size(), 0); // and the metrics wait a moment for it

        logs.answer({prodEvents(3)}, true);
        QCOMPARE(cycles.size(), 1);
        QCOMPARE(snapshots.size(), 1); // one snapshot per poll: one join of every peer, not two
        const auto withLogs = snapshots.constLast().constFirst().value<TelemetrySnapshot>();
        QVERIFY(withLogs.hasLogEvents);
        QCOMPARE(withLogs.logEvents, QList<HostLogEvents>{prodEvents(3)});
        QCOMPARE(withLogs.peers.size(), 4);
        const SourceStatus status = source.status();
        QCOMPARE(status.endpoints.size(), 2);
        QCOMPARE(status.endpoints.at(1).name, QStringLiteral("Loki"));
        QVERIFY(status.telemetryUp()); // InfluxDB (the first endpoint) decides whether peer data is current
    }

    void aSlowLogSourceNeitherHoldsMetricsNorAddsASnapshot()
    {
        const auto polled = loggedSource();
        QVERIFY(polled);
        InfluxTelemetrySource& source = *polled->source;
        ScriptedLogEvents& logs = polled->logs;
        QSignalSpy& snapshots = *polled->snapshots;
        source.pollNow();
        // Loki does not answer: the metrics come anyway, after the grace.
        QVERIFY(snapshots.wait(WaitMs));
        QVERIFY(!snapshots.constLast().constFirst().value<TelemetrySnapshot>().hasLogEvents);
        logs.answer({prodEvents(5)}, true);
        QCOMPARE(snapshots.size(), 1); // the late counts wait for the next poll

        // The next poll carries them, still once, while Loki is asked again.
        source.pollNow();
        QCOMPARE(logs.requests, 2);
        QVERIFY(snapshots.wait(WaitMs));
        QCOMPARE(snapshots.size(), 2);
        const auto next = snapshots.constLast().constFirst().value<TelemetrySnapshot>();
        QVERIFY(next.hasLogEvents);
        QCOMPARE(next.logEvents, QList<HostLogEvents>{prodEvents(5)});
    }

    void logCountsAloneUpdateWhenInfluxFails()
    {
        const auto polled = loggedSource();
        QVERIFY(polled);
        InfluxTelemetrySource& source = *polled->source;
        ScriptedLogEvents& logs = polled->logs;
        QSignalSpy& snapshots = *polled->snapshots;
        source.pollNow();
        logs.answer({prodEvents(1)}, true);
        QVERIFY(QTest::qWaitFor([&] { return snapshots.size() == 1; }, WaitMs));

        polled->server.setFallback(FakeHttpServer::response(500, R"({"error":"engine broke"})"));
        source.pollNow();
        QVERIFY(QTest::qWaitFor([&] { return !source.isPolling(); }, WaitMs));
        logs.answer({prodEvents(2)}, true);
        QCOMPARE(snapshots.size(), 2);
        QCOMPARE(snapshots.constLast().constFirst().value<TelemetrySnapshot>().logEvents, QList<HostLogEvents>{prodEvents(2)});
    }
};

QTEST_GUILESS_MAIN(TestInfluxTelemetrySource)
#include "TestInfluxTelemetrySource.moc"
