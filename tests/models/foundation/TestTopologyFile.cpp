// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/JsonPatch.h"
#include "topology/TopologyFile.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>
#include <unistd.h>

namespace {

QByteArray contentsOf(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

/** Lowers the largest file this process may write, for as long as it lives: the one write failure root cannot skip. */
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        getrlimit(RLIMIT_FSIZE, &m_saved);
        m_savedHandler = std::signal(SIGXFSZ, SIG_IGN); // else the kernel ends the process instead of failing the write
        rlimit limit = m_saved;
        limit.rlim_cur = bytes;
        m_active = setrlimit(RLIMIT_FSIZE, &limit) == 0;
    }
    ~FileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &m_saved);
        std::signal(SIGXFSZ, m_savedHandler);
    }
    bool active() const { return m_active; }

private:
    rlimit m_saved{};
    void (*m_savedHandler)(int) = nullptr;
    bool m_active = false;
};

} // namespace

class TestTopologyFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void saveThenLoad();
    void saveReplacesTheOldFile();
    void saveIntoMissingFolderFails();
    void saveBelowAFileFails();
    void failedWriteKeepsTheOldFile();
    void saveIntoReadOnlyFolderKeepsTheOldFile();
    void killedMidSaveLeavesOldOrNew();
    void loadOfMissingFileSaysSo();
    void loadOfFolderFails();
    void loadOfBadFileGivesErrorsAndNoTopology();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    Topology m_topology;
};

void TestTopologyFile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_topology = TopologyFile::referenceDeployment();
    m_topology.hosts[0].position = QPointF(10, 20.5);
}

void TestTopologyFile::saveThenLoad()
{
    const QString path = m_dir->filePath(QStringLiteral("network.json"));
    QCOMPARE(TopologyFile::save(path, m_topology), QString());
    const TopologyParseResult loaded = TopologyFile::load(path);
    QVERIFY2(loaded.ok(), qPrintable(TopologyError::describe(loaded.errors)));
    QCOMPARE(loaded.topology, m_topology);
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("network.json")});
}

void TestTopologyFile::saveReplacesTheOldFile()
{
    const QString path = m_dir->filePath(QStringLiteral("network.json"));
    writeFile(path, QByteArray(100000, 'x')); // longer than the new file: nothing of it may remain
    QCOMPARE(TopologyFile::save(path, m_topology), QString());
    QCOMPARE(contentsOf(path), TopologyJson::write(m_topology));
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("network.json")});
}

void TestTopologyFile::saveIntoMissingFolderFails()
{
    const QString path = m_dir->filePath(QStringLiteral("no/such/folder/network.json"));
    const QString error = TopologyFile::save(path, m_topology);
    QVERIFY(error.startsWith(QStringLiteral("cannot write ") + path + QStringLiteral(": ")));
    QVERIFY(error.size() > QStringLiteral("cannot write : ").size() + path.size()); // says why
    QVERIFY(!QFile::exists(path));
    QVERIFY(QDir(m_dir->path()).isEmpty());
}

void TestTopologyFile::saveBelowAFileFails()
{
    const QString notAFolder = m_dir->filePath(QStringLiteral("plain"));
    writeFile(notAFolder, "I am a file");
    const QString error = TopologyFile::save(notAFolder + QStringLiteral("/network.json"), m_topology);
    QVERIFY(error.startsWith(QStringLiteral("cannot write ")));
    QCOMPARE(contentsOf(notAFolder), QByteArray("I am a file"));
}

void TestTopologyFile::failedWriteKeepsTheOldFile()
{
    const QString path = m_dir->filePath(QStringLiteral("network.json"));
    const QByteArray old = "{\"the\": \"old file\"}";
    writeFile(path, old);
    QString error;
    {
        // The new file is several kB: a 1 kB limit makes the write fail halfway, as a full disk would.
        FileSizeLimit limit(1024);
        if (!limit.active())
            QSKIP("cannot lower the file size limit here");
        error = TopologyFile::save(path, m_topology);
    }
    QVERIFY2(error.startsWith(QStringLiteral("cannot write ") + path), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("of %1 bytes could be written").arg(TopologyJson::write(m_topology).size())),
        qPrintable(error));
    QCOMPARE(contentsOf(path), old);
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("network.json")});
}

void TestTopologyFile::saveIntoReadOnlyFolderKeepsTheOldFile()
{
    if (geteuid() == 0)
        QSKIP("root writes into read-only folders; failedWriteKeepsTheOldFile covers the failure as root");
    const QString folder = m_dir->filePath(QStringLiteral("locked"));
    QVERIFY(QDir().mkdir(folder));
    const QString path = folder + QStringLiteral("/network.json");
    writeFile(path, "old");
    QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));
    const QString error = TopologyFile::save(path, m_topology);
    QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QVERIFY(error.startsWith(QStringLiteral("cannot write ") + path));
    QCOMPARE(contentsOf(path), QByteArray("old"));
}

void TestTopologyFile::killedMidSaveLeavesOldOrNew()
{
    // A helper saves "old" and "new" in turn (each about 250 kB) until SIGKILL ends it at a random moment,
    // many times over: whenever it died, the file must load whole, as one of the two.
    constexpr int Kills = 50;
    const QString path = m_dir->filePath(QStringLiteral("network.json"));
    QRandomGenerator random(11);
    int newSeen = 0;
    for (int kill = 0; kill < Kills; ++kill) {
        QProcess saver;
        saver.start(QStringLiteral(TOPOLOGY_SAVE_LOOP_PATH), {path, QStringLiteral("100")});
        QVERIFY2(saver.waitForReadyRead(30000), qPrintable(saver.errorString() + QString::fromUtf8(saver.readAllStandardError())));
        QTest::qSleep(1 + int(random.bounded(60)));
        saver.kill();
        QVERIFY(saver.waitForFinished(10000));
        QVERIFY2(saver.exitStatus() == QProcess::CrashExit, saver.readAllStandardError().constData());
        const TopologyParseResult loaded = TopologyFile::load(path);
        QVERIFY2(loaded.ok(), qPrintable(QStringLiteral("after kill %1: %2").arg(kill).arg(TopologyError::describe(loaded.errors))));
        QVERIFY2(loaded.topology.name == QLatin1String("old") || loaded.topology.name == QLatin1String("new"),
                 qPrintable(loaded.topology.name));
        newSeen += loaded.topology.name == QLatin1String("new");
    }
    qInfo("%d of %d kills left the newer version", newSeen, Kills);
}

void TestTopologyFile::loadOfMissingFileSaysSo()
{
    const QString path = m_dir->filePath(QStringLiteral("missing.json"));
    const TopologyParseResult result = TopologyFile::load(path);
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.errors.constFirst().toString(),
        QStringLiteral("cannot read %1: No such file or directory").arg(path));
    QCOMPARE(result.topology, Topology());
}

void TestTopologyFile::loadOfFolderFails()
{
    const TopologyParseResult result = TopologyFile::load(m_dir->path());
    QVERIFY(!result.ok());
    QVERIFY(result.errors.constFirst().toString().startsWith(QStringLiteral("cannot read ") + m_dir->path()));
    QCOMPARE(result.topology, Topology());
}

void TestTopologyFile::loadOfBadFileGivesErrorsAndNoTopology()
{
    const QString path = m_dir->filePath(QStringLiteral("bad.json"));
    writeFile(path, testDataFile(QStringLiteral("topology/bad-several.json")));
    const TopologyParseResult result = TopologyFile::load(path);
    QCOMPARE(result.errors.size(), 2);
    QCOMPARE(result.errors.at(1).toString(), QStringLiteral("hosts[2].services[0].ports[1]: 70000 is not a port"));
    QCOMPARE(result.topology, Topology());

    writeFile(path, testDataFile(QStringLiteral("topology/syntax-missing-comma.json")));
    const TopologyParseResult syntax = TopologyFile::load(path);
    QCOMPARE(syntax.errors.size(), 1);
    QCOMPARE(syntax.errors.constFirst().line, 4);
    QCOMPARE(syntax.topology, Topology());
}

QTEST_GUILESS_MAIN(TestTopologyFile)
#include "TestTopologyFile.moc"
