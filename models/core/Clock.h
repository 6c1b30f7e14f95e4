// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>

/** The source of "now" for everything that ages: injected so tests can control time. */
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;
};
