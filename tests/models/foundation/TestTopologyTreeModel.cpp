// SPDX-License-Identifier: GPL-3.0-or-later
#include "itemmodels/TopologyTreeModel.h"
#include "support/ManualClock.h"
#include "telemetry/DemoTelemetrySource.h"
#include "telemetry/NetworkState.h"
#include "topology/TopologyFile.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

namespace {

const QString StrangerKey = QStringLiteral("rm5eS0BFeJwGq3HVwv+VjtU3feqUktCttFC3FFHfEyQ=");
const QString OtherStrangerKey = QStringLiteral("pOCHi5ErMbBrjMLKg5xOQGfzn0NHS9CUUE4JjICWsXA=");

using Kind = TopologyTreeModel::Kind;

} // namespace

class TestTopologyTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void groupsBySegment();
    void statesBeforeAnyData();
    void statesFromDemoData();
    void unknownPeersGroup();
    void unknownPeerReplacedByAnother();
    void topologyChangeResets();
    void headers();

private:
    QString stateOf(const QString& hostId) const;
    QString nameAt(const QModelIndex& index) const { return index.data(Qt::DisplayRole).toString(); }
    void applyStranger(const QString& key);

    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<NetworkState> m_network;
    std::unique_ptr<TopologyTreeModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    TelemetrySnapshot m_demoSnapshot;
};

void TestTopologyTreeModel::init()
{
    m_clock = std::make_unique<ManualClock>();
    m_network = std::make_unique<NetworkState>(m_clock.get());
    m_network->setTopology(TopologyFile::referenceDeployment());
    m_model = std::make_unique<TopologyTreeModel>(m_network.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

QString TestTopologyTreeModel::stateOf(const QString& hostId) const
{
    return m_model->indexOf(Kind::Host, hostId).data(TopologyTreeModel::StateRole).toString();
}

void TestTopologyTreeModel::applyStranger(const QString& key)
{
    DemoTelemetrySource demo(m_network->topology(), m_clock.get());
    TelemetrySnapshot snapshot = demo.takeSnapshot();
    PeerTelemetry stranger;
    stranger.reportingHost = QStringLiteral("monitor11");
    stranger.publicKey = key;
    stranger.lastHandshake = m_clock->now().addSecs(-1000);
    stranger.sampleTime = m_clock->now();
    snapshot.peers.append(stranger);
    m_network->applyStatus(demo.status());
    m_network->applySnapshot(snapshot);
}

void TestTopologyTreeModel::groupsBySegment()
{
    // Internet, Public, Home at the top; the VPN holds no hosts, so it does not show.
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->columnCount(), 2);
    const QModelIndex internet = m_model->index(0, 0);
    const QModelIndex cloud = m_model->index(1, 0);
    const QModelIndex home = m_model->index(2, 0);
    QCOMPARE(nameAt(internet), QStringLiteral("Internet"));
    QCOMPARE(nameAt(home), QStringLiteral("Home network"));
    QCOMPARE(home.data(TopologyTreeModel::KindRole).toInt(), int(Kind::Segment));
    QCOMPARE(home.data(TopologyTreeModel::IdRole).toString(), QStringLiteral("home"));
    QCOMPARE(m_model->rowCount(cloud), 1);
    QCOMPARE(m_model->index(0, 0, cloud).data(TopologyTreeModel::IdRole).toString(), QStringLiteral("prod"));
    QCOMPARE(m_model->index(0, 0, internet).data(TopologyTreeModel::IdRole).toString(), QStringLiteral("laptop"));

    // Home holds the NAS and, nested, the Proxmox host with its VM.
    QCOMPARE(m_model->rowCount(home), 2);
    QCOMPARE(m_model->index(0, 0, home).data(TopologyTreeModel::IdRole).toString(), QStringLiteral("storage"));
    const QModelIndex proxmox = m_model->index(1, 0, home);
    QCOMPARE(proxmox.data(TopologyTreeModel::KindRole).toInt(), int(Kind::Segment));
    QCOMPARE(proxmox.data(TopologyTreeModel::IdRole).toString(), QStringLiteral("proxmox"));
    QCOMPARE(m_model->parent(proxmox), home);
    QCOMPARE(m_model->rowCount(proxmox), 2);
    QStringList inside;
    for (int row = 0; row < m_model->rowCount(proxmox); ++row)
        inside.append(m_model->index(row, 0, proxmox).data(TopologyTreeModel::IdRole).toString());
    QCOMPARE(inside, (QStringList{QStringLiteral("monitor11"), QStringLiteral("proxmox")}));
    const QModelIndex monitor = m_model->indexOf(Kind::Host, QStringLiteral("monitor11"));
    QCOMPARE(m_model->parent(monitor), proxmox);
    QCOMPARE(nameAt(monitor), QStringLiteral("monitor11"));
    QVERIFY(!m_model->indexOf(Kind::Host, QStringLiteral("nowhere")).isValid());
    QVERIFY(!m_model->indexOf(Kind::UnknownGroup, QStringLiteral("unknown")).isValid());
}

void TestTopologyTreeModel::statesBeforeAnyData()
{
    QCOMPARE(stateOf(QStringLiteral("prod")), QStringLiteral("unknown"));
    QCOMPARE(stateOf(QStringLiteral("monitor11")), QStringLiteral("unknown"));
    QCOMPARE(stateOf(QStringLiteral("storage")), QStringLiteral("unmonitored"));
    QCOMPARE(m_model->index(2, 0).data(TopologyTreeModel::StateRole).toString(), QString()); // segments have none
}

void TestTopologyTreeModel::statesFromDemoData()
{
    QSignalSpy dataChanged(m_model.get(), &QAbstractItemModel::dataChanged);
    DemoTelemetrySource demo(m_network->topology(), m_clock.get());
    m_network->setPollIntervalSeconds(demo.pollIntervalSeconds());
    m_network->applyStatus(demo.status());
    m_network->applySnapshot(demo.takeSnapshot());
    QVERIFY(!dataChanged.isEmpty());

    // Clients show their tunnel; the laptop's starts in its quiet window. The hub shows its metrics.
    QCOMPARE(stateOf(QStringLiteral("prod")), QStringLiteral("online"));
    QCOMPARE(stateOf(QStringLiteral("laptop")), QStringLiteral("stale"));
    QCOMPARE(stateOf(QStringLiteral("monitor11")), QStringLiteral("reporting"));
    QCOMPARE(stateOf(QStringLiteral("storage")), QStringLiteral("unmonitored"));
    QCOMPARE(stateOf(QStringLiteral("proxmox")), QStringLiteral("unmonitored"));
    const QModelIndex prod = m_model->indexOf(Kind::Host, QStringLiteral("prod"));
    QVERIFY(prod.data(TopologyTreeModel::ReasonRole).toString().startsWith(QStringLiteral("last handshake")));
    QCOMPARE(prod.data(Qt::ToolTipRole), prod.data(TopologyTreeModel::ReasonRole));
    QCOMPARE(prod.siblingAtColumn(TopologyTreeModel::StateColumn).data().toString(), QStringLiteral("online"));
    QCOMPARE(m_model->indexOf(Kind::Host, QStringLiteral("monitor11")).data(TopologyTreeModel::ReasonRole).toString(),
        QStringLiteral("last metrics 0 s ago"));
}

void TestTopologyTreeModel::unknownPeersGroup()
{
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    applyStranger(StrangerKey);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(m_model->rowCount(), 4);
    const QModelIndex group = m_model->index(3, 0);
    QCOMPARE(group.data(TopologyTreeModel::KindRole).toInt(), int(Kind::UnknownGroup));
    QCOMPARE(nameAt(group), QStringLiteral("Unknown peers (1)"));
    QCOMPARE(m_model->indexOf(Kind::UnknownGroup, QStringLiteral("unknown")), group);
    const QModelIndex peer = m_model->index(0, 0, group);
    QCOMPARE(peer.data(TopologyTreeModel::KindRole).toInt(), int(Kind::UnknownPeer));
    QCOMPARE(peer.data(TopologyTreeModel::IdRole).toString(), QStringLiteral("unknown:monitor11:") + StrangerKey);
    QCOMPARE(nameAt(peer), StrangerKey.left(10) + QStringLiteral("…"));
    QCOMPARE(peer.data(TopologyTreeModel::StateRole).toString(), QStringLiteral("offline"));
    QVERIFY(peer.data(TopologyTreeModel::ReasonRole).toString().startsWith(
        QStringLiteral("Reported by monitor11 but not in the topology. last handshake 17 min ago")));

    // The same stranger again: states refresh, the shape stays.
    applyStranger(StrangerKey);
    QCOMPARE(reset.size(), 1);
    // Gone: the group goes.
    DemoTelemetrySource demo(m_network->topology(), m_clock.get());
    m_network->applySnapshot(demo.takeSnapshot());
    QCOMPARE(reset.size(), 2);
    QCOMPARE(m_model->rowCount(), 3);
}

void TestTopologyTreeModel::unknownPeerReplacedByAnother()
{
    applyStranger(StrangerKey);
    applyStranger(OtherStrangerKey); // the same count of unknown peers, a different one
    const QModelIndex peer = m_model->index(0, 0, m_model->index(3, 0));
    QCOMPARE(peer.data(TopologyTreeModel::IdRole).toString(), QStringLiteral("unknown:monitor11:") + OtherStrangerKey);
    QCOMPARE(nameAt(peer), OtherStrangerKey.left(10) + QStringLiteral("…"));
    QCOMPARE(peer.data(TopologyTreeModel::StateRole).toString(), QStringLiteral("offline"));
}

void TestTopologyTreeModel::topologyChangeResets()
{
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    Topology topology = TopologyFile::referenceDeployment();
    Host orphan;
    orphan.id = QStringLiteral("orphan");
    orphan.name = QStringLiteral("orphan");
    topology.hosts.append(orphan); // no segment: listed at the top level
    topology.hosts.removeIf([](const Host& host) { return host.id == QLatin1String("storage"); });
    m_network->setTopology(topology);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(m_model->rowCount(), 4);
    QCOMPARE(m_model->index(3, 0).data(TopologyTreeModel::IdRole).toString(), QStringLiteral("orphan"));
    QCOMPARE(m_model->rowCount(m_model->index(2, 0)), 1); // home keeps only the Proxmox region
    QVERIFY(!m_model->indexOf(Kind::Host, QStringLiteral("storage")).isValid());
}

void TestTopologyTreeModel::headers()
{
    QCOMPARE(m_model->headerData(TopologyTreeModel::NameColumn, Qt::Horizontal).toString(), QStringLiteral("Name"));
    QCOMPARE(m_model->headerData(TopologyTreeModel::StateColumn, Qt::Horizontal).toString(), QStringLiteral("State"));
    QVERIFY(!m_model->headerData(0, Qt::Vertical).isValid());
}

QTEST_GUILESS_MAIN(TestTopologyTreeModel)
#include "TestTopologyTreeModel.moc"
