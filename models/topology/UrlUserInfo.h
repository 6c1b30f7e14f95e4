// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

/**
 * The user-info part of a URL (`user:password@`). A password there would be written into the topology file and
 * shown wherever the URL is (the Checks panel, the CLI's output), so it is refused where a URL enters, and URLs
 * are shown without user info.
 */
namespace UrlUserInfo {

/// Whether the URL carries a password (a user alone is no secret).
bool holdsPassword(const QUrl& url);
/// The refusal, naming the way forward: the keychain, or `passwordVariable` for tunnelscope-cli.
QString passwordRefusal(const char* passwordVariable);
/// The URL as shown to a person: never with its user info.
QString displayed(const QUrl& url);
/// Text a user gave as a URL, as shown to a person, also when it does not parse: what looks like user info
/// ("scheme://anything@") is left out.
QString displayedText(const QString& text);

} // namespace UrlUserInfo
