// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP side of InfluxClient against a scripted loopback server: what it sends, and every way an answer can
// go wrong becoming a clear message.
#include "influx/InfluxClient.h"
#include "support/FakeHttpServer.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTcpServer>
#include <QTest>

namespace {

constexpr int WaitMs = 10000;
// Unbalanced on purpose; kept out of raw strings, which moc does not understand.
const QByteArray CutOffBody = "{\"results\":[{\"statement_id\":0,\"ser";

QByteArray sample(const QString& name)
{
    QFile file(QStringLiteral(TUNNELSCOPE_TEST_DATA_DIR "/influx/") + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// A self-signed certificate for 127.0.0.1 and its key, made for these tests only.
QString tlsFile(const QString& name)
{
    return QStringLiteral(TUNNELSCOPE_TEST_DATA_DIR "/influx/tls/") + name;
}

QUrl closedPortUrl()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return {};
    const quint16 port = probe.serverPort();
    probe.close();
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
}

} // namespace

class TestInfluxClient : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_network;

    InfluxResult ask(InfluxClient& client, const InfluxQuery& query)
    {
        InfluxQueryReply* reply = client.query(query);
        QSignalSpy spy(reply, &InfluxQueryReply::finished);
        if (!spy.wait(WaitMs))
            return {};
        return spy.constFirst().constFirst().value<InfluxResult>();
    }

    InfluxProbeResult probe(InfluxClient& client)
    {
        InfluxProbeReply* reply = client.probe();
        QSignalSpy spy(reply, &InfluxProbeReply::finished);
        if (!spy.wait(WaitMs))
            return {};
        return spy.constFirst().constFirst().value<InfluxProbeResult>();
    }

    static InfluxConnection connectionTo(const QUrl& url)
    {
        InfluxConnection connection;
        connection.url = url;
        connection.timeoutMs = 2000;
        return connection;
    }

    static InfluxConnection basicAuthConnectionTo(const QUrl& url)
    {
        InfluxConnection connection = connectionTo(url);
        connection.auth = DataSource::InfluxAuth::UserPassword;
        connection.credentials = InfluxCredentials("reader", "s3cret");
        return connection;
    }

    static QUrl withPath(QUrl url, const QString& path)
    {
        url.setPath(path);
        url.setQuery(QStringLiteral("q=x"));
        return url;
    }

    static InfluxQuery simpleQuery()
    {
        InfluxQuery query;
        query.statements = {QStringLiteral("SELECT last(\"rx_bytes\") FROM \"wireguard_peer\" WHERE time > now() - 1m")};
        return query;
    }

private Q_SLOTS:
    void sendsAllStatementsInOneGetWithDatabaseEpochAndGzip()
    {
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.enqueue(FakeHttpServer::response(200, R"({"results":[{"statement_id":0},{"statement_id":1}]})"));
        InfluxClient client(&m_network);
        InfluxConnection connection = connectionTo(QUrl(server.baseUrl().toString() + QStringLiteral("/proxy/")));
        connection.database = QStringLiteral("tele graf");
        client.setConnection(connection);
        InfluxQuery query;
        query.statements = {QStringLiteral(R"(SELECT last("rx_bytes") FROM "wireguard_peer" WHERE "public_key" = 'a+b/c=')"),
                            QStringLiteral("SHOW DATABASES")};
        query.epoch = InfluxQuery::Epoch::Nanoseconds;
        const InfluxResult result = ask(client, query);
        QVERIFY2(result.ok(), qPrintable(result.errorMessage));
        QCOMPARE(result.statements.size(), 2);
        QCOMPARE(result.serverVersion, QStringLiteral("1.6.7~rc0"));
        QVERIFY(result.latencyMs >= 0);

        QCOMPARE(server.requests().size(), 1);
        const FakeHttpServer::Request& request = server.requests().constFirst();
        QCOMPARE(request.method, QByteArray("GET"));
        QVERIFY(request.target.startsWith("/proxy/query?"));
        QCOMPARE(request.queryItem(QStringLiteral("q")), query.statements.join(QLatin1Char(';'))); // '+' survives
        QCOMPARE(request.queryItem(QStringLiteral("db")), QStringLiteral("tele graf"));
        QCOMPARE(request.queryItem(QStringLiteral("epoch")), QStringLiteral("ns"));
        QVERIFY(request.headers.value("accept-encoding").contains("gzip"));
        QVERIFY(!request.headers.contains("authorization"));
    }

    void sendsCredentials_data()
    {
        QTest::addColumn<int>("auth");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("basic") << int(DataSource::InfluxAuth::UserPassword) << QByteArray("Basic " + QByteArray("reader:s3cret").toBase64());
        QTest::newRow("token") << int(DataSource::InfluxAuth::Token) << QByteArray("Token s3cret");
    }

    void sendsCredentials()
    {
        QFETCH(int, auth);
        QFETCH(QByteArray, expected);
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.enqueue(FakeHttpServer::response(200, R"({"results":[{"statement_id":0}]})"));
        InfluxClient client(&m_network);
        InfluxConnection connection = connectionTo(server.baseUrl());
        connection.auth = DataSource::InfluxAuth(auth);
        connection.credentials = InfluxCredentials("reader", "s3cret");
        client.setConnection(connection);
        QVERIFY(ask(client, simpleQuery()).ok());
        QCOMPARE(server.requests().constFirst().headers.value("authorization"), expected);
    }

    void credentialsAreWiped()
    {
        InfluxCredentials credentials("user", "secret");
        InfluxCredentials copy = credentials;
        QByteArray& secret = copy.secret;
        const char* bytes = secret.constData();
        QCOMPARE(QByteArray(bytes, 6), QByteArray("secret"));
        copy.wipe();
        QVERIFY(copy.isEmpty());
        // The buffer stays with its holder until it dies, so what it held can be read: zeros, not the secret.
        QVERIFY(copy.secret.constData() == bytes);
        QCOMPARE(QByteArray(bytes, 6), QByteArray(6, '\0'));
        QCOMPARE(credentials.secret, QByteArray("secret")); // copies are deep: wiping one leaves the other
        QVERIFY(InfluxConnection::fromDataSource(DataSource{}, credentials).credentials.secret == "secret");
    }

    void gzipAnswersAreDecoded()
    {
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.enqueue(FakeHttpServer::response(200, sample(QStringLiteral("influx_q_derivative_gzip.bin")),
                                                {{"Content-Encoding", "gzip"}}));
        InfluxClient client(&m_network);
        client.setConnection(connectionTo(server.baseUrl()));
        const InfluxResult result = ask(client, simpleQuery());
        QVERIFY2(result.ok(), qPrintable(result.errorMessage));
        QCOMPARE(result.statements.constFirst().series.size(), 8);
        QCOMPARE(result.statements.constFirst().series.constFirst().cell(0, QStringLiteral("non_negative_derivative")).toDouble(),
                 4895.2);
    }

    void faultsBecomeMessages_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<int>("error");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("expected");
        QTest::newRow("500") << FakeHttpServer::response(500, R"({"error":"engine broke"})") << int(InfluxResult::Error::Server)
                             << 500 << QStringLiteral("internal error (HTTP 500): engine broke");
        QTest::newRow("429") << FakeHttpServer::response(429, "slow down\n", {{"Retry-After", "30"}}, "text/plain")
                             << int(InfluxResult::Error::RateLimited) << 429
                             << QStringLiteral("limiting requests (HTTP 429): slow down; polling slows down and retries (retry after 30 s)");
        QTest::newRow("401 1.x") << FakeHttpServer::response(401, R"({"error":"authorization failed"})",
                                                              {{"X-Influxdb-Error", "authorization failed"},
                                                               {"WWW-Authenticate", "Basic realm=\"InfluxDB\""}})
                                 << int(InfluxResult::Error::Auth) << 401
                                 << QStringLiteral("refused the credentials (HTTP 401): authorization failed");
        QTest::newRow("401 2.x") << FakeHttpServer::response(401, R"({"code":"unauthorized","message":"unauthorized access"})",
                                                              {{"X-Platform-Error-Code", "unauthorized"}})
                                 << int(InfluxResult::Error::Auth) << 401 << QStringLiteral("unauthorized access (unauthorized)");
        QTest::newRow("403") << FakeHttpServer::response(403, R"({"error":"error authorizing query: reader not authorized"})")
                             << int(InfluxResult::Error::Auth) << 403 << QStringLiteral("reader not authorized");
        QTest::newRow("400 recorded") << FakeHttpServer::fromRecording(sample(QStringLiteral("influx_error_bad_query.txt")))
                                      << int(InfluxResult::Error::Request) << 400 << QStringLiteral("found SELEKT");
        QTest::newRow("404 recorded") << FakeHttpServer::fromRecording(sample(QStringLiteral("influx_health.txt")))
                                      << int(InfluxResult::Error::Request) << 404 << QStringLiteral("404 page not found");
        QTest::newRow("wrong db recorded") << FakeHttpServer::fromRecording(sample(QStringLiteral("influx_error_wrong_db.txt")))
                                           << int(InfluxResult::Error::Statement) << 200
                                           << QStringLiteral("has no database \"nosuchdb\"");
        QTest::newRow("not executed") << FakeHttpServer::response(200, R"({"results":[{"statement_id":0,"error":"not executed"}]})")
                                      << int(InfluxResult::Error::Statement) << 200
                                      << QStringLiteral("most often the database \"telegraf\" does not exist");
        QTest::newRow("garbage") << FakeHttpServer::response(200, "<html>proxy error</html>", {}, "text/html")
                                 << int(InfluxResult::Error::BadResponse) << 200 << QStringLiteral("not its JSON");
        QTest::newRow("truncated transfer") << FakeHttpServer::truncatedResponse(CutOffBody, 500)
                                            << int(InfluxResult::Error::BadResponse) << 200 << QStringLiteral("cut off");
        QTest::newRow("truncated json") << FakeHttpServer::response(200, CutOffBody + "ies\":[{\"na")
                                        << int(InfluxResult::Error::BadResponse) << 200 << QStringLiteral("cut off");
    }

    void faultsBecomeMessages()
    {
        QFETCH(QByteArray, answer);
        QFETCH(int, error);
        QFETCH(int, status);
        QFETCH(QString, expected);
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.enqueue(answer);
        InfluxClient client(&m_network);
        client.setConnection(connectionTo(server.baseUrl()));
        const InfluxResult result = ask(client, simpleQuery());
        QCOMPARE(int(result.error), error);
        QCOMPARE(result.httpStatus, status);
        QVERIFY2(result.errorMessage.contains(expected), qPrintable(result.errorMessage));
    }

    void connectionRefused()
    {
        InfluxClient client(&m_network);
        client.setConnection(connectionTo(closedPortUrl()));
        const InfluxResult result = ask(client, simpleQuery());
        QCOMPARE(result.error, InfluxResult::Error::Connection);
        QCOMPARE(result.httpStatus, 0);
        QVERIFY2(result.errorMessage.contains(QLatin1String("refused the connection")), qPrintable(result.errorMessage));
    }

    void silentServerTimesOut()
    {
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.enqueueSilence();
        InfluxClient client(&m_network);
        InfluxConnection connection = connectionTo(server.baseUrl());
        connection.timeoutMs = 300;
        client.setConnection(connection);
        const InfluxResult result = ask(client, simpleQuery());
        QCOMPARE(result.error, InfluxResult::Error::Timeout);
        QVERIFY2(result.errorMessage.contains(QLatin1String("did not answer within 1 s")), qPrintable(result.errorMessage));
    }

    void abortGivesCanceled()
    {
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.enqueueSilence();
        InfluxClient client(&m_network);
        client.setConnection(connectionTo(server.baseUrl()));
        InfluxQueryReply* reply = client.query(simpleQuery());
        QSignalSpy spy(reply, &InfluxQueryReply::finished);
        QTRY_COMPARE_WITH_TIMEOUT(server.requests().size(), 1, WaitMs);
        reply->abort();
        QVERIFY(spy.size() == 1 || spy.wait(WaitMs));
        QCOMPARE(spy.constFirst().constFirst().value<InfluxResult>().error, InfluxResult::Error::Canceled);
    }

    void invalidSetupFailsWithoutNetwork_data()
    {
        QTest::addColumn<QUrl>("url");
        QTest::addColumn<QString>("caFile");
        QTest::addColumn<int>("error");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no url") << QUrl() << QString() << int(InfluxResult::Error::Request) << QStringLiteral("not a valid");
        QTest::newRow("missing CA file") << QUrl(QStringLiteral("https://127.0.0.1:1")) << QStringLiteral("/nonexistent/ca.pem")
                                         << int(InfluxResult::Error::Tls) << QStringLiteral("CA file /nonexistent/ca.pem");
    }

    void invalidSetupFailsWithoutNetwork()
    {
        QFETCH(QUrl, url);
        QFETCH(QString, caFile);
        QFETCH(int, error);
        QFETCH(QString, expected);
        InfluxClient client(&m_network);
        InfluxConnection connection = connectionTo(url);
        connection.caFile = caFile;
        client.setConnection(connection);
        const InfluxResult result = ask(client, simpleQuery());
        QCOMPARE(int(result.error), error);
        QVERIFY2(result.errorMessage.contains(expected), qPrintable(result.errorMessage));
    }

    void requestsCarryTimeoutAndTls()
    {
        InfluxClient client(&m_network);
        InfluxConnection connection = connectionTo(QUrl(QStringLiteral("https://influx.example:8086")));
        connection.timeoutMs = 4321;
        client.setConnection(connection);
        const QNetworkRequest request = client.makeRequest(QStringLiteral("/ping"), {});
        QCOMPARE(request.transferTimeout(), 4321);
        QCOMPARE(request.url().toString(), QStringLiteral("https://influx.example:8086/ping"));
        // Full verification: nothing is ever ignored.
        QCOMPARE(request.sslConfiguration().peerVerifyMode(), QSslSocket::AutoVerifyPeer);
        connection.caFile = tlsFile(QStringLiteral("test-server.pem"));
        client.setConnection(connection);
        const QList<QSslCertificate> trusted = client.makeRequest(QStringLiteral("/ping"), {}).sslConfiguration().caCertificates();
        QVERIFY(trusted.contains(QSslCertificate::fromPath(connection.caFile).constFirst()));
    }

    void untrustedCertificateIsReportedNotIgnored()
    {
        FakeHttpServer server;
        QVERIFY(server.useTls(tlsFile(QStringLiteral("test-server.pem")), tlsFile(QStringLiteral("test-server.key"))));
        QVERIFY(server.listenOnLoopback());
        server.setFallback(FakeHttpServer::response(200, R"({"results":[{"statement_id":0}]})"));
        InfluxClient client(&m_network);
        client.setConnection(connectionTo(server.baseUrl()));
        const InfluxResult refused = ask(client, simpleQuery());
        QCOMPARE(refused.error, InfluxResult::Error::Tls);
        QVERIFY2(refused.errorMessage.contains(QLatin1String("is not trusted")) && refused.errorMessage.contains(QLatin1String("self-signed")),
                 qPrintable(refused.errorMessage));
        QVERIFY(server.requests().isEmpty()); // nothing was sent over the untrusted connection

        InfluxConnection trusting = connectionTo(server.baseUrl());
        trusting.caFile = tlsFile(QStringLiteral("test-server.pem")); // the user picked the CA file
        client.setConnection(trusting);
        const InfluxResult accepted = ask(client, simpleQuery());
        QVERIFY2(accepted.ok(), qPrintable(accepted.errorMessage));
        QCOMPARE(server.requests().size(), 1);
    }

    void probeFallsBackToPingOnOldVersions()
    {
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.enqueue(FakeHttpServer::fromRecording(sample(QStringLiteral("influx_health.txt"))));
        server.enqueue(FakeHttpServer::fromRecording(sample(QStringLiteral("influx_ping_headers.txt"))));
        InfluxClient client(&m_network);
        client.setConnection(connectionTo(server.baseUrl()));
        const InfluxProbeResult result = probe(client);
        QVERIFY2(result.ok, qPrintable(result.message));
        QCOMPARE(result.endpoint, QStringLiteral("/ping"));
        QCOMPARE(result.httpStatus, 204);
        QCOMPARE(result.version, QStringLiteral("1.6.7~rc0"));
        QCOMPARE(server.requests().size(), 2);
        QVERIFY(server.requests().at(0).target.startsWith("/health"));
        QVERIFY(server.requests().at(1).target.startsWith("/ping"));
    }

    void probeUsesHealthWhereItExists_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("version");
        QTest::newRow("1.8") << FakeHttpServer::response(200, R"({"name":"influxdb","message":"ready for queries and writes","status":"pass","checks":[],"version":"1.8.10"})")
                             << true << QStringLiteral("ready for queries and writes") << QStringLiteral("1.6.7~rc0");
        QTest::newRow("3.x text") << FakeHttpServer::response(200, "OK", {}, "text/plain") << true << QStringLiteral("OK")
                                  << QStringLiteral("1.6.7~rc0");
        QTest::newRow("failing") << FakeHttpServer::response(503, R"({"name":"influxdb","message":"not ready","status":"fail"})")
                                 << false << QStringLiteral("HTTP 503") << QStringLiteral("1.6.7~rc0");
    }

    void probeUsesHealthWhereItExists()
    {
        QFETCH(QByteArray, answer);
        QFETCH(bool, ok);
        QFETCH(QString, message);
        QFETCH(QString, version);
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.enqueue(answer);
        InfluxClient client(&m_network);
        client.setConnection(connectionTo(server.baseUrl()));
        const InfluxProbeResult result = probe(client);
        QCOMPARE(result.ok, ok);
        QCOMPARE(result.endpoint, QStringLiteral("/health"));
        QVERIFY2(result.message.contains(message), qPrintable(result.message));
        QCOMPARE(result.version, version);
        QCOMPARE(server.requests().size(), 1);
    }

    void redirectToAnotherOriginGetsNoCredentials()
    {
        FakeHttpServer other;
        QVERIFY(other.listenOn(QHostAddress(QStringLiteral("127.0.0.2"))));
        other.setFallback(FakeHttpServer::response(200, R"({"results":[{"statement_id":0}]})"));
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.enqueue(FakeHttpServer::redirect(307, withPath(other.baseUrl(), QStringLiteral("/query"))));
        InfluxClient client(&m_network);
        client.setConnection(basicAuthConnectionTo(server.baseUrl()));
        ask(client, simpleQuery());
        QCOMPARE(server.requests().size(), 1);
        QVERIFY(server.requests().constFirst().headers.contains("authorization"));
        QCOMPARE(other.requests().size(), 1);
        QVERIFY2(!other.requests().constFirst().headers.contains("authorization"),
                 other.requests().constFirst().headers.value("authorization").constData());
    }

    void redirectWithinTheOriginKeepsCredentials()
    {
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.enqueue(FakeHttpServer::redirect(308, withPath(server.baseUrl(), QStringLiteral("/influx/query"))));
        server.enqueue(FakeHttpServer::response(200, R"({"results":[{"statement_id":0}]})"));
        InfluxClient client(&m_network);
        client.setConnection(basicAuthConnectionTo(server.baseUrl()));
        const InfluxResult result = ask(client, simpleQuery());
        QVERIFY2(result.ok(), qPrintable(result.errorMessage));
        QCOMPARE(server.requests().size(), 2);
        QCOMPARE(server.requests().constLast().target, QByteArray("/influx/query?q=x"));
        QCOMPARE(server.requests().constLast().headers.value("authorization"),
                 QByteArray("Basic " + QByteArray("reader:s3cret").toBase64()));
    }

    void redirectsAreCapped()
    {
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.setFallback(FakeHttpServer::redirect(302, withPath(server.baseUrl(), QStringLiteral("/query"))));
        InfluxClient client(&m_network);
        client.setConnection(connectionTo(server.baseUrl()));
        const InfluxResult result = ask(client, simpleQuery());
        QVERIFY(!result.ok());
        QVERIFY2(result.errorMessage.contains(QLatin1String("more than 5 redirects")), qPrintable(result.errorMessage));
        QCOMPARE(server.requests().size(), 6);
    }

    void redirectFromHttpsToHttpIsRefused()
    {
        FakeHttpServer plain;
        QVERIFY(plain.listenOnLoopback());
        plain.setFallback(FakeHttpServer::response(200, R"({"results":[{"statement_id":0}]})"));
        FakeHttpServer server;
        QVERIFY(server.useTls(tlsFile(QStringLiteral("test-server.pem")), tlsFile(QStringLiteral("test-server.key"))));
        QVERIFY(server.listenOnLoopback());
        server.enqueue(FakeHttpServer::redirect(307, withPath(plain.baseUrl(), QStringLiteral("/query"))));
        InfluxClient client(&m_network);
        InfluxConnection connection = basicAuthConnectionTo(server.baseUrl());
        connection.caFile = tlsFile(QStringLiteral("test-server.pem"));
        client.setConnection(connection);
        const InfluxResult result = ask(client, simpleQuery());
        QVERIFY(!result.ok());
        QVERIFY2(result.errorMessage.contains(QLatin1String("refused a redirect from https to http")),
                 qPrintable(result.errorMessage));
        QVERIFY(plain.requests().isEmpty());
    }

    void answerLargerThanTheCapIsAborted_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::newRow("Content-Length") << FakeHttpServer::response(200, QByteArray(33 * 1024 * 1024, ' '));
        QTest::newRow("unframed") << FakeHttpServer::unframedResponse(33 * 1024 * 1024);
    }

    void answerLargerThanTheCapIsAborted()
    {
        QFETCH(QByteArray, answer);
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.enqueue(answer);
        InfluxClient client(&m_network);
        client.setConnection(connectionTo(server.baseUrl()));
        const InfluxResult result = ask(client, simpleQuery());
        QCOMPARE(result.error, InfluxResult::Error::BadResponse);
        QVERIFY2(result.errorMessage.contains(QLatin1String("response larger than 32 MiB")), qPrintable(result.errorMessage));
    }

    void tricklingProbeHitsItsDeadline()
    {
        // One byte of body every 100 ms never leaves the connection idle for the 1 s timeout, yet takes about 5 s.
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.enqueueTrickle(FakeHttpServer::response(200, R"({"status":"pass","message":"ready for queries"})"), 100);
        InfluxClient client(&m_network);
        InfluxConnection connection = connectionTo(server.baseUrl());
        connection.timeoutMs = 1000;
        client.setConnection(connection);
        const InfluxProbeResult result = probe(client);
        QVERIFY(!result.ok);
        QVERIFY2(result.message.contains(QLatin1String("no complete answer within 2 s")), qPrintable(result.message));
    }

    void probeOfANonListeningServerFails()
    {
        InfluxClient client(&m_network);
        client.setConnection(connectionTo(closedPortUrl()));
        const InfluxProbeResult result = probe(client);
        QVERIFY(!result.ok);
        QCOMPARE(result.endpoint, QStringLiteral("/health"));
        QVERIFY2(result.message.contains(QLatin1String("refused")), qPrintable(result.message));
    }
};

QTEST_GUILESS_MAIN(TestInfluxClient)
#include "TestInfluxClient.moc"
