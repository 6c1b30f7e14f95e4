// SPDX-License-Identifier: GPL-3.0-or-later
#include "wireguard/SecureBytes.h"

#include <QTest>

#include <type_traits>

class TestSecureBytes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isMoveOnly()
    {
        static_assert(!std::is_copy_constructible_v<SecureBytes>);
        static_assert(!std::is_copy_assignable_v<SecureBytes>);
        static_assert(std::is_nothrow_move_constructible_v<SecureBytes>);
        QVERIFY(true);
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
        // Keep the buffer alive through a second holder that gives it up only after the check: the memory seen
        // there must be zeros, proving the wipe hit the original buffer and not a detached copy.
        QString text = QStringLiteral("secret text").repeated(2);
        SecureBytes::wipe(text);
        QVERIFY(text.isEmpty());

        QByteArray bytes = QByteArrayLiteral("secret").repeated(2);
        const char* where = bytes.constData();
        QByteArray sameBuffer = bytes; // shared: wipe must not zero it under the other holder
        SecureBytes::wipe(bytes);
        QVERIFY(bytes.isEmpty());
        QCOMPARE(sameBuffer, QByteArrayLiteral("secretsecret"));
        QCOMPARE(sameBuffer.constData(), where);
        SecureBytes::wipe(sameBuffer); // the last holder: zeroed in place
        QVERIFY(sameBuffer.isEmpty());

        QString shared = QStringLiteral("abc").repeated(3);
        QString other = shared;
        SecureBytes::wipe(shared);
        QCOMPARE(other, QStringLiteral("abcabcabc"));
    }
};

QTEST_GUILESS_MAIN(TestSecureBytes)
#include "TestSecureBytes.moc"
