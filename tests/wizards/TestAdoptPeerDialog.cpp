// SPDX-License-Identifier: GPL-3.0-or-later
// "Adopt into topology…" of an unknown peer: the name offered, the host (new or existing), and Adopt kept off,
// with the reason, while the model refuses the choice.
#include "DarkPalette.h"
#include "adopt/UnknownPeerAdoption.h"
#include "topology/TopologyFile.h"
#include "wizards/AdoptPeerDialog.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyleFactory>
#include <QTest>

namespace {

UnknownPeer stranger(const QString& key, const QString& allowed)
{
    UnknownPeer peer;
    peer.telemetry.reportingHost = QStringLiteral("monitor11");
    peer.telemetry.device = QStringLiteral("wg0");
    peer.telemetry.publicKey = key;
    peer.telemetry.allowedIps = {allowed};
    peer.telemetry.endpoint = QStringLiteral("203.0.113.9:51820");
    peer.reportingHostId = QStringLiteral("monitor11");
    peer.id = QStringLiteral("unknown:monitor11:") + key;
    return peer;
}

const QString StrangerKey = QStringLiteral("3x9fQm0o1xQvGq3x9fQm0o1xQvGq3x9fQm0o1xQvGq0=");

} // namespace

class TestAdoptPeerDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void offersANameAndEveryHost();
    void refusedChoiceKeepsAdoptOff();
    void existingHostIsChosen();
    void screenshots();
};

void TestAdoptPeerDialog::offersANameAndEveryHost()
{
    const Topology topology = TopologyFile::referenceDeployment();
    const UnknownPeer peer = stranger(StrangerKey, QStringLiteral("10.10.0.77/32"));
    AdoptPeerDialog dialog(topology, peer);
    QCOMPARE(dialog.nameEdit()->text(), UnknownPeerAdoption::suggestedName(topology, peer));
    QVERIFY(!dialog.nameEdit()->text().isEmpty());
    QCOMPARE(dialog.hostCombo()->count(), topology.hosts.size() + 1);
    QCOMPARE(dialog.hostCombo()->currentData().toString(), QString()); // a new host by default
    QVERIFY(dialog.adoptButton()->isEnabled());
    const PeerAdoptionRequest request = dialog.request();
    QCOMPARE(request.name, dialog.nameEdit()->text());
    QVERIFY(request.hostId.isEmpty());
    // What telemetry said is shown, so the user can tell who it is.
    bool keyShown = false;
    for (const QLabel* label : dialog.findChildren<QLabel*>())
        keyShown = keyShown || label->text() == StrangerKey;
    QVERIFY(keyShown);
}

void TestAdoptPeerDialog::refusedChoiceKeepsAdoptOff()
{
    const Topology topology = TopologyFile::referenceDeployment();
    // Its address is prod's: the model refuses, naming both.
    AdoptPeerDialog dialog(topology, stranger(StrangerKey, QStringLiteral("10.10.0.1/32")));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!dialog.adoptButton()->isEnabled());
    QVERIFY2(!dialog.problem().isEmpty(), "a refused adoption says why");
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("adoptProblem"))->isVisible());

    AdoptPeerDialog named(topology, stranger(StrangerKey, QStringLiteral("10.10.0.77/32")));
    named.show();
    named.nameEdit()->clear();
    QVERIFY(!named.adoptButton()->isEnabled());
    QVERIFY(!named.problem().isEmpty());
    named.nameEdit()->setText(QStringLiteral("Backup box"));
    QVERIFY(named.adoptButton()->isEnabled());
    QVERIFY(!named.findChild<QLabel*>(QStringLiteral("adoptProblem"))->isVisible());
}

void TestAdoptPeerDialog::existingHostIsChosen()
{
    const Topology topology = TopologyFile::referenceDeployment();
    const UnknownPeer peer = stranger(StrangerKey, QStringLiteral("10.10.0.77/32"));
    AdoptPeerDialog dialog(topology, peer);
    const int storage = dialog.hostCombo()->findData(QStringLiteral("storage"));
    QVERIFY(storage > 0);
    dialog.hostCombo()->setCurrentIndex(storage);
    dialog.nameEdit()->setText(QStringLiteral("storage"));
    QCOMPARE(dialog.request().hostId, QStringLiteral("storage"));
    QVERIFY2(dialog.adoptButton()->isEnabled(), qPrintable(dialog.problem()));
    const PeerAdoptionResult result = UnknownPeerAdoption::adopt(topology, peer, dialog.request());
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.hostId, QStringLiteral("storage"));
    QVERIFY(!result.newHost);
}

void TestAdoptPeerDialog::screenshots()
{
    // For looking at the dialog: TUNNELSCOPE_SCREENSHOT_DIR=/tmp ctest -R TestAdoptPeerDialog
    const QString directory = qEnvironmentVariable("TUNNELSCOPE_SCREENSHOT_DIR");
    if (directory.isEmpty())
        QSKIP("TUNNELSCOPE_SCREENSHOT_DIR is not set");
    const QPalette light = QApplication::palette();
    for (const bool dark : {false, true}) {
        if (dark) {
            QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
            QApplication::setPalette(DarkPalette::make());
        }
        AdoptPeerDialog dialog(TopologyFile::referenceDeployment(), stranger(StrangerKey, QStringLiteral("10.10.0.1/32")));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.grab().save(directory + (dark ? QStringLiteral("/adopt-peer-dark.png") : QStringLiteral("/adopt-peer.png"))));
    }
    QApplication::setPalette(light);
}

QTEST_MAIN(TestAdoptPeerDialog)
#include "TestAdoptPeerDialog.moc"
