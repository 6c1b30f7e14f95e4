// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "wireguard/WireGuardConfigSection.h"

#include <QString>
#include <QStringView>

/** What wg(8) and wg-quick(8) know about each config key: where it belongs, whether it repeats, its values. */
namespace WireGuardConfigKeys {

/// The key's canonical spelling (allowedips gives AllowedIPs), empty when neither wg nor wg-quick knows it.
QString canonicalName(QStringView key);
/// The section the key belongs to; only meaningful for known keys.
WireGuardConfigSection::Kind sectionOf(QStringView key);
/// Keys that may appear more than once: Address, DNS, AllowedIPs and the hooks.
bool mayRepeat(QStringView key);
bool isCommaList(QStringView key);
/// Keys wg-quick handles itself and strips before handing the rest to `wg setconf`.
bool isWgQuickOnly(QStringView key);
/// Empty when value is valid for key, else why not (without repeating a secret value).
QString valueError(QStringView key, QStringView value);

/// "Name" of a "# Name = prod" comment line, empty for any other line.
QString nameFromComment(QStringView line);
QString nameComment(const QString& name);

} // namespace WireGuardConfigKeys
