// SPDX-License-Identifier: GPL-3.0-or-later
#include "itemmodels/TopologyTreeFilter.h"
#include "itemmodels/TopologyTreeModel.h"
#include "support/ManualClock.h"
#include "telemetry/DemoTelemetrySource.h"
#include "telemetry/NetworkState.h"
#include "topology/SyntheticTopology.h"
#include "topology/TopologyFile.h"

#include <QAbstractItemModelTester>
#include <QTest>

/** "Problems only" in a tree of 2,000 peers: the few that need a look, following the polls. */
class TestTopologyTreeFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void problemsOnlyFollowsThePolls();
};

namespace {

/// Every host id the filtered tree shows, at any depth.
QStringList shownHosts(const QAbstractItemModel& model, const QModelIndex& parent = {})
{
    QStringList hosts;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        if (static_cast<TopologyTreeModel::Kind>(index.data(TopologyTreeModel::KindRole).toInt()) == TopologyTreeModel::Kind::Host)
            hosts.append(index.data(TopologyTreeModel::IdRole).toString());
        hosts += shownHosts(model, index);
    }
    return hosts;
}

} // namespace

void TestTopologyTreeFilter::problemsOnlyFollowsThePolls()
{
    ManualClock clock;
    NetworkState network(&clock);
    network.setTopology(SyntheticTopology::withCollectors(TopologyFile::referenceDeployment(), 2000));
    TopologyTreeModel model(&network);
    TopologyTreeFilter filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    DemoTelemetrySource source(network.topology(), &clock);
    network.setPollIntervalSeconds(source.pollIntervalSeconds());
    network.applyStatus(source.status());
    const TelemetrySnapshot snapshot = source.takeSnapshot();
    network.applySnapshot(snapshot);
    QCOMPARE(shownHosts(filter).size(), 2000 + 5);

    filter.setStateFilter(TopologyTreeFilter::Problems);
    const QStringList before = shownHosts(filter);
    QVERIFY(before.size() < 10);
    for (const QString& hostId : before)
        QVERIFY(TopologyTreeFilter::isProblem(model.index(model.indexOf(TopologyTreeModel::Kind::Host, hostId).row(), 0,
            model.indexOf(TopologyTreeModel::Kind::Host, hostId).parent()).data(TopologyTreeModel::StateRole).toString()));

    // One collector goes stale: it shows, under its segment, with the text filter too; back online, it goes.
    TelemetrySnapshot older = snapshot;
    const QString key = network.topology().interfaceOfHost(QStringLiteral("collector0042"))->publicKey;
    for (auto& peer : older.peers) {
        if (peer.publicKey == key || peer.reportingHost.startsWith(QStringLiteral("collector0042")))
            peer.lastHandshake = clock.now().addSecs(-300);
    }
    network.applySnapshot(older);
    QVERIFY(shownHosts(filter).contains(QStringLiteral("collector0042")));
    QCOMPARE(shownHosts(filter).size(), before.size() + 1);
    filter.setFilterFixedString(QStringLiteral("collector00"));
    QCOMPARE(shownHosts(filter), QStringList({QStringLiteral("collector0042")}));
    filter.setStateFilter(QStringLiteral("online"));
    QVERIFY(!shownHosts(filter).contains(QStringLiteral("collector0042")));
    QCOMPARE(shownHosts(filter).size(), 98); // collector0001 to 0099 but 0042
    filter.setFilterFixedString(QString());
    filter.setStateFilter(TopologyTreeFilter::Problems);
    network.applySnapshot(snapshot);
    QCOMPARE(shownHosts(filter), before);
}

QTEST_GUILESS_MAIN(TestTopologyTreeFilter)
#include "TestTopologyTreeFilter.moc"
