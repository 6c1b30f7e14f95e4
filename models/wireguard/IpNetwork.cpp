// SPDX-License-Identifier: GPL-3.0-or-later
#include "wireguard/IpNetwork.h"

#include <QHostAddress>
#include <QRegularExpression>

#include <algorithm>

namespace {

quint64 highMask(int bits)
{
    return bits <= 0 ? 0 : bits >= 64 ? ~quint64(0) : ~quint64(0) << (64 - bits);
}

} // namespace

std::optional<IpNetwork> IpNetwork::parse(QStringView text, QString* error)
{
    const auto fail = [&](const QString& message) -> std::optional<IpNetwork> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const QStringView trimmed = text.trimmed();
    const qsizetype slash = trimmed.indexOf(QLatin1Char('/'));
    const QStringView addressPart = slash < 0 ? trimmed : trimmed.left(slash);
    // Qt also takes inet_aton's short forms ("10.1"); wg(8) uses inet_pton, which does not.
    static const QRegularExpression dottedQuad(QStringLiteral("^[0-9]{1,3}([.][0-9]{1,3}){3}$"));
    const bool looksIpv4 = !addressPart.contains(QLatin1Char(':'));
    QHostAddress parsed;
    if (addressPart.contains(QLatin1Char('%')) || (looksIpv4 && !dottedQuad.match(addressPart).hasMatch())
        || !parsed.setAddress(addressPart.toString()))
        return fail(QStringLiteral("\"%1\" is not an IP address").arg(addressPart));
    IpNetwork network;
    network.m_ipv6 = parsed.protocol() == QAbstractSocket::IPv6Protocol;
    if (network.m_ipv6) {
        const Q_IPV6ADDR bytes = parsed.toIPv6Address();
        for (int i = 0; i < 8; ++i) {
            network.m_address.high = (network.m_address.high << 8) | bytes[i];
            network.m_address.low = (network.m_address.low << 8) | bytes[i + 8];
        }
    } else {
        network.m_address.low = parsed.toIPv4Address();
    }
    network.m_prefix = network.maxPrefixLength();
    if (slash >= 0) {
        const QStringView prefixPart = trimmed.mid(slash + 1);
        bool ok = false;
        const int prefix = prefixPart.toInt(&ok);
        const bool digitsOnly = !prefixPart.isEmpty()
            && std::all_of(prefixPart.begin(), prefixPart.end(), [](QChar c) { return c.isDigit(); });
        if (!ok || !digitsOnly || prefix < 0 || prefix > network.maxPrefixLength())
            return fail(QStringLiteral("\"%1\" is not a prefix length for %2 (0 to %3)")
                    .arg(prefixPart, network.m_ipv6 ? QStringLiteral("IPv6") : QStringLiteral("IPv4"))
                    .arg(network.maxPrefixLength()));
        network.m_prefix = prefix;
    }
    return network;
}

IpNetwork::Address IpNetwork::mask() const
{
    const int bits = m_ipv6 ? m_prefix : m_prefix + 96;
    return {highMask(bits), highMask(bits - 64)};
}

IpNetwork::Address IpNetwork::first() const
{
    const Address m = mask();
    return {m_address.high & m.high, m_address.low & m.low};
}

IpNetwork::Address IpNetwork::last() const
{
    const Address m = mask();
    Address result{m_address.high | ~m.high, m_address.low | ~m.low};
    if (!m_ipv6) {
        result.high = 0;
        result.low &= 0xffffffffULL;
    }
    return result;
}

IpNetwork IpNetwork::network() const
{
    IpNetwork result = *this;
    result.m_address = first();
    return result;
}

IpNetwork IpNetwork::withPrefix(int prefixLength) const
{
    IpNetwork result = *this;
    result.m_prefix = std::clamp(prefixLength, 0, maxPrefixLength());
    return result;
}

IpNetwork IpNetwork::host(Address address) const
{
    IpNetwork result;
    result.m_ipv6 = m_ipv6;
    result.m_address = address;
    result.m_prefix = maxPrefixLength();
    return result;
}

bool IpNetwork::contains(Address address) const
{
    return address >= first() && address <= last();
}

bool IpNetwork::contains(const IpNetwork& other) const
{
    return m_ipv6 == other.m_ipv6 && other.m_prefix >= m_prefix && contains(other.first());
}

bool IpNetwork::overlaps(const IpNetwork& other) const
{
    // Two prefixes overlap exactly when the shorter one contains the longer one.
    return contains(other) || other.contains(*this);
}

IpNetwork::Address IpNetwork::next(Address address)
{
    ++address.low;
    if (address.low == 0)
        ++address.high;
    return address;
}

QString IpNetwork::format(Address address, bool ipv6)
{
    if (!ipv6)
        return QHostAddress(static_cast<quint32>(address.low)).toString();
    Q_IPV6ADDR bytes;
    for (int i = 0; i < 8; ++i) {
        bytes[7 - i] = static_cast<quint8>(address.high >> (8 * i));
        bytes[15 - i] = static_cast<quint8>(address.low >> (8 * i));
    }
    return QHostAddress(bytes).toString();
}

QString IpNetwork::addressText() const
{
    return format(m_address, m_ipv6);
}

QString IpNetwork::toString() const
{
    return addressText() + QLatin1Char('/') + QString::number(m_prefix);
}
