// SPDX-License-Identifier: GPL-3.0-or-later
#include "collector/ConfigQuoting.h"

#include "core/PrintableText.h"

#include <QRegularExpression>

namespace ConfigQuoting {

QString shellWord(const QString& value)
{
    static const QRegularExpression bare(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    return bare.match(value).hasMatch() ? value : shellQuoted(value);
}

QString shellQuoted(const QString& value)
{
    QString escaped = value;
    escaped.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

QString configString(const QString& value)
{
    QString result = QStringLiteral("\"");
    for (const QChar character : value) {
        if (character == QLatin1Char('\\') || character == QLatin1Char('"'))
            result += QLatin1Char('\\') + character;
        else if (PrintableText::isControl(character.unicode()) || character == QLatin1Char('$'))
            result += QStringLiteral("\\u%1").arg(uint(character.unicode()), 4, 16, QLatin1Char('0'));
        else
            result += character;
    }
    return result + QLatin1Char('"');
}

QString nftString(const QString& value)
{
    QString result = value;
    for (QChar& character : result) {
        if (character == QLatin1Char('"') || PrintableText::isControl(character.unicode()))
            character = QLatin1Char('_');
    }
    return QLatin1Char('"') + result + QLatin1Char('"');
}

QString nftWord(const QString& value)
{
    static const QRegularExpression outside(QStringLiteral("[^A-Za-z0-9_.:/-]"));
    QString result = value;
    result.replace(outside, QStringLiteral("_"));
    return result;
}

QString commentText(const QString& value)
{
    return PrintableText::escaped(value);
}

QString telegrafComment(const QString& value)
{
    QString text = commentText(value);
    text.replace(QLatin1Char('$'), QStringLiteral("\\x24"));
    return text;
}

} // namespace ConfigQuoting
