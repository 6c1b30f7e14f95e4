// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/TopologyNameRule.h"

#include "core/PrintableText.h"

#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

namespace {

bool isLabelCharacter(QChar character)
{
    const char16_t code = character.unicode();
    return (code >= u'a' && code <= u'z') || (code >= u'A' && code <= u'Z') || (code >= u'0' && code <= u'9');
}

QString quotedForMessage(const QString& name)
{
    return QLatin1Char('"') + PrintableText::escaped(name) + QLatin1Char('"');
}

} // namespace

namespace TopologyNameRule {

bool isLabel(QStringView name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"));
    return pattern.match(name).hasMatch();
}

bool isDnsName(QStringView name)
{
    if (name.isEmpty() || name.size() > MaxDnsNameLength)
        return false;
    const auto labels = name.split(QLatin1Char('.'));
    return std::all_of(labels.cbegin(), labels.cend(), [](QStringView label) { return isLabel(label); });
}

bool isInterfaceName(QStringView name)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-zA-Z0-9_=+.-]{1,15}$"));
    return pattern.match(name).hasMatch();
}

QString labelRule()
{
    return QStringLiteral("1 to 63 ASCII letters, digits and '-', not starting or ending with '-' (a DNS label, "
                          "like a host name)");
}

QString labelError(const QString& name)
{
    if (isLabel(name))
        return {};
    const QString suggestion = labelFrom(name);
    QString message = QStringLiteral("%1 is not a valid name: it goes into generated configs and scripts, so use %2")
                          .arg(quotedForMessage(name), labelRule());
    if (!suggestion.isEmpty())
        message += QStringLiteral(", for example \"%1\"").arg(suggestion);
    return message;
}

QString dnsNameError(const QString& name)
{
    if (isDnsName(name))
        return {};
    return QStringLiteral("%1 is not a DNS name: use labels of %2, joined by dots (web1.example.com), at most %3 "
                          "characters")
        .arg(quotedForMessage(name), labelRule(), QString::number(MaxDnsNameLength));
}

QString labelFrom(const QString& text)
{
    if (isLabel(text))
        return text;
    QString label;
    bool pendingDash = false;
    for (const QChar character : text.normalized(QString::NormalizationForm_KD)) {
        if (character.category() == QChar::Mark_NonSpacing || character == QLatin1Char('\'')
            || character == QChar(0x2019))
            continue; // "José's" is "Joses": an accent or an apostrophe is no word break
        if (!isLabelCharacter(character)) {
            pendingDash = !label.isEmpty();
            continue;
        }
        if (pendingDash)
            label.append(QLatin1Char('-'));
        pendingDash = false;
        label.append(character);
        if (label.size() >= MaxLabelLength)
            break;
    }
    label.truncate(MaxLabelLength);
    while (label.endsWith(QLatin1Char('-')))
        label.chop(1);
    return label;
}

} // namespace TopologyNameRule
