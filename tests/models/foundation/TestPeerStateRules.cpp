// SPDX-License-Identifier: GPL-3.0-or-later
#include "telemetry/PeerStateRules.h"

#include <QTest>

#include <limits>

namespace {

const QDateTime Now(QDate(2026, 8, 21), QTime(10, 0), Qt::UTC);
constexpr qint64 Absent = -1; ///< in the data columns: never / no telemetry / no rate

const QString ExpectedEveryTwoMinutes = QStringLiteral("keepalive 25 s, so one was expected every 2 min");
const QString NoKeepalive = QStringLiteral("no persistent keepalive, so handshakes happen only while traffic flows");
const QString NothingReceived = QStringLiteral("; but nothing was received from it over the last interval");
const QString IdleClause = QStringLiteral("; idle: no keepalive is configured and no traffic flows, so handshakes "
                                          "pause until traffic resumes and an old one is expected");
const QString KeysExpire = QStringLiteral("; session keys expire after 9 min");
const QString KeysDropped = QStringLiteral("; WireGuard has dropped the session keys (after 9 min)");
const QString DataMissing = QStringLiteral(": the data is missing, not necessarily the peer");

} // namespace

class TestPeerStateRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void evaluate_data();
    void evaluate();
    void stateNames();
    void freshnessFollowsTheCollectorInterval();
    void handshakeAgeIgnoresTheCollectorsClock();
    void flagsText();
    void formatAge_data();
    void formatAge();
    void formatRate_data();
    void formatRate();
};

void TestPeerStateRules::evaluate_data()
{
    QTest::addColumn<qint64>("handshakeAge");  ///< seconds before now, Absent = never
    QTest::addColumn<qint64>("sampleAge");     ///< seconds before now, Absent = no telemetry at all
    QTest::addColumn<int>("keepalive");        ///< as reported by telemetry
    QTest::addColumn<int>("configuredKeepalive");
    QTest::addColumn<double>("rx");            ///< bytes/s, Absent = not known yet
    QTest::addColumn<double>("tx");
    QTest::addColumn<bool>("sourceUp");
    QTest::addColumn<PeerStatus::State>("state");
    QTest::addColumn<bool>("idle");
    QTest::addColumn<bool>("noTraffic");
    QTest::addColumn<QString>("reason");

    using S = PeerStatus::State;
    const QString neverReason = QStringLiteral("no handshake has ever completed; check the endpoint, that both sides "
                                               "have each other's public key, and that UDP 51820 gets through");
    QTest::newRow("online, keepalive") << qint64(42) << qint64(2) << 25 << 0 << 2000.0 << 300.0 << true << S::Online
                                       << false << false
                                       << QStringLiteral("last handshake 42 s ago; ") + ExpectedEveryTwoMinutes;
    QTest::newRow("online at 0 s") << qint64(0) << qint64(0) << 25 << 0 << 1.0 << 1.0 << true << S::Online << false
                                   << false << QStringLiteral("last handshake 0 s ago; ") + ExpectedEveryTwoMinutes;
    QTest::newRow("online at 179 s") << qint64(179) << qint64(2) << 25 << 0 << 1.0 << 1.0 << true << S::Online << false
                                     << false << QStringLiteral("last handshake 3 min ago; ") + ExpectedEveryTwoMinutes;
    QTest::newRow("handshake in the future counts as now")
        << qint64(-30) << qint64(2) << 25 << 0 << 1.0 << 1.0 << true << S::Online << false << false
        << QStringLiteral("last handshake 0 s ago; ") + ExpectedEveryTwoMinutes;
    QTest::newRow("keepalive from the topology") << qint64(42) << qint64(2) << 0 << 25 << 2000.0 << 300.0 << true
                                                 << S::Online << false << false
                                                 << QStringLiteral("last handshake 42 s ago; ") + ExpectedEveryTwoMinutes;
    QTest::newRow("online without keepalive") << qint64(60) << qint64(2) << 0 << 0 << 500.0 << 100.0 << true
                                              << S::Online << false << false
                                              << QStringLiteral("last handshake 60 s ago; ") + NoKeepalive;
    QTest::newRow("online, nothing received") << qint64(30) << qint64(2) << 25 << 0 << 0.0 << 120.0 << true << S::Online
                                              << false << true
                                              << QStringLiteral("last handshake 30 s ago; ") + ExpectedEveryTwoMinutes
            + NothingReceived;
    QTest::newRow("online, rates not known yet") << qint64(30) << qint64(2) << 25 << 0 << double(Absent)
                                                 << double(Absent) << true << S::Online << false << false
                                                 << QStringLiteral("last handshake 30 s ago; ") + ExpectedEveryTwoMinutes;
    QTest::newRow("online and idle") << qint64(100) << qint64(2) << 0 << 0 << 0.0 << 0.0 << true << S::Online << true
                                     << false << QStringLiteral("last handshake 2 min ago; ") + NoKeepalive + IdleClause;

    QTest::newRow("stale at 180 s") << qint64(180) << qint64(2) << 25 << 0 << 0.0 << 0.0 << true << S::Stale << false
                                    << false
                                    << QStringLiteral("last handshake 3 min ago; ") + ExpectedEveryTwoMinutes + KeysExpire;
    QTest::newRow("stale at 539 s") << qint64(539) << qint64(2) << 25 << 0 << 10.0 << 10.0 << true << S::Stale << false
                                    << false
                                    << QStringLiteral("last handshake 9 min ago; ") + ExpectedEveryTwoMinutes + KeysExpire;
    QTest::newRow("stale and idle") << qint64(300) << qint64(2) << 0 << 0 << 0.0 << 0.0 << true << S::Stale << true
                                    << false
                                    << QStringLiteral("last handshake 5 min ago; ") + NoKeepalive + KeysExpire + IdleClause;
    QTest::newRow("stale with traffic, no keepalive is not idle")
        << qint64(300) << qint64(2) << 0 << 0 << 0.0 << 50.0 << true << S::Stale << false << false
        << QStringLiteral("last handshake 5 min ago; ") + NoKeepalive + KeysExpire;

    QTest::newRow("offline at 540 s") << qint64(540) << qint64(2) << 25 << 0 << 0.0 << 0.0 << true << S::Offline
                                      << false << false << QStringLiteral("last handshake 9 min ago") + KeysDropped;
    QTest::newRow("offline for days") << qint64(3 * 86400) << qint64(2) << 25 << 0 << 0.0 << 0.0 << true << S::Offline
                                      << false << false << QStringLiteral("last handshake 3 d ago") + KeysDropped;
    QTest::newRow("offline and idle") << qint64(7200) << qint64(2) << 0 << 0 << 0.0 << 0.0 << true << S::Offline << true
                                      << false << QStringLiteral("last handshake 2 h ago") + KeysDropped + IdleClause;

    QTest::newRow("never") << Absent << qint64(2) << 25 << 0 << 0.0 << 0.0 << true << S::Never << false << false
                           << neverReason;
    QTest::newRow("never, without keepalive") << Absent << qint64(2) << 0 << 0 << 0.0 << 0.0 << true << S::Never
                                              << false << false << neverReason;

    QTest::newRow("unknown: no telemetry") << qint64(42) << Absent << 25 << 25 << 0.0 << 0.0 << true << S::Unknown
                                           << false << false
                                           << QStringLiteral("no telemetry reports this peer; is Telegraf's wireguard "
                                                             "input enabled on either end of the tunnel?");
    // Fresh up to 3 x Telegraf's default 10 s, plus 15 s for its flush and the 10 s poll interval.
    QTest::newRow("fresh at the limit") << qint64(60) << qint64(55) << 25 << 0 << 1.0 << 1.0 << true << S::Online
                                        << false << false
                                        << QStringLiteral("last handshake 60 s ago; ") + ExpectedEveryTwoMinutes;
    QTest::newRow("unknown: telemetry past the limit")
        << qint64(60) << qint64(56) << 25 << 0 << 1.0 << 1.0 << true << S::Unknown << false << false
        << QStringLiteral("the newest telemetry for this peer is 56 s old, and its collector reports every 10 s by "
                          "default (missing after 55 s)") + DataMissing;
    QTest::newRow("unknown: a never peer with old telemetry")
        << Absent << qint64(600) << 25 << 0 << 0.0 << 0.0 << true << S::Unknown << false << false
        << QStringLiteral("the newest telemetry for this peer is 10 min old, and its collector reports every 10 s by "
                          "default (missing after 55 s)") + DataMissing;
    QTest::newRow("unknown: source down")
        << qint64(42) << qint64(2) << 25 << 0 << 1.0 << 1.0 << false << S::Unknown << false << false
        << QStringLiteral("the data source is not answering (connection refused)") + DataMissing;
}

void TestPeerStateRules::evaluate()
{
    QFETCH(qint64, handshakeAge);
    QFETCH(qint64, sampleAge);
    QFETCH(int, keepalive);
    QFETCH(int, configuredKeepalive);
    QFETCH(double, rx);
    QFETCH(double, tx);
    QFETCH(bool, sourceUp);
    QFETCH(PeerStatus::State, state);
    QFETCH(bool, idle);
    QFETCH(bool, noTraffic);
    QFETCH(QString, reason);

    PeerTelemetry telemetry;
    telemetry.reportingHost = QStringLiteral("monitor11");
    telemetry.publicKey = QStringLiteral("MlDIjOnb8LlosGHEX1SbEn5OvnKt5IFr+Reqa0oY5/M=");
    if (handshakeAge != Absent)
        telemetry.lastHandshake = Now.addSecs(-handshakeAge);
    telemetry.sampleTime = Now.addSecs(-sampleAge);
    telemetry.keepaliveSeconds = keepalive;
    if (rx >= 0)
        telemetry.rxBytesPerSecond = rx;
    if (tx >= 0)
        telemetry.txBytesPerSecond = tx;

    PeerStateRules::Context context;
    context.now = Now;
    context.pollIntervalSeconds = 10;
    context.sourceUp = sourceUp;
    context.sourceProblem = sourceUp ? QString() : QStringLiteral("connection refused");
    context.configuredKeepalive = configuredKeepalive;

    const PeerStatus status = PeerStateRules::evaluate(sampleAge == Absent ? nullptr : &telemetry, context);
    QCOMPARE(status.state, state);
    QCOMPARE(status.idle, idle);
    QCOMPARE(status.noTraffic, noTraffic);
    QCOMPARE(status.reason, reason);
    const bool hasAge = state != PeerStatus::State::Never && state != PeerStatus::State::Unknown;
    QCOMPARE(status.handshakeAgeSeconds.has_value(), hasAge);
    if (hasAge)
        QCOMPARE(*status.handshakeAgeSeconds, std::max<qint64>(0, handshakeAge));
}

void TestPeerStateRules::stateNames()
{
    using S = PeerStatus::State;
    const QList<QPair<S, QString>> names{{S::Never, QStringLiteral("never")}, {S::Online, QStringLiteral("online")},
        {S::Stale, QStringLiteral("stale")}, {S::Offline, QStringLiteral("offline")},
        {S::Unknown, QStringLiteral("unknown")}};
    for (const auto& [state, name] : names) {
        QCOMPARE(PeerStatus::stateName(state), name);
        QCOMPARE(PeerStatus::stateTitle(state), name.at(0).toUpper() + name.mid(1));
    }

    // The source down without a stated problem, and telemetry that carries no time.
    PeerStateRules::Context context;
    context.now = Now;
    context.sourceUp = false;
    QCOMPARE(PeerStateRules::evaluate(nullptr, context).reason,
        QStringLiteral("the data source is not answering") + DataMissing);
    context.sourceUp = true;
    PeerTelemetry timeless;
    timeless.lastHandshake = Now;
    const PeerStatus status = PeerStateRules::evaluate(&timeless, context);
    QCOMPARE(status.state, PeerStatus::State::Unknown);
    QCOMPARE(status.reason, QStringLiteral("the telemetry for this peer carries no time, so how current it is is unknown"));
}

void TestPeerStateRules::freshnessFollowsTheCollectorInterval()
{
    QCOMPARE(PeerStateRules::freshnessLimitSeconds(0, 5), qint64(3 * 10 + 15 + 5));
    QCOMPARE(PeerStateRules::freshnessLimitSeconds(60, 10), qint64(3 * 60 + 15 + 10));
    PeerTelemetry telemetry;
    telemetry.lastHandshake = Now.addSecs(-150);
    telemetry.sampleTime = Now.addSecs(-140);
    telemetry.reportIntervalSeconds = 60;
    PeerStateRules::Context context;
    context.now = Now;
    context.pollIntervalSeconds = 5;
    QVERIFY(PeerStateRules::isFresh(telemetry, context));
    QCOMPARE(PeerStateRules::evaluate(&telemetry, context).state, PeerStatus::State::Online);
    telemetry.sampleTime = Now.addSecs(-201);
    QVERIFY(!PeerStateRules::isFresh(telemetry, context));
    const PeerStatus status = PeerStateRules::evaluate(&telemetry, context);
    QCOMPARE(status.state, PeerStatus::State::Unknown);
    QCOMPARE(status.reason, QStringLiteral("the newest telemetry for this peer is 3 min old, and its collector reports "
                                           "every 60 s (missing after 200 s)") + DataMissing);
}

void TestPeerStateRules::handshakeAgeIgnoresTheCollectorsClock()
{
    // A collector whose clock runs 10 min ahead: its sample and its handshake both carry the offset.
    PeerTelemetry telemetry;
    telemetry.sampleTime = Now.addSecs(600 - 5);
    telemetry.lastHandshake = telemetry.sampleTime.addSecs(-100);
    QCOMPARE(PeerStateRules::handshakeAgeSeconds(telemetry, Now), std::optional<qint64>(100));
    // One whose clock runs behind by 2 min: the sample is 2 min 5 s old by the server, the handshake 100 s before it.
    telemetry.sampleTime = Now.addSecs(-125);
    telemetry.lastHandshake = telemetry.sampleTime.addSecs(-100);
    QCOMPARE(PeerStateRules::handshakeAgeSeconds(telemetry, Now), std::optional<qint64>(225));
    telemetry.lastHandshake = {};
    QCOMPARE(PeerStateRules::handshakeAgeSeconds(telemetry, Now), std::nullopt);
}

void TestPeerStateRules::flagsText()
{
    PeerStatus status;
    QCOMPARE(status.flagsText(), QString());
    status.idle = true;
    QCOMPARE(status.flagsText(), QStringLiteral("idle"));
    status.idle = false;
    status.noTraffic = true;
    QCOMPARE(status.flagsText(), QStringLiteral("no traffic"));
    status.idle = true;
    QCOMPARE(status.flagsText(), QStringLiteral("idle, no traffic"));
}

void TestPeerStateRules::formatAge_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("negative") << qint64(-5) << "0 s";
    QTest::newRow("0") << qint64(0) << "0 s";
    QTest::newRow("42") << qint64(42) << "42 s";
    QTest::newRow("89") << qint64(89) << "89 s";
    QTest::newRow("90") << qint64(90) << "2 min";
    QTest::newRow("149") << qint64(149) << "2 min";
    QTest::newRow("150") << qint64(150) << "3 min";
    QTest::newRow("59 min") << qint64(59 * 60 + 29) << "59 min";
    QTest::newRow("rounds up to an hour") << qint64(59 * 60 + 30) << "1 h";
    QTest::newRow("1 h 1 min") << qint64(3660) << "1 h 1 min";
    QTest::newRow("3 h 5 min") << qint64(3 * 3600 + 5 * 60) << "3 h 5 min";
    QTest::newRow("47 h 59 min") << qint64(47 * 3600 + 59 * 60) << "47 h 59 min";
    QTest::newRow("2 d") << qint64(48 * 3600) << "2 d";
    QTest::newRow("2 d and a bit") << qint64(60 * 3600) << "2 d";
    QTest::newRow("a year") << qint64(365) * 86400 << "365 d";
}

void TestPeerStateRules::formatAge()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, text);
    QCOMPARE(PeerStateRules::formatAge(seconds), text);
}

void TestPeerStateRules::formatRate_data()
{
    QTest::addColumn<double>("bytesPerSecond");
    QTest::addColumn<QString>("text");
    QTest::newRow("0") << 0.0 << "0 B/s";
    QTest::newRow("bytes") << 999.0 << "999 B/s";
    QTest::newRow("rounds into kB") << 999.6 << "1.0 kB/s";
    QTest::newRow("1 kB") << 1000.0 << "1.0 kB/s";
    QTest::newRow("21.4 kB") << 21400.0 << "21.4 kB/s";
    QTest::newRow("99.9 kB") << 99940.0 << "99.9 kB/s";
    QTest::newRow("rounds to 100 kB") << 99960.0 << "100 kB/s";
    QTest::newRow("999 kB") << 999400.0 << "999 kB/s";
    QTest::newRow("rounds into MB") << 999999.0 << "1.0 MB/s";
    QTest::newRow("prod's logs") << 75e6 / 3600 << "20.8 kB/s";
    QTest::newRow("1.5 GB") << 1.5e9 << "1.5 GB/s";
    QTest::newRow("beyond GB") << 5e12 << "5000 GB/s";
    QTest::newRow("negative") << -1.0 << "–";
    QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << "–";
    QTest::newRow("infinite") << std::numeric_limits<double>::infinity() << "–";
}

void TestPeerStateRules::formatRate()
{
    QFETCH(double, bytesPerSecond);
    QFETCH(QString, text);
    QCOMPARE(PeerStateRules::formatRate(bytesPerSecond), text);
}

QTEST_GUILESS_MAIN(TestPeerStateRules)
#include "TestPeerStateRules.moc"
