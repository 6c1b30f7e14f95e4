// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sources/DataSourceCredentials.h"
#include "topology/DataSource.h"

#include <QStringList>

#include <functional>

class QObject;
class SecretKey;
class SecretStore;

/** What the keychain gave for a data source, and in words what it could not give. */
struct CredentialLoad
{
    DataSourceCredentials credentials;
    QStringList problems;
    bool influxSecretMissing = false; ///< the InfluxDB auth needs a password or token and none could be read
};

/** Reads a data source's secrets from a SecretStore without blocking. */
namespace CredentialLoader {

/// The entry that holds the InfluxDB password or token for the source's auth; invalid for auth "none".
SecretKey influxSecretKey(const DataSource& source);
/// Every entry a source may own, whatever its auth, e.g. to remove them all with the source.
QList<SecretKey> allKeys(const QString& dataSourceId);

/// Reads what `source` needs and calls `done` once from the event loop, never inside this call. Nothing is called
/// when `context` is destroyed first. A null store answers with a problem and no secrets.
void load(SecretStore* store, const DataSource& source, QObject* context, std::function<void(CredentialLoad&)> done);

} // namespace CredentialLoader
