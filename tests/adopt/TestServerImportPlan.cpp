// SPDX-License-Identifier: GPL-3.0-or-later
#include "GeneratedServer.h"
#include "support/ServerConfigTopology.h"
#include "WireGuardTools.h"
#include "adopt/ServerImportPlan.h"
#include "adopt/ServerTopologyBuilder.h"
#include "topology/TopologyFile.h"
#include "topology/TopologyValidator.h"

#include <QTest>

namespace {

qsizetype countNamed(const Topology& topology, const QString& name)
{
    return std::count_if(topology.peers.begin(), topology.peers.end(),
        [&](const WireGuardPeer& peer) { return peer.name == name && peer.interfaceId == QLatin1String("monitor11-wg0"); });
}

bool anyPlaceholder(const Topology& topology)
{
    return std::any_of(topology.interfaces.begin(), topology.interfaces.end(),
               [](const WireGuardInterface& wgInterface) { return wgInterface.placeholderKey; })
        || std::any_of(topology.peers.begin(), topology.peers.end(),
            [](const WireGuardPeer& peer) { return peer.placeholderKey; });
}

} // namespace

class TestServerImportPlan : public QObject
{
    Q_OBJECT

private:
    GeneratedServer m_server; ///< prod, Bob's phone, a peer without a name, the home office router, collectors

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_server = GeneratedServer::make(50, &error);
        REQUIRE_GENERATED(error);
    }

    void referenceDeploymentAdoptsTheRealServer()
    {
        // The failure: init, then import-wg of a real server's config.
        const Topology reference = TopologyFile::referenceDeployment();
        const ServerImportPlan plan = ServerImportPlan::make(reference, m_server.wgQuickText());
        QVERIFY2(plan.canApply(), qPrintable(plan.summaryLines().join(QLatin1Char('\n'))));
        QVERIFY(plan.hubKeyAdopted());
        const Topology after = plan.apply();
        QVERIFY2(TopologyValidator::validate(after).isEmpty(),
            qPrintable(TopologyError::describe(TopologyValidator::validate(after))));
        const WireGuardInterface* hub = after.interface(QStringLiteral("monitor11-wg0"));
        QCOMPARE(hub->publicKey, m_server.publicKey);
        QCOMPARE(hub->addresses, m_server.addresses);
        QVERIFY(!anyPlaceholder(after));
        // prod was matched by name: one prod, with the server's key, reported as a key change.
        QCOMPARE(countNamed(after, QStringLiteral("prod")), 1);
        QCOMPARE(after.peer(QStringLiteral("monitor11-prod"))->publicKey, m_server.peers.at(0).publicKey);
        QCOMPARE(after.interface(QStringLiteral("prod-wg0"))->publicKey, m_server.peers.at(0).publicKey);
        QCOMPARE(after.interface(QStringLiteral("prod-wg0"))->addresses, QStringList{QStringLiteral("10.10.0.10/24")});
        const auto keyChanges = plan.changes(ServerImportChange::Kind::KeyChanged);
        QCOMPARE(keyChanges.size(), 1);
        QCOMPARE(keyChanges.constFirst().name, QStringLiteral("prod"));
        QCOMPARE(keyChanges.constFirst().matchedBy, QStringLiteral("name"));
        QCOMPARE(keyChanges.constFirst().previousKey, reference.peer(QStringLiteral("monitor11-prod"))->publicKey);
        // prod's own entry for the hub follows the hub's new key.
        QCOMPARE(after.peer(QStringLiteral("prod-monitor11"))->publicKey, m_server.publicKey);
        // The placeholder laptop never existed on this server: dropped, with its made-up interface.
        const auto removed = plan.removedOnServer();
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.constFirst().id, QStringLiteral("monitor11-laptop"));
        QVERIFY(removed.constFirst().dropped);
        QVERIFY(!after.peer(QStringLiteral("monitor11-laptop")));
        QVERIFY(!after.interface(QStringLiteral("laptop-wg0")));
        QCOMPARE(plan.added().size(), 49);
        // Every key of the server is in the hub's peers exactly once.
        for (const auto& generated : m_server.peers) {
            QCOMPARE(std::count_if(after.peers.begin(), after.peers.end(),
                         [&](const WireGuardPeer& peer) { return peer.publicKey == generated.publicKey && peer.interfaceId == hub->id; }),
                1);
        }
        // The data source over the tunnel follows the hub's address.
        QCOMPARE(after.dataSources.constFirst().influxUrl, QUrl(QStringLiteral("http://10.10.0.1:8086")));
        QCOMPARE(plan.before(), reference);
    }

    void importingAgainChangesNothing()
    {
        const Topology once = ServerImportPlan::make(TopologyFile::referenceDeployment(), m_server.wgQuickText()).apply();
        const ServerImportPlan again = ServerImportPlan::make(once, m_server.wgQuickText());
        QVERIFY(again.canApply());
        QVERIFY2(again.isEmpty(), qPrintable(again.summaryLines().join(QLatin1Char('\n'))));
        QCOMPARE(again.apply(), once);
    }

    void matchesByKeyThenNameThenAddress()
    {
        const Topology current = ServerTopologyBuilder::build(m_server.wgQuickText()).topology;
        GeneratedServer changed = m_server;
        QString error;
        // Bob got a new phone (same name, new key); the router's key changed and it lost its name; a collector
        // gained an IPv6 address; collector 49 is gone.
        QVERIFY(GeneratedServer::keyPair(changed.peers[1].privateKey, changed.peers[1].publicKey, &error));
        QVERIFY(GeneratedServer::keyPair(changed.peers[3].privateKey, changed.peers[3].publicKey, &error));
        changed.peers[3].name.clear();
        changed.peers[4].allowedIps.append(QStringLiteral("fd00::14/128"));
        changed.peers.removeLast();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const ServerImportPlan plan = ServerImportPlan::make(current, changed.wgQuickText());
        QVERIFY2(plan.canApply(), qPrintable(plan.summaryLines().join(QLatin1Char('\n'))));
        QVERIFY(plan.added().isEmpty());
        QVERIFY(!plan.hubKeyAdopted());
        const auto keyChanges = plan.changes(ServerImportChange::Kind::KeyChanged);
        QCOMPARE(keyChanges.size(), 2);
        QCOMPARE(keyChanges.at(0).name, QStringLiteral("bobs-phone"));
        QCOMPARE(keyChanges.at(0).matchedBy, QStringLiteral("name"));
        QCOMPARE(keyChanges.at(1).name, QStringLiteral("home-office-router"));
        QCOMPARE(keyChanges.at(1).matchedBy, QStringLiteral("tunnel address"));
        const auto changes = plan.changes(ServerImportChange::Kind::Changed);
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.constFirst().name, QStringLiteral("collector-4"));
        QVERIFY(changes.constFirst().details.constFirst().contains(QStringLiteral("fd00::14/128")));
        // A real peer the server no longer has is reported and kept ...
        const auto removed = plan.removedOnServer();
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.constFirst().name, QStringLiteral("collector-49"));
        QVERIFY(!removed.constFirst().dropped);
        const Topology after = plan.apply();
        QCOMPARE(after.peers.size(), current.peers.size());
        QVERIFY(!after.peer(keyChanges.at(0).id)->clientConfigAvailable);
        QCOMPARE(after.peer(keyChanges.at(0).id)->publicKey, changed.peers.at(1).publicKey);
        // ... unless pruned.
        ServerImportOptions prune;
        prune.pruneRemoved = true;
        const ServerImportPlan pruned = ServerImportPlan::make(current, changed.wgQuickText(), prune);
        QVERIFY(pruned.removedOnServer().constFirst().dropped);
        QCOMPARE(pruned.apply().peers.size(), current.peers.size() - 1);
        QCOMPARE(plan.countsLine(), QStringLiteral("0 added, 3 changed, 1 removed on the server, 0 conflicts"));
    }

    void anotherServersKeyIsAConflictNamingTheFix()
    {
        const Topology current = ServerTopologyBuilder::build(m_server.wgQuickText()).topology;
        QString error;
        const GeneratedServer other = GeneratedServer::make(2, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const ServerImportPlan plan = ServerImportPlan::make(current, other.wgQuickText());
        QVERIFY(!plan.canApply());
        QCOMPARE(plan.conflicts().size(), 1);
        const ServerImportConflict& conflict = plan.conflicts().constFirst();
        QVERIFY2(conflict.message.contains(QStringLiteral("--replace-hub-key")), qPrintable(conflict.message));
        QVERIFY(conflict.message.contains(QStringLiteral("second server")));
        QVERIFY(conflict.message.contains(other.publicKey));
        QCOMPARE(conflict.line, 2);
        QCOMPARE(plan.apply(), current);
        QVERIFY(plan.summaryLines().constLast().startsWith(QStringLiteral("conflict: line 2: ")));

        ServerImportOptions replace;
        replace.replaceHubKey = true;
        const ServerImportPlan replaced = ServerImportPlan::make(current, other.wgQuickText(), replace);
        QVERIFY2(replaced.canApply(), qPrintable(replaced.summaryLines().join(QLatin1Char('\n'))));
        QVERIFY(replaced.hubKeyAdopted());
        QVERIFY(!replaced.changes(ServerImportChange::Kind::HubKeyAdopted).constFirst().placeholder);
        QCOMPARE(replaced.apply().interfaces.constFirst().publicKey, other.publicKey);
    }

    void genuineOverlapIsRefusedNamingBoth()
    {
        // prod is real here, and the server gives a new peer a range that covers prod's address.
        const Topology current = topologyWithRealKeys(TopologyFile::referenceDeployment());
        GeneratedServer server;
        server.addresses = {QStringLiteral("10.10.0.11/24")};
        QString error;
        server.privateKey.clear();
        GeneratedServer::Peer intruder;
        intruder.name = QStringLiteral("Intruder");
        intruder.allowedIps = {QStringLiteral("10.10.0.0/30")};
        GeneratedServer::keyPair(intruder.privateKey, intruder.publicKey, &error);
        server.peers = {intruder};
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QString text = server.wgQuickText();
        text.remove(QStringLiteral("PrivateKey = \n"));
        const ServerImportPlan plan = ServerImportPlan::make(current, text);
        QVERIFY(!plan.canApply());
        const QStringList lines = plan.summaryLines();
        QVERIFY2(std::any_of(plan.conflicts().begin(), plan.conflicts().end(),
                     [](const ServerImportConflict& conflict) {
                         return conflict.message.contains(QStringLiteral("\"prod\""))
                             && conflict.message.contains(QStringLiteral("\"intruder\""));
                     }),
            qPrintable(lines.join(QLatin1Char('\n'))));
        QCOMPARE(plan.apply(), current);
    }

    void dumpMergesLikeTheFile()
    {
        const Topology fromFile = ServerImportPlan::make(TopologyFile::referenceDeployment(), m_server.wgQuickText()).apply();
        const ServerImportPlan fromDump = ServerImportPlan::make(fromFile, m_server.dumpText());
        QVERIFY2(fromDump.canApply(), qPrintable(fromDump.summaryLines().join(QLatin1Char('\n'))));
        // Same keys and ranges; a dump has no addresses and its endpoints are not configuration.
        QVERIFY2(fromDump.isEmpty(), qPrintable(fromDump.summaryLines().join(QLatin1Char('\n'))));
    }

    void readErrorsAreConflicts()
    {
        const ServerImportPlan plan = ServerImportPlan::make(TopologyFile::referenceDeployment(), QStringLiteral("[Peer]\nAllowedIPs = x\n"));
        QVERIFY(!plan.canApply());
        QCOMPARE(plan.conflicts().constFirst().line, 2);
    }
};

QTEST_GUILESS_MAIN(TestServerImportPlan)
#include "TestServerImportPlan.moc"
