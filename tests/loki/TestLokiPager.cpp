// SPDX-License-Identifier: GPL-3.0-or-later
#include "loki/LokiPager.h"
#include "loki/LokiResponseParser.h"
#include "support/LokiTestServer.h"

#include <QSet>
#include <QTest>

namespace {

constexpr qint64 Second = 1000000000;

/// What Loki would return for one page: the entries in [start, end), in direction, at most limit.
QList<LokiEntry> serve(QList<LokiEntry> all, const LokiPager::Page& page, LokiDirection direction)
{
    all.removeIf([&](const LokiEntry& e) { return e.timestampNs < page.startNs || e.timestampNs >= page.endNs; });
    LokiResponseParser::sortEntries(all, direction);
    if (all.size() > page.limit)
        all.resize(page.limit);
    return all;
}

/// Feeds the pager from a simulated Loki until it stops (bounded).
LokiPager runPager(const QList<LokiEntry>& all, const LokiLogQuery& query)
{
    LokiPager pager(query);
    for (int guard = 0; !pager.finished() && guard < 100; ++guard)
        pager.addBatch(serve(all, pager.nextPage(), query.direction));
    return pager;
}

/// The day before newest, both ends included.
LokiLogQuery dayQuery(qint64 newest, int limit)
{
    LokiLogQuery query;
    query.startNs = newest - 86400 * Second;
    query.endNs = newest + 1;
    query.limit = limit;
    return query;
}

} // namespace

class TestLokiPager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pagesLikeLogcli_data()
    {
        QTest::addColumn<int>("available");
        QTest::addColumn<int>("perTimestamp");
        QTest::addColumn<int>("limit");
        QTest::addColumn<int>("direction");
        QTest::addColumn<int>("expectedCount");
        QTest::addColumn<int>("expectedPages");
        QTest::newRow("one page") << 45 << 1 << 100 << int(LokiDirection::Backward) << 45 << 1;
        QTest::newRow("exact limit") << 100 << 1 << 100 << int(LokiDirection::Backward) << 100 << 1;
        QTest::newRow("backward 12000 in groups of 3")
            << 12000 << 3 << 12000 << int(LokiDirection::Backward) << 12000 << 3;
        QTest::newRow("backward, more available than wanted")
            << 12000 << 3 << 7000 << int(LokiDirection::Backward) << 7000 << 2;
        QTest::newRow("backward, fewer available than wanted")
            << 6000 << 7 << 20000 << int(LokiDirection::Backward) << 6000 << 2;
        QTest::newRow("forward 12000 in groups of 3")
            << 12000 << 3 << 12000 << int(LokiDirection::Forward) << 12000 << 3;
        QTest::newRow("forward, groups of 7") << 11000 << 7 << 20000 << int(LokiDirection::Forward) << 11000 << 3;
    }

    void pagesLikeLogcli()
    {
        QFETCH(int, available);
        QFETCH(int, perTimestamp);
        QFETCH(int, limit);
        QFETCH(int, direction);
        QFETCH(int, expectedCount);
        QFETCH(int, expectedPages);
        const qint64 newest = Q_INT64_C(1795303796) * Second;
        const QList<LokiEntry> all = LokiTestServer::generatedEntries(available, newest, perTimestamp);
        LokiLogQuery query = dayQuery(newest, limit);
        query.direction = LokiDirection(direction);
        const LokiPager pager = runPager(all, query);
        const QList<LokiEntry>& got = pager.entries();
        QCOMPARE(got.size(), expectedCount);
        QCOMPARE(pager.pages(), expectedPages);
        QSet<QString> identities;
        for (const LokiEntry& entry : got)
            identities.insert(entry.identity());
        QCOMPARE(identities.size(), got.size()); // no duplicates at page edges
        QList<LokiEntry> expected = all;
        LokiResponseParser::sortEntries(expected, query.direction);
        expected.resize(expectedCount);
        QCOMPARE(got, expected); // nothing lost at page edges either
    }

    void pageRequestsFollowTheEdge()
    {
        const qint64 newest = Q_INT64_C(1795303796) * Second;
        const QList<LokiEntry> all = LokiTestServer::generatedEntries(6000, newest, 3);
        LokiPager pager(dayQuery(newest, 6000));
        QCOMPARE(pager.nextPage().limit, 5000);
        QCOMPARE(pager.nextPage().endNs, newest + 1);
        const QList<LokiEntry> first = serve(all, pager.nextPage(), LokiDirection::Backward);
        pager.addBatch(first);
        QVERIFY(!pager.finished());
        // end = oldest time + 1 ns, and the lines already seen at that time are asked for again on top of the rest.
        QCOMPARE(pager.nextPage().endNs, first.constLast().timestampNs + 1);
        QCOMPARE(pager.nextPage().limit, 1000 + 2); // 5000 = 1666 groups of 3 + 2 lines of the next group
    }

    void boundedNumberOfPages()
    {
        const qint64 newest = Q_INT64_C(1795303796) * Second;
        const QList<LokiEntry> all = LokiTestServer::generatedEntries(30000, newest, 1);
        LokiLogQuery query = dayQuery(newest, 30000);
        query.maxPages = 2;
        const LokiPager pager = runPager(all, query);
        QCOMPARE(pager.pages(), 2);
        QVERIFY(pager.pageLimitReached());
        // The second page asks for 5000 including the one line already seen at the edge: 4999 are new.
        QCOMPARE(pager.entries().size(), 9999);
    }

    void aWholePageAtOneTimeStops()
    {
        const qint64 newest = Q_INT64_C(1795303796) * Second;
        const QList<LokiEntry> all = LokiTestServer::generatedEntries(6000, newest, 6000);
        const LokiPager pager = runPager(all, dayQuery(newest, 6000));
        QCOMPARE(pager.entries().size(), 5000);
        QCOMPARE(pager.pages(), 2);
        QVERIFY(pager.pageLimitReached()); // incomplete, and said so
    }

    void emptyRange()
    {
        LokiLogQuery query;
        query.startNs = 10;
        query.endNs = 10;
        QVERIFY(LokiPager(query).finished());
    }
};

QTEST_GUILESS_MAIN(TestLokiPager)
#include "TestLokiPager.moc"
