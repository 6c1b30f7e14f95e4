// SPDX-License-Identifier: GPL-3.0-or-later
// PNG and SVG export onto a full disk (a 64 kB tmpfs made by the test, filled) and onto it read-only: the export
// says why it failed, and the diagram exported there before is left whole.
#include "diagram/DiagramExporter.h"
#include "diagram/DiagramScene.h"
#include "support/ManualClock.h"
#include "support/SmallDisk.h"
#include "support/TestRequirements.h"
#include "telemetry/NetworkState.h"
#include "topology/TopologyFile.h"

#include <QFile>
#include <QTest>

class TestDiagramExporter : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock;
    SmallDisk m_disk;

    QString onDisk(const QString& name) const { return m_disk.filePath(name); }
    static QByteArray contentsOf(const QString& path) { return SmallDisk::contentsOf(path); }

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
        QVERIFY2(m_disk.mount(64), "mount -t tmpfs failed");
        // Stand-ins for earlier exports: small, so that the disk fills up around them.
        for (const char* name : {"diagram.png", "diagram.svg"}) {
            QFile file(onDisk(QString::fromLatin1(name)));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray("an earlier export: ") + name);
        }
    }

    void fullDisk()
    {
        QVERIFY(m_disk.fill());
        exportsFailAndKeepTheOldFiles(QStringLiteral("No space left on device"));
    }

    void readOnlyDisk()
    {
        QVERIFY2(m_disk.makeReadOnly(), "remount,ro failed");
        exportsFailAndKeepTheOldFiles(QStringLiteral("not writable"));
    }
};

QTEST_MAIN(TestDiagramExporter)
#include "TestDiagramExporter.moc"
