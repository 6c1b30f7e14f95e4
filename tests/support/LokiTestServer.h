// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "loki/LokiEntry.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>
#include <QUrlQuery>

class QTcpSocket;

/**
 * A Loki 2.7 query API on 127.0.0.1 for tests, answering like the recordings in tests/data/loki: the same
 * status lines, headers and plain-text error bodies (labelled application/json, as 2.7 does). query_range
 * really filters its entries by the stream selector and |= filters, honours start (inclusive), end (exclusive),
 * limit and direction, and computes count_over_time matrices, so paging and counting are tested for real.
 */
class LokiTestServer final : public QObject
{
    Q_OBJECT

public:
    enum class Fault {
        None,
        NotReady, ///< /ready answers the recorded 503 "Ingester not ready"
        ServerError, ///< every API call answers 500
        TooManyRequests, ///< every API call answers 429
        NeverAnswer, ///< requests are read and never answered
        Garbage, ///< 200 application/json with a body that is not JSON
        Truncated, ///< 200 with a Content-Length larger than what is sent, then the connection closes
    };

    struct Request
    {
        QByteArray method;
        QString path;
        QUrlQuery query;
        QHash<QByteArray, QByteArray> headers; ///< names in lower case

        QString item(const QString& name) const { return query.queryItemValue(name, QUrl::FullyDecoded); }
        QByteArray header(const QByteArray& name) const { return headers.value(name.toLower()); }
    };

    static constexpr int MaxEntriesLimit = 5000;
    static constexpr qint64 MaxQueryLengthHours = 721;
    static constexpr qint64 MaxPointsPerSeries = 11000;

    explicit LokiTestServer(QObject* parent = nullptr);

    bool listen();
    QUrl url() const;

    void setFault(Fault fault) { m_fault = fault; }
    /// Multi-tenancy on: requests without X-Scope-OrgID get 401 "no org id".
    void setRequireTenant(bool required) { m_requireTenant = required; }
    /// A proxy's Basic auth in front of every path (/ready too), as a password-protected Loki is deployed:
    /// requests without exactly these credentials get the proxy's 401.
    void setRequireBasicAuth(const QByteArray& user, const QByteArray& password)
    {
        m_basicAuth = "Basic " + QByteArray(user + ':' + password).toBase64();
    }
    void setEntries(const QList<LokiEntry>& entries) { m_entries = entries; }
    const QList<LokiEntry>& entries() const { return m_entries; }

    const QList<Request>& requests() const { return m_requests; }
    QList<Request> requestsTo(const QString& path) const;
    void clearRequests() { m_requests.clear(); }

    /// The 45 lines of query_range_streams.json (30 wireguard, 15 fail2ban, host prod).
    static QList<LokiEntry> recordedEntries();
    /// count lines cycling through the recorded ones, newest at newestNs, linesPerTimestamp sharing each second.
    static QList<LokiEntry> generatedEntries(int count, qint64 newestNs, int linesPerTimestamp);
    /// A recorded file of tests/data/loki, as bytes.
    static QByteArray recordedFile(const QString& name);
    /// The body of a recorded HTTP response file (after the blank line).
    static QByteArray recordedBody(const QString& name);

private:
    struct Response
    {
        int status = 200;
        QByteArray reason = "OK";
        QByteArray contentType = "application/json";
        QByteArray body;
        bool chunked = false;
        QList<QPair<QByteArray, QByteArray>> extraHeaders;
    };

    void onNewConnection();
    void onReadyRead(QTcpSocket* socket);
    void handle(QTcpSocket* socket, const Request& request);
    Response route(const Request& request) const;
    Response queryRange(const Request& request) const;
    Response labels(const Request& request, const QString& labelName) const;
    static Response plainError(int status, const QByteArray& reason, const QByteArray& body, bool jsonLabel);
    static QByteArray serialize(const Response& response);

    QTcpServer m_server;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    QList<LokiEntry> m_entries;
    QList<Request> m_requests;
    Fault m_fault = Fault::None;
    bool m_requireTenant = false;
    QByteArray m_basicAuth; ///< the Authorization header every request must carry; empty for none
};
