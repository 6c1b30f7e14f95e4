// SPDX-License-Identifier: GPL-3.0-or-later
// The app's own composition (MainWindow, the live factory, NetworkState) polling real servers that die and come
// back, and scripted servers for the faults a real one cannot produce. A probe timer on the GUI thread measures
// the longest the thread was kept from its event loop while each fault is handled.
#include "MainWindow.h"
#include "diagram/DiagramScene.h"
#include "diagram/HostCardItem.h"
#include "influx/InfluxTelemetrySource.h"
#include "influx/PollBackoff.h"
#include "http/HttpLimits.h"
#include "live/LokiLogEventsProvider.h"
#include "panels/NetworkStatusBar.h"
#include "sources/LiveTelemetrySourceFactory.h"
#include "support/FakeHttpServer.h"
#include "support/FakeSecretStore.h"
#include "support/InfluxServerFixture.h"
#include "support/LokiServerFixture.h"
#include "support/ManualClock.h"
#include "support/TelegrafScenario.h"
#include "support/TestRequirements.h"
#include "telemetry/DemoTelemetrySource.h"
#include "telemetry/NetworkState.h"
#include "topology/TopologyFile.h"

#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

namespace {

constexpr int PollSeconds = 2;
constexpr int BlockBudgetMs = 50;
constexpr qint64 NsPerSecond = 1000000000;
const QString Prod = QStringLiteral("prod");
const QStringList NoCounts{QStringLiteral("fail2ban –"), QStringLiteral("WireGuard –")};

/// Ticks every 10 ms on the GUI thread; the largest gap between two ticks is how long the thread was blocked.
class GuiProbe final : public QObject
{
public:
    GuiProbe()
    {
        m_timer.setInterval(10);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            m_maxGapMs = std::max(m_maxGapMs, m_sinceTick.restart());
        });
    }
    void start()
    {
        m_maxGapMs = 0;
        m_sinceTick.start();
        m_timer.start();
    }
    qint64 stop()
    {
        m_timer.stop();
        m_maxGapMs = std::max(m_maxGapMs, m_sinceTick.elapsed());
        return m_maxGapMs;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_sinceTick;
    qint64 m_maxGapMs = 0;
};

QStringList eventBadgeTexts(DiagramScene* scene, const QString& hostId)
{
    QStringList texts;
    if (HostCardItem* card = scene->card(hostId)) {
        for (const HostCardContent::Badge& badge : card->content().events)
            texts.append(badge.text);
    }
    return texts;
}

/// Appends the delay before the next try each time the source's failures in a row grow.
void recordFailureDelays(InfluxTelemetrySource* source, QObject* context, QList<int>* delays)
{
    QObject::connect(source, &TelemetrySource::statusChanged, context, [delays, source] {
        if (source->consecutiveFailures() > delays->size())
            delays->append(source->nextPollDelaySeconds());
    });
}

/// Empty when each delay is longer than the one before and none is over the cap.
QString backoffProblem(const QList<int>& delays)
{
    for (qsizetype i = 1; i < delays.size(); ++i) {
        if (delays[i] <= delays[i - 1] || delays[i] > PollBackoff::capSeconds(PollSeconds))
            return QStringLiteral("delays %1,%2").arg(delays[i - 1]).arg(delays[i]);
    }
    return {};
}

QByteArray recordedPollAnswer()
{
    QFile file(QStringLiteral(TUNNELSCOPE_TEST_DATA_DIR "/influx/poll_first_epoch_ms.json"));
    return file.open(QIODevice::ReadOnly) ? FakeHttpServer::response(200, file.readAll()) : QByteArray();
}

/**
 * A FakeHttpServer on a thread of its own, so that what the probe measures is the app: serving a body over the
 * cap copies tens of megabytes, which on the GUI thread would be the test's own block.
 */
class ServerThread final
{
public:
    ServerThread()
    {
        m_thread.start();
        m_server->moveToThread(&m_thread);
    }
    ~ServerThread()
    {
        run([this] { delete m_server.release(); });
        m_thread.quit();
        m_thread.wait(5000);
    }
    /// Runs `call` on the server's thread and waits for it.
    template <typename Call>
    void run(Call call)
    {
        QMetaObject::invokeMethod(m_server.get(), call, Qt::BlockingQueuedConnection);
    }
    FakeHttpServer* server() { return m_server.get(); }

private:
    QThread m_thread;
    std::unique_ptr<FakeHttpServer> m_server = std::make_unique<FakeHttpServer>();
};

} // namespace

class TestFaultsReal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void influxKilledAndRestarted();
    void lokiKilledAndRestarted();
    void scriptedFaults_data();
    void scriptedFaults();
    void unresolvableHost();
    void untrustedCertificate();

private:
    bool openWindow(const QUrl& influx, const QUrl& loki);
    InfluxTelemetrySource* liveSource() const { return qobject_cast<InfluxTelemetrySource*>(m_window->source()); }
    QString statusText() const { return m_window->networkStatusBar()->sourceText(); }
    void recordMaximum(const char* fault, qint64 gapMs);

    QTemporaryDir m_dir;
    ManualClock m_clock{QDateTime::currentDateTimeUtc()};
    QNetworkAccessManager m_networkAccess;
    FakeSecretStore m_store;
    std::unique_ptr<NetworkState> m_network;
    std::unique_ptr<MainWindow> m_window;
    GuiProbe m_probe;
};

void TestFaultsReal::initTestCase()
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    QCoreApplication::setOrganizationName(QStringLiteral("TunnelscopeTest"));
}

void TestFaultsReal::cleanup()
{
    m_window.reset();
    m_network.reset();
}

bool TestFaultsReal::openWindow(const QUrl& influx, const QUrl& loki)
{
    Topology topology = TopologyFile::referenceDeployment();
    DataSource& source = topology.dataSources.first();
    source.influxUrl = influx;
    source.influxAuth = DataSource::InfluxAuth::None;
    source.lokiUrl = loki;
    source.pollIntervalSeconds = PollSeconds;
    const QString path = m_dir.filePath(QStringLiteral("faults.json"));
    if (!TopologyFile::save(path, topology).isEmpty())
        return false;
    m_network = std::make_unique<NetworkState>(&m_clock);
    m_window = std::make_unique<MainWindow>(m_network.get(), [this](const Topology& shown, const QString&) {
        return std::make_unique<DemoTelemetrySource>(shown, &m_clock);
    });
    m_window->setSecretStore(&m_store);
    m_window->setLiveSourceFactory(std::make_unique<LiveTelemetrySourceFactory>(&m_networkAccess, &m_clock));
    m_window->resize(1500, 950);
    if (!m_window->loadFile(path).isEmpty())
        return false;
    m_window->show();
    return QTest::qWaitForWindowExposed(m_window.get()) && QTest::qWaitFor([this] { return liveSource() != nullptr; }, 5000);
}

void TestFaultsReal::recordMaximum(const char* fault, qint64 gapMs)
{
    qInfo("%s: GUI thread blocked at most %lld ms", fault, gapMs);
    QVERIFY2(gapMs < BlockBudgetMs, qPrintable(QStringLiteral("%1: the GUI thread was blocked for %2 ms").arg(QLatin1String(fault)).arg(gapMs)));
}

void TestFaultsReal::influxKilledAndRestarted()
{
    REQUIRE_OR_SKIP(!InfluxServerFixture::executable().isEmpty(), "influxd is not installed (Debian package influxdb)");
    InfluxServerFixture influx;
    QString error;
    QVERIFY2(influx.startWithData(QStringLiteral("telegraf"), TelegrafScenario(QDateTime::currentDateTimeUtc()).lineProtocol(), &error),
             qPrintable(error));
    QVERIFY(openWindow(influx.url(), {}));
    QTRY_VERIFY2_WITH_TIMEOUT(statusText().startsWith(QStringLiteral("InfluxDB: ok")), qPrintable(statusText()), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(m_network->summary().online > 0, 10000);
    InfluxTelemetrySource* source = liveSource();

    QList<int> delays;
    QObject context;
    recordFailureDelays(source, &context, &delays);
    m_probe.start();
    influx.kill();
    QTRY_VERIFY2_WITH_TIMEOUT(statusText().contains(QStringLiteral("InfluxDB: failing")), qPrintable(statusText()), 15000);
    QVERIFY2(statusText().contains(QStringLiteral("last good data")), qPrintable(statusText()));
    const NetworkState::Summary down = m_network->summary();
    QVERIFY(down.peers > 0);
    QTRY_COMPARE(m_network->summary().unknown, down.peers); // never online or offline on data the source no longer confirms
    QTRY_VERIFY_WITH_TIMEOUT(delays.size() >= 3, 60000);
    QVERIFY2(backoffProblem(delays).isEmpty(), qPrintable(backoffProblem(delays)));
    recordMaximum("InfluxDB killed", m_probe.stop());

    QVERIFY2(statusText().contains(QStringLiteral("checking every %1 s whether it is back").arg(PollSeconds)),
             qPrintable(statusText()));

    // The back-off now waits far longer than one interval; the probe each interval must still notice the return.
    const int backoffSeconds = source->nextPollDelaySeconds();
    QVERIFY2(backoffSeconds >= 4 * PollSeconds, qPrintable(QString::number(backoffSeconds)));
    QVERIFY2(influx.restart(&error), qPrintable(error));
    QVERIFY2(influx.write(QStringLiteral("telegraf"), TelegrafScenario(QDateTime::currentDateTimeUtc()).lineProtocol(), &error),
             qPrintable(error));
    m_probe.start();
    // One interval for the probe to notice, then one poll; the slack is for a loaded machine, well under the back-off.
    const int recoveryMs = PollSeconds * 1000 + 3000;
    QTRY_VERIFY2_WITH_TIMEOUT(statusText().startsWith(QStringLiteral("InfluxDB: ok")), qPrintable(statusText()), recoveryMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_network->summary().online > 0, 10000);
    QCOMPARE(source->consecutiveFailures(), 0);
    QCOMPARE(source->nextPollDelaySeconds(), PollSeconds);
    recordMaximum("InfluxDB restarted", m_probe.stop());
}

void TestFaultsReal::lokiKilledAndRestarted()
{
    REQUIRE_OR_SKIP(!InfluxServerFixture::executable().isEmpty(), "influxd is not installed (Debian package influxdb)");
    REQUIRE_OR_SKIP(!LokiServerFixture::executable().isEmpty(), LokiServerFixture::missingReason());
    InfluxServerFixture influx;
    LokiServerFixture loki;
    QString error;
    QVERIFY2(influx.startWithData(QStringLiteral("telegraf"), TelegrafScenario(QDateTime::currentDateTimeUtc()).lineProtocol(), &error),
             qPrintable(error));
    QVERIFY2(loki.start(&error), qPrintable(error));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY2(loki.push({{QStringLiteral("host"), Prod}, {QStringLiteral("job"), QStringLiteral("wireguard")}},
                       {{now.addSecs(-120), QStringLiteral("peer handshake")}, {now.addSecs(-60), QStringLiteral("peer handshake")}}, &error),
             qPrintable(error));
    QVERIFY2(loki.push({{QStringLiteral("host"), Prod}, {QStringLiteral("job"), QStringLiteral("fail2ban")}},
                       {{now.addSecs(-90), QStringLiteral("Ban 192.0.2.7")}}, &error),
             qPrintable(error));
    QVERIFY(openWindow(influx.url(), loki.url()));
    const QStringList counting{QStringLiteral("fail2ban 1/h"), QStringLiteral("WireGuard 2/h")};
    QTRY_COMPARE_WITH_TIMEOUT(eventBadgeTexts(m_window->scene(), Prod), counting, 20000);

    m_probe.start();
    loki.kill();
    m_clock.advance(LokiLogEventsProvider::DefaultRefreshSeconds); // the counts are due again
    QTRY_VERIFY2_WITH_TIMEOUT(statusText().contains(QStringLiteral("Loki: failing")), qPrintable(statusText()), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(eventBadgeTexts(m_window->scene(), Prod), NoCounts, 10000);
    const QString reason = m_window->scene()->card(Prod)->content().events.constFirst().toolTip;
    QVERIFY2(reason.contains(QStringLiteral("Loki is not answering")), qPrintable(reason));
    QVERIFY2(statusText().startsWith(QStringLiteral("InfluxDB: ok")), qPrintable(statusText()));
    recordMaximum("Loki killed", m_probe.stop());

    QVERIFY2(loki.restart(&error), qPrintable(error));
    m_probe.start();
    QTRY_VERIFY2_WITH_TIMEOUT(statusText().contains(QStringLiteral("Loki: ok")), qPrintable(statusText()), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(eventBadgeTexts(m_window->scene(), Prod), counting, 10000);
    recordMaximum("Loki restarted", m_probe.stop());
}

void TestFaultsReal::scriptedFaults_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("retryAfter");
    QTest::newRow("500") << FakeHttpServer::response(500, R"({"error":"boom"})") << QString() << QStringLiteral("500") << 0;
    QTest::newRow("429 Retry-After") << FakeHttpServer::response(429, "{}", {{"Retry-After", "7"}}) << QString()
                                     << QStringLiteral("429") << 7;
    QTest::newRow("503 not ready") << FakeHttpServer::response(503, "Ingester not ready", {}, "text/plain") << QString()
                                   << QStringLiteral("503") << 0;
    QTest::newRow("silence") << QByteArray() << QString() << QString() << 0;
    QTest::newRow("truncated") << FakeHttpServer::truncatedResponse(R"({"results":[{"statement_id":0,)", 4096) << QString()
                               << QString() << 0;
    QTest::newRow("garbage") << FakeHttpServer::response(200, "<html>not json</html>") << QString() << QString() << 0;
    QTest::newRow("over the cap") << FakeHttpServer::unframedResponse(HttpLimits::QueryBodyBytes + 1024) << QString()
                                  << QString() << 0;
    QTest::newRow("connection refused") << QByteArray() << QStringLiteral("refused") << QString() << 0;
}

void TestFaultsReal::scriptedFaults()
{
    QFETCH(QByteArray, answer);
    QFETCH(QString, mode);
    QFETCH(QString, expected);
    QFETCH(int, retryAfter);
    const QByteArray good = recordedPollAnswer();
    QVERIFY(!good.isEmpty());
    ServerThread thread;
    FakeHttpServer* influx = thread.server();
    bool listening = false;
    thread.run([&] { listening = influx->listenOnLoopback(); influx->setFallback(good); });
    QVERIFY(listening);
    QVERIFY(openWindow(influx->baseUrl(), {}));
    QTRY_VERIFY2_WITH_TIMEOUT(statusText().startsWith(QStringLiteral("InfluxDB: ok")), qPrintable(statusText()), 10000);
    InfluxTelemetrySource* source = liveSource();
    source->setRequestTimeoutMs(1500);

    const bool refused = mode == QLatin1String("refused");
    const quint16 port = influx->serverPort();
    m_probe.start();
    thread.run([&] {
        if (refused)
            influx->close();
        influx->setFallback(answer);
    });
    source->pollNow();
    QTRY_VERIFY2_WITH_TIMEOUT(statusText().contains(QStringLiteral("InfluxDB: failing")), qPrintable(statusText()), 10000);
    QVERIFY2(statusText().contains(QStringLiteral("last good data")), qPrintable(statusText()));
    QVERIFY2(statusText().contains(expected), qPrintable(statusText()));
    if (retryAfter > 0)
        QVERIFY2(source->nextPollDelaySeconds() >= retryAfter, qPrintable(QString::number(source->nextPollDelaySeconds())));
    QTRY_COMPARE(m_network->summary().unknown, m_network->summary().peers);
    recordMaximum(QTest::currentDataTag(), m_probe.stop());

    thread.run([&] {
        listening = !refused || influx->listen(QHostAddress::LocalHost, port);
        influx->setFallback(good);
    });
    QVERIFY(listening);
    m_probe.start();
    const int recoveryMs = (source->nextPollDelaySeconds() + PollSeconds) * 1000 + 5000;
    QTRY_VERIFY2_WITH_TIMEOUT(statusText().startsWith(QStringLiteral("InfluxDB: ok")), qPrintable(statusText()), recoveryMs);
    recordMaximum(QTest::currentDataTag(), m_probe.stop());
}

void TestFaultsReal::unresolvableHost()
{
    // The reserved .invalid TLD never resolves (RFC 6761): the lookup fails without leaving the machine.
    QVERIFY(openWindow(QUrl(QStringLiteral("http://influx.invalid:8086")), {}));
    m_probe.start();
    QTRY_VERIFY2_WITH_TIMEOUT(statusText().contains(QStringLiteral("InfluxDB: failing")), qPrintable(statusText()), 20000);
    QVERIFY2(statusText().contains(QStringLiteral("influx.invalid")) && statusText().contains(QStringLiteral("no data received yet")),
             qPrintable(statusText()));
    QTRY_COMPARE(m_network->summary().unknown, m_network->summary().peers);
    recordMaximum("unresolvable host", m_probe.stop());

    // Pointing the source at a server that answers brings the data without a restart of the app.
    FakeHttpServer influx;
    QVERIFY(influx.listenOnLoopback());
    influx.setFallback(recordedPollAnswer());
    QList<DataSource> sources = m_network->topology().dataSources;
    sources.first().influxUrl = influx.baseUrl();
    m_probe.start();
    m_window->applyDataSources(sources, sources.first().id);
    QTRY_VERIFY2_WITH_TIMEOUT(statusText().startsWith(QStringLiteral("InfluxDB: ok")), qPrintable(statusText()), 10000);
    recordMaximum("unresolvable host, then a good URL", m_probe.stop());
}

void TestFaultsReal::untrustedCertificate()
{
    const QString certificate = QStringLiteral(TUNNELSCOPE_TEST_DATA_DIR "/influx/tls/test-server.pem");
    ServerThread thread;
    FakeHttpServer* influx = thread.server();
    bool listening = false;
    thread.run([&] {
        listening = influx->useTls(certificate, QStringLiteral(TUNNELSCOPE_TEST_DATA_DIR "/influx/tls/test-server.key"))
            && influx->listenOnLoopback();
        influx->setFallback(recordedPollAnswer());
    });
    QVERIFY(listening);
    QVERIFY(openWindow(influx->baseUrl(), {})); // https, and no CA file: the self-signed certificate is not trusted
    InfluxTelemetrySource* source = liveSource();
    QList<int> delays;
    QObject context;
    recordFailureDelays(source, &context, &delays);
    m_probe.start();
    QTRY_VERIFY2_WITH_TIMEOUT(statusText().contains(QStringLiteral("InfluxDB: failing")), qPrintable(statusText()), 10000);
    QVERIFY2(statusText().contains(QStringLiteral("not trusted")) && statusText().contains(QStringLiteral("CA file"))
                 && statusText().contains(QStringLiteral("Data Sources")),
             qPrintable(statusText()));
    QTRY_COMPARE(m_network->summary().unknown, m_network->summary().peers);
    // Not a server that went away: the back-off grows as for any failure, and stays under its cap.
    QTRY_VERIFY_WITH_TIMEOUT(delays.size() >= 3, 60000);
    QVERIFY2(backoffProblem(delays).isEmpty(), qPrintable(backoffProblem(delays)));
    recordMaximum("untrusted certificate", m_probe.stop());

    // The user picks the CA file in Data Sources: the source trusts the server with no restart of the app.
    QList<DataSource> sources = m_network->topology().dataSources;
    sources.first().caFile = certificate;
    m_probe.start();
    m_window->applyDataSources(sources, sources.first().id);
    QTRY_VERIFY2_WITH_TIMEOUT(statusText().startsWith(QStringLiteral("InfluxDB: ok")), qPrintable(statusText()), 10000);
    QCOMPARE(liveSource()->consecutiveFailures(), 0);
    QCOMPARE(liveSource()->nextPollDelaySeconds(), PollSeconds);
    recordMaximum("untrusted certificate, then its CA file", m_probe.stop());
}

QTEST_MAIN(TestFaultsReal)
#include "TestFaultsReal.moc"
