// SPDX-License-Identifier: GPL-3.0-or-later
// The placeholderKey flag of interfaces and peers in the topology file (TopologyJson).
#include "topology/TopologyFile.h"
#include "topology/TopologyJson.h"

#include <QTest>

class TestPlaceholderKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void referenceDeploymentKeysArePlaceholders()
    {
        const Topology reference = TopologyFile::referenceDeployment();
        QVERIFY(!reference.interfaces.isEmpty());
        for (const auto& wgInterface : reference.interfaces)
            QVERIFY2(wgInterface.placeholderKey, qPrintable(wgInterface.id));
        for (const auto& peer : reference.peers)
            QVERIFY2(peer.placeholderKey, qPrintable(peer.id));
    }

    void roundTripsAndIsWrittenOnlyWhenTrue()
    {
        Topology topology = TopologyFile::referenceDeployment();
        topology.interfaces[1].placeholderKey = false;
        const QByteArray json = TopologyJson::write(topology);
        QCOMPARE(json.count("\"placeholderKey\": true"), topology.interfaces.size() - 1 + topology.peers.size());
        QVERIFY(!json.contains("\"placeholderKey\": false"));
        const TopologyParseResult reread = TopologyJson::read(json);
        QVERIFY2(reread.ok(), qPrintable(TopologyError::describe(reread.errors)));
        QCOMPARE(reread.topology, topology);
    }

    void isValidated()
    {
        QByteArray json = TopologyJson::write(TopologyFile::referenceDeployment());
        QByteArray wrongType = json;
        wrongType.replace("\"placeholderKey\": true", "\"placeholderKey\": \"yes\"");
        const TopologyParseResult typed = TopologyJson::read(wrongType);
        QVERIFY(!typed.ok());
        QCOMPARE(typed.errors.constFirst().path, QStringLiteral("interfaces[0].placeholderKey"));
        QVERIFY(typed.errors.constFirst().message.contains(QStringLiteral("true or false")));

        Topology keyless = TopologyFile::referenceDeployment();
        keyless.peers[0].publicKey.clear();
        const TopologyParseResult missing = TopologyJson::read(TopologyJson::write(keyless));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.errors.constFirst().path, QStringLiteral("peers[0].placeholderKey"));
        QVERIFY(missing.errors.constFirst().message.contains(QStringLiteral("add the publicKey")));
    }
};

QTEST_GUILESS_MAIN(TestPlaceholderKeys)
#include "TestPlaceholderKeys.moc"
