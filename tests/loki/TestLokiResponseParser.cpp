// SPDX-License-Identifier: GPL-3.0-or-later
#include "loki/LokiResponseParser.h"
#include "support/LokiTestServer.h"

#include <QTest>

using namespace LokiResponseParser;

namespace {

QByteArray recorded(const char* name)
{
    return LokiTestServer::recordedFile(QString::fromLatin1(name));
}

QMap<QString, QString> prodJob(const char* job)
{
    return { { QStringLiteral("host"), QStringLiteral("prod") }, { QStringLiteral("job"), QString::fromLatin1(job) } };
}

} // namespace

class TestLokiResponseParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void streamsAreMergedAcrossStreamsNewestFirst()
    {
        const QueryData data = parseQuery(recorded("query_range_streams.json"));
        QVERIFY2(data.ok(), qPrintable(data.error));
        QCOMPARE(data.resultType, QStringLiteral("streams"));
        QCOMPARE(data.entries.size(), 45);
        QCOMPARE(data.entries.first().timestampNs, Q_INT64_C(1795303796000000000));
        QCOMPARE(data.entries.first().line, QStringLiteral("wg0: Keypair 16 destroyed for peer 1"));
        QCOMPARE(data.entries.first().labels, prodJob("wireguard"));
        // The second newest line is fail2ban's: streams are interleaved by time, not listed one after the other.
        QCOMPARE(data.entries.at(1).timestampNs, Q_INT64_C(1795303743000000000));
        QCOMPARE(data.entries.at(1).labels, prodJob("fail2ban"));
        QCOMPARE(data.entries.last().timestampNs, Q_INT64_C(1795302056000000000));
        for (qsizetype i = 1; i < data.entries.size(); ++i)
            QVERIFY(data.entries.at(i - 1).timestampNs >= data.entries.at(i).timestampNs);
        QCOMPARE(data.entries.first().time(), QDateTime::fromSecsSinceEpoch(1795303796, Qt::UTC));
    }

    void forwardSortsOldestFirst()
    {
        const QueryData data = parseQuery(recorded("query_range_streams.json"), LokiDirection::Forward);
        QCOMPARE(data.entries.first().timestampNs, Q_INT64_C(1795302056000000000));
        QCOMPARE(data.entries.at(1).timestampNs, Q_INT64_C(1795302063000000000));
        QCOMPARE(data.entries.at(1).labels, prodJob("fail2ban"));
    }

    void limitedStreams()
    {
        const QueryData data = parseQuery(recorded("query_range_limit3_truncated.json"));
        QVERIFY(data.ok());
        QCOMPARE(data.entries.size(), 3);
        QCOMPARE(data.entries.at(2).line,
            QStringLiteral("wg0: Receiving keepalive packet from peer 2 (198.51.100.40:41641)"));
    }

    void structuredMetadataBecomesLabels()
    {
        const QByteArray body = R"({"status":"success","data":{"resultType":"streams","result":[{"stream":{"job":"a"},
            "values":[["1795303796000000001","x",{"trace_id":"abc"}]]}],"stats":{}}})";
        const QueryData data = parseQuery(body);
        QVERIFY(data.ok());
        QCOMPARE(data.entries.constFirst().timestampNs, Q_INT64_C(1795303796000000001));
        QCOMPARE(data.entries.constFirst().label(QStringLiteral("trace_id")), QStringLiteral("abc"));
    }

    void matrix()
    {
        const QueryData data = parseQuery(recorded("query_range_matrix.json"));
        QVERIFY2(data.ok(), qPrintable(data.error));
        QCOMPARE(data.resultType, QStringLiteral("matrix"));
        QCOMPARE(data.series.size(), 2);
        QCOMPARE(data.series.at(0).metric,
            (QMap<QString, QString> { { QStringLiteral("job"), QStringLiteral("fail2ban") } }));
        QCOMPARE(data.series.at(0).samples.size(), 31);
        QCOMPARE(data.series.at(0).samples.first(), (LokiSample { 1795302120, 1 }));
        QCOMPARE(data.series.at(1).samples.size(), 32);
        QCOMPARE(data.series.at(1).samples.last(), (LokiSample { 1795303920, 3 }));
    }

    void matrixCountOverTime()
    {
        const QueryData data = parseQuery(recorded("query_range_matrix_count_over_time_wireguard.json"));
        QVERIFY(data.ok());
        QCOMPARE(data.series.size(), 1);
        QCOMPARE(data.series.constFirst().metric, prodJob("wireguard"));
        QCOMPARE(data.series.constFirst().samples.size(), 6);
        QCOMPARE(data.series.constFirst().samples.last(), (LokiSample { 1795303800, 5 }));
    }

    void fractionalMatrixTimes()
    {
        const QueryData data = parseQuery(R"({"status":"success","data":{"resultType":"matrix","result":[
            {"metric":{},"values":[[1795303800.5,"2.25"]]}]}})");
        QVERIFY(data.ok());
        QCOMPARE(data.series.constFirst().samples.constFirst(), (LokiSample { 1795303800.5, 2.25 }));
    }

    void vector()
    {
        const QueryData data = parseQuery(recorded("query_instant_vector.json"));
        QVERIFY2(data.ok(), qPrintable(data.error));
        QCOMPARE(data.resultType, QStringLiteral("vector"));
        QCOMPARE(data.series.size(), 2);
        QCOMPARE(data.series.at(1).metric.value(QStringLiteral("job")), QStringLiteral("wireguard"));
        QCOMPARE(data.series.at(1).samples, (QList<LokiSample> { { 1795303862, 30 } }));
    }

    void labels_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("labels") << "labels.json" << QStringList { QStringLiteral("host"), QStringLiteral("job") };
        QTest::newRow("labels with range")
            << "labels_with_range.json" << QStringList { QStringLiteral("host"), QStringLiteral("job") };
        QTest::newRow("job values") << "label_job_values.json"
                                    << QStringList { QStringLiteral("fail2ban"), QStringLiteral("wireguard") };
    }

    void labels()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, expected);
        const StringListData data = parseStringList(LokiTestServer::recordedFile(file));
        QVERIFY2(data.ok(), qPrintable(data.error));
        QCOMPARE(data.values, expected);
    }

    void badBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expectedPart");
        const QByteArray streams = recorded("query_range_streams.json");
        QTest::newRow("empty") << QByteArray() << "empty";
        QTest::newRow("garbage") << QByteArray("\x1f\x8b garbage }{") << "not valid JSON";
        QTest::newRow("truncated") << streams.left(streams.size() / 2) << "cut off";
        QTest::newRow("status error") << QByteArray(R"({"status":"error","errorType":"bad_data","error":"boom"})")
                                      << "boom";
        QTest::newRow("unknown result type")
            << QByteArray(R"({"status":"success","data":{"resultType":"scalar","result":[1,"2"]}})") << "scalar";
        QTest::newRow("ns as number") << QByteArray(R"({"status":"success","data":{"resultType":"streams","result":[
            {"stream":{},"values":[[1795303796000000000,"x"]]}]}})")
                                      << "not [\"<ns>\"";
        QTest::newRow("sample not a pair") << QByteArray(R"({"status":"success","data":{"resultType":"matrix","result":[
            {"metric":{},"values":[["1795303800","2"]]}]}})")
                                           << "sample";
    }

    void badBodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expectedPart);
        const QueryData data = parseQuery(body);
        QVERIFY(!data.ok());
        QVERIFY2(data.error.contains(expectedPart), qPrintable(data.error));
    }

    void recordedErrorsKeepTheServerText_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("bad LogQL") << "error_bad_logql.txt";
        QTest::newRow("empty matcher") << "error_logql_empty_matcher.txt";
        QTest::newRow("limit over max") << "error_limit_over_max.txt";
        QTest::newRow("range too long") << "error_range_too_long.txt";
        QTest::newRow("too many points") << "error_too_many_points.txt";
        QTest::newRow("ready 503") << "ready_503_starting.txt";
        QTest::newRow("push no labels") << "loki_push_error_no_labels.txt";
        QTest::newRow("push too old") << "loki_push_error_too_old.txt";
    }

    void recordedErrorsKeepTheServerText()
    {
        QFETCH(QString, file);
        const QByteArray raw = LokiTestServer::recordedFile(file);
        const QList<QByteArray> statusLine = raw.left(raw.indexOf("\r\n")).split(' ');
        const int status = statusLine.at(1).toInt();
        const QString reason = QString::fromLatin1(raw.left(raw.indexOf("\r\n")).mid(13));
        const QByteArray body = LokiTestServer::recordedBody(file);
        const LokiError error = httpError(status, reason, body);
        QCOMPARE(error.kind, LokiError::Kind::Http);
        QCOMPARE(error.httpStatus, status);
        QCOMPARE(error.serverText, QString::fromUtf8(body).trimmed());
        QVERIFY2(error.message.contains(QString::number(status)), qPrintable(error.message));
        QVERIFY2(error.message.contains(error.serverText), qPrintable(error.message));
    }

    void errorBodies()
    {
        QCOMPARE(errorBodyText("no org id\n"), QStringLiteral("no org id"));
        QCOMPARE(errorBodyText(R"({"code":400,"message":"bad query","status":"error"})"), QStringLiteral("bad query"));
        QVERIFY(errorBodyText("<html><body>401 Authorization Required</body></html>").contains(QLatin1String("HTML")));
        QVERIFY(httpError(429, QStringLiteral("Too Many Requests"), "too many outstanding requests\n")
                    .message.contains(QLatin1String("overloaded")));
        QVERIFY(
            httpError(401, QStringLiteral("Unauthorized"), "no org id\n").message.contains(QLatin1String("tenant")));
    }

    /// 100,000 open brackets: Qt's JSON parser stops at its nesting limit instead of recursing off the stack.
    void deepNestingIsAnErrorNotACrash()
    {
        const QByteArray deep = R"({"status":"success","data":{"resultType":"streams","result":)" + QByteArray(100000, '[');
        const QueryData data = parseQuery(deep);
        QVERIFY(!data.ok());
        QVERIFY(!parseStringList(QByteArray(100000, '[')).ok());
    }
};

QTEST_GUILESS_MAIN(TestLokiResponseParser)
#include "TestLokiResponseParser.moc"
