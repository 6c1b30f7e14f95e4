// SPDX-License-Identifier: GPL-3.0-or-later
#include "collector/CollectorPlan.h"

#include "core/PrintableText.h"
#include "topology/TopologyNameRule.h"
#include "wireguard/IpNetwork.h"
#include "wireguard/WireGuardEndpoint.h"
#include "wireguard/WireGuardKey.h"

#include <QRegularExpression>

QList<JournalLogSource> CollectorPlan::defaultJournalSources()
{
    return {
        {QStringLiteral("wireguard"), QStringLiteral("wg-quick@.+[.]service")},
        {QStringLiteral("fail2ban"), QStringLiteral("fail2ban[.]service")},
        {QStringLiteral("mail"), QStringLiteral("(postfix|postfix@.+|dovecot)[.]service")},
        {QStringLiteral("bind9"), QStringLiteral("(named|bind9)[.]service")},
    };
}

QStringList CollectorPlan::problems() const
{
    QStringList problems;
    if (!TopologyNameRule::isLabel(hostName))
        problems.append(QStringLiteral("host name: ") + TopologyNameRule::labelError(hostName));
    if (!TopologyNameRule::isLabel(serverName))
        problems.append(QStringLiteral("server name: ") + TopologyNameRule::labelError(serverName));
    if (!fqdn.isEmpty() && !TopologyNameRule::isDnsName(fqdn))
        problems.append(QStringLiteral("FQDN: ") + TopologyNameRule::dnsNameError(fqdn));
    for (const QString& name : {interfaceName, serverInterfaceName}) {
        if (!TopologyNameRule::isInterfaceName(name))
            problems.append(QStringLiteral("\"%1\" is not a WireGuard interface name (1 to 15 letters, digits, "
                                           "'_', '=', '+', '.' or '-')")
                                .arg(PrintableText::escaped(name)));
    }
    const auto subnet = IpNetwork::parse(tunnelSubnet);
    const auto address = IpNetwork::parse(tunnelAddress);
    if (!subnet)
        problems.append(QStringLiteral("tunnel subnet \"%1\" is not a CIDR").arg(tunnelSubnet));
    if (!address || !address->isHostRoute())
        problems.append(QStringLiteral("tunnel address \"%1\" is not a single IP address").arg(tunnelAddress));
    else if (subnet && !subnet->contains(*address))
        problems.append(QStringLiteral("tunnel address %1 is outside the tunnel subnet %2").arg(tunnelAddress, tunnelSubnet));
    QString error;
    if (!WireGuardEndpoint::parse(serverEndpoint, &error))
        problems.append(QStringLiteral("server endpoint: ") + error);
    if (!WireGuardKey::decodeError(serverPublicKey).isEmpty())
        problems.append(QStringLiteral("server public key ") + WireGuardKey::decodeError(serverPublicKey));
    if (!IpNetwork::parse(serverTunnelAddress))
        problems.append(QStringLiteral("server tunnel address \"%1\" is not an IP address").arg(serverTunnelAddress));
    if (persistentKeepalive < 0 || persistentKeepalive > 65535)
        problems.append(QStringLiteral("persistent keepalive %1 is not 0 to 65535 seconds").arg(persistentKeepalive));
    if (clientAllowedIps.isEmpty())
        problems.append(QStringLiteral("the client needs at least one AllowedIPs range"));
    for (const QString& range : clientAllowedIps) {
        if (!IpNetwork::parse(range, &error))
            problems.append(QStringLiteral("client AllowedIPs: ") + error);
    }
    for (const QUrl& url : {influxUrl, lokiPushUrl}) {
        if (!url.isValid() || url.host().isEmpty() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
            problems.append(QStringLiteral("\"%1\" is not an http:// or https:// URL").arg(url.toString()));
    }
    static const QRegularExpression database(QStringLiteral("^[A-Za-z0-9_.-]+$"));
    if (!database.match(influxDatabase).hasMatch())
        problems.append(QStringLiteral("InfluxDB database \"%1\" must be letters, digits, '_', '.' or '-'").arg(influxDatabase));
    return problems;
}

QString CollectorPlan::tunnelHostRoute() const
{
    const auto address = IpNetwork::parse(tunnelAddress);
    return address ? address->host(address->address()).toString() : QString();
}

QList<int> CollectorPlan::monitoringPorts() const
{
    QList<int> ports{influxUrl.port(influxUrl.scheme() == QLatin1String("https") ? 443 : 80)};
    const int lokiPort = lokiPushUrl.port(lokiPushUrl.scheme() == QLatin1String("https") ? 443 : 80);
    if (!ports.contains(lokiPort))
        ports.append(lokiPort);
    return ports;
}

int CollectorPlan::serverListenPort() const
{
    const auto endpoint = WireGuardEndpoint::parse(serverEndpoint);
    return endpoint ? endpoint->port : 51820;
}
