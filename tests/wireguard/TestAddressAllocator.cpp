// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/TopologyFile.h"
#include "wireguard/AddressAllocator.h"
#include "wireguard/AllowedIpsOverlap.h"
#include "wireguard/WireGuardConfig.h"

#include <QTest>

namespace {

IpNetwork net(const char* text)
{
    const auto parsed = IpNetwork::parse(QString::fromLatin1(text));
    if (!parsed)
        qFatal("bad network in test: %s", text);
    return *parsed;
}

} // namespace

class TestAddressAllocator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ipNetworkArithmetic()
    {
        QCOMPARE(net("10.10.0.11/24").network().toString(), QStringLiteral("10.10.0.0/24"));
        QCOMPARE(IpNetwork::format(net("10.10.0.11/24").last(), false), QStringLiteral("10.10.0.255"));
        QCOMPARE(net("fd00::5/64").network().toString(), QStringLiteral("fd00::/64"));
        QCOMPARE(IpNetwork::format(net("fd00::/64").last(), true), QStringLiteral("fd00::ffff:ffff:ffff:ffff"));
        QVERIFY(net("10.0.0.0/8").contains(net("10.1.2.3/32")));
        QVERIFY(!net("10.1.2.3/32").contains(net("10.0.0.0/8")));
        QVERIFY(net("10.1.2.3/32").overlaps(net("10.0.0.0/8")));
        QVERIFY(!net("10.0.0.0/25").overlaps(net("10.0.0.128/25")));
        QVERIFY(!net("10.0.0.0/8").overlaps(net("::/0"))); // families never overlap
        QVERIFY(net("0.0.0.0/0").contains(net("255.255.255.255")));
        QVERIFY(!IpNetwork::parse(QStringLiteral("10.1"))); // inet_aton's short form: wg refuses it
        QVERIFY(!IpNetwork::parse(QStringLiteral("10.0.0.1/")));
        QVERIFY(!IpNetwork::parse(QStringLiteral("10.0.0.1/x")));
        QVERIFY(!IpNetwork::parse(QStringLiteral("fe80::1%eth0")));
        QCOMPARE(IpNetwork::next({0, ~quint64(0)}), (IpNetwork::Address{1, 0}));
    }

    void nextFreeInTheReferenceDeployment()
    {
        const Topology topology = TopologyFile::referenceDeployment();
        const auto subnet = AddressAllocator::tunnelSubnet(topology);
        QVERIFY(subnet);
        QCOMPARE(subnet->toString(), QStringLiteral("10.10.0.0/24"));
        AddressAllocator allocator(*subnet);
        allocator.addTopology(topology);
        // .1 (prod) and .2 (laptop) are taken, .11 is the server; the clients' 10.10.0.0/24 routes are not.
        QCOMPARE(allocator.next(), QStringLiteral("10.10.0.3"));
        allocator.reserve(QStringLiteral("10.10.0.0/28"), QStringLiteral("reserved for servers"));
        QCOMPARE(allocator.next(), QStringLiteral("10.10.0.16"));
        QCOMPARE(allocator.hostRoute(QStringLiteral("10.10.0.16")), QStringLiteral("10.10.0.16/32"));
    }

    void refusesWithTheReason_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("reason");
        QTest::newRow("taken by a peer") << QStringLiteral("10.10.0.1") << QStringLiteral("taken by prod");
        QTest::newRow("taken by the server") << QStringLiteral("10.10.0.11") << QStringLiteral("taken by monitor11");
        QTest::newRow("outside") << QStringLiteral("10.20.0.5") << QStringLiteral("outside the tunnel subnet 10.10.0.0/24");
        QTest::newRow("other family") << QStringLiteral("fd00::5") << QStringLiteral("outside the tunnel subnet");
        QTest::newRow("network") << QStringLiteral("10.10.0.0") << QStringLiteral("network address");
        QTest::newRow("broadcast") << QStringLiteral("10.10.0.255") << QStringLiteral("broadcast address");
        QTest::newRow("range") << QStringLiteral("10.10.0.64/26") << QStringLiteral("is a range");
        QTest::newRow("garbage") << QStringLiteral("ten.ten") << QStringLiteral("not an IP address");
        QTest::newRow("free") << QStringLiteral("10.10.0.200") << QString();
        QTest::newRow("free as host route") << QStringLiteral("10.10.0.201/32") << QString();
    }

    void refusesWithTheReason()
    {
        QFETCH(QString, address);
        QFETCH(QString, reason);
        const Topology topology = TopologyFile::referenceDeployment();
        AddressAllocator allocator(*AddressAllocator::tunnelSubnet(topology));
        allocator.addTopology(topology);
        const QString refusal = allocator.refusal(address);
        if (reason.isEmpty())
            QVERIFY2(refusal.isEmpty(), qPrintable(refusal));
        else
            QVERIFY2(refusal.contains(reason), qPrintable(refusal));
    }

    void learnsFromAServerConfig()
    {
        const auto parsed = WireGuardConfig::parse(QStringLiteral(
            "[Interface]\nAddress = 10.10.0.1/24\n\n[Peer]\n# Name = old\nPublicKey = MlDIjOnb8LlosGHEX1SbEn5OvnKt5IFr+Reqa0oY5/M=\n"
            "AllowedIPs = 10.10.0.2/31, 192.168.50.0/24\n"));
        QVERIFY(parsed.ok());
        AddressAllocator allocator(net("10.10.0.0/24"));
        allocator.addServerConfig(parsed.config, QStringLiteral("monitor11"));
        QCOMPARE(allocator.next(), QStringLiteral("10.10.0.4"));
        QVERIFY(allocator.refusal(QStringLiteral("10.10.0.3")).contains(QStringLiteral("peer \"old\" in monitor11's config")));
        QVERIFY(allocator.refusal(QStringLiteral("10.10.0.1")).contains(QStringLiteral("monitor11")));
    }

    void fullSubnet()
    {
        AddressAllocator allocator(net("10.9.0.0/30"));
        allocator.addUsed(QStringLiteral("10.9.0.1/32"), QStringLiteral("a"));
        QCOMPARE(allocator.next(), QStringLiteral("10.9.0.2"));
        allocator.addUsed(QStringLiteral("10.9.0.2"), QStringLiteral("b"));
        QString error;
        QVERIFY(allocator.next(&error).isEmpty());
        QVERIFY(error.contains(QStringLiteral("no free address")));
        AddressAllocator single(net("10.9.0.7/32"));
        QVERIFY(single.next().isEmpty());
    }

    void ipv6()
    {
        AddressAllocator allocator(net("fd00:10::/64"));
        QCOMPARE(allocator.next(), QStringLiteral("fd00:10::1"));
        allocator.addUsed(QStringLiteral("fd00:10::/120"), QStringLiteral("servers"));
        QCOMPARE(allocator.next(), QStringLiteral("fd00:10::100"));
        QCOMPARE(allocator.hostRoute(QStringLiteral("fd00:10::100")), QStringLiteral("fd00:10::100/128"));
        QVERIFY(allocator.refusal(QStringLiteral("fd00:10::")).contains(QStringLiteral("network address")));
        QVERIFY(allocator.refusal(QStringLiteral("fd00:10::5")).contains(QStringLiteral("taken by servers")));
        QVERIFY(allocator.refusal(QStringLiteral("fd00:11::5")).contains(QStringLiteral("outside")));
        QVERIFY(allocator.refusal(QStringLiteral("10.10.0.5")).contains(QStringLiteral("outside")));
        // IPv6 has no broadcast: the top address of the subnet may be handed out.
        QVERIFY(allocator.refusal(QStringLiteral("fd00:10::ffff:ffff:ffff:ffff")).isEmpty());
    }

    void manyRangesStayBounded()
    {
        AddressAllocator allocator(net("fd00::/64"));
        for (int i = 0; i < 500; ++i)
            allocator.addUsed(QStringLiteral("fd00::%1/128").arg(i + 1, 0, 16), QStringLiteral("p%1").arg(i));
        QCOMPARE(allocator.next(), QStringLiteral("fd00::1f5"));
    }

    void detectsOverlappingAllowedIps()
    {
        using AllowedIpsOverlap::PeerRanges;
        const QList<PeerRanges> peers{{QStringLiteral("prod"), {QStringLiteral("10.10.0.1/32")}},
            {QStringLiteral("laptop"), {QStringLiteral("10.10.0.2/32"), QStringLiteral("fd00::2/128")}}};
        QVERIFY(AllowedIpsOverlap::find(peers).isEmpty());
        QVERIFY(!AllowedIpsOverlap::check({QStringLiteral("new"), {QStringLiteral("10.10.0.3/32")}}, peers));
        const auto hijack = AllowedIpsOverlap::check({QStringLiteral("evil"), {QStringLiteral("10.10.0.0/30")}}, peers);
        QVERIFY(hijack);
        QCOMPARE(hijack->firstPeer, QStringLiteral("prod"));
        QVERIFY(hijack->message().contains(QStringLiteral("\"evil\"")));
        QVERIFY(hijack->message().contains(QStringLiteral("\"prod\"")));
        QVERIFY(hijack->message().contains(QStringLiteral("hijack")));
        const auto v6 = AllowedIpsOverlap::check({QStringLiteral("six"), {QStringLiteral("fd00::/64")}}, peers);
        QVERIFY(v6);
        QCOMPARE(v6->firstPeer, QStringLiteral("laptop"));
        QList<PeerRanges> withDuplicate = peers;
        withDuplicate.append({QStringLiteral("copy"), {QStringLiteral("10.10.0.2")}});
        QCOMPARE(AllowedIpsOverlap::find(withDuplicate).size(), 1);
    }

    void referenceDeploymentHubHasNoOverlap()
    {
        const Topology topology = TopologyFile::referenceDeployment();
        QVERIFY(AllowedIpsOverlap::find(AllowedIpsOverlap::peersOfInterface(topology, QStringLiteral("monitor11-wg0"))).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAddressAllocator)
#include "TestAddressAllocator.moc"
