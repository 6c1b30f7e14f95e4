// SPDX-License-Identifier: GPL-3.0-or-later
// The Loki client, the event counts, `tunnelscope-cli logs` and `check` against a real Loki 2.7.5 on loopback:
// lines go in through the push API, as Alloy sends them, and are read back the way the app reads them.
#include "loki/LokiClient.h"
#include "loki/LokiEventCounter.h"
#include "support/CliProcess.h"
#include "support/LokiServerFixture.h"
#include "support/ManualClock.h"
#include "support/SignalWait.h"
#include "support/TestRequirements.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>

#include <memory>

namespace {

using Labels = QMap<QString, QString>;

Labels streamOf(const QString& host, const QString& job)
{
    return {{QStringLiteral("host"), host}, {QStringLiteral("job"), job}};
}

QList<LokiServerFixture::Line> linesEndingAt(const QDateTime& newest, int count, const QString& prefix)
{
    QList<LokiServerFixture::Line> lines;
    for (int i = count - 1; i >= 0; --i)
        lines.append({newest.addMSecs(-i * 10), QStringLiteral("%1 %2").arg(prefix).arg(count - 1 - i)});
    return lines;
}

qint64 ns(const QDateTime& time)
{
    return time.toMSecsSinceEpoch() * 1000000;
}

} // namespace

class TestLokiLive : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<LokiServerFixture> m_loki;
    QNetworkAccessManager m_network;
    QDateTime m_newest;
    static constexpr int ProdWireGuardLines = 40;
    static constexpr int ProdFail2banLines = 7;
    static constexpr int WebWireGuardLines = 3;

    LokiLogResult logs(LokiClient& client, const QString& logql, int limit)
    {
        LokiLogQuery query;
        query.logql = logql;
        query.startNs = ns(m_newest.addSecs(-3600));
        query.endNs = ns(m_newest.addSecs(1));
        query.limit = limit;
        client.queryLogs(query);
        const auto result = waitForSignal<LokiLogResult>(&client, &LokiClient::logsFinished, 30000);
        return result.value_or(LokiLogResult{});
    }

private Q_SLOTS:
    void initTestCase()
    {
        REQUIRE_OR_SKIP(!LokiServerFixture::executable().isEmpty(), LokiServerFixture::missingReason());
        m_loki = std::make_unique<LokiServerFixture>();
        QString error;
        QVERIFY2(m_loki->start(&error), qPrintable(error));
        m_newest = QDateTime::currentDateTimeUtc().addSecs(-5);
        QVERIFY2(m_loki->push(streamOf(QStringLiteral("prod"), QStringLiteral("wireguard")),
                              linesEndingAt(m_newest, ProdWireGuardLines, QStringLiteral("wg0: Sending keepalive packet to peer")),
                              &error),
                 qPrintable(error));
        QVERIFY2(m_loki->push(streamOf(QStringLiteral("prod"), QStringLiteral("fail2ban")),
                              linesEndingAt(m_newest, ProdFail2banLines, QStringLiteral("[sshd] Ban 203.0.113.")), &error),
                 qPrintable(error));
        QVERIFY2(m_loki->push(streamOf(QStringLiteral("web2"), QStringLiteral("wireguard")),
                              linesEndingAt(m_newest, WebWireGuardLines, QStringLiteral("wg0: Receiving handshake")), &error),
                 qPrintable(error));
    }

    void readyAnswersReady()
    {
        LokiClient client(&m_network, LokiConnection{m_loki->url()});
        client.checkReady();
        const auto result = waitForSignal<LokiReadyResult>(&client, &LokiClient::readyFinished, 15000);
        QVERIFY(result);
        QVERIFY2(result->ready, qPrintable(result->error.message));
    }

    void pushedLinesComeBackNewestFirst()
    {
        LokiClient client(&m_network, LokiConnection{m_loki->url()});
        const LokiLogResult result = logs(client, QStringLiteral("{host=\"prod\"}"), 100);
        QVERIFY2(result.error.ok(), qPrintable(result.error.message));
        QCOMPARE(result.entries.size(), ProdWireGuardLines + ProdFail2banLines);
        QCOMPARE(result.entries.constFirst().timestampNs, ns(m_newest));
        for (qsizetype i = 1; i < result.entries.size(); ++i)
            QVERIFY(result.entries.at(i - 1).timestampNs >= result.entries.at(i).timestampNs);
        for (const LokiEntry& entry : result.entries)
            QCOMPARE(entry.label(QStringLiteral("host")), QStringLiteral("prod"));
    }

    void jobAndLineFilterSelectOnTheServer()
    {
        LokiClient client(&m_network, LokiConnection{m_loki->url()});
        const LokiLogResult result = logs(client, QStringLiteral("{host=\"prod\", job=\"fail2ban\"} |= \"Ban 203.0.113. 3\""), 100);
        QVERIFY2(result.error.ok(), qPrintable(result.error.message));
        QCOMPARE(result.entries.size(), 1);
        QCOMPARE(result.entries.constFirst().line, QStringLiteral("[sshd] Ban 203.0.113. 3"));
    }

    void pagingPast5000LinesKeepsEveryLineOnce()
    {
        QString error;
        const QDateTime newest = m_newest.addSecs(-600);
        QVERIFY2(m_loki->push(streamOf(QStringLiteral("bulk"), QStringLiteral("wireguard")),
                              linesEndingAt(newest, 6500, QStringLiteral("bulk line")), &error),
                 qPrintable(error));
        LokiClient client(&m_network, LokiConnection{m_loki->url()});
        const LokiLogResult result = logs(client, QStringLiteral("{host=\"bulk\"}"), 7000);
        QVERIFY2(result.error.ok(), qPrintable(result.error.message));
        QCOMPARE(result.entries.size(), 6500);
        QVERIFY(result.pages >= 2);
        QSet<QString> seen;
        for (const LokiEntry& entry : result.entries)
            seen.insert(entry.identity());
        QCOMPARE(seen.size(), 6500);
    }

    void labelsAndValues()
    {
        LokiClient client(&m_network, LokiConnection{m_loki->url()});
        LokiLabelQuery query;
        query.labelName = QStringLiteral("host");
        client.fetchLabels(query);
        const auto hosts = waitForSignal<LokiLabelResult>(&client, &LokiClient::labelsFinished, 15000);
        QVERIFY(hosts && hosts->error.ok());
        QVERIFY2(hosts->values.contains(QStringLiteral("prod")) && hosts->values.contains(QStringLiteral("web2")),
                 qPrintable(hosts->values.join(QLatin1Char(' '))));
    }

    void eventCountsPerHostFromTheLastHour()
    {
        LokiClient client(&m_network, LokiConnection{m_loki->url()});
        ManualClock clock(m_newest.addSecs(5));
        LokiEventCounter counter(&client, &clock);
        counter.refresh();
        const auto counts = waitForSignal<QList<HostLogEvents>>(&counter, &LokiEventCounter::countsReady, 30000);
        QVERIFY(counts);
        const auto of = [&](const QString& host) {
            for (const HostLogEvents& events : *counts) {
                if (events.host == host)
                    return events;
            }
            return HostLogEvents{};
        };
        QCOMPARE(of(QStringLiteral("prod")).wireguardEvents, ProdWireGuardLines);
        QCOMPARE(of(QStringLiteral("prod")).fail2banEvents, ProdFail2banLines);
        QCOMPARE(of(QStringLiteral("web2")).wireguardEvents, WebWireGuardLines);
        QCOMPARE(of(QStringLiteral("web2")).fail2banEvents, 0);
    }

    void cliLogsPrintsTheLinesAndEscapesControls()
    {
        QString error;
        const QDateTime at = QDateTime::currentDateTimeUtc().addSecs(-2);
        QVERIFY2(m_loki->push(streamOf(QStringLiteral("mail"), QStringLiteral("fail2ban")),
                              {{at, QStringLiteral("user \x1b]0;owned\x07root failed")}}, &error),
                 qPrintable(error));
        const QStringList arguments{QStringLiteral("logs"), QStringLiteral("--host"), QStringLiteral("mail"),
                                    QStringLiteral("--loki-url"), m_loki->url().toString()};
        const CliProcess shown = CliProcess::run(arguments);
        QVERIFY2(shown.exitCode == 0, shown.err.constData());
        QVERIFY2(shown.out.contains("fail2ban  user \\x1b]0;owned\\x07root failed"), shown.out.constData());
        QVERIFY(!shown.out.contains('\x1b'));
        const CliProcess raw = CliProcess::run(arguments + QStringList{QStringLiteral("--raw")});
        QVERIFY2(raw.exitCode == 0, raw.err.constData());
        QVERIFY(raw.out.contains("user \x1b]0;owned\x07root failed"));
    }

    void cliCheckSaysLokiIsReady()
    {
        const CliProcess run = CliProcess::run({QStringLiteral("check"), QStringLiteral("--loki-url"), m_loki->url().toString(),
                                                QStringLiteral("--influx-url"), QStringLiteral("http://127.0.0.1:1"),
                                                QStringLiteral("--json")});
        const QJsonArray checks = QJsonDocument::fromJson(run.out).object().value(QLatin1String("checks")).toArray();
        bool sawLoki = false;
        for (const QJsonValue& check : checks) {
            if (check.toObject().value(QLatin1String("name")).toString() != QLatin1String("Loki"))
                continue;
            sawLoki = true;
            QVERIFY2(check.toObject().value(QLatin1String("ok")).toBool(), run.out.constData());
        }
        QVERIFY2(sawLoki, run.out.constData());
        QCOMPARE(run.exitCode, 1); // the InfluxDB of this test is nowhere
    }

    void killedLokiIsRefusedThenRecovers()
    {
        m_loki->kill();
        LokiClient client(&m_network, LokiConnection{m_loki->url(), {}, 2000});
        client.checkReady();
        auto result = waitForSignal<LokiReadyResult>(&client, &LokiClient::readyFinished, 15000);
        QVERIFY(result);
        QVERIFY(!result->ready);
        QVERIFY2(result->error.message.contains(QLatin1String("connection refused")), qPrintable(result->error.message));

        QString error;
        QVERIFY2(m_loki->restart(&error), qPrintable(error));
        client.checkReady();
        result = waitForSignal<LokiReadyResult>(&client, &LokiClient::readyFinished, 15000);
        QVERIFY(result && result->ready);
        // What was pushed before the crash is still there: Loki's write-ahead log replays it.
        const LokiLogResult after = logs(client, QStringLiteral("{host=\"web2\"}"), 100);
        QVERIFY2(after.error.ok(), qPrintable(after.error.message));
        QCOMPARE(after.entries.size(), WebWireGuardLines);
    }

    void tenantsSeeOnlyTheirOwnLines()
    {
        LokiServerFixture tenanted;
        QString error;
        QVERIFY2(tenanted.start(&error, true), qPrintable(error));
        QVERIFY2(tenanted.push(streamOf(QStringLiteral("prod"), QStringLiteral("wireguard")),
                               linesEndingAt(m_newest, 4, QStringLiteral("ops line")), &error, "ops"),
                 qPrintable(error));
        LokiClient ops(&m_network, LokiConnection{tenanted.url(), QStringLiteral("ops")});
        QCOMPARE(logs(ops, QStringLiteral("{host=\"prod\"}"), 100).entries.size(), 4);
        LokiClient other(&m_network, LokiConnection{tenanted.url(), QStringLiteral("dev")});
        const LokiLogResult none = logs(other, QStringLiteral("{host=\"prod\"}"), 100);
        QVERIFY2(none.error.ok(), qPrintable(none.error.message));
        QCOMPARE(none.entries.size(), 0);
        LokiClient anonymous(&m_network, LokiConnection{tenanted.url()});
        const LokiLogResult refused = logs(anonymous, QStringLiteral("{host=\"prod\"}"), 100);
        QVERIFY(!refused.error.ok());
        QVERIFY2(refused.error.message.contains(QLatin1String("401")) || refused.error.message.contains(QLatin1String("org")),
                 qPrintable(refused.error.message));
    }
};

QTEST_GUILESS_MAIN(TestLokiLive)
#include "TestLokiLive.moc"
