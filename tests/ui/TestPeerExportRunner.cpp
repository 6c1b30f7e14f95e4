// SPDX-License-Identifier: GPL-3.0-or-later
// "Export all peer configs" writes on a worker thread, shows its progress in a dialog whose Cancel stops it after
// the peer being written, and asks its one question on the GUI thread.
#include "collector/PeerExport.h"
#include "export/PeerExportRunner.h"
#include "support/FakeSecretStore.h"
#include "topology/SyntheticTopology.h"
#include "topology/TopologyFile.h"
#include "wizards/WizardTestHelpers.h"

#include <QDir>
#include <QProgressBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

class TestPeerExportRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesOnAWorkerAndCancelsFromTheDialog();
    void asksOnceOnTheGuiThreadBeforeReplacing();

private:
    static QStringList exportedFolders(const QString& folder);

    FakeSecretStore m_secrets;
    FakePrompts m_prompts;
    QWidget m_window;
};

QStringList TestPeerExportRunner::exportedFolders(const QString& folder)
{
    return QDir(folder).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
}

void TestPeerExportRunner::writesOnAWorkerAndCancelsFromTheDialog()
{
    const Topology topology = SyntheticTopology::withCollectors(TopologyFile::referenceDeployment(), 12);
    const qsizetype total = PeerExport::exportableHosts(topology).size();
    QVERIFY(total > 10);
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("peers"));
    PeerExportRunner runner(&m_secrets, &m_prompts, &m_window);
    QSignalSpy finished(&runner, &PeerExportRunner::finished);

    // The worker holds still after its third peer until the test has pressed Cancel in the dialog.
    std::atomic<bool> offGuiThread = true;
    std::atomic<bool> holding = false;
    QSemaphore resume;
    connect(&runner, &PeerExportRunner::progressed, &runner, [&](int done, int) {
        if (QThread::currentThread() == qApp->thread()) {
            offGuiThread = false;
            return; // holding here would hold the GUI itself
        }
        if (done == 3) {
            holding = true;
            resume.acquire();
        }
    }, Qt::DirectConnection);
    runner.run(topology, {}, folder);

    // The GUI thread is free meanwhile: this very loop runs on it.
    QTRY_VERIFY(holding);
    auto* dialog = m_window.findChild<QProgressDialog*>();
    QVERIFY(dialog);
    QCOMPARE(dialog->maximum(), static_cast<int>(total));
    auto* cancel = dialog->findChild<QPushButton*>();
    QVERIFY(cancel);
    QCOMPARE(cancel->text(), QStringLiteral("Cancel"));
    cancel->click();
    resume.release();

    QTRY_COMPARE(finished.size(), 1);
    QVERIFY(offGuiThread);
    const auto outcome = finished.constFirst().constFirst().value<PeerExportRunner::Outcome>();
    QVERIFY(outcome.cancelled);
    QCOMPARE(exportedFolders(folder).size(), 3);
    QVERIFY(outcome.summary().contains(QStringLiteral("Cancelled")));
    QVERIFY(!m_window.findChild<QProgressDialog*>()); // gone with the export
}

void TestPeerExportRunner::asksOnceOnTheGuiThreadBeforeReplacing()
{
    const Topology topology = SyntheticTopology::withCollectors(TopologyFile::referenceDeployment(), 6);
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("peers"));
    {
        PeerExportRunner first(&m_secrets, &m_prompts, &m_window);
        QSignalSpy finished(&first, &PeerExportRunner::finished);
        first.run(topology, {}, folder);
        QTRY_COMPARE(finished.size(), 1);
    }
    const qsizetype hosts = exportedFolders(folder).size();
    QVERIFY(hosts >= 6);

    m_prompts = FakePrompts();
    m_prompts.confirmAnswer = true;
    PeerExportRunner again(&m_secrets, &m_prompts, &m_window);
    QSignalSpy finished(&again, &PeerExportRunner::finished);
    again.run(topology, {}, folder);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(m_prompts.asked, QStringList{QStringLiteral("Replace earlier exports?")});
    const auto outcome = finished.constFirst().constFirst().value<PeerExportRunner::Outcome>();
    QVERIFY2(outcome.failed.isEmpty(), qPrintable(outcome.summary()));
    QCOMPARE(outcome.exported.size() + outcome.withoutClientConfig.size() - PeerExport::importedPeersWithoutHost(topology).size(), hosts);
}

QTEST_MAIN(TestPeerExportRunner)
#include "TestPeerExportRunner.moc"
