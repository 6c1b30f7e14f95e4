// SPDX-License-Identifier: GPL-3.0-or-later
#include "sources/SourceSelector.h"

#include "loki/LokiClient.h"
#include "secrets/SecretWipe.h"
#include "sources/CredentialLoader.h"
#include "telemetry/NetworkState.h"

#include <QNetworkAccessManager>

#include <utility>

SourceSelector::SourceSelector(NetworkState* network, DemoFactory demoFactory, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_demoFactory(std::move(demoFactory))
{
}

SourceSelector::~SourceSelector()
{
    stop();
}

SourceStatus SourceSelector::notConnected(const QString& sourceName, const QString& why)
{
    SourceStatus status;
    status.sourceName = sourceName.isEmpty() ? QStringLiteral("No data source") : sourceName;
    EndpointHealth influx;
    influx.name = QStringLiteral("InfluxDB");
    influx.state = EndpointHealth::State::Failing;
    influx.message = QStringLiteral("not connected (%1)").arg(why);
    status.endpoints.append(influx);
    return status;
}

void SourceSelector::stop()
{
    if (m_source)
        m_source->stop();
}

void SourceSelector::clear()
{
    stop();
    m_source.reset();
    delete m_loadContext; // drops the callbacks of a keychain read still under way
    m_loadContext = new QObject(this);
    if (m_loki)
        m_loki->deleteLater(); // the log panel tracks it and reads "no source" once it is gone
    m_loki = nullptr;
    // Peers become unknown until the new source speaks: never the old numbers under a new name.
    m_network->applySnapshot(TelemetrySnapshot{});
}

void SourceSelector::select(const Topology& topology, const QString& path, const QString& sourceId)
{
    clear();
    const DataSource* dataSource = sourceId.isEmpty() ? nullptr : topology.dataSource(sourceId);
    m_activeId = dataSource ? dataSource->id : QString();
    if (dataSource)
        startLive(*dataSource);
    else
        startDemo(topology, path);
    Q_EMIT logsSourceChanged();
    Q_EMIT sourceChanged();
}

void SourceSelector::startDemo(const Topology& topology, const QString& path)
{
    std::unique_ptr<TelemetrySource> demo = m_demoFactory ? m_demoFactory(topology, path) : nullptr;
    if (!demo) {
        m_network->applyStatus(notConnected(QString(), QStringLiteral("no source can serve this topology")));
        return;
    }
    install(std::move(demo));
}

void SourceSelector::startLive(const DataSource& source)
{
    m_network->setPollIntervalSeconds(source.pollIntervalSeconds);
    if (!m_liveFactory) {
        m_network->applyStatus(notConnected(source.name, QStringLiteral("this build has no live sources yet; choose Demo data under Source for demo numbers")));
    } else {
        SourceStatus reading;
        reading.sourceName = source.name;
        EndpointHealth influx;
        influx.name = QStringLiteral("InfluxDB");
        influx.message = QStringLiteral("reading the credentials from the keychain…");
        reading.endpoints.append(influx);
        m_network->applyStatus(reading);
    }
    if (!m_liveFactory && source.lokiUrl.isEmpty())
        return;
    CredentialLoader::load(m_secrets, source, m_loadContext, [this, source](CredentialLoad& load) { onCredentials(source, load); });
}

void SourceSelector::onCredentials(const DataSource& source, CredentialLoad& load)
{
    makeLokiClient(source, load);
    Q_EMIT logsSourceChanged();
    if (!m_liveFactory)
        return;
    if (source.influxUrl.isEmpty()) {
        m_network->applyStatus(notConnected(source.name, QStringLiteral("this source has no InfluxDB URL")));
        return;
    }
    if (load.influxSecretMissing) {
        m_network->applyStatus(notConnected(source.name, load.problems.join(QStringLiteral("; "))));
        return;
    }
    std::unique_ptr<TelemetrySource> live = m_liveFactory->create(source, load.credentials);
    load.credentials.release();
    if (!live) {
        m_network->applyStatus(notConnected(source.name, QStringLiteral("the live source could not be built")));
        return;
    }
    install(std::move(live));
    Q_EMIT sourceChanged();
}

void SourceSelector::makeLokiClient(const DataSource& source, CredentialLoad& load)
{
    if (source.lokiUrl.isEmpty())
        return;
    m_loki = new LokiClient(networkAccess(), LokiConnection::fromDataSource(source), this);
    LokiCredentials credentials;
    credentials.user = load.credentials.lokiUser;
    // A copy of its own for the client to wipe: the live source's event counter needs the secret after this.
    credentials.secret = exclusiveSecret(load.credentials.lokiSecret);
    if (!credentials.isEmpty())
        m_loki->setCredentials(std::move(credentials));
}

void SourceSelector::install(std::unique_ptr<TelemetrySource> source)
{
    m_source = std::move(source);
    m_network->setPollIntervalSeconds(m_source->pollIntervalSeconds());
    connect(m_source.get(), &TelemetrySource::snapshotReady, m_network, &NetworkState::applySnapshot);
    connect(m_source.get(), &TelemetrySource::statusChanged, m_network, &NetworkState::applyStatus);
    m_network->applyStatus(m_source->status());
    m_source->start();
}

QNetworkAccessManager* SourceSelector::networkAccess()
{
    if (!m_networkAccess)
        m_networkAccess = new QNetworkAccessManager(this);
    return m_networkAccess;
}
