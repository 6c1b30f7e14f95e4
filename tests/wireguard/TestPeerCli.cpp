// SPDX-License-Identifier: GPL-3.0-or-later
#include "WireGuardTools.h"
#include "support/ServerConfigTopology.h"
#include "support/TestRequirements.h"
#include "topology/TopologyFile.h"
#include "wireguard/WireGuardConfig.h"

#include <QDir>
#include <QRegularExpression>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

namespace {

WireGuardTools::Run cli(const QStringList& arguments, const QByteArray& input = {})
{
    return WireGuardTools::run(QStringLiteral(TUNNELSCOPE_CLI_PATH), arguments, input);
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

int modeOf(const QString& path)
{
    struct stat info;
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? static_cast<int>(info.st_mode & 07777) : -1;
}

} // namespace

class TestPeerCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_topology;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    /// peer add into a fresh copy of the reference deployment; returns the run.
    WireGuardTools::Run add(const QString& name, const QString& out, const QStringList& extra = {})
    {
        return cli(QStringList{QStringLiteral("peer"), QStringLiteral("add"), QStringLiteral("--topology"), m_topology,
                       QStringLiteral("--name"), name, QStringLiteral("--out"), out}
            + extra);
    }

private Q_SLOTS:
    void init()
    {
        m_topology = path(QStringLiteral("topology-%1.json").arg(QString::fromLatin1(QTest::currentTestFunction())));
        QFile::remove(m_topology);
        QVERIFY(TopologyFile::save(m_topology, TopologyFile::referenceDeployment()).isEmpty());
    }

    void keygenMatchesWg()
    {
        const auto privateKey = cli({QStringLiteral("keygen")});
        QVERIFY2(privateKey.ok(), qPrintable(privateKey.describe()));
        QCOMPARE(privateKey.out.size(), 45);
        const auto ours = cli({QStringLiteral("keygen"), QStringLiteral("--public-only")}, privateKey.out);
        QVERIFY2(ours.ok(), qPrintable(ours.describe()));
        REQUIRE_OR_SKIP(WireGuardTools::available(QStringLiteral("wg")), "wg (Debian package wireguard-tools) is not installed");
        const auto theirs = WireGuardTools::run(QStringLiteral("wg"), {QStringLiteral("pubkey")}, privateKey.out);
        QCOMPARE(ours.out, theirs.out);
        const auto genkey = WireGuardTools::run(QStringLiteral("wg"), {QStringLiteral("genkey")});
        const auto fromGenkey = cli({QStringLiteral("keygen"), QStringLiteral("--public-only")}, genkey.out);
        QCOMPARE(fromGenkey.out, WireGuardTools::run(QStringLiteral("wg"), {QStringLiteral("pubkey")}, genkey.out).out);
        const auto psk = cli({QStringLiteral("keygen"), QStringLiteral("--psk")});
        QVERIFY(psk.ok());
        QCOMPARE(psk.out.size(), 45);
        QVERIFY(psk.out != privateKey.out);
    }

    void keygenRefusesBadInput_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QStringList publicOnly{QStringLiteral("keygen"), QStringLiteral("--public-only")};
        QTest::newRow("short key") << publicOnly << QByteArray("abc=\n") << 1 << QStringLiteral("4 characters");
        QTest::newRow("no key") << publicOnly << QByteArray() << 1 << QStringLiteral("is empty");
        QTest::newRow("two keys") << publicOnly
                                  << QByteArray("gR68IwdtGg51Zgteb+/FwmqHnUts6RakNbPJJIu6vGI=\ngR68IwdtGg51Zgteb+/FwmqHnUts6RakNbPJJIu6vGI=\n")
                                  << 1 << QStringLiteral("characters long");
        QTest::newRow("both options") << QStringList{QStringLiteral("keygen"), QStringLiteral("--psk"), QStringLiteral("--public-only")}
                                      << QByteArray() << 2 << QStringLiteral("exclude each other");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("keygen"), QStringLiteral("--nope")} << QByteArray() << 2
                                        << QStringLiteral("nope");
    }

    void keygenRefusesBadInput()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, input);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const auto run = cli(arguments, input);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
    }

    void peerAddWritesBundleAndTopology()
    {
        const QString out = path(QStringLiteral("web2"));
        const auto run = add(QStringLiteral("web2"), out, {QStringLiteral("--fqdn"), QStringLiteral("web2.example.com")});
        QVERIFY2(run.ok(), qPrintable(run.describe()));
        QCOMPARE(modeOf(out), 0700);
        QCOMPARE(modeOf(out + QStringLiteral("/wg0.conf")), 0600);
        const auto client = WireGuardConfig::parse(QString::fromUtf8(readAll(out + QStringLiteral("/wg0.conf"))));
        QVERIFY(client.ok());
        const QString privateKey = client.config.interfaceSection()->value(u"PrivateKey");
        QCOMPARE(client.config.interfaceSection()->value(u"Address"), QStringLiteral("10.10.0.3/32"));

        const QByteArray json = readAll(m_topology);
        QVERIFY(!json.contains(privateKey.toLatin1())); // the private key never enters the topology
        const QString psk = client.config.peers().constFirst()->value(u"PresharedKey");
        QVERIFY(!psk.isEmpty());
        QVERIFY(!json.contains(psk.toLatin1()));
        const auto loaded = TopologyFile::load(m_topology);
        QVERIFY(loaded.ok());
        const Topology& topology = loaded.topology;
        QVERIFY(topology.host(QStringLiteral("web2")));
        QCOMPARE(topology.host(QStringLiteral("web2"))->fqdn, QStringLiteral("web2.example.com"));
        QCOMPARE(topology.tunnelAddress(QStringLiteral("web2")), QStringLiteral("10.10.0.3"));
        const WireGuardPeer* hubEntry = topology.peer(QStringLiteral("monitor11-web2"));
        QVERIFY(hubEntry);
        QCOMPARE(hubEntry->allowedIps, QStringList{QStringLiteral("10.10.0.3/32")});
        QVERIFY(hubEntry->keyCreated.isValid());
        QVERIFY(hubEntry->presharedKey);
        QVERIFY(topology.peer(QStringLiteral("web2-monitor11")));
        int flows = 0;
        for (const auto& flow : topology.flows)
            flows += flow.sourceHostId == QLatin1String("web2") && flow.viaTunnel ? 1 : 0;
        QCOMPARE(flows, 2);
        // The next peer gets the next address.
        QVERIFY(add(QStringLiteral("web3"), path(QStringLiteral("web3"))).ok());
        QCOMPARE(TopologyFile::load(m_topology).topology.tunnelAddress(QStringLiteral("web3")), QStringLiteral("10.10.0.4"));
    }

    void peerAddRefusals_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("address taken") << "web2" << QStringList{QStringLiteral("--address"), QStringLiteral("10.10.0.1")} << 1
                                       << QStringLiteral("taken by prod");
        QTest::newRow("address outside") << "web2" << QStringList{QStringLiteral("--address"), QStringLiteral("10.99.0.1")} << 1
                                         << QStringLiteral("outside the tunnel subnet");
        QTest::newRow("broadcast") << "web2" << QStringList{QStringLiteral("--address"), QStringLiteral("10.10.0.255")} << 1
                                   << QStringLiteral("broadcast");
        QTest::newRow("existing host") << "prod" << QStringList{} << 1 << QStringLiteral("already has a host");
        QTest::newRow("bad name") << "web 2" << QStringList{} << 1 << QStringLiteral("host name");
        QTest::newRow("bad endpoint") << "web2" << QStringList{QStringLiteral("--endpoint"), QStringLiteral("nohost")} << 1
                                      << QStringLiteral("server endpoint");
        QTest::newRow("bad server key") << "web2" << QStringList{QStringLiteral("--server-public-key"), QStringLiteral("xyz")} << 1
                                        << QStringLiteral("server public key");
        QTest::newRow("bad keepalive") << "web2" << QStringList{QStringLiteral("--keepalive"), QStringLiteral("soon")} << 2
                                       << QStringLiteral("--keepalive");
        QTest::newRow("unknown segment") << "web2" << QStringList{QStringLiteral("--segment"), QStringLiteral("mars")} << 1
                                         << QStringLiteral("no segment has the id \"mars\"");
    }

    void peerAddRefusals()
    {
        QFETCH(QString, name);
        QFETCH(QStringList, extra);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const QByteArray before = readAll(m_topology);
        const QString out = path(QStringLiteral("refused"));
        const auto run = add(name, out, extra);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
        QVERIFY(!QFileInfo::exists(out)); // nothing half-written
        QCOMPARE(readAll(m_topology), before);
    }

    void peerAddNeverOverwrites()
    {
        const QString out = path(QStringLiteral("twice"));
        QVERIFY(add(QStringLiteral("one"), out).ok());
        const QByteArray topologyBefore = readAll(m_topology);
        const QByteArray configBefore = readAll(out + QStringLiteral("/wg0.conf"));
        const auto again = add(QStringLiteral("two"), out);
        QCOMPARE(again.exitCode, 1);
        QVERIFY(QString::fromUtf8(again.err).contains(QStringLiteral("already holds")));
        QCOMPARE(readAll(out + QStringLiteral("/wg0.conf")), configBefore);
        QCOMPARE(readAll(m_topology), topologyBefore); // and the host was not added either
        QVERIFY(add(QStringLiteral("two"), out, {QStringLiteral("--force")}).ok());
    }

    void peerAddNeedsItsOptions()
    {
        const auto noOut = cli({QStringLiteral("peer"), QStringLiteral("add"), QStringLiteral("--topology"), m_topology,
            QStringLiteral("--name"), QStringLiteral("x")});
        QCOMPARE(noOut.exitCode, 2);
        QVERIFY(noOut.err.contains("--out DIR is required"));
        const auto missingFile = cli({QStringLiteral("peer"), QStringLiteral("add"), QStringLiteral("--topology"),
            path(QStringLiteral("none.json")), QStringLiteral("--name"), QStringLiteral("x"), QStringLiteral("--out"),
            path(QStringLiteral("x"))});
        QCOMPARE(missingFile.exitCode, 1);
        QVERIFY(missingFile.err.contains("cannot read"));
        QCOMPARE(cli({QStringLiteral("peer"), QStringLiteral("fly")}).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("peer")}).exitCode, 2);
        QVERIFY(cli({QStringLiteral("peer"), QStringLiteral("--help")}).ok());
    }

    void peerExportWithoutTheKeychain()
    {
        QVERIFY(add(QStringLiteral("web2"), path(QStringLiteral("add"))).ok());
        const QString out = path(QStringLiteral("export"));
        const auto run = cli({QStringLiteral("peer"), QStringLiteral("export"), QStringLiteral("--topology"), m_topology,
            QStringLiteral("web2"), QStringLiteral("--out"), out});
        QVERIFY2(run.ok(), qPrintable(run.describe()));
        QVERIFY(!QFileInfo::exists(out + QStringLiteral("/wg0.conf")));
        QVERIFY(QString::fromUtf8(run.err).contains(QStringLiteral("no wg0.conf for web2")));
        QVERIFY(QString::fromUtf8(run.err).contains(QStringLiteral("peer rotate")));
        const QByteArray block = readAll(out + QStringLiteral("/server-peer.conf"));
        QVERIFY(block.contains("AllowedIPs = 10.10.0.3/32"));
        QVERIFY(block.contains("# PresharedKey: not exported"));
        for (const char* name : {"telegraf.conf", "config.alloy", "firewall-client.nft", "README.md"})
            QVERIFY2(QFileInfo::exists(out + QLatin1Char('/') + QLatin1String(name)), name);
        // An existing peer of the reference deployment works the same way.
        QVERIFY(cli({QStringLiteral("peer"), QStringLiteral("export"), QStringLiteral("--topology"), m_topology,
                    QStringLiteral("prod"), QStringLiteral("--out"), path(QStringLiteral("prod"))})
                    .ok());
        const auto unknown = cli({QStringLiteral("peer"), QStringLiteral("export"), QStringLiteral("--topology"), m_topology,
            QStringLiteral("nobody"), QStringLiteral("--out"), path(QStringLiteral("nobody"))});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.err.contains("no host \"nobody\""));
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("nobody"))));
    }

    void peerExportOfAnImportedPeer()
    {
        Topology topology = TopologyFile::referenceDeployment();
        for (auto& peer : topology.peers) {
            if (peer.id == QLatin1String("monitor11-prod"))
                peer.clientConfigAvailable = false;
        }
        QVERIFY(TopologyFile::save(m_topology, topology).isEmpty());
        const QString out = path(QStringLiteral("imported"));
        const auto run = cli({QStringLiteral("peer"), QStringLiteral("export"), QStringLiteral("--topology"), m_topology,
            QStringLiteral("prod"), QStringLiteral("--out"), out});
        QVERIFY(run.ok());
        QVERIFY(QString::fromUtf8(run.err).contains(QStringLiteral("imported from the server's config")));
        QVERIFY(!QFileInfo::exists(out + QStringLiteral("/wg0.conf")));
    }

    void peerImport()
    {
        // The server config of the test data belongs to another hub key, and the hub's key is real (not the
        // reference deployment's placeholder): refused, the fix named, topology untouched.
        const QString config = QStringLiteral(TUNNELSCOPE_TEST_DATA_DIR "/wireguard/server-wg0.conf");
        QVERIFY(TopologyFile::save(m_topology, topologyWithRealKeys(TopologyFile::referenceDeployment())).isEmpty());
        const QByteArray before = readAll(m_topology);
        const auto refused = cli({QStringLiteral("peer"), QStringLiteral("import"), QStringLiteral("--topology"), m_topology, config});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("--replace-hub-key"), refused.err.constData());
        QCOMPARE(readAll(m_topology), before);
        // A config without the private key: its new peer is learnt and cannot be exported.
        QString text = QString::fromUtf8(readAll(config));
        text.remove(QRegularExpression(QStringLiteral("PrivateKey = .*\\n")));
        const QString stripped = path(QStringLiteral("server-no-key.conf"));
        QFile file(stripped);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text.toUtf8());
        file.close();
        const auto run = cli({QStringLiteral("peer"), QStringLiteral("import"), QStringLiteral("--topology"), m_topology, stripped});
        QVERIFY2(run.ok(), qPrintable(run.describe()));
        // Issue 8: the summary of the merge (prod and the laptop known by key, the laptop changed on the server).
        QVERIFY2(run.out.startsWith("1 added, 1 changed, 0 removed on the server, 0 conflicts\n"), run.out.constData());
        QVERIFY(run.err.contains("X-Custom-Tag"));
        const QByteArray json = readAll(m_topology);
        QVERIFY(json.contains("\"clientConfigAvailable\": false"));
        QVERIFY(!json.contains("6DU8PZrHPBvr0tHHnFj")); // no preshared key either
        // The allocator now steps over the imported addresses.
        QVERIFY(add(QStringLiteral("after"), path(QStringLiteral("after-import")), {QStringLiteral("--address"),
                                                                                 QStringLiteral("10.10.0.40")})
                    .err.contains("taken by peer"));
    }

    void topologyImportWg()
    {
        // The spelling of the import: same code path, same result as `peer import`.
        QVERIFY(TopologyFile::save(m_topology, TopologyFile::referenceDeployment()).isEmpty());
        QString text = QString::fromUtf8(readAll(QStringLiteral(TUNNELSCOPE_TEST_DATA_DIR "/wireguard/server-wg0.conf")));
        text.remove(QRegularExpression(QStringLiteral("PrivateKey = .*\\n")));
        const QString config = path(QStringLiteral("import-wg.conf"));
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text.toUtf8());
        file.close();
        const auto usage = cli({QStringLiteral("topology"), QStringLiteral("import-wg"), m_topology});
        QCOMPARE(usage.exitCode, 2);
        const auto run = cli({QStringLiteral("topology"), QStringLiteral("import-wg"), m_topology, config});
        QVERIFY2(run.ok(), qPrintable(run.describe()));
        QVERIFY2(run.out.startsWith("1 added, 2 changed, 0 removed on the server, 0 conflicts\n"), run.out.constData());
        QVERIFY(run.out.contains(QByteArray(QByteArray("imported into ") + m_topology.toUtf8())));
        QVERIFY(readAll(m_topology).contains("\"clientConfigAvailable\": false"));
    }

    void peerRotate()
    {
        QVERIFY(add(QStringLiteral("web2"), path(QStringLiteral("rotate-add"))).ok());
        const Topology before = TopologyFile::load(m_topology).topology;
        const QString oldKey = before.interface(QStringLiteral("web2-wg0"))->publicKey;
        const QString out = path(QStringLiteral("rotate"));
        const auto run = cli({QStringLiteral("peer"), QStringLiteral("rotate"), QStringLiteral("--topology"), m_topology,
            QStringLiteral("web2"), QStringLiteral("--out"), out});
        QVERIFY2(run.ok(), qPrintable(run.describe()));
        const Topology after = TopologyFile::load(m_topology).topology;
        const QString newKey = after.interface(QStringLiteral("web2-wg0"))->publicKey;
        QVERIFY(newKey != oldKey);
        QCOMPARE(after.peer(QStringLiteral("monitor11-web2"))->publicKey, newKey);
        QVERIFY(after.peer(QStringLiteral("monitor11-web2"))->keyCreated.isValid());
        const auto client = WireGuardConfig::parse(QString::fromUtf8(readAll(out + QStringLiteral("/wg0.conf"))));
        QVERIFY(client.ok());
        const QString script = QString::fromUtf8(readAll(out + QStringLiteral("/server-rotate.sh")));
        QVERIFY(script.contains(QStringLiteral("OLD='%1'").arg(oldKey)));
        QVERIFY(script.contains(QStringLiteral("NEW='%1'").arg(newKey)));
        if (TOOL_FOR_CHECK("wg")) {
            const auto derived = WireGuardTools::run(QStringLiteral("wg"), {QStringLiteral("pubkey")},
                client.config.interfaceSection()->value(u"PrivateKey").toLatin1());
            QCOMPARE(QString::fromLatin1(derived.out).trimmed(), newKey);
        }
        // The hub cannot be rotated like a collector, and a refused rotation changes nothing.
        const QByteArray unchanged = readAll(m_topology);
        const auto hub = cli({QStringLiteral("peer"), QStringLiteral("rotate"), QStringLiteral("--topology"), m_topology,
            QStringLiteral("monitor11"), QStringLiteral("--out"), path(QStringLiteral("hub"))});
        QCOMPARE(hub.exitCode, 1);
        QCOMPARE(readAll(m_topology), unchanged);
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("hub"))));
    }
};

QTEST_GUILESS_MAIN(TestPeerCli)
#include "TestPeerCli.moc"
