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
    return TopologyNameRule::labelFrom(text).toLower();
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

} // namespace HostLabel
