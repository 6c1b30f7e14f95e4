// SPDX-License-Identifier: GPL-3.0-or-later
// tunnelscope-cli status and check against a real influxd, the Loki test server and a fake S3 server.
#include "LiveTopology.h"
#include "support/CliProcess.h"
#include "support/FakeHttpServer.h"
#include "support/InfluxServerFixture.h"
#include "support/LokiTestServer.h"
#include "support/TelegrafScenario.h"
#include "support/TestRequirements.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTest>

namespace {

constexpr qint64 NsPerSecond = 1000000000;

quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost);
    return server.serverPort();
}

QByteArray s3Answer()
{
    return FakeHttpServer::response(403, "<Error><Code>AccessDenied</Code></Error>", {}, "application/xml");
}

} // namespace

class TestLiveCli : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<InfluxServerFixture> m_influx;
    LokiTestServer m_loki;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        REQUIRE_OR_SKIP(!InfluxServerFixture::executable().isEmpty(), "influxd is not installed (Debian package influxdb)");
        m_influx = std::make_unique<InfluxServerFixture>();
        QString error;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY2(m_influx->startWithData(QStringLiteral("telegraf"), TelegrafScenario(now).lineProtocol(), &error), qPrintable(error));
        QVERIFY(m_loki.listen());
        // 45 lines over the last two minutes: 30 wireguard and 15 fail2ban from prod.
        m_loki.setEntries(LokiTestServer::generatedEntries(45, (now.toMSecsSinceEpoch() - 60000) * 1000000, 1));
        QVERIFY(m_dir.isValid());
    }

    void statusShowsLokiEventCounts()
    {
        const CliProcess run = CliProcess::run({QStringLiteral("status"), QStringLiteral("--influx-url"),
                                                m_influx->url().toString(), QStringLiteral("--loki-url"),
                                                m_loki.url().toString()});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("  Loki: ok, "), run.out.constData());
        QVERIFY2(run.out.contains("log events in the last hour: wireguard 30, fail2ban 15"), run.out.constData());
        QVERIFY(!run.err.contains("ignored"));
    }

    void statusJsonHasTheCounts()
    {
        const CliProcess run = CliProcess::run({QStringLiteral("status"), QStringLiteral("--influx-url"),
                                                m_influx->url().toString(), QStringLiteral("--loki-url"),
                                                m_loki.url().toString(), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject document = QJsonDocument::fromJson(run.out).object();
        const QJsonArray endpoints = document.value(QLatin1String("sources")).toArray().at(0).toObject()
                                         .value(QLatin1String("endpoints")).toArray();
        QCOMPARE(endpoints.size(), 2);
        QCOMPARE(endpoints.at(1).toObject().value(QLatin1String("name")).toString(), QStringLiteral("Loki"));
        QCOMPARE(endpoints.at(1).toObject().value(QLatin1String("state")).toString(), QStringLiteral("ok"));
        bool foundProd = false;
        for (const QJsonValue host : document.value(QLatin1String("hosts")).toArray()) {
            if (host.toObject().value(QLatin1String("id")).toString() != QLatin1String("prod"))
                continue;
            foundProd = true;
            const QJsonObject events = host.toObject().value(QLatin1String("logEvents")).toObject();
            QCOMPARE(events.value(QLatin1String("wireguard")).toInt(), 30);
            QCOMPARE(events.value(QLatin1String("fail2ban")).toInt(), 15);
        }
        QVERIFY(foundProd);
    }

    void explicitInfluxUrlDoesNotBorrowTheTopologysLoki()
    {
        // The topology's Loki (10.10.0.11:3100) must not be asked when the user points at another InfluxDB.
        m_loki.clearRequests();
        const CliProcess run = CliProcess::run({QStringLiteral("status"), QStringLiteral("--influx-url"),
                                                m_influx->url().toString(), QStringLiteral("--timeout"), QStringLiteral("3")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(!run.out.contains("Loki"), run.out.constData());
        QVERIFY(!run.out.contains("log events"));
    }

    void topologysLokiFeedsStatus()
    {
        const QString topology = saveLiveTopology(m_dir, m_influx->url(), m_loki.url(), closedPort());
        QVERIFY(!topology.isEmpty());
        const CliProcess run = CliProcess::run({QStringLiteral("status"), QStringLiteral("--topology"), topology});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("  Loki: ok, "), run.out.constData());
        QVERIFY(run.out.contains("wireguard 30, fail2ban 15"));
    }

    void checkRunsAllThree()
    {
        FakeHttpServer s3;
        QVERIFY(s3.listenOnLoopback());
        s3.setFallback(s3Answer());
        const QString topology = saveLiveTopology(m_dir, m_influx->url(), m_loki.url(), s3.serverPort());
        const CliProcess run = CliProcess::run({QStringLiteral("check"), QStringLiteral("--topology"), topology});
        QVERIFY2(run.exitCode == 0, QByteArray(run.out + run.err).constData());
        const QList<QByteArray> lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines[0].startsWith(QByteArray("ok    InfluxDB " + m_influx->url().toString().toLatin1() + "/ping")), lines[0].constData());
        QVERIFY2(lines[1].startsWith(QByteArray("ok    Loki " + m_loki.url().toString().toLatin1() + "/ready")), lines[1].constData());
        QVERIFY2(lines[2].startsWith("ok    S3 http://127.0.0.1:"), lines[2].constData());
        QVERIFY2(lines[2].contains("HTTP 403 Forbidden from an S3 server (AccessDenied)"), lines[2].constData());
        for (const QByteArray& line : lines)
            QVERIFY2(line.contains(" ms  "), line.constData());
    }

    void oneFailingCheckFailsTheCommand()
    {
        const QString topology = saveLiveTopology(m_dir, m_influx->url(), m_loki.url(), closedPort());
        const CliProcess run = CliProcess::run({QStringLiteral("check"), QStringLiteral("--topology"), topology,
                                                QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 1);
        const QJsonArray checks = QJsonDocument::fromJson(run.out).object().value(QLatin1String("checks")).toArray();
        QCOMPARE(checks.size(), 3);
        QVERIFY(checks.at(0).toObject().value(QLatin1String("ok")).toBool());
        QVERIFY(checks.at(1).toObject().value(QLatin1String("ok")).toBool());
        const QJsonObject s3 = checks.at(2).toObject();
        QCOMPARE(s3.value(QLatin1String("name")).toString(), QStringLiteral("S3"));
        QVERIFY(!s3.value(QLatin1String("ok")).toBool());
        QVERIFY2(s3.value(QLatin1String("detail")).toString().contains(QLatin1String("refused")),
                 qPrintable(s3.value(QLatin1String("detail")).toString()));
    }
};

QTEST_GUILESS_MAIN(TestLiveCli)
#include "TestLiveCli.moc"
