// SPDX-License-Identifier: GPL-3.0-or-later
// The network checks against loopback servers: Loki /ready (LokiTestServer), S3 (FakeHttpServer, a closed port),
// where S3 endpoints come from, and which card a check result belongs on.
#include "support/FakeHttpServer.h"
#include "support/LokiTestServer.h"
#include "support/ManualClock.h"
#include "support/SignalWait.h"
#include "live/CheckTarget.h"
#include "live/LiveSourceBuilder.h"
#include "live/LokiReadyNetworkCheck.h"
#include "live/S3EndpointCheck.h"
#include "loki/LokiClient.h"
#include "topology/TopologyFile.h"

#include <QNetworkAccessManager>
#include <QTest>

namespace {

const QByteArray S3Denied = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
                            "<Message>Access Denied</Message></Error>";

/// A loopback port nobody listens on: bound, noted, released.
quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost);
    return server.serverPort();
}

S3Endpoint endpointAt(const QUrl& url, const QString& note = {})
{
    S3Endpoint endpoint;
    endpoint.hostId = QStringLiteral("storage");
    endpoint.serviceId = QStringLiteral("s3");
    endpoint.url = url;
    endpoint.reachabilityNote = note;
    return endpoint;
}

} // namespace

class TestLiveChecks : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock{QDateTime(QDate(2026, 11, 21), QTime(12, 0), Qt::UTC)};
    QNetworkAccessManager m_network;

    std::optional<CheckResult> runCheck(NetworkCheck& check)
    {
        QObject context;
        std::optional<CheckResult> result;
        connect(&check, &NetworkCheck::finished, &context, [&result](const CheckResult& done) { result = done; });
        check.run();
        (void)QTest::qWaitFor([&result] { return result.has_value(); }, 15000);
        return result;
    }

private Q_SLOTS:
    void lokiReadyIsOk()
    {
        LokiTestServer loki;
        QVERIFY(loki.listen());
        LokiClient client(&m_network, LokiConnection{loki.url(), {}, 5000});
        LokiReadyNetworkCheck check(&client, &m_clock);
        QCOMPARE(check.name(), QStringLiteral("Loki"));
        const auto result = runCheck(check);
        QVERIFY(result);
        QVERIFY2(result->ok, qPrintable(result->detail));
        QCOMPARE(result->probe, QStringLiteral("/ready"));
        QCOMPARE(result->target, loki.url().toString());
        QVERIFY(result->latencyMs >= 0);
        QCOMPARE(result->finishedAt, m_clock.now());
        QCOMPARE(loki.requestsTo(QStringLiteral("/ready")).size(), 1);
    }

    void lokiNotReadyFailsWithTheServersWords()
    {
        LokiTestServer loki;
        QVERIFY(loki.listen());
        loki.setFault(LokiTestServer::Fault::NotReady);
        LokiClient client(&m_network, LokiConnection{loki.url(), {}, 5000});
        LokiReadyNetworkCheck check(&client, &m_clock);
        const auto result = runCheck(check);
        QVERIFY(result);
        QVERIFY(!result->ok);
        QVERIFY2(result->detail.contains(QLatin1String("Ingester not ready")), qPrintable(result->detail));
    }

    void s3AnswersCountAsOk_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::addColumn<QString>("detail");
        QTest::newRow("403 S3 error document")
            << FakeHttpServer::response(403, S3Denied, {{"x-amz-request-id", "17A9"}}, "application/xml")
            << QStringLiteral("HTTP 403 Forbidden from an S3 server (AccessDenied)");
        QTest::newRow("404 with amz headers")
            << FakeHttpServer::response(404, "", {{"x-amz-request-id", "17A9"}}, "application/xml")
            << QStringLiteral("HTTP 404 Not Found from an S3 server");
        QTest::newRow("200 from something else")
            << FakeHttpServer::response(200, "<html>hello</html>", {}, "text/html")
            << QStringLiteral("HTTP 200 OK: something answers there, though not recognisably S3");
    }

    void s3AnswersCountAsOk()
    {
        QFETCH(QByteArray, response);
        QFETCH(QString, detail);
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.enqueue(response);
        QUrl url = server.baseUrl();
        url.setPath(QStringLiteral("/"));
        S3EndpointCheck check(endpointAt(url), &m_network, &m_clock);
        const auto result = runCheck(check);
        QVERIFY(result);
        QVERIFY2(result->ok, qPrintable(result->detail));
        QCOMPARE(result->detail, detail);
        QCOMPARE(result->name, QStringLiteral("S3"));
        QVERIFY(result->latencyMs >= 0);
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(server.requests().constFirst().method, QByteArray("GET"));
        QVERIFY2(!server.requests().constFirst().headers.contains("authorization"), "no credentials are sent");
    }

    void s3RefusedFailsWithTheNote()
    {
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/").arg(closedPort()));
        S3EndpointCheck check(endpointAt(url, QStringLiteral("the S3 storage is on the home network")), &m_network, &m_clock);
        const auto result = runCheck(check);
        QVERIFY(result);
        QVERIFY(!result->ok);
        QVERIFY2(result->detail.contains(QLatin1String("refused")), qPrintable(result->detail));
        QVERIFY2(result->detail.endsWith(QLatin1String("; the S3 storage is on the home network")), qPrintable(result->detail));
        QCOMPARE(result->latencyMs, -1);
    }

    void s3SilenceTimesOut()
    {
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.enqueueSilence();
        S3EndpointCheck check(endpointAt(server.baseUrl()), &m_network, &m_clock);
        check.setTimeoutMs(300);
        const auto result = runCheck(check);
        QVERIFY(result);
        QVERIFY(!result->ok);
        QVERIFY2(result->detail.contains(QLatin1String("no answer within 0.3 s")), qPrintable(result->detail));
    }

    void s3TrickleEndsAtTheDeadline()
    {
        // A body of one byte every 50 ms never trips the idle timeout; without a total deadline this check would
        // take more than four minutes.
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.enqueueTrickle(FakeHttpServer::response(200, QByteArray(5000, 'x'), {}, "application/xml"), 50);
        S3EndpointCheck check(endpointAt(server.baseUrl()), &m_network, &m_clock);
        check.setTimeoutMs(1000);
        const auto result = runCheck(check);
        QVERIFY(result);
        QVERIFY2(result->ok, qPrintable(result->detail)); // the headers came: something answers there
        QVERIFY2(result->detail.startsWith(QLatin1String("HTTP 200")), qPrintable(result->detail));
    }

    void s3EndpointsComeFromTheTopology()
    {
        const QList<S3Endpoint> endpoints = S3Endpoint::fromTopology(TopologyFile::referenceDeployment());
        QCOMPARE(endpoints.size(), 1);
        QCOMPARE(endpoints.constFirst().hostId, QStringLiteral("storage"));
        QCOMPARE(endpoints.constFirst().serviceId, QStringLiteral("s3"));
        QCOMPARE(endpoints.constFirst().url, QUrl(QStringLiteral("http://storage.example.com:8010/")));
        QVERIFY(endpoints.constFirst().reachabilityNote.contains(QLatin1String("home network")));
    }

    void builderMakesOneCheckPerServer()
    {
        const Topology topology = TopologyFile::referenceDeployment();
        LiveSourceBuilder builder(&m_network, &m_clock);
        DataSource source = topology.dataSources.constFirst();
        auto checks = builder.checks(topology, source, {});
        QCOMPARE(checks.size(), std::size_t(3));
        QCOMPARE(checks[0]->name(), QStringLiteral("InfluxDB"));
        QCOMPARE(checks[1]->name(), QStringLiteral("Loki"));
        QCOMPARE(checks[1]->target(), QStringLiteral("http://10.10.0.11:3100"));
        QCOMPARE(checks[2]->name(), QStringLiteral("S3"));
        source.lokiUrl.clear();
        checks = builder.checks(topology, source, {});
        QCOMPARE(checks.size(), std::size_t(2));
        QCOMPARE(checks[1]->name(), QStringLiteral("S3"));
    }

    void checkResultsFindTheirCard_data()
    {
        QTest::addColumn<QString>("check");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("service");
        QTest::newRow("influx by tunnel address") << "InfluxDB" << "http://10.10.0.11:8086" << "monitor11" << "influxdb";
        QTest::newRow("loki by port alone") << "Loki" << "http://127.0.0.1:3100" << "monitor11" << "loki";
        QTest::newRow("s3 by fqdn") << "S3" << "http://storage.example.com:8010/" << "storage" << "s3";
        QTest::newRow("wrong port") << "S3" << "http://storage.example.com:9000/" << "" << "";
    }

    void checkResultsFindTheirCard()
    {
        QFETCH(QString, check);
        QFETCH(QString, url);
        QFETCH(QString, host);
        QFETCH(QString, service);
        const CheckTarget target = CheckTarget::locate(TopologyFile::referenceDeployment(), CheckTarget::kindOfCheck(check), QUrl(url));
        QCOMPARE(target.hostId, host);
        QCOMPARE(target.serviceId, service);
    }
};

QTEST_GUILESS_MAIN(TestLiveChecks)
#include "TestLiveChecks.moc"
