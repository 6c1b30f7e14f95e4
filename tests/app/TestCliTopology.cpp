// SPDX-License-Identifier: GPL-3.0-or-later
// The real tunnelscope-cli binary, run as a user would run it.
#include "support/JsonPatch.h"
#include "topology/TopologyFile.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runCli(const QStringList& arguments)
{
    QProcess process;
    process.setProgram(QStringLiteral(TUNNELSCOPE_CLI_PATH));
    process.setArguments(arguments);
    process.start();
    Run run;
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished(5000);
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestCliTopology : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void help_data();
    void help();
    void noArgumentsIsAUsageError();
    void version();
    void unknownCommand();
    void topologyHelp();
    void unknownTopologyAction();
    void initWritesTheReferenceDeployment();
    void initRefusesToOverwrite();
    void initForceOverwrites();
    void initUsageErrors_data();
    void initUsageErrors();
    void initIntoMissingFolder();
    void validateGoodFile();
    void validateBadFiles_data();
    void validateBadFiles();
    void validateMissingFile();
    void validateUsageErrors();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliTopology::init()
{
    QVERIFY(QFile::exists(QStringLiteral(TUNNELSCOPE_CLI_PATH)));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestCliTopology::help_data()
{
    QTest::addColumn<QString>("option");
    QTest::newRow("--help") << "--help";
    QTest::newRow("-h") << "-h";
    QTest::newRow("help") << "help";
}

void TestCliTopology::help()
{
    QFETCH(QString, option);
    const Run run = runCli({option});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.startsWith(QStringLiteral("usage: tunnelscope-cli COMMAND")));
    QVERIFY(run.out.contains(QStringLiteral("  topology   write the reference deployment or your server's network (from its wg0.conf) to a file, check a topology file, merge a wg0.conf into one\n")));
    QVERIFY(run.out.contains(QStringLiteral("--version")));
    QCOMPARE(run.err, QString());
}

void TestCliTopology::noArgumentsIsAUsageError()
{
    const Run run = runCli({});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.out, QString());
    QVERIFY(run.err.startsWith(QStringLiteral("usage: tunnelscope-cli COMMAND")));
}

void TestCliTopology::version()
{
    for (const QString& option : {QStringLiteral("--version"), QStringLiteral("-v")}) {
        const Run run = runCli({option});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QStringLiteral("tunnelscope-cli " TUNNELSCOPE_VERSION "\n"));
    }
}

void TestCliTopology::unknownCommand()
{
    const Run run = runCli({QStringLiteral("frobnicate")});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err, QStringLiteral("tunnelscope-cli: unknown command \"frobnicate\"; see tunnelscope-cli --help\n"));
    QCOMPARE(run.out, QString());
}

void TestCliTopology::topologyHelp()
{
    const Run run = runCli({QStringLiteral("topology"), QStringLiteral("--help")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(QStringLiteral("tunnelscope-cli topology init FILE [--force]")));
    QVERIFY(run.out.contains(QStringLiteral("tunnelscope-cli topology validate FILE")));
    const Run bare = runCli({QStringLiteral("topology")});
    QCOMPARE(bare.exitCode, 2);
    QVERIFY(bare.err.contains(QStringLiteral("topology init FILE")));
}

void TestCliTopology::unknownTopologyAction()
{
    const Run run = runCli({QStringLiteral("topology"), QStringLiteral("draw")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.endsWith(QStringLiteral("tunnelscope-cli: unknown topology action \"draw\"\n")));
}

void TestCliTopology::initWritesTheReferenceDeployment()
{
    const QString path = m_dir->filePath(QStringLiteral("network.json"));
    const Run run = runCli({QStringLiteral("topology"), QStringLiteral("init"), path});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QStringLiteral("wrote the reference deployment to %1\n").arg(path));
    const TopologyParseResult written = TopologyFile::load(path);
    QVERIFY2(written.ok(), qPrintable(TopologyError::describe(written.errors)));
    QCOMPARE(written.topology, TopologyFile::referenceDeployment());
    // Round trip: what init wrote, written again, is the same file.
    QCOMPARE(TopologyJson::write(written.topology), readFile(path));

    const Run check = runCli({QStringLiteral("topology"), QStringLiteral("validate"), path});
    QCOMPARE(check.exitCode, 0);
    QCOMPARE(check.out, QStringLiteral("%1: valid; 5 hosts, 4 peers, 3 flows\n").arg(path));
}

void TestCliTopology::initRefusesToOverwrite()
{
    const QString path = m_dir->filePath(QStringLiteral("network.json"));
    writeFile(path, "mine");
    const Run run = runCli({QStringLiteral("topology"), QStringLiteral("init"), path});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.err, QStringLiteral("tunnelscope-cli: %1 exists; use --force to overwrite it\n").arg(path));
    QCOMPARE(readFile(path), QByteArray("mine"));
}

void TestCliTopology::initForceOverwrites()
{
    const QString path = m_dir->filePath(QStringLiteral("network.json"));
    writeFile(path, "mine");
    for (const QStringList& arguments : {QStringList{QStringLiteral("topology"), QStringLiteral("init"), path, QStringLiteral("--force")},
             QStringList{QStringLiteral("topology"), QStringLiteral("init"), QStringLiteral("--force"), path}}) {
        const Run run = runCli(arguments);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(TopologyFile::load(path).ok());
    }
}

void TestCliTopology::initUsageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("no file") << QStringList{QStringLiteral("topology"), QStringLiteral("init")}
                             << "tunnelscope-cli: topology init takes exactly one FILE\n";
    QTest::newRow("two files") << QStringList{QStringLiteral("topology"), QStringLiteral("init"), QStringLiteral("a"), QStringLiteral("b")}
                               << "tunnelscope-cli: topology init takes exactly one FILE\n";
    QTest::newRow("unknown option") << QStringList{QStringLiteral("topology"), QStringLiteral("init"), QStringLiteral("--colour"), QStringLiteral("a")}
                                    << "tunnelscope-cli: Unknown option 'colour'.\n";
}

void TestCliTopology::initUsageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run run = runCli(arguments);
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err, message);
}

void TestCliTopology::initIntoMissingFolder()
{
    const QString path = m_dir->filePath(QStringLiteral("missing/network.json"));
    const Run run = runCli({QStringLiteral("topology"), QStringLiteral("init"), path});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QStringLiteral("tunnelscope-cli: cannot write %1: ").arg(path)), qPrintable(run.err));
}

void TestCliTopology::validateGoodFile()
{
    const QString path = m_dir->filePath(QStringLiteral("small.json"));
    writeFile(path, testDataFile(QStringLiteral("topology/small-valid.json")));
    const Run run = runCli({QStringLiteral("topology"), QStringLiteral("validate"), path});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QStringLiteral("%1: valid; 4 hosts, 2 peers, 2 flows\n").arg(path));
    QCOMPARE(run.err, QString());
}

void TestCliTopology::validateBadFiles_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QStringList>("errors"); ///< each line after "FILE: "
    QTest::newRow("port and enum") << testDataFile(QStringLiteral("topology/bad-several.json"))
                                   << QStringList{QStringLiteral("segments[0].kind: \"lan\" is not one of internet, "
                                                                 "public-cloud, home-network, hypervisor, vpn, other"),
                                          QStringLiteral("hosts[2].services[0].ports[1]: 70000 is not a port")};
    QTest::newRow("syntax") << testDataFile(QStringLiteral("topology/syntax-missing-comma.json"))
                            << QStringList{QStringLiteral("line 4, column 4: JSON syntax error: unterminated object")};
    QTest::newRow("secret") << JsonPatch::set(testDataFile(QStringLiteral("topology/small-valid.json")),
                                   QStringLiteral("interfaces[0].privateKey"), QStringLiteral("x"))
                            << QStringList{QStringLiteral("interfaces[0].privateKey: secrets are never stored in a "
                                                          "topology file; they belong in the keychain")};
    QTest::newRow("dangling reference") << JsonPatch::set(testDataFile(QStringLiteral("topology/small-valid.json")),
                                               QStringLiteral("flows[0].target"), QStringLiteral("mon2"))
                                        << QStringList{QStringLiteral("flows[0].target: no host has the id \"mon2\"")};
    // A name reaches root scripts and wg-quick files: refused where the file is read, shown escaped on one line.
    QTest::newRow("hostile host name")
        << JsonPatch::set(testDataFile(QStringLiteral("topology/small-valid.json")), QStringLiteral("hosts[0].name"),
               QStringLiteral("prod$(touch X)\nPostUp = touch Y"))
        << QStringList{QStringLiteral("hosts[0].name: \"prod$(touch X)\\nPostUp = touch Y\" is not a valid name: it goes "
                                      "into generated configs and scripts, so use 1 to 63 ASCII letters, digits and '-', "
                                      "not starting or ending with '-' (a DNS label, like a host name), for example "
                                      "\"prod-touch-X-PostUp-touch-Y\"")};
}

void TestCliTopology::validateBadFiles()
{
    QFETCH(QByteArray, contents);
    QFETCH(QStringList, errors);
    const QString path = m_dir->filePath(QStringLiteral("bad.json"));
    writeFile(path, contents);
    const Run run = runCli({QStringLiteral("topology"), QStringLiteral("validate"), path});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.out, QString());
    QStringList expected;
    for (const QString& error : errors)
        expected.append(path + QStringLiteral(": ") + error);
    QCOMPARE(run.err, expected.join(QLatin1Char('\n')) + QLatin1Char('\n'));
}

void TestCliTopology::validateMissingFile()
{
    const QString path = m_dir->filePath(QStringLiteral("missing.json"));
    const Run run = runCli({QStringLiteral("topology"), QStringLiteral("validate"), path});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.err, QStringLiteral("%1: cannot read %1: No such file or directory\n").arg(path));
}

void TestCliTopology::validateUsageErrors()
{
    const Run none = runCli({QStringLiteral("topology"), QStringLiteral("validate")});
    QCOMPARE(none.exitCode, 2);
    QCOMPARE(none.err, QStringLiteral("tunnelscope-cli: topology validate takes exactly one FILE\n"));
    const Run two = runCli({QStringLiteral("topology"), QStringLiteral("validate"), QStringLiteral("a"), QStringLiteral("b")});
    QCOMPARE(two.exitCode, 2);
}

QTEST_GUILESS_MAIN(TestCliTopology)
#include "TestCliTopology.moc"
