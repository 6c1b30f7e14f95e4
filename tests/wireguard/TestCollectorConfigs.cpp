// SPDX-License-Identifier: GPL-3.0-or-later
#include "WireGuardTools.h"
#include "collector/CollectorBundle.h"
#include "collector/CollectorConfigs.h"
#include "collector/CollectorOnboarding.h"
#include "support/TestRequirements.h"
#include "topology/TopologyFile.h"
#include "wireguard/WireGuardConfig.h"
#include "wireguard/WireGuardKey.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

namespace {

CollectorPlan examplePlan()
{
    auto planned = CollectorOnboarding::planForNewHost(TopologyFile::referenceDeployment(), QStringLiteral("web2"));
    if (!planned.ok())
        qFatal("no plan: %s", qPrintable(planned.error));
    planned.plan.fqdn = QStringLiteral("web2.example.com");
    return planned.plan;
}

void verifyWgQuickAccepts(const QString& text)
{
    const auto parsed = WireGuardConfig::parse(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.errors.value(0).toString()));
    QVERIFY(parsed.warnings.isEmpty());
    REQUIRE_OR_SKIP(WireGuardTools::available(QStringLiteral("wg-quick")), "wg-quick (Debian package wireguard-tools) is not installed");
    const auto strip = WireGuardTools::wgQuickStrip(text);
    QVERIFY2(strip.ok(), qPrintable(strip.describe()));
}

/// Names no validation let through, fed to the generators directly. Each payload that escaped its quotes would
/// create a file "pwned-N" in the folder the scripts run in.
QStringList hostileNames()
{
    return {QStringLiteral("prod$(touch pwned-1)\nPostUp = touch pwned-2"), QStringLiteral("x'; touch pwned-3; '"),
        QStringLiteral("x\"; touch pwned-4; \""), QStringLiteral("`touch pwned-5`"),
        QStringLiteral("x\ntouch pwned-6\n"), QStringLiteral("x\r\x1b]0;pwned\x07 ${HOME} $PATH \\ end")};
}

CollectorPlan hostilePlan(const QString& name)
{
    CollectorPlan plan = examplePlan();
    plan.hostName = name;
    plan.serverName = name;
    return plan;
}

void writeExecutable(const QString& path, const QByteArray& content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(content), content.size());
    file.close();
    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
}

/// Runs a generated server script for real in dir, with stand-ins for wg and ufw that only log their arguments,
/// and /etc/wireguard/ moved into dir: nothing outside dir is touched.
WireGuardTools::Run runScript(const QTemporaryDir& dir, const QString& script, const QString& shell, const QString& key)
{
    const QString bin = dir.filePath(QStringLiteral("bin"));
    QDir().mkpath(bin);
    QDir().mkpath(dir.filePath(QStringLiteral("etc")));
    writeExecutable(bin + QStringLiteral("/wg"),
        "#!/bin/sh\n"
        "printf '%s\\n' \"wg $*\" >> \"$STUB_LOG\"\n"
        "case \"$3\" in\n"
        "  peers) printf '%s\\n' \"$STUB_KEY\" ;;\n"
        "  latest-handshakes) printf '%s\\t1700000000\\n' \"$STUB_KEY\" ;;\n"
        "esac\n");
    writeExecutable(bin + QStringLiteral("/ufw"), "#!/bin/sh\nprintf '%s\\n' \"ufw $*\" >> \"$STUB_LOG\"\n");
    QString text = script;
    text.replace(QStringLiteral("/etc/wireguard/"), dir.filePath(QStringLiteral("etc/")));
    const QString path = dir.filePath(QStringLiteral("script.sh"));
    writeExecutable(path, text.toUtf8());
    return WireGuardTools::run(QStringLiteral("env"),
        {QStringLiteral("PATH=") + bin + QStringLiteral(":/usr/bin:/bin"), QStringLiteral("STUB_KEY=") + key,
            QStringLiteral("STUB_LOG=") + dir.filePath(QStringLiteral("stub.log")), shell, path});
}

QString readText(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

/// The value of the string literal after prefix on its line, decoded as JSON decodes it (the TOML and Alloy
/// strings the generators write are JSON strings too).
QString stringAfter(const QString& text, const QString& prefix)
{
    const qsizetype start = text.indexOf(prefix);
    if (start < 0)
        return QStringLiteral("<no line with %1>").arg(prefix);
    const qsizetype from = start + prefix.size();
    const qsizetype end = text.indexOf(QLatin1Char('\n'), from);
    QString literal = text.mid(from, end - from).trimmed();
    if (literal.endsWith(QLatin1Char('}')))
        literal = literal.chopped(1).trimmed(); // external_labels = { host = "..." }
    const QJsonDocument document = QJsonDocument::fromJson("[" + literal.toUtf8() + "]");
    return document.isArray() ? document.array().at(0).toString() : QStringLiteral("<not one string: %1>").arg(literal);
}

} // namespace

class TestCollectorConfigs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void planFromTheTopology()
    {
        const CollectorPlan plan = examplePlan();
        QVERIFY2(plan.problems().isEmpty(), qPrintable(plan.problems().join(QLatin1Char('\n'))));
        QCOMPARE(plan.tunnelAddress, QStringLiteral("10.10.0.3"));
        QCOMPARE(plan.serverEndpoint, QStringLiteral("monitor11.example.com:51820"));
        QCOMPARE(plan.serverPublicKey, QStringLiteral("gR68IwdtGg51Zgteb+/FwmqHnUts6RakNbPJJIu6vGI="));
        QCOMPARE(plan.serverTunnelAddress, QStringLiteral("10.10.0.11"));
        QCOMPARE(plan.clientAllowedIps, QStringList{QStringLiteral("10.10.0.0/24")});
        QCOMPARE(plan.influxUrl.toString(), QStringLiteral("http://10.10.0.11:8086"));
        QCOMPARE(plan.lokiPushUrl.toString(), QStringLiteral("http://10.10.0.11:3100/loki/api/v1/push"));
        QCOMPARE(plan.persistentKeepalive, 25);
        QVERIFY(plan.presharedKey);
        QCOMPARE(plan.segmentId, QStringLiteral("public"));
        QCOMPARE(plan.monitoringPorts(), (QList<int>{8086, 3100}));
    }

    void planForAnOnboardedHost()
    {
        CollectorPlan plan = examplePlan();
        const QString otherServerKey = WireGuardKey::generatePrivate().publicKey().toBase64();
        plan.serverPublicKey = otherServerKey; // as peer add --server-public-key does
        plan.persistentKeepalive = 15;
        const QString clientKey = WireGuardKey::generatePrivate().publicKey().toBase64();
        const TopologyChange change = CollectorOnboarding::addCollector(
            TopologyFile::referenceDeployment(), plan, clientKey, QDateTime(QDate(2026, 1, 2), QTime(3, 4), Qt::UTC));
        QVERIFY2(change.ok(), qPrintable(change.error));
        const auto again = CollectorOnboarding::planForHost(change.topology, QStringLiteral("WEB2.example.com"));
        QVERIFY2(again.ok(), qPrintable(again.error));
        QCOMPARE(again.plan.tunnelAddress, plan.tunnelAddress);
        QCOMPARE(again.plan.serverPublicKey, otherServerKey); // what the collector really talks to
        QCOMPARE(again.plan.persistentKeepalive, 15);
        QCOMPARE(again.plan.fqdn, plan.fqdn);
        // Adding the same host twice, or another host on its address, is refused.
        QVERIFY(CollectorOnboarding::addCollector(change.topology, plan, clientKey, {}).error.contains(QStringLiteral("already has a host")));
        plan.hostName = QStringLiteral("web3");
        plan.fqdn.clear();
        QVERIFY(CollectorOnboarding::addCollector(change.topology, plan, WireGuardKey::generatePrivate().publicKey().toBase64(), {})
                    .error.contains(QStringLiteral("taken by web2")));
        QVERIFY(CollectorOnboarding::addCollector(change.topology, plan, clientKey, {}).error.contains(QStringLiteral("public key")));
        // A rotation records the new key and its date on both ends.
        const QString rotatedKey = WireGuardKey::generatePrivate().publicKey().toBase64();
        const QDateTime when(QDate(2026, 6, 1), QTime(0, 0), Qt::UTC);
        const TopologyChange rotated = CollectorOnboarding::recordRotation(change.topology, QStringLiteral("web2"), rotatedKey, true, when);
        QVERIFY(rotated.ok());
        QCOMPARE(rotated.topology.interface(QStringLiteral("web2-wg0"))->publicKey, rotatedKey);
        QCOMPARE(rotated.topology.peer(QStringLiteral("monitor11-web2"))->publicKey, rotatedKey);
        QCOMPARE(rotated.topology.peer(QStringLiteral("monitor11-web2"))->keyCreated, when);
        QVERIFY(!CollectorOnboarding::recordRotation(change.topology, QStringLiteral("nobody"), rotatedKey, true, when).ok());
    }

    void planProblems_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("problem");
        QTest::newRow("host name") << "hostName" << "web 2" << "host name";
        QTest::newRow("address outside") << "tunnelAddress" << "10.20.0.1" << "outside the tunnel subnet";
        QTest::newRow("address range") << "tunnelAddress" << "10.10.0.0/28" << "not a single IP address";
        QTest::newRow("endpoint") << "serverEndpoint" << "monitor11" << "server endpoint";
        QTest::newRow("server key") << "serverPublicKey" << "abc" << "server public key";
        QTest::newRow("database") << "influxDatabase" << "a\"b" << "InfluxDB database";
        QTest::newRow("interface") << "interfaceName" << "wg0/evil" << "not a WireGuard interface name";
    }

    void planProblems()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, problem);
        CollectorPlan plan = examplePlan();
        if (field == QLatin1String("hostName")) plan.hostName = value;
        if (field == QLatin1String("tunnelAddress")) plan.tunnelAddress = value;
        if (field == QLatin1String("serverEndpoint")) plan.serverEndpoint = value;
        if (field == QLatin1String("serverPublicKey")) plan.serverPublicKey = value;
        if (field == QLatin1String("influxDatabase")) plan.influxDatabase = value;
        if (field == QLatin1String("interfaceName")) plan.interfaceName = value;
        const QStringList problems = plan.problems();
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.constFirst().contains(problem), qPrintable(problems.constFirst()));
    }

    void clientConfigIsValid()
    {
        const CollectorPlan plan = examplePlan();
        const WireGuardKey privateKey = WireGuardKey::generatePrivate();
        const WireGuardKey psk = WireGuardKey::generatePreshared();
        const QString text = CollectorConfigs::clientConfig(plan, privateKey, &psk);
        verifyWgQuickAccepts(text);
        const auto parsed = WireGuardConfig::parse(text);
        const auto* wgInterface = parsed.config.interfaceSection();
        QCOMPARE(wgInterface->value(u"PrivateKey"), privateKey.toBase64());
        QCOMPARE(wgInterface->value(u"Address"), QStringLiteral("10.10.0.3/32"));
        const auto* server = parsed.config.peer(plan.serverPublicKey);
        QVERIFY(server);
        QCOMPARE(server->name(), QStringLiteral("monitor11"));
        QCOMPARE(server->value(u"PresharedKey"), psk.toBase64());
        QCOMPARE(server->value(u"Endpoint"), QStringLiteral("monitor11.example.com:51820"));
        QCOMPARE(server->value(u"AllowedIPs"), QStringLiteral("10.10.0.0/24"));
        QCOMPARE(server->value(u"PersistentKeepalive"), QStringLiteral("25"));
        // Without a psk and keepalive those lines are left out, and the config is still valid.
        CollectorPlan bare = plan;
        bare.persistentKeepalive = 0;
        const QString noPsk = CollectorConfigs::clientConfig(bare, privateKey, nullptr);
        QVERIFY(!noPsk.contains(QStringLiteral("PresharedKey")));
        QVERIFY(!noPsk.contains(QStringLiteral("PersistentKeepalive")));
        verifyWgQuickAccepts(noPsk);
    }

    void serverPeerBlockAndWgSet()
    {
        const CollectorPlan plan = examplePlan();
        const WireGuardKey privateKey = WireGuardKey::generatePrivate();
        const WireGuardKey psk = WireGuardKey::generatePreshared();
        const QString publicKey = privateKey.publicKey().toBase64();
        const QString block = CollectorConfigs::serverPeerBlock(plan, publicKey, &psk);
        QCOMPARE(block,
            QStringLiteral("[Peer]\n# Name = web2\nPublicKey = %1\nPresharedKey = %2\nAllowedIPs = 10.10.0.3/32\n")
                .arg(publicKey, psk.toBase64()));
        // Appended to the server's real config, it is still a valid config for wg-quick.
        verifyWgQuickAccepts(QStringLiteral("[Interface]\nPrivateKey = %1\nAddress = 10.10.0.11/24\nListenPort = 51820\n\n")
                                 .arg(WireGuardKey::generatePrivate().toBase64())
            + block);
        QCOMPARE(CollectorConfigs::wgSetCommand(plan, publicKey, QStringLiteral("/tmp/web2.psk")),
            QStringLiteral("wg set wg0 peer %1 preshared-key '/tmp/web2.psk' allowed-ips 10.10.0.3/32").arg(publicKey));
        const QString noted = CollectorConfigs::serverPeerBlock(plan, publicKey, nullptr, QStringLiteral("not here"));
        QVERIFY(noted.contains(QStringLiteral("# PresharedKey: not here")));
        QVERIFY(WireGuardConfig::parse(noted).ok());
    }

    void telegrafConfig()
    {
        const QString text = CollectorConfigs::telegrafConfig(examplePlan());
        for (const char* input : {"[[inputs.system]]", "[[inputs.cpu]]", "[[inputs.mem]]", "[[inputs.net]]",
                 "[[inputs.disk]]", "[[inputs.wireguard]]"})
            QVERIFY2(text.contains(QLatin1String(input)), input);
        QVERIFY(text.contains(QStringLiteral("[[outputs.influxdb]]\n  urls = [\"http://10.10.0.11:8086\"]\n  database = \"telegraf\"")));
        QVERIFY(text.contains(QStringLiteral("hostname = \"web2\"")));
        QVERIFY(text.contains(QStringLiteral("devices = [\"wg0\"]")));
    }

    void alloyConfig()
    {
        const QString text = CollectorConfigs::alloyConfig(examplePlan());
        QVERIFY(text.contains(QStringLiteral("url = \"http://10.10.0.11:3100/loki/api/v1/push\"")));
        QVERIFY(text.contains(QStringLiteral("external_labels = { host = \"web2\" }")));
        for (const char* job : {"wireguard", "fail2ban", "mail", "bind9"})
            QVERIFY2(text.contains(QStringLiteral("replacement   = \"%1\"").arg(QLatin1String(job))), job);
        QVERIFY(text.contains(QStringLiteral("{\"__path__\" = \"/var/log/apache2/*.log\", job = \"apache\"}")));
        QVERIFY(text.contains(QStringLiteral("loki.source.journal \"units\"")));
        QVERIFY(text.contains(QStringLiteral("forward_to    = [loki.write.default.receiver]")));
        // Balanced braces: a cheap syntax check without Alloy itself.
        QCOMPARE(text.count(QLatin1Char('{')), text.count(QLatin1Char('}')));
        CollectorPlan noApache = examplePlan();
        noApache.apacheLogPaths.clear();
        QVERIFY(!CollectorConfigs::alloyConfig(noApache).contains(QStringLiteral("local.file_match")));
    }

    void firewallRules()
    {
        const CollectorPlan plan = examplePlan();
        const QString clientUfw = CollectorConfigs::clientFirewallUfw(plan);
        QVERIFY(clientUfw.contains(QStringLiteral("ufw allow out 51820/udp")));
        QVERIFY(clientUfw.contains(QStringLiteral("ufw allow out on wg0 to 10.10.0.11 port 8086 proto tcp")));
        QVERIFY(clientUfw.contains(QStringLiteral("ufw allow out on wg0 to 10.10.0.11 port 3100 proto tcp")));
        const QString serverUfw = CollectorConfigs::serverFirewallUfw(plan);
        QVERIFY(serverUfw.contains(QStringLiteral("ufw allow in 51820/udp")));
        QVERIFY(serverUfw.contains(QStringLiteral("ufw allow in on wg0 from 10.10.0.3 to any port 8086 proto tcp")));
        QVERIFY(serverUfw.indexOf(QStringLiteral("allow in on wg0")) < serverUfw.indexOf(QStringLiteral("ufw deny")));
        QVERIFY(CollectorConfigs::clientFirewallNft(plan).contains(QStringLiteral("udp dport 51820 accept")));
        QVERIFY(CollectorConfigs::serverFirewallNft(plan).contains(
            QStringLiteral("iifname \"wg0\" ip saddr 10.10.0.0/24 tcp dport { 8086, 3100 } accept")));
    }

    void nftablesAcceptsTheSnippets()
    {
        REQUIRE_OR_SKIP(WireGuardTools::available(QStringLiteral("nft")) && WireGuardTools::available(QStringLiteral("unshare")),
            "nft (Debian package nftables) or unshare is not installed");
        REQUIRE_OR_SKIP(WireGuardTools::isRoot(), "nft -c needs root (run in a private network namespace)");
        QTemporaryDir dir;
        CollectorPlan plan = examplePlan();
        for (const bool ipv6 : {false, true}) {
            if (ipv6) {
                plan.tunnelSubnet = QStringLiteral("fd00:10::/64");
                plan.tunnelAddress = QStringLiteral("fd00:10::3");
            }
            for (const QString& text : {CollectorConfigs::clientFirewallNft(plan), CollectorConfigs::serverFirewallNft(plan)}) {
                const QString path = dir.filePath(QStringLiteral("rules.nft"));
                QFile file(path);
                QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
                file.write(text.toUtf8());
                file.close();
                // In a new, empty network namespace: the check never touches the host's firewall.
                const auto check = WireGuardTools::run(QStringLiteral("unshare"),
                    {QStringLiteral("--net"), QStringLiteral("nft"), QStringLiteral("-c"), QStringLiteral("-f"), path});
                QVERIFY2(check.ok(), qPrintable(check.describe() + QLatin1Char('\n') + text));
            }
        }
    }

    void bundles()
    {
        const CollectorPlan plan = examplePlan();
        const WireGuardKey privateKey = WireGuardKey::generatePrivate();
        const WireGuardKey psk = WireGuardKey::generatePreshared();
        const CollectorBundle added = CollectorBundle::forNewPeer(plan, privateKey, &psk);
        QCOMPARE(added.fileNames(),
            (QStringList{QStringLiteral("wg0.conf"), QStringLiteral("server-peer.conf"), QStringLiteral("server-peer.psk"),
                QStringLiteral("server-add-peer.sh"), QStringLiteral("telegraf.conf"), QStringLiteral("config.alloy"),
                QStringLiteral("firewall-client-ufw.sh"), QStringLiteral("firewall-client.nft"),
                QStringLiteral("firewall-server-ufw.sh"), QStringLiteral("firewall-server.nft"), QStringLiteral("README.md")}));
        QCOMPARE(added.qrPayload(), CollectorConfigs::clientConfig(plan, privateKey, &psk));
        QCOMPARE(added.file(QStringLiteral("server-peer.psk"))->content, psk.toBase64().toLatin1() + '\n');
        const QString readme = QString::fromUtf8(added.file(QStringLiteral("README.md"))->content);
        QVERIFY(readme.indexOf(QStringLiteral("server-add-peer.sh")) < readme.indexOf(QStringLiteral("wg-quick@wg0")));
        QVERIFY(readme.contains(QStringLiteral("1. On **monitor11**")));

        const CollectorBundle exported = CollectorBundle::forExport(
            plan, privateKey.publicKey().toBase64(), nullptr, nullptr, QStringLiteral("no keychain"));
        QVERIFY(!exported.file(QStringLiteral("wg0.conf")));
        QVERIFY(!exported.file(QStringLiteral("server-peer.psk")));
        QVERIFY(exported.qrPayload().isEmpty());
        QVERIFY(QString::fromUtf8(exported.file(QStringLiteral("README.md"))->content).contains(QStringLiteral("No `wg0.conf`")));
        const CollectorBundle exportedWithKey
            = CollectorBundle::forExport(plan, privateKey.publicKey().toBase64(), &privateKey, &psk, {});
        QCOMPARE(exportedWithKey.qrPayload(), added.qrPayload());
    }

    void rotationKeepsTheTunnelUp()
    {
        const CollectorPlan plan = examplePlan();
        const QString oldKey = WireGuardKey::generatePrivate().publicKey().toBase64();
        const WireGuardKey newKey = WireGuardKey::generatePrivate();
        const WireGuardKey psk = WireGuardKey::generatePreshared();
        const CollectorBundle bundle = CollectorBundle::forRotation(plan, oldKey, newKey, &psk);
        verifyWgQuickAccepts(bundle.qrPayload());
        const QString script = QString::fromUtf8(bundle.file(QStringLiteral("server-rotate.sh"))->content);
        const QString newPublic = newKey.publicKey().toBase64();
        // Order: the new peer without AllowedIPs, wait for its handshake, move the address, remove the old peer.
        const qsizetype addNew = script.indexOf(QStringLiteral("wg set wg0 peer %1 preshared-key").arg(newPublic));
        const qsizetype wait = script.indexOf(QStringLiteral("latest-handshakes"));
        const qsizetype move = script.indexOf(QStringLiteral("wg set wg0 peer \"$NEW\" allowed-ips 10.10.0.3/32"));
        const qsizetype remove = script.indexOf(QStringLiteral("wg set wg0 peer \"$OLD\" remove"));
        QVERIFY(addNew > 0);
        QVERIFY(!script.mid(addNew, script.indexOf(QLatin1Char('\n'), addNew) - addNew).contains(QStringLiteral("allowed-ips")));
        QVERIFY(addNew < wait && wait < move && move < remove);
        QVERIFY(script.contains(QStringLiteral("OLD='%1'").arg(oldKey)));
        if (TOOL_FOR_CHECK("bash")) {
            const auto syntax = WireGuardTools::run(QStringLiteral("bash"), {QStringLiteral("-n")}, script.toUtf8());
            QVERIFY2(syntax.ok(), qPrintable(syntax.describe()));
        }
    }

    void scriptsAreValidShell()
    {
        REQUIRE_OR_SKIP(WireGuardTools::available(QStringLiteral("sh")), "sh is not installed");
        QVERIFY2(WireGuardTools::available(QStringLiteral("bash")), "bash is needed for the rotation script");
        const QString key = WireGuardKey::generatePrivate().publicKey().toBase64();
        QList<CollectorPlan> plans{examplePlan()};
        for (const QString& name : hostileNames())
            plans.append(hostilePlan(name));
        for (const CollectorPlan& plan : std::as_const(plans)) {
            for (const QString& script : {CollectorConfigs::serverAddPeerScript(plan, key, QStringLiteral("p.psk"), QStringLiteral("b.conf")),
                     CollectorConfigs::clientFirewallUfw(plan), CollectorConfigs::serverFirewallUfw(plan)}) {
                const auto syntax = WireGuardTools::run(QStringLiteral("sh"), {QStringLiteral("-n")}, script.toUtf8());
                QVERIFY2(syntax.ok(), qPrintable(syntax.describe() + QLatin1Char('\n') + script));
            }
            const QString rotate = CollectorConfigs::serverRotateScript(plan, key, key, QStringLiteral("p.psk"), QStringLiteral("b.conf"));
            const auto syntax = WireGuardTools::run(QStringLiteral("bash"), {QStringLiteral("-n")}, rotate.toUtf8());
            QVERIFY2(syntax.ok(), qPrintable(syntax.describe() + QLatin1Char('\n') + rotate));
        }
    }

    void hostileNamesNeverRunInTheScripts_data()
    {
        QTest::addColumn<QString>("name");
        for (const QString& name : hostileNames())
            QTest::newRow(qPrintable(name.left(12))) << name;
    }

    void hostileNamesNeverRunInTheScripts()
    {
        QFETCH(QString, name);
        QVERIFY2(WireGuardTools::available(QStringLiteral("bash")), "bash is needed to run the scripts");
        const CollectorPlan plan = hostilePlan(name);
        const QString key = WireGuardKey::generatePrivate().publicKey().toBase64();
        const struct
        {
            QString script;
            QString shell;
            QString expectedOutput;
        } scripts[] = {
            {CollectorConfigs::serverAddPeerScript(plan, key, QStringLiteral("p.psk"), QStringLiteral("b.conf")),
                QStringLiteral("sh"), QStringLiteral("peer %1 added to wg0\n").arg(name)},
            {CollectorConfigs::serverRotateScript(plan, key, key, QStringLiteral("p.psk"), QStringLiteral("b.conf")),
                QStringLiteral("bash"), QStringLiteral("Now install the new wg0.conf on %1 and run").arg(name)},
            {CollectorConfigs::clientFirewallUfw(plan), QStringLiteral("sh"), QString()},
            {CollectorConfigs::serverFirewallUfw(plan), QStringLiteral("sh"), QString()},
        };
        for (const auto& [script, shell, expectedOutput] : scripts) {
            QTemporaryDir dir;
            QVERIFY(dir.isValid());
            QFile block(dir.filePath(QStringLiteral("b.conf")));
            QVERIFY(block.open(QIODevice::WriteOnly));
            block.close();
            const auto run = runScript(dir, script, shell, key);
            QVERIFY2(run.ok(), qPrintable(run.describe() + QLatin1Char('\n') + script));
            const QStringList pwned = QDir(dir.path()).entryList({QStringLiteral("pwned-*")}, QDir::Files);
            QVERIFY2(pwned.isEmpty(), qPrintable(pwned.join(QLatin1Char(' ')) + QLatin1Char('\n') + script));
            QVERIFY2(QString::fromUtf8(run.out).contains(expectedOutput), qPrintable(QString::fromUtf8(run.out)));
        }
        // The firewall comments carry the name as it is, as one argument.
        QTemporaryDir dir;
        QVERIFY(runScript(dir, CollectorConfigs::serverFirewallUfw(plan), QStringLiteral("sh"), key).ok());
        QVERIFY(readText(dir.filePath(QStringLiteral("stub.log"))).contains(QStringLiteral("comment monitoring from ") + name));
    }

    void hostileNamesAddNoLineToTheConfigs_data() { hostileNamesNeverRunInTheScripts_data(); }

    void hostileNamesAddNoLineToTheConfigs()
    {
        QFETCH(QString, name);
        const CollectorPlan plain = examplePlan();
        const CollectorPlan plan = hostilePlan(name);
        const WireGuardKey privateKey = WireGuardKey::generatePrivate();
        const WireGuardKey psk = WireGuardKey::generatePreshared();
        const QString publicKey = privateKey.publicKey().toBase64();
        const auto lines = [](const QString& text) { return text.count(QLatin1Char('\n')); };
        // wg-quick reads a line at a time: no name may add one (a PostUp runs as root).
        for (const auto& generate : {std::function<QString(const CollectorPlan&)>([&](const CollectorPlan& p) {
                 return CollectorConfigs::clientConfig(p, privateKey, &psk);
             }),
                 std::function<QString(const CollectorPlan&)>([&](const CollectorPlan& p) {
                     return CollectorConfigs::serverPeerBlock(p, publicKey, nullptr, QStringLiteral("note\nPostUp = x"));
                 })}) {
            const QString text = generate(plan);
            QCOMPARE(lines(text), lines(generate(plain)));
            const auto parsed = WireGuardConfig::parse(text);
            QVERIFY2(parsed.ok(), qPrintable(parsed.errors.value(0).toString()));
            QVERIFY2(parsed.warnings.isEmpty(), qPrintable(parsed.warnings.value(0).toString()));
            QVERIFY(!text.contains(QStringLiteral("\nPostUp")));
            QVERIFY(!text.contains(QLatin1Char('\r')) && !text.contains(QChar(0x1b)));
        }
        // The README's steps are copied into a root shell: the name adds no line there either.
        const auto readme = [&](const CollectorPlan& p) {
            const CollectorBundle bundle = CollectorBundle::forNewPeer(p, privateKey, &psk);
            return QString::fromUtf8(bundle.file(QStringLiteral("README.md"))->content);
        };
        QCOMPARE(lines(readme(plan)), lines(readme(plain)));
        QVERIFY(!readme(plan).contains(QLatin1Char('\r')) && !readme(plan).contains(QChar(0x1b)));

        // Telegraf and Alloy read the name back exactly, from a string on its own line.
        const QString telegraf = CollectorConfigs::telegrafConfig(plan);
        QCOMPARE(lines(telegraf), lines(CollectorConfigs::telegrafConfig(plain)));
        QCOMPARE(stringAfter(telegraf, QStringLiteral("  hostname = ")), name);
        QVERIFY2(!telegraf.contains(QLatin1Char('$')), "Telegraf would substitute $VAR in the raw text");
        const QString alloy = CollectorConfigs::alloyConfig(plan);
        QCOMPARE(lines(alloy), lines(CollectorConfigs::alloyConfig(plain)));
        QCOMPARE(stringAfter(alloy, QStringLiteral("external_labels = { host = ")), name);
        QCOMPARE(alloy.count(QLatin1Char('{')), alloy.count(QLatin1Char('}')));
        if (WireGuardTools::available(QStringLiteral("python3"))) {
            const auto toml = WireGuardTools::run(QStringLiteral("python3"),
                {QStringLiteral("-c"),
                    QStringLiteral("import sys, tomllib; sys.stdout.write(tomllib.loads(sys.stdin.read())['agent']['hostname'])")},
                telegraf.toUtf8());
            QVERIFY2(toml.ok(), qPrintable(toml.describe()));
            QCOMPARE(QString::fromUtf8(toml.out), name);
        }
        // nftables strings know no escapes: the name is flattened, and stays inside its quotes on its line.
        for (const QString& nft : {CollectorConfigs::clientFirewallNft(plan), CollectorConfigs::serverFirewallNft(plan)}) {
            const QStringList nftLines = nft.split(QLatin1Char('\n'));
            for (const QString& line : nftLines)
                QVERIFY2(line.count(QLatin1Char('"')) % 2 == 0, qPrintable(line));
        }
        QCOMPARE(lines(CollectorConfigs::clientFirewallNft(plan)), lines(CollectorConfigs::clientFirewallNft(plain)));
        QCOMPARE(lines(CollectorConfigs::serverFirewallNft(plan)), lines(CollectorConfigs::serverFirewallNft(plain)));
    }

    void planProblemsNameTheRule()
    {
        CollectorPlan plan = examplePlan();
        plan.serverName = QStringLiteral("monitor 11");
        plan.fqdn = QStringLiteral("web2..example.com");
        const QStringList problems = plan.problems();
        QCOMPARE(problems.size(), 2);
        QVERIFY2(problems.at(0).contains(QStringLiteral("for example \"monitor-11\"")), qPrintable(problems.at(0)));
        QVERIFY2(problems.at(1).contains(QStringLiteral("DNS name")), qPrintable(problems.at(1)));
    }

    void planForHostChecksThePlan()
    {
        Topology topology = TopologyFile::referenceDeployment();
        for (auto& host : topology.hosts) {
            if (host.id == QLatin1String("prod"))
                host.name = QStringLiteral("prod$(touch pwned)\nPostUp = touch pwned");
        }
        const auto planned = CollectorOnboarding::planForHost(topology, QStringLiteral("prod"));
        QVERIFY(!planned.ok());
        QVERIFY2(planned.error.contains(QStringLiteral("host name")) && planned.error.contains(QStringLiteral("topology validate")),
            qPrintable(planned.error));
        QVERIFY(!planned.error.contains(QLatin1Char('\n')));
    }
};

QTEST_GUILESS_MAIN(TestCollectorConfigs)

#include "TestCollectorConfigs.moc"
