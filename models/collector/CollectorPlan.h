// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Host.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

/** A journald source of the generated Alloy config: the units it keeps and the job label it gives them. */
struct JournalLogSource
{
    QString job;       ///< the `job` label the log panel filters on: wireguard, fail2ban, mail, bind9
    QString unitRegex; ///< anchored regex on _SYSTEMD_UNIT, e.g. "wg-quick@.+[.]service"

    friend bool operator==(const JournalLogSource&, const JournalLogSource&) = default;
};

/**
 * Everything the generators need to onboard one collector host, as the wizard or the CLI collected it.
 * No secrets: keys are passed separately so a plan can be shown, saved and logged freely.
 */
struct CollectorPlan
{
    QString hostName; ///< short name, also the `host` tag/label of its metrics and logs, e.g. "web2"
    QString fqdn;
    Host::Role role = Host::Role::Collector;
    QString segmentId;

    QString interfaceName = QStringLiteral("wg0");
    QString tunnelAddress;                ///< the collector's tunnel address, no prefix: 10.10.0.23
    QString tunnelSubnet = QStringLiteral("10.10.0.0/24");
    QString serverName = QStringLiteral("monitor11");
    QString serverInterfaceName = QStringLiteral("wg0");
    QString serverEndpoint = QStringLiteral("monitor11.example.com:51820");
    QString serverPublicKey;
    QString serverTunnelAddress = QStringLiteral("10.10.0.11");
    bool presharedKey = true;
    int persistentKeepalive = 25;
    QStringList clientAllowedIps{QStringLiteral("10.10.0.0/24")};

    QUrl influxUrl{QStringLiteral("http://10.10.0.11:8086")};
    QString influxDatabase = QStringLiteral("telegraf");
    QUrl lokiPushUrl{QStringLiteral("http://10.10.0.11:3100/loki/api/v1/push")};
    QList<JournalLogSource> journalSources = defaultJournalSources();
    QStringList apacheLogPaths{QStringLiteral("/var/log/apache2/*.log")};

    static QList<JournalLogSource> defaultJournalSources();
    /// Every problem with the plan, one message each; empty when the generators can run.
    QStringList problems() const;
    /// The collector's address as a host route: 10.10.0.23/32 (or /128).
    QString tunnelHostRoute() const;
    /// The ports of InfluxDB and Loki on the server, for the firewall rules.
    QList<int> monitoringPorts() const;
    int serverListenPort() const;

    friend bool operator==(const CollectorPlan&, const CollectorPlan&) = default;
};
