// SPDX-License-Identifier: GPL-3.0-or-later
#include "adopt/HostLabel.h"

#include "wireguard/IpNetwork.h"

#include <QRegularExpression>

namespace {

QString trimmedToLabel(QString text)
{
    static const QRegularExpression runs(QStringLiteral("-{2,}"));
    text.replace(runs, QStringLiteral("-"));
    text = text.left(HostLabel::MaxLength);
    while (text.startsWith(QLatin1Char('-')))
        text.remove(0, 1);
    while (text.endsWith(QLatin1Char('-')))
        text.chop(1);
    return text;
}

} // namespace

namespace HostLabel {

QString fromText(const QString& text)
{
    // Decomposed, the accents are separate marks that the filter below drops: "Zoë" gives "zoe".
    const QString decomposed = text.normalized(QString::NormalizationForm_KD).toLower();
    QString label;
    label.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9')))
            label.append(c);
        else if (c == QLatin1Char('\'') || c == QChar(0x2019) || c.category() == QChar::Mark_NonSpacing)
            continue; // "Bob's" is one word
        else
            label.append(QLatin1Char('-'));
    }
    return trimmedToLabel(label);
}

QString fromAddress(const QString& cidr)
{
    const auto network = IpNetwork::parse(cidr);
    const QString address = network ? network->addressText() : cidr.section(QLatin1Char('/'), 0, 0);
    const QString label = fromText(address);
    return label.isEmpty() ? QStringLiteral("peer") : QStringLiteral("peer-") + label;
}

QString unique(const QString& base, const std::function<bool(const QString&)>& taken)
{
    const QString stem = base.isEmpty() ? QStringLiteral("peer") : base;
    if (!taken(stem))
        return stem;
    for (int suffix = 2; suffix < 100000; ++suffix) {
        const QString tail = QLatin1Char('-') + QString::number(suffix);
        const QString candidate = trimmedToLabel(stem.left(MaxLength - tail.size())) + tail;
        if (!taken(candidate))
            return candidate;
    }
    return stem; // a topology with 100,000 hosts of one name: the validator reports the duplicate
}

bool isLabel(const QString& text)
{
    static const QRegularExpression label(QStringLiteral("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"));
    return label.match(text).hasMatch();
}

} // namespace HostLabel
