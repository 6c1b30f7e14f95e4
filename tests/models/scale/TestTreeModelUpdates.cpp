// SPDX-License-Identifier: GPL-3.0-or-later
#include "itemmodels/TopologyTreeModel.h"
#include "support/ManualClock.h"
#include "telemetry/DemoTelemetrySource.h"
#include "telemetry/NetworkState.h"
#include "topology/SyntheticTopology.h"
#include "topology/TopologyFile.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

/** With thousands of peers, a new snapshot tells the tree's views only about the rows whose state changed. */
class TestTreeModelUpdates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void onlyChangedRowsAreSignalled();
};

void TestTreeModelUpdates::onlyChangedRowsAreSignalled()
{
    ManualClock clock;
    NetworkState network(&clock);
    network.setTopology(SyntheticTopology::withCollectors(TopologyFile::referenceDeployment(), 120));
    TopologyTreeModel model(&network);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    DemoTelemetrySource source(network.topology(), &clock);
    network.setPollIntervalSeconds(source.pollIntervalSeconds());
    network.applyStatus(source.status());
    const TelemetrySnapshot snapshot = source.takeSnapshot();

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    network.applySnapshot(snapshot);
    QVERIFY(!changed.isEmpty());
    const QModelIndex collector = model.indexOf(TopologyTreeModel::Kind::Host, QStringLiteral("collector0077"));
    QCOMPARE(collector.data(TopologyTreeModel::StateRole).toString(), QStringLiteral("online"));

    changed.clear();
    network.applySnapshot(snapshot);
    QCOMPARE(changed.size(), 0);

    // One tunnel goes stale: one signal, for its row alone.
    TelemetrySnapshot older = snapshot;
    const QString key = network.topology().interfaceOfHost(QStringLiteral("collector0077"))->publicKey;
    for (auto& peer : older.peers) {
        if (peer.publicKey == key || peer.reportingHost.startsWith(QStringLiteral("collector0077")))
            peer.lastHandshake = clock.now().addSecs(-3600);
    }
    changed.clear();
    network.applySnapshot(older);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.constFirst().at(0).toModelIndex().siblingAtColumn(0), collector);
    QCOMPARE(changed.constFirst().at(1).toModelIndex().row(), collector.row());
    QVERIFY(collector.data(TopologyTreeModel::StateRole).toString() != QStringLiteral("online"));
    QCOMPARE(model.indexOf(TopologyTreeModel::Kind::Host, QStringLiteral("nowhere")), QModelIndex());
}

QTEST_GUILESS_MAIN(TestTreeModelUpdates)
#include "TestTreeModelUpdates.moc"
