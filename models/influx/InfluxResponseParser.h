// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "influx/InfluxQuery.h"
#include "influx/InfluxResult.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

/** InfluxDB's /query answers turned into InfluxResult, and its errors into sentences. Pure functions. */
namespace InfluxResponseParser {

/**
 * Parses a 200 body, plain JSON or chunked JSON lines (merged by statement, then by series name and tags).
 * On garbage or a cut-off body sets Error::BadResponse; on a statement error or a top-level "error" sets
 * Error::Statement with the first error as the message. Leaves httpStatus and latency alone.
 */
void parseBody(const QByteArray& body, InfluxResult& result);
/// parseBody on a fresh result.
InfluxResult parse(const QByteArray& body);

/// The server's own words about an error: X-Influxdb-Error, a 1.x {"error"} body, a 2.x {"code","message"} body,
/// or the first line of a plain-text body. Empty when none of them says anything.
QString serverErrorText(const QByteArray& body, const QByteArray& influxErrorHeader);
/// A non-2xx answer as a message for the user, and the error class it belongs to.
InfluxResult::Error errorForStatus(int httpStatus);
QString httpErrorMessage(int httpStatus, const QString& serverText);
/// A statement error made understandable ("database not found: x" gets a hint about the database setting).
QString statementErrorMessage(int statementId, const QString& error);

/// A time cell: an integer in the query's epoch, or an RFC3339 string when no epoch was asked for.
QDateTime timeFromCell(const QJsonValue& cell, InfluxQuery::Epoch epoch);
/// An exact 64-bit integer from a cell (ints and integral doubles); empty for null, strings and fractions.
std::optional<qint64> integerFromCell(const QJsonValue& cell);
std::optional<double> numberFromCell(const QJsonValue& cell);

/// An HTTP Date header ("Sat, 21 Nov 2026 23:29:08 GMT", RFC 9110 IMF-fixdate) in UTC; invalid when absent or
/// malformed.
QDateTime timeFromHttpDate(const QByteArray& header);
/// Telegraf's last_handshake_time_ns: any value <= 0 (0, or the year-1 sentinel -6795364578871345152) is never.
QDateTime handshakeFromNanoseconds(qint64 nanoseconds);
/// persistent_keepalive_interval_ns in whole seconds; 0 = off.
int keepaliveSecondsFromNanoseconds(qint64 nanoseconds);
/// allowed_peer_cidr: "10.10.0.5/32,fd00::5/128" -> the list, spaces trimmed, empties dropped.
QStringList splitCidrs(const QString& commaList);

} // namespace InfluxResponseParser
