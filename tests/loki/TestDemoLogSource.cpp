// SPDX-License-Identifier: GPL-3.0-or-later
#include "loki/DemoLogSource.h"

#include <QTest>

namespace {

const QDateTime Now = QDateTime(QDate(2026, 11, 21), QTime(23, 30), Qt::UTC);

} // namespace

class TestDemoLogSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyJobHasBelievableLines_data()
    {
        QTest::addColumn<QString>("job");
        QTest::addColumn<QString>("expectedPart");
        QTest::newRow("wireguard") << "wireguard"
                                   << "wg0: ";
        QTest::newRow("fail2ban") << "fail2ban"
                                  << "fail2ban.";
        QTest::newRow("apache") << "apache"
                                << "\"GET ";
        QTest::newRow("mail") << "mail"
                              << "postfix/";
        QTest::newRow("bind9") << "bind9"
                               << "client @0x";
    }

    void everyJobHasBelievableLines()
    {
        QFETCH(QString, job);
        QFETCH(QString, expectedPart);
        DemoLogSource source;
        const auto entries = source.query({ QStringLiteral("prod"), job, {}, 3600 }, Now);
        QVERIFY(entries.size() >= 3600 / DemoLogSource::periodSeconds(job) - 1);
        for (const LokiEntry& entry : entries) {
            QVERIFY2(entry.line.contains(expectedPart), qPrintable(entry.line));
            QCOMPARE(entry.label(QStringLiteral("job")), job);
            QCOMPARE(entry.label(QStringLiteral("host")), QStringLiteral("prod"));
            QCOMPARE(entry.label(QStringLiteral("demo")), QStringLiteral("true"));
            QVERIFY(entry.time() <= Now);
            QVERIFY(entry.time() > Now.addSecs(-3600));
        }
    }

    void newestFirstAllJobsAndLimited()
    {
        DemoLogSource source;
        const auto entries = source.query({ QStringLiteral("prod"), {}, {}, 3600 }, Now, 200);
        QCOMPARE(entries.size(), 200);
        QSet<QString> jobs;
        for (qsizetype i = 0; i < entries.size(); ++i) {
            jobs.insert(entries.at(i).label(QStringLiteral("job")));
            if (i > 0)
                QVERIFY(entries.at(i - 1).timestampNs >= entries.at(i).timestampNs);
        }
        QCOMPARE(jobs.size(), 5);
    }

    void sameTimeSameLinesSoFollowLooksLikeATail()
    {
        DemoLogSource source;
        const LogFilter filter { QStringLiteral("prod"), {}, {}, 900 };
        const auto before = source.query(filter, Now);
        const auto after = source.query(filter, Now.addSecs(60));
        QVERIFY(after.constFirst().timestampNs > before.constFirst().timestampNs);
        QVERIFY(after.contains(before.constFirst()));
    }

    void textFilterIsALineFilter()
    {
        DemoLogSource source;
        const auto bans
            = source.query({ QStringLiteral("prod"), QStringLiteral("fail2ban"), QStringLiteral("Ban "), 86400 }, Now);
        QVERIFY(!bans.isEmpty());
        for (const LokiEntry& entry : bans)
            QVERIFY(entry.line.contains(QLatin1String("Ban ")));
        QVERIFY(source.query({ QStringLiteral("prod"), {}, QStringLiteral("no such text"), 3600 }, Now).isEmpty());
        QVERIFY(source.query({ {}, {}, {}, 3600 }, Now).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDemoLogSource)
#include "TestDemoLogSource.moc"
