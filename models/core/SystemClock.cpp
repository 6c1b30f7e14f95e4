// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/SystemClock.h"

QDateTime SystemClock::now() const
{
    return QDateTime::currentDateTimeUtc();
}

SystemClock* SystemClock::instance()
{
    static SystemClock clock;
    return &clock;
}
