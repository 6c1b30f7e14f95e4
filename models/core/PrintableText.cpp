// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/PrintableText.h"

namespace {

QString escapeOf(char32_t character)
{
    switch (character) {
    case U'\n':
        return QStringLiteral("\\n");
    case U'\r':
        return QStringLiteral("\\r");
    case U'\t':
        return QStringLiteral("\\t");
    default:
        break;
    }
    if (character <= 0xff)
        return QStringLiteral("\\x%1").arg(uint(character), 2, 16, QLatin1Char('0'));
    return QStringLiteral("\\u%1").arg(uint(character), 4, 16, QLatin1Char('0'));
}

} // namespace

namespace PrintableText {

bool isControl(char32_t character)
{
    return character < 0x20 || (character >= 0x7f && character <= 0x9f) || character == 0x2028 || character == 0x2029;
}

bool hasControl(QStringView text)
{
    for (const QChar character : text) {
        if (isControl(character.unicode()))
            return true;
    }
    return false;
}

QString escaped(QStringView text, Tabs tabs)
{
    if (!hasControl(text))
        return text.toString();
    QString result;
    result.reserve(text.size() + 8);
    for (const QChar character : text) {
        const char32_t code = character.unicode();
        if (!isControl(code) || (code == U'\t' && tabs == Tabs::Keep))
            result.append(character);
        else
            result.append(escapeOf(code));
    }
    return result;
}

} // namespace PrintableText
