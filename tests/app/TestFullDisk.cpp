// SPDX-License-Identifier: GPL-3.0-or-later
// tunnelscope-cli saving a topology and exporting a bundle onto a full disk (a 64 kB tmpfs made by the test and
// filled) and then onto the same disk mounted read-only: a clear error, a non-zero exit, and the previous files
// exactly as they were.
#include "support/CliProcess.h"
#include "support/SmallDisk.h"
#include "support/TestRequirements.h"
#include "topology/TopologyFile.h"

#include <QDir>
#include <QTest>

namespace {

QByteArray contentsOf(const QString& path)
{
    return SmallDisk::contentsOf(path);
}

} // namespace

class TestFullDisk : public QObject
{
    Q_OBJECT

private:
    SmallDisk m_disk;
    QString m_topology;
    QByteArray m_topologyBefore;

    QString onDisk(const QString& name) const { return m_disk.filePath(name); }

    /// Every CLI write the test tries; each must fail, say why, and change nothing.
    void everyWriteFailsAndKeepsTheFiles(const char* why)
    {
        const QStringList entriesBefore = QDir(m_disk.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
        const CliProcess init = CliProcess::run({QStringLiteral("topology"), QStringLiteral("init"), QStringLiteral("--force"), m_topology});
        QVERIFY2(init.exitCode == 1, init.err.constData());
        QVERIFY2(init.err.contains(QByteArray("cannot write " + m_topology.toUtf8() + ": " + why)), init.err.constData());

        const CliProcess add = CliProcess::run({QStringLiteral("peer"), QStringLiteral("add"), QStringLiteral("--topology"),
            m_topology, QStringLiteral("--name"), QStringLiteral("edge1"), QStringLiteral("--out"), onDisk(QStringLiteral("edge1"))});
        QVERIFY2(add.exitCode == 1, add.err.constData());
        QVERIFY2(add.err.contains(why), add.err.constData());

        const CliProcess exported = CliProcess::run({QStringLiteral("peer"), QStringLiteral("export"), QStringLiteral("--topology"),
            m_topology, QStringLiteral("prod"), QStringLiteral("--out"), onDisk(QStringLiteral("prod"))});
        QVERIFY2(exported.exitCode == 1, exported.err.constData());
        QVERIFY2(exported.err.contains(why), exported.err.constData());

        QCOMPARE(contentsOf(m_topology), m_topologyBefore);
        QCOMPARE(QDir(m_disk.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), entriesBefore);
    }

private Q_SLOTS:
    void initTestCase()
    {
        REQUIRE_OR_SKIP(TestRequirements::isRoot(), "root (to mount the small tmpfs that stands for a full disk)");
        QVERIFY2(m_disk.mount(64), "mount -t tmpfs failed");
        Topology before = TopologyFile::referenceDeployment();
        before.name = QStringLiteral("Before the disk filled up");
        m_topology = onDisk(QStringLiteral("network.json"));
        QCOMPARE(TopologyFile::save(m_topology, before), QString());
        m_topologyBefore = contentsOf(m_topology);
        QVERIFY(!m_topologyBefore.isEmpty());
    }

    void fullDisk()
    {
        QVERIFY(m_disk.fill());
        everyWriteFailsAndKeepsTheFiles("No space left on device");
    }

    void readOnlyDisk()
    {
        QVERIFY2(m_disk.makeReadOnly(), "remount,ro failed");
        everyWriteFailsAndKeepsTheFiles("Read-only file system");
    }
};

QTEST_GUILESS_MAIN(TestFullDisk)
#include "TestFullDisk.moc"
