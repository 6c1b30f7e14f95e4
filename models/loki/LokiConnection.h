// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

struct DataSource;

/** Where a Loki is and how to talk to it. No secrets: those come as LokiCredentials. */
struct LokiConnection
{
    static constexpr int DefaultTimeoutMs = 15000;

    LokiConnection() = default;
    /// Not an aggregate, so that `{url, tenant, timeout}` stays complete as fields are added.
    LokiConnection(QUrl url, QString tenantId = {}, int timeout = DefaultTimeoutMs, QString ca = {})
        : baseUrl(std::move(url))
        , tenant(std::move(tenantId))
        , timeoutMs(timeout)
        , caFile(std::move(ca))
    {
    }

    QUrl baseUrl; ///< e.g. http://10.10.0.11:3100 (a path prefix of a proxy is kept)
    QString tenant; ///< X-Scope-OrgID, empty when Loki runs with auth_enabled: false
    int timeoutMs = DefaultTimeoutMs; ///< idle timeout of every request; /ready must be complete within twice that
    QString caFile; ///< extra CA for HTTPS, the data source's (shared with its InfluxDB); empty = system CAs only

    /// The connection a topology data source describes: its Loki URL, tenant and CA file.
    static LokiConnection fromDataSource(const DataSource& source);
};
