// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's peer actions: export of all peers (imported ones without a client config, with the reason),
// import of the server's wg0.conf with a preview, by menu and by drag and drop, and its undo.
#include "GeneratedServer.h"
#include "MainWindow.h"
#include "WizardTestHelpers.h"
#include "ui/WelcomeTestHelpers.h"
#include "collector/CollectorOnboarding.h"
#include "collector/PeerExport.h"
#include "diagram/DiagramScene.h"
#include "diagram/DiagramView.h"
#include "diagram/UnknownPeerItem.h"
#include "export/PeerExportRunner.h"
#include "support/FakeSecretStore.h"
#include "support/ManualClock.h"
#include "telemetry/DemoTelemetrySource.h"
#include "topology/TopologyFile.h"
#include "wizards/PeerActions.h"

#include <QAction>
#include <QDir>
#include <QMenu>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <QUrl>

using namespace WizardTestHelpers;

namespace {

QString serverConfigPath()
{
    return QStringLiteral(TUNNELSCOPE_TEST_DATA_DIR "/wireguard/server-wg0.conf");
}

} // namespace

class TestPeerActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void importPreviewAndUndo();
    void importOfARealServerAppliesAndUndoesExactly();
    void adoptFromTheUnknownPeerCard();
    void dropOfAConfFileImports();
    void exportAllSkipsImportedPeers();
    void contextMenuOffersRotateAndExport();
    void menusAndShortcut();

private:
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<NetworkState> m_network;
    std::unique_ptr<MainWindow> m_window;
    FakeSecretStore m_secrets;
    FakePrompts m_prompts;
    QTemporaryDir m_dir;
    QTemporaryDir m_settings;
};

void TestPeerActions::initTestCase()
{
    WelcomeTestHelpers::isolateSettings(m_settings.path());
}

void TestPeerActions::init()
{
    m_clock = std::make_unique<ManualClock>();
    m_network = std::make_unique<NetworkState>(m_clock.get());
    m_window = std::make_unique<MainWindow>(m_network.get(), MainWindow::SourceFactory());
    m_window->setRememberLayout(false);
    const QString path = m_dir.filePath(QStringLiteral("topology.json"));
    QVERIFY(TopologyFile::save(path, topologyOfServerConfig(TopologyFile::referenceDeployment())).isEmpty());
    QCOMPARE(m_window->loadFile(path), QString());
    m_window->peerActions()->setSecretStore(&m_secrets);
    m_window->peerActions()->setPrompts(&m_prompts);
    m_window->peerActions()->setClock(m_clock.get());
    m_prompts = FakePrompts();
}

void TestPeerActions::cleanup()
{
    m_window.reset();
    m_network.reset();
}

void TestPeerActions::importPreviewAndUndo()
{
    const Topology before = m_window->document();
    PeerActions* actions = m_window->peerActions();
    m_prompts.importAnswer = false;
    QCOMPARE(actions->importServerConfig(serverConfigPath()), QString());
    QVERIFY2(m_prompts.lastPreview.contains(QLatin1String("1 added")), qPrintable(m_prompts.lastPreview));
    QCOMPARE(m_window->document(), before); // declined: nothing changed

    m_prompts.importAnswer = true;
    QCOMPARE(actions->importServerConfig(serverConfigPath()), QString());
    const Topology& after = m_window->document();
    QVERIFY(after.peers.size() > before.peers.size());
    QVERIFY(m_prompts.lastPreview.contains(QLatin1String("10.10.0.40/32")));
    QCOMPARE(m_network->topology(), after);
    // Saved to the open file.
    QCOMPARE(TopologyFile::load(m_window->documentPath()).topology.peers.size(), after.peers.size());

    actions->undoStack()->undo();
    QCOMPARE(m_window->document(), before);
    QCOMPARE(m_network->topology(), before);
    QCOMPARE(TopologyFile::load(m_window->documentPath()).topology.peers.size(), before.peers.size());
    actions->undoStack()->redo();
    QVERIFY(m_window->document().peers.size() > before.peers.size());
}

void TestPeerActions::importOfARealServerAppliesAndUndoesExactly()
{
    // The user: the reference deployment open, the real server's config (keys by wg) imported over it.
    QString error;
    const GeneratedServer server = GeneratedServer::make(50, &error);
    REQUIRE_GENERATED(error);
    const QString reference = m_dir.filePath(QStringLiteral("reference.json"));
    QVERIFY(TopologyFile::save(reference, TopologyFile::referenceDeployment()).isEmpty());
    QCOMPARE(m_window->loadFile(reference), QString());
    const QString config = m_dir.filePath(QStringLiteral("real-wg0.conf"));
    {
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(server.wgQuickText().toUtf8());
    }
    const Topology before = m_window->document();

    QCOMPARE(m_window->peerActions()->importServerConfig(config), QString());
    QCOMPARE(m_prompts.reviewed, 1);
    // The server's "prod" is the reference deployment's placeholder prod (matched by name); the 49 others are new.
    QCOMPARE(m_prompts.lastAdded.size(), 49);
    QVERIFY2(m_prompts.lastPreview.contains(QLatin1String("changed \"prod\"")), qPrintable(m_prompts.lastPreview));
    const Topology after = m_window->document();
    const auto hub = std::find_if(after.interfaces.cbegin(), after.interfaces.cend(),
        [](const WireGuardInterface& wgInterface) { return wgInterface.isHub; });
    QCOMPARE(hub->publicKey, server.publicKey); // the placeholder hub key is the server's now
    QVERIFY(!hub->placeholderKey);
    for (const GeneratedServer::Peer& peer : server.peers) {
        QVERIFY2(std::any_of(after.peers.cbegin(), after.peers.cend(), [&](const WireGuardPeer& entry) {
            return entry.publicKey == peer.publicKey && entry.allowedIps == peer.allowedIps;
        }), qPrintable(peer.name));
    }
    QCOMPARE(m_network->topology(), after);
    QCOMPARE(m_window->scene()->cards().size(), after.hosts.size());
    QCOMPARE(TopologyFile::load(reference).topology, after);
    QVERIFY(!readAll(reference).contains(server.privateKey.toLatin1()));

    // One step back restores the topology exactly, in the window and in its file.
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_window->document(), before);
    QCOMPARE(m_network->topology(), before);
    QCOMPARE(TopologyFile::load(reference).topology, before);
    QCOMPARE(m_window->scene()->cards().size(), before.hosts.size());
    m_window->peerActions()->undoStack()->redo();
    QCOMPARE(m_window->document(), after);
}

void TestPeerActions::adoptFromTheUnknownPeerCard()
{
    const Topology before = m_window->document();
    DemoTelemetrySource source(before, m_clock.get());
    m_network->applyStatus(source.status());
    TelemetrySnapshot snapshot = source.takeSnapshot();
    PeerTelemetry stranger;
    stranger.reportingHost = QStringLiteral("monitor11");
    stranger.device = QStringLiteral("wg0");
    stranger.publicKey = QStringLiteral("3x9fQm0o1xQvGq3x9fQm0o1xQvGq3x9fQm0o1xQvGq0=");
    stranger.allowedIps = {QStringLiteral("10.10.0.77/32")};
    stranger.lastHandshake = m_clock->now().addSecs(-30);
    stranger.sampleTime = m_clock->now();
    snapshot.peers.append(stranger);
    m_network->applySnapshot(snapshot);
    QCOMPARE(m_window->scene()->unknownPeerItems().size(), 1);

    // Right-click on the card: the element under the pointer is the unknown peer, its menu offers adoption.
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    UnknownPeerItem* item = m_window->scene()->unknownPeerItems().constFirst();
    m_window->view()->centerOn(item);
    const QPoint at = m_window->view()->mapFromScene(item->mapToScene(QPointF(UnknownPeerItem::Width / 2, UnknownPeerItem::Height / 2)));
    PeerActions* actions = m_window->peerActions();
    const DiagramElement element = actions->elementAt(at);
    QCOMPARE(element, (DiagramElement{DiagramElement::Kind::UnknownPeer, item->peerId()}));
    std::unique_ptr<QMenu> menu(actions->contextMenuFor(element, nullptr));
    QVERIFY(menu);
    QCOMPARE(menu->actions().size(), 1);
    QCOMPARE(menu->actions().constFirst()->text().remove(QLatin1Char('&')), QStringLiteral("Adopt into Topology…"));

    m_prompts.adoption = std::nullopt; // declined: nothing changes
    menu->actions().constFirst()->trigger();
    QCOMPARE(m_prompts.adoptionsAsked, 1);
    QCOMPARE(m_window->document(), before);

    PeerAdoptionRequest request;
    request.name = QStringLiteral("Backup box");
    m_prompts.adoption = request;
    menu->actions().constFirst()->trigger();
    QCOMPARE(m_prompts.informed, QStringList());
    const Topology after = m_window->document();
    const auto adopted = std::find_if(after.peers.cbegin(), after.peers.cend(),
        [&](const WireGuardPeer& peer) { return peer.publicKey == stranger.publicKey; });
    QVERIFY(adopted != after.peers.cend());
    QCOMPARE(adopted->allowedIps, stranger.allowedIps);
    QVERIFY(after.host(adopted->hostId));
    QCOMPARE(after.hosts.size(), before.hosts.size() + 1);
    QVERIFY(m_window->scene()->card(adopted->hostId));
    QCOMPARE(m_network->unknownPeers().size(), 0); // the key is known now
    QCOMPARE(TopologyFile::load(m_window->documentPath()).topology, after);

    actions->undoStack()->undo();
    QCOMPARE(m_window->document(), before);
    QCOMPARE(TopologyFile::load(m_window->documentPath()).topology, before);
}

void TestPeerActions::dropOfAConfFileImports()
{
    const qsizetype peersBefore = m_window->document().peers.size();
    auto drop = [this](const QString& path) {
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_window.get(), &enter);
        const bool accepted = enter.isAccepted();
        QDropEvent dropEvent(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_window.get(), &dropEvent);
        return accepted;
    };
    const QString notConf = m_dir.filePath(QStringLiteral("notes.txt"));
    QFile(notConf).open(QIODevice::WriteOnly);
    QVERIFY(!drop(notConf));
    QCOMPARE(m_window->document().peers.size(), peersBefore);
    QVERIFY(drop(serverConfigPath()));
    // The preview dialog comes after the drop has returned to the drag source, never inside it.
    QVERIFY(m_prompts.lastPreview.isEmpty());
    QCOMPARE(m_window->document().peers.size(), peersBefore);
    QTRY_VERIFY(m_window->document().peers.size() > peersBefore);
    QVERIFY2(m_prompts.lastPreview.contains(QLatin1String("1 added")), qPrintable(m_prompts.lastPreview)); // the merge plan's summary
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_window->document().peers.size(), peersBefore);
}

void TestPeerActions::exportAllSkipsImportedPeers()
{
    PeerActions* actions = m_window->peerActions();
    QCOMPARE(actions->importServerConfig(serverConfigPath()), QString());
    // One collector onboarded by Tunnelscope, its keys in the keychain as the wizard keeps them.
    OnboardingPlanResult planned = CollectorOnboarding::planForNewHost(m_window->document(), QStringLiteral("web2"));
    QVERIFY(planned.ok());
    const WireGuardKey key = WireGuardKey::generatePrivate();
    const WireGuardKey psk = WireGuardKey::generatePreshared();
    const TopologyChange change = CollectorOnboarding::addCollector(
        m_window->document(), planned.plan, key.publicKey().toBase64(), m_clock->now());
    QVERIFY2(change.ok(), qPrintable(change.error));
    m_window->applyDocument(change.topology);
    {
        bool done = false;
        SecretReply* first = m_secrets.write(SecretKey::wireguardPrivateKey(QStringLiteral("web2-wg0")), key.toBase64().toLatin1());
        Q_UNUSED(first);
        SecretReply* second = m_secrets.write(SecretKey::wireguardPresharedKey(QStringLiteral("monitor11-web2")), psk.toBase64().toLatin1());
        connect(second, &SecretReply::finished, this, [&done] { done = true; });
        QTRY_VERIFY(done);
    }

    const QString folder = m_dir.filePath(QStringLiteral("peers"));
    m_prompts.folder = folder;
    PeerExportRunner* runner = actions->exportPeers({});
    QVERIFY(runner);
    QSignalSpy finished(runner, &PeerExportRunner::finished);
    QTRY_COMPARE(finished.size(), 1);
    const auto outcome = finished.constFirst().constFirst().value<PeerExportRunner::Outcome>();
    QVERIFY2(outcome.exported.contains(QStringLiteral("web2")), qPrintable(outcome.summary()));
    QVERIFY(QFileInfo::exists(folder + QStringLiteral("/web2/wg0.conf")));
    QVERIFY(readAll(folder + QStringLiteral("/web2/wg0.conf")).contains(key.toBase64().toLatin1()));
    QCOMPARE(modeOf(folder), 0700);
    QCOMPARE(modeOf(folder + QStringLiteral("/web2/wg0.conf")), 0600);
    // The peer learnt from the server's config (a host of its own since the import plans hosts too): listed
    // with the reason, no client config.
    const Topology& document = m_window->document();
    const auto imported = std::find_if(document.peers.cbegin(), document.peers.cend(), [](const WireGuardPeer& peer) {
        return peer.publicKey == QLatin1String("4Sv0o+W8Fm6E0Oq9nBIQa3fVu/1yJ1QUPFOhT2Mqhks=");
    });
    QVERIFY(imported != document.peers.cend());
    QVERIFY(!imported->clientConfigAvailable);
    QVERIFY(document.host(imported->hostId));
    QVERIFY(PeerExport::importedPeersWithoutHost(document).isEmpty());
    const QString importedHost = document.host(imported->hostId)->name;
    QVERIFY(!QFileInfo::exists(folder + QLatin1Char('/') + importedHost + QStringLiteral("/wg0.conf")));
    const QString importedLine = PeerExportRunner::importedPeerLine(importedHost);
    QVERIFY(importedLine.endsWith(QLatin1String("cannot export the client config: no private key (imported from the server config)")));
    QVERIFY2(outcome.withoutClientConfig.contains(importedLine), qPrintable(outcome.summary()));
    // Peers onboarded before the keychain kept keys: server files only, with the reason.
    QVERIFY(!QFileInfo::exists(folder + QStringLiteral("/prod/wg0.conf")));
    QVERIFY(QFileInfo::exists(folder + QStringLiteral("/prod/server-peer.conf")));
    QTRY_COMPARE(m_prompts.informed.size(), 1);
    QVERIFY(m_prompts.informed.constFirst().contains(importedLine));

    // Again: nothing is replaced without asking.
    m_prompts.confirmAnswer = false;
    PeerExportRunner* again = actions->exportPeers({QStringLiteral("web2")});
    QSignalSpy finishedAgain(again, &PeerExportRunner::finished);
    QTRY_COMPARE(finishedAgain.size(), 1);
    QCOMPARE(m_prompts.asked.size(), 1);
    const auto refused = finishedAgain.constFirst().constFirst().value<PeerExportRunner::Outcome>();
    QCOMPARE(refused.failed.size(), 1);
}

void TestPeerActions::contextMenuOffersRotateAndExport()
{
    PeerActions* actions = m_window->peerActions();
    std::unique_ptr<QMenu> menu(actions->contextMenuFor({DiagramElement::Kind::Host, QStringLiteral("prod")}, nullptr));
    QVERIFY(menu);
    QStringList texts;
    for (QAction* action : menu->actions())
        texts.append(action->text().remove(QLatin1Char('&')));
    QCOMPARE(texts, (QStringList{QStringLiteral("Rotate Keys…"), QStringLiteral("Export Configs…")}));
    QVERIFY(!actions->contextMenuFor({DiagramElement::Kind::Host, QStringLiteral("monitor11")}, nullptr));
    QVERIFY(!actions->contextMenuFor({DiagramElement::Kind::Segment, QStringLiteral("home")}, nullptr));
    const QString tunnelId = m_network->tunnelsOfHost(QStringLiteral("prod")).constFirst()->id;
    QCOMPARE(actions->hostOf({DiagramElement::Kind::Tunnel, tunnelId}), QStringLiteral("prod"));
}

void TestPeerActions::menusAndShortcut()
{
    PeerActions* actions = m_window->peerActions();
    QCOMPARE(actions->addCollectorAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_N));
    QSignalSpy opened(actions, &PeerActions::wizardOpened);
    actions->addCollectorAction()->trigger();
    QCOMPARE(opened.size(), 1);
    auto* wizard = opened.constFirst().constFirst().value<QWidget*>();
    QVERIFY(wizard->isVisible());
    wizard->close();
}

QTEST_MAIN(TestPeerActions)
#include "TestPeerActions.moc"
