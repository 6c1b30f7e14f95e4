// SPDX-License-Identifier: GPL-3.0-or-later
#include <QDateTime>
#include <QTest>
#include <QTimeZone>

/**
 * The ".localtime" run of the suite means something only if the zone it names is installed: without tzdata a
 * TZ the C library does not know is silently UTC, and every local-time test would pass on UTC again.
 */
class TestLocalTimeZone : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theLocalZoneIsNotUtc()
    {
        const QDateTime winter(QDate(2026, 7, 1), QTime(12, 0));
        const QDateTime summer(QDate(2026, 1, 1), QTime(12, 0));
        QVERIFY2(winter.offsetFromUtc() != 0,
                 qPrintable(QStringLiteral("TZ=%1 is UTC here: install tzdata").arg(qEnvironmentVariable("TZ"))));
        QCOMPARE(winter.offsetFromUtc(), 9 * 3600 + 1800);
        QCOMPARE(summer.offsetFromUtc(), 10 * 3600 + 1800);
    }
};

QTEST_GUILESS_MAIN(TestLocalTimeZone)
#include "TestLocalTimeZone.moc"
