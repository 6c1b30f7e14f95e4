// SPDX-License-Identifier: GPL-3.0-or-later
#include "DiagramTestHelpers.h"
#include "MainWindow.h"
#include "SourceTestHelpers.h"
#include "charts/ChartsTab.h"
#include "checks/ChecksPanel.h"
#include "diagram/DiagramScene.h"
#include "diagram/DiagramView.h"
#include "diagram/HostCardItem.h"
#include "diagram/TunnelEdgeItem.h"
#include "itemmodels/TopologyTreeModel.h"
#include "logs/LogPanel.h"
#include "loki/LokiClient.h"
#include "panels/DetailPanel.h"
#include "panels/HostLogsTab.h"
#include "panels/NetworkStatusBar.h"
#include "panels/TopologyTreePanel.h"
#include "sources/ActiveSourceMemory.h"
#include "sources/LiveTelemetrySourceFactory.h"
#include "sources/TelemetrySourceFactory.h"
#include "support/FakeHttpServer.h"
#include "support/LokiTestServer.h"

#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QNetworkAccessManager>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeView>

using namespace SourceTestHelpers;

namespace {

/// A live source that answers at once, standing in for InfluxTelemetrySource.
class FakeLiveSource final : public TelemetrySource
{
public:
    QString name() const override { return QStringLiteral("fake live"); }
    bool isDemo() const override { return false; }
    int pollIntervalSeconds() const override { return 10; }
    void start() override { Q_EMIT statusChanged(status()); }
    void stop() override {}
    void pollNow() override {}
    SourceStatus status() const override
    {
        SourceStatus status;
        status.sourceName = name();
        EndpointHealth influx;
        influx.name = QStringLiteral("InfluxDB");
        influx.state = EndpointHealth::State::Ok;
        status.endpoints.append(influx);
        return status;
    }
};

const DiagramElement Prod{DiagramElement::Kind::Host, QStringLiteral("prod")};
const QString Monitor11 = QStringLiteral("monitor11");
constexpr qint64 NsPerSecond = 1000000000;

/// The texts of a card's log event badges ("fail2ban 4/h", "WireGuard –").
QStringList eventBadgeTexts(DiagramScene* scene, const QString& hostId)
{
    QStringList texts;
    if (HostCardItem* card = scene->card(hostId)) {
        for (const HostCardContent::Badge& badge : card->content().events)
            texts.append(badge.text);
    }
    return texts;
}

const QStringList NoCounts{QStringLiteral("fail2ban –"), QStringLiteral("WireGuard –")};

/// An InfluxDB that answers every poll with the recorded Telegraf answer.
QByteArray recordedPollAnswer()
{
    QFile file(QStringLiteral(TUNNELSCOPE_TEST_DATA_DIR "/influx/poll_first_epoch_ms.json"));
    return file.open(QIODevice::ReadOnly) ? FakeHttpServer::response(200, file.readAll()) : QByteArray();
}

} // namespace

class TestMainWindowSources : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void logsTabFollowsSelectionWithDemoLines();
    void logsTabAsksLokiOnlyWhileVisible();
    void switchingToLiveClearsDemoNumbers();
    void toolbarComboSwitchesAndIsRememberedPerFile();
    void liveFactoryGetsTheKeychainCredentials();
    void liveSourceWithoutItsTokenIsNotStarted();
    void passwordProtectedLokiFeedsTheLiveSource();
    void sourceThatNeverStartsTakesHistoryAndChecksAlong();
    void treeShowsNamesWhole();
    void screenshotOfLogsTab();

private:
    void openWindow(const QString& path);
    void showLogsTab();
    void showOverviewTab();

    QTemporaryDir m_settings;
    QTemporaryDir m_files;
    ManualClock m_clock;
    QNetworkAccessManager m_networkAccess;
    std::unique_ptr<FakeSecretStore> m_store;
    std::unique_ptr<NetworkState> m_network;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindowSources::initTestCase()
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
    QCoreApplication::setOrganizationName(QStringLiteral("TunnelscopeTest"));
}

void TestMainWindowSources::init()
{
    m_store = std::make_unique<FakeSecretStore>();
    m_network = std::make_unique<NetworkState>(&m_clock);
    m_window = std::make_unique<MainWindow>(m_network.get(), [this](const Topology& topology, const QString&) {
        return std::make_unique<DemoTelemetrySource>(topology, &m_clock);
    });
    m_window->setSecretStore(m_store.get());
    m_window->resize(1500, 950);
}

void TestMainWindowSources::cleanup()
{
    m_window.reset();
    m_network.reset();
    m_store.reset();
}

void TestMainWindowSources::openWindow(const QString& path)
{
    if (path.isEmpty())
        m_window->openTopology(TopologyFile::referenceDeployment(), QString());
    else
        QCOMPARE(m_window->loadFile(path), QString());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindowSources::showLogsTab()
{
    m_window->detailPanel()->tabs()->setCurrentWidget(m_window->logsTab());
    QVERIFY(m_window->logsTab()->isVisible());
}

void TestMainWindowSources::showOverviewTab()
{
    m_window->detailPanel()->tabs()->setCurrentIndex(0);
    QVERIFY(!m_window->logsTab()->isVisible());
}

void TestMainWindowSources::logsTabFollowsSelectionWithDemoLines()
{
    openWindow(QString());
    QCOMPARE(m_window->detailPanel()->tabs()->tabText(m_window->detailPanel()->tabs()->indexOf(m_window->logsTab())), QStringLiteral("Logs"));
    LogPanel* panel = m_window->logsTab()->logPanel();
    m_window->scene()->select(Prod);
    QCOMPARE(m_window->logsTab()->host(), QStringLiteral("prod"));
    QCOMPARE(panel->host(), QString()); // not handed over while hidden

    showLogsTab();
    QCOMPARE(panel->host(), QStringLiteral("prod"));
    QVERIFY(panel->isDemoMode());
    QCOMPARE(panel->state(), LogPanel::State::Lines);

    // A tunnel shows its client's logs; a segment has none.
    const TunnelState* tunnel = m_network->tunnel(QStringLiteral("monitor11-prod"));
    QVERIFY(tunnel);
    m_window->scene()->select({DiagramElement::Kind::Tunnel, tunnel->id});
    QCOMPARE(panel->host(), TopologyFile::referenceDeployment().host(tunnel->clientHostId)->name);
    m_window->scene()->select({DiagramElement::Kind::Segment, QStringLiteral("public")});
    QCOMPARE(panel->host(), QString());
    QCOMPARE(panel->state(), LogPanel::State::NoHost);
}

void TestMainWindowSources::logsTabAsksLokiOnlyWhileVisible()
{
    LokiTestServer loki;
    QVERIFY(loki.listen());
    const QString path = m_files.filePath(QStringLiteral("loki.json"));
    QVERIFY(writeTopology(path, [&loki](DataSource& source) {
        source.lokiUrl = loki.url();
        source.lokiTenant = QStringLiteral("ops");
        source.lokiUser = QStringLiteral("alice");
    }));
    QVERIFY(storeSecret(*m_store, SecretKey::lokiPassword(Monitor11), "pw-loki"));
    openWindow(path);
    QCOMPARE(m_window->activeSourceId(), Monitor11); // a file with a data source uses it
    QTRY_VERIFY(m_window->logsTab()->client() != nullptr);
    QVERIFY(!m_window->logsTab()->isDemo());

    m_window->scene()->select(Prod);
    QTest::qWait(200);
    QCOMPARE(loki.requests().size(), 0); // the Overview tab is showing

    showLogsTab();
    QTRY_VERIFY(!loki.requestsTo(QStringLiteral("/loki/api/v1/query_range")).isEmpty());
    const LokiTestServer::Request request = loki.requestsTo(QStringLiteral("/loki/api/v1/query_range")).constLast();
    QVERIFY2(request.item(QStringLiteral("query")).contains(QStringLiteral("host=\"prod\"")), qPrintable(request.item(QStringLiteral("query"))));
    QCOMPARE(request.header("X-Scope-OrgID"), QByteArray("ops"));
    QCOMPARE(request.header("Authorization"), QByteArray("Basic " + QByteArray("alice:pw-loki").toBase64()));
    QTRY_VERIFY(m_window->logsTab()->logPanel()->state() != LogPanel::State::Loading);

    showOverviewTab();
    loki.clearRequests();
    m_window->scene()->select({DiagramElement::Kind::Host, QStringLiteral("storage")});
    m_window->logsTab()->logPanel()->setFollowIntervalMs(20);
    QTest::qWait(200);
    QCOMPARE(loki.requests().size(), 0);
    showLogsTab(); // one fetch for the new host when shown again
    QTRY_VERIFY(!loki.requestsTo(QStringLiteral("/loki/api/v1/query_range")).isEmpty());
    QVERIFY(loki.requestsTo(QStringLiteral("/loki/api/v1/query_range")).constLast().item(QStringLiteral("query")).contains(QStringLiteral("host=\"storage\"")));
}

void TestMainWindowSources::switchingToLiveClearsDemoNumbers()
{
    openWindow(QString());
    QVERIFY(m_window->view()->isDemoBannerShown());
    QVERIFY(m_network->lastUpdate().isValid());
    QCOMPARE(m_window->scene()->tunnelEdge(QStringLiteral("monitor11-prod"))->stateName(), QStringLiteral("online"));
    const QStringList demoCounts = eventBadgeTexts(m_window->scene(), Prod.id);
    QCOMPARE(demoCounts.size(), 2);
    QVERIFY2(demoCounts.constFirst().endsWith(QStringLiteral("/h")), qPrintable(demoCounts.join(QLatin1Char(','))));

    m_window->useSource(Monitor11); // no live factory in this build
    QVERIFY(!m_window->view()->isDemoBannerShown());
    QVERIFY2(m_window->networkStatusBar()->sourceText().contains(QStringLiteral("not connected")), qPrintable(m_window->networkStatusBar()->sourceText()));
    QVERIFY(!m_window->windowTitle().contains(QStringLiteral("demo")));
    QVERIFY(!m_network->lastUpdate().isValid());
    for (const TunnelState& tunnel : m_network->tunnels()) {
        QVERIFY(!tunnel.telemetry.has_value());
        QCOMPARE(tunnel.status.state, PeerStatus::State::Unknown);
    }
    QCOMPARE(m_network->summary().unknown, m_network->summary().peers);
    QCOMPARE(m_window->scene()->tunnelEdge(QStringLiteral("monitor11-prod"))->stateName(), QStringLiteral("unknown"));
    QCOMPARE(m_window->networkStatusBar()->updatedText(), QStringLiteral("no update yet"));
    QCOMPARE(eventBadgeTexts(m_window->scene(), Prod.id), NoCounts); // the demo's log counts are gone too

    m_window->useSource(QString());
    QVERIFY(m_window->view()->isDemoBannerShown());
    QCOMPARE(m_window->networkStatusBar()->sourceText(), QStringLiteral("Demo data: ok"));
    QCOMPARE(m_window->scene()->tunnelEdge(QStringLiteral("monitor11-prod"))->stateName(), QStringLiteral("online"));
}

void TestMainWindowSources::toolbarComboSwitchesAndIsRememberedPerFile()
{
    const QString path = m_files.filePath(QStringLiteral("remember.json"));
    QVERIFY(writeTopology(path, [](DataSource&) {}));
    openWindow(path);
    QComboBox* combo = m_window->sourceCombo();
    QCOMPARE(combo->count(), 2);
    QCOMPARE(combo->itemText(0), QStringLiteral("Demo data"));
    QCOMPARE(combo->currentData().toString(), Monitor11);

    combo->setCurrentIndex(0);
    Q_EMIT combo->activated(0);
    QCOMPARE(m_window->activeSourceId(), QString());
    QVERIFY(m_window->view()->isDemoBannerShown());
    QCOMPARE(ActiveSourceMemory::recall(path), std::optional<QString>(QString()));

    // Opened again, the file comes back on demo data; --demo wins over what a file remembers.
    QCOMPARE(m_window->loadFile(path), QString());
    QCOMPARE(m_window->activeSourceId(), QString());
    m_window->useSource(Monitor11);
    m_window->setStartWithDemo(true);
    QCOMPARE(m_window->loadFile(path), QString());
    QCOMPARE(m_window->activeSourceId(), QString());
    m_window->setStartWithDemo(false);
    QCOMPARE(m_window->loadFile(path), QString());
    QCOMPARE(m_window->activeSourceId(), Monitor11);
    QCOMPARE(combo->currentData().toString(), Monitor11);
    // The embedded default is not remembered: it always opens on demo data.
    m_window->openTopology(TopologyFile::referenceDeployment(), QString());
    QCOMPARE(m_window->activeSourceId(), QString());
}

void TestMainWindowSources::liveFactoryGetsTheKeychainCredentials()
{
    const QString path = m_files.filePath(QStringLiteral("live.json"));
    LokiTestServer loki;
    QVERIFY(loki.listen());
    QVERIFY(writeTopology(path, [&loki](DataSource& source) {
        source.influxAuth = DataSource::InfluxAuth::Token;
        source.lokiUrl = loki.url();
        source.lokiUser = QStringLiteral("alice");
    }));
    QVERIFY(storeSecret(*m_store, SecretKey::influxToken(Monitor11), "tok-live"));
    QVERIFY(storeSecret(*m_store, SecretKey::lokiPassword(Monitor11), "pw-loki-live"));
    QString seenId;
    QByteArray seenSecret;
    QString seenLokiUser;
    QByteArray seenLokiSecret;
    m_window->setLiveSourceFactory(TelemetrySourceFactory::fromFunction([&](const DataSource& source, const DataSourceCredentials& credentials) {
        seenId = source.id;
        seenSecret = QByteArray(credentials.influxSecret.constData(), credentials.influxSecret.size());
        seenLokiUser = credentials.lokiUser;
        seenLokiSecret = QByteArray(credentials.lokiSecret.constData(), credentials.lokiSecret.size());
        return std::make_unique<FakeLiveSource>();
    }));
    openWindow(path);
    QTRY_COMPARE(seenId, Monitor11);
    QCOMPARE(seenSecret, QByteArray("tok-live"));
    // The live source counts log events in Loki: it needs the Loki password as much as the Logs panel does.
    QCOMPARE(seenLokiUser, QStringLiteral("alice"));
    QCOMPARE(seenLokiSecret, QByteArray("pw-loki-live"));
    QVERIFY(m_window->logsTab()->client() && m_window->logsTab()->client()->hasCredentials());
    QVERIFY(m_window->source() && !m_window->source()->isDemo());
    QCOMPARE(m_window->networkStatusBar()->sourceText(), QStringLiteral("InfluxDB: ok"));
    QVERIFY(!m_window->view()->isDemoBannerShown());
}

void TestMainWindowSources::liveSourceWithoutItsTokenIsNotStarted()
{
    const QString path = m_files.filePath(QStringLiteral("notoken.json"));
    QVERIFY(writeTopology(path, [](DataSource& source) { source.influxAuth = DataSource::InfluxAuth::Token; }));
    int built = 0;
    m_window->setLiveSourceFactory(TelemetrySourceFactory::fromFunction([&built](const DataSource&, const DataSourceCredentials&) {
        ++built;
        return std::make_unique<FakeLiveSource>();
    }));
    openWindow(path);
    QTRY_VERIFY2(m_window->networkStatusBar()->sourceText().contains(QStringLiteral("no InfluxDB token is stored")),
        qPrintable(m_window->networkStatusBar()->sourceText()));
    QCOMPARE(built, 0);
    QVERIFY(m_window->source() == nullptr);
    QVERIFY(!m_window->view()->isDemoBannerShown());
}

void TestMainWindowSources::passwordProtectedLokiFeedsTheLiveSource()
{
    FakeHttpServer influx;
    QVERIFY(influx.listenOnLoopback());
    influx.setFallback(recordedPollAnswer());
    LokiTestServer loki;
    QVERIFY(loki.listen());
    loki.setRequireBasicAuth("alice", "pw-loki");
    const qint64 nowNs = m_clock.now().toMSecsSinceEpoch() * 1000000;
    loki.setEntries(LokiTestServer::generatedEntries(45, nowNs - 120 * NsPerSecond, 1));
    const QString path = m_files.filePath(QStringLiteral("protected-loki.json"));
    QVERIFY(writeTopology(path, [&](DataSource& source) {
        source.influxUrl = influx.baseUrl();
        source.influxAuth = DataSource::InfluxAuth::None;
        source.lokiUrl = loki.url();
        source.lokiUser = QStringLiteral("alice");
    }));
    QVERIFY(storeSecret(*m_store, SecretKey::lokiPassword(Monitor11), "pw-loki"));
    // The app's own factory, so the credentials take the same way as in tunnelscope.
    m_window->setLiveSourceFactory(std::make_unique<LiveTelemetrySourceFactory>(&m_networkAccess, &m_clock));
    openWindow(path);

    QTRY_VERIFY2(m_window->networkStatusBar()->sourceText().contains(QStringLiteral("Loki: ok")),
        qPrintable(m_window->networkStatusBar()->sourceText()));
    QVERIFY2(m_window->networkStatusBar()->sourceText().startsWith(QStringLiteral("InfluxDB: ok")),
        qPrintable(m_window->networkStatusBar()->sourceText()));
    QTRY_VERIFY2(eventBadgeTexts(m_window->scene(), Prod.id).constFirst().endsWith(QStringLiteral("/h")),
        qPrintable(eventBadgeTexts(m_window->scene(), Prod.id).join(QLatin1Char(','))));
    const HostState prod = m_network->hostState(Prod.id);
    QVERIFY(prod.logEvents && prod.logEvents->wireguardEvents > 0);
    QCOMPARE(eventBadgeTexts(m_window->scene(), Prod.id),
        QStringList({QStringLiteral("fail2ban %1/h").arg(prod.logEvents->fail2banEvents),
            QStringLiteral("WireGuard %1/h").arg(prod.logEvents->wireguardEvents)}));
    const QByteArray expected = "Basic " + QByteArray("alice:pw-loki").toBase64();
    for (const LokiTestServer::Request& request : loki.requests())
        QCOMPARE(request.header("Authorization"), expected);
    // The Logs panel's own client has the password too.
    QVERIFY(m_window->logsTab()->client() && m_window->logsTab()->client()->hasCredentials());

    // Loki going down takes the counts away instead of leaving the last ones as if current.
    loki.setFault(LokiTestServer::Fault::ServerError);
    m_clock.advance(2 * 3600);
    m_window->source()->pollNow();
    QTRY_VERIFY2(m_window->networkStatusBar()->sourceText().contains(QStringLiteral("Loki: failing")),
        qPrintable(m_window->networkStatusBar()->sourceText()));
    QTRY_COMPARE(eventBadgeTexts(m_window->scene(), Prod.id), NoCounts);
    const HostCardItem* card = m_window->scene()->card(Prod.id);
    QVERIFY2(card->content().events.constFirst().toolTip.contains(QStringLiteral("Loki is not answering")),
        qPrintable(card->content().events.constFirst().toolTip));
}

void TestMainWindowSources::sourceThatNeverStartsTakesHistoryAndChecksAlong()
{
    FakeHttpServer influx;
    QVERIFY(influx.listenOnLoopback());
    influx.setFallback(recordedPollAnswer());
    const QString path = m_files.filePath(QStringLiteral("two-sources.json"));
    Topology topology = TopologyFile::referenceDeployment();
    topology.dataSources.first().influxUrl = influx.baseUrl();
    topology.dataSources.first().influxAuth = DataSource::InfluxAuth::None;
    topology.dataSources.first().lokiUrl.clear();
    DataSource tokenless = topology.dataSources.first();
    tokenless.id = QStringLiteral("backup");
    tokenless.name = QStringLiteral("backup");
    tokenless.influxAuth = DataSource::InfluxAuth::Token; // and no token in the keychain: it never starts
    topology.dataSources.append(tokenless);
    QCOMPARE(TopologyFile::save(path, topology), QString());
    m_window->setLiveSourceFactory(std::make_unique<LiveTelemetrySourceFactory>(&m_networkAccess, &m_clock));
    openWindow(path);
    QTRY_VERIFY(m_window->source() != nullptr);
    QVERIFY(!m_window->checksPanel()->isDemo());
    m_window->scene()->select({DiagramElement::Kind::Tunnel, QStringLiteral("monitor11-prod")});
    m_window->detailPanel()->tabs()->setCurrentWidget(m_window->chartsTab());
    QTRY_VERIFY(m_window->chartsTab()->chart()->state() != PeerHistoryChart::State::Loading);

    m_window->useSource(QStringLiteral("backup"));
    QTRY_VERIFY2(m_window->networkStatusBar()->sourceText().contains(QStringLiteral("no InfluxDB token is stored")),
        qPrintable(m_window->networkStatusBar()->sourceText()));
    QVERIFY(m_window->source() == nullptr);
    // Nothing may still ask the first source's InfluxDB in the name of this one.
    QVERIFY(m_window->checksPanel()->isDemo());
    QCOMPARE(m_window->chartsTab()->chart()->messageText(), QStringLiteral("No telemetry source to ask for history"));
}

void TestMainWindowSources::treeShowsNamesWhole()
{
    openWindow(QString());
    QTreeView* tree = m_window->treePanel()->treeView();
    const int nameWidth = tree->header()->sectionSize(TopologyTreeModel::NameColumn);
    QAbstractItemModel* model = tree->model();
    std::function<void(const QModelIndex&, int)> check = [&](const QModelIndex& parent, int depth) {
        for (int row = 0; row < model->rowCount(parent); ++row) {
            const QModelIndex index = model->index(row, TopologyTreeModel::NameColumn, parent);
            const int needed = tree->indentation() * (depth + 1) + tree->sizeHintForIndex(index).width();
            QVERIFY2(needed <= nameWidth, qPrintable(QStringLiteral("%1 needs %2 px, has %3").arg(index.data().toString()).arg(needed).arg(nameWidth)));
            check(index, depth + 1);
        }
    };
    check(QModelIndex(), 0);
}

void TestMainWindowSources::screenshotOfLogsTab()
{
    // For looking at it: TUNNELSCOPE_SCREENSHOT_DIR=/tmp ctest -R TestMainWindowSources
    const QString directory = qEnvironmentVariable("TUNNELSCOPE_SCREENSHOT_DIR");
    if (directory.isEmpty())
        QSKIP("TUNNELSCOPE_SCREENSHOT_DIR is not set");
    m_window->resize(1600, 1000);
    openWindow(QString());
    m_window->scene()->select(Prod);
    showLogsTab();
    m_window->view()->fitToWindow();
    QTest::qWait(50);
    QVERIFY(m_window->grab().save(directory + QStringLiteral("/logs-tab.png")));
}

QTEST_MAIN(TestMainWindowSources)
#include "TestMainWindowSources.moc"
