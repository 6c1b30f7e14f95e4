// SPDX-License-Identifier: GPL-3.0-or-later
// The rotation wizard: a new key, the server script's steps in the order that keeps the tunnel up, the export,
// and the new key's first handshake ticked off.
#include "WizardTestHelpers.h"
#include "support/FakeSecretStore.h"
#include "support/ManualClock.h"
#include "topology/TopologyFile.h"
#include "wizards/ExportPage.h"
#include "wizards/RotationKeysPage.h"
#include "wizards/RotationWizard.h"
#include "wizards/VerifyPage.h"

#include <QAbstractButton>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace WizardTestHelpers;

class TestRotationWizard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rotatesAndVerifies();
    void refusesTheHub();
    void keyAgeText();
};

void TestRotationWizard::rotatesAndVerifies()
{
    ManualClock clock;
    NetworkState network(&clock);
    Topology topology = TopologyFile::referenceDeployment();
    for (auto& peer : topology.peers) {
        if (peer.id == QLatin1String("monitor11-prod"))
            peer.keyCreated = clock.now().addDays(-43);
    }
    network.setTopology(topology);
    FakeSecretStore secrets;
    FakePrompts prompts;
    Harness harness{&network, {}, 0};
    const QString oldKey = topology.interface(QStringLiteral("prod-wg0"))->publicKey;

    RotationWizard wizard(topology, QStringLiteral("prod"), harness.services(&secrets, &clock, &prompts));
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    QCOMPARE(wizard.keysPage()->keyAgeLabel()->text(), QStringLiteral("key age: 43 d"));
    QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(wizard.currentId(), int(RotationWizard::Review));
    const QString newKey = wizard.state()->publicKey();
    QVERIFY(!newKey.isEmpty());
    QVERIFY(newKey != oldKey);

    const BundleFile* script = wizard.state()->bundle().file(QStringLiteral("server-rotate.sh"));
    QVERIFY(script);
    const QString text = QString::fromUtf8(script->content);
    // The new key joins first (the old one keeps the traffic), the old one leaves last.
    const qsizetype addNew = text.indexOf(QStringLiteral("wg set wg0 peer ") + newKey);
    const qsizetype moveAddress = text.indexOf(QStringLiteral("peer \"$NEW\" allowed-ips"));
    const qsizetype removeOld = text.indexOf(QStringLiteral("peer \"$OLD\" remove"));
    QVERIFY2(addNew >= 0 && moveAddress > addNew && removeOld > moveAddress, qPrintable(text));
    QVERIFY(text.contains(oldKey));
    QVERIFY(text.contains(newKey));

    QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("rotation"));
    wizard.exportPage()->folderEdit()->setText(folder);
    QTest::mouseClick(wizard.exportPage()->exportButton(), Qt::LeftButton);
    QTRY_VERIFY2(wizard.state()->isExported(), qPrintable(wizard.exportPage()->statusLabel()->text()));
    QVERIFY(readAll(folder + QStringLiteral("/server-rotate.sh")).contains(newKey.toLatin1()));
    QCOMPARE(modeOf(folder + QStringLiteral("/wg0.conf")), 0600);
    QCOMPARE(harness.committed.interface(QStringLiteral("prod-wg0"))->publicKey, newKey);
    QCOMPARE(harness.committed.peer(QStringLiteral("monitor11-prod"))->keyCreated, clock.now());

    QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
    VerifyPage* verify = wizard.verifyPage();
    QVERIFY(!verify->arrived(VerifyPage::Check::Handshake));
    TelemetrySnapshot snapshot;
    snapshot.takenAt = clock.now();
    PeerTelemetry old;
    old.reportingHost = QStringLiteral("monitor11");
    old.device = QStringLiteral("wg0");
    old.publicKey = oldKey;
    old.lastHandshake = clock.now();
    snapshot.peers.append(old);
    network.applySnapshot(snapshot);
    QVERIFY(!verify->arrived(VerifyPage::Check::Handshake)); // the old key does not count
    snapshot.peers.first().publicKey = newKey;
    network.applySnapshot(snapshot);
    QVERIFY(verify->arrived(VerifyPage::Check::Handshake));
}

void TestRotationWizard::refusesTheHub()
{
    ManualClock clock;
    NetworkState network(&clock);
    FakePrompts prompts;
    Harness harness{&network, {}, 0};
    RotationWizard wizard(TopologyFile::referenceDeployment(), QStringLiteral("storage"),
        harness.services(nullptr, &clock, &prompts));
    wizard.show();
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
}

void TestRotationWizard::keyAgeText()
{
    const QDateTime now(QDate(2026, 8, 21), QTime(10, 0), Qt::UTC);
    QCOMPARE(RotationKeysPage::keyAgeText(now.addDays(-43), now), QStringLiteral("key age: 43 d"));
    QVERIFY(RotationKeysPage::keyAgeText({}, now).contains(QLatin1String("unknown")));
}

QTEST_MAIN(TestRotationWizard)
#include "TestRotationWizard.moc"
