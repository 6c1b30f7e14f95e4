// SPDX-License-Identifier: GPL-3.0-or-later
#include "collector/CollectorBundle.h"
#include "collector/CollectorBundleWriter.h"
#include "collector/CollectorOnboarding.h"
#include "topology/TopologyFile.h"
#include "wireguard/WireGuardKey.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

namespace {

CollectorBundle exampleBundle()
{
    const auto planned = CollectorOnboarding::planForNewHost(TopologyFile::referenceDeployment(), QStringLiteral("web2"));
    const WireGuardKey key = WireGuardKey::generatePrivate();
    const WireGuardKey psk = WireGuardKey::generatePreshared();
    return CollectorBundle::forNewPeer(planned.plan, key, &psk);
}

int modeOf(const QString& path)
{
    struct stat info;
    if (::lstat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return static_cast<int>(info.st_mode & 07777);
}

QStringList entries(const QString& path)
{
    return QDir(path).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestCollectorBundleWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesPrivateFilesInAPrivateFolder()
    {
        QTemporaryDir parent;
        const QString target = parent.filePath(QStringLiteral("web2"));
        const CollectorBundle bundle = exampleBundle();
        const BundleWriteResult result = CollectorBundleWriter::write(bundle, target);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QVERIFY(result.createdDirectory);
        QCOMPARE(modeOf(target), 0700);
        QCOMPARE(result.written.size(), bundle.files().size());
        for (const auto& file : bundle.files()) {
            const QString path = target + QLatin1Char('/') + file.name;
            QCOMPARE(modeOf(path), 0600);
            QCOMPARE(readAll(path), file.content);
        }
        QCOMPARE(entries(parent.path()), QStringList{QStringLiteral("web2")}); // no temporary folder left
    }

    void refusesToOverwrite()
    {
        QTemporaryDir parent;
        const QString target = parent.filePath(QStringLiteral("web2"));
        QVERIFY(CollectorBundleWriter::write(exampleBundle(), target).ok());
        const QByteArray before = readAll(target + QStringLiteral("/wg0.conf"));
        const BundleWriteResult again = CollectorBundleWriter::write(exampleBundle(), target);
        QVERIFY(!again.ok());
        QCOMPARE(again.conflicts.size(), exampleBundle().files().size());
        QVERIFY(again.error.contains(QStringLiteral("wg0.conf")));
        QVERIFY(again.error.contains(QStringLiteral("README.md")));
        QVERIFY(again.error.contains(QStringLiteral("nothing was written")));
        QCOMPARE(readAll(target + QStringLiteral("/wg0.conf")), before);
        QCOMPARE(entries(parent.path()), QStringList{QStringLiteral("web2")});
    }

    void overwritesWhenConfirmed()
    {
        QTemporaryDir parent;
        const QString target = parent.filePath(QStringLiteral("web2"));
        QVERIFY(CollectorBundleWriter::write(exampleBundle(), target).ok());
        const QByteArray before = readAll(target + QStringLiteral("/wg0.conf"));
        const CollectorBundle second = exampleBundle();
        const BundleWriteResult result = CollectorBundleWriter::write(second, target, true);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QVERIFY(!result.createdDirectory);
        QVERIFY(readAll(target + QStringLiteral("/wg0.conf")) != before);
        QCOMPARE(readAll(target + QStringLiteral("/wg0.conf")), second.file(QStringLiteral("wg0.conf"))->content);
        QCOMPARE(modeOf(target + QStringLiteral("/wg0.conf")), 0600);
        QCOMPARE(entries(parent.path()), QStringList{QStringLiteral("web2")});
    }

    void writesIntoAnEmptyPrivateFolder()
    {
        QTemporaryDir parent;
        const QString target = parent.filePath(QStringLiteral("existing"));
        QVERIFY(QDir().mkdir(target));
        QVERIFY(::chmod(QFile::encodeName(target).constData(), 0700) == 0);
        QFile other(target + QStringLiteral("/notes.txt"));
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.close();
        const BundleWriteResult result = CollectorBundleWriter::write(exampleBundle(), target);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QVERIFY(entries(target).contains(QStringLiteral("notes.txt")));
        CollectorBundleWriter::undo(result, target);
        QCOMPARE(entries(target), QStringList{QStringLiteral("notes.txt")}); // undo leaves what was there
    }

    void refusesAFolderOthersCanRead()
    {
        QTemporaryDir parent;
        const QString target = parent.filePath(QStringLiteral("shared"));
        QVERIFY(QDir().mkdir(target));
        QVERIFY(::chmod(QFile::encodeName(target).constData(), 0755) == 0);
        const BundleWriteResult result = CollectorBundleWriter::write(exampleBundle(), target);
        QVERIFY(!result.ok());
        QVERIFY2(result.error.contains(QStringLiteral("mode 0755")), qPrintable(result.error));
        QVERIFY(entries(target).isEmpty());
    }

    void refusesSymlinksAndFiles()
    {
        QTemporaryDir parent;
        const QString link = parent.filePath(QStringLiteral("link"));
        QVERIFY(QFile::link(parent.path(), link));
        QVERIFY(CollectorBundleWriter::write(exampleBundle(), link).error.contains(QStringLiteral("symbolic link")));
        const QString file = parent.filePath(QStringLiteral("file"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        QVERIFY(CollectorBundleWriter::write(exampleBundle(), file).error.contains(QStringLiteral("not a folder")));
        QVERIFY(CollectorBundleWriter::write(exampleBundle(), parent.filePath(QStringLiteral("no/such/dir")))
                    .error.contains(QStringLiteral("does not exist")));
    }

    void leavesNothingBehindOnFailure()
    {
        QTemporaryDir parent;
        const QString target = parent.filePath(QStringLiteral("web2"));
        // The last file cannot be created (its name is longer than any file system allows): the files written
        // before it went to the temporary folder and must vanish with it; the target never appears.
        CollectorBundle bundle = exampleBundle();
        bundle.addFile(QString(300, QLatin1Char('q')) + QStringLiteral(".png"), QByteArrayLiteral("png"),
            QStringLiteral("QR code"));
        const BundleWriteResult failed = CollectorBundleWriter::write(bundle, target);
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error.contains(QStringLiteral("cannot create")), qPrintable(failed.error));
        QVERIFY(failed.written.isEmpty());
        QVERIFY(entries(parent.path()).isEmpty());
        // The same into an existing folder: nothing of the bundle is left in it either.
        QVERIFY(QDir().mkdir(target));
        QVERIFY(::chmod(QFile::encodeName(target).constData(), 0700) == 0);
        QVERIFY(!CollectorBundleWriter::write(bundle, target).ok());
        QVERIFY(entries(target).isEmpty());
        QCOMPARE(entries(parent.path()), QStringList{QStringLiteral("web2")});
    }

    void undoRemovesACreatedFolder()
    {
        QTemporaryDir parent;
        const QString target = parent.filePath(QStringLiteral("web2"));
        const BundleWriteResult result = CollectorBundleWriter::write(exampleBundle(), target);
        QVERIFY(result.ok());
        CollectorBundleWriter::undo(result, target);
        QVERIFY(entries(parent.path()).isEmpty());
    }

    void fileNamesNeverLeaveTheFolder_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("parent") << QStringLiteral("../escape.conf");
        QTest::newRow("absolute") << QStringLiteral("/tmp/escape.conf");
        QTest::newRow("subfolder") << QStringLiteral("a/b.conf");
        QTest::newRow("dot-dot") << QStringLiteral("..");
        QTest::newRow("dot") << QStringLiteral(".");
        QTest::newRow("empty") << QString();
    }

    void fileNamesNeverLeaveTheFolder()
    {
        QFETCH(QString, name);
        QTemporaryDir parent;
        const QString target = parent.filePath(QStringLiteral("web2"));
        CollectorBundle bundle = exampleBundle();
        bundle.addFile(name, "escaped", QStringLiteral("a file no bundle makes"));
        const BundleWriteResult result = CollectorBundleWriter::write(bundle, target);
        QVERIFY(!result.ok());
        QVERIFY2(result.error.contains(QStringLiteral("not a file name")), qPrintable(result.error));
        QVERIFY(entries(parent.path()).isEmpty()); // nothing written, inside or beside the folder
    }
};

QTEST_GUILESS_MAIN(TestCollectorBundleWriter)
#include "TestCollectorBundleWriter.moc"
