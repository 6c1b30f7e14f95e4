// SPDX-License-Identifier: GPL-3.0-or-later
#include "collector/PeerExport.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

/** PeerExport::directoryFor: the per-host folders of "Export all", which no host name may lead out of. */
class TestPeerExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void folderPerHostStaysInside_data()
    {
        QTest::addColumn<QString>("hostName");
        QTest::addColumn<QString>("folderName");
        QTest::newRow("plain") << "web2" << "web2";
        QTest::newRow("parent") << "../x" << "x";
        QTest::newRow("deeper") << "../../etc/cron.d" << "etc-cron-d";
        QTest::newRow("absolute") << "/etc" << "etc";
        QTest::newRow("dot dot") << ".." << "";
        QTest::newRow("dot") << "." << "";
        QTest::newRow("free text") << "Bob's phone" << "Bobs-phone";
        QTest::newRow("newline") << "a\nb" << "a-b";
    }

    void folderPerHostStaysInside()
    {
        QFETCH(QString, hostName);
        QFETCH(QString, folderName);
        QTemporaryDir parent;
        QVERIFY(parent.isValid());
        const QString folder = parent.filePath(QStringLiteral("exports"));
        QString error;
        const QString directory = PeerExport::directoryFor(folder, hostName, &error);
        if (folderName.isEmpty()) {
            QVERIFY(directory.isEmpty());
            QVERIFY2(error.contains(QStringLiteral("rename the host")), qPrintable(error));
            return;
        }
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(directory, QDir(folder).filePath(folderName));
        QCOMPARE(QFileInfo(directory).absolutePath(), QFileInfo(folder).absoluteFilePath());
    }

    void relativeFolders()
    {
        QString error;
        const QString directory = PeerExport::directoryFor(QStringLiteral("out/./exports/"), QStringLiteral("../x"), &error);
        QCOMPARE(directory, QDir::cleanPath(QDir::current().absoluteFilePath(QStringLiteral("out/exports/x"))));
    }
};

QTEST_GUILESS_MAIN(TestPeerExport)
#include "TestPeerExport.moc"
