// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

/**
 * A real InfluxDB 1.x (Debian's influxd) for one test: every directory in a temporary folder, HTTP and RPC on
 * free loopback ports, no reporting, no UDP/Graphite/collectd/OpenTSDB listeners. Killed when destroyed.
 */
class InfluxServerFixture
{
public:
    static constexpr int StartTimeoutMs = 30000;

    InfluxServerFixture();
    ~InfluxServerFixture();
    InfluxServerFixture(const InfluxServerFixture&) = delete;
    InfluxServerFixture& operator=(const InfluxServerFixture&) = delete;

    static QString executable(); ///< /usr/bin/influxd, or empty when not installed
    /// Starts influxd and waits (bounded) until /ping answers. On failure error says why. With authEnabled the
    /// server demands credentials once a first admin user exists (create it with execute(), then setAdmin()).
    bool start(QString* error, bool authEnabled = false);
    /// start(), then CREATE DATABASE and write the line protocol into it: the usual start of a test.
    bool startWithData(const QString& database, const QByteArray& lineProtocol, QString* error);
    /// Kills the server (SIGKILL, as a crash would) and keeps its folders and port for restart().
    void kill();
    /// Starts it again on the same port and data, waiting (bounded) for /ping.
    bool restart(QString* error);
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    /// The credentials execute() and write() send from now on (Basic).
    void setAdmin(const QByteArray& user, const QByteArray& password);
    QUrl url() const;

    /// Runs a statement with POST /query (CREATE DATABASE...). Returns the body, empty with error on failure.
    QByteArray execute(const QString& statement, QString* error);
    /// POST /write?db=...&precision=ns; true on 204.
    bool write(const QString& database, const QByteArray& lineProtocol, QString* error);
    /// GET /query as the app sends it (epoch=ms); the raw body, for recording test data.
    QByteArray queryBody(const QString& statements, const QString& database, QString* error);
    QString serverOutput() const;

private:
    bool writeConfig(bool authEnabled, QString* error);
    bool launch(QString* error);
    /// Sends a request and waits for it, bounded by the timeout; returns the status code (0 = no answer).
    int exchange(const QByteArray& verb, const QUrl& url, const QByteArray& body, QByteArray* answer, int timeoutMs);

    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_httpPort = 0;
    QByteArray m_basicAuth;
    QNetworkAccessManager m_network;
};
