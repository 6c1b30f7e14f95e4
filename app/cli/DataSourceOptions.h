// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "influx/InfluxCredentials.h"
#include "loki/LokiCredentials.h"
#include "topology/Topology.h"

#include <QCommandLineParser>
#include <QString>

#include <optional>

class CliContext;

/**
 * The options that say which network and which servers a telemetry command talks to, shared by `status` and
 * `check`: --topology, --source, --influx-url, --influx-db, --influx-user, --loki-url, --timeout.
 */
class DataSourceOptions
{
public:
    void addTo(QCommandLineParser& parser);
    /// Reads the parsed options: loads the topology and picks the data source. Returns an error message or empty.
    QString read(const QCommandLineParser& parser);
    /**
     * The common start of a telemetry command: declares these options plus --json and --help, parses arguments
     * and reads them. Returns the exit status when the command is already done (help shown, or an error).
     */
    std::optional<int> parseCommandLine(QCommandLineParser& parser, const QStringList& arguments,
                                        const QString& description, CliContext& context);

    const Topology& topology() const { return m_topology; }
    const DataSource& dataSource() const { return m_dataSource; }
    QUrl lokiUrl() const { return m_dataSource.lokiUrl; }
    /// Whether the topology's own servers (its S3 storage) belong to the servers asked: not when --influx-url
    /// points elsewhere without a --topology naming them.
    bool usesTopologyServers() const { return m_usesTopologyServers; }
    int timeoutMs() const { return m_timeoutSeconds * 1000; }
    /// The secret for the data source: environment first, then the keychain. Sets the auth mode to match.
    InfluxCredentials credentials();
    /// The Loki proxy's user and password: TUNNELSCOPE_LOKI_PASSWORD first, then the keychain; empty for none.
    LokiCredentials lokiCredentials();

private:
    /// Says on stderr why a secret the source needs could not be read (only when one was needed).
    void noteMissingSecret(const QString& what, const QString& problem, const char* variable) const;

    CliContext* m_context = nullptr;
    Topology m_topology;
    DataSource m_dataSource;
    QString m_influxUser;
    int m_timeoutSeconds = 10;
    bool m_usesTopologyServers = true;
};

/// How long the command line waits for the keychain before it goes on without it.
inline constexpr int KeychainTimeoutMs = 5000;

/// Looks the data source's InfluxDB secret (password or token, per its auth) up in the system keychain, waiting
/// at most KeychainTimeoutMs. Empty when there is none or no keychain answers; `problem` then says why.
std::optional<InfluxCredentials> lookupKeychainInfluxCredentials(const DataSource& source, QString* problem = nullptr);
