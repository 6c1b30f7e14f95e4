// SPDX-License-Identifier: GPL-3.0-or-later
#include "DiagramTestHelpers.h"
#include "MainWindow.h"
#include "support/ServerConfigTopology.h"
#include "diagram/DiagramScene.h"
#include "diagram/DiagramView.h"
#include "diagram/EdgeLabelItem.h"
#include "diagram/HostCardItem.h"
#include "diagram/LegendWidget.h"
#include "diagram/TunnelEdgeItem.h"
#include "itemmodels/TopologyTreeModel.h"
#include "panels/DetailPanel.h"
#include "panels/NetworkStatusBar.h"
#include "panels/OverviewDocument.h"
#include "panels/TopologyTreePanel.h"
#include "telemetry/PeerStateRules.h"
#include "diagram/DiagramExporter.h"
#include "topology/TopologyFile.h"
#include "topology/TopologySaveQueue.h"

#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void drawsTheDefaultTopology();
    void clickOnCardShowsDetails();
    void treeAndDiagramSelectTogether();
    void exportsPngAndSvg();
    void badFileKeepsWhatWasShown();
    void movedCardIsSavedToItsFile();
    void dragsAreSavedOnceAndAtTheLatestOnClose();
    void pngExportKeepsTheSelection();
    void pngExportIsBounded();
    void namedSourceIsNeverDemo();
    void unknownTunnelShowsNoCurrentRates();
    void overviewSaysWhichEndReported();
    void placeholderKeysAreSaidSo();

private:
    MainWindow::SourceFactory demoFactory();

    QTemporaryDir m_settings;
    ManualClock m_clock;
    std::unique_ptr<NetworkState> m_network;
    std::unique_ptr<MainWindow> m_window;
};

MainWindow::SourceFactory TestMainWindow::demoFactory()
{
    return [this](const Topology& topology, const QString&) -> std::unique_ptr<TelemetrySource> {
        return std::make_unique<DemoTelemetrySource>(topology, &m_clock);
    };
}

void TestMainWindow::initTestCase()
{
    // Never touch the user's own settings.
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
    QCoreApplication::setOrganizationName(QStringLiteral("TunnelscopeTest"));
}

void TestMainWindow::init()
{
    m_network = std::make_unique<NetworkState>(&m_clock);
    m_window = std::make_unique<MainWindow>(m_network.get(), demoFactory());
    m_window->resize(1500, 950);
    m_window->openTopology(TopologyFile::referenceDeployment(), QString());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->view()->fitToWindow();
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_network.reset();
}

void TestMainWindow::drawsTheDefaultTopology()
{
    DiagramScene* scene = m_window->scene();
    QCOMPARE(scene->cards().size(), TopologyFile::referenceDeployment().hosts.size());
    QCOMPARE(scene->tunnelEdges().size(), 2);
    QCOMPARE(scene->flowEdges().size(), 3);
    QCOMPARE(scene->tunnelEdge(QStringLiteral("monitor11-prod"))->stateName(), QStringLiteral("online"));
    QVERIFY(m_window->view()->isDemoBannerShown());
    QVERIFY(m_window->windowTitle().contains(QStringLiteral("demo")));
    QCOMPARE(m_window->networkStatusBar()->sourceText(), QStringLiteral("Demo data: ok"));
    QCOMPARE(m_window->networkStatusBar()->peersText(), QStringLiteral("2 peers: 1 online, 1 stale"));
    QVERIFY(m_window->networkStatusBar()->updatedText().startsWith(QStringLiteral("updated ")));
    QVERIFY(m_window->legend()->isVisible());
    QVERIFY(LegendWidget::entryTexts().join(QLatin1Char(' ')).contains(QStringLiteral("stale")));
}

void TestMainWindow::clickOnCardShowsDetails()
{
    DiagramView* view = m_window->view();
    HostCardItem* card = m_window->scene()->card(QStringLiteral("prod"));
    const QPoint title = view->mapFromScene(card->sceneRectOfCard().topLeft() + QPointF(60, 14));
    QVERIFY(view->viewport()->rect().contains(title));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, title);

    QVERIFY(card->isSelected());
    const DiagramElement prod{DiagramElement::Kind::Host, QStringLiteral("prod")};
    QCOMPARE(m_window->detailPanel()->element(), prod);
    QCOMPARE(m_window->detailPanel()->title(), QStringLiteral("prod.example.com"));
    const QString text = m_window->detailPanel()->overviewText();
    QVERIFY2(text.contains(QStringLiteral("10.10.0.1")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("MlDIjOnb8LlosGHEX1SbEn5OvnKt5IFr+Reqa0oY5/M=")));
    QVERIFY(text.contains(QStringLiteral("last handshake")));
    QVERIFY(text.contains(QStringLiteral("web 80/443")));
    // The reference deployment does not say when its keys were made: the age says so rather than guessing.
    QVERIFY(text.contains(QStringLiteral("Key age")));
    QVERIFY(text.contains(QStringLiteral("unknown (created before Tunnelscope tracked it)")));
    // The tree follows.
    const QModelIndex current = m_window->treePanel()->treeView()->currentIndex();
    QCOMPARE(current.data(TopologyTreeModel::IdRole).toString(), QStringLiteral("prod"));

    // A click on the background clears the selection.
    const QPoint empty = view->mapFromScene(m_window->scene()->diagramBounds().topLeft() + QPointF(5, 5));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, empty);
    QVERIFY(m_window->detailPanel()->element().isNone());
}

void TestMainWindow::treeAndDiagramSelectTogether()
{
    QTreeView* tree = m_window->treePanel()->treeView();
    const QModelIndexList found = tree->model()->match(tree->model()->index(0, 0), TopologyTreeModel::IdRole,
        QStringLiteral("monitor11"), 1, Qt::MatchExactly | Qt::MatchRecursive);
    QCOMPARE(found.size(), 1);
    tree->setCurrentIndex(found.constFirst());
    const DiagramElement monitor{DiagramElement::Kind::Host, QStringLiteral("monitor11")};
    QCOMPARE(m_window->scene()->selectedElement(), monitor);
    QVERIFY(m_window->scene()->card(monitor.id)->isSelected());
    QCOMPARE(m_window->detailPanel()->element(), monitor);

    // Diagram to tree, and a tunnel (which has no row) clears the tree's selection.
    m_window->scene()->select({DiagramElement::Kind::Host, QStringLiteral("storage")});
    QCOMPARE(tree->currentIndex().data(TopologyTreeModel::IdRole).toString(), QStringLiteral("storage"));
    m_window->scene()->select({DiagramElement::Kind::Tunnel, QStringLiteral("monitor11-prod")});
    QVERIFY(!tree->currentIndex().isValid());
    QVERIFY(m_window->detailPanel()->overviewText().contains(QStringLiteral("Client → hub")));

    // The filter keeps matching rows and their parents.
    m_window->treePanel()->filterEdit()->setText(QStringLiteral("monitor"));
    QCOMPARE(tree->model()->match(tree->model()->index(0, 0), TopologyTreeModel::IdRole, QStringLiteral("prod"), 1,
                 Qt::MatchExactly | Qt::MatchRecursive).size(), 0);
    QCOMPARE(tree->model()->match(tree->model()->index(0, 0), TopologyTreeModel::IdRole, QStringLiteral("monitor11"), 1,
                 Qt::MatchExactly | Qt::MatchRecursive).size(), 1);
}

void TestMainWindow::exportsPngAndSvg()
{
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("diagram.png"));
    const QString svg = dir.filePath(QStringLiteral("diagram.svg"));
    QCOMPARE(m_window->exportPng(png), QString());
    QCOMPARE(m_window->exportSvg(svg), QString());
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > 800);
    QSvgRenderer renderer(svg);
    QVERIFY(renderer.isValid());
    QVERIFY(renderer.defaultSize().width() > 400);
    QFile svgFile(svg);
    QVERIFY(svgFile.open(QIODevice::ReadOnly));
    QVERIFY(svgFile.readAll().contains("DEMO DATA"));
    QVERIFY(!m_window->exportPng(dir.filePath(QStringLiteral("missing/diagram.png"))).isEmpty());
}

void TestMainWindow::badFileKeepsWhatWasShown()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\n  \"format\": \"tunnelscope-topology\",\n  \"version\": 1,\n  \"hosts\": [ oops ]\n}\n");
    file.close();
    const QString error = m_window->loadFile(path);
    QVERIFY(error.contains(QStringLiteral("line 4")));
    QCOMPARE(m_window->document(), TopologyFile::referenceDeployment());
    QCOMPARE(m_window->scene()->cards().size(), TopologyFile::referenceDeployment().hosts.size());
    QVERIFY(!m_window->loadFile(dir.filePath(QStringLiteral("absent.json"))).isEmpty());
    QVERIFY(m_window->documentPath().isEmpty());
}

void TestMainWindow::movedCardIsSavedToItsFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("mine.json"));
    Topology mine = TopologyFile::referenceDeployment();
    mine.dataSources.clear(); // no named source: demo data
    QCOMPARE(TopologyFile::save(path, mine), QString());
    QCOMPARE(m_window->loadFile(path), QString());
    QCOMPARE(m_window->documentPath(), path);
    QVERIFY(m_window->view()->isDemoBannerShown());

    HostCardItem* card = m_window->scene()->card(QStringLiteral("storage"));
    card->setPos(card->pos() + QPointF(0.4, 300.3));
    m_window->scene()->commitMovedCards();
    QTRY_COMPARE(m_window->saveQueue()->writeCount(), 1); // once the dragging has paused, off the GUI thread
    const TopologyParseResult saved = TopologyFile::load(path);
    QVERIFY(saved.ok());
    QVERIFY(saved.topology.host(QStringLiteral("storage"))->position.has_value());
    const QPointF savedPosition = card->pos();
    QCOMPARE(*saved.topology.host(QStringLiteral("storage"))->position, savedPosition);

    // The embedded default is not written anywhere.
    m_window->openTopology(TopologyFile::referenceDeployment(), QString());
    m_window->scene()->card(QStringLiteral("storage"))->setPos(QPointF(5, 5));
    m_window->scene()->commitMovedCards();
    QCOMPARE(*TopologyFile::load(path).topology.host(QStringLiteral("storage"))->position, savedPosition);
}

namespace {

QStringList eventBadgeTexts(DiagramScene* scene, const QString& hostId)
{
    QStringList texts;
    for (const HostCardContent::Badge& badge : scene->card(hostId)->content().events)
        texts.append(badge.text);
    return texts;
}

} // namespace
void TestMainWindow::dragsAreSavedOnceAndAtTheLatestOnClose()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("mine.json"));
    Topology mine = TopologyFile::referenceDeployment();
    mine.dataSources.clear();
    QCOMPARE(TopologyFile::save(path, mine), QString());
    QCOMPARE(m_window->loadFile(path), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray original = file.readAll();
    file.close();

    // Three drags, each ended: no write (and no sync) on the GUI thread at each release.
    HostCardItem* card = m_window->scene()->card(QStringLiteral("storage"));
    for (int i = 1; i <= 3; ++i) {
        card->setPos(card->pos() + QPointF(40, 0));
        m_window->scene()->commitMovedCards();
    }
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), original);
    file.close();

    // Closing the window writes what waits, whatever the delay.
    const QPointF last = card->pos();
    QVERIFY(m_window->close());
    const TopologyParseResult saved = TopologyFile::load(path);
    QVERIFY(saved.ok());
    QCOMPARE(*saved.topology.host(QStringLiteral("storage"))->position, last);
}

void TestMainWindow::pngExportKeepsTheSelection()
{
    QTemporaryDir dir;
    const QString plain = dir.filePath(QStringLiteral("plain.png"));
    const QString selected = dir.filePath(QStringLiteral("selected.png"));
    QCOMPARE(m_window->exportPng(plain), QString());

    const DiagramElement prod{DiagramElement::Kind::Host, QStringLiteral("prod")};
    m_window->scene()->select(prod);
    QCOMPARE(m_window->detailPanel()->element(), prod);
    QSignalSpy selections(m_window->scene(), &QGraphicsScene::selectionChanged);
    QSignalSpy elements(m_window->scene(), &DiagramScene::elementSelected);
    QCOMPARE(m_window->exportPng(selected), QString());
    QCOMPARE(selections.size(), 0);
    QCOMPARE(elements.size(), 0);
    QVERIFY(m_window->scene()->card(prod.id)->isSelected());
    QCOMPARE(m_window->detailPanel()->element(), prod);
    // The image shows the network, not the selection.
    QCOMPARE(QImage(selected), QImage(plain));
}

void TestMainWindow::pngExportIsBounded()
{
    // A normal diagram: twice its resolution.
    const DiagramExporter::PngSize normal = DiagramExporter::pngSizeFor(QRectF(0, 0, 1500, 900));
    QCOMPARE(normal.pixels, QSize(3000, 1800));
    QVERIFY(!normal.reduced);
    // Cards dragged far apart: a square of 16,000 at twice would take 4 GiB; at most 128 MB, with a note.
    const DiagramExporter::PngSize huge = DiagramExporter::pngSizeFor(QRectF(0, 0, 16000, 16000));
    QVERIFY(huge.reduced);
    QVERIFY(qint64(huge.pixels.width()) * huge.pixels.height() <= DiagramExporter::MaxPngPixels);
    QVERIFY(huge.pixels.width() > 5000);
    // A long strip: the side limit.
    const DiagramExporter::PngSize strip = DiagramExporter::pngSizeFor(QRectF(0, 0, 100000, 300));
    QVERIFY(strip.pixels.width() <= DiagramExporter::MaxPngSide);
    QVERIFY(strip.reduced);

    // The window's own diagram, its storage dragged 30,000 px away: the file stays within the limit.
    m_window->scene()->card(QStringLiteral("storage"))->setPos(QPointF(30000, 30000));
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("far.png"));
    QCOMPARE(m_window->exportPng(png), QString());
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(qint64(image.width()) * image.height() <= DiagramExporter::MaxPngPixels);
}

void TestMainWindow::namedSourceIsNeverDemo()
{
    // A demo factory whose numbers would show, and a window that showed them a moment ago (the embedded default).
    int demoSources = 0;
    NetworkState network(&m_clock);
    MainWindow window(&network, [this, &demoSources](const Topology& topology, const QString&) {
        ++demoSources;
        return std::make_unique<DemoTelemetrySource>(topology, &m_clock);
    });
    const QString tunnelId = QStringLiteral("monitor11-prod");
    window.openTopology(TopologyFile::referenceDeployment(), QString());
    QCOMPARE(demoSources, 1);
    QCOMPARE(window.scene()->tunnelEdge(tunnelId)->stateName(), QStringLiteral("online"));
    QVERIFY(window.scene()->tunnelEdge(tunnelId)->label()->lines().join(QLatin1Char(' ')).contains(QStringLiteral("/s")));
    QVERIFY(eventBadgeTexts(window.scene(), QStringLiteral("prod")).constFirst().endsWith(QStringLiteral("/h")));

    window.openTopology(TopologyFile::referenceDeployment(), QStringLiteral("/nonexistent/topology.json"));
    QCOMPARE(demoSources, 1);
    QVERIFY(!window.view()->isDemoBannerShown());
    QVERIFY(window.networkStatusBar()->sourceText().contains(QStringLiteral("not connected")));
    QVERIFY(!window.windowTitle().contains(QStringLiteral("demo")));
    QCOMPARE(window.scene()->tunnelEdge(tunnelId)->stateName(), QStringLiteral("unknown"));
    const QString readout = window.scene()->tunnelEdge(tunnelId)->label()->lines().join(QLatin1Char(' '));
    QVERIFY2(!readout.contains(QStringLiteral("/s")), qPrintable(readout));
    QCOMPARE(eventBadgeTexts(window.scene(), QStringLiteral("prod")),
        QStringList({QStringLiteral("fail2ban –"), QStringLiteral("WireGuard –")}));
    QCOMPARE(window.networkStatusBar()->updatedText(), QStringLiteral("no update yet"));
}

void TestMainWindow::unknownTunnelShowsNoCurrentRates()
{
    const QString tunnelId = QStringLiteral("monitor11-prod");
    const TunnelState* tunnel = m_network->tunnel(tunnelId);
    QVERIFY(tunnel && tunnel->clientToHubBytesPerSecond());
    const QString rate = PeerStateRules::formatRate(*tunnel->clientToHubBytesPerSecond());
    TunnelEdgeItem* edge = m_window->scene()->tunnelEdge(tunnelId);
    QVERIFY2(edge->label()->lines().constFirst().endsWith(rate), qPrintable(edge->label()->lines().constFirst()));

    // A key the topology lacks, reported with rates by the hub.
    TelemetrySnapshot withStranger = m_network->lastSnapshot();
    PeerTelemetry stranger = withStranger.peers.constFirst();
    stranger.publicKey = QStringLiteral("c3RyYW5nZXJzdHJhbmdlcnN0cmFuZ2Vyc3RyYW5nZXI=");
    stranger.allowedIps = {QStringLiteral("10.10.0.99/32")};
    stranger.rxBytesPerSecond = 1234;
    stranger.txBytesPerSecond = 321;
    withStranger.peers.append(stranger);
    m_network->applySnapshot(withStranger);
    QCOMPARE(m_network->unknownPeers().size(), 1);

    // The InfluxDB stops answering: its last numbers stay in the state, but they are not the tunnel's now.
    SourceStatus down;
    down.sourceName = QStringLiteral("live");
    EndpointHealth influx;
    influx.name = QStringLiteral("InfluxDB");
    influx.state = EndpointHealth::State::Failing;
    influx.message = QStringLiteral("connection refused");
    down.endpoints.append(influx);
    m_network->applyStatus(down);
    tunnel = m_network->tunnel(tunnelId);
    QVERIFY(tunnel->telemetry.has_value());
    QCOMPARE(edge->stateName(), QStringLiteral("unknown"));
    QCOMPARE(edge->label()->lines(),
        QStringList({QStringLiteral("prod → monitor11  –"), QStringLiteral("← – · no current data · unknown")}));

    const QString overview = OverviewDocument::build({DiagramElement::Kind::Tunnel, tunnelId}, *m_network,
        m_window->scene()->diagramPalette()).html();
    QVERIFY2(overview.contains(QStringLiteral("<b>Client → hub</b></td><td>none current; last known %1 (").arg(rate)),
        qPrintable(overview));
    QVERIFY2(overview.contains(QStringLiteral("<b>Hub → client</b></td><td>none current; last known ")), qPrintable(overview));
    const QString taken = QLocale().toString(tunnel->telemetry->sampleTime.toLocalTime(), QLocale::ShortFormat);
    QVERIFY2(overview.contains(QStringLiteral(" at ") + taken.toHtmlEscaped()), qPrintable(overview));

    // The same for the key the topology lacks: its numbers are as old as everyone's.
    const UnknownPeer& unknownPeer = m_network->unknownPeers().constFirst();
    QCOMPARE(unknownPeer.status.state, PeerStatus::State::Unknown);
    const QString strangerPage = OverviewDocument::build({DiagramElement::Kind::UnknownPeer, unknownPeer.id}, *m_network,
        m_window->scene()->diagramPalette()).html();
    QVERIFY2(strangerPage.contains(QStringLiteral("<b>Received</b></td><td>none current; last known ")), qPrintable(strangerPage));
    QVERIFY2(strangerPage.contains(QStringLiteral("<b>Sent</b></td><td>none current; last known ")), qPrintable(strangerPage));
}

void TestMainWindow::overviewSaysWhichEndReported()
{
    const QString tunnelId = QStringLiteral("monitor11-prod");
    const auto overview = [&] {
        return OverviewDocument::build({DiagramElement::Kind::Tunnel, tunnelId}, *m_network,
            m_window->scene()->diagramPalette()).html();
    };
    QVERIFY2(overview().contains(QStringLiteral("<b>Reported by</b></td><td>monitor11 (the hub)</td>")), qPrintable(overview()));

    // The hub's collector fell silent ten minutes ago; prod's end still reports the tunnel.
    TelemetrySnapshot snapshot = m_network->lastSnapshot();
    bool clientReports = false;
    for (PeerTelemetry& peer : snapshot.peers) {
        if (peer.reportingHost == QLatin1String("monitor11"))
            peer.sampleTime = m_network->serverNow().addSecs(-600);
        else if (peer.reportingHost == QLatin1String("prod")) {
            peer.sampleTime = m_network->serverNow();
            clientReports = true;
        }
    }
    QVERIFY(clientReports);
    m_network->applySnapshot(snapshot);
    QVERIFY(!m_network->tunnel(tunnelId)->reportedByHub);
    QVERIFY2(overview().contains(QStringLiteral("<b>Reported by</b></td><td>prod (the client's end; the hub's report is 10 min old)</td>")),
        qPrintable(overview()));
}

void TestMainWindow::placeholderKeysAreSaidSo()
{
    // The reference deployment's keys are made up: its card and the Overview say so rather than pass them as real.
    const QString prodKey = QStringLiteral("MlDIjOnb8LlosGHEX1SbEn5OvnKt5IFr+Reqa0oY5/M=");
    QVERIFY(m_window->scene()->card(QStringLiteral("prod"))->content().address.contains(QStringLiteral("placeholder key")));
    m_window->detailPanel()->showElement({DiagramElement::Kind::Host, QStringLiteral("prod")});
    QVERIFY2(m_window->detailPanel()->overviewText().contains(QStringLiteral("placeholder key ") + prodKey),
        qPrintable(m_window->detailPanel()->overviewText()));
    m_window->detailPanel()->showElement({DiagramElement::Kind::Tunnel, QStringLiteral("monitor11-prod")});
    QCOMPARE(m_window->detailPanel()->overviewText().count(QStringLiteral("placeholder key")), 2); // client and hub

    // Real keys are shown as they are.
    const Topology real = topologyWithRealKeys(TopologyFile::referenceDeployment());
    m_window->openTopology(real, QString());
    QVERIFY(!m_window->scene()->card(QStringLiteral("prod"))->content().address.contains(QStringLiteral("placeholder")));
    m_window->detailPanel()->showElement({DiagramElement::Kind::Tunnel, QStringLiteral("monitor11-prod")});
    const QString text = m_window->detailPanel()->overviewText();
    QVERIFY(!text.contains(QStringLiteral("placeholder")));
    QVERIFY(text.contains(prodKey));
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
