// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "diagram/DiagramExporter.h"
#include "diagram/DiagramScene.h"
#include "diagram/DiagramView.h"
#include "diagram/LegendWidget.h"
#include "panels/DetailPanel.h"
#include "panels/NetworkStatusBar.h"
#include "panels/TopologyTreePanel.h"
#include "telemetry/NetworkState.h"
#include "telemetry/TelemetrySource.h"
#include "topology/TopologyFile.h"
#include "wizards/PeerActions.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStyle>
#include <QToolBar>

namespace {

constexpr int LegendMargin = 12;

QIcon icon(const char* themeName, const char* resource)
{
    return QIcon::fromTheme(QString::fromLatin1(themeName), QIcon(QString::fromLatin1(resource)));
}

/// What the status bar says when no source can serve the topology: never demo numbers presented as live.
SourceStatus notConnected(const Topology& topology)
{
    SourceStatus status;
    status.sourceName = topology.dataSources.isEmpty() ? QStringLiteral("No data source") : topology.dataSources.constFirst().name;
    EndpointHealth influx;
    influx.name = QStringLiteral("InfluxDB");
    influx.state = EndpointHealth::State::Failing;
    influx.message = QStringLiteral("not connected (this build has no live sources yet; use --demo for demo data)");
    status.endpoints.append(influx);
    return status;
}

} // namespace

MainWindow::MainWindow(NetworkState* network, SourceFactory sourceFactory, QWidget* parent)
    : QMainWindow(parent)
    , m_network(network)
    , m_sourceFactory(std::move(sourceFactory))
    , m_scene(new DiagramScene(network, this))
    , m_view(new DiagramView(m_scene, this))
    , m_legend(new LegendWidget(&m_scene->diagramPalette(), m_view))
    , m_tree(new TopologyTreePanel(network, &m_scene->diagramPalette(), this))
    , m_details(new DetailPanel(network, &m_scene->diagramPalette(), this))
    , m_statusBar(new NetworkStatusBar(network, this))
    , m_peerActions(new PeerActions(
          network, this, [this]() -> const Topology& { return m_document; },
          [this](const Topology& topology) { return applyDocument(topology); }, this))
{
    m_scene->setDiagramPalette(palette());
    setCentralWidget(m_view);
    setStatusBar(m_statusBar);
    createDocks();
    createActions();
    m_view->installEventFilter(this);
    m_peerActions->attachToDiagram(m_view);
    connect(m_peerActions, &PeerActions::statusMessage, this, [this](const QString& message) {
        m_statusBar->showMessage(message, 6000);
    });

    connect(m_scene, &DiagramScene::elementSelected, this, &MainWindow::selectElement);
    connect(m_tree, &TopologyTreePanel::elementSelected, this, &MainWindow::selectElement);
    connect(m_scene, &DiagramScene::hostMoved, this, &MainWindow::onHostMoved);
    connect(m_network, &NetworkState::sourceStatusChanged, this, [this](const SourceStatus& status) {
        m_view->setDemoBanner(status.demo);
        updateTitle();
    });
    resize(1400, 900);
}

MainWindow::~MainWindow()
{
    if (m_source)
        m_source->stop();
}

void MainWindow::createDocks()
{
    auto* treeDock = new QDockWidget(tr("Network"), this);
    treeDock->setObjectName(QStringLiteral("networkDock"));
    treeDock->setWidget(m_tree);
    addDockWidget(Qt::LeftDockWidgetArea, treeDock);

    auto* detailDock = new QDockWidget(tr("Details"), this);
    detailDock->setObjectName(QStringLiteral("detailsDock"));
    detailDock->setWidget(m_details);
    addDockWidget(Qt::RightDockWidgetArea, detailDock);
    resizeDocks({treeDock, detailDock}, {250, 360}, Qt::Horizontal);
}

void MainWindow::createActions()
{
    QStyle* style = QApplication::style();
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(style->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open topology…"), this, &MainWindow::openFromDialog);
    open->setShortcut(QKeySequence::Open);
    QAction* save = file->addAction(style->standardIcon(QStyle::SP_DialogSaveButton), tr("&Save"), this, &MainWindow::saveFromMenu);
    save->setShortcut(QKeySequence::Save);
    QAction* saveAs = file->addAction(tr("Save &As…"), this, &MainWindow::saveAsFromDialog);
    saveAs->setShortcut(QKeySequence::SaveAs);
    file->addSeparator();
    QAction* exportPng = file->addAction(icon("image-x-generic", ":/icons/export-image.svg"), tr("Export Diagram as &PNG…"),
        this, [this] { exportFromDialog(false); });
    file->addAction(tr("Export Diagram as S&VG…"), this, [this] { exportFromDialog(true); });
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* fit = view->addAction(icon("zoom-fit-best", ":/icons/zoom-fit.svg"), tr("&Fit to Window"), m_view, &DiagramView::fitToWindow);
    fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    QAction* zoomIn = view->addAction(icon("zoom-in", ":/icons/zoom-in.svg"), tr("Zoom &In"), m_view, &DiagramView::zoomIn);
    zoomIn->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)});
    QAction* zoomOut = view->addAction(icon("zoom-out", ":/icons/zoom-out.svg"), tr("Zoom &Out"), m_view, &DiagramView::zoomOut);
    zoomOut->setShortcuts({QKeySequence::ZoomOut, QKeySequence(Qt::Key_Minus)});
    QAction* reset = view->addAction(icon("zoom-original", ":/icons/zoom-reset.svg"), tr("&Actual Size"), m_view, &DiagramView::resetZoom);
    reset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    view->addSeparator();
    m_legendAction = view->addAction(icon("help-contents", ":/icons/legend.svg"), tr("Show &Legend"));
    m_legendAction->setCheckable(true);
    m_legendAction->setChecked(true);
    connect(m_legendAction, &QAction::toggled, m_legend, &QWidget::setVisible);
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        view->addAction(dock->toggleViewAction());

    QMenu* network = menuBar()->addMenu(tr("&Network"));
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Tunnelscope"), this, &MainWindow::showAbout);

    QToolBar* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolBar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(open);
    toolbar->addAction(save);
    toolbar->addAction(exportPng);
    toolbar->addSeparator();
    toolbar->addAction(fit);
    toolbar->addAction(zoomOut);
    toolbar->addAction(zoomIn);
    toolbar->addAction(m_legendAction);
    for (QAction* action : {zoomIn, zoomOut, reset})
        action->setToolTip(action->text().remove(QLatin1Char('&')) + QStringLiteral(" (") + action->shortcut().toString(QKeySequence::NativeText) + QStringLiteral(")"));
    zoomIn->setIconText(QString());
    zoomOut->setIconText(QString());
    m_peerActions->install(file, edit, network, toolbar);
}

void MainWindow::openTopology(const Topology& topology, const QString& path)
{
    if (m_source) {
        m_source->stop();
        m_source.reset();
    }
    m_document = topology;
    m_documentPath = path;
    m_network->setTopology(topology);
    installSource();
    updateTitle();
    m_view->fitToWindow();
}

void MainWindow::installSource()
{
    m_source = m_sourceFactory ? m_sourceFactory(m_document, m_documentPath) : nullptr;
    if (!m_source) {
        m_network->applyStatus(notConnected(m_document));
        return;
    }
    m_network->setPollIntervalSeconds(m_source->pollIntervalSeconds());
    connect(m_source.get(), &TelemetrySource::snapshotReady, m_network, &NetworkState::applySnapshot);
    connect(m_source.get(), &TelemetrySource::statusChanged, m_network, &NetworkState::applyStatus);
    m_network->applyStatus(m_source->status());
    m_source->start();
}

QString MainWindow::loadFile(const QString& path)
{
    const TopologyParseResult result = TopologyFile::load(path);
    if (!result.ok())
        return TopologyError::describe(result.errors);
    openTopology(result.topology, path);
    return {};
}

QString MainWindow::applyDocument(const Topology& topology)
{
    m_document = topology;
    m_network->setTopology(topology);
    return m_documentPath.isEmpty() ? QString() : TopologyFile::save(m_documentPath, m_document);
}

QString MainWindow::saveTo(const QString& path)
{
    const QString error = TopologyFile::save(path, m_document);
    if (error.isEmpty()) {
        m_documentPath = path;
        updateTitle();
    }
    return error;
}

QString MainWindow::exportPng(const QString& path)
{
    return DiagramExporter::exportPng(m_scene, path, m_network->sourceStatus().demo);
}

QString MainWindow::exportSvg(const QString& path)
{
    return DiagramExporter::exportSvg(m_scene, path, m_network->sourceStatus().demo);
}

void MainWindow::selectElement(const DiagramElement& element)
{
    if (m_syncingSelection)
        return;
    m_syncingSelection = true;
    m_scene->select(element);
    m_tree->select(element);
    m_details->showElement(element);
    if (sender() == m_tree)
        m_view->centerOnItem(m_scene->itemFor(element));
    m_syncingSelection = false;
}

void MainWindow::onHostMoved(const QString& hostId, const QPointF& topLeft)
{
    if (Host* host = m_document.host(hostId))
        host->position = topLeft;
    // The embedded default is never written back: only a file the user opened or chose is.
    if (m_documentPath.isEmpty())
        return;
    const QString error = TopologyFile::save(m_documentPath, m_document);
    if (!error.isEmpty())
        m_statusBar->showMessage(tr("Could not save the new position: %1").arg(error), 10000);
}

void MainWindow::updateTitle()
{
    const QString name = m_documentPath.isEmpty() ? m_document.name : QFileInfo(m_documentPath).fileName();
    const QString demo = m_network->sourceStatus().demo ? tr(" — demo data") : QString();
    setWindowTitle(QStringLiteral("%1%2 — Tunnelscope").arg(name.isEmpty() ? tr("Untitled") : name, demo));
}

void MainWindow::placeLegend()
{
    const QRect area = m_view->viewport()->geometry();
    m_legend->resize(m_legend->sizeHint());
    m_legend->move(area.left() + LegendMargin, area.bottom() - m_legend->height() - LegendMargin);
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view && (event->type() == QEvent::Resize || event->type() == QEvent::Show))
        placeLegend();
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) {
        m_scene->setDiagramPalette(palette());
        m_legend->update();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::setRememberLayout(bool remember)
{
    m_rememberLayout = remember;
}

void MainWindow::restoreLayout()
{
    if (!m_rememberLayout)
        return;
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_legendAction->setChecked(settings.value(QStringLiteral("window/legend"), true).toBool());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_rememberLayout) {
        // Layout only: never a secret, never a path that could say more than the user chose to keep.
        QSettings settings;
        settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
        settings.setValue(QStringLiteral("window/state"), saveState());
        settings.setValue(QStringLiteral("window/legend"), m_legendAction->isChecked());
    }
    event->accept();
}

void MainWindow::openFromDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Topology"), QString(), tr("Tunnelscope topology (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    const QString error = loadFile(path);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Cannot open topology"),
            tr("%1 is not a usable topology; the current one stays open.\n\n%2").arg(QFileInfo(path).fileName(), error));
}

void MainWindow::saveFromMenu()
{
    if (m_documentPath.isEmpty()) {
        saveAsFromDialog();
        return;
    }
    const QString error = saveTo(m_documentPath);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Cannot save topology"), error);
    else
        m_statusBar->showMessage(tr("Saved %1").arg(m_documentPath), 4000);
}

void MainWindow::saveAsFromDialog()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save Topology As"), QStringLiteral("topology.json"), tr("Tunnelscope topology (*.json)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".json");
    const QString error = saveTo(path);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Cannot save topology"), error);
}

void MainWindow::exportFromDialog(bool svg)
{
    const QString suffix = svg ? QStringLiteral("svg") : QStringLiteral("png");
    QString path = QFileDialog::getSaveFileName(this, svg ? tr("Export Diagram as SVG") : tr("Export Diagram as PNG"),
        QStringLiteral("tunnelscope-diagram.") + suffix, svg ? tr("SVG image (*.svg)") : tr("PNG image (*.png)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + suffix;
    const QString error = svg ? exportSvg(path) : exportPng(path);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Cannot export the diagram"), error);
    else
        m_statusBar->showMessage(tr("Exported %1").arg(path), 4000);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Tunnelscope"),
        tr("<h3>Tunnelscope %1</h3><p>A live map of a WireGuard-connected monitoring network: hosts, services, "
           "the tunnel and the metrics and logs flowing through it.</p><p>Licensed under the GNU GPL v3 or later.</p>")
            .arg(QStringLiteral(TUNNELSCOPE_VERSION)));
}
