// SPDX-License-Identifier: GPL-3.0-or-later
#include "live/CheckTarget.h"

#include "topology/Topology.h"

namespace {

bool hostIsNamed(const Topology& topology, const Host& host, const QString& name)
{
    if (name.compare(host.fqdn, Qt::CaseInsensitive) == 0 || name.compare(host.name, Qt::CaseInsensitive) == 0)
        return true;
    QStringList addresses = host.addresses;
    if (const WireGuardInterface* tunnel = topology.interfaceOfHost(host.id))
        addresses += tunnel->addresses;
    for (const QString& address : std::as_const(addresses)) {
        // Tunnel addresses are written with their prefix ("10.10.0.11/24").
        if (address.section(QLatin1Char('/'), 0, 0) == name)
            return true;
    }
    return false;
}

} // namespace

CheckTarget CheckTarget::locate(const Topology& topology, const QString& kind, const QUrl& url)
{
    CheckTarget byPortOnly;
    int portMatches = 0;
    for (const Host& host : topology.hosts) {
        for (const Service& service : host.services) {
            if (service.kind != kind || (url.port() > 0 && !service.ports.contains(url.port())))
                continue;
            if (hostIsNamed(topology, host, url.host()))
                return CheckTarget{host.id, service.id};
            byPortOnly = CheckTarget{host.id, service.id};
            ++portMatches;
        }
    }
    return portMatches == 1 ? byPortOnly : CheckTarget{};
}

QString CheckTarget::kindOfCheck(const QString& checkName)
{
    if (checkName == QLatin1String("InfluxDB"))
        return QStringLiteral("influxdb");
    if (checkName == QLatin1String("Loki"))
        return QStringLiteral("loki");
    if (checkName == QLatin1String("S3"))
        return QStringLiteral("s3");
    return checkName.toLower();
}
