// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagram/DiagramElement.h"
#include "topology/Topology.h"

#include <QObject>
#include <QPoint>

#include <functional>
#include <memory>

class Clock;
class DiagramView;
class NetworkState;
class OnboardingWizard;
class PeerExportRunner;
class QAction;
class QMenu;
class QToolBar;
class QUndoStack;
class QWidget;
class RotationWizard;
class SecretStore;
class UserPrompts;
struct PeerWizardServices;

/**
 * Everything the main window offers about peers and keys: "Add collector…", "Rotate keys…", "Export configs…",
 * "Import server wg0.conf…" (menu and drag and drop) with undo. The window gives access to its document; the
 * logic lives here and in the wizards, so the window only wires menus.
 */
class PeerActions final : public QObject
{
    Q_OBJECT

public:
    using DocumentGetter = std::function<const Topology&()>;
    /// Makes a topology the open document (and saves it when it has a file); returns an error, empty on success.
    using DocumentSetter = std::function<QString(const Topology&)>;

    PeerActions(NetworkState* network, QWidget* window, DocumentGetter document, DocumentSetter setDocument,
        QObject* parent = nullptr);
    ~PeerActions() override;

    /// Not owned. By default the system keychain (KeychainSecretStore), made when first needed.
    void setSecretStore(SecretStore* store) { m_secrets = store; }
    /// Not owned; the default asks with real dialogs.
    void setPrompts(UserPrompts* prompts);
    void setClock(const Clock* clock) { m_clock = clock; }
    /// Where an import goes while no topology with a hub is open (the welcome page): a new topology made from the
    /// server's config, rather than a merge into nothing. Returns an error, empty when made or cancelled.
    void setNewTopologyHook(std::function<QString(const QString&)> hook) { m_newTopology = std::move(hook); }

    /// Adds the entries: File → Import, Edit → Undo/Redo, Network → Add/Rotate/Export, and three toolbar buttons.
    void install(QMenu* file, QMenu* edit, QMenu* network, QToolBar* toolbar);
    /// The diagram's context menu ("Rotate keys…", "Export configs…" on a host card or tunnel) and dropping a
    /// .conf file on it.
    void attachToDiagram(DiagramView* view);
    /// The menu for a diagram element; null when it offers nothing. The caller owns it.
    QMenu* contextMenuFor(const DiagramElement& element, QWidget* parent);

    QUndoStack* undoStack() const { return m_undo; }
    QAction* addCollectorAction() const { return m_addCollector; }
    QAction* importAction() const { return m_import; }
    QAction* exportAllAction() const { return m_exportAll; }

    OnboardingWizard* startOnboarding();
    RotationWizard* startRotation(const QString& hostId);
    /// Exports into a folder the user chooses; hostIds empty for every peer. Returns the runner (for tests).
    PeerExportRunner* exportPeers(const QStringList& hostIds);
    /// Reads the server's wg0.conf (or `wg show wg0 dump` output), shows what merging it does (ServerImportPlan)
    /// and, when applied, makes it one undoable step. Returns an error, empty when applied or declined.
    QString importServerConfig(const QString& path);
    /// Asks a name and host for a key that telemetry reports but the topology lacks (its id in
    /// NetworkState::unknownPeers) and adds it as one undoable step. Returns an error, empty when added or declined.
    QString adoptUnknownPeer(const QString& unknownPeerId);
    /// The card, tunnel or unknown peer under a point of the diagram's viewport.
    DiagramElement elementAt(const QPoint& viewportPos) const;
    /// The host a diagram element is about: the host itself, or the client end of a tunnel.
    QString hostOf(const DiagramElement& element) const;

    static bool isConfigFile(const QString& path);

Q_SIGNALS:
    void wizardOpened(QWidget* wizard);
    void statusMessage(const QString& message);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    PeerWizardServices services();
    SecretStore* secrets();
    void importFromDialog();
    void exportAllFromMenu();
    void rotateSelectedFromMenu();

    NetworkState* m_network;
    QWidget* m_window;
    DocumentGetter m_document;
    DocumentSetter m_setDocument;
    SecretStore* m_secrets = nullptr;
    std::unique_ptr<SecretStore> m_ownSecrets;
    std::unique_ptr<UserPrompts> m_ownPrompts;
    UserPrompts* m_prompts;
    const Clock* m_clock;
    std::function<QString(const QString&)> m_newTopology;
    QUndoStack* m_undo;
    QAction* m_addCollector = nullptr;
    QAction* m_import = nullptr;
    QAction* m_exportAll = nullptr;
    QAction* m_rotate = nullptr;
    DiagramView* m_view = nullptr;
    DiagramElement m_selected;
};
