// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 8 in the CLI, as a user runs it: `topology from-wg`, `topology import-wg` (merge, --dry-run,
// --replace-hub-key), `peer adopt` and `status`, on server configs keyed by the real wg and against a real influxd.
#include "GeneratedServer.h"
#include "support/CliProcess.h"
#include "support/InfluxServerFixture.h"
#include "support/TelegrafScenario.h"
#include "topology/TopologyFile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeSecret(const QString& path, const QString& text)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner); // as a server's wg0.conf is
    return file.write(text.toUtf8()) >= 0;
}

QByteArray escapedKey(const QString& key)
{
    return key.toLatin1().replace('=', "\\=");
}

/// The lines of a `status` run's "Peers" section that name a peer (not its detail lines).
QList<QByteArray> peerLines(const QByteArray& statusOut)
{
    QList<QByteArray> lines;
    bool inPeers = false;
    for (const QByteArray& line : statusOut.split('\n')) {
        if (!line.startsWith(' '))
            inPeers = line == "Peers";
        else if (inPeers && !line.startsWith("    "))
            lines.append(line.trimmed());
    }
    return lines;
}

/// A peer's line in a `status` run and the detail lines under it, as one text.
QString peerBlock(const QByteArray& statusOut, const QByteArray& start)
{
    const QList<QByteArray> lines = statusOut.mid(statusOut.indexOf(start)).split('\n');
    QStringList block{QString::fromUtf8(lines.value(0))};
    for (qsizetype i = 1; i < lines.size() && lines.at(i).startsWith("    "); ++i)
        block.append(QString::fromUtf8(lines.at(i)));
    return block.join(QLatin1Char('\n'));
}

const WireGuardPeer* peerWithKey(const Topology& topology, const QString& key)
{
    for (const WireGuardPeer& peer : topology.peers) {
        if (peer.publicKey == key)
            return &peer;
    }
    return nullptr;
}

const WireGuardInterface* hubOf(const Topology& topology)
{
    for (const WireGuardInterface& wgInterface : topology.interfaces) {
        if (wgInterface.isHub)
            return &wgInterface;
    }
    return nullptr;
}

} // namespace

class TestAdoptCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    GeneratedServer m_server;
    QString m_config;

    QString path(const QString& name) const { return m_dir.filePath(name); }
    /// The reference deployment, as `topology init` writes it, with m_server's config imported into it.
    QString importedReference(const QString& name);
    /// TelegrafScenario's telemetry, its reference keys swapped for m_server's: the hub reports prod (online),
    /// Bob's phone (never handshaked) and a stranger key the topology lacks.
    QByteArray telemetryOfTheServer() const;

private Q_SLOTS:
    void initTestCase();
    void fromWgOnAConfigMadeByWg();
    void fromWgOnAWgShowDump();
    void fromWgRefusesToOverwrite();
    void importWgAdoptsTheReferenceDeployment();
    void dryRunLeavesTheFileByteIdentical();
    void anotherServerNamesReplaceHubKey();
    void genuineOverlapNamesBothPeers();
    void statusAndPeerAdoptAgainstARealInfluxDb();
};

void TestAdoptCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    m_server = GeneratedServer::make(50, &error);
    REQUIRE_GENERATED(error);
    m_config = path(QStringLiteral("wg0.conf"));
    QVERIFY(writeSecret(m_config, m_server.wgQuickText()));
}

QString TestAdoptCli::importedReference(const QString& name)
{
    const QString topology = path(name);
    QFile::remove(topology);
    if (CliProcess::run({QStringLiteral("topology"), QStringLiteral("init"), topology}).exitCode != 0)
        return {};
    const CliProcess run = CliProcess::run({QStringLiteral("topology"), QStringLiteral("import-wg"), topology, m_config});
    return run.exitCode == 0 ? topology : QString();
}

QByteArray TestAdoptCli::telemetryOfTheServer() const
{
    QByteArray lines = TelegrafScenario(QDateTime::currentDateTimeUtc()).lineProtocol();
    const GeneratedServer::Peer& prod = m_server.peers.at(0);
    const GeneratedServer::Peer& bob = m_server.peers.at(1);
    lines.replace(escapedKey(TelegrafScenario::MonitorKey), escapedKey(m_server.publicKey));
    lines.replace(escapedKey(TelegrafScenario::ProdKey), escapedKey(prod.publicKey));
    lines.replace(escapedKey(TelegrafScenario::LaptopKey), escapedKey(bob.publicKey));
    lines.replace("allowed_peer_cidr=\"10.10.0.1/32\"", QByteArray("allowed_peer_cidr=\"" + prod.allowedIps.join(u',').toLatin1() + '"'));
    lines.replace("allowed_peer_cidr=\"10.10.0.2/32\"", QByteArray("allowed_peer_cidr=\"" + bob.allowedIps.join(u',').toLatin1() + '"'));
    return lines;
}

void TestAdoptCli::fromWgOnAConfigMadeByWg()
{
    const QString topology = path(QStringLiteral("from-wg.json"));
    const CliProcess run = CliProcess::run({QStringLiteral("topology"), QStringLiteral("from-wg"), m_config, topology,
        QStringLiteral("--name"), QStringLiteral("Home network")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.startsWith(QByteArray("wrote " + topology.toUtf8() + ": the server wg-server (wg0, " + m_server.publicKey.toLatin1()
                 + ") and 50 peers\n")), run.out.constData());
    QVERIFY(run.out.contains("data source wg-server: InfluxDB http://10.10.0.1:8086, Loki http://10.10.0.1:3100"));
    QVERIFY(run.out.contains(QByteArray("next: tunnelscope --topology " + topology.toUtf8())));
    const QByteArray json = readAll(topology);
    QVERIFY(!json.contains(m_server.privateKey.toLatin1()));
    QVERIFY(!json.contains(m_server.presharedKey.toLatin1()));
    QVERIFY(!run.out.contains(m_server.privateKey.toLatin1()));

    const TopologyParseResult loaded = TopologyFile::load(topology);
    QVERIFY2(loaded.ok(), qPrintable(TopologyError::describe(loaded.errors)));
    QCOMPARE(loaded.topology.name, QStringLiteral("Home network"));
    QCOMPARE(hubOf(loaded.topology)->publicKey, m_server.publicKey);
    QCOMPARE(loaded.topology.peers.size(), 50);
    QCOMPARE(loaded.topology.hosts.size(), 51);
    const CliProcess validate = CliProcess::run({QStringLiteral("topology"), QStringLiteral("validate"), topology});
    QVERIFY2(validate.exitCode == 0, validate.out.constData());

    // Nothing answers yet: status says so and fails, and still shows each peer with its addresses.
    const CliProcess status = CliProcess::run({QStringLiteral("status"), QStringLiteral("--topology"), topology,
        QStringLiteral("--influx-url"), QStringLiteral("http://127.0.0.1:9"), QStringLiteral("--timeout"), QStringLiteral("3")});
    QCOMPARE(status.exitCode, 1);
    QVERIFY2(status.out.contains("refused the connection; is InfluxDB running and the tunnel up?"), status.out.constData());
    const GeneratedServer::Peer& router = m_server.peers.at(3);
    QVERIFY2(status.out.contains(QByteArray("home-office-router  " + router.publicKey.toLatin1() + "  "
                 + router.allowedIps.join(u' ').toLatin1() + '\n')), status.out.constData());
    QCOMPARE(peerLines(status.out).size(), 50);
}

void TestAdoptCli::fromWgOnAWgShowDump()
{
    // An admin who cannot read wg0.conf saves `wg show wg0 dump` (no device column) and names the hub's address.
    const QString dump = path(QStringLiteral("wg0.dump"));
    QVERIFY(writeSecret(dump, m_server.dumpText()));
    const QString topology = path(QStringLiteral("from-dump.json"));
    const CliProcess run = CliProcess::run({QStringLiteral("topology"), QStringLiteral("from-wg"), dump, topology,
        QStringLiteral("--address"), QStringLiteral("10.10.0.1/24")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(!run.err.contains("ignored"), run.err.constData());
    const TopologyParseResult loaded = TopologyFile::load(topology);
    QVERIFY(loaded.ok());
    QCOMPARE(hubOf(loaded.topology)->publicKey, m_server.publicKey);
    QCOMPARE(hubOf(loaded.topology)->addresses, QStringList{QStringLiteral("10.10.0.1/24")});
    QCOMPARE(loaded.topology.peers.size(), m_server.peers.size());
    for (const GeneratedServer::Peer& peer : std::as_const(m_server.peers))
        QVERIFY2(peerWithKey(loaded.topology, peer.publicKey), qPrintable(peer.name));
    QVERIFY(!readAll(topology).contains(m_server.privateKey.toLatin1()));

    // A peer line with a key wg never prints: refused with its line, nothing written.
    QString bad = m_server.dumpText();
    bad.replace(m_server.peers.at(2).publicKey, QStringLiteral("not-a-key"));
    QVERIFY(writeSecret(dump, bad));
    const QString never = path(QStringLiteral("never.json"));
    const CliProcess refused = CliProcess::run({QStringLiteral("topology"), QStringLiteral("from-wg"), dump, never});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("line 4: the peer's public key"), refused.err.constData());
    QVERIFY(!QFile::exists(never));
}

void TestAdoptCli::fromWgRefusesToOverwrite()
{
    const QString topology = path(QStringLiteral("exists.json"));
    QVERIFY(writeSecret(topology, QStringLiteral("{}")));
    const CliProcess run = CliProcess::run({QStringLiteral("topology"), QStringLiteral("from-wg"), m_config, topology});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("--force") && run.err.contains("topology import-wg"), run.err.constData());
    QCOMPARE(readAll(topology), QByteArray("{}"));
}

void TestAdoptCli::importWgAdoptsTheReferenceDeployment()
{
    // The user: `topology init`, then the real server's config merged in, no JSON edited by hand.
    const QString topology = path(QStringLiteral("reference.json"));
    QCOMPARE(CliProcess::run({QStringLiteral("topology"), QStringLiteral("init"), topology}).exitCode, 0);
    const CliProcess run = CliProcess::run({QStringLiteral("topology"), QStringLiteral("import-wg"), topology, m_config});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.startsWith("49 added, 1 changed, 1 removed on the server, 0 conflicts; the hub's key is the server's\n"),
        run.out.constData());
    QVERIFY(run.out.contains(QByteArray("hub key adopted \"monitor11\": " + m_server.publicKey.toLatin1())));
    QVERIFY(run.out.contains("key changed \"prod\", matched by name"));
    QVERIFY(run.out.contains("removed on server \"admin-laptop\": a placeholder, dropped"));

    const Topology after = TopologyFile::load(topology).topology;
    QCOMPARE(hubOf(after)->publicKey, m_server.publicKey);
    for (const WireGuardInterface& wgInterface : after.interfaces)
        QVERIFY2(!wgInterface.placeholderKey, qPrintable(wgInterface.id));
    for (const WireGuardPeer& peer : after.peers)
        QVERIFY2(!peer.placeholderKey, qPrintable(peer.id));
    QVERIFY(!peerWithKey(after, TelegrafScenario::LaptopKey));
    QVERIFY(!peerWithKey(after, TelegrafScenario::ProdKey));
    for (const GeneratedServer::Peer& peer : std::as_const(m_server.peers))
        QVERIFY2(peerWithKey(after, peer.publicKey), qPrintable(peer.name));
    QVERIFY(!readAll(topology).contains(m_server.privateKey.toLatin1()));
    const CliProcess validate = CliProcess::run({QStringLiteral("topology"), QStringLiteral("validate"), topology});
    QVERIFY2(validate.exitCode == 0, validate.out.constData());

    // Importing the same config again finds nothing to do.
    const CliProcess again = CliProcess::run({QStringLiteral("topology"), QStringLiteral("import-wg"), topology, m_config});
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QVERIFY2(again.out.contains("already says what the server says"), again.out.constData());
}

void TestAdoptCli::dryRunLeavesTheFileByteIdentical()
{
    const QString topology = path(QStringLiteral("dry.json"));
    QCOMPARE(CliProcess::run({QStringLiteral("topology"), QStringLiteral("init"), topology}).exitCode, 0);
    const QByteArray before = readAll(topology);
    const CliProcess run = CliProcess::run({QStringLiteral("topology"), QStringLiteral("import-wg"), topology, m_config,
        QStringLiteral("--dry-run")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(run.out.startsWith("49 added, 1 changed, 1 removed on the server, 0 conflicts"));
    QVERIFY(run.out.contains(QByteArray("dry run: " + topology.toUtf8() + " is unchanged")));
    QCOMPARE(readAll(topology), before);
}

void TestAdoptCli::anotherServerNamesReplaceHubKey()
{
    // A topology of this server (its key real), then another server's config: refused, the ways forward named.
    const QString topology = path(QStringLiteral("mine.json"));
    QCOMPARE(CliProcess::run({QStringLiteral("topology"), QStringLiteral("from-wg"), m_config, topology}).exitCode, 0);
    GeneratedServer other = m_server;
    QVERIFY(GeneratedServer::keyPair(other.privateKey, other.publicKey, nullptr));
    const QString otherConfig = path(QStringLiteral("other-wg0.conf"));
    QVERIFY(writeSecret(otherConfig, other.wgQuickText()));
    const QByteArray before = readAll(topology);
    const CliProcess refused = CliProcess::run({QStringLiteral("topology"), QStringLiteral("import-wg"), topology, otherConfig});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("--replace-hub-key"), refused.err.constData());
    QVERIFY(refused.err.contains("second server"));
    QVERIFY(refused.err.contains(QByteArray("nothing was imported; " + topology.toUtf8() + " is unchanged")));
    QCOMPARE(readAll(topology), before);

    // The same server with a new key: the flag takes it.
    const CliProcess replaced = CliProcess::run({QStringLiteral("topology"), QStringLiteral("import-wg"), topology,
        otherConfig, QStringLiteral("--replace-hub-key")});
    QVERIFY2(replaced.exitCode == 0, replaced.err.constData());
    QCOMPARE(hubOf(TopologyFile::load(topology).topology)->publicKey, other.publicKey);
}

void TestAdoptCli::genuineOverlapNamesBothPeers()
{
    // The server gives a new peer a range that covers prod's address while prod is still there: a hijack.
    const QString topology = path(QStringLiteral("overlap.json"));
    QCOMPARE(CliProcess::run({QStringLiteral("topology"), QStringLiteral("from-wg"), m_config, topology}).exitCode, 0);
    GeneratedServer changed = m_server;
    GeneratedServer::Peer intruder;
    intruder.name = QStringLiteral("Intruder");
    intruder.allowedIps = {QStringLiteral("10.10.0.8/29")};
    QVERIFY(GeneratedServer::keyPair(intruder.privateKey, intruder.publicKey, nullptr));
    changed.peers.append(intruder);
    const QString config = path(QStringLiteral("overlap-wg0.conf"));
    QVERIFY(writeSecret(config, changed.wgQuickText()));
    const QByteArray before = readAll(topology);
    const CliProcess refused = CliProcess::run({QStringLiteral("topology"), QStringLiteral("import-wg"), topology, config});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("\"intruder\"") && refused.err.contains("\"prod\""), refused.err.constData());
    QCOMPARE(readAll(topology), before);
}

void TestAdoptCli::statusAndPeerAdoptAgainstARealInfluxDb()
{
    REQUIRE_OR_SKIP(!InfluxServerFixture::executable().isEmpty(), "influxd is not installed (Debian package influxdb)");
    InfluxServerFixture influx;
    QString error;
    QVERIFY2(influx.startWithData(QStringLiteral("telegraf"), telemetryOfTheServer(), &error), qPrintable(error));
    const QString topology = importedReference(QStringLiteral("live.json"));
    QVERIFY(!topology.isEmpty());
    const QString url = influx.url().toString();

    // Each peer once (prod no longer twice, the placeholder gone), with the state its telemetry gives.
    const CliProcess status = CliProcess::run({QStringLiteral("status"), QStringLiteral("--topology"), topology,
        QStringLiteral("--influx-url"), url});
    QVERIFY2(status.exitCode == 0, status.err.constData());
    const QList<QByteArray> peers = peerLines(status.out);
    int prodLines = 0;
    for (const QByteArray& line : peers)
        prodLines += line.startsWith("prod ") ? 1 : 0;
    QCOMPARE(prodLines, 1);
    QVERIFY2(status.out.contains(QByteArray("prod  " + m_server.peers.at(0).publicKey.toLatin1())), status.out.constData());
    QVERIFY2(!status.out.contains(TelegrafScenario::ProdKey.toLatin1()), status.out.constData());
    QVERIFY2(!status.out.contains("no telemetry reports this peer\n    unknown"), status.out.constData());
    // Its state, from the hub's telemetry (a handshake half a minute ago), and Bob's phone never handshaked.
    const QString prodBlock = peerBlock(status.out, QByteArray("prod  " + m_server.peers.at(0).publicKey.toLatin1()));
    QVERIFY2(prodBlock.contains(QStringLiteral("\n    online: last handshake")), qPrintable(prodBlock));
    QVERIFY2(prodBlock.contains(QStringLiteral("rx 2.0 kB/s")), qPrintable(prodBlock));
    const QString bobBlock = peerBlock(status.out, QByteArray("bobs-phone  " + m_server.peers.at(1).publicKey.toLatin1()));
    QVERIFY2(!bobBlock.contains(QStringLiteral("online")) && bobBlock.contains(QStringLiteral("reported by monitor11")),
        qPrintable(bobBlock));

    // The stranger that monitor11 reports: listed with a suggested name, then adopted under the name given.
    const CliProcess listed = CliProcess::run({QStringLiteral("peer"), QStringLiteral("adopt"), QStringLiteral("--topology"),
        topology, QStringLiteral("--influx-url"), url});
    QVERIFY2(listed.exitCode == 0, listed.err.constData());
    QVERIFY2(listed.out.contains(QByteArray(TelegrafScenario::StrangerKey.toLatin1() + "  reported by monitor11")), listed.out.constData());
    QVERIFY(listed.out.contains("(suggested name: peer-10-10-0-99)"));
    QVERIFY(listed.out.contains("--key KEY --name NAME"));

    const QByteArray beforeUnknown = readAll(topology);
    const CliProcess unknown = CliProcess::run({QStringLiteral("peer"), QStringLiteral("adopt"), QStringLiteral("--topology"),
        topology, QStringLiteral("--influx-url"), url, QStringLiteral("--key"), m_server.peers.at(5).publicKey,
        QStringLiteral("--name"), QStringLiteral("nobody")});
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY2(unknown.err.contains("run without --key"), unknown.err.constData());
    QCOMPARE(readAll(topology), beforeUnknown);

    const CliProcess adopted = CliProcess::run({QStringLiteral("peer"), QStringLiteral("adopt"), QStringLiteral("--topology"),
        topology, QStringLiteral("--influx-url"), url, QStringLiteral("--key"), TelegrafScenario::StrangerKey,
        QStringLiteral("--name"), QStringLiteral("Bob's tablet")});
    QVERIFY2(adopted.exitCode == 0, adopted.err.constData());
    QVERIFY2(adopted.out.contains("as peer monitor11-bobs-tablet of the new host bobs-tablet"), adopted.out.constData());
    const Topology after = TopologyFile::load(topology).topology;
    const WireGuardPeer* peer = peerWithKey(after, TelegrafScenario::StrangerKey);
    QVERIFY(peer);
    QCOMPARE(peer->allowedIps, QStringList({QStringLiteral("10.10.0.99/32"), QStringLiteral("fd00::99/128")}));
    QCOMPARE(after.host(peer->hostId)->description, QStringLiteral("Bob's tablet"));

    const CliProcess none = CliProcess::run({QStringLiteral("peer"), QStringLiteral("adopt"), QStringLiteral("--topology"),
        topology, QStringLiteral("--influx-url"), url});
    QVERIFY2(none.out.contains("InfluxDB reports no key that"), none.out.constData());
}

QTEST_GUILESS_MAIN(TestAdoptCli)
#include "TestAdoptCli.moc"
