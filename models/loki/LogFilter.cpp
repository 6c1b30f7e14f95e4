// SPDX-License-Identifier: GPL-3.0-or-later
#include "loki/LogFilter.h"

QString LogFilter::logql() const
{
    QStringList matchers;
    matchers.append(QStringLiteral("host=") + quoted(host));
    if (!job.isEmpty())
        matchers.append(QStringLiteral("job=") + quoted(job));
    QString query = QLatin1Char('{') + matchers.join(QStringLiteral(", ")) + QLatin1Char('}');
    if (!text.isEmpty())
        query += QStringLiteral(" |= ") + quoted(text);
    return query;
}

QStringList LogFilter::defaultJobs()
{
    return { QStringLiteral("wireguard"),
        QStringLiteral("fail2ban"),
        QStringLiteral("apache"),
        QStringLiteral("mail"),
        QStringLiteral("bind9") };
}

QString LogFilter::quoted(const QString& text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    escaped.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}
