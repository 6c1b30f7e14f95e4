// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

/** What the user may say when making a topology from a server config; everything has a default. */
struct ServerTopologyOptions
{
    QString name;        ///< the topology's name; default "WireGuard network"
    QString hubName;     ///< the server's host name (made a label); default "wg-server"
    QString interfaceName = QStringLiteral("wg0");
    QStringList hubAddresses; ///< overrides the config's Address lines (a dump has none)
    QUrl influxUrl;      ///< default http://<hub tunnel address>:8086
    QUrl lokiUrl;        ///< default http://<hub tunnel address>:3100
};
