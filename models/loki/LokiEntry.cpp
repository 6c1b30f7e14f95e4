// SPDX-License-Identifier: GPL-3.0-or-later
#include "loki/LokiEntry.h"

#include <QStringList>

QString LokiEntry::labelsText() const
{
    QStringList parts;
    for (auto it = labels.constBegin(); it != labels.constEnd(); ++it)
        parts.append(it.key() + QStringLiteral("=\"") + it.value() + QLatin1Char('"'));
    return parts.join(QStringLiteral(", "));
}

QString LokiEntry::identity() const
{
    // A separator that cannot appear in a label text keeps "a|b" + "c" apart from "a" + "b|c".
    return QString::number(timestampNs) + QChar(0x1f) + labelsText() + QChar(0x1f) + line;
}
