// SPDX-License-Identifier: GPL-3.0-or-later
// File → New from Server Config… and its twins on the welcome page (the button, a dropped wg0.conf): a topology
// of the real network from a server config whose keys wg made at test time, saved where the user says, opened,
// its hosts on the diagram.
#include "GeneratedServer.h"
#include "MainWindow.h"
#include "ui/WelcomeTestHelpers.h"
#include "WireGuardTools.h"
#include "WizardTestHelpers.h"
#include "diagram/DiagramScene.h"
#include "diagram/HostCardItem.h"
#include "support/ManualClock.h"
#include "topology/TopologyFile.h"
#include "welcome/StartActions.h"
#include "welcome/StartupMemory.h"
#include "welcome/WelcomePage.h"
#include "wizards/PeerActions.h"

#include <QCommandLinkButton>
#include <QMenuBar>
#include <QMimeData>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

namespace {

QString writeSecretFile(const QString& path, const QString& text)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return file.errorString();
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    file.write(text.toUtf8());
    return {};
}

const Host* hostNamed(const Topology& topology, const QString& name)
{
    for (const Host& host : topology.hosts) {
        if (host.name == name)
            return &host;
    }
    return nullptr;
}

} // namespace

class TestStartActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void newFromServerConfigWithFiftyPeers();
    void newFromDumpOutput();
    void droppedConfigOnTheWelcomePage();
    void importWhileTheWelcomePageShowsMakesANewTopology();
    void cancelledOrUnreadableChangesNothing();
    void fileMenuOffersIt();

private:
    /// The generated server's wg0.conf in the test folder; the error when wg is missing or fails.
    QString makeServer(int peers);
    void checkOpened(const QString& savedPath);

    QTemporaryDir m_settings;
    QTemporaryDir m_dir;
    ManualClock m_clock;
    FakePrompts m_prompts;
    GeneratedServer m_server;
    QString m_configPath;
    std::unique_ptr<NetworkState> m_network;
    std::unique_ptr<MainWindow> m_window;
};

void TestStartActions::initTestCase()
{
    WelcomeTestHelpers::isolateSettings(m_settings.path());
}

void TestStartActions::init()
{
    m_prompts = FakePrompts();
    m_network = std::make_unique<NetworkState>(&m_clock);
    m_window = WelcomeTestHelpers::welcomeWindow(m_network.get(), MainWindow::SourceFactory(), &m_prompts);
    QVERIFY(m_window);
}

void TestStartActions::cleanup()
{
    m_window.reset();
    m_network.reset();
}

QString TestStartActions::makeServer(int peers)
{
    QString error;
    m_server = GeneratedServer::make(peers, &error);
    if (!error.isEmpty())
        return error;
    m_configPath = m_dir.filePath(QStringLiteral("wg0.conf"));
    return writeSecretFile(m_configPath, m_server.wgQuickText());
}

void TestStartActions::checkOpened(const QString& savedPath)
{
    QVERIFY(!m_window->startActions()->isWelcomeShown());
    QCOMPARE(m_window->documentPath(), savedPath);
    QCOMPARE(StartupMemory::lastTopology(), savedPath);
    const Topology& topology = m_window->document();
    QCOMPARE(TopologyFile::load(savedPath).topology, topology);

    // The hub, with the key its PrivateKey gives, and one host per peer, each on the diagram.
    const WireGuardInterface* hub = nullptr;
    for (const WireGuardInterface& wgInterface : topology.interfaces)
        hub = wgInterface.isHub ? &wgInterface : hub;
    QVERIFY(hub);
    QCOMPARE(hub->publicKey, m_server.publicKey);
    QCOMPARE(hub->listenPort, m_server.listenPort);
    QVERIFY(!hub->placeholderKey);
    QCOMPARE(topology.hosts.size(), m_server.peers.size() + 1);
    QCOMPARE(m_window->scene()->cards().size(), topology.hosts.size());
    for (const GeneratedServer::Peer& generated : std::as_const(m_server.peers)) {
        const auto peer = std::find_if(topology.peers.cbegin(), topology.peers.cend(),
            [&](const WireGuardPeer& candidate) { return candidate.publicKey == generated.publicKey; });
        QVERIFY2(peer != topology.peers.cend(), qPrintable(generated.name));
        QCOMPARE(peer->allowedIps, generated.allowedIps); // several per peer, IPv6 too
        QVERIFY(!peer->clientConfigAvailable);
        QVERIFY2(m_window->scene()->card(peer->hostId), qPrintable(peer->hostId));
    }
    // Names from the "# Name =" comments as labels, the free text kept; the peer without one named by address.
    QStringList names;
    for (const Host& host : topology.hosts)
        names.append(host.name);
    const QString all = names.join(QLatin1Char(' '));
    const Host* bob = hostNamed(topology, QStringLiteral("bobs-phone"));
    QVERIFY2(bob, qPrintable(all));
    QCOMPARE(bob->description, QStringLiteral("Bob's phone"));
    QVERIFY2(hostNamed(topology, QStringLiteral("peer-10-10-0-12")), qPrintable(all));
    QVERIFY2(hostNamed(topology, QStringLiteral("home-office-router")), qPrintable(all));

    // No private key in the file, hub's or peers'.
    const QByteArray saved = WizardTestHelpers::readAll(savedPath);
    QVERIFY(!saved.contains(m_server.privateKey.toLatin1()));
    for (const GeneratedServer::Peer& generated : std::as_const(m_server.peers))
        QVERIFY(!saved.contains(generated.privateKey.toLatin1()));
}

void TestStartActions::newFromServerConfigWithFiftyPeers()
{
    REQUIRE_GENERATED(makeServer(50));
    m_prompts.file = m_configPath;
    m_prompts.saveFile = m_dir.filePath(QStringLiteral("home-network")); // the suffix is added
    m_window->startActions()->welcomePage()->fromServerButton()->click();
    QCOMPARE(m_prompts.informed, QStringList());
    checkOpened(m_dir.filePath(QStringLiteral("home-network.json")));
    // For looking at the result: TUNNELSCOPE_SCREENSHOT_DIR=/tmp ctest -R TestStartActions
    if (const QString directory = qEnvironmentVariable("TUNNELSCOPE_SCREENSHOT_DIR"); !directory.isEmpty())
        QVERIFY(m_window->grab().save(directory + QStringLiteral("/new-from-server-config.png")));
}

void TestStartActions::newFromDumpOutput()
{
    REQUIRE_GENERATED(makeServer(6));
    const QString dump = m_dir.filePath(QStringLiteral("wg0.dump"));
    QVERIFY(writeSecretFile(dump, m_server.dumpText()).isEmpty());
    m_prompts.saveFile = m_dir.filePath(QStringLiteral("from-dump.json"));
    QCOMPARE(m_window->startActions()->newFromServerConfig(dump), QString());
    // A dump has no Address lines: the hub gets no data source, and the user is told so.
    QCOMPARE(m_prompts.informed.size(), 1);
    QVERIFY2(m_prompts.informed.constFirst().contains(QStringLiteral("no address")), qPrintable(m_prompts.informed.constFirst()));
    QVERIFY2(m_prompts.informed.constFirst().contains(QStringLiteral("Data Sources")), qPrintable(m_prompts.informed.constFirst()));
    const Topology& topology = m_window->document();
    QCOMPARE(topology.hosts.size(), m_server.peers.size() + 1);
    QCOMPARE(m_window->scene()->cards().size(), topology.hosts.size());
    QVERIFY(!WizardTestHelpers::readAll(m_prompts.saveFile).contains(m_server.privateKey.toLatin1()));
}

void TestStartActions::droppedConfigOnTheWelcomePage()
{
    REQUIRE_GENERATED(makeServer(5));
    m_prompts.saveFile = m_dir.filePath(QStringLiteral("dropped.json"));
    WelcomePage* page = m_window->startActions()->welcomePage();
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(m_configPath)});
    QDragEnterEvent enter(QPoint(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(page, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(page, &drop);
    QCOMPARE(m_prompts.informed, QStringList());
    checkOpened(m_prompts.saveFile);
}

void TestStartActions::importWhileTheWelcomePageShowsMakesANewTopology()
{
    // No topology yet: File → Import and a .conf dropped on the window (not on the page) build the server's
    // topology, as New from Server Config does, rather than merge into nothing ("no hub").
    REQUIRE_GENERATED(makeServer(5));
    QVERIFY(m_window->startActions()->isWelcomeShown());
    m_prompts.saveFile = m_dir.filePath(QStringLiteral("imported.json"));
    QCOMPARE(m_window->peerActions()->importServerConfig(m_configPath), QString());
    QVERIFY(m_prompts.lastPreview.isEmpty()); // nothing to merge into, so no merge preview
    checkOpened(m_prompts.saveFile);

    m_window = WelcomeTestHelpers::welcomeWindow(m_network.get(), MainWindow::SourceFactory(), &m_prompts);
    QVERIFY(m_window->startActions()->isWelcomeShown());
    m_prompts.saveFile = m_dir.filePath(QStringLiteral("dropped-on-window.json"));
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(m_configPath)});
    QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &drop);
    QTRY_COMPARE(m_window->documentPath(), m_prompts.saveFile);
    QCOMPARE(m_prompts.informed, QStringList());
    checkOpened(m_prompts.saveFile);
}

void TestStartActions::cancelledOrUnreadableChangesNothing()
{
    StartActions* start = m_window->startActions();
    QCOMPARE(start->newFromServerConfig(), QString()); // no file chosen
    QVERIFY(start->isWelcomeShown());

    const QString broken = m_dir.filePath(QStringLiteral("broken.conf"));
    QVERIFY(writeSecretFile(broken, QStringLiteral("[Interface]\nPrivateKey = not-a-key\n[Peer]\nAllowedIPs = 10.0.0.2/32\n")).isEmpty());
    m_prompts.saveFile = m_dir.filePath(QStringLiteral("never.json"));
    const QString error = start->newFromServerConfig(broken);
    QVERIFY2(error.contains(QStringLiteral("broken.conf")) && error.contains(QStringLiteral("wg show wg0 dump")), qPrintable(error));
    QVERIFY(start->isWelcomeShown());
    QVERIFY(!QFileInfo::exists(m_prompts.saveFile));

    const QString missing = start->newFromServerConfig(m_dir.filePath(QStringLiteral("absent.conf")));
    QVERIFY2(missing.contains(QStringLiteral("Cannot read")), qPrintable(missing));

    REQUIRE_GENERATED(makeServer(4));
    m_prompts.saveFile.clear(); // the save dialog cancelled
    QCOMPARE(start->newFromServerConfig(m_configPath), QString());
    QVERIFY(start->isWelcomeShown());
    QVERIFY(m_window->documentPath().isEmpty());
}

void TestStartActions::fileMenuOffersIt()
{
    QMenu* file = m_window->menuBar()->actions().constFirst()->menu();
    QVERIFY(file);
    QCOMPARE(file->actions().constFirst(), m_window->startActions()->newFromServerAction());
    QCOMPARE(m_window->startActions()->newFromServerAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
}

QTEST_MAIN(TestStartActions)
#include "TestStartActions.moc"
