// SPDX-License-Identifier: GPL-3.0-or-later
// The preview of an import of the server's config: the rows it lists for each kind of change, a changed key
// standing out, conflicts with their fix, and Apply off while a conflict blocks. Configs made with wg's keys.
#include "DarkPalette.h"
#include "GeneratedServer.h"
#include "adopt/ServerConfigReader.h"
#include "adopt/ServerTopologyBuilder.h"
#include "topology/TopologyFile.h"
#include "wizards/ServerImportDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QPalette>
#include <QPushButton>
#include <QStyleFactory>
#include <QTest>
#include <QTreeWidget>


using Group = ServerImportDialog::Group;

namespace {

ServerConfig configOf(const GeneratedServer& server)
{
    const ServerConfigReadResult read = ServerConfigReader::read(server.wgQuickText());
    if (!read.ok())
        qFatal("the generated config does not read: %s", qPrintable(read.errors.constFirst().toString()));
    return read.config;
}

const QTreeWidgetItem* rowContaining(const QTreeWidget* rows, const QString& text)
{
    for (int group = 0; group < rows->topLevelItemCount(); ++group) {
        const QTreeWidgetItem* item = rows->topLevelItem(group);
        for (int index = 0; index < item->childCount(); ++index) {
            if (item->child(index)->text(0).contains(text))
                return item->child(index);
        }
    }
    return nullptr;
}

} // namespace

class TestServerImportDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsAddedChangedAndRemoved();
    void placeholdersOfTheReferenceDeploymentAreReplaced();
    void anotherHubKeyBlocksUntilReplaced();
    void nothingToChange();
    void screenshots();

private:
    QString makeServers(int peers);

    GeneratedServer m_server;
    Topology m_topology; ///< what the first import of m_server made
};

QString TestServerImportDialog::makeServers(int peers)
{
    QString error;
    m_server = GeneratedServer::make(peers, &error);
    if (!error.isEmpty())
        return error;
    const ServerTopologyResult built = ServerTopologyBuilder::build(configOf(m_server));
    if (!built.ok())
        return QStringLiteral("the builder refused the generated config: ") + built.errors.constFirst().toString();
    m_topology = built.topology;
    return {};
}

void TestServerImportDialog::listsAddedChangedAndRemoved()
{
    REQUIRE_GENERATED(makeServers(50));
    GeneratedServer changed = m_server;
    QString newPrivate;
    QVERIFY(GeneratedServer::keyPair(newPrivate, changed.peers[1].publicKey, nullptr)); // Bob's phone: a new key
    changed.peers[4].allowedIps.append(QStringLiteral("fd00::99/128"));                  // one more address
    const QString removedKey = changed.peers.takeAt(5).publicKey;                        // gone from the server
    GeneratedServer::Peer laptop;
    laptop.name = QStringLiteral("New laptop");
    laptop.allowedIps = {QStringLiteral("10.10.0.200/32"), QStringLiteral("fd00::c8/128")};
    QVERIFY(GeneratedServer::keyPair(laptop.privateKey, laptop.publicKey, nullptr));
    changed.peers.append(laptop);

    ServerImportDialog dialog(QStringLiteral("wg0.conf"), m_topology, configOf(changed));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QStringList added = dialog.groupLines(Group::Added);
    QCOMPARE(added.size(), 1);
    QVERIFY2(added.constFirst().startsWith(QStringLiteral("new-laptop")), qPrintable(added.constFirst()));
    const QStringList changedLines = dialog.groupLines(Group::Changed);
    QCOMPARE(changedLines.size(), 2);
    QVERIFY2(changedLines.join(QLatin1Char('\n')).contains(QStringLiteral("bobs-phone")), qPrintable(changedLines.join(QLatin1Char('\n'))));
    const QStringList removed = dialog.groupLines(Group::RemovedOnServer);
    QCOMPARE(removed.size(), 1);
    QVERIFY2(removed.constFirst().contains(QStringLiteral("kept")), qPrintable(removed.constFirst()));
    QVERIFY(dialog.groupLines(Group::Conflicts).isEmpty());

    // The key change stands out: bold, on a tinted background, before and after in the tooltip.
    const QTreeWidgetItem* bob = rowContaining(dialog.rows(), QStringLiteral("bobs-phone"));
    QVERIFY(bob);
    QVERIFY(bob->font(0).bold());
    QVERIFY(bob->background(0).style() != Qt::NoBrush);
    QVERIFY(bob->toolTip(2).contains(changed.peers[1].publicKey));
    QVERIFY(bob->toolTip(2).contains(m_server.peers[1].publicKey));
    const QTreeWidgetItem* plain = rowContaining(dialog.rows(), QStringLiteral("collector-7"));
    QVERIFY(!plain || plain->background(0).style() == Qt::NoBrush);

    QVERIFY(dialog.applyButton()->isEnabled());
    QVERIFY(!dialog.replaceHubKeyBox()->isVisible());
    // Removing what the server dropped is a choice, and the plan follows it.
    QVERIFY(dialog.pruneRemovedBox()->isVisible());
    QVERIFY(dialog.plan().apply().peers.size() == m_topology.peers.size() + 1);
    dialog.pruneRemovedBox()->setChecked(true);
    QVERIFY(dialog.groupLines(Group::RemovedOnServer).constFirst().contains(QStringLiteral("removed")));
    const Topology pruned = dialog.plan().apply();
    QVERIFY(std::none_of(pruned.peers.cbegin(), pruned.peers.cend(),
        [&](const WireGuardPeer& peer) { return peer.publicKey == removedKey; }));
}

void TestServerImportDialog::placeholdersOfTheReferenceDeploymentAreReplaced()
{
    REQUIRE_GENERATED(makeServers(8));
    ServerImportDialog dialog(QStringLiteral("wg0.conf"), TopologyFile::referenceDeployment(), configOf(m_server));
    QVERIFY(dialog.plan().hubKeyAdopted());
    const QStringList hub = dialog.groupLines(Group::Hub);
    QVERIFY2(!hub.isEmpty(), qPrintable(ServerImportDialog::previewText(dialog.plan())));
    // prod is matched by name to the reference deployment's placeholder prod; the seven others are new.
    QCOMPARE(dialog.groupLines(Group::Added).size(), 7);
    QVERIFY2(dialog.groupLines(Group::Changed).join(QLatin1Char('\n')).contains(QStringLiteral("prod")),
        qPrintable(ServerImportDialog::previewText(dialog.plan())));
    QVERIFY(dialog.groupLines(Group::Conflicts).isEmpty());
    QVERIFY(dialog.applyButton()->isEnabled());
    QVERIFY(!dialog.replaceHubKeyBox()->isVisibleTo(&dialog));
}

void TestServerImportDialog::anotherHubKeyBlocksUntilReplaced()
{
    REQUIRE_GENERATED(makeServers(6));
    // The same server after its key was changed: the topology's hub key is real, so this is a conflict.
    GeneratedServer rekeyed = m_server;
    QVERIFY(GeneratedServer::keyPair(rekeyed.privateKey, rekeyed.publicKey, nullptr));
    ServerImportDialog dialog(QStringLiteral("wg0.conf"), m_topology, configOf(rekeyed));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QStringList conflicts = dialog.groupLines(Group::Conflicts);
    QCOMPARE(conflicts.size(), 1);
    QVERIFY2(conflicts.constFirst().contains(rekeyed.publicKey), qPrintable(conflicts.constFirst()));
    QVERIFY(!dialog.applyButton()->isEnabled());
    QVERIFY(dialog.replaceHubKeyBox()->isVisible());
    const QLabel* blocked = dialog.findChild<QLabel*>(QStringLiteral("importBlocked"));
    QVERIFY(blocked->isVisible());
    QVERIFY2(blocked->text().contains(QStringLiteral("Replace the hub's key")), qPrintable(blocked->text()));

    dialog.replaceHubKeyBox()->setChecked(true);
    QVERIFY(dialog.groupLines(Group::Conflicts).isEmpty());
    QVERIFY(dialog.applyButton()->isEnabled());
    QVERIFY(!blocked->isVisible());
    QCOMPARE(dialog.groupLines(Group::Hub).size(), 1);
    const Topology after = dialog.plan().apply();
    QVERIFY(std::any_of(after.interfaces.cbegin(), after.interfaces.cend(), [&](const WireGuardInterface& wgInterface) {
        return wgInterface.isHub && wgInterface.publicKey == rekeyed.publicKey;
    }));
}

void TestServerImportDialog::nothingToChange()
{
    REQUIRE_GENERATED(makeServers(4));
    ServerImportDialog dialog(QStringLiteral("wg0.conf"), m_topology, configOf(m_server));
    QVERIFY(dialog.plan().isEmpty());
    QVERIFY(!dialog.applyButton()->isEnabled());
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("importBlocked"))->text().contains(QStringLiteral("Nothing to change")));
}

void TestServerImportDialog::screenshots()
{
    // For looking at the dialog: TUNNELSCOPE_SCREENSHOT_DIR=/tmp ctest -R TestServerImportDialog
    const QString directory = qEnvironmentVariable("TUNNELSCOPE_SCREENSHOT_DIR");
    if (directory.isEmpty())
        QSKIP("TUNNELSCOPE_SCREENSHOT_DIR is not set");
    REQUIRE_GENERATED(makeServers(12));
    GeneratedServer changed = m_server;
    QString unused;
    QVERIFY(GeneratedServer::keyPair(unused, changed.peers[1].publicKey, nullptr));
    changed.peers[3].allowedIps.append(QStringLiteral("fd00::42/128"));
    changed.peers.removeAt(6);
    GeneratedServer::Peer extra;
    extra.name = QStringLiteral("Backup NAS");
    extra.allowedIps = {QStringLiteral("10.10.0.120/32")};
    QVERIFY(GeneratedServer::keyPair(extra.privateKey, extra.publicKey, nullptr));
    changed.peers.append(extra);
    GeneratedServer otherHub = changed;
    QVERIFY(GeneratedServer::keyPair(otherHub.privateKey, otherHub.publicKey, nullptr));
    const QPalette light = QApplication::palette();
    for (const bool dark : {false, true}) {
        if (dark) {
            QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
            QApplication::setPalette(DarkPalette::make());
        }
        const QString suffix = dark ? QStringLiteral("-dark.png") : QStringLiteral(".png");
        ServerImportDialog dialog(QStringLiteral("wg0.conf"), m_topology, configOf(changed));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.grab().save(directory + QStringLiteral("/import-preview") + suffix));
        ServerImportDialog blocked(QStringLiteral("wg0.conf"), m_topology, configOf(otherHub));
        blocked.show();
        QVERIFY(QTest::qWaitForWindowExposed(&blocked));
        QVERIFY(blocked.grab().save(directory + QStringLiteral("/import-preview-conflict") + suffix));
    }
    QApplication::setPalette(light);
}

QTEST_MAIN(TestServerImportDialog)
#include "TestServerImportDialog.moc"
