// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/FileLimits.h"

#include <QIODevice>

namespace FileLimits {

QString readAll(QIODevice& device, qint64 maxBytes, const QString& what, QByteArray* content)
{
    // One byte past the limit tells a file of exactly maxBytes from a bigger one without reading the rest.
    *content = device.read(maxBytes + 1);
    if (content->size() <= maxBytes)
        return {};
    content->fill('\0'); // it may be a config holding keys
    content->clear();
    return QStringLiteral("%1 is larger than %2 MiB, the most Tunnelscope reads from such a file; "
                          "check that it is the right file")
        .arg(what)
        .arg(maxBytes / MiB);
}

} // namespace FileLimits
