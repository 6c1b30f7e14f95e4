// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Clock.h"

/** The wall clock, in UTC. */
class SystemClock final : public Clock
{
public:
    QDateTime now() const override;
    static SystemClock* instance();
};
