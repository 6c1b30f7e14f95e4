// SPDX-License-Identifier: GPL-3.0-or-later
#include "influx/InfluxCredentials.h"

#include <sodium.h>

namespace {

QByteArray deepCopy(const QByteArray& bytes)
{
    return QByteArray(bytes.constData(), bytes.size());
}

} // namespace

InfluxCredentials::InfluxCredentials(QByteArray userName, QByteArray secretBytes)
    : user(std::move(userName))
    , secret(std::move(secretBytes))
{
}

InfluxCredentials::InfluxCredentials(const InfluxCredentials& other)
    : user(deepCopy(other.user))
    , secret(deepCopy(other.secret))
{
}

InfluxCredentials& InfluxCredentials::operator=(const InfluxCredentials& other)
{
    if (this != &other) {
        wipe();
        user = deepCopy(other.user);
        secret = deepCopy(other.secret);
    }
    return *this;
}

InfluxCredentials::InfluxCredentials(InfluxCredentials&& other) noexcept
    : user(std::move(other.user))
    , secret(std::move(other.secret))
{
}

InfluxCredentials& InfluxCredentials::operator=(InfluxCredentials&& other) noexcept
{
    if (this != &other) {
        wipe();
        user = std::move(other.user);
        secret = std::move(other.secret);
    }
    return *this;
}

InfluxCredentials::~InfluxCredentials()
{
    wipe();
}

void InfluxCredentials::wipe()
{
    wipeBytes(user);
    wipeBytes(secret);
}

void InfluxCredentials::wipeBytes(QByteArray& bytes)
{
    if (!bytes.isEmpty())
        sodium_memzero(bytes.data(), size_t(bytes.size()));
    // resize, not clear: the zeroed buffer stays with its holder until it dies (clear() would free it at once,
    // and nothing could then tell a zeroed buffer from one merely forgotten).
    bytes.resize(0);
}
