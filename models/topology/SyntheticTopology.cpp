// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/SyntheticTopology.h"

#include <QCryptographicHash>

namespace {

const WireGuardInterface* hubInterface(const Topology& topology)
{
    for (const auto& candidate : topology.interfaces) {
        if (candidate.isHub)
            return &candidate;
    }
    return nullptr;
}

/// A well-formed public key (32 bytes, base64) that no real machine holds: nothing can ever connect with it.
QString syntheticKey(int index)
{
    const QByteArray seed = QByteArray("tunnelscope-synthetic-collector-").append(QByteArray::number(index));
    return QString::fromLatin1(QCryptographicHash::hash(seed, QCryptographicHash::Sha256).toBase64());
}

/// 10.10.1.1, 10.10.1.2, ... 10.10.1.250, 10.10.2.1: clear of the real hosts in 10.10.0.0/24.
QString syntheticAddress(int index)
{
    return QStringLiteral("10.10.%1.%2").arg(1 + index / 250).arg(1 + index % 250);
}

QString serviceOfKind(const Host* host, const char* kind)
{
    if (host) {
        for (const auto& service : host->services) {
            if (service.kind == QLatin1String(kind))
                return service.id;
        }
    }
    return {};
}

/// Where the base topology stores a kind of flow, so the collectors' data lands in the same bucket.
const DataFlow* storedFlowOfKind(const Topology& topology, DataFlow::Kind kind)
{
    for (const auto& flow : topology.flows) {
        if (flow.kind == kind && !flow.storageHostId.isEmpty())
            return &flow;
    }
    return nullptr;
}

Service agent(const char* id, const char* name)
{
    Service service;
    service.id = QString::fromLatin1(id);
    service.name = QString::fromLatin1(name);
    service.kind = service.id;
    service.protocol = Service::Protocol::None;
    service.exposure = Service::Exposure::Agent;
    return service;
}

DataFlow flowTo(const QString& hostId, DataFlow::Kind kind, const QString& hubHostId, const QString& targetService,
    const DataFlow* stored)
{
    DataFlow flow;
    flow.kind = kind;
    flow.id = hostId + (kind == DataFlow::Kind::Metrics ? QStringLiteral("-metrics") : QStringLiteral("-logs"));
    flow.sourceHostId = hostId;
    flow.sourceServiceId = kind == DataFlow::Kind::Metrics ? QStringLiteral("telegraf") : QStringLiteral("alloy");
    flow.targetHostId = hubHostId;
    flow.targetServiceId = targetService;
    flow.viaTunnel = true;
    if (stored) {
        flow.storageHostId = stored->storageHostId;
        flow.storageBucket = stored->storageBucket;
    }
    return flow;
}

} // namespace

namespace SyntheticTopology {

Topology withCollectors(const Topology& base, int count)
{
    const WireGuardInterface* hubPointer = hubInterface(base);
    if (!hubPointer || count <= 0)
        return base;
    const WireGuardInterface hub = *hubPointer;
    Topology topology = base;
    const Host* hubHost = base.host(hub.hostId);
    const QString influx = serviceOfKind(hubHost, "influxdb");
    const QString loki = serviceOfKind(hubHost, "loki");
    const DataFlow* storedMetrics = storedFlowOfKind(base, DataFlow::Kind::Metrics);
    const DataFlow* storedLogs = storedFlowOfKind(base, DataFlow::Kind::Logs);

    Segment segment;
    segment.id = QStringLiteral("collectors");
    segment.name = QStringLiteral("Collectors");
    segment.kind = Segment::Kind::Other;
    topology.segments.append(segment);

    for (int i = 0; i < count; ++i) {
        const QString id = QStringLiteral("collector-%1").arg(i + 1, 4, 10, QLatin1Char('0'));
        const QString address = syntheticAddress(i);

        Host host;
        host.id = id;
        host.name = id;
        host.role = Host::Role::Collector;
        host.description = QStringLiteral("Synthetic collector");
        host.segmentId = segment.id;
        host.services = {agent("telegraf", "Telegraf"), agent("alloy", "Alloy")};
        topology.hosts.append(host);

        WireGuardInterface wg;
        wg.id = id + QStringLiteral("-wg0");
        wg.hostId = id;
        wg.addresses = {address + QStringLiteral("/16")};
        wg.publicKey = syntheticKey(i);
        topology.interfaces.append(wg);

        WireGuardPeer peer;
        peer.id = hub.hostId + QLatin1Char('-') + id;
        peer.name = id;
        peer.interfaceId = hub.id;
        peer.hostId = id;
        peer.publicKey = wg.publicKey;
        peer.allowedIps = {address + QStringLiteral("/32")};
        topology.peers.append(peer);

        if (!influx.isEmpty())
            topology.flows.append(flowTo(id, DataFlow::Kind::Metrics, hub.hostId, influx, storedMetrics));
        if (!loki.isEmpty())
            topology.flows.append(flowTo(id, DataFlow::Kind::Logs, hub.hostId, loki, storedLogs));
    }
    return topology;
}

} // namespace SyntheticTopology
