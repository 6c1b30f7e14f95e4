// SPDX-License-Identifier: GPL-3.0-or-later
// The size limits on files a user hands the app: a bigger file is refused with a sentence naming it, and the
// file itself is left as it was.
#include "adopt/ServerConfigFile.h"
#include "core/FileLimits.h"
#include "topology/TopologyFile.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

/// A sparse file: the size is real to every reader, but costs the test no disk.
void makeFileOfSize(const QString& path, qint64 size)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.write("{\"format\": \"tunnelscope-topology\",") > 0);
    QVERIFY(file.resize(size));
}

QByteArray digestOf(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result();
}

} // namespace

class TestFileLimits : public QObject
{
    Q_OBJECT

private slots:
    void readsUpToTheLimit();
    void refusesOneBytePastTheLimit();
    void hugeTopologyFileIsRefusedAndLeftAlone();
    void hugeWireGuardConfigIsRefusedAndLeftAlone();
};

void TestFileLimits::readsUpToTheLimit()
{
    QByteArray bytes(1000, 'x');
    QBuffer buffer(&bytes);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    QByteArray content;
    QCOMPARE(FileLimits::readAll(buffer, 1000, QStringLiteral("x.conf"), &content), QString());
    QCOMPARE(content, bytes);
}

void TestFileLimits::refusesOneBytePastTheLimit()
{
    QByteArray bytes(1001, 'x');
    QBuffer buffer(&bytes);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    QByteArray content;
    const QString error = FileLimits::readAll(buffer, 1000, QStringLiteral("x.conf"), &content);
    QVERIFY2(error.startsWith(QStringLiteral("x.conf is larger than")), qPrintable(error));
    QVERIFY(content.isEmpty());
}

void TestFileLimits::hugeTopologyFileIsRefusedAndLeftAlone()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("huge.json"));
    makeFileOfSize(path, FileLimits::TopologyBytes + 1);
    const QByteArray before = digestOf(path);

    const TopologyParseResult result = TopologyFile::load(path);
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.errors.constFirst().toString(),
        QStringLiteral("%1 is larger than 16 MiB, the most Tunnelscope reads from such a file; check that it is the "
                       "right file")
            .arg(path));
    QCOMPARE(result.topology, Topology());
    QCOMPARE(QFileInfo(path).size(), FileLimits::TopologyBytes + 1);
    QCOMPARE(digestOf(path), before);
}

void TestFileLimits::hugeWireGuardConfigIsRefusedAndLeftAlone()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("wg0.conf"));
    makeFileOfSize(path, FileLimits::WireGuardConfigBytes + 1);
    const QByteArray before = digestOf(path);

    QString text = QStringLiteral("untouched");
    const QString error = ServerConfigFile::read(path, &text);
    QVERIFY2(error.startsWith(path + QStringLiteral(" is larger than 4 MiB")), qPrintable(error));
    QCOMPARE(text, QStringLiteral("untouched"));
    QCOMPARE(digestOf(path), before);
}

QTEST_GUILESS_MAIN(TestFileLimits)
#include "TestFileLimits.moc"
