// SPDX-License-Identifier: GPL-3.0-or-later
#include "wireguard/WireGuardConfigKeys.h"

#include "core/PrintableText.h"
#include "wireguard/IpNetwork.h"
#include "wireguard/WireGuardEndpoint.h"
#include "wireguard/WireGuardKey.h"

#include <QRegularExpression>

#include <array>
#include <functional>

namespace {

using Kind = WireGuardConfigSection::Kind;

struct KeyInfo
{
    const char* name;
    Kind section;
    bool repeats;
    bool commaList;
    bool wgQuickOnly;
};

constexpr std::array<KeyInfo, 17> keys{{
    {"PrivateKey", Kind::Interface, false, false, false},
    {"ListenPort", Kind::Interface, false, false, false},
    {"FwMark", Kind::Interface, false, false, false},
    {"Address", Kind::Interface, true, true, true},
    {"DNS", Kind::Interface, true, true, true},
    {"MTU", Kind::Interface, false, false, true},
    {"Table", Kind::Interface, false, false, true},
    {"PreUp", Kind::Interface, true, false, true},
    {"PostUp", Kind::Interface, true, false, true},
    {"PreDown", Kind::Interface, true, false, true},
    {"PostDown", Kind::Interface, true, false, true},
    {"SaveConfig", Kind::Interface, false, false, true},
    {"PublicKey", Kind::Peer, false, false, false},
    {"PresharedKey", Kind::Peer, false, false, false},
    {"AllowedIPs", Kind::Peer, true, true, false},
    {"Endpoint", Kind::Peer, false, false, false},
    {"PersistentKeepalive", Kind::Peer, false, false, false},
}};

const KeyInfo* find(QStringView key)
{
    for (const auto& info : keys) {
        if (key.compare(QLatin1String(info.name), Qt::CaseInsensitive) == 0)
            return &info;
    }
    return nullptr;
}

bool isNumber(QStringView text, quint64 max, int base = 10)
{
    if (text.isEmpty() || text.size() > 20)
        return false;
    bool ok = false;
    const quint64 number = text.toULongLong(&ok, base);
    return ok && number <= max && !text.startsWith(QLatin1Char('+')) && !text.startsWith(QLatin1Char('-'));
}

QString listError(QStringView value, const std::function<QString(QStringView)>& itemError)
{
    const auto parts = value.split(QLatin1Char(','));
    for (const QStringView part : parts) {
        if (part.trimmed().isEmpty())
            return QStringLiteral("has an empty item in its comma-separated list");
        const QString error = itemError(part.trimmed());
        if (!error.isEmpty())
            return error;
    }
    return {};
}

QString cidrError(QStringView item)
{
    QString error;
    return IpNetwork::parse(item, &error) ? QString() : error;
}

QString dnsError(QStringView item)
{
    static const QRegularExpression searchDomain(QStringLiteral("^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_.])?$"));
    if (IpNetwork::parse(item) && !item.contains(QLatin1Char('/')))
        return {};
    if (item.contains(QLatin1Char(':')) || item.contains(QLatin1Char('/')) || !searchDomain.match(item).hasMatch())
        return QStringLiteral("\"%1\" is neither a DNS server address nor a search domain").arg(item);
    return {};
}

QString keyError(QStringView value)
{
    const QString error = WireGuardKey::decodeError(value);
    return error.isEmpty() ? QString() : QStringLiteral("is not a valid key: it ") + error;
}

} // namespace

namespace WireGuardConfigKeys {

QString canonicalName(QStringView key)
{
    const KeyInfo* info = find(key);
    return info ? QLatin1String(info->name) : QString();
}

WireGuardConfigSection::Kind sectionOf(QStringView key)
{
    const KeyInfo* info = find(key);
    return info ? info->section : Kind::Interface;
}

bool mayRepeat(QStringView key)
{
    const KeyInfo* info = find(key);
    return !info || info->repeats;
}

bool isCommaList(QStringView key)
{
    const KeyInfo* info = find(key);
    return info && info->commaList;
}

bool isWgQuickOnly(QStringView key)
{
    const KeyInfo* info = find(key);
    return info && info->wgQuickOnly;
}

QString valueError(QStringView key, QStringView value)
{
    const QString name = canonicalName(key);
    if (name.isEmpty())
        return {};
    if (value.isEmpty())
        return QStringLiteral("has no value");
    if (name == QLatin1String("PrivateKey") || name == QLatin1String("PublicKey")
        || name == QLatin1String("PresharedKey"))
        return keyError(value);
    if (name == QLatin1String("ListenPort"))
        return isNumber(value, 65535) ? QString() : QStringLiteral("\"%1\" is not a port (0 to 65535)").arg(value);
    if (name == QLatin1String("FwMark")) {
        const bool valid = value.compare(QLatin1String("off"), Qt::CaseInsensitive) == 0
            || (value.startsWith(QLatin1String("0x"), Qt::CaseInsensitive) && isNumber(value.mid(2), 0xffffffffULL, 16))
            || isNumber(value, 0xffffffffULL);
        return valid ? QString() : QStringLiteral("\"%1\" is not a 32-bit mark, hex 0x... or off").arg(value);
    }
    if (name == QLatin1String("Address") || name == QLatin1String("AllowedIPs"))
        return listError(value, cidrError);
    if (name == QLatin1String("DNS"))
        return listError(value, dnsError);
    if (name == QLatin1String("MTU")) {
        const bool valid = isNumber(value, 65535) && value.toInt() >= 68;
        return valid ? QString() : QStringLiteral("\"%1\" is not an MTU (68 to 65535)").arg(value);
    }
    if (name == QLatin1String("Table")) {
        static const QRegularExpression table(QStringLiteral("^([0-9]{1,10}|[A-Za-z_][A-Za-z0-9_-]*)$"));
        return table.match(value).hasMatch() ? QString()
                                             : QStringLiteral("\"%1\" is not a routing table, off or auto").arg(value);
    }
    if (name == QLatin1String("SaveConfig")) {
        const bool valid = value.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0
            || value.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0;
        return valid ? QString() : QStringLiteral("\"%1\" is not true or false").arg(value);
    }
    if (name == QLatin1String("Endpoint")) {
        QString error;
        return WireGuardEndpoint::parse(value, &error) ? QString() : error;
    }
    if (name == QLatin1String("PersistentKeepalive")) {
        const bool valid = value.compare(QLatin1String("off"), Qt::CaseInsensitive) == 0 || isNumber(value, 65535);
        return valid ? QString()
                     : QStringLiteral("\"%1\" is not a keepalive interval (0 to 65535 seconds, or off)").arg(value);
    }
    return {}; // the hooks take any shell text
}

QString nameFromComment(QStringView line)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*#+\\s*Name\\s*[=:]\\s*(.*?)\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(line);
    return match.hasMatch() ? match.captured(1) : QString();
}

QString nameComment(const QString& name)
{
    return QStringLiteral("# Name = ") + PrintableText::escaped(name); // one line, whatever the name holds
}

} // namespace WireGuardConfigKeys
