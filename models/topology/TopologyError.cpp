// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/TopologyError.h"

#include <QStringList>

QString TopologyError::toString() const
{
    if (line > 0)
        return QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(message);
    if (path.isEmpty())
        return message;
    return path + QStringLiteral(": ") + message;
}

QString TopologyError::describe(const QList<TopologyError>& errors, int maxShown)
{
    QStringList lines;
    for (qsizetype i = 0; i < errors.size() && i < maxShown; ++i)
        lines.append(errors.at(i).toString());
    if (errors.size() > maxShown)
        lines.append(QStringLiteral("… and %1 more").arg(errors.size() - maxShown));
    return lines.join(QLatin1Char('\n'));
}
