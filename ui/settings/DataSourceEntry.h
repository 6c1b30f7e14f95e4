// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secrets/SecretKey.h"
#include "sources/DataSourceCheck.h"
#include "topology/DataSource.h"

#include <QByteArray>
#include <QList>
#include <QSet>

/**
 * One data source while the settings dialog edits it: its fields, which of its keychain entries exist, the
 * secrets typed but not saved yet and the ones to forget. The typed secrets are wiped when the entry goes.
 */
struct DataSourceEntry
{
    DataSource source;
    DataSourceCheck::TypedUrls typedUrls; ///< the URL fields as typed: an unparseable URL must not vanish
    bool existedBefore = false;     ///< in the topology when the dialog opened: removing it forgets its secrets
    QSet<QString> storedKeys;       ///< names of the keychain entries found (or saved) for this source
    QByteArray newInfluxSecret;     ///< typed, for the key of the current InfluxDB auth
    QByteArray newLokiSecret;       ///< typed
    QList<SecretKey> keysToForget;  ///< removed from the keychain on save

    DataSourceEntry() = default;
    DataSourceEntry(const DataSourceEntry&) = delete;
    DataSourceEntry& operator=(const DataSourceEntry&) = delete;
    ~DataSourceEntry();

    /// The key of the InfluxDB password or token the current auth uses; invalid for no auth.
    SecretKey influxKey() const;
    bool hasStored(const SecretKey& key) const { return key.isValid() && storedKeys.contains(key.name()); }
    /// Marks a stored secret to be removed on save and drops what was typed for it.
    void forget(const SecretKey& key);
    void wipeTypedSecrets();
};
