// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/FakeSecretStore.h"

#include <QSignalSpy>
#include <QTest>

using Status = SecretResult::Status;

namespace {

// Every reply answers within one event loop turn; two seconds is a generous bound for a failing test.
SecretResult answerOf(SecretReply* reply)
{
    QSignalSpy spy(reply, &SecretReply::finished);
    if (!spy.wait(2000)) {
        return SecretResult::failure(reply->operation(), reply->key(), Status::Error, QStringLiteral("no answer"));
    }
    return spy.at(0).at(0).value<SecretResult>();
}

const SecretKey Token = SecretKey::influxToken(QStringLiteral("monitor11"));

} // namespace

class TestFakeSecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<SecretResult>(); }

    void roundTrip()
    {
        FakeSecretStore store;
        QVERIFY(answerOf(store.write(Token, QByteArray("t0k\0en", 6))).isOk());
        QVERIFY(store.contains(Token));
        const SecretResult read = answerOf(store.read(Token));
        QCOMPARE(read.status, Status::Ok);
        QCOMPARE(read.secret, QByteArray("t0k\0en", 6));
        QVERIFY(answerOf(store.remove(Token)).isOk());
        QCOMPARE(answerOf(store.read(Token)).status, Status::NotFound);
        QCOMPARE(store.entryCount(), 0);
    }

    void answersAfterTheCallReturns()
    {
        FakeSecretStore store;
        SecretReply* reply = store.read(Token);
        QSignalSpy spy(reply, &SecretReply::finished);
        QVERIFY(!reply->isFinished() || spy.isEmpty());
        QCOMPARE(spy.count(), 0);
        QVERIFY(spy.wait(2000));
        QCOMPARE(spy.count(), 1);
    }

    void answersInCallOrder()
    {
        FakeSecretStore store;
        QStringList order;
        const QList<SecretReply*> replies{store.write(Token, "a"), store.read(Token), store.remove(Token),
                                          store.read(Token)};
        for (SecretReply* reply : replies) {
            connect(reply, &SecretReply::finished, this, [&order](const SecretResult& result) {
                order << SecretResult::statusName(result.status) + QString::fromLatin1(result.secret);
            });
        }
        QSignalSpy last(replies.last(), &SecretReply::finished);
        QVERIFY(last.wait(2000));
        QCOMPARE(order, (QStringList{QStringLiteral("ok"), QStringLiteral("oka"), QStringLiteral("ok"),
                                     QStringLiteral("not found")}));
    }

    void noKeychainStoresNothing()
    {
        FakeSecretStore store;
        store.setBehaviour(FakeSecretStore::Behaviour::NoKeychain);
        const SecretResult written = answerOf(store.write(Token, "secret"));
        QCOMPARE(written.status, Status::NoKeychain);
        QCOMPARE(written.message, SecretResult::noKeychainMessage(SecretOperation::Write));
        QCOMPARE(store.entryCount(), 0);
        QCOMPARE(answerOf(store.checkAvailability()).status, Status::NoKeychain);
    }

    void lockedRefusesButIsAvailable()
    {
        FakeSecretStore store;
        store.setBehaviour(FakeSecretStore::Behaviour::Locked);
        QCOMPARE(answerOf(store.write(Token, "secret")).status, Status::AccessDenied);
        QCOMPARE(answerOf(store.read(Token)).status, Status::AccessDenied);
        QCOMPARE(answerOf(store.checkAvailability()).status, Status::Ok);
        QCOMPARE(store.entryCount(), 0);
    }

    void invalidKeyIsRefusedWithoutReachingTheStore()
    {
        FakeSecretStore store;
        const SecretResult result = answerOf(store.write(SecretKey::influxToken(QStringLiteral("a/b")), "x"));
        QCOMPARE(result.status, Status::Error);
        QVERIFY(result.message.contains(QLatin1Char('/')));
        QCOMPARE(store.callCount(), 0);
    }

    void callersCopyOfAWrittenSecretStaysIntact()
    {
        FakeSecretStore store;
        const QByteArray callers("keep me");
        QVERIFY(answerOf(store.write(Token, callers)).isOk());
        QVERIFY(answerOf(store.write(Token, "replaced")).isOk()); // wipes the stored copy of "keep me"
        QCOMPARE(callers, QByteArray("keep me"));
        QCOMPARE(store.storedSecret(Token), QByteArray("replaced"));
    }

    void receiverKeepsTheSecretItCopied()
    {
        FakeSecretStore store;
        QVERIFY(answerOf(store.write(Token, "handed over")).isOk());
        QByteArray kept;
        SecretReply* reply = store.read(Token);
        connect(reply, &SecretReply::finished, this, [&kept](const SecretResult& result) { kept = result.secret; });
        QSignalSpy destroyed(reply, &QObject::destroyed);
        QVERIFY(destroyed.wait(2000)); // the reply has released its share by now
        QCOMPARE(kept, QByteArray("handed over"));
    }
};

QTEST_GUILESS_MAIN(TestFakeSecretStore)
#include "TestFakeSecretStore.moc"
