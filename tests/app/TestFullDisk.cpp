// SPDX-License-Identifier: GPL-3.0-or-later
// tunnelscope-cli saving a topology and exporting a bundle onto a full disk (a 64 kB tmpfs made by the test and
// filled) and then onto the same disk mounted read-only: a clear error, a non-zero exit, and the previous files
// exactly as they were.
#include "support/CliProcess.h"
#include "support/TestRequirements.h"
#include "topology/TopologyFile.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

QByteArray contentsOf(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool runTool(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.start(program, arguments);
    return process.waitForFinished(10000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

/// Writes zeros into `path` until the file system refuses more.
void fill(const QString& path)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
    const QByteArray block(4096, '\0');
    for (int i = 0; i < 1024 && file.write(block) == block.size(); ++i) {
    }
    // Then byte by byte, for the last partial block.
    for (int i = 0; i < 4096 && file.write("\0", 1) == 1; ++i) {
    }
}

} // namespace

class TestFullDisk : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_mount;
    bool m_mounted = false;
    QString m_topology;
    QByteArray m_topologyBefore;

    QString onDisk(const QString& name) const { return m_mount + QLatin1Char('/') + name; }

    /// Every CLI write the test tries; each must fail, say why, and change nothing.
    void everyWriteFailsAndKeepsTheFiles(const char* why)
    {
        const QStringList entriesBefore = QDir(m_mount).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
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
        QCOMPARE(QDir(m_mount).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), entriesBefore);
    }

private Q_SLOTS:
    void initTestCase()
    {
        REQUIRE_OR_SKIP(TestRequirements::isRoot(), "root (to mount the small tmpfs that stands for a full disk)");
        QVERIFY(m_dir.isValid());
        m_mount = m_dir.filePath(QStringLiteral("disk"));
        QVERIFY(QDir().mkdir(m_mount));
        QVERIFY2(runTool(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                                  QStringLiteral("size=64k,mode=0700"), QStringLiteral("tmpfs"), m_mount}),
                 "mount -t tmpfs failed");
        m_mounted = true;
        Topology before = TopologyFile::referenceDeployment();
        before.name = QStringLiteral("Before the disk filled up");
        m_topology = onDisk(QStringLiteral("network.json"));
        QCOMPARE(TopologyFile::save(m_topology, before), QString());
        m_topologyBefore = contentsOf(m_topology);
        QVERIFY(!m_topologyBefore.isEmpty());
    }

    void cleanupTestCase()
    {
        if (m_mounted)
            QVERIFY(runTool(QStringLiteral("umount"), {m_mount}));
    }

    void fullDisk()
    {
        fill(onDisk(QStringLiteral("filler")));
        everyWriteFailsAndKeepsTheFiles("No space left on device");
    }

    void readOnlyDisk()
    {
        QVERIFY(QFile::remove(onDisk(QStringLiteral("filler"))));
        QVERIFY2(runTool(QStringLiteral("mount"), {QStringLiteral("-o"), QStringLiteral("remount,ro"), m_mount}),
                 "remount,ro failed");
        everyWriteFailsAndKeepsTheFiles("Read-only file system");
    }
};

QTEST_GUILESS_MAIN(TestFullDisk)
#include "TestFullDisk.moc"
