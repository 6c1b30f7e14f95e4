// SPDX-License-Identifier: GPL-3.0-or-later
#include "live/S3Endpoint.h"

#include "topology/Topology.h"

#include <QHostAddress>

namespace {

/// The FQDN, else the first address that is a real address (the reference topology masks its LAN addresses).
QString dialableName(const Host& host)
{
    if (!host.fqdn.isEmpty())
        return host.fqdn;
    for (const QString& address : host.addresses) {
        if (!QHostAddress(address).isNull())
            return address;
    }
    return {};
}

/// True when the host sits (through its segment's parents) on a home network or behind a hypervisor.
bool onHomeNetwork(const Topology& topology, const Host& host)
{
    const Segment* segment = topology.segment(host.segmentId);
    for (int depth = 0; segment && depth < 16; ++depth) {
        if (segment->kind == Segment::Kind::HomeNetwork || segment->kind == Segment::Kind::Hypervisor)
            return true;
        segment = segment->parentId.isEmpty() ? nullptr : topology.segment(segment->parentId);
    }
    return false;
}

} // namespace

QList<S3Endpoint> S3Endpoint::fromTopology(const Topology& topology)
{
    QList<S3Endpoint> endpoints;
    for (const Host& host : topology.hosts) {
        const QString name = dialableName(host);
        for (const Service& service : host.services) {
            if (service.kind != QLatin1String("s3") || service.ports.isEmpty() || name.isEmpty())
                continue;
            S3Endpoint endpoint;
            endpoint.hostId = host.id;
            endpoint.serviceId = service.id;
            endpoint.hostName = host.name;
            endpoint.url.setScheme(QStringLiteral("http"));
            endpoint.url.setHost(name);
            endpoint.url.setPort(service.ports.constFirst());
            endpoint.url.setPath(QStringLiteral("/"));
            endpoint.reachabilityNote = onHomeNetwork(topology, host)
                ? QStringLiteral("the S3 storage is on the home network; from outside it is expected to be unreachable")
                : QStringLiteral("the laptop cannot reach it from where it is now");
            endpoints.append(endpoint);
        }
    }
    return endpoints;
}
