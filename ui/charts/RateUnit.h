// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/** The unit a rate axis is labelled in, chosen so that its largest value reads as 1 to 999 of it. */
struct RateUnit
{
    QString name = QStringLiteral("B/s");
    double divisor = 1;

    /// B/s, kB/s, MB/s or GB/s (decimal, as PeerStateRules::formatRate) for a largest value in bytes per second.
    static RateUnit forMaximum(double bytesPerSecond);
};
