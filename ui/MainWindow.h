// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "diagram/DiagramElement.h"
#include "topology/Topology.h"

#include <QMainWindow>
#include <QPointer>

#include <functional>
#include <memory>

class ChartsTab;
class ChecksPanel;
class DetailPanel;
class PeerHistoryProvider;
class QNetworkAccessManager;
class DiagramScene;
class HostLogsTab;
class QComboBox;
class SecretStore;
class SourceSelector;
class StartActions;
class TelemetrySourceFactory;
class DiagramView;
class LegendWidget;
class NetworkState;
class NetworkStatusBar;
class PeerActions;
class QAction;
class TelemetrySource;
class TopologySaveQueue;
class TopologyTreePanel;

/**
 * The main window: the live diagram in the middle, the tree on the left, details on the right, the source's
 * health in the status bar. It owns the open topology document and the telemetry source that feeds it.
 */
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    /// Makes the demo source for a topology; path is empty for the embedded default. Null means "no source can
    /// serve this topology": the window then says the data source is not connected.
    using SourceFactory = std::function<std::unique_ptr<TelemetrySource>(const Topology& topology, const QString& path)>;

    MainWindow(NetworkState* network, SourceFactory demoSourceFactory, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Where passwords and tokens live (not owned): the data sources dialog writes them, live sources read them.
    void setSecretStore(SecretStore* store);
    /// The hook for live telemetry: builds a data source's TelemetrySource from its settings and credentials.
    /// Without it, choosing a data source shows it as not connected (never demo numbers).
    void setLiveSourceFactory(std::unique_ptr<TelemetrySourceFactory> factory);
    /// Every topology opens on demo data rather than its data sources (--demo).
    void setStartWithDemo(bool demo) { m_startWithDemo = demo; }

    /// Shows a topology and starts its source: demo data for the embedded default or a file without data sources,
    /// else the source last used with that file, else its first data source. path is empty for the embedded default.
    void openTopology(const Topology& topology, const QString& path);
    /// Switches what feeds the diagram at runtime: a data source's id, or empty for demo data; remembered per file.
    void useSource(const QString& sourceId);
    /// The active data source's id; empty for demo data.
    QString activeSourceId() const;
    /// Puts edited data sources into the document (and its file, when it has one) and shows activeSourceId.
    /// Returns the save error, empty on success.
    QString applyDataSources(const QList<DataSource>& sources, const QString& activeSourceId);
    /// Network → Data sources…
    void editDataSources();
    /// Loads a file; on failure returns the errors in words and keeps what is shown.
    QString loadFile(const QString& path);
    /// Writes the document (with the cards' positions); returns an error message, empty on success.
    QString saveTo(const QString& path);
    /// Moved cards are saved once the dragging pauses, off the GUI thread; closing the window writes what waits.
    TopologySaveQueue* saveQueue() const { return m_saves; }
    QString exportPng(const QString& path);
    QString exportSvg(const QString& path);

    const Topology& document() const { return m_document; }
    QString documentPath() const { return m_documentPath; }
    TelemetrySource* source() const;
    DiagramScene* scene() const { return m_scene; }
    DiagramView* view() const { return m_view; }
    DetailPanel* detailPanel() const { return m_details; }
    TopologyTreePanel* treePanel() const { return m_tree; }
    NetworkStatusBar* networkStatusBar() const { return m_statusBar; }
    LegendWidget* legend() const { return m_legend; }
    PeerActions* peerActions() const { return m_peerActions; }
    StartActions* startActions() const { return m_start; }
    /// The first-run page in place of the diagram (no topology yet), with an optional notice.
    void showWelcome(const QString& notice = {});

    /// Replaces the document keeping the running source (a wizard added a host, an import, an undo), and saves it
    /// when it has a file; returns the save error, empty on success.
    QString applyDocument(const Topology& topology);
    HostLogsTab* logsTab() const { return m_logs; }
    ChartsTab* chartsTab() const { return m_charts; }
    ChecksPanel* checksPanel() const { return m_checks; }
    /// Tools → Run checks (F5): shows the Checks dock and runs the network tests.
    void runChecks();
    QComboBox* sourceCombo() const { return m_sourceCombo; }

    /// Whether window geometry and dock layout are restored and saved with QSettings (off for screenshots).
    void setRememberLayout(bool remember);
    void restoreLayout();

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void createDocks();
    void createActions();
    void rebuildSourceCombo();
    void showLogsSource();
    /// Points the Charts tab and the Checks panel at the running source, or at none while none runs.
    void followSourceForHistoryAndChecks();
    QString hostTagFor(const DiagramElement& element) const;
    QString initialSourceId() const;
    void offerSaveAs();
    void selectElement(const DiagramElement& element);
    void onHostMoved(const QString& hostId, const QPointF& topLeft);
    void onPositionsSaved(const QString& path, const QString& error);
    void updateTitle();
    void placeLegend();
    void saveFromMenu();
    void saveAsFromDialog();
    void exportFromDialog(bool svg);
    void showAbout();

    NetworkState* m_network;
    SourceSelector* m_selector;
    Topology m_document;
    QString m_documentPath;
    DiagramScene* m_scene;
    DiagramView* m_view;
    LegendWidget* m_legend;
    TopologyTreePanel* m_tree;
    DetailPanel* m_details;
    NetworkStatusBar* m_statusBar;
    PeerActions* m_peerActions;
    StartActions* m_start = nullptr;
    HostLogsTab* m_logs;
    ChartsTab* m_charts;
    ChecksPanel* m_checks;
    QNetworkAccessManager* m_networkAccess;
    TopologySaveQueue* m_saves;
    std::unique_ptr<PeerHistoryProvider> m_history;
    QComboBox* m_sourceCombo = nullptr;
    QAction* m_legendAction = nullptr;
    bool m_startWithDemo = false;
    bool m_docksSized = false;
    bool m_rememberLayout = true;
    bool m_syncingSelection = false;
};
