// SPDX-License-Identifier: GPL-3.0-or-later
// The back-off of a failing poll as numbers: its cap against the poll interval, and Retry-After in both forms.
#include "influx/PollBackoff.h"

#include <QTest>

class TestPollBackoff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void capIsNeverBelowTheInterval_data()
    {
        QTest::addColumn<int>("pollSeconds");
        QTest::addColumn<int>("cap");
        QTest::newRow("1 s") << 1 << 300;
        QTest::newRow("10 s") << 10 << 300;
        QTest::newRow("75 s") << 75 << 300;
        QTest::newRow("600 s") << 600 << 2400;
        QTest::newRow("3600 s") << 3600 << 14400;
    }

    void capIsNeverBelowTheInterval()
    {
        QFETCH(int, pollSeconds);
        QFETCH(int, cap);
        QCOMPARE(PollBackoff::capSeconds(pollSeconds), cap);
        QVERIFY(PollBackoff::capSeconds(pollSeconds) >= pollSeconds);
        QCOMPARE(PollBackoff::delaySeconds(pollSeconds, 1000), cap); // no overflow after many failures
    }

    void delayDoublesFromTheInterval()
    {
        QCOMPARE(PollBackoff::delaySeconds(10, 0), 10);
        QCOMPARE(PollBackoff::delaySeconds(10, 1), 20);
        QCOMPARE(PollBackoff::delaySeconds(10, 4), 160);
        QCOMPARE(PollBackoff::delaySeconds(10, 5), 300);
        QCOMPARE(PollBackoff::delaySeconds(3600, 1), 7200);
    }

    void retryAfterIsAFloorBoundedByTheCap()
    {
        QCOMPARE(PollBackoff::delaySeconds(10, 1, 120), 120);
        QCOMPARE(PollBackoff::delaySeconds(10, 1, 5), 20);
        QCOMPARE(PollBackoff::delaySeconds(10, 1, 86400), 300);
        QCOMPARE(PollBackoff::delaySeconds(10, 0, 120), 10); // only a failure is retried later
    }

    void retryAfterParses_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<int>("expected"); // -1: not a Retry-After value
        QTest::newRow("seconds") << QByteArray("120") << 120;
        QTest::newRow("padded") << QByteArray(" 7 ") << 7;
        QTest::newRow("IMF-fixdate") << QByteArray("Sun, 22 Nov 2026 00:15:00 GMT") << 120;
        QTest::newRow("RFC 2822 offset") << QByteArray("Sun, 22 Nov 2026 01:15:00 +0100") << 120;
        QTest::newRow("date in the past") << QByteArray("Sun, 22 Nov 2026 00:00:00 GMT") << 0;
        QTest::newRow("negative") << QByteArray("-5") << -1;
        QTest::newRow("words") << QByteArray("later") << -1;
        QTest::newRow("empty") << QByteArray() << -1;
    }

    void retryAfterParses()
    {
        QFETCH(QByteArray, header);
        QFETCH(int, expected);
        const QDateTime now(QDate(2026, 11, 22), QTime(0, 13), Qt::UTC);
        QCOMPARE(PollBackoff::retryAfterSeconds(header, now).value_or(-1), expected);
    }
};

QTEST_GUILESS_MAIN(TestPollBackoff)
#include "TestPollBackoff.moc"
