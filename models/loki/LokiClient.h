// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "loki/LokiConnection.h"
#include "loki/LokiCredentials.h"
#include "loki/LokiLabelResult.h"
#include "loki/LokiLogResult.h"
#include "loki/LokiMetricResult.h"
#include "loki/LokiReadyResult.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>

#include <functional>

class GuardedReply;
struct HttpExchange;
struct HttpLimits;
class LokiPager;
class QNetworkAccessManager;

/**
 * Loki's HTTP query API: /ready, query_range (log queries paged past 5000 lines, metric queries), labels and
 * label values. Every call returns a request id at once and answers later with the matching *Finished signal;
 * nothing blocks. The network access manager is injected so the app shares one and tests use their own. Every
 * request goes through GuardedReply: /ready is capped at 64 KiB within twice the timeout, queries at 32 MiB
 * within 30 s (or the timeout when longer), and the credentials stay with Loki's own origin.
 */
class LokiClient final : public QObject
{
    Q_OBJECT

public:
    LokiClient(QNetworkAccessManager* network, const LokiConnection& connection, QObject* parent = nullptr);
    ~LokiClient() override;

    const LokiConnection& connection() const { return m_connection; }
    /// Builds the Authorization header, then zeroes credentials.secret. Empty credentials remove the header.
    void setCredentials(LokiCredentials&& credentials);
    bool hasCredentials() const { return !m_authorization.isEmpty(); }
    /// The base URL (a proxy's path prefix kept) joined with an API path such as "/ready".
    QUrl endpointUrl(const QString& path) const;

    quint64 checkReady();
    quint64 queryLogs(const LokiLogQuery& query);
    quint64 queryMetric(const LokiMetricQuery& query);
    quint64 fetchLabels(const LokiLabelQuery& query);
    /// Drops a request: its reply is aborted and no signal comes for it.
    void cancel(quint64 requestId);
    void cancelAll();

    static QString nanosecondsText(qint64 nanoseconds) { return QString::number(nanoseconds); }

Q_SIGNALS:
    void readyFinished(const LokiReadyResult& result);
    void logsFinished(const LokiLogResult& result);
    void metricFinished(const LokiMetricResult& result);
    void labelsFinished(const LokiLabelResult& result);

private:
    struct Outcome
    {
        QByteArray body;
        int latencyMs = -1;
        LokiError error;
    };
    using Handler = std::function<void(const Outcome&)>;
    struct LogPaging;

    void send(quint64 requestId, const QString& path, const QUrlQuery& query, const HttpLimits& limits, Handler handler);
    void requestLogPage(quint64 requestId);
    void onLogPage(quint64 requestId, const Outcome& outcome);
    void finishLogs(quint64 requestId, const LokiError& error);
    Outcome outcomeOf(const HttpExchange& http) const;
    LokiError transportError(const HttpExchange& http) const;
    quint64 nextId() { return ++m_lastId; }

    QNetworkAccessManager* m_network;
    LokiConnection m_connection;
    QByteArray m_authorization; ///< "Basic ..." holds the secret in base64: zeroed when replaced or destroyed
    quint64 m_lastId = 0;
    QHash<quint64, QPointer<GuardedReply>> m_replies;
    QHash<quint64, LogPaging*> m_paging;
};
