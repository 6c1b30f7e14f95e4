// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/** How many notable log lines a host shipped over the last hour, by job (from Loki's count_over_time). */
struct HostLogEvents
{
    QString host; ///< Alloy's host label
    int wireguardEvents = 0;
    int fail2banEvents = 0;

    friend bool operator==(const HostLogEvents&, const HostLogEvents&) = default;
};
