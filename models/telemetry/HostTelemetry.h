// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

/** A host's own metrics (Telegraf's system measurement): is it reporting, and how is it. */
struct HostTelemetry
{
    QString host; ///< Telegraf's host tag
    QDateTime lastReport;
    std::optional<qint64> uptimeSeconds;
    std::optional<double> load1;
    std::optional<double> cpuBusyPercent;
    std::optional<double> memoryUsedPercent;

    friend bool operator==(const HostTelemetry&, const HostTelemetry&) = default;
};
