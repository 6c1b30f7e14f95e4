// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"
#include "charts/ChartsTab.h"
#include "checks/ChecksPanel.h"
#include "core/SystemClock.h"
#include "http/PlainHttpExposure.h"
#include "influx/InfluxTelemetrySource.h"
#include "live/DemoHistoryProvider.h"
#include "live/InfluxHistoryProvider.h"
#include "live/LiveSourceBuilder.h"

#include "diagram/DiagramExporter.h"
#include "diagram/DiagramScene.h"
#include "diagram/DiagramView.h"
#include "diagram/LegendWidget.h"
#include "panels/DetailPanel.h"
#include "panels/HostLogsTab.h"
#include "panels/NetworkStatusBar.h"
#include "panels/TopologyTreePanel.h"
#include "settings/DataSourcesDialog.h"
#include "sources/ActiveSourceMemory.h"
#include "sources/SourceSelector.h"
#include "telemetry/NetworkState.h"
#include "telemetry/TelemetrySource.h"
#include "topology/TopologyFile.h"
#include "topology/TopologySaveQueue.h"
#include "welcome/StartActions.h"
#include "welcome/StartupMemory.h"
#include "wizards/PeerActions.h"

#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStyle>
#include <QToolBar>

namespace {

constexpr int LegendMargin = 12;
constexpr int DetailDockWidth = 380;
constexpr int MaxTreeDockWidth = 420;

QIcon icon(const char* themeName, const char* resource)
{
    return QIcon::fromTheme(QString::fromLatin1(themeName), QIcon(QString::fromLatin1(resource)));
}

} // namespace

MainWindow::MainWindow(NetworkState* network, SourceFactory demoSourceFactory, QWidget* parent)
    : QMainWindow(parent)
    , m_network(network)
    , m_selector(new SourceSelector(network, std::move(demoSourceFactory), this))
    , m_scene(new DiagramScene(network, this))
    , m_view(new DiagramView(m_scene, this))
    , m_legend(new LegendWidget(&m_scene->diagramPalette(), m_view))
    , m_tree(new TopologyTreePanel(network, &m_scene->diagramPalette(), this))
    , m_details(new DetailPanel(network, &m_scene->diagramPalette(), this))
    , m_statusBar(new NetworkStatusBar(network, this))
    , m_peerActions(new PeerActions(
          network, this, [this]() -> const Topology& { return m_document; },
          [this](const Topology& topology) { return applyDocument(topology); }, this))
    , m_logs(new HostLogsTab(this))
    , m_charts(new ChartsTab(network, this))
    , m_checks(new ChecksPanel(this))
    , m_networkAccess(new QNetworkAccessManager(this))
    , m_saves(new TopologySaveQueue(this))
{
    m_scene->setDiagramPalette(palette());
    m_start = new StartActions(this, m_view,
        {[this](const QString& path) { return loadFile(path); },
            [this] { openTopology(TopologyFile::referenceDeployment(), QString()); }},
        this);
    setCentralWidget(m_start->centralWidget());
    setStatusBar(m_statusBar);
    m_details->addTab(m_charts, tr("Charts"));
    m_details->addTab(m_logs, tr("Logs"));
    m_checks->setDiagram(m_scene);
    connect(m_details, &DetailPanel::elementChanged, m_charts, &ChartsTab::showElement);
    createDocks();
    createActions();
    m_view->installEventFilter(this);
    m_peerActions->attachToDiagram(m_view);
    m_peerActions->setNewTopologyHook([this](const QString& path) { return m_start->newFromServerConfig(path); });
    connect(m_peerActions, &PeerActions::statusMessage, this, [this](const QString& message) {
        m_statusBar->showMessage(message, 6000);
    });
    connect(m_start, &StartActions::statusMessage, this, [this](const QString& message) {
        m_statusBar->showMessage(message, 6000);
    });

    connect(m_scene, &DiagramScene::elementSelected, this, &MainWindow::selectElement);
    connect(m_tree, &TopologyTreePanel::elementSelected, this, &MainWindow::selectElement);
    connect(m_scene, &DiagramScene::hostMoved, this, &MainWindow::onHostMoved);
    connect(m_saves, &TopologySaveQueue::saved, this, &MainWindow::onPositionsSaved);
    connect(m_network, &NetworkState::sourceStatusChanged, this, [this](const SourceStatus& status) {
        m_view->setDemoBanner(status.demo);
        updateTitle();
    });
    connect(m_selector, &SourceSelector::logsSourceChanged, this, &MainWindow::showLogsSource);
    connect(m_selector, &SourceSelector::sourceChanged, this, &MainWindow::followSourceForHistoryAndChecks);
    resize(1400, 900);
}

MainWindow::~MainWindow()
{
    m_saves->flush(); // closeEvent normally did; a window deleted without closing must not lose a move either
    m_selector->stop();
}

void MainWindow::setSecretStore(SecretStore* store)
{
    m_selector->setSecretStore(store);
    m_peerActions->setSecretStore(store);
}

void MainWindow::setLiveSourceFactory(std::unique_ptr<TelemetrySourceFactory> factory)
{
    m_selector->setLiveFactory(std::move(factory));
}

TelemetrySource* MainWindow::source() const
{
    return m_selector->source();
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
    resizeDocks({treeDock, detailDock}, {MaxTreeDockWidth * 2 / 3, DetailDockWidth}, Qt::Horizontal);

    auto* checksDock = new QDockWidget(tr("Checks"), this);
    checksDock->setObjectName(QStringLiteral("checksDock"));
    checksDock->setWidget(m_checks);
    addDockWidget(Qt::BottomDockWidgetArea, checksDock);
    checksDock->hide(); // shown by Tools → Run checks or View → Checks
}

void MainWindow::runChecks()
{
    if (auto* dock = findChild<QDockWidget*>(QStringLiteral("checksDock")))
        dock->show();
    m_checks->runChecks();
}

void MainWindow::followSourceForHistoryAndChecks()
{
    TelemetrySource* running = m_selector->source();
    m_charts->setProvider(nullptr);
    m_history.reset();
    auto* influx = qobject_cast<InfluxTelemetrySource*>(running);
    if (influx) {
        // The running source's connection already holds the credentials read from the keychain: no second read.
        const InfluxConnection connection = influx->client()->connection();
        m_history = std::make_unique<InfluxHistoryProvider>(connection, m_networkAccess, SystemClock::instance());
        QPointer<LokiClient> loki = m_selector->lokiClient();
        const Topology topology = m_document;
        m_checks->setLiveChecks([this, connection, loki, topology] {
            return LiveSourceBuilder(m_networkAccess, SystemClock::instance()).checks(topology, connection, loki.data());
        }, topology);
    } else {
        if (running && running->isDemo())
            m_history = std::make_unique<DemoHistoryProvider>(m_document, SystemClock::instance());
        m_checks->setDemo(running && running->isDemo() ? ChecksPanel::DemoMessage
                                                       : tr("No live source is running: nothing to check"));
    }
    m_charts->setProvider(m_history.get());
}

void MainWindow::createActions()
{
    QStyle* style = QApplication::style();
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(style->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open topology…"), m_start, &StartActions::openTopologyFile);
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
    m_legend->setNetwork(m_network);
    connect(m_legendAction, &QAction::toggled, m_legend, &QWidget::setVisible);
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        view->addAction(dock->toggleViewAction());

    QMenu* network = menuBar()->addMenu(tr("&Network"));
    QAction* sources = network->addAction(QIcon::fromTheme(QStringLiteral("network-server"), style->standardIcon(QStyle::SP_DriveNetIcon)),
        tr("&Data Sources…"), this, &MainWindow::editDataSources);
    sources->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    sources->setToolTip(tr("InfluxDB and Loki connections, passwords in the keychain (%1)").arg(sources->shortcut().toString(QKeySequence::NativeText)));

    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    QAction* runChecks = tools->addAction(QIcon::fromTheme(QStringLiteral("view-refresh")), tr("Run &Checks"), this, &MainWindow::runChecks);
    runChecks->setShortcut(QKeySequence(Qt::Key_F5));
    runChecks->setToolTip(tr("Test from this computer that InfluxDB, Loki and the S3 storage answer (F5)"));

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
    toolbar->addSeparator();
    auto* sourceLabel = new QLabel(tr("Source: "), toolbar);
    m_sourceCombo = new QComboBox(toolbar);
    m_sourceCombo->setObjectName(QStringLiteral("sourceCombo"));
    m_sourceCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_sourceCombo->setToolTip(tr("Where the live numbers come from: demo data or one of the topology's data sources"));
    sourceLabel->setBuddy(m_sourceCombo);
    toolbar->addWidget(sourceLabel);
    toolbar->addWidget(m_sourceCombo);
    toolbar->addAction(sources);
    connect(m_sourceCombo, &QComboBox::activated, this, [this] { useSource(m_sourceCombo->currentData().toString()); });
    for (QAction* action : {zoomIn, zoomOut, reset})
        action->setToolTip(action->text().remove(QLatin1Char('&')) + QStringLiteral(" (") + action->shortcut().toString(QKeySequence::NativeText) + QStringLiteral(")"));
    zoomIn->setIconText(QString());
    zoomOut->setIconText(QString());
    m_peerActions->install(file, edit, network, toolbar);
    m_start->install(file, {findChild<QDockWidget*>(QStringLiteral("networkDock")),
        findChild<QDockWidget*>(QStringLiteral("detailsDock")), findChild<QDockWidget*>(QStringLiteral("checksDock")), toolbar, m_statusBar});
}

void MainWindow::showWelcome(const QString& notice)
{
    m_start->showWelcome(notice);
    setWindowTitle(tr("Welcome — Tunnelscope"));
}

void MainWindow::openTopology(const Topology& topology, const QString& path)
{
    // Moves of the previous document go to its own file before anything else is shown.
    if (const QString error = m_saves->flush(); !error.isEmpty())
        QMessageBox::warning(this, tr("Cannot save topology"), tr("The cards' new positions are not saved:\n%1").arg(error));
    m_start->showDiagram();
    StartupMemory::rememberTopology(path);
    m_selector->stop();
    m_document = topology;
    m_documentPath = path;
    m_network->setTopology(topology);
    if (!m_docksSized) {
        // The tree's names decide the left dock's first width; after that it is the user's (and remembered).
        m_docksSized = true;
        auto* treeDock = findChild<QDockWidget*>(QStringLiteral("networkDock"));
        resizeDocks({treeDock}, {std::min(m_tree->preferredWidth(), MaxTreeDockWidth)}, Qt::Horizontal);
    }
    rebuildSourceCombo();
    m_selector->select(m_document, m_documentPath, initialSourceId());
    rebuildSourceCombo();
    updateTitle();
    m_view->fitToWindow();
}

QString MainWindow::initialSourceId() const
{
    if (m_startWithDemo)
        return {};
    const std::optional<QString> remembered = ActiveSourceMemory::recall(m_documentPath);
    if (remembered && (remembered->isEmpty() || m_document.dataSource(*remembered)))
        return *remembered;
    // The embedded default draws demo data until the user saves it with a data source of their own.
    if (m_documentPath.isEmpty() || m_document.dataSources.isEmpty())
        return {};
    return m_document.dataSources.constFirst().id;
}

QString MainWindow::activeSourceId() const
{
    return m_selector->activeId();
}

void MainWindow::useSource(const QString& sourceId)
{
    m_selector->select(m_document, m_documentPath, sourceId);
    ActiveSourceMemory::remember(m_documentPath, m_selector->activeId());
    rebuildSourceCombo();
    updateTitle();
}

void MainWindow::rebuildSourceCombo()
{
    const QSignalBlocker blocker(m_sourceCombo);
    m_sourceCombo->clear();
    m_sourceCombo->addItem(tr("Demo data"), QString());
    for (const DataSource& source : std::as_const(m_document.dataSources))
        m_sourceCombo->addItem(source.name, source.id);
    m_sourceCombo->setCurrentIndex(std::max(0, m_sourceCombo->findData(m_selector->activeId())));
}

void MainWindow::showLogsSource()
{
    m_logs->setSource(m_selector->isDemo(), m_selector->lokiClient());
}

QString MainWindow::hostTagFor(const DiagramElement& element) const
{
    // Alloy labels lines with the host's name: the inverse of NetworkState::hostIdForTag.
    QString hostId;
    if (element.kind == DiagramElement::Kind::Host)
        hostId = element.id;
    else if (const TunnelState* tunnel = element.kind == DiagramElement::Kind::Tunnel ? m_network->tunnel(element.id) : nullptr)
        hostId = tunnel->clientHostId;
    const Host* host = hostId.isEmpty() ? nullptr : m_document.host(hostId);
    return host ? host->name : QString();
}

QString MainWindow::applyDataSources(const QList<DataSource>& sources, const QString& activeSourceId)
{
    m_document.dataSources = sources;
    QString error;
    if (!m_documentPath.isEmpty())
        error = m_saves->saveNow(m_documentPath, m_document);
    // Restarted even when the choice stays: its URLs or credentials may have changed.
    useSource(activeSourceId);
    return error;
}

void MainWindow::editDataSources()
{
    auto* dialog = new DataSourcesDialog(m_document.dataSources, activeSourceId(), m_selector->secretStore(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setTunnelCidrs(PlainHttpExposure::tunnelCidrs(m_document));
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString error = applyDataSources(dialog->dataSources(), dialog->activeSourceId());
        if (!error.isEmpty())
            QMessageBox::warning(this, tr("Cannot save topology"), tr("The data sources are in use but not saved:\n%1").arg(error));
        else if (m_documentPath.isEmpty())
            offerSaveAs();
        else
            m_statusBar->showMessage(tr("Saved the data sources to %1").arg(m_documentPath), 4000);
    });
    dialog->open();
}

void MainWindow::offerSaveAs()
{
    QMessageBox question(QMessageBox::Question, tr("Keep the data sources?"),
        tr("The built-in reference deployment cannot be changed, so these data sources last only for this session. "
           "Save the topology as a file of your own to keep them?"),
        QMessageBox::NoButton, this);
    QPushButton* saveAs = question.addButton(tr("Save As…"), QMessageBox::AcceptRole);
    question.addButton(tr("Not Now"), QMessageBox::RejectRole);
    question.setDefaultButton(saveAs);
    question.exec();
    if (question.clickedButton() == saveAs) {
        saveAsFromDialog();
        ActiveSourceMemory::remember(m_documentPath, activeSourceId());
    }
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
    return m_documentPath.isEmpty() ? QString() : m_saves->saveNow(m_documentPath, m_document);
}

QString MainWindow::saveTo(const QString& path)
{
    const QString error = m_saves->saveNow(path, m_document);
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
    m_logs->setHost(hostTagFor(element));
    if (sender() == m_tree)
        m_view->centerOnItem(m_scene->itemFor(element));
    m_syncingSelection = false;
}

void MainWindow::onHostMoved(const QString& hostId, const QPointF& topLeft)
{
    if (Host* host = m_document.host(hostId))
        host->position = topLeft;
    // The embedded default is never written back: only a file the user opened or chose is. Every drag would
    // write and sync the whole file on the GUI thread: the queue writes once the dragging pauses, on a worker.
    if (!m_documentPath.isEmpty())
        m_saves->schedule(m_documentPath, m_document);
}

void MainWindow::onPositionsSaved(const QString&, const QString& error)
{
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
    if (const QString error = m_saves->flush(); !error.isEmpty())
        QMessageBox::warning(this, tr("Cannot save topology"),
            tr("The cards' new positions could not be saved; the file keeps the old ones.\n%1").arg(error));
    // The welcome page hides the docks: that is not the layout to come back to.
    if (m_rememberLayout && !m_start->isWelcomeShown()) {
        // Layout only: never a secret, never a path that could say more than the user chose to keep.
        QSettings settings;
        settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
        settings.setValue(QStringLiteral("window/state"), saveState());
        settings.setValue(QStringLiteral("window/legend"), m_legendAction->isChecked());
    }
    event->accept();
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
    else
        StartupMemory::rememberTopology(path);
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
    const DiagramExporter::PngSize size = DiagramExporter::pngSizeFor(m_scene->diagramBounds());
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Cannot export the diagram"), error);
    else if (!svg && size.reduced)
        m_statusBar->showMessage(tr("Exported %1, scaled down to %2 × %3 pixels to stay within 128 MB; the SVG export keeps every detail")
                                     .arg(path).arg(size.pixels.width()).arg(size.pixels.height()), 10000);
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
