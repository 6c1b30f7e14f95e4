// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/PeerActions.h"

#include "adopt/ServerConfigFile.h"
#include "adopt/ServerConfigReader.h"
#include "adopt/UnknownPeerAdoption.h"
#include "collector/CollectorOnboarding.h"
#include "core/SystemClock.h"
#include "diagram/DiagramScene.h"
#include "diagram/DiagramView.h"
#include "diagram/HostCardItem.h"
#include "diagram/TunnelEdgeItem.h"
#include "diagram/UnknownPeerItem.h"
#include "export/PeerExportRunner.h"
#include "secrets/KeychainSecretStore.h"
#include "telemetry/NetworkState.h"
#include "wireguard/SecureBytes.h"
#include "wizards/OnboardingWizard.h"
#include "wizards/RotationWizard.h"
#include "wizards/TopologyChangeCommand.h"
#include "wizards/UserPrompts.h"

#include <QAction>
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QMenu>
#include <QMimeData>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>

namespace {

QString droppedConfig(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls() || mime->urls().size() != 1)
        return {};
    const QString path = mime->urls().constFirst().toLocalFile();
    return PeerActions::isConfigFile(path) ? path : QString();
}

} // namespace

PeerActions::PeerActions(
    NetworkState* network, QWidget* window, DocumentGetter document, DocumentSetter setDocument, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_window(window)
    , m_document(std::move(document))
    , m_setDocument(std::move(setDocument))
    , m_ownPrompts(std::make_unique<UserPrompts>())
    , m_prompts(m_ownPrompts.get())
    , m_clock(SystemClock::instance())
    , m_undo(new QUndoStack(this))
{
    window->setAcceptDrops(true);
    window->installEventFilter(this);
}

PeerActions::~PeerActions() = default;

void PeerActions::setPrompts(UserPrompts* prompts)
{
    m_prompts = prompts ? prompts : m_ownPrompts.get();
}

SecretStore* PeerActions::secrets()
{
    if (!m_secrets) {
        m_ownSecrets = std::make_unique<KeychainSecretStore>();
        m_secrets = m_ownSecrets.get();
    }
    return m_secrets;
}

PeerWizardServices PeerActions::services()
{
    PeerWizardServices services;
    services.network = m_network;
    services.secrets = secrets();
    services.clock = m_clock;
    services.prompts = m_prompts;
    services.commitTopology = [this](const Topology& topology) {
        const Topology before = m_document();
        const QString error = m_setDocument(topology);
        if (error.isEmpty()) {
            m_undo->push(new TopologyChangeCommand(tr("Change peers"), before, topology, m_setDocument, true));
        }
        return error;
    };
    return services;
}

void PeerActions::install(QMenu* file, QMenu* edit, QMenu* network, QToolBar* toolbar)
{
    m_import = new QAction(QIcon::fromTheme(QStringLiteral("document-import")), tr("&Import Server wg0.conf…"), this);
    m_import->setIconText(tr("Import wg0.conf"));
    m_import->setToolTip(tr("Learn the peers of the server's existing wg0.conf (you can also drop the file here)"));
    connect(m_import, &QAction::triggered, this, &PeerActions::importFromDialog);
    m_addCollector = new QAction(QIcon::fromTheme(QStringLiteral("list-add")), tr("&Add Collector…"), this);
    m_addCollector->setIconText(tr("Add collector"));
    m_addCollector->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    connect(m_addCollector, &QAction::triggered, this, [this] { startOnboarding(); });
    m_exportAll = new QAction(QIcon::fromTheme(QStringLiteral("document-export")), tr("&Export All Peer Configs…"), this);
    m_exportAll->setIconText(tr("Export peers"));
    connect(m_exportAll, &QAction::triggered, this, &PeerActions::exportAllFromMenu);
    m_rotate = new QAction(QIcon::fromTheme(QStringLiteral("view-refresh")), tr("&Rotate Keys of Selected Peer…"), this);
    connect(m_rotate, &QAction::triggered, this, &PeerActions::rotateSelectedFromMenu);

    file->insertAction(file->actions().value(3), m_import);
    QAction* undo = m_undo->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_undo->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    network->addAction(m_addCollector);
    network->addAction(m_rotate);
    network->addSeparator();
    network->addAction(m_exportAll);
    network->addAction(m_import);

    QAction* first = toolbar->actions().value(0);
    toolbar->insertAction(first, m_addCollector);
    toolbar->insertAction(first, m_import);
    toolbar->insertAction(first, m_exportAll);
    toolbar->insertSeparator(first);
}

void PeerActions::attachToDiagram(DiagramView* view)
{
    m_view = view;
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    view->viewport()->installEventFilter(this);
    connect(view, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        const DiagramElement element = elementAt(m_view->viewport()->mapFrom(m_view, pos));
        std::unique_ptr<QMenu> menu(contextMenuFor(element, m_view));
        if (menu)
            menu->exec(m_view->mapToGlobal(pos));
    });
    if (auto* scene = qobject_cast<DiagramScene*>(view->scene()))
        connect(scene, &DiagramScene::elementSelected, this, [this](const DiagramElement& element) { m_selected = element; });
}

DiagramElement PeerActions::elementAt(const QPoint& viewportPos) const
{
    for (QGraphicsItem* item = m_view ? m_view->itemAt(viewportPos) : nullptr; item; item = item->parentItem()) {
        if (auto* card = qgraphicsitem_cast<HostCardItem*>(item))
            return {DiagramElement::Kind::Host, card->hostId()};
        if (auto* edge = qgraphicsitem_cast<TunnelEdgeItem*>(item))
            return {DiagramElement::Kind::Tunnel, edge->tunnelId()};
        if (auto* unknown = qgraphicsitem_cast<UnknownPeerItem*>(item))
            return {DiagramElement::Kind::UnknownPeer, unknown->peerId()};
    }
    return {};
}

QString PeerActions::hostOf(const DiagramElement& element) const
{
    if (element.kind == DiagramElement::Kind::Host)
        return element.id;
    if (element.kind == DiagramElement::Kind::Tunnel && m_network) {
        if (const TunnelState* tunnel = m_network->tunnel(element.id))
            return tunnel->clientHostId;
    }
    return {};
}

QMenu* PeerActions::contextMenuFor(const DiagramElement& element, QWidget* parent)
{
    if (element.kind == DiagramElement::Kind::UnknownPeer) {
        auto* menu = new QMenu(parent);
        const QString peerId = element.id;
        menu->addAction(tr("&Adopt into Topology…"), this, [this, peerId] {
            if (const QString error = adoptUnknownPeer(peerId); !error.isEmpty())
                m_prompts->inform(m_window, tr("Cannot adopt the peer"), error);
        });
        return menu;
    }
    const QString hostId = hostOf(element);
    const Topology& topology = m_document();
    const WireGuardInterface* hub = CollectorOnboarding::hubInterface(topology);
    if (hostId.isEmpty() || (hub && hub->hostId == hostId))
        return nullptr;
    auto* menu = new QMenu(parent);
    QAction* rotate = menu->addAction(tr("&Rotate Keys…"), this, [this, hostId] { startRotation(hostId); });
    rotate->setEnabled(topology.interfaceOfHost(hostId) != nullptr);
    menu->addAction(tr("&Export Configs…"), this, [this, hostId] { exportPeers({hostId}); });
    return menu;
}

OnboardingWizard* PeerActions::startOnboarding()
{
    auto* wizard = new OnboardingWizard(m_document(), services(), m_window);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->show();
    Q_EMIT wizardOpened(wizard);
    return wizard;
}

RotationWizard* PeerActions::startRotation(const QString& hostId)
{
    auto* wizard = new RotationWizard(m_document(), hostId, services(), m_window);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->show();
    Q_EMIT wizardOpened(wizard);
    return wizard;
}

void PeerActions::rotateSelectedFromMenu()
{
    const QString hostId = hostOf(m_selected);
    if (hostId.isEmpty()) {
        m_prompts->inform(m_window, tr("Rotate keys"), tr("Select a collector's card or tunnel in the diagram first."));
        return;
    }
    startRotation(hostId);
}

PeerExportRunner* PeerActions::exportPeers(const QStringList& hostIds)
{
    const QString folder = m_prompts->chooseFolder(m_window, tr("Export peer configs to"), QDir::homePath());
    if (folder.isEmpty())
        return nullptr;
    auto* runner = new PeerExportRunner(secrets(), m_prompts, m_window, this);
    connect(runner, &PeerExportRunner::finished, this, [this, runner, folder](const PeerExportRunner::Outcome& outcome) {
        m_prompts->inform(m_window, tr("Export peer configs"), tr("Into %1:\n\n%2").arg(folder, outcome.summary()));
        runner->deleteLater();
    });
    runner->run(m_document(), hostIds, folder);
    return runner;
}

void PeerActions::exportAllFromMenu()
{
    exportPeers({});
}

void PeerActions::importFromDialog()
{
    const QString path = m_prompts->chooseFile(
        m_window, tr("Import the server's wg0.conf"), tr("WireGuard config (*.conf);;All files (*)"));
    if (path.isEmpty())
        return;
    if (const QString error = importServerConfig(path); !error.isEmpty())
        m_prompts->inform(m_window, tr("Cannot import"), error);
}

QString PeerActions::importServerConfig(const QString& path)
{
    const Topology& current = m_document();
    const bool hasHub = std::any_of(current.interfaces.cbegin(), current.interfaces.cend(),
        [](const WireGuardInterface& wgInterface) { return wgInterface.isHub; });
    if (!hasHub && m_newTopology)
        return m_newTopology(path);
    QString text;
    if (const QString error = ServerConfigFile::read(path, &text); !error.isEmpty())
        return error;
    const ServerConfigReadResult read = ServerConfigReader::read(text);
    SecureBytes::wipe(text);
    const QString fileName = QFileInfo(path).fileName();
    if (!read.ok()) {
        QStringList lines;
        for (const WireGuardConfigError& error : read.errors)
            lines.append(error.toString());
        return tr("%1 is not a WireGuard server config Tunnelscope can read:\n%2\n\nChoose the server's wg0.conf, or "
                  "save what `wg show wg0 dump` prints and import that.")
            .arg(fileName, lines.join(QLatin1Char('\n')));
    }
    const Topology before = m_document();
    const std::optional<ServerImportPlan> plan = m_prompts->reviewImport(m_window, fileName, before, read.config);
    if (!plan || !plan->canApply() || plan->isEmpty())
        return {};
    m_undo->push(new TopologyChangeCommand(tr("Import %1").arg(fileName), before, plan->apply(), m_setDocument));
    Q_EMIT statusMessage(tr("Imported %1: %2; Ctrl+Z undoes it").arg(fileName, plan->countsLine()));
    return {};
}

QString PeerActions::adoptUnknownPeer(const QString& unknownPeerId)
{
    const QList<UnknownPeer> unknown = m_network->unknownPeers();
    const auto peer = std::find_if(unknown.cbegin(), unknown.cend(), [&](const UnknownPeer& candidate) {
        return candidate.id == unknownPeerId;
    });
    if (peer == unknown.cend())
        return tr("Telemetry no longer reports this peer; wait for the next update and try again.");
    const Topology before = m_document();
    const std::optional<PeerAdoptionRequest> request = m_prompts->askAdoption(m_window, before, *peer);
    if (!request)
        return {};
    const PeerAdoptionResult result = UnknownPeerAdoption::adopt(before, *peer, *request);
    if (!result.ok())
        return result.error;
    m_undo->push(new TopologyChangeCommand(tr("Adopt peer %1").arg(request->name), before, result.topology, m_setDocument));
    Q_EMIT statusMessage(tr("Adopted %1 into the topology; Ctrl+Z undoes it").arg(request->name));
    return {};
}

bool PeerActions::isConfigFile(const QString& path)
{
    return !path.isEmpty() && QFileInfo(path).suffix().compare(QLatin1String("conf"), Qt::CaseInsensitive) == 0;
}

bool PeerActions::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto* drag = static_cast<QDragMoveEvent*>(event);
        if (droppedConfig(drag->mimeData()).isEmpty())
            break;
        drag->acceptProposedAction();
        return true;
    }
    case QEvent::Drop: {
        auto* drop = static_cast<QDropEvent*>(event);
        const QString path = droppedConfig(drop->mimeData());
        if (path.isEmpty())
            break;
        drop->acceptProposedAction();
        // The preview is a modal dialog: shown after the drop returns, not inside the drag source's event.
        QTimer::singleShot(0, this, [this, path] {
            if (const QString error = importServerConfig(path); !error.isEmpty())
                m_prompts->inform(m_window, tr("Cannot import"), error);
        });
        return true;
    }
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}
