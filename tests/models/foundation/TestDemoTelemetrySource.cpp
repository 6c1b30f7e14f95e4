// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/ManualClock.h"
#include "telemetry/DemoTelemetrySource.h"
#include "telemetry/NetworkState.h"
#include "topology/TopologyFile.h"

#include <QSignalSpy>
#include <QTest>

namespace {

const QString ProdKey = QStringLiteral("MlDIjOnb8LlosGHEX1SbEn5OvnKt5IFr+Reqa0oY5/M=");
const QString LaptopKey = QStringLiteral("j2ZvPu2i7fL9urD33PomHN0gksn//nPHyRwzGsbGvg0=");
constexpr double BytesPerSecondPerMegabyteAnHour = 1e6 / 3600.0;

const PeerTelemetry* find(const TelemetrySnapshot& snapshot, const QString& reporter, const QString& key)
{
    for (const auto& peer : snapshot.peers) {
        if (peer.reportingHost == reporter && peer.publicKey == key)
            return &peer;
    }
    return nullptr;
}

} // namespace

class TestDemoTelemetrySource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void isLabelledDemo();
    void baseRateOfProd();
    void prodUploadStaysInTheExpectedRange();
    void countersGrowWithTheRates();
    void handshakesEveryTwoMinutes();
    void aTunnelGoesStaleAndRecovers();
    void hostsReportAsExpected();
    void whoReportsWhat();
    void startEmitsStatusAndSnapshot();
    void sameSeedSameNumbers();

private:
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<DemoTelemetrySource> m_source;
};

void TestDemoTelemetrySource::init()
{
    m_clock = std::make_unique<ManualClock>();
    m_source = std::make_unique<DemoTelemetrySource>(TopologyFile::referenceDeployment(), m_clock.get());
}

void TestDemoTelemetrySource::isLabelledDemo()
{
    QVERIFY(m_source->isDemo());
    QCOMPARE(m_source->name(), QStringLiteral("Demo data"));
    const SourceStatus status = m_source->status();
    QVERIFY(status.demo);
    QVERIFY(status.telemetryUp());
    QCOMPARE(status.sourceName, QStringLiteral("Demo data"));
    QVERIFY(status.endpoints.constFirst().message.contains(QStringLiteral("not a live network")));
}

void TestDemoTelemetrySource::baseRateOfProd()
{
    // Logs 75 MB/h and metrics 7.5 MB/h: the middle of 50-100 and 5-10.
    QCOMPARE(m_source->baseUploadRate(QStringLiteral("prod")), 82.5 * BytesPerSecondPerMegabyteAnHour);
    QCOMPARE(m_source->baseUploadRate(QStringLiteral("monitor11")), 0.0); // its self-monitoring stays local
    QCOMPARE(m_source->baseUploadRate(QStringLiteral("laptop")), 0.0);
}

void TestDemoTelemetrySource::prodUploadStaysInTheExpectedRange()
{
    // Three hours every 37 s: every phase of the ten-minute swell and the one-minute ripple.
    int active = 0;
    int quiet = 0;
    for (int poll = 0; poll < 3 * 3600 / 37; ++poll) {
        const TelemetrySnapshot snapshot = m_source->takeSnapshot();
        const PeerTelemetry* prod = find(snapshot, QStringLiteral("monitor11"), ProdKey);
        QVERIFY(prod && prod->rxBytesPerSecond);
        const double megabytesAnHour = *prod->rxBytesPerSecond / BytesPerSecondPerMegabyteAnHour;
        if (megabytesAnHour == 0) {
            ++quiet;
        } else {
            ++active;
            QVERIFY2(megabytesAnHour >= 55 && megabytesAnHour <= 110, qPrintable(QString::number(megabytesAnHour)));
            QVERIFY(*prod->txBytesPerSecond > 0 && *prod->txBytesPerSecond < *prod->rxBytesPerSecond);
        }
        m_clock->advance(37);
    }
    QVERIFY(active > quiet); // quiet now and then, not mostly
    QVERIFY(quiet > 0);
}

void TestDemoTelemetrySource::countersGrowWithTheRates()
{
    TelemetrySnapshot previous = m_source->takeSnapshot();
    const PeerTelemetry* first = find(previous, QStringLiteral("monitor11"), ProdKey);
    // As if up for a day: the first counters are a day of traffic at the first rate.
    QCOMPARE(first->rxBytes, qint64(*first->rxBytesPerSecond * 86400));
    qint64 uploaded = 0;
    double expected = 0;
    for (int poll = 0; poll < 360; ++poll) { // an hour of ten-second polls
        m_clock->advance(10);
        const TelemetrySnapshot snapshot = m_source->takeSnapshot();
        for (const auto& peer : snapshot.peers) {
            const PeerTelemetry* before = find(previous, peer.reportingHost, peer.publicKey);
            QVERIFY(before);
            QVERIFY(peer.rxBytes >= before->rxBytes);
            QVERIFY(peer.txBytes >= before->txBytes);
            QVERIFY(qAbs(peer.rxBytes - before->rxBytes - *peer.rxBytesPerSecond * 10) <= 1);
            QVERIFY(qAbs(peer.txBytes - before->txBytes - *peer.txBytesPerSecond * 10) <= 1);
        }
        const PeerTelemetry* prod = find(snapshot, QStringLiteral("monitor11"), ProdKey);
        uploaded += prod->rxBytes - find(previous, QStringLiteral("monitor11"), ProdKey)->rxBytes;
        expected += *prod->rxBytesPerSecond * 10;
        previous = snapshot;
    }
    QVERIFY(qAbs(uploaded - expected) <= 360);
    // An hour from prod, its quiet window included: within the 50-110 MB the user expects.
    QVERIFY2(uploaded >= 50e6 && uploaded <= 110e6, qPrintable(QString::number(uploaded)));
}

void TestDemoTelemetrySource::handshakesEveryTwoMinutes()
{
    // Over an hour, every tunnel that is not in its quiet window has shaken hands within the last two minutes.
    QHash<QString, QDateTime> lastSeen;
    int renewals = 0;
    for (int poll = 0; poll < 3600 / 7; ++poll) {
        const TelemetrySnapshot snapshot = m_source->takeSnapshot();
        for (const auto& peer : snapshot.peers) {
            QVERIFY(peer.lastHandshake.isValid());
            QVERIFY(peer.lastHandshake <= m_clock->now());
            QCOMPARE(peer.sampleTime, m_clock->now());
            const bool quiet = *peer.rxBytesPerSecond == 0 && *peer.txBytesPerSecond == 0;
            if (!quiet)
                QVERIFY2(peer.lastHandshake.secsTo(m_clock->now()) < 120, qPrintable(peer.publicKey));
            const QString key = peer.reportingHost + peer.publicKey;
            if (lastSeen.contains(key) && lastSeen.value(key) != peer.lastHandshake) {
                ++renewals;
                QVERIFY(peer.lastHandshake > lastSeen.value(key));
            }
            lastSeen.insert(key, peer.lastHandshake);
        }
        m_clock->advance(7);
    }
    QVERIFY(renewals > 40); // three reports, about thirty handshakes an hour each, minus the quiet windows
}

void TestDemoTelemetrySource::aTunnelGoesStaleAndRecovers()
{
    NetworkState network(m_clock.get());
    network.setPollIntervalSeconds(m_source->pollIntervalSeconds());
    network.setTopology(TopologyFile::referenceDeployment());
    network.applyStatus(m_source->status());

    QHash<QString, QList<PeerStatus::State>> history; // by tunnel, each change once
    for (int poll = 0; poll < 3600 / DemoTelemetrySource::DefaultPollSeconds; ++poll) {
        network.applySnapshot(m_source->takeSnapshot());
        for (const auto& tunnel : network.tunnels()) {
            QList<PeerStatus::State>& states = history[tunnel.id];
            if (states.isEmpty() || states.constLast() != tunnel.status.state)
                states.append(tunnel.status.state);
        }
        m_clock->advance(DemoTelemetrySource::DefaultPollSeconds);
    }
    using S = PeerStatus::State;
    // The laptop starts four minutes into its quiet window: stale at once, online two minutes later.
    QCOMPARE(history.value(QStringLiteral("monitor11-laptop")).mid(0, 2), (QList<S>{S::Stale, S::Online}));
    // prod's turn comes fifteen minutes later: online, stale, online again; never offline.
    QCOMPARE(history.value(QStringLiteral("monitor11-prod")).mid(0, 3), (QList<S>{S::Online, S::Stale, S::Online}));
    for (const auto& states : history)
        QVERIFY(!states.contains(S::Offline) && !states.contains(S::Unknown) && !states.contains(S::Never));
}

void TestDemoTelemetrySource::hostsReportAsExpected()
{
    NetworkState network(m_clock.get());
    network.setPollIntervalSeconds(m_source->pollIntervalSeconds());
    network.setTopology(TopologyFile::referenceDeployment());
    network.applyStatus(m_source->status());
    using R = HostState::Reporting;
    // Every second of a minute: metrics must look current at any moment a poll may come.
    for (int second = 0; second < 60; ++second) {
        network.applySnapshot(m_source->takeSnapshot());
        QCOMPARE(network.hostState(QStringLiteral("prod")).reporting, R::Reporting);
        QCOMPARE(network.hostState(QStringLiteral("monitor11")).reporting, R::Reporting);
        QCOMPARE(network.hostState(QStringLiteral("laptop")).reporting, R::NotMonitored);
        QCOMPARE(network.hostState(QStringLiteral("storage")).reporting, R::NotMonitored);
        m_clock->advance(1);
    }
    const HostState prod = network.hostState(QStringLiteral("prod"));
    QVERIFY(prod.telemetry->uptimeSeconds && *prod.telemetry->uptimeSeconds > 86400);
    QVERIFY(prod.telemetry->cpuBusyPercent && *prod.telemetry->cpuBusyPercent < 100);
    QVERIFY(prod.logEvents); // Alloy runs there
    QVERIFY(!network.hostState(QStringLiteral("monitor11")).logEvents);
}

void TestDemoTelemetrySource::whoReportsWhat()
{
    const TelemetrySnapshot snapshot = m_source->takeSnapshot();
    // Only hosts that run Telegraf report: monitor11 for both tunnels, prod for its own; the laptop runs none.
    QCOMPARE(snapshot.peers.size(), 3);
    QVERIFY(find(snapshot, QStringLiteral("monitor11"), ProdKey));
    QVERIFY(find(snapshot, QStringLiteral("monitor11"), LaptopKey));
    const PeerTelemetry* fromProd = find(snapshot, QStringLiteral("prod"), QStringLiteral("gR68IwdtGg51Zgteb+/FwmqHnUts6RakNbPJJIu6vGI="));
    QVERIFY(fromProd);
    QCOMPARE(fromProd->keepaliveSeconds, 25);
    QCOMPARE(fromProd->endpoint, QStringLiteral("monitor11.example.com:51820"));
    QCOMPARE(snapshot.hosts.size(), 2);
    QVERIFY(snapshot.hasLogEvents);
    QCOMPARE(snapshot.takenAt, m_clock->now());
}

void TestDemoTelemetrySource::startEmitsStatusAndSnapshot()
{
    QSignalSpy snapshots(m_source.get(), &TelemetrySource::snapshotReady);
    QSignalSpy statuses(m_source.get(), &TelemetrySource::statusChanged);
    m_source->start();
    QCOMPARE(statuses.size(), 1);
    QVERIFY(statuses.at(0).at(0).value<SourceStatus>().demo);
    QCOMPARE(snapshots.size(), 1);
    m_clock->advance(2);
    m_source->pollNow();
    QCOMPARE(snapshots.size(), 2);
    QCOMPARE(snapshots.at(1).at(0).value<TelemetrySnapshot>().takenAt, m_clock->now());
    m_source->stop();
}

void TestDemoTelemetrySource::sameSeedSameNumbers()
{
    DemoTelemetrySource twin(TopologyFile::referenceDeployment(), m_clock.get());
    QCOMPARE(twin.takeSnapshot(), m_source->takeSnapshot());
}

QTEST_GUILESS_MAIN(TestDemoTelemetrySource)
#include "TestDemoTelemetrySource.moc"
