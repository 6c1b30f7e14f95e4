// SPDX-License-Identifier: GPL-3.0-or-later
#include "WireGuardTools.h"
#include "support/TestRequirements.h"
#include "wireguard/WireGuardConfig.h"

#include <QFile>
#include <QTest>

namespace {

QString readData(const QString& name)
{
    QFile file(QStringLiteral(TUNNELSCOPE_TEST_DATA_DIR "/wireguard/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(name));
    return QString::fromUtf8(file.readAll());
}

const QString keyA = QStringLiteral("MlDIjOnb8LlosGHEX1SbEn5OvnKt5IFr+Reqa0oY5/M=");
const QString keyB = QStringLiteral("j2ZvPu2i7fL9urD33PomHN0gksn//nPHyRwzGsbGvg0=");

} // namespace

class TestWireGuardConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesTheServerConfig()
    {
        const auto result = WireGuardConfig::parse(readData(QStringLiteral("server-wg0.conf")));
        QVERIFY2(result.ok(), qPrintable(result.errors.value(0).toString()));
        const WireGuardConfig& config = result.config;
        QVERIFY(config.interfaceSection());
        QCOMPARE(config.interfaceSection()->value(u"listenport"), QStringLiteral("51820"));
        QCOMPARE(config.interfaceSection()->values(u"PostUp"),
            QStringList({QStringLiteral("iptables -A FORWARD -i %i -j ACCEPT"), QStringLiteral("echo up")}));
        QCOMPARE(config.peers().size(), 3);
        QCOMPARE(config.peers().at(0)->name(), QStringLiteral("prod")); // "# Name =" above the header
        QCOMPARE(config.peers().at(1)->name(), QStringLiteral("admin laptop")); // inside the section
        QVERIFY(config.peers().at(2)->name().isEmpty());
        // Case-insensitive keys and sections, repeated list keys joined in order.
        const WireGuardConfigSection* laptop = config.peer(keyB);
        QVERIFY(laptop);
        QCOMPARE(laptop->values(u"AllowedIPs"), QStringList({QStringLiteral("10.10.0.2/32"), QStringLiteral("fd00::2/128")}));
        QCOMPARE(laptop->value(u"endpoint"), QStringLiteral("198.51.100.7:40000"));
        QCOMPARE(config.peers().at(2)->values(u"AllowedIPs").size(), 2);
        // The unknown key is kept and flagged, not dropped.
        QCOMPARE(result.warnings.size(), 1);
        QCOMPARE(result.warnings.constFirst().line, 23);
        QCOMPARE(laptop->value(u"X-Custom-Tag"), QStringLiteral("kept as written"));
    }

    void nameAboveAHeaderIsTheNextPeers()
    {
        // An unnamed peer, then "# Name =" above the next [Peer]: the comment names the peer below it only (it
        // shifted every name after it by one, and gave the next peer a "-2").
        const QString text = QStringLiteral("[Interface]\nListenPort = 51820\n\n"
                                            "[Peer]\nPublicKey = %1\nAllowedIPs = 10.10.0.12/32\n\n"
                                            "# Name = Home office router\n[Peer]\nPublicKey = %2\nAllowedIPs = 10.10.0.13/32\n\n"
                                            "[Peer]\n# Name = inside\nPublicKey = %3\nAllowedIPs = 10.10.0.14/32\n")
                                 .arg(keyA, keyB, QStringLiteral("4Sv0o+W8Fm6E0Oq9nBIQa3fVu/1yJ1QUPFOhT2Mqhks="));
        const auto result = WireGuardConfig::parse(text);
        QVERIFY2(result.ok(), qPrintable(result.errors.value(0).toString()));
        QCOMPARE(result.config.peers().size(), 3);
        QCOMPARE(result.config.peers().at(0)->name(), QString());
        QCOMPARE(result.config.peers().at(1)->name(), QStringLiteral("Home office router"));
        QCOMPARE(result.config.peers().at(2)->name(), QStringLiteral("inside"));
    }

    void roundTripIsByteIdentical_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("server config") << readData(QStringLiteral("server-wg0.conf"));
        QTest::newRow("no final newline") << QStringLiteral("[Interface]\nListenPort = 1");
        QTest::newRow("CRLF") << QStringLiteral("[Interface]\r\nListenPort = 1\r\n\r\n[Peer]\r\nPublicKey = %1\r\n").arg(keyA);
        QTest::newRow("only comments") << QStringLiteral("# nothing\n\n# here\n");
        QTest::newRow("empty") << QString();
    }

    void roundTripIsByteIdentical()
    {
        QFETCH(QString, text);
        const auto result = WireGuardConfig::parse(text);
        QVERIFY2(result.ok(), qPrintable(result.errors.value(0).toString()));
        QCOMPARE(result.config.toText(), text);
    }

    void aChangeTouchesOnlyItsLine()
    {
        const QString original = readData(QStringLiteral("server-wg0.conf"));
        auto result = WireGuardConfig::parse(original);
        result.config.peer(keyA)->set(QStringLiteral("AllowedIPs"), QStringLiteral("10.10.0.5/32"));
        const QStringList before = original.split(QLatin1Char('\n'));
        const QStringList after = result.config.toText().split(QLatin1Char('\n'));
        QCOMPARE(after.size(), before.size());
        int changed = 0;
        for (qsizetype i = 0; i < before.size(); ++i) {
            if (before.at(i) != after.at(i)) {
                ++changed;
                QCOMPARE(after.at(i), QStringLiteral("AllowedIPs = 10.10.0.5/32"));
            }
        }
        QCOMPARE(changed, 1);
        // A key keeps the spelling of the file when replaced.
        result.config.peer(keyB)->set(QStringLiteral("PublicKey"), keyB);
        QVERIFY(result.config.toText().contains(QStringLiteral("publickey=") + keyB));
    }

    void setAppendRemoveAndSections()
    {
        WireGuardConfig config;
        auto& wgInterface = config.addSection(WireGuardConfig::Kind::Interface);
        wgInterface.append(QStringLiteral("Address"), QStringLiteral("10.0.0.1/24"));
        wgInterface.append(QStringLiteral("Address"), QStringLiteral("fd00::1/64"));
        auto& peer = config.addSection(WireGuardConfig::Kind::Peer);
        peer.setName(QStringLiteral("one"));
        peer.set(QStringLiteral("PublicKey"), keyA);
        QCOMPARE(config.toText(),
            QStringLiteral("[Interface]\nAddress = 10.0.0.1/24\nAddress = fd00::1/64\n\n[Peer]\n# Name = one\nPublicKey = %1\n")
                .arg(keyA));
        // Appending to an earlier section goes after its last entry, before the blank line.
        config.interfaceSection()->append(QStringLiteral("ListenPort"), QStringLiteral("51820"));
        config.interfaceSection()->remove(u"address");
        QCOMPARE(config.toText(), QStringLiteral("[Interface]\nListenPort = 51820\n\n[Peer]\n# Name = one\nPublicKey = %1\n").arg(keyA));
        QVERIFY(WireGuardConfig::parse(config.toText()).ok());
        config.peer(keyA)->setName(QStringLiteral("renamed"));
        QCOMPARE(config.peer(keyA)->name(), QStringLiteral("renamed"));
        QVERIFY(config.removePeer(keyA));
        QVERIFY(!config.removePeer(keyA));
        QCOMPARE(config.peers().size(), 0);
    }

    void writtenValuesAndNamesStayOnTheirLine()
    {
        // wg-quick runs PostUp lines as root: no written name, comment or value may start a line of its own.
        WireGuardConfig config;
        config.addPreambleComment(QStringLiteral("for prod\nPostUp = touch /tmp/pwned-1"));
        WireGuardConfigSection& peer = config.addSection(WireGuardConfig::Kind::Peer);
        peer.setName(QStringLiteral("prod$(touch X)\nPostUp = touch /tmp/pwned-2"));
        peer.append(QStringLiteral("PublicKey"), QStringLiteral("gR68IwdtGg51Zgteb+/FwmqHnUts6RakNbPJJIu6vGI="));
        peer.append(QStringLiteral("AllowedIPs"), QStringLiteral("10.10.0.3/32\rPostUp = touch /tmp/pwned-3"));
        peer.set(QStringLiteral("Endpoint"), QStringLiteral("h:1\u2028PostUp = x"));
        const QString text = config.toText();
        QCOMPARE(text.count(QLatin1Char('\n')), 6);
        QVERIFY2(!text.contains(QStringLiteral("\nPostUp")) && !text.contains(QLatin1Char('\r'))
                && !text.contains(QChar(0x2028)),
            qPrintable(text));
        const auto parsed = WireGuardConfig::parse(text);
        for (const auto* section : parsed.config.peers())
            QVERIFY(!section->has(u"PostUp"));
        QVERIFY(parsed.config.peers().constFirst()->name().startsWith(QStringLiteral("prod$(touch X)\\nPostUp")));
    }

    void reportsErrorsWithLineNumbers_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("message");
        const QString peer = QStringLiteral("[Peer]\nPublicKey = %1\n").arg(keyA);
        QTest::newRow("key outside any section") << QStringLiteral("# x\nListenPort = 1\n[Interface]\n") << 2
                                                 << QStringLiteral("outside any section");
        QTest::newRow("unknown section") << QStringLiteral("[Interface]\n[Peers]\nPublicKey = %1\n").arg(keyA) << 2
                                         << QStringLiteral("unknown section [Peers]");
        QTest::newRow("unclosed section") << QStringLiteral("[Interface\n") << 1 << QStringLiteral("unknown section");
        QTest::newRow("not key = value") << QStringLiteral("[Interface]\nListenPort 51820\n") << 2
                                         << QStringLiteral("not a Key = Value");
        QTest::newRow("value without key") << QStringLiteral("[Interface]\n= 5\n") << 2 << QStringLiteral("without a key");
        QTest::newRow("bad private key") << QStringLiteral("[Interface]\nPrivateKey = abc=\n") << 2
                                         << QStringLiteral("PrivateKey is not a valid key");
        QTest::newRow("bad public key") << QStringLiteral("[Peer]\nPublicKey = %1\n").arg(keyA.left(42) + QStringLiteral("J=")) << 2
                                        << QStringLiteral("not canonical");
        QTest::newRow("bad preshared key") << peer + QStringLiteral("PresharedKey = nope\n") << 3
                                           << QStringLiteral("PresharedKey is not a valid key");
        QTest::newRow("bad CIDR") << peer + QStringLiteral("AllowedIPs = 10.10.0.0/33\n") << 3
                                  << QStringLiteral("not a prefix length");
        QTest::newRow("bad address") << QStringLiteral("[Interface]\nAddress = 10.10.0\n") << 2
                                     << QStringLiteral("not an IP address");
        QTest::newRow("empty list item") << peer + QStringLiteral("AllowedIPs = 10.0.0.1/32,,10.0.0.2/32\n") << 3
                                         << QStringLiteral("empty item");
        QTest::newRow("duplicate key") << peer + QStringLiteral("Endpoint = a.example:1\nEndpoint = b.example:1\n") << 4
                                       << QStringLiteral("first on line 3");
        QTest::newRow("duplicate ListenPort, other case") << QStringLiteral("[Interface]\nListenPort = 1\nlistenport = 2\n")
                                                          << 3 << QStringLiteral("ListenPort appears again");
        QTest::newRow("bad port") << QStringLiteral("[Interface]\nListenPort = 70000\n") << 2 << QStringLiteral("not a port");
        QTest::newRow("negative port") << QStringLiteral("[Interface]\nListenPort = -1\n") << 2 << QStringLiteral("not a port");
        QTest::newRow("bad fwmark") << QStringLiteral("[Interface]\nFwMark = 0x1ffffffff\n") << 2 << QStringLiteral("32-bit");
        QTest::newRow("bad MTU") << QStringLiteral("[Interface]\nMTU = big\n") << 2 << QStringLiteral("not an MTU");
        QTest::newRow("bad table") << QStringLiteral("[Interface]\nTable = 1 2\n") << 2 << QStringLiteral("routing table");
        QTest::newRow("bad SaveConfig") << QStringLiteral("[Interface]\nSaveConfig = yes\n") << 2
                                        << QStringLiteral("not true or false");
        QTest::newRow("bad DNS") << QStringLiteral("[Interface]\nDNS = 10.0.0.1, bad/name\n") << 2
                                 << QStringLiteral("neither a DNS server");
        QTest::newRow("bad keepalive") << peer + QStringLiteral("PersistentKeepalive = 70000\n") << 3
                                       << QStringLiteral("not a keepalive interval");
        QTest::newRow("word keepalive") << peer + QStringLiteral("PersistentKeepalive = always\n") << 3
                                        << QStringLiteral("not a keepalive interval");
        QTest::newRow("endpoint without port") << peer + QStringLiteral("Endpoint = vpn.example.org\n") << 3
                                               << QStringLiteral("write host:port");
        QTest::newRow("endpoint port 0") << peer + QStringLiteral("Endpoint = vpn.example.org:0\n") << 3
                                         << QStringLiteral("not a port");
        QTest::newRow("endpoint bare IPv6") << peer + QStringLiteral("Endpoint = fd00::1:51820\n") << 3
                                            << QStringLiteral("in brackets");
        QTest::newRow("endpoint bad IPv6") << peer + QStringLiteral("Endpoint = [fd00::zz]:51820\n") << 3
                                           << QStringLiteral("not an IPv6 address");
        QTest::newRow("endpoint bad host") << peer + QStringLiteral("Endpoint = bad_host!:51820\n") << 3
                                           << QStringLiteral("not a host name");
        QTest::newRow("interface key in peer") << peer + QStringLiteral("ListenPort = 1\n") << 3
                                               << QStringLiteral("ListenPort belongs in [Interface]");
        QTest::newRow("peer key in interface") << QStringLiteral("[Interface]\nEndpoint = a.example:1\n") << 2
                                               << QStringLiteral("Endpoint belongs in [Peer]");
        QTest::newRow("empty value") << QStringLiteral("[Interface]\nListenPort =\n") << 2 << QStringLiteral("has no value");
        QTest::newRow("peer without public key") << QStringLiteral("[Interface]\n\n[Peer]\nAllowedIPs = 10.0.0.1/32\n") << 3
                                                 << QStringLiteral("has no PublicKey");
        QTest::newRow("same peer twice") << peer + QLatin1Char('\n') + peer << 4 << QStringLiteral("same PublicKey as the one on line 1");
        QTest::newRow("second interface") << QStringLiteral("[Interface]\n[Interface]\n") << 2
                                          << QStringLiteral("a second [Interface]");
    }

    void reportsErrorsWithLineNumbers()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(QString, message);
        const auto result = WireGuardConfig::parse(text);
        QVERIFY(!result.ok());
        const WireGuardConfigError& error = result.errors.constFirst();
        QVERIFY2(error.message.contains(message), qPrintable(error.toString()));
        QCOMPARE(error.line, line);
        QVERIFY(error.toString().startsWith(QStringLiteral("line %1: ").arg(line)));
    }

    void collectsEveryError()
    {
        const auto result = WireGuardConfig::parse(
            QStringLiteral("ListenPort = 1\n[Interface]\nListenPort = x\nMTU = 1\n[Peer]\nPublicKey = bad\n"));
        QCOMPARE(result.errors.size(), 4);
        QCOMPARE(result.errors.at(0).line, 1);
        QCOMPARE(result.errors.at(3).line, 6);
    }

    void secretsStayOutOfMessages()
    {
        const QString secretish = QStringLiteral("cOtUnsrx6TCb8nCUlaq0rKWY3k5BqxmLjBmq5pnxf1I");
        const auto result = WireGuardConfig::parse(QStringLiteral("[Interface]\nPrivateKey = %1\n").arg(secretish));
        QVERIFY(!result.ok());
        QVERIFY(!result.errors.constFirst().toString().contains(secretish));
    }

    void acceptedConfigsPassWgQuickStrip()
    {
        REQUIRE_OR_SKIP(WireGuardTools::available(QStringLiteral("wg-quick")), "wg-quick (Debian package wireguard-tools) is not installed");
        const QString text = readData(QStringLiteral("server-wg0.conf"));
        auto result = WireGuardConfig::parse(text);
        result.config.peer(keyB)->remove(u"X-Custom-Tag"); // wg would refuse the unknown key
        const auto strip = WireGuardTools::wgQuickStrip(result.config.toText());
        QVERIFY2(strip.ok(), qPrintable(strip.describe()));
        // What wg-quick hands to wg is itself a config our parser accepts, minus the wg-quick keys.
        const auto stripped = WireGuardConfig::parse(QString::fromUtf8(strip.out));
        QVERIFY2(stripped.ok(), qPrintable(stripped.errors.value(0).toString()));
        QVERIFY(!stripped.config.interfaceSection()->has(u"Address"));
        QVERIFY(!stripped.config.interfaceSection()->has(u"PostUp"));
        QCOMPARE(stripped.config.peers().size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestWireGuardConfig)
#include "TestWireGuardConfig.moc"
