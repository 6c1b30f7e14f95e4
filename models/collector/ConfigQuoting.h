// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/**
 * How a value goes into each language the generators write, so that no value, whatever it holds, can end a
 * string, a comment or a line early. The topology validator already refuses unsafe names; this is the second
 * wall, for values that never went through it.
 */
namespace ConfigQuoting {

/// A shell word (sh and bash): bare when it holds only letters, digits and _@%+=:,./- (readable commands),
/// else single-quoted as shellQuoted() does.
QString shellWord(const QString& value);
/// Always in single quotes, a quote inside as '\'': the shell expands nothing in it.
QString shellQuoted(const QString& value);
/// A TOML basic string and an Alloy string: "..." with \\, \" and \uXXXX for control characters, and for '$'
/// (Telegraf substitutes $VAR and ${VAR} in the raw text of its config, before TOML reads it).
QString configString(const QString& value);
/// An nftables "..." string: nft knows no escapes in it, so '"' and control characters become '_'.
QString nftString(const QString& value);
/// A bare nftables word (an address or a prefix): characters outside letters, digits and _.:/- become '_', so
/// that a bad value makes `nft -f` fail instead of adding a rule.
QString nftWord(const QString& value);
/// Text for a comment line of any of these files: control characters escaped, so it stays on its line.
QString commentText(const QString& value);
/// commentText() for telegraf.conf, whose comments Telegraf also searches for $VAR: '$' written as \x24.
QString telegrafComment(const QString& value);

} // namespace ConfigQuoting
