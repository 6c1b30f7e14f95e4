// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/PlainHttpExposure.h"
#include "topology/TopologyFile.h"

#include <QHostAddress>
#include <QTest>

class TestPlainHttpExposure : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void warning_data();
    void warning();
    void referenceDeploymentTunnel();
};

namespace {
const QStringList Tunnel{QStringLiteral("10.10.0.0/24")};
}

void TestPlainHttpExposure::warning_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("credentials");
    QTest::addColumn<QString>("named"); // empty: no warning

    QTest::newRow("tunnel address") << "http://10.10.0.11:8086" << true << QString();
    QTest::newRow("loopback") << "http://127.0.0.1:8086" << true << QString();
    QTest::newRow("loopback v6") << "http://[::1]:8086" << true << QString();
    QTest::newRow("localhost") << "http://localhost:8086" << true << QString();
    QTest::newRow("https outside") << "https://203.0.113.5:8086" << true << QString();
    QTest::newRow("no credentials") << "http://203.0.113.5:8086" << false << QString();
    QTest::newRow("public address") << "http://203.0.113.5:8086" << true << "203.0.113.5";
    QTest::newRow("next to the tunnel") << "http://10.10.1.11:8086" << true << "10.10.1.11";
    QTest::newRow("host name") << "http://influx.example.org:8086" << true << "influx.example.org";
    QTest::newRow("user info in the URL") << "http://user:pw@198.51.100.2:8086" << false << "198.51.100.2";
}

void TestPlainHttpExposure::warning()
{
    QFETCH(QString, url);
    QFETCH(bool, credentials);
    QFETCH(QString, named);
    const QString text = PlainHttpExposure::warning(QUrl(url), credentials, Tunnel);
    if (named.isEmpty()) {
        QVERIFY2(text.isEmpty(), qPrintable(text));
        return;
    }
    QVERIFY2(text.contains(named) && text.contains(QLatin1String("plain HTTP")) && text.contains(QLatin1String("10.10.0.0/24"))
                 && text.contains(QLatin1String("https")),
             qPrintable(text));
    QVERIFY2(!text.contains(QLatin1String("pw")), qPrintable(text)); // never the secret itself
}

void TestPlainHttpExposure::referenceDeploymentTunnel()
{
    const QStringList cidrs = PlainHttpExposure::tunnelCidrs(TopologyFile::referenceDeployment());
    QVERIFY2(cidrs.contains(QStringLiteral("10.10.0.0/24")), qPrintable(cidrs.join(QLatin1Char(' '))));
    for (const QString& cidr : cidrs)
        QVERIFY2(!QHostAddress::parseSubnet(cidr).first.isNull(), qPrintable(cidr));
}

QTEST_GUILESS_MAIN(TestPlainHttpExposure)
#include "TestPlainHttpExposure.moc"
