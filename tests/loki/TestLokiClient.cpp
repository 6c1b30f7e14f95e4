// SPDX-License-Identifier: GPL-3.0-or-later
#include "loki/LokiClient.h"
#include "support/FakeHttpServer.h"
#include "support/LokiTestServer.h"
#include "support/SignalWait.h"
#include "topology/DataSource.h"

#include <QNetworkAccessManager>
#include <QSet>
#include <QTcpServer>
#include <QTest>

#include <memory>

namespace {

constexpr qint64 Second = 1000000000;
constexpr qint64 RecordedNewestNs = Q_INT64_C(1795303796000000000);

LokiLogQuery recordedRangeQuery(const QString& logql)
{
    LokiLogQuery query;
    query.logql = logql;
    query.startNs = RecordedNewestNs - 3600 * Second;
    query.endNs = RecordedNewestNs + 1;
    return query;
}

} // namespace

class TestLokiClient : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_network;
    std::unique_ptr<LokiTestServer> m_server;

    std::unique_ptr<LokiClient> makeClient(const QString& tenant = {}, int timeoutMs = LokiConnection::DefaultTimeoutMs)
    {
        return std::make_unique<LokiClient>(&m_network, LokiConnection { m_server->url(), tenant, timeoutMs });
    }

    LokiLogResult logs(LokiClient& client, const LokiLogQuery& query)
    {
        client.queryLogs(query);
        const auto result = waitForSignal<LokiLogResult>(&client, &LokiClient::logsFinished);
        if (!result)
            qFatal("no logsFinished within the wait");
        return *result;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<LokiTestServer>();
        QVERIFY(m_server->listen());
        // A new connection per test: a fault mode must not meet a connection kept alive from the test before.
        m_network.clearConnectionCache();
    }

    void ready()
    {
        auto client = makeClient();
        const quint64 id = client->checkReady();
        const auto result = waitForSignal<LokiReadyResult>(client.get(), &LokiClient::readyFinished);
        QVERIFY(result);
        QCOMPARE(result->requestId, id);
        QVERIFY2(result->ready, qPrintable(result->error.message));
        QVERIFY(result->latencyMs >= 0);
        QCOMPARE(m_server->requests().constFirst().path, QStringLiteral("/ready"));
    }

    void notReadyWhileStarting()
    {
        m_server->setFault(LokiTestServer::Fault::NotReady);
        auto client = makeClient();
        client->checkReady();
        const auto result = waitForSignal<LokiReadyResult>(client.get(), &LokiClient::readyFinished);
        QVERIFY(result);
        QVERIFY(!result->ready);
        QCOMPARE(result->error.httpStatus, 503);
        QCOMPARE(result->error.serverText, QStringLiteral("Ingester not ready: waiting for 15s after being ready"));
        QVERIFY2(result->error.message.contains(QLatin1String("503")), qPrintable(result->error.message));
    }

    void recordedStreams()
    {
        auto client = makeClient();
        const LokiLogResult result = logs(*client, recordedRangeQuery(QStringLiteral("{host=\"prod\"}")));
        QVERIFY2(result.error.ok(), qPrintable(result.error.message));
        QCOMPARE(result.entries.size(), 45);
        QCOMPARE(result.pages, 1);
        QCOMPARE(result.entries.constFirst().timestampNs, RecordedNewestNs);
        const LokiTestServer::Request request = m_server->requests().constLast();
        QCOMPARE(request.path, QStringLiteral("/loki/api/v1/query_range"));
        QCOMPARE(request.item(QStringLiteral("query")), QStringLiteral("{host=\"prod\"}"));
        QCOMPARE(request.item(QStringLiteral("start")), QString::number(RecordedNewestNs - 3600 * Second));
        QCOMPARE(request.item(QStringLiteral("end")), QString::number(RecordedNewestNs + 1));
        QCOMPARE(request.item(QStringLiteral("limit")), QStringLiteral("100"));
        QCOMPARE(request.item(QStringLiteral("direction")), QStringLiteral("backward"));
    }

    void jobAndLineFilterSelectOnTheServer()
    {
        auto client = makeClient();
        LokiLogQuery query = recordedRangeQuery(QStringLiteral("{host=\"prod\", job=\"fail2ban\"} |= \"Ban\""));
        query.direction = LokiDirection::Forward;
        const LokiLogResult result = logs(*client, query);
        QVERIFY(result.error.ok());
        QCOMPARE(result.entries.size(), 3); // |= is case-sensitive: "Unban" does not contain "Ban"
        QCOMPARE(result.entries.constFirst().line,
            QStringLiteral("fail2ban.actions [812]: NOTICE [sshd] Ban 198.51.100.23"));
        QCOMPARE(m_server->requests().constLast().item(QStringLiteral("direction")), QStringLiteral("forward"));
    }

    void pagingPast5000WithDedupe_data()
    {
        QTest::addColumn<int>("direction");
        QTest::newRow("backward") << int(LokiDirection::Backward);
        QTest::newRow("forward") << int(LokiDirection::Forward);
    }

    void pagingPast5000WithDedupe()
    {
        QFETCH(int, direction);
        const QList<LokiEntry> all = LokiTestServer::generatedEntries(12000, RecordedNewestNs, 3);
        m_server->setEntries(all);
        auto client = makeClient();
        LokiLogQuery query = recordedRangeQuery(QStringLiteral("{host=\"prod\"}"));
        query.startNs = RecordedNewestNs - 86400 * Second;
        query.limit = 20000;
        query.direction = LokiDirection(direction);
        const LokiLogResult result = logs(*client, query);
        QVERIFY2(result.error.ok(), qPrintable(result.error.message));
        QCOMPARE(result.entries.size(), 12000);
        QCOMPARE(result.pages, 3);
        QSet<QString> identities;
        for (const LokiEntry& entry : result.entries)
            identities.insert(entry.identity());
        QCOMPARE(identities.size(), 12000);

        const auto pages = m_server->requestsTo(QStringLiteral("/loki/api/v1/query_range"));
        QCOMPARE(pages.size(), 3);
        for (const auto& page : pages)
            QVERIFY(page.item(QStringLiteral("limit")).toInt() <= LokiTestServer::MaxEntriesLimit);
        // 5000 lines = 1666 whole seconds of 3 lines + 2 of the next: the next page reopens that second.
        const LokiEntry& edge = result.entries.at(4999);
        if (query.direction == LokiDirection::Backward)
            QCOMPARE(pages.at(1).item(QStringLiteral("end")), QString::number(edge.timestampNs + 1));
        else
            QCOMPARE(pages.at(1).item(QStringLiteral("start")), QString::number(edge.timestampNs));
    }

    void metricQuery()
    {
        auto client = makeClient();
        LokiMetricQuery query;
        query.logql = QStringLiteral("sum by (host, job) (count_over_time({job=~\"wireguard|fail2ban\"}[1h]))");
        query.startNs = RecordedNewestNs - 300 * Second;
        query.endNs = RecordedNewestNs + 60 * Second;
        query.stepSeconds = 60;
        client->queryMetric(query);
        const auto result = waitForSignal<LokiMetricResult>(client.get(), &LokiClient::metricFinished);
        QVERIFY(result);
        QVERIFY2(result->error.ok(), qPrintable(result->error.message));
        QCOMPARE(result->series.size(), 2);
        QCOMPARE(result->series.at(0).metric.value(QStringLiteral("job")), QStringLiteral("fail2ban"));
        QCOMPARE(result->series.at(0).samples.constLast().value, 15.0);
        QCOMPARE(result->series.at(1).samples.constLast().value, 30.0);
        QCOMPARE(m_server->requests().constLast().item(QStringLiteral("step")), QStringLiteral("60"));
    }

    void labelsAndValues()
    {
        auto client = makeClient();
        client->fetchLabels({});
        auto names = waitForSignal<LokiLabelResult>(client.get(), &LokiClient::labelsFinished);
        QVERIFY(names);
        QCOMPARE(names->values, (QStringList { QStringLiteral("host"), QStringLiteral("job") }));
        QCOMPARE(m_server->requests().constLast().path, QStringLiteral("/loki/api/v1/labels"));

        client->fetchLabels({ QStringLiteral("job"), RecordedNewestNs - 3600 * Second, RecordedNewestNs });
        auto jobs = waitForSignal<LokiLabelResult>(client.get(), &LokiClient::labelsFinished);
        QVERIFY(jobs);
        QCOMPARE(jobs->values, (QStringList { QStringLiteral("fail2ban"), QStringLiteral("wireguard") }));
        QCOMPARE(m_server->requests().constLast().path, QStringLiteral("/loki/api/v1/label/job/values"));
        QCOMPARE(m_server->requests().constLast().item(QStringLiteral("end")), QString::number(RecordedNewestNs));
    }

    void tenantHeader()
    {
        m_server->setRequireTenant(true);
        auto anonymous = makeClient();
        anonymous->fetchLabels({});
        const auto refused = waitForSignal<LokiLabelResult>(anonymous.get(), &LokiClient::labelsFinished);
        QVERIFY(refused);
        QCOMPARE(refused->error.httpStatus, 401);
        QCOMPARE(refused->error.serverText, QStringLiteral("no org id"));
        QVERIFY2(refused->error.message.contains(QLatin1String("tenant")), qPrintable(refused->error.message));

        auto tenant = makeClient(QStringLiteral("team-a"));
        tenant->fetchLabels({});
        const auto accepted = waitForSignal<LokiLabelResult>(tenant.get(), &LokiClient::labelsFinished);
        QVERIFY(accepted);
        QVERIFY2(accepted->error.ok(), qPrintable(accepted->error.message));
        QCOMPARE(m_server->requests().constLast().header("X-Scope-OrgID"), QByteArray("team-a"));
    }

    void basicAuthHeaderAndZeroedSecret()
    {
        auto client = makeClient();
        LokiCredentials credentials { QStringLiteral("grafana"), QByteArray("s3cret:with-colon") };
        client->setCredentials(std::move(credentials));
        QVERIFY(credentials.secret.isEmpty()); // NOLINT(bugprone-use-after-move): the contract is to empty it
        QVERIFY(client->hasCredentials());
        client->checkReady();
        QVERIFY(waitForSignal<LokiReadyResult>(client.get(), &LokiClient::readyFinished));
        QCOMPARE(m_server->requests().constLast().header("Authorization"),
            QByteArray("Basic " + QByteArray("grafana:s3cret:with-colon").toBase64()));

        client->setCredentials({});
        QVERIFY(!client->hasCredentials());
        client->checkReady();
        QVERIFY(waitForSignal<LokiReadyResult>(client.get(), &LokiClient::readyFinished));
        QVERIFY(m_server->requests().constLast().header("Authorization").isEmpty());
    }

    void recordedErrorsVerbatim_data()
    {
        QTest::addColumn<QString>("logql");
        QTest::addColumn<qint64>("rangeSeconds");
        QTest::addColumn<int>("pageSize");
        QTest::addColumn<int>("stepSeconds"); // 0: a log query
        QTest::addColumn<QString>("recordedFile");
        const QString good = QStringLiteral("{job=\"wireguard\"}");
        QTest::newRow("bad LogQL") << QStringLiteral("{job=\"wireguard\"") << qint64(3600) << 100 << 0
                                   << "error_bad_logql.txt";
        QTest::newRow("empty matcher") << QStringLiteral("{job=~\".*\"}") << qint64(3600) << 100 << 0
                                       << "error_logql_empty_matcher.txt";
        QTest::newRow("limit over max") << good << qint64(3600) << 10000 << 0 << "error_limit_over_max.txt";
        QTest::newRow("range too long") << good << qint64(960 * 3600) << 100 << 0 << "error_range_too_long.txt";
        QTest::newRow("too many points") << QStringLiteral("count_over_time({job=\"wireguard\"}[1m])")
                                         << qint64(4 * 3600) << 100 << 1 << "error_too_many_points.txt";
    }

    void recordedErrorsVerbatim()
    {
        QFETCH(QString, logql);
        QFETCH(qint64, rangeSeconds);
        QFETCH(int, pageSize);
        QFETCH(int, stepSeconds);
        QFETCH(QString, recordedFile);
        auto client = makeClient();
        LokiError error;
        if (stepSeconds == 0) {
            LokiLogQuery query = recordedRangeQuery(logql);
            query.startNs = query.endNs - rangeSeconds * Second;
            query.limit = pageSize;
            query.pageSize = pageSize; // a client told the server allows more than it does
            error = logs(*client, query).error;
        } else {
            client->queryMetric({ logql, RecordedNewestNs - rangeSeconds * Second, RecordedNewestNs, stepSeconds });
            const auto result = waitForSignal<LokiMetricResult>(client.get(), &LokiClient::metricFinished);
            QVERIFY(result);
            error = result->error;
        }
        QCOMPARE(error.kind, LokiError::Kind::Http);
        QCOMPARE(error.httpStatus, 400);
        QCOMPARE(error.serverText, QString::fromUtf8(LokiTestServer::recordedBody(recordedFile)));
        QVERIFY2(
            error.message.startsWith(QLatin1String("Loki answered HTTP 400 Bad Request: ")), qPrintable(error.message));
        QVERIFY(error.message.endsWith(error.serverText));
    }

    void faults_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("expectedPart");
        QTest::newRow("500")
            << int(LokiTestServer::Fault::ServerError) << int(LokiError::Kind::Http) << 500
            << "HTTP 500 Internal Server Error: rpc error: code = Unavailable desc = all ingesters are unhealthy";
        QTest::newRow("429") << int(LokiTestServer::Fault::TooManyRequests) << int(LokiError::Kind::Http) << 429
                             << "HTTP 429 Too Many Requests: too many outstanding requests";
        QTest::newRow("timeout") << int(LokiTestServer::Fault::NeverAnswer) << int(LokiError::Kind::Timeout) << 0
                                 << "did not answer within 0.5 s";
        QTest::newRow("garbage") << int(LokiTestServer::Fault::Garbage) << int(LokiError::Kind::BadResponse) << 0
                                 << "not valid JSON";
        QTest::newRow("truncated") << int(LokiTestServer::Fault::Truncated) << int(LokiError::Kind::Connection) << 0
                                   << "before its answer was complete";
    }

    void faults()
    {
        QFETCH(int, fault);
        QFETCH(int, kind);
        QFETCH(int, status);
        QFETCH(QString, expectedPart);
        m_server->setFault(LokiTestServer::Fault(fault));
        auto client = makeClient({}, 500);
        const LokiLogResult result = logs(*client, recordedRangeQuery(QStringLiteral("{host=\"prod\"}")));
        QCOMPARE(int(result.error.kind), kind);
        QCOMPARE(result.error.httpStatus, status);
        QVERIFY2(result.error.message.contains(expectedPart), qPrintable(result.error.message));
        QVERIFY(result.entries.isEmpty());
    }

    void connectionRefused()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        LokiClient client(
            &m_network, LokiConnection { QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)), {}, 2000 });
        client.checkReady();
        const auto result = waitForSignal<LokiReadyResult>(&client, &LokiClient::readyFinished);
        QVERIFY(result);
        QVERIFY(!result->ready);
        QCOMPARE(result->error.kind, LokiError::Kind::Connection);
        QVERIFY2(
            result->error.message.contains(QLatin1String("connection refused")), qPrintable(result->error.message));
    }

    void redirectToAnotherOriginGetsNoCredentials()
    {
        FakeHttpServer other;
        QVERIFY(other.listenOn(QHostAddress(QStringLiteral("127.0.0.2"))));
        other.setFallback(FakeHttpServer::response(200, "ready\n", {}, "text/plain"));
        FakeHttpServer proxy;
        QVERIFY(proxy.listenOnLoopback());
        QUrl target = other.baseUrl();
        target.setPath(QStringLiteral("/ready"));
        proxy.enqueue(FakeHttpServer::redirect(307, target));
        LokiClient client(&m_network, LokiConnection { proxy.baseUrl(), {}, 2000 });
        client.setCredentials(LokiCredentials { QStringLiteral("grafana"), QByteArray("s3cret") });
        client.checkReady();
        QVERIFY(waitForSignal<LokiReadyResult>(&client, &LokiClient::readyFinished));
        QCOMPARE(proxy.requests().size(), 1);
        QVERIFY(proxy.requests().constFirst().headers.contains("authorization"));
        QCOMPARE(other.requests().size(), 1);
        QVERIFY2(!other.requests().constFirst().headers.contains("authorization"),
            other.requests().constFirst().headers.value("authorization").constData());
    }

    void readyAnswerLargerThanItsCapIsAborted()
    {
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.enqueue(FakeHttpServer::response(200, QByteArray(1024 * 1024, 'r'), {}, "text/plain"));
        LokiClient client(&m_network, LokiConnection { server.baseUrl(), {}, 2000 });
        client.checkReady();
        const auto result = waitForSignal<LokiReadyResult>(&client, &LokiClient::readyFinished);
        QVERIFY(result);
        QVERIFY(!result->ready);
        QVERIFY2(result->error.message.contains(QLatin1String("response larger than 64 KiB")),
            qPrintable(result->error.message));
    }

    void aManagerThatGoesFirstTakesItsRequestsWithIt()
    {
        // The app's source selector owns both, and its children go in creation order: the manager first.
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.enqueueSilence();
        auto* manager = new QNetworkAccessManager;
        auto client = std::make_unique<LokiClient>(manager, LokiConnection { server.baseUrl(), {}, 5000 });
        client->checkReady();
        QVERIFY(QTest::qWaitFor([&] { return !server.requests().isEmpty(); }, 5000));
        delete manager;
        client.reset(); // cancels what is in flight: must not touch the gone manager
        QTest::qWait(50);
    }

    void tricklingAnswerHitsTheDeadline()
    {
        // One byte of body every 100 ms never trips the 1 s idle timeout, yet the answer takes about 5 s.
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.enqueueTrickle(FakeHttpServer::response(200, "ready" + QByteArray(45, ' ') + '\n', {}, "text/plain"), 100);
        LokiClient client(&m_network, LokiConnection { server.baseUrl(), {}, 1000 });
        client.checkReady();
        const auto result = waitForSignal<LokiReadyResult>(&client, &LokiClient::readyFinished);
        QVERIFY(result);
        QVERIFY(!result->ready);
        QCOMPARE(result->error.kind, LokiError::Kind::Timeout);
        QVERIFY2(result->error.message.contains(QLatin1String("no complete answer within 2 s")),
            qPrintable(result->error.message));
    }

    void privateCaIsTrustedThroughTheCaFile()
    {
        const QString certificate = QStringLiteral(TUNNELSCOPE_TEST_DATA_DIR "/influx/tls/test-server.pem");
        FakeHttpServer server;
        QVERIFY(server.useTls(certificate, QStringLiteral(TUNNELSCOPE_TEST_DATA_DIR "/influx/tls/test-server.key")));
        QVERIFY(server.listenOnLoopback());
        server.setFallback(FakeHttpServer::response(200, "ready\n", {}, "text/plain"));

        LokiClient untrusting(&m_network, LokiConnection { server.baseUrl(), {}, 2000 });
        untrusting.checkReady();
        const auto refused = waitForSignal<LokiReadyResult>(&untrusting, &LokiClient::readyFinished);
        QVERIFY(refused);
        QVERIFY(!refused->ready);
        QVERIFY2(refused->error.message.contains(QLatin1String("not trusted"))
                && refused->error.message.contains(QLatin1String("CA file")),
            qPrintable(refused->error.message));
        QVERIFY(server.requests().isEmpty()); // nothing went over the untrusted connection

        DataSource source;
        source.lokiUrl = server.baseUrl();
        source.caFile = certificate;
        LokiConnection connection = LokiConnection::fromDataSource(source);
        QCOMPARE(connection.caFile, certificate); // every Loki use starts from the data source's connection
        connection.timeoutMs = 2000;
        LokiClient trusting(&m_network, connection);
        trusting.checkReady();
        const auto accepted = waitForSignal<LokiReadyResult>(&trusting, &LokiClient::readyFinished);
        QVERIFY(accepted);
        QVERIFY2(accepted->ready, qPrintable(accepted->error.message));
        QCOMPARE(server.requests().size(), 1);
    }

    void unreadableCaFileFailsWithoutNetwork()
    {
        LokiConnection connection { QUrl(QStringLiteral("https://127.0.0.1:1")), {}, 2000 };
        connection.caFile = QStringLiteral("/nonexistent/ca.pem");
        LokiClient client(&m_network, connection);
        client.checkReady();
        const auto result = waitForSignal<LokiReadyResult>(&client, &LokiClient::readyFinished);
        QVERIFY(result);
        QVERIFY(!result->ready);
        QVERIFY2(result->error.message.contains(QLatin1String("/nonexistent/ca.pem")), qPrintable(result->error.message));
    }

    void proxyPathPrefixIsKept()
    {
        QUrl base = m_server->url();
        base.setPath(QStringLiteral("/loki-proxy/"));
        LokiClient client(&m_network, LokiConnection { base, {}, 2000 });
        QCOMPARE(client.endpointUrl(QStringLiteral("/ready")).path(), QStringLiteral("/loki-proxy/ready"));
    }

    void emptyRangeAnswersWithoutARequest()
    {
        auto client = makeClient();
        LokiLogQuery query = recordedRangeQuery(QStringLiteral("{host=\"prod\"}"));
        query.startNs = query.endNs;
        const LokiLogResult result = logs(*client, query);
        QVERIFY(result.error.ok());
        QVERIFY(result.entries.isEmpty());
        QVERIFY(m_server->requests().isEmpty());
    }

    void cancelledRequestsStaySilent()
    {
        m_server->setFault(LokiTestServer::Fault::NeverAnswer);
        auto client = makeClient({}, 5000);
        const quint64 id = client->queryLogs(recordedRangeQuery(QStringLiteral("{host=\"prod\"}")));
        QTRY_COMPARE_WITH_TIMEOUT(m_server->requests().size(), 1, 5000);
        client->cancel(id);
        QVERIFY(!waitForSignal<LokiLogResult>(client.get(), &LokiClient::logsFinished, 300));
    }
};

QTEST_GUILESS_MAIN(TestLokiClient)
#include "TestLokiClient.moc"
