// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/UrlUserInfo.h"

namespace UrlUserInfo {

bool holdsPassword(const QUrl& url)
{
    return !url.password().isEmpty();
}

QString passwordRefusal(const char* passwordVariable)
{
    return QStringLiteral("the URL holds a password: remove \"user:password@\" and keep the password in the keychain "
                          "(Data Sources dialog) or in %1 for tunnelscope-cli")
        .arg(QLatin1String(passwordVariable));
}

QString displayed(const QUrl& url)
{
    return url.toString(QUrl::RemoveUserInfo);
}

} // namespace UrlUserInfo
