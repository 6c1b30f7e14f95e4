// SPDX-License-Identifier: GPL-3.0-or-later
// LiveSourceBuilder's source against a real influxd (Telegraf-shaped data) and the Loki test server: the
// snapshots carry Loki's event counts, the status names both servers, and Loki failing leaves the peers alone.
#include "support/InfluxServerFixture.h"
#include "support/LokiTestServer.h"
#include "support/ManualClock.h"
#include "support/SignalWait.h"
#include "support/TelegrafScenario.h"
#include "support/TestRequirements.h"
#include "influx/InfluxTelemetrySource.h"
#include "live/LiveSourceBuilder.h"
#include "live/LokiLogEventsProvider.h"
#include "loki/LokiClient.h"

#include <QNetworkAccessManager>
#include <QTest>

namespace {

constexpr qint64 NsPerSecond = 1000000000;

} // namespace

class TestLiveSource : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<InfluxServerFixture> m_influx;
    QNetworkAccessManager m_network;
    ManualClock m_clock{QDateTime::currentDateTimeUtc()};

    DataSource dataSource(const QUrl& lokiUrl) const
    {
        DataSource source;
        source.id = QStringLiteral("test");
        source.name = QStringLiteral("test source");
        source.influxUrl = m_influx->url();
        source.lokiUrl = lokiUrl;
        return source;
    }

    /// The entries of one job among those the server holds.
    static int countOf(const QList<LokiEntry>& entries, const QString& host, const QString& job)
    {
        return int(std::count_if(entries.cbegin(), entries.cend(), [&](const LokiEntry& entry) {
            return entry.label(QStringLiteral("host")) == host && entry.label(QStringLiteral("job")) == job;
        }));
    }

    std::optional<TelemetrySnapshot> pollOnce(InfluxTelemetrySource& source)
    {
        std::optional<TelemetrySnapshot> last;
        bool cycleDone = false;
        QObject context;
        connect(&source, &TelemetrySource::snapshotReady, &context, [&last](const TelemetrySnapshot& s) { last = s; });
        connect(&source, &InfluxTelemetrySource::cycleFinished, &context, [&cycleDone] { cycleDone = true; });
        source.pollNow();
        (void)QTest::qWaitFor([&cycleDone] { return cycleDone; }, 20000);
        return cycleDone ? last : std::nullopt;
    }

private Q_SLOTS:
    void initTestCase()
    {
        REQUIRE_OR_SKIP(!InfluxServerFixture::executable().isEmpty(), "influxd is not installed (Debian package influxdb)");
        m_influx = std::make_unique<InfluxServerFixture>();
        QString error;
        QVERIFY2(m_influx->startWithData(QStringLiteral("telegraf"), TelegrafScenario(m_clock.now()).lineProtocol(), &error), qPrintable(error));
    }

    void snapshotsCarryLokiCounts()
    {
        LokiTestServer loki;
        QVERIFY(loki.listen());
        const qint64 nowNs = m_clock.now().toMSecsSinceEpoch() * 1000000;
        loki.setEntries(LokiTestServer::generatedEntries(45, nowNs - 120 * NsPerSecond, 1));

        LiveSourceBuilder builder(&m_network, &m_clock);
        builder.setTimeoutMs(5000);
        const auto source = builder.build(dataSource(loki.url()), {});
        const auto snapshot = pollOnce(*source);
        QVERIFY(snapshot);
        QVERIFY(!snapshot->peers.isEmpty());
        QVERIFY(snapshot->hasLogEvents);
        QCOMPARE(snapshot->logEvents.size(), 1);
        const HostLogEvents& prod = snapshot->logEvents.constFirst();
        QCOMPARE(prod.host, QStringLiteral("prod"));
        QCOMPARE(prod.wireguardEvents, countOf(loki.entries(), prod.host, QStringLiteral("wireguard")));
        QCOMPARE(prod.fail2banEvents, countOf(loki.entries(), prod.host, QStringLiteral("fail2ban")));
        QVERIFY(prod.wireguardEvents > 0 && prod.fail2banEvents > 0);

        const SourceStatus status = source->status();
        QCOMPARE(status.endpoints.size(), 2);
        QCOMPARE(status.endpoints[0].name, QStringLiteral("InfluxDB"));
        QCOMPARE(status.endpoints[0].state, EndpointHealth::State::Ok);
        QCOMPARE(status.endpoints[1].name, QStringLiteral("Loki"));
        QCOMPARE(status.endpoints[1].state, EndpointHealth::State::Ok);
        QVERIFY(status.endpoints[1].latencyMs >= 0);
    }

    void countsAreReusedUntilTheyAge()
    {
        LokiTestServer loki;
        QVERIFY(loki.listen());
        LiveSourceBuilder builder(&m_network, &m_clock);
        const auto source = builder.build(dataSource(loki.url()), {});
        QVERIFY(pollOnce(*source));
        const auto metricRequests = [&loki] { return loki.requestsTo(QStringLiteral("/loki/api/v1/query_range")).size(); };
        QCOMPARE(metricRequests(), 1);
        m_clock.advance(10);
        const auto second = pollOnce(*source);
        QVERIFY(second && second->hasLogEvents);
        QCOMPARE(metricRequests(), 1); // a one-hour count asked again after 10 s would say the same
        m_clock.advance(LokiLogEventsProvider::DefaultRefreshSeconds);
        QVERIFY(pollOnce(*source));
        QCOMPARE(metricRequests(), 2);
    }

    void lokiFailingLeavesThePeers()
    {
        LokiTestServer loki;
        QVERIFY(loki.listen());
        loki.setFault(LokiTestServer::Fault::ServerError);
        LiveSourceBuilder builder(&m_network, &m_clock);
        const auto source = builder.build(dataSource(loki.url()), {});
        const auto snapshot = pollOnce(*source);
        QVERIFY(snapshot);
        QVERIFY(!snapshot->peers.isEmpty());
        QVERIFY(!snapshot->hasLogEvents);
        const SourceStatus status = source->status();
        QCOMPARE(status.endpoints.size(), 2);
        QCOMPARE(status.endpoints[0].state, EndpointHealth::State::Ok);
        QCOMPARE(status.endpoints[1].state, EndpointHealth::State::Failing);
        QVERIFY(!status.endpoints[1].message.isEmpty());
    }

    void noLokiUrlMeansNoLokiEndpoint()
    {
        LiveSourceBuilder builder(&m_network, &m_clock);
        const auto source = builder.build(dataSource({}), {});
        const auto snapshot = pollOnce(*source);
        QVERIFY(snapshot);
        QVERIFY(!snapshot->hasLogEvents);
        QCOMPARE(source->status().endpoints.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestLiveSource)
#include "TestLiveSource.moc"
