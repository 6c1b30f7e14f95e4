// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/ServerConfigTopology.h"
#include "topology/TopologyFile.h"
#include "topology/TopologyJson.h"
#include "wireguard/AddressAllocator.h"
#include "wireguard/ServerConfigImport.h"

#include <QFile>
#include <QTest>

namespace {

QString serverConfig()
{
    QFile file(QStringLiteral(TUNNELSCOPE_TEST_DATA_DIR "/wireguard/server-wg0.conf"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing server-wg0.conf");
    return QString::fromUtf8(file.readAll());
}

Topology topologyOfThatServer()
{
    return topologyOfServerConfig(TopologyFile::referenceDeployment());
}

} // namespace

class TestServerConfigImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void learnsPeersAndMarksThemImported()
    {
        const auto result = ServerConfigImport::apply(topologyOfThatServer(), serverConfig());
        QVERIFY2(result.ok(), qPrintable(result.errors.value(0).toString()));
        QCOMPARE(result.addedPeers.size(), 1); // prod and laptop were known by key
        const Topology& topology = result.topology;
        const WireGuardPeer* added = nullptr;
        for (const auto& peer : topology.peers) {
            if (peer.publicKey == QLatin1String("4Sv0o+W8Fm6E0Oq9nBIQa3fVu/1yJ1QUPFOhT2Mqhks="))
                added = &peer;
        }
        QVERIFY(added);
        QVERIFY(!added->clientConfigAvailable);
        QCOMPARE(added->interfaceId, QStringLiteral("monitor11-wg0"));
        QCOMPARE(added->allowedIps, QStringList({QStringLiteral("10.10.0.40/32"), QStringLiteral("10.10.0.41/32")}));
        // Issue 8: one host per peer, so the diagram shows where the tunnel ends.
        QVERIFY(topology.host(added->hostId));
        QVERIFY(!TopologyFile::referenceDeployment().host(added->hostId));
        // The laptop's entry changed on the server (an IPv6 address more): the server wins, with a warning.
        // (prod is unchanged but for its placeholder key, which the server confirms: issue 8 clears the mark.)
        QCOMPARE(result.updatedPeers, QStringList({QStringLiteral("prod"), QStringLiteral("admin-laptop")}));
        QVERIFY(!topology.peer(QStringLiteral("monitor11-prod"))->placeholderKey);
        QCOMPARE(topology.peer(QStringLiteral("monitor11-laptop"))->allowedIps.size(), 2);
        QVERIFY(topology.peer(QStringLiteral("monitor11-laptop"))->clientConfigAvailable);
        QVERIFY(result.usedAddresses.contains(QStringLiteral("10.10.0.41/32")));
        QVERIFY(result.usedAddresses.contains(QStringLiteral("10.10.0.11/24")));
        // The unknown key of the file becomes a warning, never a silent drop.
        QVERIFY(std::any_of(result.warnings.begin(), result.warnings.end(),
            [](const QString& w) { return w.contains(QStringLiteral("X-Custom-Tag")); }));
        // The allocator now skips the imported addresses.
        AddressAllocator allocator(*AddressAllocator::tunnelSubnet(topology));
        allocator.addTopology(topology);
        QVERIFY(!allocator.refusal(QStringLiteral("10.10.0.40")).isEmpty());
    }

    void neverStoresThePrivateKey()
    {
        const auto result = ServerConfigImport::apply(topologyOfThatServer(), serverConfig());
        QVERIFY(result.ok());
        const QByteArray json = TopologyJson::write(result.topology);
        QVERIFY(!json.contains("cOtUnsrx6TCb8nCUlaq0rKWY3k5BqxmLjBmq5pnxf1I="));
        QVERIFY(!json.contains("6DU8PZrHPBvr0tHHnFj")); // nor a preshared key
    }

    void importedFlagSurvivesJson()
    {
        const auto result = ServerConfigImport::apply(topologyOfThatServer(), serverConfig());
        const QByteArray json = TopologyJson::write(result.topology);
        QCOMPARE(json.count("\"clientConfigAvailable\": false"), 1);
        const auto reread = TopologyJson::read(json);
        QVERIFY2(reread.ok(), qPrintable(TopologyError::describe(reread.errors)));
        QCOMPARE(reread.topology, result.topology);
        // Files from before the flag existed read as "available".
        const auto old = TopologyJson::read(TopologyFile::referenceDeploymentJson());
        QVERIFY(old.ok());
        for (const auto& peer : old.topology.peers)
            QVERIFY(peer.clientConfigAvailable);
        QByteArray wrongType = json;
        wrongType.replace("\"clientConfigAvailable\": false", "\"clientConfigAvailable\": \"no\"");
        QVERIFY(!TopologyJson::read(wrongType).ok());
    }

    void refusesAnotherServersConfig()
    {
        // Issue 8: a hub whose key is real and differs is another server; the refusal names the ways forward.
        const Topology real = topologyWithRealKeys(TopologyFile::referenceDeployment());
        const auto result = ServerConfigImport::apply(real, serverConfig());
        QVERIFY(!result.ok());
        QVERIFY2(result.errors.constFirst().message.contains(QStringLiteral("--replace-hub-key")),
            qPrintable(result.errors.constFirst().message));
        QCOMPARE(result.errors.constFirst().line, 2);
        QCOMPARE(result.topology, real);
    }

    void adoptsTheServerKeyOverAPlaceholder()
    {
        // The reference deployment's hub key is a placeholder: the server's own key replaces it.
        const auto result = ServerConfigImport::apply(TopologyFile::referenceDeployment(), serverConfig());
        QVERIFY2(result.ok(), qPrintable(result.errors.value(0).toString()));
        const WireGuardInterface* hub = result.topology.interface(QStringLiteral("monitor11-wg0"));
        QCOMPARE(hub->publicKey, QStringLiteral("mhnT/2cX6IQuUfsUifhTiOHKyv6JrYq3dQLMY5PLMg8="));
        QVERIFY(!hub->placeholderKey);
    }

    void refusesOverlappingPeers()
    {
        const QString text = QStringLiteral(
            "[Peer]\n# Name = a\nPublicKey = 4Sv0o+W8Fm6E0Oq9nBIQa3fVu/1yJ1QUPFOhT2Mqhks=\nAllowedIPs = 10.10.0.50/32\n\n"
            "[Peer]\n# Name = b\nPublicKey = UOPk/tRnw0x0XVXf2MAqNw65DMvrDoWHq8uFXE0weUU=\nAllowedIPs = 10.10.0.48/29\n");
        const auto result = ServerConfigImport::apply(TopologyFile::referenceDeployment(), text);
        QVERIFY(!result.ok());
        QVERIFY(result.errors.constFirst().message.contains(QStringLiteral("\"a\"")));
        QVERIFY(result.errors.constFirst().message.contains(QStringLiteral("\"b\"")));
        // Overlap with a peer only the topology knows is refused too.
        // (Real keys: the reference deployment's placeholder peers would be dropped, issue 8.)
        const auto withTopology = ServerConfigImport::apply(topologyWithRealKeys(TopologyFile::referenceDeployment()),
            QStringLiteral("[Peer]\n# Name = c\nPublicKey = 4Sv0o+W8Fm6E0Oq9nBIQa3fVu/1yJ1QUPFOhT2Mqhks=\nAllowedIPs = 10.10.0.0/30\n"));
        QVERIFY(!withTopology.ok());
        QVERIFY(withTopology.errors.constFirst().message.contains(QStringLiteral("\"prod\"")));
    }

    void passesParseErrorsOn()
    {
        const auto result = ServerConfigImport::apply(TopologyFile::referenceDeployment(), QStringLiteral("[Peer]\nAllowedIPs = x\n"));
        QVERIFY(!result.ok());
        QCOMPARE(result.errors.constFirst().line, 2);
    }

    void needsAHub()
    {
        Topology topology = TopologyFile::referenceDeployment();
        for (auto& wgInterface : topology.interfaces)
            wgInterface.isHub = false;
        const auto result = ServerConfigImport::apply(topology, QStringLiteral("[Interface]\nListenPort = 1\n"));
        QVERIFY(!result.ok());
        QVERIFY(result.errors.constFirst().message.contains(QStringLiteral("no hub")));
    }
};

QTEST_GUILESS_MAIN(TestServerConfigImport)
#include "TestServerConfigImport.moc"
