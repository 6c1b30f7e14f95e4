// SPDX-License-Identifier: GPL-3.0-or-later
// The names of the topology's enumerations, as written in the topology file.
#include "topology/DataFlow.h"
#include "topology/DataSource.h"
#include "topology/Host.h"
#include "topology/Segment.h"
#include "topology/Service.h"

#include <QStringList>

#include <array>
#include <utility>

namespace {

template<typename Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, const char*>, N>;

template<typename Enum, std::size_t N>
QString nameOf(const NameTable<Enum, N>& table, Enum value)
{
    for (const auto& [candidate, name] : table) {
        if (candidate == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template<typename Enum, std::size_t N>
std::optional<Enum> valueOf(const NameTable<Enum, N>& table, const QString& name)
{
    for (const auto& [candidate, candidateName] : table) {
        if (name == QLatin1String(candidateName))
            return candidate;
    }
    return std::nullopt;
}

template<typename Enum, std::size_t N>
QStringList namesOf(const NameTable<Enum, N>& table)
{
    QStringList names;
    for (const auto& entry : table)
        names.append(QString::fromLatin1(entry.second));
    return names;
}

constexpr NameTable<Segment::Kind, 6> segmentKinds{{
    {Segment::Kind::Internet, "internet"},
    {Segment::Kind::PublicCloud, "public-cloud"},
    {Segment::Kind::HomeNetwork, "home-network"},
    {Segment::Kind::Hypervisor, "hypervisor"},
    {Segment::Kind::Vpn, "vpn"},
    {Segment::Kind::Other, "other"},
}};

constexpr NameTable<Service::Protocol, 4> protocols{{
    {Service::Protocol::Tcp, "tcp"},
    {Service::Protocol::Udp, "udp"},
    {Service::Protocol::TcpUdp, "tcp+udp"},
    {Service::Protocol::None, "none"},
}};

constexpr NameTable<Service::Exposure, 4> exposures{{
    {Service::Exposure::Public, "public"},
    {Service::Exposure::Private, "private"},
    {Service::Exposure::VpnOnly, "vpn-only"},
    {Service::Exposure::Agent, "agent"},
}};

constexpr NameTable<Host::Role, 7> roles{{
    {Host::Role::PublicServer, "public-server"},
    {Host::Role::MonitoringServer, "monitoring-server"},
    {Host::Role::Storage, "storage"},
    {Host::Role::Hypervisor, "hypervisor"},
    {Host::Role::Collector, "collector"},
    {Host::Role::Workstation, "workstation"},
    {Host::Role::Other, "other"},
}};

constexpr NameTable<Host::Role, 7> roleTitles{{
    {Host::Role::PublicServer, "Public server"},
    {Host::Role::MonitoringServer, "Monitoring server"},
    {Host::Role::Storage, "Storage"},
    {Host::Role::Hypervisor, "Hypervisor"},
    {Host::Role::Collector, "Collector"},
    {Host::Role::Workstation, "Workstation"},
    {Host::Role::Other, "Host"},
}};

constexpr NameTable<DataFlow::Kind, 2> flowKinds{{
    {DataFlow::Kind::Metrics, "metrics"},
    {DataFlow::Kind::Logs, "logs"},
}};

constexpr NameTable<DataSource::InfluxAuth, 3> influxAuths{{
    {DataSource::InfluxAuth::None, "none"},
    {DataSource::InfluxAuth::UserPassword, "user-password"},
    {DataSource::InfluxAuth::Token, "token"},
}};

} // namespace

QString Segment::kindName(Kind kind) { return nameOf(segmentKinds, kind); }
std::optional<Segment::Kind> Segment::kindFromName(const QString& name) { return valueOf(segmentKinds, name); }
QStringList Segment::kindNames() { return namesOf(segmentKinds); }

QString Service::protocolName(Protocol protocol) { return nameOf(protocols, protocol); }
std::optional<Service::Protocol> Service::protocolFromName(const QString& name) { return valueOf(protocols, name); }
QString Service::exposureName(Exposure exposure) { return nameOf(exposures, exposure); }
std::optional<Service::Exposure> Service::exposureFromName(const QString& name) { return valueOf(exposures, name); }

QString Host::roleName(Role role) { return nameOf(roles, role); }
QString Host::roleTitle(Role role) { return nameOf(roleTitles, role); }
std::optional<Host::Role> Host::roleFromName(const QString& name) { return valueOf(roles, name); }

QString DataFlow::kindName(Kind kind) { return nameOf(flowKinds, kind); }
std::optional<DataFlow::Kind> DataFlow::kindFromName(const QString& name) { return valueOf(flowKinds, name); }

QString DataSource::influxAuthName(InfluxAuth auth) { return nameOf(influxAuths, auth); }
std::optional<DataSource::InfluxAuth> DataSource::influxAuthFromName(const QString& name)
{
    return valueOf(influxAuths, name);
}
