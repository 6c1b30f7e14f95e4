// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/** Something a host runs: a listening service or a collector agent. */
struct Service
{
    enum class Protocol { Tcp, Udp, TcpUdp, None };
    /// Who may reach it. Agent means it listens nowhere (Telegraf, Alloy).
    enum class Exposure { Public, Private, VpnOnly, Agent };

    QString id;
    QString name;
    QString kind; ///< web, mail, dns, git, influxdb, loki, s3, wireguard, telegraf, alloy, hypervisor, ...
    QList<int> ports;
    Protocol protocol = Protocol::Tcp;
    Exposure exposure = Exposure::Private;
    QStringList buckets; ///< for S3 storage

    /// "80/443", "51820/udp", or empty for agents.
    QString portLabel() const;

    static QString protocolName(Protocol protocol);
    static std::optional<Protocol> protocolFromName(const QString& name);
    static QString exposureName(Exposure exposure);
    static std::optional<Exposure> exposureFromName(const QString& name);

    friend bool operator==(const Service&, const Service&) = default;
};
