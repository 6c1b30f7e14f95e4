// SPDX-License-Identifier: GPL-3.0-or-later
#include "wireguard/SecureBytes.h"

#include <QTest>

#include "support/FreedBlockWatch.h"

#include <type_traits>

// Move-only: a copy of a secret is one more place to wipe, so only clone() may make one.
static_assert(!std::is_copy_constructible_v<SecureBytes>);
static_assert(!std::is_copy_assignable_v<SecureBytes>);
static_assert(std::is_nothrow_move_constructible_v<SecureBytes>);
static_assert(std::is_nothrow_move_assignable_v<SecureBytes>);

class TestSecureBytes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isMoveOnly()
    {
        // The traits are checked where the compiler can refuse the build (above); here the one explicit copy.
        const SecureBytes original = SecureBytes::fromRaw("secret", 6);
        const SecureBytes copy = original.clone();
        QVERIFY(copy.data() != original.data());
        QVERIFY(copy == original);
    }

    void startsZeroed()
    {
        SecureBytes bytes(32);
        QCOMPARE(bytes.size(), std::size_t(32));
        for (std::size_t i = 0; i < bytes.size(); ++i)
            QCOMPARE(bytes.data()[i], 0);
    }

    void moveLeavesSourceEmpty()
    {
        SecureBytes bytes = SecureBytes::fromRaw("secret", 6);
        const unsigned char* where = bytes.data();
        SecureBytes moved(std::move(bytes));
        QVERIFY(bytes.isEmpty());
        QCOMPARE(moved.data(), where);
        SecureBytes assigned;
        assigned = std::move(moved);
        QVERIFY(moved.isEmpty());
        QCOMPARE(assigned.size(), std::size_t(6));
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(assigned.data()), 6), QByteArray("secret"));
    }

    void comparesContents()
    {
        const SecureBytes a = SecureBytes::fromRaw("abcdef", 6);
        QVERIFY(a == a.clone());
        QVERIFY(!(a == SecureBytes::fromRaw("abcdeg", 6)));
        QVERIFY(!(a == SecureBytes::fromRaw("abcde", 5)));
        QVERIFY(SecureBytes() == SecureBytes());
    }

    void wipesQtBuffersInPlace()
    {
        // The last holder's wipe zeroes the whole allocation, seen at the moment it goes back to the heap.
        QString text = QStringLiteral("secret text").repeated(2);
        {
            FreedBlockWatch watch(text.data_ptr());
            SecureBytes::wipe(text);
            QVERIFY(text.isEmpty());
            QVERIFY(watch.freed());
            QVERIFY(watch.zeroWhenFreed());
        }

        QByteArray bytes = QByteArrayLiteral("secret").repeated(2);
        const char* where = bytes.constData();
        QByteArray sameBuffer = bytes; // shared: wipe must not zero it under the other holder
        SecureBytes::wipe(bytes);
        QVERIFY(bytes.isEmpty());
        QCOMPARE(sameBuffer, QByteArrayLiteral("secretsecret"));
        QCOMPARE(sameBuffer.constData(), where);
        {
            FreedBlockWatch watch(sameBuffer.data_ptr());
            SecureBytes::wipe(sameBuffer); // the last holder: zeroed in place
            QVERIFY(sameBuffer.isEmpty());
            QVERIFY(watch.freed());
            QVERIFY(watch.zeroWhenFreed());
        }

        QString shared = QStringLiteral("abc").repeated(3);
        QString other = shared;
        SecureBytes::wipe(shared);
        QCOMPARE(other, QStringLiteral("abcabcabc"));
        {
            FreedBlockWatch watch(other.data_ptr());
            SecureBytes::wipe(other);
            QVERIFY(watch.freed());
            QVERIFY(watch.zeroWhenFreed());
        }
    }

    void wipesWhatAnEarlierLongerContentLeftBehind()
    {
        QString text = QStringLiteral("a longer secret than what is left").repeated(4);
        text.truncate(3);
        FreedBlockWatch watch(text.data_ptr());
        SecureBytes::wipe(text);
        QVERIFY(watch.zeroWhenFreed());
    }
};

QTEST_GUILESS_MAIN(TestSecureBytes)
#include "TestSecureBytes.moc"
