// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QAction;
class QMenu;
class QStackedWidget;
class QWidget;
class UserPrompts;
class WelcomePage;
struct ServerTopologyResult;

/**
 * The ways into a topology: the welcome page shown in place of the diagram while none is open, and File → New
 * from Server Config…, which makes a topology of the real network from the server's wg0.conf (or `wg show wg0
 * dump` output), asks where to save it and opens it. The window gives hooks; the logic lives here.
 */
class StartActions final : public QObject
{
    Q_OBJECT

public:
    struct Hooks
    {
        std::function<QString(const QString&)> loadFile;   ///< opens a topology file; returns the error, empty on success
        std::function<void()> openDemo;                    ///< the reference deployment on demo data
    };

    /// diagram: what the window shows when a topology is open; it goes into centralWidget().
    StartActions(QWidget* window, QWidget* diagram, Hooks hooks, QObject* parent = nullptr);
    ~StartActions() override;

    /// The window's central widget: the diagram, or the welcome page in its place.
    QStackedWidget* centralWidget() const { return m_stack; }
    WelcomePage* welcomePage() const { return m_welcome; }
    QAction* newFromServerAction() const { return m_newFromServer; }
    /// Not owned; the default asks with real dialogs.
    void setPrompts(UserPrompts* prompts);

    /// Puts "New from Server Config…" first in the File menu. chrome: the docks and toolbars that make no sense
    /// without a topology; they are hidden while the welcome page shows.
    void install(QMenu* file, const QList<QWidget*>& chrome);
    /// The welcome page instead of the diagram, with an optional notice (why the last topology did not open).
    void showWelcome(const QString& notice = {});
    /// The diagram again (a topology was opened), with the chrome the welcome page hid.
    void showDiagram();
    bool isWelcomeShown() const;

    /// File → Open Topology… and the welcome page's "Open a Topology…": asks for a file and opens it; a file that
    /// cannot be opened is explained and the window keeps what it shows.
    void openTopologyFile();
    /// Makes a topology from the server's config at configPath (asked for when empty), asks where to save it
    /// and opens it. Returns an error that names the way forward, empty when opened or cancelled.
    QString newFromServerConfig(const QString& configPath = {});

Q_SIGNALS:
    void statusMessage(const QString& message);

private:
    void newFromServerFromMenu(const QString& configPath = {});
    void chooseDemo();
    /// Reads the config at path (wiping what held its private key) and builds the topology; an error or empty.
    QString buildFrom(const QString& path, ServerTopologyResult& built) const;

    QWidget* m_window;
    Hooks m_hooks;
    QStackedWidget* m_stack;
    QWidget* m_diagram;
    WelcomePage* m_welcome;
    QAction* m_newFromServer;
    std::unique_ptr<UserPrompts> m_ownPrompts;
    UserPrompts* m_prompts;
    QList<QPointer<QWidget>> m_chrome;
    QList<QPointer<QWidget>> m_hiddenChrome;
};
