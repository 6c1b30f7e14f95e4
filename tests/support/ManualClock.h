// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Clock.h"

/** A clock that moves only when the test says so. */
class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start = QDateTime(QDate(2026, 8, 21), QTime(10, 0), Qt::UTC));

    QDateTime now() const override { return m_now; }
    void set(const QDateTime& now) { m_now = now; }
    void advance(qint64 seconds) { m_now = m_now.addSecs(seconds); }

private:
    QDateTime m_now;
};
