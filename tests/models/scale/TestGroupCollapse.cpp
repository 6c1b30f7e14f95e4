// SPDX-License-Identifier: GPL-3.0-or-later
#include "layout/GroupCollapse.h"
#include "topology/SyntheticTopology.h"
#include "topology/TopologyFile.h"

#include <QTest>

/** Which segments the diagram collapses, and what a collapsed group's card says. */
class TestGroupCollapse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void segmentsAboveTheLimitCollapse();
    void expandedAndKeptApartHostsStayCards();
    void summaryCountsSumsAndWorstState();
    void problemsWorstFirstUpToTheCap();
    void unusualLogEventsAreProblems();

private:
    static GroupCollapse::Member member(const QString& id, PeerStatus::State state, double rx = 0, double tx = 0)
    {
        GroupCollapse::Member m;
        m.hostId = id;
        m.state = state;
        m.rxBytesPerSecond = rx;
        m.txBytesPerSecond = tx;
        return m;
    }
};

void TestGroupCollapse::segmentsAboveTheLimitCollapse()
{
    const Topology reference = TopologyFile::referenceDeployment();
    QVERIFY(GroupCollapse::collapsedGroups(reference, GroupCollapse::DefaultLimit, {}, {}).isEmpty());

    const Topology at41 = SyntheticTopology::withCollectors(reference, 41);
    const auto groups = GroupCollapse::collapsedGroups(at41, GroupCollapse::DefaultLimit, {}, {});
    QCOMPARE(groups.size(), 1);
    QCOMPARE(groups.value(QStringLiteral("collectors")).size(), 41);
    QVERIFY(groups.value(QStringLiteral("collectors")).contains(QStringLiteral("collector0040")));

    const Topology at40 = SyntheticTopology::withCollectors(reference, 40);
    QVERIFY(GroupCollapse::collapsedGroups(at40, GroupCollapse::DefaultLimit, {}, {}).isEmpty());
    QCOMPARE(GroupCollapse::collapsedGroups(at40, 39, {}, {}).size(), 1);
}

void TestGroupCollapse::expandedAndKeptApartHostsStayCards()
{
    const Topology topology = SyntheticTopology::withCollectors(TopologyFile::referenceDeployment(), 2000);
    QVERIFY(GroupCollapse::collapsedGroups(topology, 40, {QStringLiteral("collectors")}, {}).isEmpty());
    // A hub kept apart does not count towards its segment's size, nor is it a member.
    QSet<QString> keep;
    for (int i = 1; i <= 1960; ++i) // collector0001 to collector1960
        keep.insert(QStringLiteral("collector%1").arg(i, 4, 10, QLatin1Char('0')));
    const auto groups = GroupCollapse::collapsedGroups(topology, 40, {}, keep);
    QVERIFY(groups.isEmpty());
    keep.remove(QStringLiteral("collector0001"));
    const auto one = GroupCollapse::collapsedGroups(topology, 40, {}, keep);
    QCOMPARE(one.value(QStringLiteral("collectors")).size(), 41);
    QVERIFY(!one.value(QStringLiteral("collectors")).contains(QStringLiteral("collector0002")));
}

void TestGroupCollapse::summaryCountsSumsAndWorstState()
{
    QList<GroupCollapse::Member> members;
    for (int i = 0; i < 1998; ++i)
        members.append(member(QStringLiteral("h%1").arg(i), PeerStatus::State::Online, 100, 10));
    const GroupCollapse::Summary allOnline = GroupCollapse::summarize(members);
    QCOMPARE(allOnline.worst, PeerStatus::State::Online);
    QVERIFY(allOnline.problems.isEmpty());
    QCOMPARE(allOnline.countsText(), QStringLiteral("1,998 online"));

    members.append(member(QStringLiteral("never"), PeerStatus::State::Never));
    members.append(member(QStringLiteral("stale"), PeerStatus::State::Stale, 5, 5));
    const GroupCollapse::Summary summary = GroupCollapse::summarize(members);
    QCOMPARE(summary.hosts, 2000);
    QCOMPARE(summary.count(PeerStatus::State::Online), 1998);
    QCOMPARE(summary.count(PeerStatus::State::Stale), 1);
    QCOMPARE(summary.count(PeerStatus::State::Never), 1);
    QCOMPARE(summary.count(PeerStatus::State::Offline), 0);
    QCOMPARE(summary.rxBytesPerSecond, 1998 * 100.0 + 5);
    QCOMPARE(summary.txBytesPerSecond, 1998 * 10.0 + 5);
    QCOMPARE(summary.worst, PeerStatus::State::Stale);
    QCOMPARE(summary.problems, QStringList({QStringLiteral("stale"), QStringLiteral("never")}));
    QCOMPARE(summary.countsText(), QStringLiteral("1,998 online · 1 stale · 1 never"));

    members.append(member(QStringLiteral("down"), PeerStatus::State::Offline));
    QCOMPARE(GroupCollapse::summarize(members).worst, PeerStatus::State::Offline);
}

void TestGroupCollapse::problemsWorstFirstUpToTheCap()
{
    QList<GroupCollapse::Member> members;
    for (int i = 0; i < 20; ++i)
        members.append(member(QStringLiteral("never%1").arg(i), PeerStatus::State::Never));
    members.append(member(QStringLiteral("ok"), PeerStatus::State::Online));
    members.append(member(QStringLiteral("down"), PeerStatus::State::Offline));
    GroupCollapse::Member checked = member(QStringLiteral("checked"), PeerStatus::State::Online);
    checked.failedCheck = true;
    members.append(checked);
    const GroupCollapse::Summary summary = GroupCollapse::summarize(members, 12);
    QCOMPARE(summary.problems.size(), 12);
    QCOMPARE(summary.moreProblems, 22 - 12);
    QCOMPARE(summary.problems.constFirst(), QStringLiteral("down"));
    QCOMPARE(summary.problems.at(1), QStringLiteral("never0")); // among equals, the group's order
    QVERIFY(!summary.problems.contains(QStringLiteral("ok")));
}

void TestGroupCollapse::unusualLogEventsAreProblems()
{
    QList<GroupCollapse::Member> members;
    for (int i = 0; i < 100; ++i) {
        GroupCollapse::Member m = member(QStringLiteral("h%1").arg(i), PeerStatus::State::Online);
        m.fail2banPerHour = 5; // every host sees a few bans an hour
        members.append(m);
    }
    QVERIFY(GroupCollapse::summarize(members).problems.isEmpty());
    members[42].fail2banPerHour = 400; // one under attack
    QCOMPARE(GroupCollapse::summarize(members).problems, QStringList({QStringLiteral("h42")}));
}

QTEST_GUILESS_MAIN(TestGroupCollapse)
#include "TestGroupCollapse.moc"
