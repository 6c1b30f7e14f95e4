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
        QVERIFY(query.statements.at(TelegrafPoll::PeerRates).contains(QLatin1String(
            R"(non_negative_derivative(last("rx_bytes"),1s) AS "rx_Bps")")));
        QVERIFY(query.statements.at(TelegrafPoll::PeerRates).contains(QLatin1String("time > now() - 150s")));
        QVERIFY(query.statements.at(TelegrafPoll::PeerRates).contains(QLatin1String(
            R"(GROUP BY time(10s),"host","device","public_key" fill(none))")));
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
        QCOMPARE(prod.endpoint, QStringLiteral("198.51.100.7:51820"));
        QCOMPARE(prod.allowedIps, QStringList{QStringLiteral("10.10.0.1/32")});

        const PeerTelemetry laptop = poll.peers().value(TelegrafPoll::peerKey(QStringLiteral("monitor11"), QStringLiteral("wg0"), LaptopKey));
        QVERIFY(!laptop.lastHandshake.isValid()); // Telegraf's -6795364578871345152
        QVERIFY(laptop.endpoint.isEmpty());       // the field is absent for this peer: null
        const PeerTelemetry hub = poll.peers().value(TelegrafPoll::peerKey(QStringLiteral("prod"), QStringLiteral("wg0"), MonitorKey));
        QCOMPARE(hub.keepaliveSeconds, 25);

        const HostTelemetry prodHost = poll.hosts().value(QStringLiteral("prod"));
        QCOMPARE(prodHost.lastReport.toMSecsSinceEpoch(), lastMs);
        QCOMPARE(prodHost.cpuBusyPercent, std::optional<double>(25));
        QCOMPARE(prodHost.memoryUsedPercent, std::optional<double>(40.5));
        QVERIFY(poll.hosts().contains(QStringLiteral("edge-02")));

        const TelemetrySnapshot snapshot = poll.snapshot(QDateTime::fromMSecsSinceEpoch(lastMs, Qt::UTC));
        QCOMPARE(snapshot.peers.size(), 4);
        QCOMPARE(snapshot.hosts.size(), 3);
        QVERIFY(!snapshot.hasLogEvents);
    }

    void laterQueriesAskOnlyForNewerPoints()
    {
        TelegrafPoll poll;
        poll.apply(InfluxResponseParser::parse(sample(QStringLiteral("poll_first_epoch_ms.json"))));
        QVERIFY(!poll.isFirstQuery());
        const qint64 lastMs = recordedLastSampleMs();
        const InfluxQuery query = poll.nextQuery();
        const QString peerBound = QStringLiteral("time > %1ms").arg(lastMs - TelegrafPoll::OverlapSeconds * 1000);
        QVERIFY2(query.statements.at(TelegrafPoll::PeerSamples).contains(peerBound),
                 qPrintable(query.statements.at(TelegrafPoll::PeerSamples)));
        QVERIFY(query.statements.at(TelegrafPoll::HostUptime).contains(peerBound));
        // The newest rate bucket starts at the last sample (10 s buckets).
        QVERIFY(query.statements.at(TelegrafPoll::PeerRates)
                    .contains(QStringLiteral("time > %1ms").arg(lastMs - TelegrafPoll::RateLookbackSeconds * 1000)));
        QVERIFY(!query.joinedStatements().contains(QLatin1String("now()")));

        poll.restartWindow();
        QVERIFY(poll.isFirstQuery());
        QCOMPARE(poll.peers().size(), 4); // the data stays
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
