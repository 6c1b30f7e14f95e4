// SPDX-License-Identifier: GPL-3.0-or-later
#include "wireguard/WireGuardEndpoint.h"

#include <QHostAddress>
#include <QRegularExpression>

std::optional<WireGuardEndpoint> WireGuardEndpoint::parse(QStringView text, QString* error)
{
    const auto fail = [&](const QString& why) -> std::optional<WireGuardEndpoint> {
        if (error)
            *error = QStringLiteral("\"%1\" is not an endpoint: %2").arg(text, why);
        return std::nullopt;
    };
    const QStringView trimmed = text.trimmed();
    const qsizetype colon = trimmed.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return fail(QStringLiteral("write host:port or [IPv6]:port"));
    QStringView host = trimmed.left(colon);
    const QStringView portText = trimmed.mid(colon + 1);
    bool ok = false;
    const int port = portText.toInt(&ok);
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,5}$"));
    if (!ok || !digits.match(portText).hasMatch() || port < 1 || port > 65535)
        return fail(QStringLiteral("\"%1\" is not a port (1 to 65535)").arg(portText));
    WireGuardEndpoint endpoint;
    endpoint.port = port;
    if (host.startsWith(QLatin1Char('['))) {
        if (!host.endsWith(QLatin1Char(']')))
            return fail(QStringLiteral("the IPv6 address lacks its closing ']'"));
        host = host.mid(1, host.size() - 2);
        const QStringView address = host.left(host.indexOf(QLatin1Char('%')) < 0 ? host.size() : host.indexOf(QLatin1Char('%')));
        if (QHostAddress(address.toString()).protocol() != QAbstractSocket::IPv6Protocol)
            return fail(QStringLiteral("\"%1\" is not an IPv6 address").arg(host));
    } else {
        if (host.contains(QLatin1Char(':')))
            return fail(QStringLiteral("an IPv6 address must be in brackets, as in [fd00::1]:51820"));
        static const QRegularExpression name(
            QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?([.][A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*[.]?$"));
        if (!name.match(host).hasMatch())
            return fail(QStringLiteral("\"%1\" is not a host name or IPv4 address").arg(host));
    }
    endpoint.host = host.toString();
    return endpoint;
}

QString WireGuardEndpoint::toString() const
{
    const QString shownHost = host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    return shownHost + QLatin1Char(':') + QString::number(port);
}
