// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/FakeSecretStore.h"
#include "secrets/BlockingSecretReader.h"

#include <QTest>

using Status = SecretResult::Status;

namespace {

/// A keychain that never answers, like one waiting forever on an unlock prompt.
class SilentSecretStore final : public SecretStore
{
public:
    using SecretStore::SecretStore;

protected:
    void perform(SecretReply*, QByteArray) override {}
};

const SecretKey Password = SecretKey::lokiPassword(QStringLiteral("monitor11"));

} // namespace

class TestBlockingSecretReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void returnsTheStoresAnswers()
    {
        FakeSecretStore store;
        BlockingSecretReader reader(store, std::chrono::seconds(5));
        QCOMPARE(reader.read(Password).status, Status::NotFound);
        QVERIFY(reader.write(Password, "pa55").isOk());
        const SecretResult read = reader.read(Password);
        QCOMPARE(read.status, Status::Ok);
        QCOMPARE(read.secret, QByteArray("pa55"));
        QVERIFY(reader.remove(Password).isOk());
        QVERIFY(reader.checkAvailability().isOk());
    }

    void reportsNoKeychain()
    {
        FakeSecretStore store;
        store.setBehaviour(FakeSecretStore::Behaviour::NoKeychain);
        const SecretResult result = BlockingSecretReader(store).read(Password);
        QCOMPARE(result.status, Status::NoKeychain);
        QCOMPARE(result.message, SecretResult::noKeychainMessage(SecretOperation::Read));
    }

    void givesUpAfterItsTimeout()
    {
        SilentSecretStore store;
        BlockingSecretReader reader(store, std::chrono::milliseconds(50));
        const SecretResult result = reader.read(Password);
        QCOMPARE(result.status, Status::Error);
        QCOMPARE(result.key, Password);
        QCOMPARE(result.operation, SecretOperation::Read);
        QVERIFY2(result.message.contains(QStringLiteral("did not answer")), qPrintable(result.message));
    }

    void invalidKeyIsAnErrorNotAWait()
    {
        SilentSecretStore store;
        BlockingSecretReader reader(store, std::chrono::seconds(60));
        const SecretResult result = reader.read(SecretKey::influxToken(QString()));
        QCOMPARE(result.status, Status::Error);
        QVERIFY(!result.message.contains(QStringLiteral("did not answer")));
    }
};

QTEST_GUILESS_MAIN(TestBlockingSecretReader)
#include "TestBlockingSecretReader.moc"
