// SPDX-License-Identifier: GPL-3.0-or-later
// Both executables, running: no core file can be written (RLIMIT_CORE 0, read from /proc/PID/limits of the live
// child), and no socket of theirs listens (TCP LISTEN or a bound, unconnected UDP socket), the GUI polling a real
// influxd and the CLI waiting on an InfluxDB that never answers.
#include "support/InfluxServerFixture.h"
#include "support/TelegrafScenario.h"
#include "support/TestRequirements.h"
#include "topology/TopologyFile.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

#include <sys/resource.h>
#include <unistd.h>

namespace {

constexpr int WaitMs = 20000;

/// "socket:[123]" inodes of a process's open descriptors.
QSet<QByteArray> socketInodes(qint64 pid)
{
    QSet<QByteArray> inodes;
    QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
    const QStringList entries = fds.entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System);
    for (const QString& entry : entries) {
        const QString target = QFile::symLinkTarget(fds.filePath(entry));
        static const QRegularExpression socket(QStringLiteral("socket:\\[(\\d+)\\]"));
        const QRegularExpressionMatch match = socket.match(target);
        if (match.hasMatch())
            inodes.insert(match.captured(1).toLatin1());
    }
    return inodes;
}

/// Rows of /proc/net/{tcp,udp}{,6}: local, remote, state, inode.
struct SocketRow
{
    QByteArray table, local, remote, state, inode;
};

QList<SocketRow> socketRows()
{
    QList<SocketRow> rows;
    for (const char* table : {"tcp", "tcp6", "udp", "udp6"}) {
        QFile file(QStringLiteral("/proc/net/") + QLatin1String(table));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> lines = file.readAll().split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> fields = lines.at(i).simplified().split(' ');
            if (fields.size() >= 10)
                rows.append({table, fields.at(1), fields.at(2), fields.at(3), fields.at(9)});
        }
    }
    return rows;
}

bool isListening(const SocketRow& row)
{
    if (row.table.startsWith("tcp"))
        return row.state == "0A";
    // UDP has no LISTEN: a socket bound with no peer (remote port 0000) receives from anyone.
    return row.remote.endsWith(":0000");
}

/// What of `pid` listens, as "tcp 0100007F:1F90" lines; empty when nothing does.
QStringList listeningSockets(qint64 pid)
{
    const QSet<QByteArray> inodes = socketInodes(pid);
    QStringList found;
    for (const SocketRow& row : socketRows()) {
        if (inodes.contains(row.inode) && isListening(row))
            found.append(QString::fromLatin1(row.table + ' ' + row.local));
    }
    return found;
}

/// Whether `pid` has a TCP connection to `port` on loopback (it is talking to the test's server).
bool connectsTo(qint64 pid, quint16 port)
{
    const QSet<QByteArray> inodes = socketInodes(pid);
    const QByteArray suffix = ':' + QByteArray::number(port, 16).toUpper().rightJustified(4, '0');
    for (const SocketRow& row : socketRows()) {
        if (row.table.startsWith("tcp") && inodes.contains(row.inode) && row.remote.endsWith(suffix))
            return true;
    }
    return false;
}

/// The "Max core file size" soft and hard limits of `pid`, as /proc/PID/limits spells them.
QString coreLimit(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/limits").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (line.startsWith("Max core file size"))
            return QString::fromLatin1(line.mid(26).simplified());
    }
    return {};
}

/// Waits, bounded, until the child has run its main() far enough to drop the limit; returns the last value read.
QString coreLimitOnceStarted(const QProcess& process)
{
    QString limit;
    for (QDeadlineTimer deadline(5000); !deadline.hasExpired() && process.state() == QProcess::Running; QThread::msleep(50)) {
        limit = coreLimit(process.processId());
        if (limit.startsWith(QLatin1String("0 0")))
            break;
    }
    return limit;
}

void stop(QProcess& process)
{
    process.kill();
    process.waitForFinished(5000);
}

} // namespace

class TestProcessHardening : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();

    void startGui(QProcess& process, const QString& topology)
    {
        process.setProcessEnvironment(m_environment);
        process.start(QStringLiteral(TUNNELSCOPE_APP_PATH), {QStringLiteral("--topology"), topology});
        QVERIFY2(process.waitForStarted(), qPrintable(process.errorString()));
    }

    QString liveTopology(const QUrl& influx)
    {
        Topology topology = TopologyFile::referenceDeployment();
        topology.dataSources.first().influxUrl = influx;
        topology.dataSources.first().lokiUrl = QUrl();
        const QString path = m_dir.filePath(QStringLiteral("live.json"));
        return TopologyFile::save(path, topology).isEmpty() ? path : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        m_environment.insert(QStringLiteral("XDG_CACHE_HOME"), m_dir.filePath(QStringLiteral("cache")));
        m_environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        // The children inherit this process's limit: raise it, so that only their own start-up can bring it to 0.
        rlimit limit{};
        getrlimit(RLIMIT_CORE, &limit);
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_CORE, &limit);
        REQUIRE_OR_SKIP(limit.rlim_max != 0, "the hard core file size limit is already 0 here (ulimit -Hc), so the "
                                             "test cannot tell whether the executables drop it");
    }

    void detectorSeesAListeningSocket()
    {
        // The check below must be able to fail: it finds this process's own listening socket.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QVERIFY2(!listeningSockets(QCoreApplication::applicationPid()).isEmpty(), "the /proc/net reader is broken");
    }

    void cliDisablesCoreDumpsAndListensNowhere()
    {
        REQUIRE_OR_SKIP(TestRequirements::isRoot(), "root (the executables are not dumpable, so only root may read "
                                                    "their /proc/PID/fd)");
        // An InfluxDB that accepts and never answers keeps `status` waiting, connected, while it is inspected.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        const QString topology = liveTopology(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort())));
        QVERIFY(!topology.isEmpty());
        QProcess cli;
        cli.setProcessEnvironment(m_environment);
        cli.start(QStringLiteral(TUNNELSCOPE_CLI_PATH), {QStringLiteral("status"), QStringLiteral("--topology"), topology});
        QVERIFY(cli.waitForStarted());
        QVERIFY2(silent.waitForNewConnection(WaitMs), "tunnelscope-cli status never connected");
        QCOMPARE(coreLimitOnceStarted(cli).left(3), QStringLiteral("0 0"));
        QVERIFY(connectsTo(cli.processId(), silent.serverPort()));
        QCOMPARE(listeningSockets(cli.processId()), QStringList());
        stop(cli);
    }

    void guiDisablesCoreDumpsAndListensNowhere()
    {
        REQUIRE_OR_SKIP(TestRequirements::isRoot(), "root (the executables are not dumpable, so only root may read "
                                                    "their /proc/PID/fd)");
        REQUIRE_OR_SKIP(!InfluxServerFixture::executable().isEmpty(), "influxd is not installed (Debian package influxdb)");
        InfluxServerFixture influx;
        QString error;
        QVERIFY2(influx.startWithData(QStringLiteral("telegraf"),
                                      TelegrafScenario(QDateTime::currentDateTimeUtc()).lineProtocol(), &error),
                 qPrintable(error));
        const QString topology = liveTopology(influx.url());
        QVERIFY(!topology.isEmpty());
        QProcess gui;
        startGui(gui, topology);
        QCOMPARE(coreLimitOnceStarted(gui).left(3), QStringLiteral("0 0"));
        // Polling the real server: its connection is there (keep-alive), and still nothing of the app listens.
        QTRY_VERIFY_WITH_TIMEOUT(connectsTo(gui.processId(), quint16(influx.url().port())), WaitMs);
        QCOMPARE(listeningSockets(gui.processId()), QStringList());
        stop(gui);
    }
};

QTEST_GUILESS_MAIN(TestProcessHardening)
#include "TestProcessHardening.moc"
