// SPDX-License-Identifier: GPL-3.0-or-later
// PNG and SVG export onto a full disk (a 16 kB tmpfs made by the test, filled) and onto it read-only: the export
// says why it failed, and the diagram exported there before is left whole.
#include "diagram/DiagramExporter.h"
#include "diagram/DiagramScene.h"
#include "support/ManualClock.h"
#include "support/TestRequirements.h"
#include "telemetry/NetworkState.h"
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

} // namespace

class TestDiagramExporter : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock;
    QTemporaryDir m_dir;
    QString m_mount;
    bool m_mounted = false;

    QString onDisk(const QString& name) const { return m_mount + QLatin1Char('/') + name; }

    /// Both exports over the small diagrams already on the disk: each fails with `why`, and both files stay.
    void exportsFailAndKeepTheOldFiles(const QString& why)
    {
        NetworkState network(&m_clock);
        network.setTopology(TopologyFile::referenceDeployment());
        DiagramScene scene(&network);
        const QByteArray png = contentsOf(onDisk(QStringLiteral("diagram.png")));
        const QByteArray svg = contentsOf(onDisk(QStringLiteral("diagram.svg")));
        const QString pngError = DiagramExporter::exportPng(&scene, onDisk(QStringLiteral("diagram.png")), false);
        QVERIFY2(pngError.startsWith(QStringLiteral("cannot write ")) && pngError.contains(why), qPrintable(pngError));
        const QString svgError = DiagramExporter::exportSvg(&scene, onDisk(QStringLiteral("diagram.svg")), false);
        QVERIFY2(svgError.startsWith(QStringLiteral("cannot write ")), qPrintable(svgError));
        QCOMPARE(contentsOf(onDisk(QStringLiteral("diagram.png"))), png);
        QCOMPARE(contentsOf(onDisk(QStringLiteral("diagram.svg"))), svg);
    }

private Q_SLOTS:
    void initTestCase()
    {
        REQUIRE_OR_SKIP(TestRequirements::isRoot(), "root (to mount the small tmpfs that stands for a full disk)");
        QVERIFY(m_dir.isValid());
        m_mount = m_dir.filePath(QStringLiteral("disk"));
        QVERIFY(QDir().mkdir(m_mount));
        QVERIFY2(runTool(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                                  QStringLiteral("size=64k"), QStringLiteral("tmpfs"), m_mount}),
                 "mount -t tmpfs failed");
        m_mounted = true;
        // Stand-ins for earlier exports: small, so that the disk fills up around them.
        for (const char* name : {"diagram.png", "diagram.svg"}) {
            QFile file(onDisk(QString::fromLatin1(name)));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray("an earlier export: ") + name);
        }
    }

    void cleanupTestCase()
    {
        if (m_mounted)
            QVERIFY(runTool(QStringLiteral("umount"), {m_mount}));
    }

    void fullDisk()
    {
        QFile filler(onDisk(QStringLiteral("filler")));
        QVERIFY(filler.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
        for (int i = 0; i < 64 * 1024 && filler.write("\0", 1) == 1; ++i) {
        }
        filler.close();
        exportsFailAndKeepTheOldFiles(QStringLiteral("No space left on device"));
    }

    void readOnlyDisk()
    {
        QVERIFY(QFile::remove(onDisk(QStringLiteral("filler"))));
        QVERIFY2(runTool(QStringLiteral("mount"), {QStringLiteral("-o"), QStringLiteral("remount,ro"), m_mount}),
                 "remount,ro failed");
        exportsFailAndKeepTheOldFiles(QStringLiteral("not writable"));
    }
};

QTEST_MAIN(TestDiagramExporter)
#include "TestDiagramExporter.moc"
