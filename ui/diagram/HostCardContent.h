// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Service.h"
#include "topology/Topology.h"

#include <QList>
#include <QString>

class NetworkState;

/** What a host card says, in words: built from the topology, with the live parts refreshed from the network. */
struct HostCardContent
{
    struct Badge
    {
        QString text;
        Service::Exposure exposure = Service::Exposure::Private;
        bool event = false;
        QString toolTip;

        friend bool operator==(const Badge&, const Badge&) = default;
    };

    QString title;
    QString subtitle;
    QString address;
    QString stateName = QStringLiteral("unknown"); ///< a DiagramPalette state name
    QString stateWord = QStringLiteral("unknown"); ///< said next to the dot: colour never stands alone
    QString stateReason;
    QString metricsLine;
    QString metricsState = QStringLiteral("unmonitored");
    QList<Badge> services;
    QList<Badge> events; ///< empty when the host ships no logs; the row is kept so cards never change size

    /// Said instead of a key that is marked as a placeholder (WireGuardInterface::placeholderKey).
    static const QString PlaceholderKeyText;

    static HostCardContent fromTopology(const Host& host, const Topology& topology);
    /// The live parts: state, metrics line, event counts.
    void refresh(const Host& host, const NetworkState& network, const QString& tunnelState, const QString& tunnelReason);
    /// "web 80/443", "S3 8010 · influx11 loki11", "Telegraf".
    static QString badgeText(const Service& service);

    friend bool operator==(const HostCardContent&, const HostCardContent&) = default;
};
