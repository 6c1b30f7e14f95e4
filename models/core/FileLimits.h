// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

class QIODevice;

/**
 * The most Tunnelscope reads from a file a user or an editor hands it. The sizes are far past any real file and
 * documented in README ("Tests", size limits); a bigger file is refused whole instead of being read into memory.
 */
namespace FileLimits {

inline constexpr qint64 MiB = 1024 * 1024;
/// A topology of 2,000 peers is about 1 MiB.
inline constexpr qint64 TopologyBytes = 16 * MiB;
/// A server's wg0.conf or `wg show wg0 dump` with 2,000 peers is about 0.5 MiB.
inline constexpr qint64 WireGuardConfigBytes = 4 * MiB;

/**
 * Reads device to its end into *content when that is at most maxBytes; otherwise leaves *content empty and
 * returns the sentence saying so, naming what (a path) and the way forward. Works on pipes, where no size is
 * known beforehand.
 */
QString readAll(QIODevice& device, qint64 maxBytes, const QString& what, QByteArray* content);

} // namespace FileLimits
