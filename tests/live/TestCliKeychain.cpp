// SPDX-License-Identifier: GPL-3.0-or-later
// tunnelscope-cli reads the InfluxDB token from the real Secret Service (a throwaway unlocked gnome-keyring on a
// private bus: main() re-runs this test through with-keyring.sh), and the environment still wins.
#include "support/PrivateKeyring.h"
#include "LiveTopology.h"
#include "secrets/BlockingSecretReader.h"
#include "secrets/KeychainSecretStore.h"
#include "support/CliProcess.h"
#include "support/FakeHttpServer.h"

#include <QFile>
#include <QTest>

#include <unistd.h>

namespace {

const QByteArray Token = "keychain-t0ken";

QByteArray recordedPollAnswer()
{
    QFile file(QStringLiteral(TUNNELSCOPE_TEST_DATA_DIR "/influx/poll_first_epoch_ms.json"));
    return file.open(QIODevice::ReadOnly) ? FakeHttpServer::response(200, file.readAll()) : QByteArray();
}

} // namespace

class TestCliKeychain : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    FakeHttpServer m_influx;
    QString m_topology;

    CliProcess status(const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment())
    {
        return CliProcess::run({QStringLiteral("status"), QStringLiteral("--topology"), m_topology}, environment);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariableIsSet("TUNNELSCOPE_PRIVATE_KEYRING"),
                 "must run through with-keyring.sh, never against the developer's own keyring");
        QVERIFY(m_influx.listenOnLoopback());
        m_influx.setFallback(recordedPollAnswer());
        m_topology = saveLiveTopology(m_dir, m_influx.baseUrl(), {}, 1, DataSource::InfluxAuth::Token);
        QVERIFY(!m_topology.isEmpty());
    }

    void missingSecretIsNotedOnStderr()
    {
        const CliProcess run = status();
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.contains("no InfluxDB token from the keychain"), run.err.constData());
        QVERIFY(run.err.contains("TUNNELSCOPE_INFLUX_TOKEN"));
        // Nothing to send: at most the bare scheme, never a secret.
        QVERIFY(m_influx.requests().constLast().headers.value("authorization").trimmed().size() <= 5);
    }

    void tokenComesFromTheKeychain()
    {
        KeychainSecretStore store;
        BlockingSecretReader writer(store, std::chrono::seconds(20));
        const SecretResult written = writer.write(SecretKey::influxToken(QStringLiteral("monitor11")), Token);
        QVERIFY2(written.isOk(), qPrintable(written.message));

        const CliProcess run = status();
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(m_influx.requests().constLast().headers.value("authorization"), QByteArray(QByteArrayLiteral("Token ") + Token));
        QVERIFY(!run.err.contains("keychain"));
        QVERIFY(!run.out.contains(Token) && !run.err.contains(Token));
    }

    void environmentWins()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("TUNNELSCOPE_INFLUX_TOKEN"), QStringLiteral("from-env"));
        const CliProcess run = status(environment);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(m_influx.requests().constLast().headers.value("authorization"), QByteArray("Token from-env"));
    }

    void noKeychainFallsBackWithANote()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent/bus"));
        const CliProcess run = status(environment);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.contains("no InfluxDB token from the keychain"), run.err.constData());
        QVERIFY(run.err.contains("TUNNELSCOPE_INFLUX_TOKEN"));
    }
};

int main(int argc, char* argv[])
{
    if (!runUnderPrivateKeyring(argc, argv, TUNNELSCOPE_WITH_KEYRING_SCRIPT))
        return 1;
    QCoreApplication app(argc, argv);
    TestCliKeychain test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestCliKeychain.moc"
