// SPDX-License-Identifier: GPL-3.0-or-later
#include "loki/LokiClient.h"
#include "loki/LokiEventCounter.h"
#include "loki/LokiResponseParser.h"
#include "support/LokiTestServer.h"
#include "support/ManualClock.h"
#include "support/SignalWait.h"

#include <QNetworkAccessManager>
#include <QTest>

namespace {

constexpr qint64 RecordedNewestSeconds = 1795303796;

} // namespace

class TestLokiEventCounter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theQueryIsTheDocumentedOne()
    {
        QCOMPARE(LokiEventCounter::eventQuery(),
            QStringLiteral("sum by (host, job) (count_over_time({job=~\"wireguard|fail2ban\"}[1h]))"));
    }

    void countsFromTheRecordedMatrix()
    {
        const auto data = LokiResponseParser::parseQuery(
            LokiTestServer::recordedFile(QStringLiteral("query_range_matrix_count_over_time_wireguard.json")));
        QVERIFY(data.ok());
        const QList<HostLogEvents> counts = LokiEventCounter::countsFromSeries(data.series);
        QCOMPARE(counts, (QList<HostLogEvents> { { QStringLiteral("prod"), 5, 0 } }));
    }

    void newestSampleWinsAndSeriesWithoutHostAreIgnored()
    {
        const QList<LokiSeries> series = {
            { { { QStringLiteral("host"), QStringLiteral("gw1") },
                  { QStringLiteral("job"), QStringLiteral("fail2ban") } },
                { { 120, 4 }, { 180, 7 }, { 60, 9 } } },
            { { { QStringLiteral("host"), QStringLiteral("gw1") },
                  { QStringLiteral("job"), QStringLiteral("wireguard") } },
                { { 180, 2 } } },
            { { { QStringLiteral("job"), QStringLiteral("wireguard") } }, { { 180, 99 } } },
            { { { QStringLiteral("host"), QStringLiteral("alpha") },
                  { QStringLiteral("job"), QStringLiteral("apache") } },
                { { 180, 50 } } },
        };
        const QList<HostLogEvents> counts = LokiEventCounter::countsFromSeries(series);
        QCOMPARE(counts, (QList<HostLogEvents> { { QStringLiteral("alpha"), 0, 0 }, { QStringLiteral("gw1"), 2, 7 } }));
    }

    void mergeIntoSnapshot()
    {
        TelemetrySnapshot snapshot;
        LokiEventCounter::mergeInto(snapshot, { { QStringLiteral("prod"), 3, 4 } });
        QVERIFY(snapshot.hasLogEvents);
        QCOMPARE(snapshot.logEvents, (QList<HostLogEvents> { { QStringLiteral("prod"), 3, 4 } }));
    }

    void countsFromTheServer()
    {
        LokiTestServer server;
        QVERIFY(server.listen());
        QList<LokiEntry> entries = LokiTestServer::recordedEntries();
        LokiEntry other = entries.constFirst();
        other.labels.insert(QStringLiteral("host"), QStringLiteral("monitor11"));
        entries.append(other);
        // Older than an hour before "now": not counted.
        LokiEntry old = other;
        old.timestampNs -= qint64(2) * 3600 * 1000000000;
        entries.append(old);
        server.setEntries(entries);

        QNetworkAccessManager network;
        LokiClient client(&network, { server.url(), {}, 5000 });
        ManualClock clock(QDateTime::fromSecsSinceEpoch(RecordedNewestSeconds + 60, Qt::UTC));
        LokiEventCounter counter(&client, &clock);
        counter.refresh();
        const auto counts = waitForSignal<QList<HostLogEvents>>(&counter, &LokiEventCounter::countsReady);
        QVERIFY(counts);
        QCOMPARE(*counts,
            (QList<HostLogEvents> { { QStringLiteral("monitor11"), 1, 0 }, { QStringLiteral("prod"), 30, 15 } }));
        QVERIFY(counter.hasCounts());
        QCOMPARE(counter.health().state, EndpointHealth::State::Ok);
        QCOMPARE(counter.health().lastSuccess, clock.now());
        const auto request = server.requests().constLast();
        QCOMPARE(request.item(QStringLiteral("query")), LokiEventCounter::eventQuery());
        QCOMPARE(
            request.item(QStringLiteral("end")), QString::number((RecordedNewestSeconds + 60) * Q_INT64_C(1000000000)));
    }

    void failureIsReportedAndHealthFails()
    {
        LokiTestServer server;
        QVERIFY(server.listen());
        server.setFault(LokiTestServer::Fault::TooManyRequests);
        QNetworkAccessManager network;
        LokiClient client(&network, { server.url(), {}, 5000 });
        ManualClock clock;
        LokiEventCounter counter(&client, &clock);
        counter.refresh();
        counter.refresh(); // ignored: one request at a time
        const auto error = waitForSignal<LokiError>(&counter, &LokiEventCounter::failed);
        QVERIFY(error);
        QCOMPARE(error->httpStatus, 429);
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(counter.health().state, EndpointHealth::State::Failing);
        QVERIFY(counter.health().message.contains(QLatin1String("too many outstanding requests")));
        QVERIFY(!counter.hasCounts());
    }

    void startPollsAndStopCancels()
    {
        LokiTestServer server;
        QVERIFY(server.listen());
        QNetworkAccessManager network;
        LokiClient client(&network, { server.url(), {}, 5000 });
        ManualClock clock(QDateTime::fromSecsSinceEpoch(RecordedNewestSeconds + 60, Qt::UTC));
        LokiEventCounter counter(&client, &clock);
        counter.start(1);
        QTRY_VERIFY_WITH_TIMEOUT(server.requests().size() >= 2, 10000);
        counter.stop();
        QTest::qWait(50);
        const auto settled = server.requests().size();
        QTest::qWait(1300);
        QCOMPARE(server.requests().size(), settled);
    }
};

QTEST_GUILESS_MAIN(TestLokiEventCounter)
#include "TestLokiEventCounter.moc"
