// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/LokiTestServer.h"
#include "topology/TopologyFile.h"

#include <QDateTime>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

/** tunnelscope-cli logs as a separate process against a LokiTestServer running in this test's event loop. */
class TestLogsCommand : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<LokiTestServer> m_server;

    CliRun run(
        const QStringList& arguments, const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment())
    {
        QProcess process;
        process.setProcessEnvironment(environment);
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(QStringLiteral(TUNNELSCOPE_CLI_PATH), QStringList { QStringLiteral("logs") } + arguments);
        // Not waitForFinished: the server lives in this event loop and must keep answering.
        if (!finished.wait(30000)) {
            process.kill();
            process.waitForFinished(5000);
        }
        return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError()) };
    }

    QStringList urlArguments() const { return { QStringLiteral("--loki-url"), m_server->url().toString() }; }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<LokiTestServer>();
        QVERIFY(m_server->listen());
        // Lines of the last minutes, whatever the wall clock says, cycling through the recorded ones.
        const qint64 newestNs = (QDateTime::currentSecsSinceEpoch() - 5) * Q_INT64_C(1000000000);
        m_server->setEntries(LokiTestServer::generatedEntries(200, newestNs, 1));
    }

    void printsTimeJobLineOldestFirst()
    {
        const CliRun result = run(QStringList { QStringLiteral("--host"),
                                      QStringLiteral("prod"),
                                      QStringLiteral("--since"),
                                      QStringLiteral("15m"),
                                      QStringLiteral("--limit"),
                                      QStringLiteral("10") }
            + urlArguments());
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 10);
        static const QRegularExpression shape(
            QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z  (wireguard|fail2ban )  \S.*$)"));
        for (const QString& line : lines)
            QVERIFY2(shape.match(line).hasMatch(), qPrintable(line));
        QVERIFY(lines.first() < lines.last()); // ISO times sort as text: oldest first
        QVERIFY(
            lines.last().endsWith(QLatin1String("wg0: Keypair 16 destroyed for peer 1"))); // the newest generated line
        const auto request = m_server->requests().constLast();
        QCOMPARE(request.item(QStringLiteral("query")), QStringLiteral("{host=\"prod\"}"));
        QCOMPARE(request.item(QStringLiteral("limit")), QStringLiteral("10"));
        const qint64 span
            = request.item(QStringLiteral("end")).toLongLong() - 1 - request.item(QStringLiteral("start")).toLongLong();
        QCOMPARE(span, Q_INT64_C(15) * 60 * 1000000000);
    }

    void jobAndGrepNarrowTheQuery()
    {
        const CliRun result = run(QStringList { QStringLiteral("--host"),
                                      QStringLiteral("prod"),
                                      QStringLiteral("--job"),
                                      QStringLiteral("fail2ban"),
                                      QStringLiteral("--grep"),
                                      QStringLiteral("Ban") }
            + urlArguments());
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QCOMPARE(m_server->requests().constLast().item(QStringLiteral("query")),
            QStringLiteral("{host=\"prod\", job=\"fail2ban\"} |= \"Ban\""));
        const QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(!lines.isEmpty());
        for (const QString& line : lines)
            QVERIFY2(line.contains(QLatin1String("  fail2ban  ")) && line.contains(QLatin1String("] Ban ")),
                qPrintable(line));
    }

    void tenantIsSentAndRequiredWhenLokiSaysSo()
    {
        m_server->setRequireTenant(true);
        const CliRun refused = run(QStringList { QStringLiteral("--host"), QStringLiteral("prod") } + urlArguments());
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QLatin1String("HTTP 401")) && refused.err.contains(QLatin1String("no org id")),
            qPrintable(refused.err));
        const CliRun accepted = run(
            QStringList {
                QStringLiteral("--host"), QStringLiteral("prod"), QStringLiteral("--tenant"), QStringLiteral("ops") }
            + urlArguments());
        QVERIFY2(accepted.exitCode == 0, qPrintable(accepted.err));
        QCOMPARE(m_server->requests().constLast().header("X-Scope-OrgID"), QByteArray("ops"));
    }

    void basicAuthPasswordFromTheEnvironment()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("TUNNELSCOPE_LOKI_PASSWORD"), QStringLiteral("pw"));
        const CliRun result = run(
            QStringList {
                QStringLiteral("--host"), QStringLiteral("prod"), QStringLiteral("--user"), QStringLiteral("admin") }
                + urlArguments(),
            environment);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QCOMPARE(m_server->requests().constLast().header("Authorization"),
            QByteArray("Basic " + QByteArray("admin:pw").toBase64()));
        QVERIFY(!result.out.contains(QLatin1String("pw")) && !result.err.contains(QLatin1String("pw")));
    }

    void lokiErrorsFailWithTheServerText_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<QString>("expected");
        QTest::newRow("500") << int(LokiTestServer::Fault::ServerError) << "HTTP 500 Internal Server Error: rpc error";
        QTest::newRow("429") << int(LokiTestServer::Fault::TooManyRequests) << "too many outstanding requests";
        QTest::newRow("garbage") << int(LokiTestServer::Fault::Garbage) << "not valid JSON";
        QTest::newRow("timeout") << int(LokiTestServer::Fault::NeverAnswer) << "did not answer within 1 s";
    }

    void lokiErrorsFailWithTheServerText()
    {
        QFETCH(int, fault);
        QFETCH(QString, expected);
        m_server->setFault(LokiTestServer::Fault(fault));
        const CliRun result = run(
            QStringList {
                QStringLiteral("--host"), QStringLiteral("prod"), QStringLiteral("--timeout"), QStringLiteral("1") }
            + urlArguments());
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(expected), qPrintable(result.err));
        QVERIFY(result.out.isEmpty());
    }

    void connectionRefused()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort());
        closed.close();
        const CliRun result
            = run({ QStringLiteral("--host"), QStringLiteral("prod"), QStringLiteral("--loki-url"), url });
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QLatin1String("connection refused")), qPrintable(result.err));
    }

    void urlFromTheTopologysDataSource()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        Topology topology = TopologyFile::referenceDeployment();
        QVERIFY(!topology.dataSources.isEmpty());
        topology.dataSources.first().lokiUrl = m_server->url();
        topology.dataSources.first().lokiTenant = QStringLiteral("from-topology");
        const QString path = directory.filePath(QStringLiteral("topology.json"));
        QCOMPARE(TopologyFile::save(path, topology), QString());
        const CliRun result
            = run({ QStringLiteral("--host"), QStringLiteral("prod"), QStringLiteral("--topology"), path });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QCOMPARE(m_server->requests().constLast().header("X-Scope-OrgID"), QByteArray("from-topology"));
    }

    void controlCharactersAreEscapedUnlessRaw()
    {
        // What an attacker can put in a log line (a user name in an auth log): a title change and a carriage return
        // that would overwrite the start of the line on the admin's terminal.
        const QString hostile = QStringLiteral("Failed password for x\x1b]0;pwned\x07 from 10.0.0.9\rroot logged in\tok");
        const qint64 newestNs = (QDateTime::currentSecsSinceEpoch() - 5) * Q_INT64_C(1000000000);
        m_server->setEntries({ LokiEntry { newestNs,
            { { QStringLiteral("host"), QStringLiteral("prod") }, { QStringLiteral("job"), QStringLiteral("ssh\x1b[2J") } },
            hostile } });
        const CliRun escaped = run(QStringList { QStringLiteral("--host"), QStringLiteral("prod") } + urlArguments());
        QVERIFY2(escaped.exitCode == 0, qPrintable(escaped.err));
        QVERIFY2(escaped.out.contains(QStringLiteral("for x\\x1b]0;pwned\\x07 from 10.0.0.9\\rroot logged in\tok")),
            qPrintable(escaped.out));
        QVERIFY(escaped.out.contains(QStringLiteral("ssh\\x1b[2J")));
        QVERIFY(!escaped.out.contains(QChar(0x1b)) && !escaped.out.contains(QChar(0x07)));
        QVERIFY(!escaped.out.contains(QLatin1Char('\r')));
        QCOMPARE(escaped.out.count(QLatin1Char('\n')), 1);

        const CliRun raw = run(QStringList { QStringLiteral("--host"), QStringLiteral("prod"), QStringLiteral("--raw") }
            + urlArguments());
        QVERIFY2(raw.exitCode == 0, qPrintable(raw.err));
        QVERIFY2(raw.out.contains(hostile), qPrintable(raw.out));
    }

    void longDurationsAreRefusedNotWrapped_data()
    {
        QTest::addColumn<QString>("since");
        QTest::addColumn<QString>("expected");
        QTest::newRow("30000d") << "30000d" << "--since 30000d reaches back more than 3650 days; give at most 3650d";
        QTest::newRow("12 digits") << "999999999999d" << "more than 3650 days";
        QTest::newRow("seconds") << "315360001s" << "more than 3650 days";
        QTest::newRow("20 digits") << "99999999999999999999d" << "--since takes a duration like 15m, 1h or 7d";
        QTest::newRow("zero") << "0d" << "--since takes a duration";
    }

    void longDurationsAreRefusedNotWrapped()
    {
        QFETCH(QString, since);
        QFETCH(QString, expected);
        const CliRun result
            = run(QStringList { QStringLiteral("--host"), QStringLiteral("prod"), QStringLiteral("--since"), since }
                + urlArguments());
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(expected), qPrintable(result.err));
        QVERIFY(m_server->requests().isEmpty());
    }

    void theLongestDurationReachesBackThatFar()
    {
        const CliRun result = run(
            QStringList { QStringLiteral("--host"), QStringLiteral("prod"), QStringLiteral("--since"), QStringLiteral("3650d") }
            + urlArguments());
        QVERIFY2(result.exitCode == 0 || result.err.contains(QLatin1String("query length")), qPrintable(result.err));
        QVERIFY(!m_server->requests().isEmpty());
        const auto request = m_server->requests().constFirst();
        const qint64 span
            = request.item(QStringLiteral("end")).toLongLong() - 1 - request.item(QStringLiteral("start")).toLongLong();
        QCOMPARE(span, Q_INT64_C(3650) * 86400 * 1000000000);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no host") << QStringList {} << "--host";
        QTest::newRow("bad since") << QStringList {
            QStringLiteral("--host"), QStringLiteral("prod"), QStringLiteral("--since"), QStringLiteral("soon")
        } << "--since";
        QTest::newRow("bad limit") << QStringList {
            QStringLiteral("--host"), QStringLiteral("prod"), QStringLiteral("--limit"), QStringLiteral("0")
        } << "--limit";
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const CliRun result = run(arguments + urlArguments());
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(expected), qPrintable(result.err));
        QVERIFY(m_server->requests().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLogsCommand)
#include "TestLogsCommand.moc"
