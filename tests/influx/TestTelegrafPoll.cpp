// SPDX-License-Identifier: GPL-3.0-or-later
// The poll's statements and the merging of answers, on an answer recorded from a real influxd.
#include "influx/InfluxResponseParser.h"
#include "influx/TelegrafPoll.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

namespace {

const QString ProdKey = QStringLiteral("MlDIjOnb8LlosGHEX1SbEn5OvnKt5IFr+Reqa0oY5/M=");
const QString LaptopKey = QStringLiteral("j2ZvPu2i7fL9urD33PomHN0gksn//nPHyRwzGsbGvg0=");
const QString MonitorKey = QStringLiteral("gR68IwdtGg51Zgteb+/FwmqHnUts6RakNbPJJIu6vGI=");

QByteArray sample(const QString& name)
{
    QFile file(QStringLiteral(TUNNELSCOPE_TEST_DATA_DIR "/influx/") + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// The newest sample time of the recording, written next to it.
qint64 recordedLastSampleMs()
{
    return sample(QStringLiteral("poll_first_epoch_ms.times.txt")).trimmed().toLongLong();
}

QByteArray uptimeAnswer(qint64 timeMs, qint64 uptime)
{
    return QStringLiteral(R"({"results":[{"statement_id":3,"series":[{"name":"system","tags":{"host":"prod"},"columns":["time","uptime"],"values":[[%1,%2]]}]}]})")
        .arg(timeMs)
        .arg(uptime)
        .toUtf8();
}

/// A PeerSamples answer (statement 1): one series per (host, newest sample time in ms).
QByteArray samplesAnswer(const QList<QPair<QString, qint64>>& newest)
{
    QStringList series;
    for (const auto& [host, timeMs] : newest)
        series.append(QStringLiteral(R"({"name":"wireguard_peer","tags":{"device":"wg0","host":"%1","public_key":"%2"},)"
                                     R"("columns":["time","rx_bytes"],"values":[[%3,1000]]})")
                          .arg(host, MonitorKey)
                          .arg(timeMs));
    return QStringLiteral(R"({"results":[{"statement_id":0},{"statement_id":1,"series":[%1]}]})")
        .arg(series.join(QLatin1Char(',')))
        .toUtf8();
}

/// A PeerRates answer (statement 0): one series per host with raw samples at the given times (ms), newest first
/// as the query orders them, counting 100 B/s down and 50 B/s up.
QByteArray ratesAnswer(const QList<QPair<QString, QList<qint64>>>& rows)
{
    QStringList series;
    for (const auto& [host, times] : rows) {
        QStringList values;
        for (const qint64 time : times)
            values.append(QStringLiteral("[%1,%2,%3]").arg(time).arg(time / 10).arg(time / 20));
        series.append(QStringLiteral(R"({"name":"wireguard_peer","tags":{"device":"wg0","host":"%1","public_key":"%2"},)"
                                     R"("columns":["time","rx_bytes","tx_bytes"],"values":[%3]})")
                          .arg(host, ProdKey + QString::number(series.size()), values.join(QLatin1Char(','))));
    }
    return QStringLiteral(R"({"results":[{"statement_id":0,"series":[%1]}]})").arg(series.join(QLatin1Char(','))).toUtf8();
}

/// Whether a statement's time condition lets a point stamped pointMs through while the server's clock reads
/// serverNowMs, as InfluxDB 1.x decides it: GROUP BY time() ends at now() unless the statement says otherwise.
bool admits(const QString& statement, qint64 pointMs, qint64 serverNowMs)
{
    static const QRegularExpression absolute(QStringLiteral(R"(time > (-?\d+)ms)"));
    static const QRegularExpression relative(QStringLiteral(R"(time > now\(\) - (\d+)s)"));
    static const QRegularExpression ahead(QStringLiteral(R"(time < now\(\) \+ (\d+)s)"));
    const auto absoluteMatch = absolute.match(statement);
    const auto relativeMatch = relative.match(statement);
    if (!absoluteMatch.hasMatch() && !relativeMatch.hasMatch())
        return false;
    const qint64 lower = absoluteMatch.hasMatch() ? absoluteMatch.captured(1).toLongLong()
                                                  : serverNowMs - relativeMatch.captured(1).toLongLong() * 1000;
    std::optional<qint64> upper;
    if (const auto aheadMatch = ahead.match(statement); aheadMatch.hasMatch())
        upper = serverNowMs + aheadMatch.captured(1).toLongLong() * 1000;
    else if (statement.contains(QLatin1String("GROUP BY time(")))
        upper = serverNowMs;
    return pointMs > lower && (!upper || pointMs < *upper);
}

} // namespace

class TestTelegrafPoll : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstQueryLooksBackRelativeToTheServer()
    {
        const TelegrafPoll poll;
        QVERIFY(poll.isFirstQuery());
        const InfluxQuery query = poll.nextQuery();
        QCOMPARE(query.statements.size(), qsizetype(TelegrafPoll::StatementCount));
        QCOMPARE(query.epoch, InfluxQuery::Epoch::Milliseconds);
        QVERIFY(query.statements.at(TelegrafPoll::PeerRates).startsWith(QLatin1String(
            R"(SELECT "rx_bytes", "tx_bytes" FROM "wireguard_peer")")));
        QVERIFY(query.statements.at(TelegrafPoll::PeerRates).contains(QLatin1String("time > now() - 150s")));
        // Two raw samples per peer, whatever the lookback: the answer does not grow with the collector's rate.
        QVERIFY(query.statements.at(TelegrafPoll::PeerRates).endsWith(QLatin1String(
            R"(GROUP BY "host","device","public_key" ORDER BY time DESC LIMIT 2)")));
        QVERIFY(query.statements.at(TelegrafPoll::PeerSamples).contains(QLatin1String("time > now() - 3600s")));
        QVERIFY(query.statements.at(TelegrafPoll::HostCpu).contains(QLatin1String(R"("cpu" = 'cpu-total')")));
        QVERIFY(!query.joinedStatements().contains(QLatin1String(";;")));
        QCOMPARE(query.joinedStatements().count(QLatin1Char(';')), TelegrafPoll::StatementCount - 1);
    }

    void recordedAnswerMapsToPeersAndHosts()
    {
        TelegrafPoll poll;
        const InfluxResult result = InfluxResponseParser::parse(sample(QStringLiteral("poll_first_epoch_ms.json")));
        QVERIFY2(result.ok(), qPrintable(result.errorMessage));
        poll.apply(result);
        QCOMPARE(poll.peers().size(), 4);
        const qint64 lastMs = recordedLastSampleMs();
        QVERIFY(lastMs > 0);

        const PeerTelemetry prod = poll.peers().value(TelegrafPoll::peerKey(QStringLiteral("monitor11"), QStringLiteral("wg0"), ProdKey));
        QCOMPARE(prod.reportingHost, QStringLiteral("monitor11"));
        QCOMPARE(prod.device, QStringLiteral("wg0"));
        QCOMPARE(prod.sampleTime.toMSecsSinceEpoch(), lastMs);
        QCOMPARE(prod.rxBytesPerSecond, std::optional<double>(2000));
        QCOMPARE(prod.txBytesPerSecond, std::optional<double>(500));
        QCOMPARE(prod.rxBytes, qint64(1234 + 2000 * 10 * 15)); // after the counter reset at sample 15
        QCOMPARE(prod.lastHandshake.toMSecsSinceEpoch(), lastMs - 30000);
        QVERIFY(prod.endpoint.isEmpty()); // Telegraf before 1.39 writes none
        QCOMPARE(prod.allowedIps, QStringList{QStringLiteral("10.10.0.1/32")});

        const PeerTelemetry laptop = poll.peers().value(TelegrafPoll::peerKey(QStringLiteral("monitor11"), QStringLiteral("wg0"), LaptopKey));
        QVERIFY(!laptop.lastHandshake.isValid()); // Telegraf's -6795364578871345152
        QVERIFY(laptop.endpoint.isEmpty());
        const PeerTelemetry hub = poll.peers().value(TelegrafPoll::peerKey(QStringLiteral("prod"), QStringLiteral("wg0"), MonitorKey));
        QCOMPARE(hub.keepaliveSeconds, 25);

        const HostTelemetry prodHost = poll.hosts().value(QStringLiteral("prod"));
        QCOMPARE(prodHost.lastReport.toMSecsSinceEpoch(), lastMs + 4000); // prod's clock runs 4 s fast
        QCOMPARE(prodHost.cpuBusyPercent, std::optional<double>(25));
        QCOMPARE(prodHost.memoryUsedPercent, std::optional<double>(40.5));
        QVERIFY(poll.hosts().contains(QStringLiteral("edge-02")));

        const TelemetrySnapshot snapshot = poll.snapshot(QDateTime::fromMSecsSinceEpoch(lastMs, Qt::UTC));
        QCOMPARE(snapshot.peers.size(), 4);
        QCOMPARE(snapshot.hosts.size(), 3);
        QVERIFY(!snapshot.hasLogEvents);
    }

    void laterQueriesReadTheServersRecentTime()
    {
        TelegrafPoll poll;
        poll.apply(InfluxResponseParser::parse(sample(QStringLiteral("poll_first_epoch_ms.json"))));
        QVERIFY(!poll.isFirstQuery());
        const InfluxQuery query = poll.nextQuery();
        const QString recent = QStringLiteral("time > now() - %1s").arg(TelegrafPoll::RecentWindowSeconds);
        for (const int statement : {TelegrafPoll::PeerSamples, TelegrafPoll::PeerFields, TelegrafPoll::HostUptime,
                                    TelegrafPoll::HostLoad, TelegrafPoll::HostCpu, TelegrafPoll::HostMemory})
            QVERIFY2(query.statements.at(statement).contains(recent), qPrintable(query.statements.at(statement)));
        QVERIFY(query.statements.at(TelegrafPoll::PeerRates)
                    .contains(QStringLiteral("time > now() - %1s AND time < now() + %2s")
                                  .arg(TelegrafPoll::RateLookbackSeconds)
                                  .arg(TelegrafPoll::ClockAheadToleranceSeconds)));
        // No bound taken from a collector's timestamps.
        QVERIFY(!query.joinedStatements().contains(QRegularExpression(QStringLiteral(R"(time > -?\d+ms)"))));

        poll.restartWindow();
        QVERIFY(poll.isFirstQuery());
        QVERIFY(poll.nextQuery().statements.at(TelegrafPoll::PeerSamples).contains(QLatin1String("now() - 3600s")));
        QCOMPARE(poll.peers().size(), 4); // the data stays
    }

    void aCollectorClockAheadHidesNoOtherHost()
    {
        // prod's clock is right; edge-ahead's runs 10 min ahead. Both sampled at the server's S.
        const qint64 serverMs = 1795303740000LL;
        const qint64 aheadMs = 600 * 1000;
        TelegrafPoll poll;
        poll.apply(InfluxResponseParser::parse(
            samplesAnswer({{QStringLiteral("prod"), serverMs}, {QStringLiteral("edge-ahead"), serverMs + aheadMs}})));
        QCOMPARE(poll.peers().size(), 2);

        // 15 s later on the server, both have sampled again 10 s after S.
        const InfluxQuery query = poll.nextQuery();
        const qint64 nowMs = serverMs + 15000;
        for (const QString& text : query.statements)
            QVERIFY2(admits(text, serverMs + 10000, nowMs), qPrintable(QStringLiteral("prod's point: ") + text));
        for (const QString& text : query.statements)
            QVERIFY2(admits(text, serverMs + aheadMs + 10000, nowMs), qPrintable(QStringLiteral("ahead's point: ") + text));
        poll.apply(InfluxResponseParser::parse(samplesAnswer({{QStringLiteral("prod"), serverMs + 10000}})));
        const PeerTelemetry prod = poll.peers().value(TelegrafPoll::peerKey(QStringLiteral("prod"), QStringLiteral("wg0"), MonitorKey));
        QCOMPARE(prod.sampleTime.toMSecsSinceEpoch(), serverMs + 10000);
    }

    void theIntervalIsLearntFromTheSpacingOfPoints()
    {
        const qint64 t = 1795303740000LL;
        TelegrafPoll poll;
        QCOMPARE(poll.collectorIntervalSeconds(QStringLiteral("prod")), 0);
        // prod every 10 s, one of its peers with a missed sample; fast every 2 s; slow every 60 s.
        poll.apply(InfluxResponseParser::parse(ratesAnswer({{QStringLiteral("prod"), {t + 30000, t + 20000}},
                                                            {QStringLiteral("prod"), {t + 30000, t + 10000}},
                                                            {QStringLiteral("fast"), {t + 32000, t + 30000}},
                                                            {QStringLiteral("slow"), {t + 120000, t + 60000}}})));
        QCOMPARE(poll.collectorIntervalSeconds(QStringLiteral("prod")), 10);
        QCOMPARE(poll.collectorIntervalSeconds(QStringLiteral("fast")), 2);
        QCOMPARE(poll.collectorIntervalSeconds(QStringLiteral("slow")), 60);
        QCOMPARE(poll.collectorIntervalSeconds(QStringLiteral("elsewhere")), 0);
        // Not learnt from a single sample: the estimate stays.
        poll.apply(InfluxResponseParser::parse(ratesAnswer({{QStringLiteral("slow"), {t + 180000}}})));
        QCOMPARE(poll.collectorIntervalSeconds(QStringLiteral("slow")), 60);
    }

    void ratesComeFromTheTwoNewestSamples()
    {
        const qint64 t = 1795303740000LL;
        const auto rxOf = [](const TelegrafPoll& poll, const QString& host, int index) {
            return poll.peers().value(TelegrafPoll::peerKey(host, QStringLiteral("wg0"), ProdKey + QString::number(index))).rxBytesPerSecond;
        };
        TelegrafPoll poll;
        // Whatever the spacing and the order of the rows, the counters' difference over the samples' own distance.
        poll.apply(InfluxResponseParser::parse(ratesAnswer({{QStringLiteral("fast"), {t + 2000, t}},
                                                            {QStringLiteral("slow"), {t, t + 60000}}})));
        QCOMPARE(rxOf(poll, QStringLiteral("fast"), 0), std::optional<double>(100));
        QCOMPARE(rxOf(poll, QStringLiteral("slow"), 1), std::optional<double>(100));
        const PeerTelemetry slow = poll.peers().value(TelegrafPoll::peerKey(QStringLiteral("slow"), QStringLiteral("wg0"), ProdKey + QStringLiteral("1")));
        QCOMPARE(slow.txBytesPerSecond, std::optional<double>(50));

        // A counter reset between the two (the peer's interface came back): no new rate, the last one stays.
        const QByteArray reset = QStringLiteral(
            R"({"results":[{"statement_id":0,"series":[{"name":"wireguard_peer","tags":{"device":"wg0","host":"fast",)"
            R"("public_key":"%1"},"columns":["time","rx_bytes","tx_bytes"],"values":[[%2,40,900000],[%3,800000,800000]]}]}]})")
                                     .arg(ProdKey + QStringLiteral("0")).arg(t + 6000).arg(t + 4000).toUtf8();
        poll.apply(InfluxResponseParser::parse(reset));
        QCOMPARE(rxOf(poll, QStringLiteral("fast"), 0), std::optional<double>(100));
        const PeerTelemetry fast = poll.peers().value(TelegrafPoll::peerKey(QStringLiteral("fast"), QStringLiteral("wg0"), ProdKey + QStringLiteral("0")));
        QCOMPARE(fast.txBytesPerSecond, std::optional<double>(50000)); // tx did not reset
    }

    void whatTheServerNoLongerReportsIsEvicted()
    {
        const qint64 t = 1795303740000LL;
        TelegrafPoll poll;
        poll.apply(InfluxResponseParser::parse(
            samplesAnswer({{QStringLiteral("gone"), t}, {QStringLiteral("prod"), t + 3000 * 1000}})));
        poll.apply(InfluxResponseParser::parse(uptimeAnswer(t, 500)));
        poll.apply(InfluxResponseParser::parse(ratesAnswer({{QStringLiteral("gone"), {t - 20000, t - 10000, t}}})));
        QCOMPARE(poll.collectorIntervalSeconds(QStringLiteral("gone")), 10);
        QCOMPARE(poll.peers().size(), 3); // the rates were of another of gone's peers, one without a sample time
        QCOMPARE(poll.hosts().size(), 1);

        const QDateTime serverNow = QDateTime::fromMSecsSinceEpoch(t + 3700 * 1000, Qt::UTC);
        poll.evictBefore(serverNow.addSecs(-TelegrafPoll::RetentionSeconds));
        QCOMPARE(poll.peers().size(), 1);
        QVERIFY(poll.peers().contains(TelegrafPoll::peerKey(QStringLiteral("prod"), QStringLiteral("wg0"), MonitorKey)));
        QVERIFY(poll.hosts().isEmpty()); // the uptime answer was prod's, at t
        QCOMPARE(poll.collectorIntervalSeconds(QStringLiteral("gone")), 0);
        QCOMPARE(poll.snapshot(serverNow).peers.size(), 1);
    }

    void olderAnswersDoNotOverwriteNewerData()
    {
        TelegrafPoll poll;
        poll.apply(InfluxResponseParser::parse(uptimeAnswer(2000000, 500)));
        poll.apply(InfluxResponseParser::parse(uptimeAnswer(1000000, 400)));
        QCOMPARE(poll.hosts().value(QStringLiteral("prod")).uptimeSeconds, std::optional<qint64>(500));
        poll.apply(InfluxResponseParser::parse(uptimeAnswer(3000000, 600)));
        QCOMPARE(poll.hosts().value(QStringLiteral("prod")).uptimeSeconds, std::optional<qint64>(600));
        QCOMPARE(poll.hosts().value(QStringLiteral("prod")).lastReport.toMSecsSinceEpoch(), 3000000);
    }

    void failedAnswersChangeNothing()
    {
        TelegrafPoll poll;
        InfluxResult failed = InfluxResponseParser::parse(uptimeAnswer(2000000, 500));
        failed.error = InfluxResult::Error::Server;
        poll.apply(failed);
        QVERIFY(poll.hosts().isEmpty());
        QVERIFY(poll.isFirstQuery());
    }
};

QTEST_GUILESS_MAIN(TestTelegrafPoll)
#include "TestTelegrafPoll.moc"
