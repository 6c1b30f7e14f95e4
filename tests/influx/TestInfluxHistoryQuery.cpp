// SPDX-License-Identifier: GPL-3.0-or-later
// Bucket sizes and the reading of history answers (the live numbers are checked in TestInfluxLive).
#include "influx/InfluxHistoryQuery.h"
#include "influx/InfluxResponseParser.h"

#include <QTest>

class TestInfluxHistoryQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bucketsGiveAFewHundredPoints_data()
    {
        QTest::addColumn<InfluxHistoryQuery::Range>("range");
        QTest::addColumn<int>("bucket");
        QTest::newRow("15 min") << InfluxHistoryQuery::Range::FifteenMinutes << 5;
        QTest::newRow("1 h") << InfluxHistoryQuery::Range::OneHour << 10;
        QTest::newRow("6 h") << InfluxHistoryQuery::Range::SixHours << 60;
        QTest::newRow("24 h") << InfluxHistoryQuery::Range::OneDay << 300;
        QTest::newRow("7 d") << InfluxHistoryQuery::Range::SevenDays << 1800;
    }

    void bucketsGiveAFewHundredPoints()
    {
        QFETCH(InfluxHistoryQuery::Range, range);
        QFETCH(int, bucket);
        QCOMPARE(InfluxHistoryQuery::bucketSeconds(range), bucket);
        const int points = InfluxHistoryQuery::rangeSeconds(range) / bucket;
        QVERIFY(points <= 400);
        // 15 min cannot reach 200 points at Telegraf's 10 s: the 5 s floor keeps buckets meaningful.
        QVERIFY(points >= 180);
        const InfluxQuery query = InfluxHistoryQuery(QStringLiteral("k'ey+="), QStringLiteral("monitor11"), range).query();
        QCOMPARE(query.statements.size(), 2);
        QVERIFY(query.statements.at(0).contains(QStringLiteral("GROUP BY time(%1s) fill(none)").arg(bucket)));
        QVERIFY(query.statements.at(0).contains(QLatin1String(R"("public_key" = 'k\'ey+=' AND "host" = 'monitor11')")));
        QVERIFY(query.statements.at(1).contains(QLatin1String(R"(last("last_handshake_time_ns"))")));
    }

    void rangesHaveTitles()
    {
        QCOMPARE(InfluxHistoryQuery::ranges().size(), 5);
        QCOMPARE(InfluxHistoryQuery::rangeTitle(InfluxHistoryQuery::Range::OneDay), QStringLiteral("24 h"));
        QVERIFY(InfluxHistoryQuery(QStringLiteral("k"), QStringLiteral("h"), InfluxHistoryQuery::Range::OneHour, QStringLiteral("wg0"))
                    .query()
                    .statements.at(0)
                    .contains(QLatin1String(R"("device" = 'wg0')")));
    }

    void pointsJoinRatesAndHandshakeAges()
    {
        const InfluxHistoryQuery history(QStringLiteral("k"), QStringLiteral("h"), InfluxHistoryQuery::Range::FifteenMinutes);
        const qint64 now = 1795306400000;
        // Buckets of 5 s: 1795306380000 is complete, 1795306395000 still fills (now is 5 s into... its end).
        const QByteArray body = QStringLiteral(
            R"({"results":[{"statement_id":0,"series":[{"name":"wireguard_peer","columns":["time","rx_Bps","tx_Bps"],)"
            R"("values":[[1795306380000,2000,500],[1795306397000,700,100]]}]},)"
            R"({"statement_id":1,"series":[{"name":"wireguard_peer","columns":["time","handshake_ns"],)"
            R"("values":[[1795306380000,1795306350000000000],[1795306397000,-6795364578871345152]]}]}]})")
                                    .toUtf8();
        const InfluxResult result = InfluxResponseParser::parse(body);
        QVERIFY(result.ok());
        const QList<InfluxHistoryPoint> points = history.points(result, QDateTime::fromMSecsSinceEpoch(now, Qt::UTC));
        QCOMPARE(points.size(), 2);
        QCOMPARE(points.at(0).timeMs, 1795306380000);
        QCOMPARE(points.at(0).rxBytesPerSecond, std::optional<double>(2000));
        QCOMPARE(points.at(0).txBytesPerSecond, std::optional<double>(500));
        QCOMPARE(points.at(0).handshakeAgeSeconds, std::optional<qint64>(35)); // at the bucket's end
        QVERIFY(!points.at(1).rxBytesPerSecond);      // still filling: its rate would read low
        QVERIFY(!points.at(1).handshakeAgeSeconds);   // never
    }

    void emptyAnswerGivesNoPoints()
    {
        const InfluxHistoryQuery history(QStringLiteral("k"), QStringLiteral("h"), InfluxHistoryQuery::Range::OneHour);
        const InfluxResult result = InfluxResponseParser::parse(R"({"results":[{"statement_id":0},{"statement_id":1}]})");
        QVERIFY(history.points(result, QDateTime::currentDateTimeUtc()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestInfluxHistoryQuery)
#include "TestInfluxHistoryQuery.moc"
