// SPDX-License-Identifier: GPL-3.0-or-later
#include "telemetry/NetworkSummaryText.h"

#include <QLocale>
#include <QStringList>

QString NetworkSummaryText::count(int value)
{
    return QLocale(QLocale::English).toString(value);
}

QString NetworkSummaryText::describe(const NetworkState::Summary& summary)
{
    QStringList counts;
    const std::pair<int, const char*> parts[] = {{summary.online, "online"}, {summary.stale, "stale"},
        {summary.offline, "offline"}, {summary.never, "never connected"}, {summary.unknown, "unknown"}};
    for (const auto& [number, word] : parts) {
        if (number > 0)
            counts.append(count(number) + QLatin1Char(' ') + QLatin1String(word));
    }
    return QStringLiteral("%1 %2%3")
        .arg(count(summary.peers), summary.peers == 1 ? QStringLiteral("peer") : QStringLiteral("peers"),
            counts.isEmpty() ? QString() : QStringLiteral(": ") + counts.join(QStringLiteral(", ")));
}
