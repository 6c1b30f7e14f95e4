// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "loki/LokiClient.h"
#include "secrets/SecretStore.h"
#include "sources/TelemetrySourceFactory.h"
#include "topology/Topology.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class NetworkState;
class QNetworkAccessManager;
struct CredentialLoad;
struct SourceStatus;

/**
 * Which source feeds the network: demo data or one of the topology's data sources. Switching stops the old source,
 * clears the telemetry (so no demo number ever shows under a live name), reads the new source's credentials from
 * the keychain without blocking, then starts it, and builds the Loki client the log panel uses. Without a live
 * factory a data source is shown as not connected.
 */
class SourceSelector final : public QObject
{
    Q_OBJECT

public:
    /// Makes the demo source for a topology (path empty for the embedded default); null leaves it not connected.
    using DemoFactory = std::function<std::unique_ptr<TelemetrySource>(const Topology& topology, const QString& path)>;

    SourceSelector(NetworkState* network, DemoFactory demoFactory, QObject* parent = nullptr);
    ~SourceSelector() override;

    /// Not owned; null means no secrets can be read (sources needing one say so).
    void setSecretStore(SecretStore* store) { m_secrets = store; }
    SecretStore* secretStore() const { return m_secrets; }
    void setLiveFactory(std::unique_ptr<TelemetrySourceFactory> factory) { m_liveFactory = std::move(factory); }
    bool hasLiveFactory() const { return m_liveFactory != nullptr; }
    /// Not owned; the Loki client's. Without one the selector makes its own.
    void setNetworkAccessManager(QNetworkAccessManager* manager) { m_networkAccess = manager; }

    /// Shows `sourceId` of `topology` from now on; an empty id (or one the topology lacks) means demo data.
    void select(const Topology& topology, const QString& path, const QString& sourceId);
    void stop();

    /// The data source's id, empty for demo data.
    QString activeId() const { return m_activeId; }
    bool isDemo() const { return m_activeId.isEmpty(); }
    TelemetrySource* source() const { return m_source.get(); }
    /// The Loki of the active data source once its credentials are read; null for demo data or without a Loki URL.
    LokiClient* lokiClient() const { return m_loki; }

    /// The status of a data source that no running source speaks for, naming why.
    static SourceStatus notConnected(const QString& sourceName, const QString& why);

Q_SIGNALS:
    /// The demo flag or the Loki client changed: the log panel follows.
    void logsSourceChanged();
    /// source() is another one now, or null (a live source still reading its credentials, or one that cannot
    /// start): what reads from the old source must let go of it.
    void sourceChanged();

private:
    void clear();
    void startDemo(const Topology& topology, const QString& path);
    void startLive(const DataSource& source);
    void onCredentials(const DataSource& source, CredentialLoad& load);
    void install(std::unique_ptr<TelemetrySource> source);
    void makeLokiClient(const DataSource& source, CredentialLoad& load);
    QNetworkAccessManager* networkAccess();

    NetworkState* m_network;
    DemoFactory m_demoFactory;
    std::unique_ptr<TelemetrySourceFactory> m_liveFactory;
    QPointer<SecretStore> m_secrets;
    QNetworkAccessManager* m_networkAccess = nullptr;
    std::unique_ptr<TelemetrySource> m_source;
    QPointer<LokiClient> m_loki;
    QString m_activeId;
    /// Guards against a slow keychain answer for a source the user has already switched away from.
    QObject* m_loadContext = nullptr;
};
