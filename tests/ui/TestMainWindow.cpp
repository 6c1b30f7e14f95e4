// SPDX-License-Identifier: GPL-3.0-or-later
#include "DiagramTestHelpers.h"
#include "MainWindow.h"
#include "diagram/DiagramScene.h"
#include "diagram/DiagramView.h"
#include "diagram/HostCardItem.h"
#include "diagram/LegendWidget.h"
#include "diagram/TunnelEdgeItem.h"
#include "itemmodels/TopologyTreeModel.h"
#include "panels/DetailPanel.h"
#include "panels/NetworkStatusBar.h"
#include "panels/TopologyTreePanel.h"
#include "topology/TopologyFile.h"

#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QSettings>
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
    void namedSourceIsNeverDemo();
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

void TestMainWindow::namedSourceIsNeverDemo()
{
    NetworkState network(&m_clock);
    MainWindow window(&network, [](const Topology&, const QString&) { return std::unique_ptr<TelemetrySource>(); });
    window.openTopology(TopologyFile::referenceDeployment(), QStringLiteral("/nonexistent/topology.json"));
    QVERIFY(!window.view()->isDemoBannerShown());
    QVERIFY(window.networkStatusBar()->sourceText().contains(QStringLiteral("not connected")));
    QCOMPARE(window.scene()->tunnelEdge(QStringLiteral("monitor11-prod"))->stateName(), QStringLiteral("unknown"));
    QVERIFY(!window.windowTitle().contains(QStringLiteral("demo")));
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
    Topology real = TopologyFile::referenceDeployment();
    for (WireGuardInterface& wgInterface : real.interfaces)
        wgInterface.placeholderKey = false;
    for (WireGuardPeer& peer : real.peers)
        peer.placeholderKey = false;
    m_window->openTopology(real, QString());
    QVERIFY(!m_window->scene()->card(QStringLiteral("prod"))->content().address.contains(QStringLiteral("placeholder")));
    m_window->detailPanel()->showElement({DiagramElement::Kind::Tunnel, QStringLiteral("monitor11-prod")});
    const QString text = m_window->detailPanel()->overviewText();
    QVERIFY(!text.contains(QStringLiteral("placeholder")));
    QVERIFY(text.contains(prodKey));
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
