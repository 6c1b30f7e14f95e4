// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>
#include <QtGlobal>

#include <optional>

/**
 * An IPv4 or IPv6 address with a prefix length (a CIDR), with the arithmetic address allocation needs.
 * Addresses are held as 128-bit numbers (two halves); IPv4 uses the low 32 bits.
 */
class IpNetwork
{
public:
    struct Address
    {
        quint64 high = 0;
        quint64 low = 0;
        friend auto operator<=>(const Address&, const Address&) = default;
    };

    IpNetwork() = default;

    /// "10.10.0.5/32", "fd00::/64" or a bare address (a host route). Host bits are kept, not refused.
    static std::optional<IpNetwork> parse(QStringView text, QString* error = nullptr);

    bool isIpv6() const { return m_ipv6; }
    int prefixLength() const { return m_prefix; }
    int maxPrefixLength() const { return m_ipv6 ? 128 : 32; }
    bool isHostRoute() const { return m_prefix == maxPrefixLength(); }
    /// The address as written (host bits kept), e.g. 10.10.0.11 of 10.10.0.11/24.
    Address address() const { return m_address; }
    Address first() const; ///< the network address
    Address last() const;  ///< the broadcast address for IPv4
    /// The network this address is in: 10.10.0.11/24 gives 10.10.0.0/24.
    IpNetwork network() const;
    IpNetwork withPrefix(int prefixLength) const;
    /// The host route of one address of this network's family.
    IpNetwork host(Address address) const;

    bool contains(Address address) const;
    bool contains(const IpNetwork& other) const;
    bool overlaps(const IpNetwork& other) const;

    QString addressText() const;
    QString toString() const; ///< address/prefix

    static Address next(Address address);
    static QString format(Address address, bool ipv6);

    friend bool operator==(const IpNetwork&, const IpNetwork&) = default;

private:
    Address mask() const;

    Address m_address;
    int m_prefix = 0;
    bool m_ipv6 = false;
};
