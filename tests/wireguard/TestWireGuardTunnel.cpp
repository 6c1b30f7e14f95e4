// SPDX-License-Identifier: GPL-3.0-or-later
// End to end: configs made by `tunnelscope-cli peer add` carry a real WireGuard tunnel between two network
// namespaces, each running Debian's wireguard-go. Needs root and /dev/net/tun; skips cleanly otherwise.
#include "WireGuardTools.h"
#include "support/TestRequirements.h"
#include "topology/TopologyFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QScopeGuard>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

#include <csignal>
#include <sys/prctl.h>

namespace {

using WireGuardTools::Run;

// Underlay addresses from TEST-NET-1, on a veth pair whose both ends live in our own namespaces only.
const QString serverUnderlay = QStringLiteral("192.0.2.1");
const QString clientUnderlay = QStringLiteral("192.0.2.2");

Run cli(const QStringList& arguments, const QByteArray& input = {})
{
    return WireGuardTools::run(QStringLiteral(TUNNELSCOPE_CLI_PATH), arguments, input);
}

void writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    file.write(content);
}

/**
 * The namespaces, the veth pair and the wireguard-go processes of one run, with unique names. Cleans up in its
 * destructor as well as on request, so a failing or aborted test leaves nothing behind (the trap of a shell script).
 */
class Lab
{
public:
    Lab()
    {
        const QString id = QString::number(QCoreApplication::applicationPid());
        m_server = {QStringLiteral("tsnet-%1-srv").arg(id), QStringLiteral("tswg%1s").arg(id)};
        m_client = {QStringLiteral("tsnet-%1-cli").arg(id), QStringLiteral("tswg%1c").arg(id)};
        m_vethServer = QStringLiteral("tsve%1s").arg(id);
        m_vethClient = QStringLiteral("tsve%1c").arg(id);
    }
    ~Lab() { cleanUp(); }
    Lab(const Lab&) = delete;
    Lab& operator=(const Lab&) = delete;

    struct Side
    {
        QString netns;
        QString wgInterface; ///< unique, so the userspace sockets in /var/run/wireguard never clash
    };
    const Side& server() const { return m_server; }
    const Side& client() const { return m_client; }

    Run in(const Side& side, const QStringList& command, const QByteArray& input = {}) const
    {
        return WireGuardTools::run(QStringLiteral("ip"),
            QStringList{QStringLiteral("netns"), QStringLiteral("exec"), side.netns} + command, input);
    }

    /// Empty on success, else what failed.
    QString build()
    {
        for (const Side* side : {&m_server, &m_client}) {
            if (const Run r = ip({QStringLiteral("netns"), QStringLiteral("add"), side->netns}); !r.ok())
                return QStringLiteral("ip netns add: ") + r.describe();
            m_created.append(side->netns);
        }
        Run r = ip({QStringLiteral("link"), QStringLiteral("add"), m_vethServer, QStringLiteral("netns"), m_server.netns,
            QStringLiteral("type"), QStringLiteral("veth"), QStringLiteral("peer"), QStringLiteral("name"), m_vethClient,
            QStringLiteral("netns"), m_client.netns});
        if (!r.ok())
            return QStringLiteral("ip link add veth: ") + r.describe();
        for (const auto& [side, veth, address] : {std::tuple{&m_server, m_vethServer, serverUnderlay},
                 std::tuple{&m_client, m_vethClient, clientUnderlay}}) {
            for (const QStringList& command :
                {QStringList{QStringLiteral("ip"), QStringLiteral("addr"), QStringLiteral("add"), address + QStringLiteral("/30"),
                     QStringLiteral("dev"), veth},
                    QStringList{QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"), veth, QStringLiteral("up")},
                    QStringList{QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("lo"),
                        QStringLiteral("up")}}) {
                if (const Run step = in(*side, command); !step.ok())
                    return command.join(QLatin1Char(' ')) + QStringLiteral(": ") + step.describe();
            }
        }
        return {};
    }

    /// Starts wireguard-go in the foreground inside the side's namespace and waits (bounded) for its interface.
    QString startWireGuardGo(const Side& side)
    {
        auto process = std::make_unique<QProcess>();
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("WG_PROCESS_FOREGROUND"), QStringLiteral("1"));
        environment.insert(QStringLiteral("LOG_LEVEL"), QStringLiteral("error"));
        process->setProcessEnvironment(environment);
        // Should this test die without cleaning up (SIGKILL, a crash), the kernel stops wireguard-go with it.
        process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
        process->start(QStringLiteral("ip"), {QStringLiteral("netns"), QStringLiteral("exec"), side.netns,
                                                 QStringLiteral("wireguard-go"), QStringLiteral("-f"), side.wgInterface});
        if (!process->waitForStarted(5000))
            return QStringLiteral("wireguard-go did not start: ") + process->errorString();
        m_processes.push_back(std::move(process));
        for (int attempt = 0; attempt < 100; ++attempt) { // at most 10 s
            if (in(side, {QStringLiteral("wg"), QStringLiteral("show"), side.wgInterface}).ok())
                return {};
            if (m_processes.back()->state() == QProcess::NotRunning)
                return QStringLiteral("wireguard-go exited: ") + QString::fromUtf8(m_processes.back()->readAllStandardError());
            QThread::msleep(100);
        }
        return QStringLiteral("wireguard-go's interface %1 did not appear within 10 s").arg(side.wgInterface);
    }

    /// Namespaces a killed earlier run left behind: ours by name, and their process is gone.
    static void removeOrphans()
    {
        static const QRegularExpression ours(QStringLiteral("^tsnet-([0-9]+)-(srv|cli)\\b"));
        const QStringList lines = QString::fromUtf8(ip({QStringLiteral("netns"), QStringLiteral("list")}).out).split(QLatin1Char('\n'));
        for (const QString& line : lines) {
            const QRegularExpressionMatch match = ours.match(line);
            if (match.hasMatch() && !QFileInfo::exists(QStringLiteral("/proc/") + match.captured(1)))
                ip({QStringLiteral("netns"), QStringLiteral("del"), line.section(QLatin1Char(' '), 0, 0)});
        }
    }

    void cleanUp()
    {
        for (auto& process : m_processes) {
            process->terminate();
            if (!process->waitForFinished(3000)) {
                process->kill();
                process->waitForFinished(3000);
            }
        }
        m_processes.clear();
        for (const QString& netns : std::as_const(m_created))
            ip({QStringLiteral("netns"), QStringLiteral("del"), netns}); // takes the veth pair with it
        m_created.clear();
        for (const Side* side : {&m_server, &m_client})
            QFile::remove(QStringLiteral("/var/run/wireguard/%1.sock").arg(side->wgInterface));
    }

private:
    static Run ip(const QStringList& arguments) { return WireGuardTools::run(QStringLiteral("ip"), arguments); }

    Side m_server;
    Side m_client;
    QString m_vethServer;
    QString m_vethClient;
    QStringList m_created;
    std::vector<std::unique_ptr<QProcess>> m_processes;
};

qint64 latestHandshake(const Lab& lab, const Lab::Side& side)
{
    const Run r = lab.in(side, {QStringLiteral("wg"), QStringLiteral("show"), side.wgInterface, QStringLiteral("latest-handshakes")});
    const QList<QByteArray> fields = r.out.trimmed().split('\t');
    return fields.size() == 2 ? fields.at(1).toLongLong() : -1;
}

} // namespace

class TestWireGuardTunnel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Lab> m_lab;
    QTemporaryDir m_dir;
    bool m_tunnelUp = false; ///< set by the first test; the rotation builds on its tunnel

private Q_SLOTS:
    void initTestCase()
    {
        REQUIRE_OR_SKIP(WireGuardTools::isRoot(), "needs root: it creates network namespaces (CI runs as root)");
        REQUIRE_OR_SKIP(QFile::exists(QStringLiteral("/dev/net/tun")), "/dev/net/tun is missing, so wireguard-go cannot make an interface");
        for (const char* tool : {"ip", "wg", "wg-quick", "wireguard-go", "ping"})
            REQUIRE_OR_SKIP(WireGuardTools::available(QLatin1String(tool)), QStringLiteral("%1 is not installed").arg(QLatin1String(tool)));
        Lab::removeOrphans();
        m_lab = std::make_unique<Lab>();
    }

    void cleanupTestCase()
    {
        if (m_lab)
            m_lab->cleanUp();
    }

    void cliConfigsCarryATunnel()
    {
        // The server's key pair, from our own keygen.
        const Run serverKey = cli({QStringLiteral("keygen")});
        QVERIFY2(serverKey.ok(), qPrintable(serverKey.describe()));
        const Run serverPublic = cli({QStringLiteral("keygen"), QStringLiteral("--public-only")}, serverKey.out);
        QVERIFY2(serverPublic.ok(), qPrintable(serverPublic.describe()));

        // peer add, as a user would run it, against the reference deployment.
        const QString topology = topologyPath();
        QVERIFY(TopologyFile::save(topology, TopologyFile::referenceDeployment()).isEmpty());
        const QString bundle = m_dir.filePath(QStringLiteral("bundle"));
        const Run added = cli({QStringLiteral("peer"), QStringLiteral("add"), QStringLiteral("--topology"), topology,
            QStringLiteral("--name"), QStringLiteral("e2e"), QStringLiteral("--endpoint"), serverUnderlay + QStringLiteral(":51820"),
            QStringLiteral("--server-public-key"), QString::fromLatin1(serverPublic.out).trimmed(), QStringLiteral("--out"), bundle});
        QVERIFY2(added.ok(), qPrintable(added.describe()));

        QVERIFY2(m_lab->build().isEmpty(), "building the namespaces failed");
        const Lab& lab = *m_lab;
        QString error = m_lab->startWireGuardGo(lab.server());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        error = m_lab->startWireGuardGo(lab.client());
        QVERIFY2(error.isEmpty(), qPrintable(error));

        // Server: its interface only, then the peer added live with the bundle's own `wg set` command.
        const QString serverInterface = QStringLiteral("[Interface]\nPrivateKey = %1\nListenPort = 51820\nAddress = 10.10.0.11/24\n")
                                            .arg(QString::fromLatin1(serverKey.out).trimmed());
        applyConfig(lab.server(), serverInterface, QStringLiteral("server"));
        QString wgSet;
        const QStringList script = QString::fromUtf8(readFile(bundle + QStringLiteral("/server-add-peer.sh"))).split(QLatin1Char('\n'));
        for (const QString& line : script) {
            if (line.startsWith(QLatin1String("wg set ")))
                wgSet = line;
        }
        QVERIFY(!wgSet.isEmpty());
        wgSet.replace(QStringLiteral("wg set wg0 "), QStringLiteral("wg set %1 ").arg(lab.server().wgInterface));
        wgSet.replace(QStringLiteral("'server-peer.psk'"), bundle + QStringLiteral("/server-peer.psk"));
        const Run set = lab.in(lab.server(), {QStringLiteral("sh"), QStringLiteral("-c"), wgSet});
        QVERIFY2(set.ok(), qPrintable(set.describe()));
        QVERIFY(addressUp(lab.server(), QStringLiteral("10.10.0.11/24")));

        // Client: the generated wg0.conf as it is, through wg-quick strip and wg setconf.
        applyConfig(lab.client(), QString::fromUtf8(readFile(bundle + QStringLiteral("/wg0.conf"))), QStringLiteral("client"));
        QVERIFY(addressUp(lab.client(), QStringLiteral("10.10.0.3/32")));
        const Run route = lab.in(lab.client(), {QStringLiteral("ip"), QStringLiteral("route"), QStringLiteral("add"),
                                                   QStringLiteral("10.10.0.0/24"), QStringLiteral("dev"), lab.client().wgInterface});
        QVERIFY2(route.ok(), qPrintable(route.describe())); // what wg-quick does for AllowedIPs

        const Run ping = lab.in(lab.client(), {QStringLiteral("ping"), QStringLiteral("-c"), QStringLiteral("3"),
                                                  QStringLiteral("-w"), QStringLiteral("15"), QStringLiteral("-i"),
                                                  QStringLiteral("0.3"), QStringLiteral("10.10.0.11")});
        QVERIFY2(ping.ok(), qPrintable(ping.describe()));
        QVERIFY(latestHandshake(lab, lab.client()) > 0);
        QVERIFY(latestHandshake(lab, lab.server()) > 0);
        const Run endpoints = lab.in(lab.server(), {QStringLiteral("wg"), QStringLiteral("show"), lab.server().wgInterface,
                                                       QStringLiteral("endpoints")});
        QVERIFY2(endpoints.out.contains(QByteArray(clientUnderlay.toLatin1() + ':')), endpoints.out.constData());

        // The full server config (interface + the bundle's [Peer] block), applied the way wg-quick reloads
        // (wg syncconf, which keeps the session and the endpoint learnt), and the server can reach the client.
        applyConfig(lab.server(), serverInterface + QLatin1Char('\n')
                                      + QString::fromUtf8(readFile(bundle + QStringLiteral("/server-peer.conf"))),
            QStringLiteral("server-full"), QStringLiteral("syncconf"));
        const Run back = lab.in(lab.server(), {QStringLiteral("ping"), QStringLiteral("-c"), QStringLiteral("2"),
                                                  QStringLiteral("-w"), QStringLiteral("15"), QStringLiteral("10.10.0.3")});
        QVERIFY2(back.ok(), qPrintable(back.describe()));
        m_tunnelUp = true;
    }

    void rotationKeepsTheTunnel()
    {
        if (!m_tunnelUp)
            QSKIP("the tunnel of the previous test is not up");
        const Lab& lab = *m_lab;
        const Lab::Side& server = lab.server();
        const QString bundle = m_dir.filePath(QStringLiteral("rotation"));
        const Run rotated = cli({QStringLiteral("peer"), QStringLiteral("rotate"), QStringLiteral("--topology"), topologyPath(),
            QStringLiteral("e2e"), QStringLiteral("--out"), bundle});
        QVERIFY2(rotated.ok(), qPrintable(rotated.describe()));
        const QString oldKey = peers(server).value(0);
        const QString newKey = TopologyFile::load(topologyPath()).topology.interface(QStringLiteral("e2e-wg0"))->publicKey;
        QVERIFY(!oldKey.isEmpty() && newKey != oldKey);

        // The generated server script, run as it is apart from the interface name and a shorter poll interval.
        QString script = QString::fromUtf8(readFile(bundle + QStringLiteral("/server-rotate.sh")));
        script.replace(QStringLiteral(" wg0 "), QLatin1Char(' ') + server.wgInterface + QLatin1Char(' '));
        script.replace(QStringLiteral("sleep 5"), QStringLiteral("sleep 0.2"));
        const QString scriptPath = bundle + QStringLiteral("/test-rotate.sh");
        writeFile(scriptPath, script.toUtf8());
        QProcess rotation;
        rotation.start(QStringLiteral("ip"), {QStringLiteral("netns"), QStringLiteral("exec"), server.netns,
                                                QStringLiteral("bash"), scriptPath});
        QVERIFY(rotation.waitForStarted(5000));
        const auto stopRotation = qScopeGuard([&rotation] {
            if (rotation.state() != QProcess::NotRunning) {
                rotation.kill();
                rotation.waitForFinished(3000);
            }
        });

        // Step 1 added the new key beside the old one, which still carries the traffic.
        bool newKeyAdded = false;
        for (int attempt = 0; attempt < 100 && !newKeyAdded; ++attempt) { // at most 10 s
            newKeyAdded = peers(server).contains(newKey);
            if (!newKeyAdded)
                QThread::msleep(100);
        }
        QVERIFY(newKeyAdded);
        QVERIFY(peers(server).contains(oldKey));
        QVERIFY(pingServer(2).ok());

        // The collector switches to its new config while a ping runs; the script then moves the address.
        QProcess ping;
        ping.start(QStringLiteral("ip"), {QStringLiteral("netns"), QStringLiteral("exec"), lab.client().netns,
                                            QStringLiteral("ping"), QStringLiteral("-c"), QStringLiteral("40"),
                                            QStringLiteral("-i"), QStringLiteral("0.1"), QStringLiteral("-w"),
                                            QStringLiteral("20"), QStringLiteral("10.10.0.11")});
        QVERIFY(ping.waitForStarted(5000));
        QThread::msleep(500);
        applyConfig(lab.client(), QString::fromUtf8(readFile(bundle + QStringLiteral("/wg0.conf"))), QStringLiteral("client-rotated"));
        if (!rotation.waitForFinished(30000)) {
            const Run serverState = lab.in(server, {QStringLiteral("wg"), QStringLiteral("show"), server.wgInterface});
            const Run clientState = lab.in(lab.client(), {QStringLiteral("wg"), QStringLiteral("show"), lab.client().wgInterface});
            QFAIL(qPrintable(QStringLiteral("the rotation script did not finish: %1 %2\nserver: %3\nclient: %4")
                                 .arg(QString::fromUtf8(rotation.readAllStandardOutput()),
                                     QString::fromUtf8(rotation.readAllStandardError()), QString::fromUtf8(serverState.out),
                                     QString::fromUtf8(clientState.out))));
        }
        QVERIFY2(rotation.exitCode() == 0, rotation.readAllStandardError().constData());
        QVERIFY(ping.waitForFinished(30000));
        const QByteArray pingOutput = ping.readAllStandardOutput();
        const qsizetype summary = pingOutput.lastIndexOf('\n', pingOutput.indexOf("packets transmitted")) + 1;
        qInfo("ping during the key switch: %s", pingOutput.mid(summary, pingOutput.indexOf('\n', summary) - summary).constData());

        QCOMPARE(peers(server), QStringList{newKey});
        const Run allowed = lab.in(server, {QStringLiteral("wg"), QStringLiteral("show"), server.wgInterface, QStringLiteral("allowed-ips")});
        QCOMPARE(allowed.out.trimmed(), (newKey + QStringLiteral("\t10.10.0.3/32")).toLatin1());
        QVERIFY(pingServer(3).ok());
        QVERIFY(latestHandshake(lab, lab.client()) > 0);
    }

private:
    QString topologyPath() const { return m_dir.filePath(QStringLiteral("topology.json")); }

    QStringList peers(const Lab::Side& side) const
    {
        const Run r = m_lab->in(side, {QStringLiteral("wg"), QStringLiteral("show"), side.wgInterface, QStringLiteral("peers")});
        return QString::fromLatin1(r.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

    Run pingServer(int count) const
    {
        return m_lab->in(m_lab->client(), {QStringLiteral("ping"), QStringLiteral("-c"), QString::number(count),
                                              QStringLiteral("-w"), QStringLiteral("15"), QStringLiteral("-i"),
                                              QStringLiteral("0.3"), QStringLiteral("10.10.0.11")});
    }

    QByteArray readFile(const QString& path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    /// wg-quick strip, then wg setconf (or syncconf) in the namespace; addresses are applied with ip addr.
    void applyConfig(const Lab::Side& side, const QString& config, const QString& label,
        const QString& verb = QStringLiteral("setconf"))
    {
        const Run strip = WireGuardTools::wgQuickStrip(config);
        QVERIFY2(strip.ok(), qPrintable(strip.describe()));
        const QString stripped = m_dir.filePath(label + QStringLiteral(".stripped"));
        writeFile(stripped, strip.out);
        const Run setconf = m_lab->in(side, {QStringLiteral("wg"), verb, side.wgInterface, stripped});
        QVERIFY2(setconf.ok(), qPrintable(setconf.describe()));
    }

    bool addressUp(const Lab::Side& side, const QString& address)
    {
        const Run add = m_lab->in(side, {QStringLiteral("ip"), QStringLiteral("addr"), QStringLiteral("add"), address,
                                            QStringLiteral("dev"), side.wgInterface});
        const Run up = m_lab->in(side, {QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"),
                                           side.wgInterface, QStringLiteral("up")});
        if (!add.ok() || !up.ok())
            qWarning("%s / %s", qPrintable(add.describe()), qPrintable(up.describe()));
        return add.ok() && up.ok();
    }

};

QTEST_GUILESS_MAIN(TestWireGuardTunnel)
#include "TestWireGuardTunnel.moc"
