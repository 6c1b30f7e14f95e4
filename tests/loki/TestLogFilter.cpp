// SPDX-License-Identifier: GPL-3.0-or-later
#include "loki/LogFilter.h"
#include "loki/LogTableModel.h"

#include <QTest>

class TestLogFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void logql_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("job");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("host") << "prod"
                              << ""
                              << ""
                              << R"({host="prod"})";
        QTest::newRow("host and job") << "prod"
                                      << "fail2ban"
                                      << ""
                                      << R"({host="prod", job="fail2ban"})";
        QTest::newRow("text") << "prod"
                              << ""
                              << "Ban"
                              << R"({host="prod"} |= "Ban")";
        // Written with escapes, not raw strings: moc's tokenizer trips over \" inside a raw string.
        QTest::newRow("quotes and backslashes") << "prod"
                                                << "apache"
                                                << "GET \"/a\\b\""
                                                << "{host=\"prod\", job=\"apache\"} |= \"GET \\\"/a\\\\b\\\"\"";
    }

    void logql()
    {
        QFETCH(QString, host);
        QFETCH(QString, job);
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE((LogFilter { host, job, text, 3600 }.logql()), expected);
    }

    void defaultJobs()
    {
        QCOMPARE(LogFilter::defaultJobs(),
            (QStringList { QStringLiteral("wireguard"),
                QStringLiteral("fail2ban"),
                QStringLiteral("apache"),
                QStringLiteral("mail"),
                QStringLiteral("bind9") }));
    }

    void tableModelShowsTimeLabelsLine()
    {
        LogTableModel model;
        LokiEntry entry;
        entry.timestampNs = Q_INT64_C(1795303796123000000);
        entry.labels = { { QStringLiteral("host"), QStringLiteral("prod") },
            { QStringLiteral("job"), QStringLiteral("wireguard") } };
        entry.line = QStringLiteral("wg0: Keypair 16 destroyed for peer 1");
        model.setEntries({ entry });
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.columnCount(), 3);
        // In the viewer's own time zone, as journalctl shows it (the suite also runs in Adelaide, UTC+10:30).
        const QDateTime utc(QDate(2026, 11, 21), QTime(23, 29, 56, 123), Qt::UTC);
        QCOMPARE(model.index(0, LogTableModel::TimeColumn).data().toString(),
            utc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")));
        if (qEnvironmentVariable("TZ") == QLatin1String("Australia/Adelaide"))
            QCOMPARE(model.index(0, LogTableModel::TimeColumn).data().toString(), QStringLiteral("2026-11-22 09:59:56.123"));
        QCOMPARE(
            model.index(0, LogTableModel::LabelsColumn).data().toString(), QStringLiteral("host=prod job=wireguard"));
        QCOMPARE(model.index(0, LogTableModel::LineColumn).data().toString(), entry.line);
        QCOMPARE(model.index(0, 0).data(LogTableModel::JobRole).toString(), QStringLiteral("wireguard"));
        model.setHiddenLabels({ QStringLiteral("host") });
        QCOMPARE(model.index(0, LogTableModel::LabelsColumn).data().toString(), QStringLiteral("job=wireguard"));
        QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("Line"));
    }
};

QTEST_GUILESS_MAIN(TestLogFilter)
#include "TestLogFilter.moc"
