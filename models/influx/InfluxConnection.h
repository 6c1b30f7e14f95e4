// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "influx/InfluxCredentials.h"
#include "topology/DataSource.h"

#include <QString>
#include <QUrl>

/** Everything needed to talk to one InfluxDB: where, which database, how to authenticate, whom to trust. */
struct InfluxConnection
{
    static constexpr int DefaultTimeoutMs = 10000;

    QUrl url;                                  ///< base URL, e.g. http://10.10.0.11:8086
    QString database = QStringLiteral("telegraf");
    DataSource::InfluxAuth auth = DataSource::InfluxAuth::None;
    InfluxCredentials credentials;             ///< used for UserPassword (Basic) and Token
    QString caFile;                            ///< extra CA (PEM) for HTTPS; empty = system CAs only
    int timeoutMs = DefaultTimeoutMs;          ///< transfer timeout of every request

    /// The connection a topology data source describes; the secret comes from outside (keychain, environment).
    static InfluxConnection fromDataSource(const DataSource& source, const InfluxCredentials& credentials);
};
