// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

/** Telemetry on its way: from an agent on a host, maybe through the tunnel, to a service, into a bucket. */
struct DataFlow
{
    enum class Kind { Metrics, Logs };

    QString id;
    Kind kind = Kind::Metrics;
    QString sourceHostId;
    QString sourceServiceId; ///< the agent, e.g. telegraf
    QString targetHostId;
    QString targetServiceId; ///< e.g. influxdb
    bool viaTunnel = false;
    QString storageHostId;
    QString storageBucket;

    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(const QString& name);

    friend bool operator==(const DataFlow&, const DataFlow&) = default;
};
