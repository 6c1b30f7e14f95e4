// SPDX-License-Identifier: GPL-3.0-or-later
#include "adopt/ServerImportChange.h"

namespace {

QString shortKey(const QString& key)
{
    return key.left(8) + QStringLiteral("…");
}

} // namespace

QString ServerImportChange::kindName(Kind kind)
{
    switch (kind) {
    case Kind::HubKeyAdopted:
        return QStringLiteral("hub key adopted");
    case Kind::HubChanged:
        return QStringLiteral("hub changed");
    case Kind::Added:
        return QStringLiteral("added");
    case Kind::Changed:
        return QStringLiteral("changed");
    case Kind::KeyChanged:
        return QStringLiteral("key changed");
    case Kind::RemovedOnServer:
        return QStringLiteral("removed on server");
    }
    return {};
}

QString ServerImportChange::text() const
{
    QString line = QStringLiteral("%1 \"%2\"").arg(kindName(kind), name);
    if (!displayName.isEmpty())
        line += QStringLiteral(" (%1)").arg(displayName);
    if (!matchedBy.isEmpty())
        line += QStringLiteral(", matched by %1").arg(matchedBy);
    switch (kind) {
    case Kind::HubKeyAdopted:
        line += QStringLiteral(": %1 replaces %2%3")
                    .arg(publicKey, previousKey, placeholder ? QStringLiteral(" (a placeholder)") : QString());
        break;
    case Kind::KeyChanged:
        line += QStringLiteral(": %1 -> %2").arg(shortKey(previousKey), shortKey(publicKey));
        break;
    case Kind::Added:
        line += QStringLiteral(": key %1").arg(shortKey(publicKey));
        break;
    case Kind::RemovedOnServer:
        line += dropped ? (placeholder ? QStringLiteral(": a placeholder, dropped") : QStringLiteral(": dropped"))
                        : QStringLiteral(": kept in the topology");
        break;
    case Kind::HubChanged:
    case Kind::Changed:
        break;
    }
    if (!details.isEmpty())
        line += (kind == Kind::Changed || kind == Kind::HubChanged ? QStringLiteral(": ") : QStringLiteral("; "))
            + details.join(QStringLiteral("; "));
    return line;
}
