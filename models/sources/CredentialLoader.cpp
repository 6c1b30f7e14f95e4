// SPDX-License-Identifier: GPL-3.0-or-later
#include "sources/CredentialLoader.h"

#include "secrets/SecretStore.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace {

struct LoadState
{
    CredentialLoad load;
    int pending = 0;
    std::function<void(CredentialLoad&)> done;
};

QString missingWhat(const SecretKey& key, const DataSource& source)
{
    if (key == SecretKey::lokiPassword(source.id))
        return QStringLiteral("Loki password");
    return source.influxAuth == DataSource::InfluxAuth::Token ? QStringLiteral("InfluxDB token") : QStringLiteral("InfluxDB password");
}

void readInto(SecretStore* store, const SecretKey& key, const DataSource& source, QObject* context,
    const std::shared_ptr<LoadState>& state, bool influx)
{
    SecretReply* reply = store->read(key);
    QObject::connect(reply, &SecretReply::finished, context, [state, source, key, influx](const SecretResult& result) {
        QByteArray& target = influx ? state->load.credentials.influxSecret : state->load.credentials.lokiSecret;
        if (result.isOk()) {
            target = result.secret; // shares the buffer: the reply only releases it, we own it now
        } else {
            if (influx)
                state->load.influxSecretMissing = true;
            state->load.problems.append(result.status == SecretResult::Status::NotFound
                    ? QStringLiteral("no %1 is stored for \"%2\" (enter it under Network → Data sources)").arg(missingWhat(key, source), source.name)
                    : QStringLiteral("the %1 could not be read: %2").arg(missingWhat(key, source), result.message));
        }
        if (--state->pending == 0)
            state->done(state->load);
    });
}

} // namespace

namespace CredentialLoader {

SecretKey influxSecretKey(const DataSource& source)
{
    switch (source.influxAuth) {
    case DataSource::InfluxAuth::UserPassword:
        return SecretKey::influxPassword(source.id);
    case DataSource::InfluxAuth::Token:
        return SecretKey::influxToken(source.id);
    case DataSource::InfluxAuth::None:
        break;
    }
    return {};
}

QList<SecretKey> allKeys(const QString& dataSourceId)
{
    return {SecretKey::influxPassword(dataSourceId), SecretKey::influxToken(dataSourceId), SecretKey::lokiPassword(dataSourceId)};
}

void load(SecretStore* store, const DataSource& source, QObject* context, std::function<void(CredentialLoad&)> done)
{
    auto state = std::make_shared<LoadState>();
    state->done = std::move(done);
    state->load.credentials.influxUser = source.influxUser;
    state->load.credentials.lokiUser = source.lokiUser;
    const bool needsInflux = source.influxAuth != DataSource::InfluxAuth::None && !source.influxUrl.isEmpty();
    const bool needsLoki = !source.lokiUser.isEmpty() && !source.lokiUrl.isEmpty();
    if (!store && (needsInflux || needsLoki)) {
        state->load.influxSecretMissing = needsInflux;
        state->load.problems.append(QStringLiteral("no keychain is connected, so no password or token can be read"));
    }
    if (!store || (!needsInflux && !needsLoki)) {
        QTimer::singleShot(0, context, [state] { state->done(state->load); });
        return;
    }
    state->pending = int(needsInflux) + int(needsLoki);
    if (needsInflux)
        readInto(store, influxSecretKey(source), source, context, state, true);
    if (needsLoki)
        readInto(store, SecretKey::lokiPassword(source.id), source, context, state, false);
}

} // namespace CredentialLoader
