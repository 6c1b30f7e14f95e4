// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

/**
 * A real Grafana Loki 2.7.5 (../shared/tools, unpacked into the build tree) for one test: single process, its
 * folders in a temporary directory, HTTP and gRPC on free loopback ports. Lines go in through the push API as
 * Alloy sends them and come back through the same API the app reads. Killed when destroyed.
 */
class LokiServerFixture
{
public:
    static constexpr int StartTimeoutMs = 60000;

    struct Line
    {
        QDateTime time;
        QString text;
    };

    LokiServerFixture();
    ~LokiServerFixture();
    LokiServerFixture(const LokiServerFixture&) = delete;
    LokiServerFixture& operator=(const LokiServerFixture&) = delete;

    /// The unpacked binary (TUNNELSCOPE_LOKI overrides it), or empty when there is none.
    static QString executable();
    /// Why executable() is empty, naming the file the tests look for.
    static QString missingReason();

    /// Starts Loki and waits (bounded) until /ready answers 200. multiTenant: auth_enabled, so every request
    /// needs X-Scope-OrgID. On failure error says why.
    bool start(QString* error, bool multiTenant = false);
    /// Kills the server (SIGKILL, as a crash would) and keeps its folders and port for restart().
    void kill();
    /// Starts it again on the same port and data.
    bool restart(QString* error);
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    QUrl url() const;

    /// POST /loki/api/v1/push of one stream; true on 204.
    bool push(const QMap<QString, QString>& labels, const QList<Line>& lines, QString* error, const QByteArray& tenant = {});
    QString serverOutput() const;

private:
    bool launch(QString* error);
    bool writeConfig(QString* error) const;

    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_httpPort = 0;
    quint16 m_grpcPort = 0;
    bool m_multiTenant = false;
    QNetworkAccessManager m_network;
};
