// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "adopt/ServerConfig.h"
#include "wireguard/WireGuardConfig.h"

#include <QList>
#include <QString>
#include <QStringList>

struct ServerConfigReadResult
{
    ServerConfig config;
    QList<WireGuardConfigError> errors; ///< the config is not usable when there is any
    QStringList warnings;               ///< kept, but worth a look (unknown keys)

    bool ok() const { return errors.isEmpty(); }
};

/**
 * Reads a server's config in either form an admin can produce: a wg-quick file (/etc/wireguard/wg0.conf) or the
 * output of `wg show wg0 dump` (tab-separated, also `wg show all dump`, whose first column is the interface).
 * The format is detected from the text. The private key is only used to derive the hub's public key, then wiped.
 * The caller still owns text and should wipe it (SecureBytes::wipe): it holds the private key.
 */
namespace ServerConfigReader {

bool looksLikeDump(const QString& text);
ServerConfigReadResult read(const QString& text);
ServerConfigReadResult fromWireGuardConfig(const WireGuardConfig& config);
ServerConfigReadResult fromDump(const QString& text);

} // namespace ServerConfigReader
