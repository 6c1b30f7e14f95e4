// SPDX-License-Identifier: GPL-3.0-or-later
#include "GeneratedServer.h"
#include "WireGuardTools.h"
#include "adopt/ServerConfigReader.h"
#include "adopt/ServerTopologyBuilder.h"

#include <QTest>

namespace {

/// Every text field of what was read, to look for a secret in.
QString allText(const ServerConfig& config)
{
    QStringList parts{config.hubPublicKey, config.addresses.join(QLatin1Char(' '))};
    for (const auto& peer : config.peers)
        parts << peer.name << peer.publicKey << peer.allowedIps.join(QLatin1Char(' ')) << peer.endpoint;
    return parts.join(QLatin1Char('\n'));
}

} // namespace

class TestServerConfigReader : public QObject
{
    Q_OBJECT

private:
    GeneratedServer m_server;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_server = GeneratedServer::make(6, &error);
        REQUIRE_GENERATED(error);
    }

    void readsAWgQuickFile()
    {
        const ServerConfigReadResult read = ServerConfigReader::read(m_server.wgQuickText());
        QVERIFY2(read.ok(), qPrintable(read.errors.value(0).toString()));
        const ServerConfig& config = read.config;
        QCOMPARE(config.format, ServerConfig::Format::WgQuick);
        QCOMPARE(config.hubPublicKey, m_server.publicKey); // what `wg pubkey` says
        QCOMPARE(config.hubKeyLine, 2);
        QCOMPARE(config.addresses, m_server.addresses);
        QCOMPARE(config.listenPort, 51820);
        QCOMPARE(config.peers.size(), 6);
        QCOMPARE(config.peers.at(1).name, QStringLiteral("Bob's phone"));
        QCOMPARE(config.peers.at(2).name, QString());
        QCOMPARE(config.peers.at(3).allowedIps.size(), 3);
        QCOMPARE(config.peers.at(1).persistentKeepalive, 25);
        QVERIFY(config.peers.at(0).presharedKey);
        QCOMPARE(config.peers.at(0).endpoint, QStringLiteral("198.51.100.7:51820"));
        QVERIFY(!allText(config).contains(m_server.privateKey));
        QVERIFY(!allText(config).contains(m_server.presharedKey));
    }

    void readsADump_data()
    {
        QTest::addColumn<QString>("device");
        QTest::newRow("wg show wg0 dump") << QString();
        QTest::newRow("wg show all dump") << QStringLiteral("wg0");
    }

    void readsADump()
    {
        QFETCH(QString, device);
        const QString text = m_server.dumpText(device);
        QVERIFY(ServerConfigReader::looksLikeDump(text));
        const ServerConfigReadResult read = ServerConfigReader::read(text);
        QVERIFY2(read.ok(), qPrintable(read.errors.value(0).toString()));
        const ServerConfig& config = read.config;
        QCOMPARE(config.format, ServerConfig::Format::WgDump);
        QCOMPARE(config.hubPublicKey, m_server.publicKey);
        QVERIFY(config.addresses.isEmpty());
        QCOMPARE(config.listenPort, 51820);
        QCOMPARE(config.peers.size(), m_server.peers.size());
        for (qsizetype i = 0; i < config.peers.size(); ++i) {
            QCOMPARE(config.peers.at(i).publicKey, m_server.peers.at(i).publicKey);
            QCOMPARE(config.peers.at(i).allowedIps, m_server.peers.at(i).allowedIps);
            QCOMPARE(config.peers.at(i).presharedKey, m_server.peers.at(i).presharedKey);
            QCOMPARE(config.peers.at(i).persistentKeepalive, m_server.peers.at(i).keepalive);
            QCOMPARE(config.peers.at(i).line, int(i + 2));
        }
        QVERIFY(!allText(config).contains(m_server.privateKey));
        QVERIFY(!allText(config).contains(m_server.presharedKey));
    }

    void allDumpReadsTheFirstInterfaceOnly()
    {
        const QString text = m_server.dumpText(QStringLiteral("wg0")) + m_server.dumpText(QStringLiteral("wg1"));
        const ServerConfigReadResult read = ServerConfigReader::read(text);
        QVERIFY(read.ok());
        QCOMPARE(read.config.peers.size(), m_server.peers.size());
        QCOMPARE(read.warnings.size(), 1);
        QVERIFY(read.warnings.constFirst().contains(QStringLiteral("interface wg1 ignored")));
    }

    void badDumpLinesAreErrorsWithTheirLine()
    {
        QString text = m_server.dumpText();
        text += QStringLiteral("garbage\tline\n");
        const ServerConfigReadResult read = ServerConfigReader::read(text);
        QVERIFY(!read.ok());
        QCOMPARE(read.errors.constFirst().line, int(m_server.peers.size() + 2));
        QVERIFY(read.errors.constFirst().message.contains(QStringLiteral("2 tab-separated columns")));
    }

    void badKeysInADumpAreRejectedWithTheirLine_data()
    {
        QTest::addColumn<QString>("device");
        QTest::addColumn<QString>("badKey");
        QTest::newRow("wg show wg0 dump, not base64") << QString() << QStringLiteral("nope");
        QTest::newRow("wg show all dump, not base64") << QStringLiteral("wg0") << QStringLiteral("nope");
        QTest::newRow("wg show wg0 dump, 31 bytes") << QString()
                                                    << QStringLiteral("MlDIjOnb8LlosGHEX1SbEn5OvnKt5IFr+Reqa0oY5w==");
    }

    void badKeysInADumpAreRejectedWithTheirLine()
    {
        QFETCH(QString, device);
        QFETCH(QString, badKey);
        // The third peer (line 4: the interface line is line 1) has a key wg would never print.
        const QString text = m_server.dumpText(device).replace(m_server.peers.at(2).publicKey, badKey);
        const ServerConfigReadResult read = ServerConfigReader::read(text);
        QVERIFY(!read.ok());
        QCOMPARE(read.errors.size(), 1);
        QCOMPARE(read.errors.constFirst().line, 4);
        QVERIFY2(read.errors.constFirst().toString().startsWith(QStringLiteral("line 4: the peer's public key")),
            qPrintable(read.errors.constFirst().toString()));
        // Nothing is built or merged from it.
        QVERIFY(!ServerTopologyBuilder::build(text).ok());
    }

    void aDumpWithoutTheDeviceColumnKeepsItsPeers()
    {
        // `wg show wg0 dump` (no device column): every peer line is wg0's, none is "another interface".
        const ServerConfigReadResult read = ServerConfigReader::read(m_server.dumpText());
        QVERIFY2(read.ok(), qPrintable(read.errors.value(0).toString()));
        QVERIFY2(read.warnings.isEmpty(), qPrintable(read.warnings.join(QLatin1Char('\n'))));
        QCOMPARE(read.config.peers.size(), m_server.peers.size());
        const ServerTopologyResult built = ServerTopologyBuilder::build(m_server.dumpText());
        QCOMPARE(built.topology.peers.size(), m_server.peers.size());
    }

    void configErrorsArePassedOn()
    {
        const ServerConfigReadResult read = ServerConfigReader::read(QStringLiteral("[Peer]\nAllowedIPs = x\n"));
        QVERIFY(!read.ok());
        QCOMPARE(read.errors.constFirst().line, 2);
        QVERIFY(!ServerConfigReader::looksLikeDump(m_server.wgQuickText()));
    }
};

QTEST_GUILESS_MAIN(TestServerConfigReader)
#include "TestServerConfigReader.moc"
