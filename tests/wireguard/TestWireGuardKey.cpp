// SPDX-License-Identifier: GPL-3.0-or-later
#include "WireGuardTools.h"
#include "support/TestRequirements.h"
#include "wireguard/WireGuardKey.h"

#include <QTest>

#include <sodium.h>

namespace {

QString wgPubkey(const QString& privateKey, bool* accepted = nullptr)
{
    const auto run = WireGuardTools::run(QStringLiteral("wg"), {QStringLiteral("pubkey")}, privateKey.toLatin1() + '\n');
    if (accepted)
        *accepted = run.ok();
    return QString::fromLatin1(run.out).trimmed();
}

} // namespace

class TestWireGuardKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(sodium_init() >= 0);
        REQUIRE_OR_SKIP(WireGuardTools::available(QStringLiteral("wg")), "wg (Debian package wireguard-tools) is not installed");
    }

    void publicKeysMatchWgPubkey()
    {
        // Many random keys: a wrong clamp or byte order fails on most of them, not on one.
        for (int i = 0; i < 64; ++i) {
            const WireGuardKey key = WireGuardKey::generatePrivate();
            QCOMPARE(key.publicKey().toBase64(), wgPubkey(key.toBase64()));
        }
    }

    void unclampedPrivateKeysMatchWgPubkey()
    {
        // Keys from other tools may be unclamped; wg clamps when deriving, and so must we.
        for (int i = 0; i < 16; ++i) {
            const WireGuardKey key = WireGuardKey::generatePreshared();
            QCOMPARE(key.publicKey().toBase64(), wgPubkey(key.toBase64()));
        }
    }

    void generatedPrivateKeysAreClamped()
    {
        for (int i = 0; i < 32; ++i) {
            const WireGuardKey key = WireGuardKey::generatePrivate();
            const unsigned char* bytes = key.bytes().data();
            QCOMPARE(bytes[0] & 7, 0);
            QCOMPARE(bytes[31] & 128, 0);
            QCOMPARE(bytes[31] & 64, 64);
        }
    }

    void keysDiffer()
    {
        QVERIFY(!(WireGuardKey::generatePrivate() == WireGuardKey::generatePrivate()));
        QVERIFY(!(WireGuardKey::generatePreshared() == WireGuardKey::generatePreshared()));
    }

    void acceptsWgGenkeyAndGenpsk()
    {
        for (int i = 0; i < 16; ++i) {
            const auto genkey = WireGuardTools::run(QStringLiteral("wg"), {QStringLiteral("genkey")});
            QVERIFY2(genkey.ok(), qPrintable(genkey.describe()));
            const QString text = QString::fromLatin1(genkey.out); // with its trailing newline, as from a pipe
            QString error;
            const auto key = WireGuardKey::fromBase64(text, &error);
            QVERIFY2(key, qPrintable(error));
            QCOMPARE(key->toBase64(), text.trimmed());
            QCOMPARE(key->publicKey().toBase64(), wgPubkey(text.trimmed()));
            const auto genpsk = WireGuardTools::run(QStringLiteral("wg"), {QStringLiteral("genpsk")});
            QVERIFY(WireGuardKey::fromBase64(QString::fromLatin1(genpsk.out)));
        }
    }

    void roundTripsBase64()
    {
        const WireGuardKey key = WireGuardKey::generatePreshared();
        const auto decoded = WireGuardKey::fromBase64(key.toBase64());
        QVERIFY(decoded);
        QVERIFY(*decoded == key);
        QVERIFY(decoded->clone() == key);
    }

    void nullKey()
    {
        const WireGuardKey key;
        QVERIFY(key.isNull());
        QVERIFY(key.toBase64().isEmpty());
        QVERIFY(key.publicKey().isNull());
    }

    void rejectsMalformedKeys_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reason");
        const QString valid = QStringLiteral("gR68IwdtGg51Zgteb+/FwmqHnUts6RakNbPJJIu6vGI=");
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
        QTest::newRow("blank") << QStringLiteral("   ") << QStringLiteral("empty");
        QTest::newRow("43 characters") << valid.left(43) << QStringLiteral("43 characters");
        QTest::newRow("45 characters") << valid + QLatin1Char('A') << QStringLiteral("45 characters");
        QTest::newRow("no padding") << valid.left(43) + QLatin1Char('A') << QStringLiteral("does not end in '='");
        QTest::newRow("double padding") << valid.left(42) + QStringLiteral("==") << QStringLiteral("not a base64");
        QTest::newRow("non-canonical") << valid.left(42) + QStringLiteral("J=") << QStringLiteral("not canonical");
        QTest::newRow("url-safe alphabet") << QStringLiteral("gR68IwdtGg51Zgteb-_FwmqHnUts6RakNbPJJIu6vGI=")
                                           << QStringLiteral("not a base64");
        QTest::newRow("space inside") << QStringLiteral("gR68IwdtGg51Zgteb+/Fwmq nUts6RakNbPJJIu6vGI=")
                                      << QStringLiteral("not a base64");
        QTest::newRow("non-ASCII") << QStringLiteral("gR68IwdtGg51Zgteb+/FwmqHnUts6RakNbPJJIu6vG\u00e9=")
                                   << QStringLiteral("not a base64");
        QTest::newRow("64 bytes") << valid + valid << QStringLiteral("88 characters");
    }

    void rejectsMalformedKeys()
    {
        QFETCH(QString, text);
        QFETCH(QString, reason);
        QString error;
        QVERIFY(!WireGuardKey::fromBase64(text, &error));
        QVERIFY2(error.contains(reason), qPrintable(error));
        QCOMPARE(WireGuardKey::decodeError(text), error);
        // The real tool agrees: what we refuse, wg refuses.
        if (!text.trimmed().isEmpty() && text.toLatin1() == text.toUtf8()) {
            bool accepted = true;
            wgPubkey(text, &accepted);
            QVERIFY2(!accepted, "wg pubkey accepted a key TunnelScope refuses");
        }
    }
};

QTEST_GUILESS_MAIN(TestWireGuardKey)
#include "TestWireGuardKey.moc"
