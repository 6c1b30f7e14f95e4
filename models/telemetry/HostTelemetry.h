// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

/** A host's own metrics (Telegraf's system measurement): is it reporting, and how is it. */
struct HostTelemetry
{
    QString host; ///< Telegraf's host tag
    QDateTime lastReport; ///< on the host's own clock
    int reportIntervalSeconds = 0; ///< the collector's interval, learnt from the spacing of its points; 0 = not yet
    std::optional<qint64> uptimeSeconds;
    std::optional<double> load1;
    std::optional<double> cpuBusyPercent;
    std::optional<double> memoryUsedPercent;

    friend bool operator==(const HostTelemetry&, const HostTelemetry&) = default;
};
