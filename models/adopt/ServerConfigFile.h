// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/**
 * Reads a server's wg0.conf or a saved `wg show wg0 dump` from a file, or from standard input for "-", as
 * text. The raw bytes are wiped once decoded; the caller wipes the text (SecureBytes::wipe) when done, since it
 * holds the server's private key.
 */
namespace ServerConfigFile {

/// Empty on success, else a message naming the file and the problem.
QString read(const QString& path, QString* text);
/// "standard input" for "-", else the path.
QString displayName(const QString& path);

} // namespace ServerConfigFile
