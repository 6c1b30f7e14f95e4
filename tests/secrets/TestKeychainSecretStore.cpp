// SPDX-License-Identifier: GPL-3.0-or-later
// KeychainSecretStore against a real Secret Service: gnome-keyring on a private session bus, started by
// with-keyring.sh (main() below re-runs this test through it). The "no keychain" cases run the store in a
// child process with a broken bus and a scratch HOME, then search that HOME for the secret.
#include "support/PrivateKeyring.h"
#include "secrets/BlockingSecretReader.h"
#include "secrets/KeychainSecretStore.h"

#include <QDirIterator>
#include <QLoggingCategory>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

#include <cstdio>
#include <vector>

using Status = SecretResult::Status;

namespace {

constexpr int AnswerTimeoutMs = 20'000;

SecretResult answerOf(SecretReply* reply)
{
    QSignalSpy spy(reply, &SecretReply::finished);
    if (!spy.wait(AnswerTimeoutMs)) {
        return SecretResult::failure(reply->operation(), reply->key(), Status::Error,
                                     QStringLiteral("the test got no answer"));
    }
    return spy.at(0).at(0).value<SecretResult>();
}

QByteArray everyByteValue()
{
    QByteArray bytes;
    for (int value = 0; value < 256; ++value) {
        bytes.append(static_cast<char>(value));
    }
    return bytes;
}

QStringList capturedMessages;

void captureMessage(QtMsgType, const QMessageLogContext&, const QString& message)
{
    capturedMessages << message;
}

struct ProbeRun
{
    int exitCode = -1;
    QString output;
};

} // namespace

class TestKeychainSecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<SecretResult>();
        QVERIFY2(qEnvironmentVariableIsSet("TUNNELSCOPE_PRIVATE_KEYRING"),
                 "must run through with-keyring.sh, never against the developer's own keyring");
        QVERIFY(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"));
    }

    void availableWithAnUnlockedKeyring()
    {
        KeychainSecretStore store;
        const SecretResult result = answerOf(store.checkAvailability());
        QVERIFY2(result.isOk(), qPrintable(result.message));
    }

    void roundTrip()
    {
        KeychainSecretStore store;
        const SecretKey key = SecretKey::influxPassword(QStringLiteral("round-trip"));
        QVERIFY2(answerOf(store.write(key, "first")).isOk(), "first write");
        expectStored(store, key, "first");
        QVERIFY2(answerOf(store.write(key, "second, longer than the first")).isOk(), "overwrite");
        expectStored(store, key, "second, longer than the first");
        QVERIFY(answerOf(store.remove(key)).isOk());
        const SecretResult afterRemove = answerOf(store.read(key));
        QCOMPARE(afterRemove.status, Status::NotFound);
        QVERIFY(afterRemove.secret.isEmpty());
        QVERIFY(answerOf(store.remove(key)).isOk()); // removing again is not an error
    }

    void binaryData_data()
    {
        QTest::addColumn<QByteArray>("secret");
        QTest::newRow("NUL in the middle") << QByteArray("pass\0word", 9);
        QTest::newRow("NUL only") << QByteArray(4, '\0');
        QTest::newRow("every byte value") << everyByteValue();
        QTest::newRow("raw 32-byte key") << QByteArray::fromHex(
            "08d0bf4d1b9c6a6e2c5d1e0f3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d");
        QTest::newRow("UTF-8 password") << QStringLiteral("P\u00e4ssw\u00f6rt \u2603").toUtf8();
    }

    void binaryData()
    {
        QFETCH(QByteArray, secret);
        KeychainSecretStore store;
        const SecretKey key = SecretKey::wireguardPresharedKey(QStringLiteral("binary"));
        QVERIFY(answerOf(store.write(key, secret)).isOk());
        expectStored(store, key, secret);
    }

    void entriesAreIndependent()
    {
        KeychainSecretStore store;
        const QString id = QStringLiteral("pair-1");
        QVERIFY(answerOf(store.write(SecretKey::influxToken(id), "influx token")).isOk());
        QVERIFY(answerOf(store.write(SecretKey::lokiPassword(id), "loki password")).isOk());
        QVERIFY(answerOf(store.write(SecretKey::influxToken(QStringLiteral("pair-2")), "other pair")).isOk());
        expectStored(store, SecretKey::influxToken(id), "influx token");
        expectStored(store, SecretKey::lokiPassword(id), "loki password");
        QCOMPARE(answerOf(store.read(SecretKey::influxPassword(id))).status, Status::NotFound);
    }

    void callsAreAnsweredInOrder()
    {
        KeychainSecretStore store;
        const SecretKey key = SecretKey::wireguardPrivateKey(QStringLiteral("queued"));
        QStringList answers;
        const QList<SecretReply*> replies{store.write(key, "one"), store.read(key), store.write(key, "two"),
                                          store.read(key), store.remove(key), store.read(key)};
        for (SecretReply* reply : replies) {
            connect(reply, &SecretReply::finished, this, [&answers](const SecretResult& result) {
                answers << SecretResult::statusName(result.status) + QLatin1Char(' ')
                        + QString::fromUtf8(result.secret);
            });
        }
        QSignalSpy last(replies.last(), &SecretReply::finished);
        QVERIFY(last.wait(AnswerTimeoutMs * 2));
        QCOMPARE(answers, (QStringList{QStringLiteral("ok "), QStringLiteral("ok one"), QStringLiteral("ok "),
                                       QStringLiteral("ok two"), QStringLiteral("ok "),
                                       QStringLiteral("not found ")}));
    }

    void invalidKeyIsRefused()
    {
        KeychainSecretStore store;
        const SecretResult result = answerOf(store.write(SecretKey::influxToken(QStringLiteral("a/b")), "x"));
        QCOMPARE(result.status, Status::Error);
        QCOMPARE(answerOf(store.read(SecretKey::influxToken(QStringLiteral("a")))).status, Status::NotFound);
    }

    void secretsNeverReachTheLog()
    {
        const QByteArray secret("S3cr3t-never-logged-4711");
        capturedMessages.clear();
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true"));
        const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
        {
            KeychainSecretStore store;
            const SecretKey key = SecretKey::influxToken(QStringLiteral("logged"));
            const bool written = answerOf(store.write(key, secret)).isOk();
            const SecretResult read = answerOf(store.read(key));
            const bool removed = answerOf(store.remove(key)).isOk();
            qInstallMessageHandler(previous);
            QLoggingCategory::setFilterRules(QString());
            QVERIFY(written && removed);
            QCOMPARE(read.secret, secret);
        }
        qInstallMessageHandler(previous);
        // The handler really saw the store's messages, so an absent secret means something.
        QVERIFY2(capturedMessages.filter(QStringLiteral("influx/logged/token")).size() >= 3,
                 qPrintable(capturedMessages.join(QLatin1Char('\n'))));
        for (const QString& message : std::as_const(capturedMessages)) {
            for (const QByteArray& form : {secret, secret.toBase64(), secret.toHex()}) {
                QVERIFY2(!message.contains(QString::fromLatin1(form)), qPrintable(message));
            }
        }
    }

    void blockingReaderAgainstTheKeychain()
    {
        KeychainSecretStore store;
        BlockingSecretReader reader(store, std::chrono::milliseconds(AnswerTimeoutMs));
        const SecretKey key = SecretKey::lokiPassword(QStringLiteral("cli"));
        QVERIFY(reader.write(key, "from the cli").isOk());
        const SecretResult read = reader.read(key);
        QCOMPARE(read.status, Status::Ok);
        QCOMPARE(read.secret, QByteArray("from the cli"));
        QVERIFY(reader.remove(key).isOk());
    }

    void noKeychainWhenTheBusIsGone()
    {
        QTemporaryDir scratch;
        QVERIFY(scratch.isValid());
        QProcessEnvironment environment = scratchEnvironment(scratch.path());
        environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                           QStringLiteral("unix:path=") + scratch.filePath(QStringLiteral("no-such-bus")));
        expectNoKeychainAndNothingWritten(scratch.path(), runProbeWithSecret(environment, {}));
    }

    void noKeychainWhenNoBusAddressIsKnown()
    {
        QTemporaryDir scratch;
        QVERIFY(scratch.isValid());
        QProcessEnvironment environment = scratchEnvironment(scratch.path());
        environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        expectNoKeychainAndNothingWritten(scratch.path(), runProbeWithSecret(environment, {}));
    }

    void noKeychainWhenTheBusHasNoSecretService()
    {
        QTemporaryDir scratch;
        QVERIFY(scratch.isValid());
        // A session bus that knows no services to activate, so nothing can provide org.freedesktop.secrets.
        const QString config = scratch.filePath(QStringLiteral("bus-without-services.conf"));
        QFile configFile(config);
        QVERIFY(configFile.open(QIODevice::WriteOnly));
        configFile.write("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                         " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                         "<busconfig><type>session</type><listen>unix:tmpdir=/tmp</listen>"
                         "<auth>EXTERNAL</auth><policy context=\"default\"><allow send_destination=\"*\" "
                         "eavesdrop=\"true\"/><allow eavesdrop=\"true\"/><allow own=\"*\"/></policy>"
                         "</busconfig>\n");
        configFile.close();
        const ProbeRun run = runProbeWithSecret(
            scratchEnvironment(scratch.path()),
            {QStringLiteral("dbus-run-session"), QStringLiteral("--config-file=") + config, QStringLiteral("--")});
        expectNoKeychainAndNothingWritten(scratch.path(), run);
        QVERIFY2(run.output.contains(QStringLiteral("org.freedesktop.secrets")), qPrintable(run.output));
    }

    void lockedWhenTheKeyringWasNeverUnlocked()
    {
        QTemporaryDir scratch;
        QVERIFY(scratch.isValid());
        // A fresh bus whose gnome-keyring is started on demand, without a password: no login keyring exists.
        const ProbeRun run = runProbeWithSecret(scratchEnvironment(scratch.path()),
                                                {QStringLiteral("dbus-run-session"), QStringLiteral("--")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.output.contains(QStringLiteral("status: access denied")), qPrintable(run.output));
        expectSecretNowhereUnder(scratch.path());
    }

private:
    static constexpr char ProbeSecret[] = "probe-secret-must-not-land-anywhere-0815";

    static void expectStored(KeychainSecretStore& store, const SecretKey& key, const QByteArray& expected)
    {
        const SecretResult result = answerOf(store.read(key));
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QCOMPARE(result.secret, expected);
    }

    static QProcessEnvironment scratchEnvironment(const QString& scratch)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const char* name : {"HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"}) {
            const QString directory = scratch + QLatin1Char('/') + QString::fromLatin1(name).toLower();
            QDir().mkpath(directory);
            QFile::setPermissions(directory, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
            environment.insert(QString::fromLatin1(name), directory);
        }
        environment.remove(QStringLiteral("DISPLAY"));
        environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
        return environment;
    }

    /// Writes ProbeSecret with the probe, optionally started through `wrapper` (a command and its arguments).
    static ProbeRun runProbeWithSecret(const QProcessEnvironment& environment, QStringList wrapper)
    {
        QStringList command = wrapper;
        command << QStringLiteral(TUNNELSCOPE_SECRET_PROBE_PATH) << QStringLiteral("write")
                << QStringLiteral("influx/probe/token");
        QProcess probe;
        probe.setProcessEnvironment(environment);
        probe.setProcessChannelMode(QProcess::MergedChannels);
        probe.start(command.takeFirst(), command);
        if (!probe.waitForStarted(10'000)) {
            return {};
        }
        probe.write(ProbeSecret);
        probe.closeWriteChannel();
        if (!probe.waitForFinished(60'000)) {
            probe.kill();
            probe.waitForFinished(5'000);
            return {};
        }
        return {probe.exitCode(), QString::fromUtf8(probe.readAll())};
    }

    static void expectNoKeychainAndNothingWritten(const QString& scratch, const ProbeRun& run)
    {
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.output.contains(QStringLiteral("status: no keychain")), qPrintable(run.output));
        QVERIFY2(run.output.contains(QStringLiteral(
                     "No Secret Service is running on the session bus; Tunnelscope never stores secrets in plain "
                     "text, so nothing was saved")),
                 qPrintable(run.output));
        QVERIFY(!run.output.contains(QLatin1String(ProbeSecret)));
        expectSecretNowhereUnder(scratch);
    }

    /// Every file below `directory` (HOME, the XDG folders, any QSettings file) is free of the secret.
    static void expectSecretNowhereUnder(const QString& directory)
    {
        const QByteArray secret(ProbeSecret);
        int filesSearched = 0;
        QDirIterator files(directory, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            if (!file.open(QIODevice::ReadOnly)) {
                continue; // sockets of the scratch bus
            }
            ++filesSearched;
            const QByteArray content = file.readAll();
            for (const QByteArray& form : {secret, secret.toBase64(), secret.toHex()}) {
                QVERIFY2(!content.contains(form), qPrintable(file.fileName()));
            }
        }
        QVERIFY(filesSearched < 1000); // bounded: the scratch folder holds a handful of files at most
    }
};

int main(int argc, char* argv[])
{
    if (!runUnderPrivateKeyring(argc, argv, TUNNELSCOPE_WITH_KEYRING_SCRIPT))
        return 1;
    QCoreApplication app(argc, argv);
    TestKeychainSecretStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestKeychainSecretStore.moc"
