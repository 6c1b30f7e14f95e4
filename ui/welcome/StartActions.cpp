// SPDX-License-Identifier: GPL-3.0-or-later
#include "welcome/StartActions.h"

#include "adopt/ServerConfigFile.h"
#include "adopt/ServerTopologyBuilder.h"
#include "topology/TopologyFile.h"
#include "welcome/StartupMemory.h"
#include "welcome/WelcomePage.h"
#include "wireguard/SecureBytes.h"
#include "wizards/UserPrompts.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QStackedWidget>

namespace {

QString errorLines(const QList<WireGuardConfigError>& errors)
{
    QStringList lines;
    for (const WireGuardConfigError& error : errors)
        lines.append(error.toString());
    return lines.join(QLatin1Char('\n'));
}

QString suggestedPath(const QString& configPath)
{
    const QString base = QFileInfo(configPath).completeBaseName();
    return QDir::home().filePath((base.isEmpty() ? QStringLiteral("topology") : base) + QStringLiteral("-topology.json"));
}

} // namespace

StartActions::StartActions(QWidget* window, QWidget* diagram, Hooks hooks, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_hooks(std::move(hooks))
    , m_stack(new QStackedWidget(window))
    , m_diagram(diagram)
    , m_welcome(new WelcomePage(m_stack))
    , m_newFromServer(new QAction(QIcon(QStringLiteral(":/icons/welcome-server.svg")), tr("&New from Server Config…"), this))
    , m_ownPrompts(std::make_unique<UserPrompts>())
    , m_prompts(m_ownPrompts.get())
{
    m_stack->setObjectName(QStringLiteral("centralStack"));
    m_stack->addWidget(diagram);
    m_stack->addWidget(m_welcome);
    m_stack->setCurrentWidget(diagram);
    m_newFromServer->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_newFromServer->setToolTip(tr("Make a topology of your real network from the WireGuard server's wg0.conf"));
    connect(m_newFromServer, &QAction::triggered, this, [this] { newFromServerFromMenu(); });
    connect(m_welcome, &WelcomePage::fromServerConfigRequested, this, [this] { newFromServerFromMenu(); });
    connect(m_welcome, &WelcomePage::serverConfigDropped, this, [this](const QString& path) { newFromServerFromMenu(path); });
    connect(m_welcome, &WelcomePage::openRequested, this, &StartActions::openTopologyFile);
    connect(m_welcome, &WelcomePage::demoRequested, this, &StartActions::chooseDemo);
}

StartActions::~StartActions() = default;

void StartActions::setPrompts(UserPrompts* prompts)
{
    m_prompts = prompts ? prompts : m_ownPrompts.get();
}

void StartActions::install(QMenu* file, const QList<QWidget*>& chrome)
{
    file->insertAction(file->actions().value(0), m_newFromServer);
    for (QWidget* widget : chrome)
        m_chrome.append(widget);
}

void StartActions::showWelcome(const QString& notice)
{
    m_welcome->setNotice(notice);
    if (!isWelcomeShown()) {
        m_hiddenChrome.clear();
        for (const QPointer<QWidget>& widget : std::as_const(m_chrome)) {
            if (widget && !widget->isHidden()) {
                m_hiddenChrome.append(widget);
                widget->hide();
            }
        }
    }
    m_stack->setCurrentWidget(m_welcome);
}

void StartActions::showDiagram()
{
    if (!isWelcomeShown())
        return;
    m_stack->setCurrentWidget(m_diagram);
    for (const QPointer<QWidget>& widget : std::as_const(m_hiddenChrome)) {
        if (widget)
            widget->show();
    }
    m_hiddenChrome.clear();
}

bool StartActions::isWelcomeShown() const
{
    return m_stack->currentWidget() == m_welcome;
}

void StartActions::chooseDemo()
{
    StartupMemory::rememberDemo();
    m_hooks.openDemo();
}

void StartActions::openTopologyFile()
{
    const QString path = m_prompts->chooseFile(m_window, tr("Open Topology"), tr("Tunnelscope topology (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    if (const QString error = m_hooks.loadFile(path); !error.isEmpty())
        m_prompts->inform(m_window, tr("Cannot open topology"),
            tr("%1 is not a usable topology; the current one stays open.\n\n%2").arg(QFileInfo(path).fileName(), error));
}

void StartActions::newFromServerFromMenu(const QString& configPath)
{
    if (const QString error = newFromServerConfig(configPath); !error.isEmpty())
        m_prompts->inform(m_window, tr("Cannot make a topology from the server's config"), error);
}

QString StartActions::newFromServerConfig(const QString& configPath)
{
    const QString path = configPath.isEmpty()
        ? m_prompts->chooseFile(m_window, tr("New topology from the server's WireGuard config"),
              tr("WireGuard config (*.conf);;Output of wg show wg0 dump (*.dump *.txt);;All files (*)"))
        : configPath;
    if (path.isEmpty())
        return {};
    ServerTopologyResult built;
    if (const QString error = buildFrom(path, built); !error.isEmpty())
        return error;
    QString target = m_prompts->chooseSaveFile(m_window, tr("Save the new topology as"), suggestedPath(path),
        tr("Tunnelscope topology (*.json)"));
    if (target.isEmpty())
        return {};
    if (QFileInfo(target).suffix().isEmpty())
        target += QStringLiteral(".json");
    if (const QString error = TopologyFile::save(target, built.topology); !error.isEmpty())
        return tr("The topology is made but cannot be saved: %1. Choose a folder you can write to.").arg(error);
    if (const QString error = m_hooks.loadFile(target); !error.isEmpty())
        return error;
    Q_EMIT statusMessage(tr("Made %1 from %2: %n host(s)", nullptr, static_cast<int>(built.topology.hosts.size()))
                             .arg(QFileInfo(target).fileName(), QFileInfo(path).fileName()));
    if (!built.warnings.isEmpty())
        m_prompts->inform(m_window, tr("Made a topology from %1").arg(QFileInfo(path).fileName()),
            tr("The topology is open; worth a look:\n\n%1").arg(built.warnings.join(QLatin1Char('\n'))));
    return {};
}

QString StartActions::buildFrom(const QString& path, ServerTopologyResult& built) const
{
    QString text;
    if (QString error = ServerConfigFile::read(path, &text); !error.isEmpty()) {
        error[0] = error[0].toUpper();
        return tr("%1. Copy it somewhere you can read (it holds the server's private key: keep it 0600), or save "
                  "what `wg show wg0 dump` prints instead.").arg(error);
    }
    built = ServerTopologyBuilder::build(text);
    SecureBytes::wipe(text);
    if (built.ok())
        return {};
    return tr("%1 is not a WireGuard server config Tunnelscope can read:\n%2\n\nChoose the server's wg0.conf "
              "(/etc/wireguard/wg0.conf), or save what `wg show wg0 dump` prints and choose that.")
        .arg(QFileInfo(path).fileName(), errorLines(built.errors));
}
