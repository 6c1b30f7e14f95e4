// SPDX-License-Identifier: GPL-3.0-or-later
#include "ManualClock.h"

ManualClock::ManualClock(QDateTime start)
    : m_now(std::move(start))
{
}
