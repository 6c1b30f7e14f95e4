// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

/**
 * What a data source needs from the keychain to talk to its servers: the InfluxDB user and its password or token
 * (which one follows DataSource::influxAuth), the Loki proxy's user and password. Move-only, so a secret has one
 * holder; the buffers are zeroed when this holder is the last one sharing them.
 */
struct DataSourceCredentials
{
    QString influxUser;
    QByteArray influxSecret; ///< password or token, per DataSource::influxAuth; empty when none was stored
    QString lokiUser;
    QByteArray lokiSecret;

    DataSourceCredentials() = default;
    DataSourceCredentials(const DataSourceCredentials&) = delete;
    DataSourceCredentials& operator=(const DataSourceCredentials&) = delete;
    DataSourceCredentials(DataSourceCredentials&& other) noexcept = default;
    DataSourceCredentials& operator=(DataSourceCredentials&& other) noexcept;
    ~DataSourceCredentials();

    /// Gives up both secrets (zeroing them when nobody else shares the bytes).
    void release();
};
