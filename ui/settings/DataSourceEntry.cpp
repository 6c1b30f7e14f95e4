// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/DataSourceEntry.h"

#include "secrets/SecretWipe.h"
#include "sources/CredentialLoader.h"

DataSourceEntry::~DataSourceEntry()
{
    wipeTypedSecrets();
}

SecretKey DataSourceEntry::influxKey() const
{
    return CredentialLoader::influxSecretKey(source);
}

void DataSourceEntry::forget(const SecretKey& key)
{
    if (!key.isValid())
        return;
    storedKeys.remove(key.name());
    if (!keysToForget.contains(key))
        keysToForget.append(key);
    if (key == SecretKey::lokiPassword(source.id))
        releaseSecret(newLokiSecret);
    else
        releaseSecret(newInfluxSecret);
}

void DataSourceEntry::wipeTypedSecrets()
{
    releaseSecret(newInfluxSecret);
    releaseSecret(newLokiSecret);
}
