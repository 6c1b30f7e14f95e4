// SPDX-License-Identifier: GPL-3.0-or-later
#include "sources/ActiveSourceMemory.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QSettings>

namespace {

// Stored with a prefix so that a data source whose id happens to be "demo" stays distinct from demo data.
const QString DemoValue = QStringLiteral("demo");
const QString SourcePrefix = QStringLiteral("source:");

QString settingsKey(const QString& topologyPath)
{
    const QByteArray path = QFileInfo(topologyPath).absoluteFilePath().toUtf8();
    return QStringLiteral("activeSource/") + QString::fromLatin1(QCryptographicHash::hash(path, QCryptographicHash::Sha256).toHex());
}

} // namespace

namespace ActiveSourceMemory {

std::optional<QString> recall(const QString& topologyPath)
{
    if (topologyPath.isEmpty())
        return std::nullopt;
    const QString value = QSettings().value(settingsKey(topologyPath)).toString();
    if (value == DemoValue)
        return QString();
    if (value.startsWith(SourcePrefix) && value.size() > SourcePrefix.size())
        return value.mid(SourcePrefix.size());
    return std::nullopt;
}

void remember(const QString& topologyPath, const QString& sourceId)
{
    if (topologyPath.isEmpty())
        return;
    QSettings().setValue(settingsKey(topologyPath), sourceId.isEmpty() ? DemoValue : SourcePrefix + sourceId);
}

} // namespace ActiveSourceMemory
