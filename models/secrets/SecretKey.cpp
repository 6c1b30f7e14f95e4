// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/SecretKey.h"

#include <QStringList>

#include <algorithm>
#include <array>

namespace {

struct EntryKind
{
    const char* area;
    const char* item;
};

// Every kind of entry Tunnelscope keeps; fromName() accepts exactly these.
constexpr std::array<EntryKind, 6> EntryKinds{{
    {"influx", "password"},
    {"influx", "token"},
    {"loki", "password"},
    {"wireguard", "private-key"},
    {"wireguard", "preshared-key"},
    {"tunnelscope", "probe"},
}};

QString problemWithId(const QString& id)
{
    if (id.isEmpty()) {
        return QStringLiteral("the id in a secret's name must not be empty");
    }
    const bool ambiguous = std::any_of(id.cbegin(), id.cend(), [](QChar c) {
        return c == QLatin1Char('/') || c.isSpace() || c.category() == QChar::Other_Control;
    });
    if (ambiguous) {
        return QStringLiteral("the id \"%1\" in a secret's name must not contain '/', spaces or control characters")
            .arg(id);
    }
    return {};
}

} // namespace

SecretKey::SecretKey(const QString& area, const QString& ownerId, const QString& item)
    : m_name(area + QLatin1Char('/') + ownerId + QLatin1Char('/') + item)
    , m_problem(problemWithId(ownerId))
{
}

QString SecretKey::service()
{
    return QStringLiteral(TUNNELSCOPE_APP_ID);
}

SecretKey SecretKey::influxPassword(const QString& dataSourceId)
{
    return {QStringLiteral("influx"), dataSourceId, QStringLiteral("password")};
}

SecretKey SecretKey::influxToken(const QString& dataSourceId)
{
    return {QStringLiteral("influx"), dataSourceId, QStringLiteral("token")};
}

SecretKey SecretKey::lokiPassword(const QString& dataSourceId)
{
    return {QStringLiteral("loki"), dataSourceId, QStringLiteral("password")};
}

SecretKey SecretKey::wireguardPrivateKey(const QString& interfaceOrPeerId)
{
    return {QStringLiteral("wireguard"), interfaceOrPeerId, QStringLiteral("private-key")};
}

SecretKey SecretKey::wireguardPresharedKey(const QString& peerId)
{
    return {QStringLiteral("wireguard"), peerId, QStringLiteral("preshared-key")};
}

SecretKey SecretKey::availabilityProbe()
{
    return {QStringLiteral("tunnelscope"), QStringLiteral("availability"), QStringLiteral("probe")};
}

std::optional<SecretKey> SecretKey::fromName(const QString& name)
{
    const QStringList parts = name.split(QLatin1Char('/'));
    if (parts.size() != 3) {
        return std::nullopt;
    }
    const bool known = std::any_of(EntryKinds.cbegin(), EntryKinds.cend(), [&](const EntryKind& kind) {
        return parts[0] == QLatin1String(kind.area) && parts[2] == QLatin1String(kind.item);
    });
    SecretKey key(parts[0], parts[1], parts[2]);
    if (!known || !key.isValid()) {
        return std::nullopt;
    }
    return key;
}
