// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/SecretWipe.h"
#include "support/FreedBlockWatch.h"

#include <QTest>

namespace {

bool allZero(const char* bytes, qsizetype size)
{
    return std::all_of(bytes, bytes + size, [](char c) { return c == 0; });
}

const QByteArray Secret("hunter2\0with NUL", 16);

} // namespace

class TestSecretWipe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wipeZeroesTheBufferInPlace()
    {
        QByteArray secret = Secret;
        secret.detach();
        const char* buffer = secret.constData();
        const QByteArray sharer = secret; // sees the same buffer, as a finished job's copy does
        wipeSecret(secret);
        QVERIFY(secret.isEmpty());
        QCOMPARE(sharer.constData(), buffer);
        QVERIFY(allZero(sharer.constData(), sharer.size()));
    }

    void wipeAlsoZeroesBytesLeftBehindByAnEarlierContent()
    {
        QByteArray secret = Secret + Secret;
        secret.detach();
        secret.truncate(3);
        const QByteArray sharer = secret;
        wipeSecret(secret);
        QVERIFY(allZero(sharer.constData(), Secret.size() * 2));
    }

    void wipeLeavesRawDataAlone()
    {
        static const char text[] = "not ours";
        QByteArray raw = QByteArray::fromRawData(text, sizeof(text) - 1);
        wipeSecret(raw);
        QVERIFY(raw.isEmpty());
        QCOMPARE(QByteArray(text), QByteArray("not ours"));
    }

    void releaseLeavesAnotherHoldersCopyIntact()
    {
        QByteArray secret = Secret;
        secret.detach();
        const QByteArray receiver = secret;
        releaseSecret(secret);
        QVERIFY(secret.isEmpty());
        QCOMPARE(receiver, Secret);
    }

    void releaseZeroesWhenItWasTheLastHolder()
    {
        QByteArray secret = Secret + Secret;
        secret.detach();
        FreedBlockWatch watch(secret.data_ptr());
        releaseSecret(secret);
        QVERIFY(secret.isEmpty());
        QVERIFY(watch.freed());
        QVERIFY(watch.zeroWhenFreed());
    }

    void exclusiveSecretNeverSharesWithAnotherHolder()
    {
        QByteArray callersCopy = Secret;
        callersCopy.detach();
        QByteArray ours = exclusiveSecret(callersCopy);
        QVERIFY(ours.constData() != callersCopy.constData());
        wipeSecret(ours);
        QCOMPARE(callersCopy, Secret);

        QByteArray moved = callersCopy;
        moved.detach();
        const char* buffer = moved.constData();
        const QByteArray taken = exclusiveSecret(std::move(moved));
        QCOMPARE(taken.constData(), buffer); // nothing else held it: no copy made
    }
};

QTEST_GUILESS_MAIN(TestSecretWipe)
#include "TestSecretWipe.moc"
