// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/SecretKey.h"

#include <QTest>

class TestSecretKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesFollowTheScheme_data()
    {
        QTest::addColumn<SecretKey>("key");
        QTest::addColumn<QString>("name");
        QTest::newRow("influx password") << SecretKey::influxPassword(QStringLiteral("monitor11"))
                                         << QStringLiteral("influx/monitor11/password");
        QTest::newRow("influx token") << SecretKey::influxToken(QStringLiteral("monitor11"))
                                      << QStringLiteral("influx/monitor11/token");
        QTest::newRow("loki password") << SecretKey::lokiPassword(QStringLiteral("monitor11"))
                                       << QStringLiteral("loki/monitor11/password");
        QTest::newRow("wireguard private key") << SecretKey::wireguardPrivateKey(QStringLiteral("monitor11-wg0"))
                                               << QStringLiteral("wireguard/monitor11-wg0/private-key");
        QTest::newRow("wireguard preshared key") << SecretKey::wireguardPresharedKey(QStringLiteral("web01"))
                                                 << QStringLiteral("wireguard/web01/preshared-key");
    }

    void namesFollowTheScheme()
    {
        QFETCH(SecretKey, key);
        QFETCH(QString, name);
        QVERIFY2(key.isValid(), qPrintable(key.problem()));
        QCOMPARE(key.name(), name);
        QCOMPARE(SecretKey::fromName(name), std::optional<SecretKey>(key));
    }

    void serviceIsTheApplicationId() { QCOMPARE(SecretKey::service(), QStringLiteral("org.example.Tunnelscope")); }

    void ambiguousIdsAreInvalid_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("empty") << QString();
        QTest::newRow("slash") << QStringLiteral("a/b");
        QTest::newRow("space") << QStringLiteral("my source");
        QTest::newRow("newline") << QStringLiteral("a\nb");
        QTest::newRow("tab") << QStringLiteral("a\tb");
        QTest::newRow("control") << QString(QChar(0x7f));
    }

    void ambiguousIdsAreInvalid()
    {
        QFETCH(QString, id);
        const SecretKey key = SecretKey::influxToken(id);
        QVERIFY(!key.isValid());
        QVERIFY(!key.problem().isEmpty());
    }

    void defaultKeyIsInvalid()
    {
        QVERIFY(!SecretKey().isValid());
        QVERIFY(!SecretKey().problem().isEmpty());
    }

    void fromNameRefusesUnknownNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("empty") << QString();
        QTest::newRow("two parts") << QStringLiteral("influx/token");
        QTest::newRow("four parts") << QStringLiteral("influx/a/b/token");
        QTest::newRow("unknown area") << QStringLiteral("grafana/a/password");
        QTest::newRow("unknown item") << QStringLiteral("influx/a/secret");
        QTest::newRow("item of another area") << QStringLiteral("loki/a/token");
        QTest::newRow("empty id") << QStringLiteral("influx//token");
        QTest::newRow("space in id") << QStringLiteral("influx/a b/token");
    }

    void fromNameRefusesUnknownNames()
    {
        QFETCH(QString, name);
        QVERIFY(!SecretKey::fromName(name).has_value());
    }
};

QTEST_GUILESS_MAIN(TestSecretKey)
#include "TestSecretKey.moc"
