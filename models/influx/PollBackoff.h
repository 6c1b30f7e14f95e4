// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>

#include <optional>

/**
 * How long a failing poll waits before the next try: the poll interval doubled per failure, capped, and never
 * sooner than a server's Retry-After (429, 503), which is itself bounded by the cap.
 */
class PollBackoff
{
public:
    static constexpr int MinCapSeconds = 300;
    static constexpr int CapIntervals = 4;

    /**
     * max(300 s, 4 x the interval). Never below the interval, else a failing source would poll more often than
     * a healthy one (a 600 s interval was retried every 300 s); four intervals give a struggling server real
     * relief while an outage still ends on the screen within a few cycles; 300 s keeps short intervals as before.
     */
    static int capSeconds(int pollSeconds);
    /// The delay after `failures` failures in a row (0: the interval), honouring `retryAfterSeconds` (> 0) up to the cap.
    static int delaySeconds(int pollSeconds, int failures, int retryAfterSeconds = 0);
    /// A Retry-After value: delta-seconds, or an HTTP date compared with `now`; nullopt for anything else.
    static std::optional<int> retryAfterSeconds(const QByteArray& header, const QDateTime& now);
};
