// SPDX-License-Identifier: GPL-3.0-or-later
#include "sources/DataSourceCredentials.h"

#include "secrets/SecretWipe.h"

DataSourceCredentials& DataSourceCredentials::operator=(DataSourceCredentials&& other) noexcept
{
    if (this != &other) {
        release();
        influxUser = std::move(other.influxUser);
        influxSecret = std::move(other.influxSecret);
        lokiUser = std::move(other.lokiUser);
        lokiSecret = std::move(other.lokiSecret);
    }
    return *this;
}

DataSourceCredentials::~DataSourceCredentials()
{
    release();
}

void DataSourceCredentials::release()
{
    // Release, not wipe: a source that kept a shared copy (implicit sharing) now owns those bytes.
    releaseSecret(influxSecret);
    releaseSecret(lokiSecret);
}
