// SPDX-License-Identifier: GPL-3.0-or-later
// tunnelscope-cli status/check as a user runs them, against a scripted server: where credentials come from,
// what the options reject, and how failures show. (The numbers against a real InfluxDB: TestInfluxLive.)
#include "support/CliProcess.h"
#include "support/FakeHttpServer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

QByteArray recordedPollAnswer()
{
    QFile file(QStringLiteral(TUNNELSCOPE_TEST_DATA_DIR "/influx/poll_first_epoch_ms.json"));
    return file.open(QIODevice::ReadOnly) ? FakeHttpServer::response(200, file.readAll()) : QByteArray();
}

QProcessEnvironment environmentWith(const QString& name, const QString& value)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("TUNNELSCOPE_INFLUX_TOKEN"));
    environment.remove(QStringLiteral("TUNNELSCOPE_INFLUX_PASSWORD"));
    if (!name.isEmpty())
        environment.insert(name, value);
    return environment;
}

} // namespace

class TestInfluxCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void credentialsComeFromTheEnvironment_data()
    {
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QByteArray>("authorization");
        QTest::newRow("none") << QString() << QStringList() << QByteArray();
        QTest::newRow("token") << QStringLiteral("TUNNELSCOPE_INFLUX_TOKEN") << QStringList() << QByteArray("Token s3cret");
        QTest::newRow("password") << QStringLiteral("TUNNELSCOPE_INFLUX_PASSWORD")
                                  << QStringList{QStringLiteral("--influx-user"), QStringLiteral("reader")}
                                  << QByteArray("Basic " + QByteArray("reader:s3cret").toBase64());
    }

    void credentialsComeFromTheEnvironment()
    {
        QFETCH(QString, variable);
        QFETCH(QStringList, extra);
        QFETCH(QByteArray, authorization);
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.setFallback(recordedPollAnswer());
        const CliProcess run = CliProcess::run(QStringList{QStringLiteral("status"), QStringLiteral("--influx-url"), server.baseUrl().toString(),
                                              QStringLiteral("--json")}
                                      + extra,
                                  environmentWith(variable, QStringLiteral("s3cret")));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(server.requests().constFirst().headers.value("authorization"), authorization);
        QVERIFY(!run.out.contains("s3cret"));
        QVERIFY(!run.err.contains("s3cret"));
        QCOMPARE(server.requests().constFirst().queryItem(QStringLiteral("db")), QStringLiteral("telegraf"));
    }

    void authFailureExitsNonZeroWithTheReason()
    {
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.setFallback(FakeHttpServer::response(401, R"({"error":"authorization failed"})",
                                                    {{"X-Influxdb-Error", "authorization failed"}}));
        const CliProcess run = CliProcess::run({QStringLiteral("status"), QStringLiteral("--influx-url"), server.baseUrl().toString()},
                                  environmentWith(QStringLiteral("TUNNELSCOPE_INFLUX_TOKEN"), QStringLiteral("wrong")));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains("InfluxDB: failing") && run.out.contains("refused the credentials (HTTP 401): authorization failed"),
                 run.out.constData());
    }

    void slowServerTimesOutWithinTheTimeout()
    {
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.enqueueSilence();
        const CliProcess run = CliProcess::run({QStringLiteral("status"), QStringLiteral("--influx-url"), server.baseUrl().toString(),
                                   QStringLiteral("--timeout"), QStringLiteral("1"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 1);
        const QJsonObject influx = QJsonDocument::fromJson(run.out).object().value(QLatin1String("sources")).toArray().at(0)
                                       .toObject().value(QLatin1String("endpoints")).toArray().at(0).toObject();
        QVERIFY2(influx.value(QLatin1String("message")).toString().contains(QLatin1String("did not answer within 1 s")),
                 run.out.constData());
    }

    void checkFallsBackToPing()
    {
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.enqueue(FakeHttpServer::response(404, "404 page not found\n", {}, "text/plain"));
        server.enqueue(FakeHttpServer::response(204, {}));
        const CliProcess run = CliProcess::run({QStringLiteral("check"), QStringLiteral("--influx-url"), server.baseUrl().toString()});
        QVERIFY2(run.exitCode == 0, run.out.constData());
        const QByteArray expected = "ok    InfluxDB " + server.baseUrl().toString().toLatin1() + "/ping";
        QVERIFY2(run.out.startsWith(expected), run.out.constData());
    }

    void checkWarnsAboutPlainHttpCredentials_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("warned");
        // .invalid never resolves (RFC 6761): nothing leaves the machine, and a host name is no tunnel address.
        QTest::newRow("host name") << QStringLiteral("http://influx.invalid:8086") << true;
        QTest::newRow("https") << QStringLiteral("https://influx.invalid:8086") << false;
    }

    void checkWarnsAboutPlainHttpCredentials()
    {
        QFETCH(QString, url);
        QFETCH(bool, warned);
        const CliProcess run = CliProcess::run({QStringLiteral("check"), QStringLiteral("--influx-url"), url, QStringLiteral("--influx-user"),
                                                QStringLiteral("reader"), QStringLiteral("--timeout"), QStringLiteral("2")},
                                               environmentWith(QStringLiteral("TUNNELSCOPE_INFLUX_PASSWORD"), QStringLiteral("s3cret")));
        QVERIFY2(run.exitCode >= 0, run.err.constData());
        QCOMPARE(run.out.contains("warning: InfluxDB: the credentials go over plain HTTP to the host name influx.invalid"), warned);
        QVERIFY(!run.out.contains("s3cret") && !run.err.contains("s3cret"));
    }

    void redirectToAnotherHostGetsNoCredentials()
    {
        // The reproduced case of issue 13: `status --influx-user` sent Basic credentials to the redirect's host.
        FakeHttpServer other;
        QVERIFY(other.listenOn(QHostAddress(QStringLiteral("127.0.0.2"))));
        other.setFallback(recordedPollAnswer());
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        QUrl target = other.baseUrl();
        target.setPath(QStringLiteral("/query"));
        server.setFallback(FakeHttpServer::redirect(307, target));
        const CliProcess run = CliProcess::run({QStringLiteral("status"), QStringLiteral("--influx-url"), server.baseUrl().toString(),
                                                QStringLiteral("--influx-user"), QStringLiteral("reader"), QStringLiteral("--json")},
                                               environmentWith(QStringLiteral("TUNNELSCOPE_INFLUX_PASSWORD"), QStringLiteral("s3cret")));
        QVERIFY2(run.exitCode >= 0, run.err.constData());
        QVERIFY(!server.requests().isEmpty());
        QVERIFY(server.requests().constFirst().headers.contains("authorization"));
        QVERIFY2(!other.requests().isEmpty(), run.out.constData());
        for (const FakeHttpServer::Request& request : other.requests())
            QVERIFY2(!request.headers.contains("authorization"), request.headers.value("authorization").constData());
    }

    void passwordInsideAUrlIsRefused_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("influx") << QStringLiteral("--influx-url") << QByteArray("TUNNELSCOPE_INFLUX_PASSWORD");
        QTest::newRow("loki") << QStringLiteral("--loki-url") << QByteArray("TUNNELSCOPE_LOKI_PASSWORD");
    }

    void passwordInsideAUrlIsRefused()
    {
        QFETCH(QString, option);
        QFETCH(QByteArray, expected);
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.setFallback(recordedPollAnswer());
        QUrl withPassword = server.baseUrl();
        withPassword.setUserInfo(QStringLiteral("reader:hunter2"));
        QStringList arguments {QStringLiteral("status"), option, withPassword.toString()};
        if (option != QLatin1String("--influx-url"))
            arguments << QStringLiteral("--influx-url") << server.baseUrl().toString();
        const CliProcess run = CliProcess::run(arguments, environmentWith({}, {}));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("password") && run.err.contains("keychain") && run.err.contains(expected), run.err.constData());
        QVERIFY(!run.err.contains("hunter2"));
        QVERIFY(!run.out.contains("hunter2"));
        QVERIFY(server.requests().isEmpty());
    }

    void badOptionsAreRejected_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("timeout") << QStringList{QStringLiteral("status"), QStringLiteral("--timeout"), QStringLiteral("soon")}
                                 << QByteArray("--timeout takes a positive number of seconds");
        QTest::newRow("source") << QStringList{QStringLiteral("check"), QStringLiteral("--source"), QStringLiteral("nope")}
                                << QByteArray("no data source \"nope\"");
        QTest::newRow("topology") << QStringList{QStringLiteral("status"), QStringLiteral("--topology"), QStringLiteral("/nonexistent.json")}
                                  << QByteArray("/nonexistent.json");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("status"), QStringLiteral("--frobnicate")}
                                        << QByteArray("frobnicate");
    }

    void badOptionsAreRejected()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, expected);
        const CliProcess run = CliProcess::run(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(expected), run.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestInfluxCli)
#include "TestInfluxCli.moc"
