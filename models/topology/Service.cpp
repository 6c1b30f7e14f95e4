// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/Service.h"

#include <QStringList>

QString Service::portLabel() const
{
    if (ports.isEmpty())
        return {};
    QStringList parts;
    for (int port : ports)
        parts.append(QString::number(port));
    QString label = parts.join(QLatin1Char('/'));
    if (protocol == Protocol::Udp)
        label += QStringLiteral("/udp");
    return label;
}
