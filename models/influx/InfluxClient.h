// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "influx/InfluxConnection.h"
#include "influx/InfluxProbeResult.h"
#include "influx/InfluxQuery.h"
#include "influx/InfluxResult.h"
#include "http/HttpLimits.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class GuardedReply;
struct HttpExchange;
class QNetworkAccessManager;
class QNetworkRequest;

/** One /query in flight. Emits finished exactly once, then deletes itself. */
class InfluxQueryReply : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    /// Stops the request; finished still comes, with Error::Canceled.
    void abort();

Q_SIGNALS:
    void finished(const InfluxResult& result);

private:
    friend class InfluxClient;
    QPointer<GuardedReply> m_reply;
    bool m_aborted = false;
};

/** One reachability probe in flight (/health, falling back to /ping). Emits finished once, then deletes itself. */
class InfluxProbeReply : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

Q_SIGNALS:
    void finished(const InfluxProbeResult& result);
};

/**
 * InfluxQL over HTTP, for InfluxDB 1.x, 2.x (v1 compatibility) and 3.x: GET /query with all statements in one
 * request, Basic or Token auth, HTTPS with the system CAs plus an optional CA file (certificate errors end the
 * request with their text; they are never ignored), gzip left to QNetworkAccessManager. Every request goes
 * through GuardedReply: an idle timeout, a total deadline, a size cap, credentials kept to the server's origin.
 * Every failure becomes a sentence for the user in the result.
 */
class InfluxClient : public QObject
{
    Q_OBJECT

public:
    explicit InfluxClient(QNetworkAccessManager* network, QObject* parent = nullptr);

    void setConnection(const InfluxConnection& connection);
    const InfluxConnection& connection() const { return m_connection; }

    InfluxQueryReply* query(const InfluxQuery& query);
    InfluxProbeReply* probe();
    /// The size cap and total deadline of queries; by default HttpLimits::query(timeout). Probes use
    /// HttpLimits::probe(timeout).
    void setQueryLimits(const HttpLimits& limits) { m_queryLimits = limits; }
    HttpLimits queryLimits() const;

    /// The request for a path of the server with an already encoded query string (no credentials: those go
    /// through GuardedReply); exposed for tests.
    QNetworkRequest makeRequest(const QString& path, const QByteArray& encodedQuery) const;

private:
    /// The raw outcome of one HTTP exchange, before it is read as a query result or a probe.
    struct Exchange
    {
        int httpStatus = 0;
        QByteArray body;
        QByteArray influxError;
        QByteArray version;
        QByteArray retryAfter;
        QByteArray date;
        qint64 latencyMs = -1;
        InfluxResult::Error transportError = InfluxResult::Error::None;
        QString transportMessage;
    };
    using ExchangeHandler = std::function<void(const Exchange&)>;

    GuardedReply* send(const QString& path, const QByteArray& encodedQuery, const HttpLimits& limits,
                       QObject* context, ExchangeHandler handler);
    void sendProbe(InfluxProbeReply* reply, const QString& path);
    static Exchange exchangeOf(const HttpExchange& http, const QString& server, int timeoutSeconds);
    static void describeNetworkFailure(const HttpExchange& http, const QString& server, int timeoutSeconds,
                                       Exchange& exchange);
    static InfluxResult resultOf(const Exchange& exchange, bool aborted);
    QByteArray authorization() const;
    QString serverName() const;

    QNetworkAccessManager* m_network;
    InfluxConnection m_connection;
    std::optional<HttpLimits> m_queryLimits;
};
