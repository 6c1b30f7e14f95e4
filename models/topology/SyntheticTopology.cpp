// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/SyntheticTopology.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QSet>

#include <functional>

namespace {

constexpr quint32 TunnelNetwork = (10u << 24) | (10u << 16); // 10.10.0.0/16: the room the collectors get

/// The tunnel addresses the base already uses, as numbers, so that new ones never collide with them.
QSet<quint32> usedTunnelAddresses(const Topology& topology)
{
    QSet<quint32> used;
    auto add = [&used](const QString& cidr) {
        const QHostAddress address(cidr.section(QLatin1Char('/'), 0, 0));
        bool isV4 = false;
        const quint32 value = address.toIPv4Address(&isV4);
        if (isV4 && (value & 0xFFFF0000u) == TunnelNetwork)
            used.insert(value);
    };
    for (const auto& wgInterface : topology.interfaces) {
        for (const auto& address : wgInterface.addresses)
            add(address);
    }
    for (const auto& peer : topology.peers) {
        for (const auto& allowed : peer.allowedIps) {
            if (allowed.endsWith(QLatin1String("/32")))
                add(allowed);
        }
    }
    return used;
}

/// Hands out 10.10.x.y addresses after the highest one in use, skipping .0 and .255 of every /24.
class AddressAllocator
{
public:
    explicit AddressAllocator(const QSet<quint32>& used)
        : m_used(used)
    {
        for (quint32 address : used)
            m_next = std::max(m_next, address + 1);
    }

    QString next()
    {
        while ((m_next & 0xFF) == 0 || (m_next & 0xFF) == 0xFF || m_used.contains(m_next))
            ++m_next;
        if ((m_next & 0xFFFF0000u) != TunnelNetwork)
            qFatal("SyntheticTopology: 10.10.0.0/16 has no room left");
        m_used.insert(m_next);
        return QHostAddress(m_next++).toString();
    }

private:
    QSet<quint32> m_used;
    quint32 m_next = TunnelNetwork + 1;
};

/// A key wg(8) accepts: base64 of 32 bytes, here a hash of the host id so that runs agree.
QString publicKeyFor(const QString& hostId)
{
    const QByteArray seed = QByteArrayLiteral("tunnelscope synthetic key ") + hostId.toUtf8();
    const QByteArray bytes = QCryptographicHash::hash(seed, QCryptographicHash::Sha256);
    return QString::fromLatin1(bytes.toBase64());
}

QString uniqueId(const QString& wanted, const std::function<bool(const QString&)>& taken)
{
    QString id = wanted;
    for (int suffix = 2; taken(id); ++suffix)
        id = wanted + QLatin1Char('-') + QString::number(suffix);
    return id;
}

const Host* hostRunning(const Topology& topology, const QString& kind, const QString& preferredHostId)
{
    const Host* preferred = topology.host(preferredHostId);
    auto runs = [&kind](const Host& host) {
        for (const auto& service : host.services) {
            if (service.kind == kind)
                return true;
        }
        return false;
    };
    if (preferred && runs(*preferred))
        return preferred;
    for (const auto& host : topology.hosts) {
        if (runs(host))
            return &host;
    }
    return nullptr;
}

QString serviceIdOfKind(const Host& host, const QString& kind)
{
    for (const auto& service : host.services) {
        if (service.kind == kind)
            return service.id;
    }
    return {};
}

/// The first tunnel flow of this kind into target, as the model for the collectors' own.
const DataFlow* modelFlow(const Topology& topology, DataFlow::Kind kind, const QString& targetHostId)
{
    for (const auto& flow : topology.flows) {
        if (flow.kind == kind && flow.targetHostId == targetHostId)
            return &flow;
    }
    return nullptr;
}

/// How a client reaches the hub: what an existing client's [Peer] says, else the hub's name and port.
QString hubEndpoint(const Topology& topology, const WireGuardInterface& hub)
{
    for (const auto& peer : topology.peers) {
        if (peer.hostId == hub.hostId && !peer.endpoint.isEmpty())
            return peer.endpoint;
    }
    const Host* host = topology.host(hub.hostId);
    const QString name = host && !host->fqdn.isEmpty() ? host->fqdn : hub.hostId;
    return name + QLatin1Char(':') + QString::number(hub.listenPort > 0 ? hub.listenPort : 51820);
}

Service agent(const QString& id, const QString& name)
{
    Service service;
    service.id = id;
    service.name = name;
    service.kind = id;
    service.protocol = Service::Protocol::None;
    service.exposure = Service::Exposure::Agent;
    return service;
}

} // namespace

namespace SyntheticTopology {

Topology withCollectors(const Topology& base, int count)
{
    Topology topology = base;
    Segment segment;
    segment.id = uniqueId(QStringLiteral("collectors"), [&topology](const QString& id) { return std::as_const(topology).segment(id); });
    segment.name = QStringLiteral("Collectors");
    segment.kind = Segment::Kind::Other;
    topology.segments.append(segment);

    const WireGuardInterface* hubInterface = nullptr;
    for (const auto& wgInterface : base.interfaces) {
        if (wgInterface.isHub) {
            hubInterface = &wgInterface;
            break;
        }
    }
    const QString hubHostId = hubInterface ? hubInterface->hostId : QString();
    const QStringList hubAddresses = [hubInterface] {
        QStringList result;
        for (const auto& address : hubInterface ? hubInterface->addresses : QStringList())
            result.append(address.section(QLatin1Char('/'), 0, 0) + QStringLiteral("/32"));
        return result;
    }();
    const QString endpoint = hubInterface ? hubEndpoint(base, *hubInterface) : QString();
    const Host* influx = hostRunning(base, QStringLiteral("influxdb"), hubHostId);
    const Host* loki = hostRunning(base, QStringLiteral("loki"), hubHostId);
    AddressAllocator addresses(usedTunnelAddresses(base));

    QSet<QString> hostIds; // a set, not topology.host(): that would search a list growing with every collector
    for (const auto& host : std::as_const(topology.hosts))
        hostIds.insert(host.id);
    for (int n = 1; n <= count; ++n) {
        Host host;
        host.id = uniqueId(QStringLiteral("collector%1").arg(n, 4, 10, QLatin1Char('0')),
            [&hostIds](const QString& id) { return hostIds.contains(id); });
        hostIds.insert(host.id);
        host.name = host.id;
        host.fqdn = host.id + QStringLiteral(".example.com");
        host.role = Host::Role::Collector;
        host.description = QStringLiteral("Synthetic collector host");
        host.segmentId = segment.id;
        host.services = {agent(QStringLiteral("telegraf"), QStringLiteral("Telegraf")),
            agent(QStringLiteral("alloy"), QStringLiteral("Alloy"))};
        topology.hosts.append(host);

        WireGuardInterface wgInterface;
        wgInterface.id = host.id + QStringLiteral("-wg0");
        wgInterface.hostId = host.id;
        const QString address = addresses.next();
        wgInterface.addresses = {address + QStringLiteral("/32")};
        wgInterface.publicKey = publicKeyFor(host.id);
        topology.interfaces.append(wgInterface);

        if (hubInterface) {
            WireGuardPeer atHub;
            atHub.id = hubInterface->id + QLatin1Char('-') + host.id;
            atHub.name = host.name;
            atHub.interfaceId = hubInterface->id;
            atHub.hostId = host.id;
            atHub.publicKey = wgInterface.publicKey;
            atHub.allowedIps = {address + QStringLiteral("/32")};
            atHub.persistentKeepalive = 0; // the client keeps the tunnel up
            topology.peers.append(atHub);

            WireGuardPeer toHub;
            toHub.id = wgInterface.id + QLatin1Char('-') + hubHostId;
            toHub.name = base.host(hubHostId) ? base.host(hubHostId)->name : hubHostId;
            toHub.interfaceId = wgInterface.id;
            toHub.hostId = hubHostId;
            toHub.publicKey = hubInterface->publicKey;
            toHub.allowedIps = hubAddresses;
            toHub.endpoint = endpoint;
            toHub.persistentKeepalive = 25;
            topology.peers.append(toHub);
        }

        auto addFlow = [&](DataFlow::Kind kind, const QString& agentId, const Host* target, const QString& targetKind) {
            if (!target)
                return;
            DataFlow flow;
            flow.id = host.id + QLatin1Char('-') + DataFlow::kindName(kind);
            flow.kind = kind;
            flow.sourceHostId = host.id;
            flow.sourceServiceId = agentId;
            flow.targetHostId = target->id;
            flow.targetServiceId = serviceIdOfKind(*target, targetKind);
            flow.viaTunnel = hubInterface != nullptr;
            if (const DataFlow* model = modelFlow(base, kind, target->id)) {
                flow.storageHostId = model->storageHostId;
                flow.storageBucket = model->storageBucket;
            }
            topology.flows.append(flow);
        };
        addFlow(DataFlow::Kind::Metrics, QStringLiteral("telegraf"), influx, QStringLiteral("influxdb"));
        addFlow(DataFlow::Kind::Logs, QStringLiteral("alloy"), loki, QStringLiteral("loki"));
    }
    return topology;
}

} // namespace SyntheticTopology
