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

QString displayedText(const QString& text)
{
    const qsizetype authority = text.indexOf(QStringLiteral("//"));
    const qsizetype start = authority < 0 ? 0 : authority + 2;
    qsizetype end = text.size();
    for (const QChar stop : {QLatin1Char('/'), QLatin1Char('?'), QLatin1Char('#')}) {
        const qsizetype at = text.indexOf(stop, start);
        if (at >= 0)
            end = std::min(end, at);
    }
    const qsizetype userInfoEnd = text.lastIndexOf(QLatin1Char('@'), end - 1);
    if (userInfoEnd < start)
        return text;
    return text.left(start) + text.mid(userInfoEnd + 1);
}

} // namespace UrlUserInfo
