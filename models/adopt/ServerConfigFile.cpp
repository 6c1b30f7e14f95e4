// SPDX-License-Identifier: GPL-3.0-or-later
#include "adopt/ServerConfigFile.h"

#include "core/FileLimits.h"
#include "wireguard/SecureBytes.h"

#include <QFile>

#include <cstdio>

namespace ServerConfigFile {

QString read(const QString& path, QString* text)
{
    QFile file(path);
    const bool opened = path == QLatin1String("-") ? file.open(stdin, QIODevice::ReadOnly)
                                                   : file.open(QIODevice::ReadOnly);
    if (!opened)
        return QStringLiteral("cannot read %1: %2").arg(displayName(path), file.errorString());
    QByteArray raw;
    const QString tooBig = FileLimits::readAll(file, FileLimits::WireGuardConfigBytes, displayName(path), &raw);
    if (!tooBig.isEmpty())
        return tooBig;
    *text = QString::fromUtf8(raw);
    SecureBytes::wipe(raw);
    if (text->trimmed().isEmpty())
        return QStringLiteral("%1 is empty; give the server's wg0.conf or the output of `wg show wg0 dump`")
            .arg(displayName(path));
    return {};
}

QString displayName(const QString& path)
{
    return path == QLatin1String("-") ? QStringLiteral("standard input") : path;
}

} // namespace ServerConfigFile
