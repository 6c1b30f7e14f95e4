// SPDX-License-Identifier: GPL-3.0-or-later
// The whole way on a real deployment: installer/lab.sh builds the reference deployment in network namespaces
// (wireguard-go tunnels from `peer add`, the generated nftables rules, the lab collector, InfluxDB and Loki in
// ts-monitor11), and tunnelscope-cli in ts-laptop must say what WireGuard itself says in ts-monitor11. Root only.
#include "WireGuardTools.h"
#include "support/TestRequirements.h"
#include "telemetry/PeerStateRules.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTest>
#include <QThread>

#include <cmath>

namespace {

using WireGuardTools::Run;

constexpr int CollectorIntervalSeconds = 10; ///< Telegraf's default, and the width of the app's rate buckets
constexpr int LabStartTimeoutMs = 240000;
const QString HubNetns = QStringLiteral("ts-monitor11");
const QString HubInterface = QStringLiteral("tsl-monitor11");

QString stateDir()
{
    // Its own state folder: a developer's lab (in /run/tunnelscope-lab) is never taken down by the test.
    return QDir::temp().filePath(QStringLiteral("tunnelscope-lab-test"));
}

Run lab(const QStringList& arguments, int timeoutMs = 60000)
{
    qputenv("TUNNELSCOPE_BUILD_DIR", TUNNELSCOPE_BUILD_DIR);
    qputenv("TUNNELSCOPE_LAB_DIR", stateDir().toUtf8());
    return WireGuardTools::run(QStringLiteral("bash"), QStringList{QStringLiteral(TUNNELSCOPE_LAB_SCRIPT)} + arguments,
                               {}, timeoutMs);
}

QString topologyPath()
{
    return stateDir() + QStringLiteral("/topology.json");
}

/// tunnelscope-cli in the laptop's namespace, as the admin runs it there.
Run cliOnLaptop(const QStringList& arguments)
{
    return WireGuardTools::run(QStringLiteral("ip"),
                               QStringList{QStringLiteral("netns"), QStringLiteral("exec"), QStringLiteral("ts-laptop"),
                                           QStringLiteral(TUNNELSCOPE_CLI_PATH)}
                                   + arguments + QStringList{QStringLiteral("--topology"), topologyPath()},
                               {}, 60000);
}

QJsonObject status()
{
    const Run run = cliOnLaptop({QStringLiteral("status"), QStringLiteral("--json"), QStringLiteral("--timeout"),
                                 QStringLiteral("3")});
    const QJsonDocument document = QJsonDocument::fromJson(run.out);
    if (!document.isObject())
        qWarning("status --json gave no document: %s", qPrintable(run.describe()));
    return document.object();
}

QJsonObject byName(const QJsonObject& document, const QString& list, const QString& name)
{
    for (const QJsonValue& item : document.value(list).toArray()) {
        if (item.toObject().value(QStringLiteral("name")).toString() == name)
            return item.toObject();
    }
    return {};
}

QString peerState(const QJsonObject& document, const QString& name)
{
    return byName(document, QStringLiteral("peers"), name).value(QStringLiteral("state")).toString();
}

QString endpointState(const QJsonObject& document, const QString& name)
{
    const QJsonArray sources = document.value(QStringLiteral("sources")).toArray();
    for (const QJsonValue& endpoint : sources.at(0).toObject().value(QStringLiteral("endpoints")).toArray()) {
        if (endpoint.toObject().value(QStringLiteral("name")).toString() == name)
            return endpoint.toObject().value(QStringLiteral("state")).toString();
    }
    return {};
}

/// Polls `status --json` every 2 s until `done` holds, at most `seconds`; returns the last document.
template<typename Done>
QJsonObject statusUntil(int seconds, Done done)
{
    QJsonObject document;
    const QDeadlineTimer deadline(seconds * 1000);
    for (int attempt = 0; attempt < seconds; ++attempt) {
        document = status();
        if (done(document) || deadline.hasExpired())
            break;
        QThread::sleep(2);
    }
    return document;
}

/// One peer line of `wg show IFACE dump` on the hub.
struct WgPeer
{
    QString endpoint;
    QString allowedIps;
    qint64 latestHandshake = 0;
    qint64 rx = 0;
    qint64 tx = 0;
};

QMap<QString, WgPeer> hubPeers()
{
    const Run run = WireGuardTools::run(QStringLiteral("ip"), {QStringLiteral("netns"), QStringLiteral("exec"), HubNetns,
                                                               QStringLiteral("wg"), QStringLiteral("show"), HubInterface,
                                                               QStringLiteral("dump")});
    QMap<QString, WgPeer> peers;
    for (const QByteArray& line : run.out.split('\n')) {
        const QList<QByteArray> f = line.split('\t');
        if (f.size() == 8)
            peers.insert(QString::fromLatin1(f[0]), {QString::fromLatin1(f[2]), QString::fromLatin1(f[3]),
                                                     f[4].toLongLong(), f[5].toLongLong(), f[6].toLongLong()});
    }
    return peers;
}

void sleepUntil(qint64 epochMs)
{
    const qint64 wait = epochMs - QDateTime::currentMSecsSinceEpoch();
    if (wait > 0)
        QThread::msleep(wait);
}

bool within10Percent(double reported, double measured)
{
    return std::abs(reported - measured) <= 0.1 * measured;
}

} // namespace

class TestLab : public QObject
{
    Q_OBJECT

private:
    bool m_up = false;

private Q_SLOTS:
    void initTestCase()
    {
        REQUIRE_OR_SKIP(TestRequirements::isRoot(), "needs root: the lab creates network namespaces (CI runs as root)");
        const Run check = lab({QStringLiteral("--check")});
        REQUIRE_OR_SKIP(check.ok(), QStringLiteral("the lab cannot run here: %1").arg(QString::fromUtf8(check.out).trimmed()));
        lab({QStringLiteral("--stop")}); // what an earlier, killed run left behind
        const Run up = lab({QStringLiteral("--no-gui"), QStringLiteral("--interval"), QString::number(CollectorIntervalSeconds)},
                           LabStartTimeoutMs);
        QVERIFY2(up.ok(), qPrintable(up.describe()));
        m_up = true;
        // Ready once the hub has reported both tunnels twice, so that they have rates.
        const QJsonObject document = statusUntil(90, [](const QJsonObject& d) {
            for (const QString& name : {QStringLiteral("prod"), QStringLiteral("admin-laptop")}) {
                if (byName(d, QStringLiteral("peers"), name).value(QStringLiteral("rxBytesPerSecond")).isNull())
                    return false;
            }
            return true;
        });
        QVERIFY2(peerState(document, QStringLiteral("prod")) == QLatin1String("online"),
                 QJsonDocument(document).toJson().constData());
    }

    void cleanupTestCase()
    {
        if (!m_up)
            return;
        const Run down = lab({QStringLiteral("--stop")});
        QVERIFY2(down.ok(), qPrintable(down.describe()));
        const Run left = WireGuardTools::run(QStringLiteral("ip"), {QStringLiteral("netns"), QStringLiteral("list")});
        QVERIFY2(!left.out.contains("ts-"), left.out.constData());
    }

    void statusAgreesWithWgShow()
    {
        // The app's newest rate spans the two newest collector samples, taken on multiples of the interval. Two
        // wg show samples half an interval later span as long a window with as much of the collectors' own
        // writes in it; no CLI call (tunnel traffic of its own) falls into either window.
        const qint64 intervalMs = CollectorIntervalSeconds * 1000;
        const qint64 start = (QDateTime::currentMSecsSinceEpoch() / intervalMs + 1) * intervalMs;
        sleepUntil(start + intervalMs / 2);
        const qint64 firstAt = QDateTime::currentMSecsSinceEpoch();
        const QMap<QString, WgPeer> first = hubPeers();
        sleepUntil(start + intervalMs * 3 / 2);
        const qint64 secondAt = QDateTime::currentMSecsSinceEpoch();
        const QMap<QString, WgPeer> second = hubPeers();
        const QJsonObject document = status();
        const double seconds = (secondAt - firstAt) / 1000.0;

        QCOMPARE(second.size(), 2);
        for (auto it = second.cbegin(); it != second.cend(); ++it) {
            QJsonObject peer;
            for (const QJsonValue& item : document.value(QStringLiteral("peers")).toArray()) {
                if (item.toObject().value(QStringLiteral("publicKey")).toString() == it.key())
                    peer = item.toObject();
            }
            const QByteArray context = QJsonDocument(peer).toJson();
            QVERIFY2(!peer.isEmpty(), qPrintable(QStringLiteral("no peer %1 in status --json").arg(it.key())));
            QCOMPARE(peer.value(QStringLiteral("state")).toString(), QStringLiteral("online"));
            QCOMPARE(peer.value(QStringLiteral("reportedBy")).toString(), QStringLiteral("monitor11"));
            QCOMPARE(peer.value(QStringLiteral("endpoint")).toString(), it->endpoint);
            QCOMPARE(peer.value(QStringLiteral("tunnelAddresses")).toArray(), QJsonArray{it->allowedIps});
            // The collector sampled between our two wg show samples: its handshake is one of theirs.
            const qint64 handshake = QDateTime::fromString(peer.value(QStringLiteral("lastHandshake")).toString(),
                                                           Qt::ISODateWithMs).toSecsSinceEpoch();
            QVERIFY2(handshake == first.value(it.key()).latestHandshake || handshake == it->latestHandshake,
                     context.constData());
            const double rx = (it->rx - first.value(it.key()).rx) / seconds;
            const double tx = (it->tx - first.value(it.key()).tx) / seconds;
            QVERIFY2(rx > 0 && tx > 0, "no traffic through the tunnel");
            const double reportedRx = peer.value(QStringLiteral("rxBytesPerSecond")).toDouble();
            const double reportedTx = peer.value(QStringLiteral("txBytesPerSecond")).toDouble();
            QVERIFY2(within10Percent(reportedRx, rx),
                     qPrintable(QStringLiteral("rx: app %1 B/s, wg show %2 B/s\n%3").arg(reportedRx).arg(rx).arg(QString::fromUtf8(context))));
            QVERIFY2(within10Percent(reportedTx, tx),
                     qPrintable(QStringLiteral("tx: app %1 B/s, wg show %2 B/s\n%3").arg(reportedTx).arg(tx).arg(QString::fromUtf8(context))));
        }
        for (const QString& host : {QStringLiteral("prod"), QStringLiteral("monitor11"), QStringLiteral("admin-laptop")})
            QCOMPARE(byName(document, QStringLiteral("hosts"), host).value(QStringLiteral("reporting")).toString(),
                     QStringLiteral("reporting"));
    }

    void influxOutageMakesPeersUnknown()
    {
        QVERIFY(lab({QStringLiteral("--stop-service"), QStringLiteral("influxd")}).ok());
        const QJsonObject down = status();
        QCOMPARE(endpointState(down, QStringLiteral("InfluxDB")), QStringLiteral("failing"));
        const QJsonArray peers = down.value(QStringLiteral("peers")).toArray();
        QVERIFY(!peers.isEmpty());
        for (const QJsonValue& peer : peers) {
            QCOMPARE(peer.toObject().value(QStringLiteral("state")).toString(), QStringLiteral("unknown"));
            QVERIFY(peer.toObject().value(QStringLiteral("reason")).toString().contains(QLatin1String("not answering")));
        }

        const Run started = lab({QStringLiteral("--start-service"), QStringLiteral("influxd")});
        QVERIFY2(started.ok(), qPrintable(started.describe()));
        const QJsonObject up = statusUntil(60, [](const QJsonObject& d) {
            return endpointState(d, QStringLiteral("InfluxDB")) == QLatin1String("ok")
                && peerState(d, QStringLiteral("prod")) == QLatin1String("online");
        });
        QCOMPARE(endpointState(up, QStringLiteral("InfluxDB")), QStringLiteral("ok"));
        QCOMPARE(peerState(up, QStringLiteral("prod")), QStringLiteral("online"));
    }

    void lokiOutageFailsLogsAndRecovers()
    {
        QVERIFY(lab({QStringLiteral("--stop-service"), QStringLiteral("loki")}).ok());
        const QStringList logs{QStringLiteral("logs"), QStringLiteral("--host"), QStringLiteral("prod"),
                               QStringLiteral("--since"), QStringLiteral("10m")};
        const Run failing = cliOnLaptop(logs);
        QVERIFY2(failing.finished && failing.exitCode != 0, qPrintable(failing.describe()));
        const Run checkDown = cliOnLaptop({QStringLiteral("check")});
        QVERIFY2(checkDown.out.contains("FAIL  Loki"), qPrintable(checkDown.describe()));
        const QJsonObject down = status();
        QCOMPARE(endpointState(down, QStringLiteral("Loki")), QStringLiteral("failing"));
        QCOMPARE(peerState(down, QStringLiteral("prod")), QStringLiteral("online")); // InfluxDB still answers

        const Run started = lab({QStringLiteral("--start-service"), QStringLiteral("loki")});
        QVERIFY2(started.ok(), qPrintable(started.describe()));
        const Run checkUp = cliOnLaptop({QStringLiteral("check")});
        QVERIFY2(checkUp.out.contains("ok    Loki"), qPrintable(checkUp.describe()));
        // The collector kept what Loki missed and sends it with its next push.
        Run recovered;
        for (int attempt = 0; attempt < 15; ++attempt) { // at most about 30 s
            recovered = cliOnLaptop(logs);
            if (recovered.ok() && recovered.out.contains("fail2ban"))
                break;
            QThread::sleep(2);
        }
        QVERIFY2(recovered.ok() && recovered.out.contains("fail2ban"), qPrintable(recovered.describe()));
        const QJsonObject up = statusUntil(30, [](const QJsonObject& d) {
            return endpointState(d, QStringLiteral("Loki")) == QLatin1String("ok");
        });
        QCOMPARE(endpointState(up, QStringLiteral("Loki")), QStringLiteral("ok"));
    }

    void newPeerIsNeverThenOnline()
    {
        const QString name = QStringLiteral("extra");
        const Run added = lab({QStringLiteral("--add"), name});
        QVERIFY2(added.ok(), qPrintable(added.describe()));
        // The hub knows its key now, the collector is not up yet: waiting for its first handshake.
        const QJsonObject waiting = status();
        QCOMPARE(peerState(waiting, name), QStringLiteral("never"));
        const QJsonObject reported = statusUntil(30, [&name](const QJsonObject& d) {
            return !byName(d, QStringLiteral("peers"), name).value(QStringLiteral("reportedBy")).toString().isEmpty();
        });
        QCOMPARE(peerState(reported, name), QStringLiteral("never")); // now from the hub's telemetry itself

        const Run connected = lab({QStringLiteral("--connect"), name});
        QVERIFY2(connected.ok(), qPrintable(connected.describe()));
        const QJsonObject online = statusUntil(60, [&name](const QJsonObject& d) {
            return peerState(d, name) == QLatin1String("online")
                && byName(d, QStringLiteral("hosts"), name).value(QStringLiteral("reporting")).toString()
                == QLatin1String("reporting");
        });
        QCOMPARE(peerState(online, name), QStringLiteral("online"));
        QCOMPARE(byName(online, QStringLiteral("hosts"), name).value(QStringLiteral("reporting")).toString(),
                 QStringLiteral("reporting"));
        const Run logs = cliOnLaptop({QStringLiteral("logs"), QStringLiteral("--host"), name, QStringLiteral("--job"),
                                      QStringLiteral("wireguard")});
        QVERIFY2(logs.ok() && logs.out.contains("handshake"), qPrintable(logs.describe()));
    }

    void cutTunnelTurnsStaleThenOnline()
    {
        const QString prod = QStringLiteral("prod");
        QVERIFY(lab({QStringLiteral("--cut"), prod}).ok());
        const qint64 lastHandshake = hubPeers().value(byName(status(), QStringLiteral("peers"), prod)
                                                          .value(QStringLiteral("publicKey")).toString()).latestHandshake;
        QVERIFY(lastHandshake > 0);
        // WireGuard's own rule: a key older than REJECT_AFTER_TIME is unusable. At most 180 s plus a collector
        // interval and a poll from now; until then the hub's fresh reports keep saying online, never anything else.
        const int limit = PeerStateRules::OnlineLimitSeconds + 4 * CollectorIntervalSeconds;
        const QJsonObject document = statusUntil(limit, [&prod](const QJsonObject& d) {
            return peerState(d, prod) != QLatin1String("online");
        });
        QCOMPARE(peerState(document, prod), QStringLiteral("stale"));
        const QJsonObject peer = byName(document, QStringLiteral("peers"), prod);
        QVERIFY2(peer.value(QStringLiteral("handshakeAgeSeconds")).toDouble() >= PeerStateRules::OnlineLimitSeconds,
                 QJsonDocument(peer).toJson().constData());
        QVERIFY2(QDateTime::currentSecsSinceEpoch() - lastHandshake >= PeerStateRules::OnlineLimitSeconds,
                 "stale before WireGuard's 180 s");
        const QString reason = peer.value(QStringLiteral("reason")).toString();
        QVERIFY2(reason.contains(QLatin1String("last handshake")) && reason.contains(QLatin1String("min ago"))
                     && reason.contains(QLatin1String("session keys expire")),
                 qPrintable(reason));
        // prod's own collector writes through the cut tunnel: its metrics stop arriving.
        const QJsonObject host = byName(document, QStringLiteral("hosts"), prod);
        QCOMPARE(host.value(QStringLiteral("reporting")).toString(), QStringLiteral("silent"));

        QVERIFY(lab({QStringLiteral("--restore"), prod}).ok());
        qint64 newHandshake = 0;
        for (int attempt = 0; attempt < 60 && newHandshake <= lastHandshake; ++attempt) { // at most a minute
            QThread::sleep(1);
            newHandshake = hubPeers().value(peer.value(QStringLiteral("publicKey")).toString()).latestHandshake;
        }
        QVERIFY2(newHandshake > lastHandshake, "no handshake after the link came back");
        // Within one collector report and one poll of the handshake.
        const QJsonObject back = statusUntil(2 * CollectorIntervalSeconds + 5, [&prod](const QJsonObject& d) {
            return peerState(d, prod) == QLatin1String("online");
        });
        QCOMPARE(peerState(back, prod), QStringLiteral("online"));
    }
};

QTEST_GUILESS_MAIN(TestLab)
#include "TestLab.moc"
