// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QByteArray>
#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

/** One series of a statement's answer, as InfluxDB sends it. Cells keep JSON types so int64 stays exact. */
struct InfluxSeries
{
    QString name;
    QMap<QString, QString> tags; ///< only with GROUP BY <tag>
    QStringList columns;
    QList<QJsonArray> values;
    bool partial = false;

    qsizetype columnIndex(const QString& column) const { return columns.indexOf(column); }
    /// The cell of a row by column name; Undefined when the column is absent, Null for a null cell.
    QJsonValue cell(qsizetype row, const QString& column) const;
};

struct InfluxStatementResult
{
    int statementId = 0;
    QList<InfluxSeries> series; ///< empty when nothing matched (InfluxDB then omits "series")
    QString error;              ///< the statement's own error, inside an HTTP 200
    bool partial = false;
};

/** The outcome of one /query request: the statements' answers or a message the user can act on. */
struct InfluxResult
{
    enum class Error {
        None,
        Connection, ///< refused, unreachable, host not found
        Timeout,
        Tls,        ///< certificate or handshake problems, never ignored
        Auth,       ///< 401, 403
        Request,    ///< 400, 404: the query or URL is wrong
        RateLimited,///< 429
        Server,     ///< 5xx
        BadResponse,///< garbage or truncated body
        Statement,  ///< HTTP 200 but a statement failed (wrong database, bad field...)
        Canceled,
    };

    QList<InfluxStatementResult> statements;
    int httpStatus = 0;      ///< 0 when no HTTP answer arrived
    Error error = Error::None;
    QString errorMessage;    ///< for the user; empty when ok
    qint64 latencyMs = -1;   ///< request sent to last byte received
    QString serverVersion;   ///< X-Influxdb-Version
    QDateTime serverTime;    ///< the Date header: the server's clock when it answered; invalid when absent
    QByteArray retryAfter;   ///< Retry-After of a 429 or 503 as sent (seconds or an HTTP date); empty when none

    bool ok() const { return error == Error::None; }
    /// The statement with this id, or null (statements may be missing when the request failed).
    const InfluxStatementResult* statement(int statementId) const;
};
