// SPDX-License-Identifier: GPL-3.0-or-later
#include "influx/PollBackoff.h"

#include <algorithm>
#include <climits>

int PollBackoff::capSeconds(int pollSeconds)
{
    return std::max(MinCapSeconds, CapIntervals * std::max(1, pollSeconds));
}

int PollBackoff::delaySeconds(int pollSeconds, int failures, int retryAfterSeconds)
{
    const qint64 cap = capSeconds(pollSeconds);
    qint64 delay = std::max(1, pollSeconds);
    for (int i = 0; i < failures && delay < cap; ++i)
        delay *= 2;
    if (failures > 0)
        delay = std::max<qint64>(delay, retryAfterSeconds);
    return int(std::min(delay, cap));
}

std::optional<int> PollBackoff::retryAfterSeconds(const QByteArray& header, const QDateTime& now)
{
    const QByteArray text = header.trimmed();
    bool isNumber = false;
    const qint64 seconds = text.toLongLong(&isNumber);
    if (isNumber)
        return seconds >= 0 ? std::optional<int>(int(std::min<qint64>(seconds, INT_MAX))) : std::nullopt;
    // IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") is RFC 2822 with GMT for the offset.
    QString date = QString::fromLatin1(text);
    if (date.endsWith(QLatin1String(" GMT")))
        date = date.chopped(4) + QLatin1String(" +0000");
    const QDateTime at = QDateTime::fromString(date, Qt::RFC2822Date);
    if (!at.isValid())
        return std::nullopt;
    return int(std::clamp<qint64>(now.secsTo(at), 0, INT_MAX));
}
