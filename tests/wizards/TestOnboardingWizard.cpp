// SPDX-License-Identifier: GPL-3.0-or-later
// The onboarding wizard driven offscreen with key clicks, page by page, to an exported bundle.
#include "WireGuardTools.h"
#include "DarkPalette.h"
#include "WizardTestHelpers.h"
#include "collector/CollectorOnboarding.h"
#include "export/ClipboardGuard.h"
#include "export/QrCodeWidget.h"
#include "support/FakeSecretStore.h"
#include "support/ManualClock.h"
#include "support/TestRequirements.h"
#include "topology/TopologyFile.h"
#include "wireguard/WireGuardConfig.h"
#include "wizards/CopyableCode.h"
#include "wizards/ExportPage.h"
#include "wizards/HostPage.h"
#include "wizards/OnboardingWizard.h"
#include "wizards/ReviewPage.h"
#include "wizards/TunnelPage.h"
#include "wizards/VerifyPage.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>

using namespace WizardTestHelpers;

class TestOnboardingWizard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void exportsABundle_data();
    void exportsABundle();
    void noKeychainWritesNothing();
    void refusesATakenAddress();
    void backKeepsEntries();
    void cancelAsksOnlyWithUnexportedKeys();
    void verifyTicksOffWhatArrives();
    void secretCopiedBeforeTheWizardClosesIsCleared();
    void grabPages();

private:
    void next(OnboardingWizard& wizard);
    void typeInto(QLineEdit* edit, const QString& text);
    void fillToExport(OnboardingWizard& wizard, const QString& folder);

    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<NetworkState> m_network;
    std::unique_ptr<FakeSecretStore> m_secrets;
    std::unique_ptr<FakePrompts> m_prompts;
    std::unique_ptr<Harness> m_harness;
    std::unique_ptr<QTemporaryDir> m_dir;
    Topology m_topology;
};

void TestOnboardingWizard::init()
{
    m_clock = std::make_unique<ManualClock>();
    m_network = std::make_unique<NetworkState>(m_clock.get());
    m_topology = TopologyFile::referenceDeployment();
    m_network->setTopology(m_topology);
    m_secrets = std::make_unique<FakeSecretStore>();
    m_prompts = std::make_unique<FakePrompts>();
    m_harness = std::make_unique<Harness>(Harness{m_network.get(), {}, 0});
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestOnboardingWizard::cleanup()
{
    m_harness.reset();
    m_prompts.reset();
    m_secrets.reset();
    m_network.reset();
}

void TestOnboardingWizard::next(OnboardingWizard& wizard)
{
    QAbstractButton* button = wizard.button(QWizard::NextButton);
    QVERIFY2(button->isEnabled(), qPrintable(QStringLiteral("Next is disabled on page %1").arg(wizard.currentId())));
    const int before = wizard.currentId();
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(wizard.currentId(), before + 1);
}

void TestOnboardingWizard::typeInto(QLineEdit* edit, const QString& text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

void TestOnboardingWizard::fillToExport(OnboardingWizard& wizard, const QString& folder)
{
    QCOMPARE(wizard.currentId(), int(OnboardingWizard::Host));
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled()); // no name yet
    QTest::keyClicks(wizard.hostPage()->nameEdit(), QStringLiteral("web2"));
    QTest::keyClicks(wizard.hostPage()->fqdnEdit(), QStringLiteral("web2.example.com"));
    next(wizard);
    QCOMPARE(wizard.tunnelPage()->addressEdit()->text(), QStringLiteral("10.10.0.3"));
    next(wizard); // collectors
    next(wizard); // firewall
    next(wizard); // review
    next(wizard); // export
    typeInto(wizard.exportPage()->folderEdit(), folder);
}

void TestOnboardingWizard::exportsABundle_data()
{
    QTest::addColumn<bool>("keepInKeychain");
    QTest::newRow("files only") << false;
    QTest::newRow("keychain too") << true;
}

void TestOnboardingWizard::exportsABundle()
{
    QFETCH(bool, keepInKeychain);
    OnboardingWizard wizard(m_topology, m_harness->services(m_secrets.get(), m_clock.get(), m_prompts.get()));
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    const QString folder = m_dir->filePath(QStringLiteral("tunnelscope-web2"));
    fillToExport(wizard, folder);
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled()); // not before the export
    if (keepInKeychain)
        QTest::mouseClick(wizard.exportPage()->keychainBox(), Qt::LeftButton, {}, QPoint(8, 8));
    QCOMPARE(wizard.exportPage()->keychainBox()->isChecked(), keepInKeychain);
    QTest::mouseClick(wizard.exportPage()->exportButton(), Qt::LeftButton);
    QTRY_VERIFY2(wizard.state()->isExported(), qPrintable(wizard.exportPage()->statusLabel()->text()));

    QCOMPARE(modeOf(folder), 0700);
    const QStringList files = QDir(folder).entryList(QDir::Files);
    for (const QString& name : {QStringLiteral("wg0.conf"), QStringLiteral("server-peer.conf"),
             QStringLiteral("server-add-peer.sh"), QStringLiteral("telegraf.conf"), QStringLiteral("config.alloy"),
             QStringLiteral("firewall-client-ufw.sh"), QStringLiteral("firewall-client.nft"),
             QStringLiteral("README.md"), ExportPage::qrFileName()})
        QVERIFY2(files.contains(name), qPrintable(name));
    for (const QString& name : files)
        QCOMPARE(modeOf(QDir(folder).filePath(name)), 0600);

    const QString clientText = QString::fromUtf8(readAll(QDir(folder).filePath(QStringLiteral("wg0.conf"))));
    const auto client = WireGuardConfig::parse(clientText);
    QVERIFY(client.ok());
    QCOMPARE(client.config.interfaceSection()->value(u"Address"), QStringLiteral("10.10.0.3/32"));
    if (TOOL_FOR_CHECK("wg-quick")) {
        const auto stripped = WireGuardTools::wgQuickStrip(clientText);
        QVERIFY2(stripped.ok(), qPrintable(stripped.describe()));
    }
    QImage qr;
    QVERIFY(qr.load(QDir(folder).filePath(ExportPage::qrFileName()), "PNG"));
    QVERIFY(qr.width() >= 256);
    QVERIFY(!wizard.exportPage()->qrCode()->image().isNull());

    QCOMPARE(m_harness->commits, 1);
    const Topology& added = m_harness->committed;
    QVERIFY(added.host(QStringLiteral("web2")));
    QCOMPARE(added.host(QStringLiteral("web2"))->fqdn, QStringLiteral("web2.example.com"));
    QVERIFY(added.peer(QStringLiteral("monitor11-web2")));
    QCOMPARE(added.peer(QStringLiteral("monitor11-web2"))->publicKey, wizard.state()->publicKey());
    QCOMPARE(added.peer(QStringLiteral("monitor11-web2"))->keyCreated, m_clock->now());
    QVERIFY(added.peer(QStringLiteral("web2-monitor11")));
    QCOMPARE(added.flows.size(), m_topology.flows.size() + 2);
    // Pending until its first handshake: once telemetry arrives without it, the new tunnel shows as never seen.
    SourceStatus live;
    EndpointHealth influx;
    influx.name = QStringLiteral("InfluxDB");
    influx.state = EndpointHealth::State::Ok;
    live.endpoints.append(influx);
    m_network->applyStatus(live);
    TelemetrySnapshot empty;
    empty.takenAt = m_clock->now();
    m_network->applySnapshot(empty);
    QCOMPARE(m_network->tunnelsOfHost(QStringLiteral("web2")).size(), 1);
    QCOMPARE(m_network->tunnelsOfHost(QStringLiteral("web2")).constFirst()->status.state, PeerStatus::State::Never);

    const SecretKey privateEntry = SecretKey::wireguardPrivateKey(QStringLiteral("web2-wg0"));
    const SecretKey pskEntry = SecretKey::wireguardPresharedKey(QStringLiteral("monitor11-web2"));
    if (keepInKeychain) {
        QTRY_VERIFY(m_secrets->contains(pskEntry));
        QCOMPARE(QString::fromLatin1(m_secrets->storedSecret(privateEntry)),
            client.config.interfaceSection()->value(u"PrivateKey"));
        QCOMPARE(QString::fromLatin1(m_secrets->storedSecret(pskEntry)),
            client.config.peers().constFirst()->value(u"PresharedKey"));
    } else {
        QTest::qWait(50);
        QCOMPARE(m_secrets->entryCount(), 0);
    }
    next(wizard); // verify
}

void TestOnboardingWizard::noKeychainWritesNothing()
{
    m_secrets->setBehaviour(FakeSecretStore::Behaviour::NoKeychain);
    OnboardingWizard wizard(m_topology, m_harness->services(m_secrets.get(), m_clock.get(), m_prompts.get()));
    wizard.show();
    const QString folder = m_dir->filePath(QStringLiteral("out"));
    fillToExport(wizard, folder);
    wizard.exportPage()->keychainBox()->setChecked(true);
    QSignalSpy finished(wizard.exportPage(), &ExportPage::exportFinished);
    QTest::mouseClick(wizard.exportPage()->exportButton(), Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.constFirst().constFirst().toBool(), false);
    const QString status = wizard.exportPage()->statusLabel()->text();
    QVERIFY2(status.contains(SecretResult::noKeychainMessage(SecretOperation::Read).left(20))
            || status.contains(QLatin1String("keychain")),
        qPrintable(status));
    QVERIFY(status.contains(QLatin1String("Nothing was exported")));
    QVERIFY(!QFileInfo::exists(folder));
    QCOMPARE(m_harness->commits, 0);
    QCOMPARE(m_secrets->entryCount(), 0);
    QVERIFY(!wizard.state()->isExported());
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());

    // Without the box, the same export goes through: the files are then the only copy of the keys.
    wizard.exportPage()->keychainBox()->setChecked(false);
    QTest::mouseClick(wizard.exportPage()->exportButton(), Qt::LeftButton);
    QTRY_VERIFY(wizard.state()->isExported());
    QVERIFY(QFileInfo::exists(folder + QStringLiteral("/wg0.conf")));
    QCOMPARE(m_secrets->entryCount(), 0);
}

void TestOnboardingWizard::refusesATakenAddress()
{
    OnboardingWizard wizard(m_topology, m_harness->services(m_secrets.get(), m_clock.get(), m_prompts.get()));
    wizard.show();
    QTest::keyClicks(wizard.hostPage()->nameEdit(), QStringLiteral("web2"));
    next(wizard);
    TunnelPage* page = wizard.tunnelPage();
    QVERIFY(page->addressProblem()->isHidden());
    for (const QString& address : {QStringLiteral("10.10.0.1"), QStringLiteral("10.10.0.255"), QStringLiteral("10.10.1.5")}) {
        typeInto(page->addressEdit(), address);
        const QString reason = CollectorOnboarding::addressRefusal(m_topology, address);
        QVERIFY(!reason.isEmpty());
        QVERIFY(!page->addressProblem()->isHidden());
        QVERIFY2(page->addressProblem()->text().contains(reason), qPrintable(page->addressProblem()->text()));
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    }
    typeInto(page->serverKeyEdit(), QStringLiteral("not a key"));
    typeInto(page->addressEdit(), QStringLiteral("10.10.0.9"));
    QVERIFY(page->addressProblem()->isHidden());
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled()); // the key is still bad
    typeInto(page->serverKeyEdit(), m_topology.interface(QStringLiteral("monitor11-wg0"))->publicKey);
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
}

void TestOnboardingWizard::backKeepsEntries()
{
    OnboardingWizard wizard(m_topology, m_harness->services(m_secrets.get(), m_clock.get(), m_prompts.get()));
    wizard.show();
    QTest::keyClicks(wizard.hostPage()->nameEdit(), QStringLiteral("web3"));
    next(wizard);
    typeInto(wizard.tunnelPage()->addressEdit(), QStringLiteral("10.10.0.77"));
    QTest::mouseClick(wizard.button(QWizard::BackButton), Qt::LeftButton);
    QCOMPARE(wizard.hostPage()->nameEdit()->text(), QStringLiteral("web3"));
    next(wizard);
    QCOMPARE(wizard.tunnelPage()->addressEdit()->text(), QStringLiteral("10.10.0.77"));
    next(wizard);
    next(wizard);
    next(wizard); // review: keys made
    const QString key = wizard.state()->publicKey();
    QTest::mouseClick(wizard.button(QWizard::BackButton), Qt::LeftButton);
    next(wizard);
    QCOMPARE(wizard.state()->publicKey(), key);
    QVERIFY(wizard.state()->bundle().file(QStringLiteral("wg0.conf"))->content.contains("10.10.0.77/32"));
}

void TestOnboardingWizard::cancelAsksOnlyWithUnexportedKeys()
{
    {
        OnboardingWizard wizard(m_topology, m_harness->services(m_secrets.get(), m_clock.get(), m_prompts.get()));
        wizard.show();
        wizard.reject();
        QVERIFY(m_prompts->asked.isEmpty());
        QVERIFY(!wizard.isVisible());
    }
    OnboardingWizard wizard(m_topology, m_harness->services(m_secrets.get(), m_clock.get(), m_prompts.get()));
    wizard.show();
    fillToExport(wizard, m_dir->filePath(QStringLiteral("x")));
    m_prompts->confirmAnswer = false;
    QTest::mouseClick(wizard.button(QWizard::CancelButton), Qt::LeftButton);
    QCOMPARE(m_prompts->asked.size(), 1);
    QVERIFY(wizard.isVisible());
    m_prompts->confirmAnswer = true;
    QTest::mouseClick(wizard.button(QWizard::CancelButton), Qt::LeftButton);
    QVERIFY(!wizard.isVisible());
    QCOMPARE(m_harness->commits, 0);
}

void TestOnboardingWizard::verifyTicksOffWhatArrives()
{
    OnboardingWizard wizard(m_topology, m_harness->services(m_secrets.get(), m_clock.get(), m_prompts.get()));
    wizard.show();
    fillToExport(wizard, m_dir->filePath(QStringLiteral("v")));
    QTest::mouseClick(wizard.exportPage()->exportButton(), Qt::LeftButton);
    QTRY_VERIFY(wizard.state()->isExported());

    next(wizard);
    VerifyPage* page = wizard.verifyPage();
    using Check = VerifyPage::Check;
    for (const Check check : {Check::Handshake, Check::Metrics, Check::Logs}) {
        QVERIFY(!page->arrived(check));
        QVERIFY(page->statusText(check).contains(QLatin1String("waiting")));
        QVERIFY(!page->hintShown(check));
    }
    m_clock->advance(VerifyPage::HintAfterSeconds + 1);
    page->refresh();
    QVERIFY(page->hintShown(Check::Handshake));

    TelemetrySnapshot snapshot;
    snapshot.takenAt = m_clock->now();
    PeerTelemetry peer;
    peer.reportingHost = QStringLiteral("monitor11");
    peer.device = QStringLiteral("wg0");
    peer.publicKey = wizard.state()->publicKey();
    peer.lastHandshake = m_clock->now().addSecs(-3);
    peer.sampleTime = m_clock->now();
    snapshot.peers.append(peer);
    m_network->applySnapshot(snapshot);
    QVERIFY(page->arrived(Check::Handshake));
    QVERIFY(!page->hintShown(Check::Handshake));
    QVERIFY(!page->arrived(Check::Metrics));

    HostTelemetry host;
    host.host = QStringLiteral("web2");
    host.lastReport = m_clock->now();
    snapshot.hosts.append(host);
    HostLogEvents logs;
    logs.host = QStringLiteral("web2");
    snapshot.logEvents.append(logs);
    snapshot.hasLogEvents = true;
    m_network->applySnapshot(snapshot);
    QVERIFY(page->arrived(Check::Metrics));
    QVERIFY(page->arrived(Check::Logs));
    QVERIFY(page->statusText(Check::Logs).contains(QLatin1String("arrived")));
}

void TestOnboardingWizard::secretCopiedBeforeTheWizardClosesIsCleared()
{
    QClipboard* clipboard = QGuiApplication::clipboard();
    ClipboardGuard* guard = ClipboardGuard::instance();
    guard->setClearDelay(ClipboardGuard::DefaultClearDelay);
    QString copied;
    {
        OnboardingWizard wizard(m_topology, m_harness->services(m_secrets.get(), m_clock.get(), m_prompts.get()));
        wizard.show();
        QTest::keyClicks(wizard.hostPage()->nameEdit(), QStringLiteral("web2"));
        while (wizard.currentId() < OnboardingWizard::Review)
            next(wizard);
        auto* files = wizard.reviewPage()->findChild<QListWidget*>(QStringLiteral("reviewFiles"));
        QVERIFY(files);
        const QList<QListWidgetItem*> secrets = files->findItems(QStringLiteral("wg0.conf  (secret)"), Qt::MatchExactly);
        QCOMPARE(secrets.size(), 1);
        files->setCurrentItem(secrets.constFirst());
        copied = wizard.reviewPage()->viewer()->text();
        QVERIFY(copied.contains(QLatin1String("PrivateKey = ")));
        QTest::mouseClick(wizard.reviewPage()->viewer()->copyButton(), Qt::LeftButton);
        QCOMPARE(clipboard->text(), copied);
        QCOMPARE(clipboard->mimeData()->data(ClipboardGuard::passwordManagerHintFormat()), QByteArray("secret"));
        wizard.reject(); // closed within the 30 s, its keys discarded (the prompt says yes)
    }
    // The wizard is gone; the guard is not, and its clear is still pending.
    QCOMPARE(clipboard->text(), copied);
    QVERIFY(guard->clearPending());
    guard->setClearDelay(std::chrono::milliseconds(1)); // stands for the 30 s passing
    QTRY_VERIFY(clipboard->text().isEmpty());
}

void TestOnboardingWizard::grabPages()
{
    // Not an assertion of looks: renders every page (light and dark) so a person can look at them.
    const QString outDir = qEnvironmentVariableIsSet("TUNNELSCOPE_SCREENSHOT_DIR")
        ? qEnvironmentVariable("TUNNELSCOPE_SCREENSHOT_DIR")
        : m_dir->path();
    const QPalette original = QApplication::palette();
    for (const bool dark : {false, true}) {
        if (dark) {
            QApplication::setPalette(DarkPalette::make());
        }
        Harness harness{m_network.get(), {}, 0};
        OnboardingWizard wizard(m_topology, harness.services(m_secrets.get(), m_clock.get(), m_prompts.get()));
        wizard.show();
        QTest::keyClicks(wizard.hostPage()->nameEdit(), QStringLiteral("web2"));
        QTest::keyClicks(wizard.hostPage()->fqdnEdit(), QStringLiteral("web2.example.com"));
        for (int page = OnboardingWizard::Host; page <= OnboardingWizard::Verify; ++page) {
            if (page == OnboardingWizard::Export) {
                typeInto(wizard.exportPage()->folderEdit(), m_dir->filePath(QStringLiteral("shot%1").arg(dark)));
                QTest::mouseClick(wizard.exportPage()->exportButton(), Qt::LeftButton);
                QTRY_VERIFY(wizard.state()->isExported());
            }
            QApplication::processEvents();
            const QString path = QStringLiteral("%1/wizard-page-%2%3.png").arg(outDir).arg(page + 1).arg(dark ? QStringLiteral("-dark") : QString());
            QVERIFY(wizard.grab().save(path, "PNG"));
            if (page < OnboardingWizard::Verify)
                next(wizard);
        }
    }
    QApplication::setPalette(original);
}

QTEST_MAIN(TestOnboardingWizard)
#include "TestOnboardingWizard.moc"
