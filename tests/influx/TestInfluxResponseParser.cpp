// SPDX-License-Identifier: GPL-3.0-or-later
// The parser on raw answers recorded from a real InfluxDB 1.6, and on the error shapes of 1.x and 2.x.
#include "influx/InfluxResponseParser.h"

#include <QFile>
#include <QTest>

using namespace InfluxResponseParser;

namespace {

QByteArray sample(const QString& name)
{
    QFile file(QStringLiteral(TUNNELSCOPE_TEST_DATA_DIR "/influx/") + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// The body of a recorded "headers + body" file.
QByteArray recordedBody(const QString& name)
{
    QByteArray raw = sample(name);
    raw.replace("\r\n", "\n");
    return raw.mid(raw.indexOf("\n\n") + 2);
}

} // namespace

class TestInfluxResponseParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theDateHeaderGivesTheServersClock()
    {
        // The Date line of a recorded InfluxDB 1.6 answer.
        QByteArray date;
        for (const QByteArray& line : sample(QStringLiteral("influx_q_derivative.headers.txt")).split('\n')) {
            if (line.startsWith("Date: "))
                date = line.mid(6);
        }
        QCOMPARE(timeFromHttpDate(date), QDateTime(QDate(2026, 11, 21), QTime(23, 29, 8), Qt::UTC));
        QCOMPARE(timeFromHttpDate(date).timeSpec(), Qt::UTC);
        QVERIFY(!timeFromHttpDate(QByteArray()).isValid());
        QVERIFY(!timeFromHttpDate("yesterday").isValid());
    }

    void handshakeNanosecondsStayExact()
    {
        const InfluxResult result = parse(sample(QStringLiteral("influx_q_last_handshake.json")));
        QVERIFY2(result.ok(), qPrintable(result.errorMessage));
        QCOMPARE(result.statements.size(), 1);
        const auto& series = result.statements.constFirst().series;
        QCOMPARE(series.size(), 8);
        QCOMPARE(series.at(0).name, QStringLiteral("wireguard_peer"));
        QCOMPARE(series.at(0).tags.value(QStringLiteral("public_key")), QStringLiteral("4mW39IjHDkcAUT609SeAUO1zSUWLd1jK9mjAIKfShuA="));
        QCOMPARE(series.at(0).columns, (QStringList{QStringLiteral("time"), QStringLiteral("last")}));
        // 1795303658877840731 is beyond a double's 53 bits: read as a double it would end in ...840704.
        QCOMPARE(integerFromCell(series.at(0).cell(0, QStringLiteral("last"))), std::optional<qint64>(1795303658877840731LL));
        QCOMPARE(integerFromCell(series.at(7).cell(0, QStringLiteral("last"))), std::optional<qint64>(1795303708070185347LL));
        QCOMPARE(handshakeFromNanoseconds(1795303658877840731LL),
                 QDateTime::fromMSecsSinceEpoch(1795303658877LL, Qt::UTC));
        // Without epoch the time is RFC3339.
        QCOMPARE(timeFromCell(series.at(0).cell(0, QStringLiteral("time")), InfluxQuery::Epoch::Milliseconds),
                 QDateTime(QDate(2026, 11, 21), QTime(23, 29), Qt::UTC));
        // A peer of this recording never handshaked: the kernel's 0.
        QCOMPARE(integerFromCell(series.at(1).cell(0, QStringLiteral("last"))), std::optional<qint64>(0));
        QVERIFY(!handshakeFromNanoseconds(0).isValid());
    }

    void epochTimesAreIntegers()
    {
        const InfluxResult result = parse(sample(QStringLiteral("influx_q_last_handshake_epoch_ms.json")));
        QVERIFY(result.ok());
        const InfluxSeries& series = result.statements.constFirst().series.constFirst();
        QCOMPARE(timeFromCell(series.cell(0, QStringLiteral("time")), InfluxQuery::Epoch::Milliseconds),
                 QDateTime::fromMSecsSinceEpoch(1795303740000LL, Qt::UTC));
        QCOMPARE(timeFromCell(QJsonValue(qint64(1795303740000000000LL)), InfluxQuery::Epoch::Nanoseconds),
                 QDateTime::fromMSecsSinceEpoch(1795303740000LL, Qt::UTC));
    }

    void derivativeSeriesArePerPeer()
    {
        const InfluxResult result = parse(sample(QStringLiteral("influx_q_derivative_epoch_ms.json")));
        QVERIFY(result.ok());
        const auto& series = result.statements.constFirst().series;
        QCOMPARE(series.size(), 8);
        for (const auto& one : series)
            QCOMPARE(one.values.size(), 60);
        QCOMPARE(numberFromCell(series.at(0).cell(0, QStringLiteral("non_negative_derivative"))), std::optional<double>(4895.2));
        QCOMPARE(numberFromCell(series.at(1).cell(0, QStringLiteral("non_negative_derivative"))), std::optional<double>(0));
    }

    void chunkedLinesAreMerged()
    {
        const InfluxResult result = parse(sample(QStringLiteral("influx_q_chunked.jsonl")));
        QVERIFY2(result.ok(), qPrintable(result.errorMessage));
        QCOMPARE(result.statements.size(), 1);
        QCOMPARE(result.statements.constFirst().series.size(), 8);
        QVERIFY(!result.statements.constFirst().partial); // the last chunk closes the statement
        QCOMPARE(integerFromCell(result.statements.constFirst().series.at(7).cell(0, QStringLiteral("last"))),
                 std::optional<qint64>(869593361));
    }

    void chunksOfOneSeriesAreJoined()
    {
        const QByteArray body =
            R"({"results":[{"statement_id":0,"series":[{"name":"m","tags":{"k":"a"},"columns":["time","v"],"values":[[1,1]],"partial":true}],"partial":true}]})"
            "\n"
            R"({"results":[{"statement_id":0,"series":[{"name":"m","tags":{"k":"a"},"columns":["time","v"],"values":[[2,2]]}]}]})"
            "\n";
        const InfluxResult result = parse(body);
        QVERIFY(result.ok());
        QCOMPARE(result.statements.constFirst().series.size(), 1);
        QCOMPARE(result.statements.constFirst().series.constFirst().values.size(), 2);
        QVERIFY(!result.statements.constFirst().series.constFirst().partial);
    }

    void multiSelectorRowsHaveTimeZero()
    {
        const InfluxResult result = parse(sample(QStringLiteral("influx_q_system_last_by_host.json")));
        QVERIFY(result.ok());
        const auto& series = result.statements.constFirst().series;
        QCOMPARE(series.size(), 3);
        QCOMPARE(series.at(1).tags.value(QStringLiteral("host")), QStringLiteral("monitor11"));
        QCOMPARE(integerFromCell(series.at(1).cell(0, QStringLiteral("uptime"))), std::optional<qint64>(6303171));
        QCOMPARE(numberFromCell(series.at(2).cell(0, QStringLiteral("load1"))), std::optional<double>(1.67));
        QCOMPARE(integerFromCell(series.at(1).cell(0, QStringLiteral("time"))), std::optional<qint64>(0));
    }

    void untaggedSeriesKeepTagsAsColumns()
    {
        const InfluxResult result = parse(sample(QStringLiteral("influx_show_tag_values_public_key.json")));
        QVERIFY(result.ok());
        const InfluxSeries& series = result.statements.constFirst().series.constFirst();
        QVERIFY(series.tags.isEmpty());
        QCOMPARE(series.values.size(), 8);
        QCOMPARE(series.cell(2, QStringLiteral("value")).toString(), QStringLiteral("Rji5/n1CYjKiB6gixxjqPoHzquBo4sHKZcyJfWKvE/Q="));
        QVERIFY(series.cell(0, QStringLiteral("nope")).isUndefined());
        QVERIFY(series.cell(99, QStringLiteral("value")).isUndefined());
    }

    void noSeriesIsAnEmptyAnswer()
    {
        const InfluxResult result = parse(R"({"results":[{"statement_id":0},{"statement_id":1}]})");
        QVERIFY(result.ok());
        QCOMPARE(result.statements.size(), 2);
        QVERIFY(result.statements.at(1).series.isEmpty());
        QCOMPARE(result.statement(1)->statementId, 1);
        QVERIFY(!result.statement(2));
    }

    void nullCellsAreEmpty()
    {
        const InfluxResult result = parse(
            R"({"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","a","b"],"values":[[1,null,"x"]]}]}]})");
        QVERIFY(result.ok());
        const InfluxSeries& series = result.statements.constFirst().series.constFirst();
        QVERIFY(series.cell(0, QStringLiteral("a")).isNull());
        QVERIFY(!numberFromCell(series.cell(0, QStringLiteral("a"))));
        QVERIFY(!integerFromCell(series.cell(0, QStringLiteral("a"))));
        QVERIFY(!integerFromCell(series.cell(0, QStringLiteral("b"))));
        QVERIFY(!integerFromCell(QJsonValue(1.5)));
        QCOMPARE(integerFromCell(QJsonValue(100.0)), std::optional<qint64>(100)); // integer-valued floats arrive as 100
    }

    void telegrafFieldConversions()
    {
        const InfluxResult sentinel = parse(R"({"results":[{"statement_id":0,"series":[{"name":"wireguard_peer","columns":["time","hs"],"values":[[1,-6795364578871345152]]}]}]})");
        const auto value = integerFromCell(sentinel.statements.constFirst().series.constFirst().cell(0, QStringLiteral("hs")));
        QCOMPARE(value, std::optional<qint64>(-6795364578871345152LL));
        QVERIFY(!handshakeFromNanoseconds(*value).isValid());
        QVERIFY(!handshakeFromNanoseconds(-1).isValid());
        QCOMPARE(keepaliveSecondsFromNanoseconds(25000000000LL), 25);
        QCOMPARE(keepaliveSecondsFromNanoseconds(0), 0);
        QCOMPARE(splitCidrs(QStringLiteral("10.10.0.5/32, fd00::5/128,")),
                 (QStringList{QStringLiteral("10.10.0.5/32"), QStringLiteral("fd00::5/128")}));
        QVERIFY(splitCidrs(QString()).isEmpty());
    }

    void statementErrorsInsideA200_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("wrong database (recorded)") << recordedBody(QStringLiteral("influx_error_wrong_db.txt"))
                                                   << QStringLiteral("has no database \"nosuchdb\"");
        QTest::newRow("no database (recorded)") << recordedBody(QStringLiteral("influx_error_no_db.txt"))
                                                << QStringLiteral("no database is set");
        QTest::newRow("field error") << QByteArray(R"({"results":[{"statement_id":0},{"statement_id":1,"error":"max-select-point limit exceeded"}]})")
                                     << QStringLiteral("could not run statement 1: max-select-point limit exceeded");
        QTest::newRow("cause before not executed")
            << QByteArray(R"({"results":[{"statement_id":0,"error":"not executed"},{"statement_id":1,"error":"database not found: x"}]})")
            << QStringLiteral("has no database \"x\"");
        QTest::newRow("top-level error") << QByteArray(R"({"error":"error parsing query: found EOF"})")
                                         << QStringLiteral("InfluxDB: error parsing query: found EOF");
    }

    void statementErrorsInsideA200()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const InfluxResult result = parse(body);
        QCOMPARE(result.error, InfluxResult::Error::Statement);
        QVERIFY2(result.errorMessage.contains(expected), qPrintable(result.errorMessage));
    }

    void badBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("html") << QByteArray("<html><body>502 Bad Gateway</body></html>")
                              << QStringLiteral("not its JSON");
        QTest::newRow("truncated") << sample(QStringLiteral("influx_q_last_handshake.json")).left(700)
                                   << QStringLiteral("cut off after 700 bytes");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty body");
        QTest::newRow("other json") << QByteArray(R"({"hello":"world"})") << QStringLiteral("no \"results\"");
        QTest::newRow("array") << QByteArray("[1,2]") << QStringLiteral("not its JSON");
        QTest::newRow("garbage chunk") << QByteArray("{\"results\":[]}\nxyz\n") << QStringLiteral("not its JSON");
    }

    void badBodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const InfluxResult result = parse(body);
        QCOMPARE(result.error, InfluxResult::Error::BadResponse);
        QVERIFY(result.statements.isEmpty());
        QVERIFY2(result.errorMessage.contains(expected), qPrintable(result.errorMessage));
    }

    void serverErrorTexts_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("expected");
        QTest::newRow("header wins") << QByteArray(R"({"error":"body"})") << QByteArray("authorization failed")
                                     << QStringLiteral("authorization failed");
        QTest::newRow("1.x body") << recordedBody(QStringLiteral("influx_error_bad_query.txt")) << QByteArray()
                                  << QStringLiteral("error parsing query: found SELEKT, expected SELECT, DELETE, SHOW, CREATE, DROP, EXPLAIN, GRANT, REVOKE, ALTER, SET, KILL at line 1, char 1");
        QTest::newRow("2.x body") << QByteArray(R"({"code":"unauthorized","message":"unauthorized access"})") << QByteArray()
                                  << QStringLiteral("unauthorized access (unauthorized)");
        QTest::newRow("text") << QByteArray("404 page not found\n") << QByteArray() << QStringLiteral("404 page not found");
        QTest::newRow("nothing") << QByteArray() << QByteArray() << QString();
    }

    void serverErrorTexts()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, header);
        QFETCH(QString, expected);
        QCOMPARE(serverErrorText(body, header), expected);
    }

    void httpStatusesBecomeSentences_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("error");
        QTest::addColumn<QString>("expected");
        QTest::newRow("400") << 400 << int(InfluxResult::Error::Request) << QStringLiteral("rejected the query (HTTP 400): x");
        QTest::newRow("401") << 401 << int(InfluxResult::Error::Auth) << QStringLiteral("refused the credentials");
        QTest::newRow("403") << 403 << int(InfluxResult::Error::Auth) << QStringLiteral("denied access");
        QTest::newRow("404") << 404 << int(InfluxResult::Error::Request) << QStringLiteral("is the URL that of an InfluxDB");
        QTest::newRow("429") << 429 << int(InfluxResult::Error::RateLimited) << QStringLiteral("limiting requests");
        QTest::newRow("500") << 500 << int(InfluxResult::Error::Server) << QStringLiteral("internal error (HTTP 500): x");
        QTest::newRow("503") << 503 << int(InfluxResult::Error::Server) << QStringLiteral("HTTP 503");
        QTest::newRow("418") << 418 << int(InfluxResult::Error::Request) << QStringLiteral("answered HTTP 418: x");
    }

    void httpStatusesBecomeSentences()
    {
        QFETCH(int, status);
        QFETCH(int, error);
        QFETCH(QString, expected);
        QCOMPARE(int(errorForStatus(status)), error);
        const QString message = httpErrorMessage(status, QStringLiteral("x"));
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    void quoting()
    {
        QCOMPARE(InfluxQuery::quoteLiteral(QStringLiteral("a'b\\c")), QStringLiteral("'a\\'b\\\\c'"));
        QCOMPARE(InfluxQuery::quoteIdentifier(QStringLiteral("rx\"x")), QStringLiteral("\"rx\\\"x\""));
    }

    /// 100,000 open brackets: Qt's JSON parser stops at its nesting limit instead of recursing off the stack.
    void deepNestingIsAnErrorNotACrash()
    {
        const InfluxResult result = parse(R"({"results":[{"series":)" + QByteArray(100000, '['));
        QCOMPARE(int(result.error), int(InfluxResult::Error::BadResponse));
        QVERIFY(!result.errorMessage.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestInfluxResponseParser)
#include "TestInfluxResponseParser.moc"
