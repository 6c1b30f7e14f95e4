// SPDX-License-Identifier: GPL-3.0-or-later
#include "influx/InfluxResponseParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QLocale>

#include <cmath>

namespace InfluxResponseParser {

namespace {

constexpr int MaxQuotedBodyChars = 200;
const char* const NotExecuted = "not executed";

InfluxSeries seriesFromJson(const QJsonObject& object)
{
    InfluxSeries series;
    series.name = object.value(QLatin1String("name")).toString();
    const QJsonObject tags = object.value(QLatin1String("tags")).toObject();
    for (auto it = tags.constBegin(); it != tags.constEnd(); ++it)
        series.tags.insert(it.key(), it.value().toString());
    for (const QJsonValue& column : object.value(QLatin1String("columns")).toArray())
        series.columns.append(column.toString());
    for (const QJsonValue& row : object.value(QLatin1String("values")).toArray())
        series.values.append(row.toArray());
    series.partial = object.value(QLatin1String("partial")).toBool();
    return series;
}

InfluxStatementResult statementFromJson(const QJsonObject& object)
{
    InfluxStatementResult statement;
    statement.statementId = object.value(QLatin1String("statement_id")).toInt();
    statement.error = object.value(QLatin1String("error")).toString();
    statement.partial = object.value(QLatin1String("partial")).toBool();
    for (const QJsonValue& series : object.value(QLatin1String("series")).toArray())
        statement.series.append(seriesFromJson(series.toObject()));
    return statement;
}

/// Chunked answers repeat a statement (and a series) over several lines; later lines continue earlier ones.
void mergeStatement(QList<InfluxStatementResult>& statements, InfluxStatementResult chunk)
{
    for (auto& existing : statements) {
        if (existing.statementId != chunk.statementId)
            continue;
        if (existing.error.isEmpty())
            existing.error = chunk.error;
        existing.partial = chunk.partial;
        for (auto& series : chunk.series) {
            auto same = std::find_if(existing.series.begin(), existing.series.end(), [&series](const InfluxSeries& s) {
                return s.name == series.name && s.tags == series.tags;
            });
            if (same == existing.series.end()) {
                existing.series.append(std::move(series));
            } else {
                same->values.append(series.values);
                same->partial = series.partial;
            }
        }
        return;
    }
    statements.append(std::move(chunk));
}

bool looksTruncated(const QByteArray& body, const QJsonParseError& error)
{
    // The parser ran off the end of a body that started like JSON: the transfer stopped early.
    const QByteArray trimmed = body.trimmed();
    return trimmed.startsWith('{') && error.offset >= trimmed.size() - 1;
}

QString quoted(const QByteArray& body)
{
    QString text = QString::fromUtf8(body.trimmed()).simplified();
    if (text.size() > MaxQuotedBodyChars)
        text = text.left(MaxQuotedBodyChars) + QStringLiteral("…");
    return text;
}

void setBadResponse(InfluxResult& result, const QByteArray& body, const QJsonParseError& error)
{
    result.error = InfluxResult::Error::BadResponse;
    result.statements.clear();
    if (body.trimmed().isEmpty()) {
        result.errorMessage = QStringLiteral("InfluxDB answered with an empty body");
    } else if (looksTruncated(body, error)) {
        result.errorMessage = QStringLiteral("the answer from InfluxDB was cut off after %1 bytes").arg(body.size());
    } else {
        result.errorMessage = QStringLiteral("InfluxDB answered with something that is not its JSON (%1 at byte %2): %3")
                                  .arg(error.errorString())
                                  .arg(error.offset)
                                  .arg(quoted(body));
    }
}

} // namespace

void parseBody(const QByteArray& body, InfluxResult& result)
{
    result.statements.clear();
    QString topLevelError;
    // Chunked answers are one JSON object per line; a plain answer is a single line of the same form.
    const QList<QByteArray> lines = body.trimmed().split('\n');
    for (const QByteArray& line : lines) {
        if (line.trimmed().isEmpty() && lines.size() > 1)
            continue;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !document.isObject()) {
            if (error.error == QJsonParseError::NoError)
                error.error = QJsonParseError::IllegalValue;
            setBadResponse(result, lines.size() > 1 ? line : body, error);
            return;
        }
        const QJsonObject object = document.object();
        if (!object.contains(QLatin1String("results")) && !object.contains(QLatin1String("error"))) {
            result.error = InfluxResult::Error::BadResponse;
            result.errorMessage = QStringLiteral("InfluxDB's answer has no \"results\": %1").arg(quoted(line));
            return;
        }
        if (topLevelError.isEmpty())
            topLevelError = object.value(QLatin1String("error")).toString();
        for (const QJsonValue& statement : object.value(QLatin1String("results")).toArray())
            mergeStatement(result.statements, statementFromJson(statement.toObject()));
    }
    if (!topLevelError.isEmpty()) {
        result.error = InfluxResult::Error::Statement;
        result.errorMessage = QStringLiteral("InfluxDB: %1").arg(topLevelError);
        return;
    }
    // After a failing statement InfluxDB marks the rest "not executed"; the user needs the cause, not those.
    const InfluxStatementResult* failed = nullptr;
    for (const auto& statement : std::as_const(result.statements)) {
        if (statement.error.isEmpty())
            continue;
        if (!failed || (failed->error == QLatin1String(NotExecuted) && statement.error != QLatin1String(NotExecuted)))
            failed = &statement;
    }
    if (failed) {
        result.error = InfluxResult::Error::Statement;
        result.errorMessage = statementErrorMessage(failed->statementId, failed->error);
    }
}

InfluxResult parse(const QByteArray& body)
{
    InfluxResult result;
    parseBody(body, result);
    return result;
}

QString serverErrorText(const QByteArray& body, const QByteArray& influxErrorHeader)
{
    if (!influxErrorHeader.trimmed().isEmpty())
        return QString::fromUtf8(influxErrorHeader.trimmed());
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()) {
        const QJsonObject object = document.object();
        const QString error = object.value(QLatin1String("error")).toString();
        if (!error.isEmpty())
            return error;
        const QString message = object.value(QLatin1String("message")).toString();
        const QString code = object.value(QLatin1String("code")).toString();
        if (!message.isEmpty())
            return code.isEmpty() ? message : QStringLiteral("%1 (%2)").arg(message, code);
    }
    const QByteArray firstLine = body.trimmed().split('\n').constFirst();
    return quoted(firstLine);
}

InfluxResult::Error errorForStatus(int httpStatus)
{
    if (httpStatus == 401 || httpStatus == 403)
        return InfluxResult::Error::Auth;
    if (httpStatus == 429)
        return InfluxResult::Error::RateLimited;
    if (httpStatus >= 500)
        return InfluxResult::Error::Server;
    return InfluxResult::Error::Request;
}

QString httpErrorMessage(int httpStatus, const QString& serverText)
{
    const QString said = serverText.isEmpty() ? QString() : QStringLiteral(": ") + serverText;
    switch (httpStatus) {
    case 400:
        return QStringLiteral("InfluxDB rejected the query (HTTP 400)%1").arg(said);
    case 401:
        return QStringLiteral("InfluxDB refused the credentials (HTTP 401)%1; check the user and password or token")
            .arg(said);
    case 403:
        return QStringLiteral("InfluxDB denied access (HTTP 403)%1; the user may lack read rights on the database")
            .arg(said);
    case 404:
        return QStringLiteral("InfluxDB answered \"not found\" (HTTP 404)%1; is the URL that of an InfluxDB?").arg(said);
    case 429:
        return QStringLiteral("InfluxDB is limiting requests (HTTP 429)%1; polling slows down and retries").arg(said);
    default:
        break;
    }
    if (httpStatus >= 500)
        return QStringLiteral("InfluxDB had an internal error (HTTP %1)%2").arg(httpStatus).arg(said);
    return QStringLiteral("InfluxDB answered HTTP %1%2").arg(httpStatus).arg(said);
}

QString statementErrorMessage(int statementId, const QString& error)
{
    if (error.startsWith(QLatin1String("database not found"))) {
        const QString name = error.section(QLatin1Char(':'), 1).trimmed().remove(QLatin1Char('"'));
        return QStringLiteral("InfluxDB has no database \"%1\"; check the database name of this data source").arg(name);
    }
    if (error == QLatin1String("database name required"))
        return QStringLiteral("no database is set for this data source; InfluxDB needs one");
    return QStringLiteral("InfluxDB could not run statement %1: %2").arg(statementId).arg(error);
}

QDateTime timeFromCell(const QJsonValue& cell, InfluxQuery::Epoch epoch)
{
    if (cell.isString())
        return QDateTime::fromString(cell.toString(), Qt::ISODateWithMs).toUTC();
    const std::optional<qint64> value = integerFromCell(cell);
    if (!value)
        return {};
    const qint64 ms = epoch == InfluxQuery::Epoch::Nanoseconds ? *value / 1000000 : *value;
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

std::optional<qint64> integerFromCell(const QJsonValue& cell)
{
    if (!cell.isDouble())
        return std::nullopt;
    // Qt keeps JSON integers as qint64; toInteger() returns them exactly and refuses fractions.
    const QVariant variant = cell.toVariant();
    if (variant.typeId() == QMetaType::LongLong || variant.typeId() == QMetaType::Int)
        return variant.toLongLong();
    const double value = cell.toDouble();
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 9.2e18)
        return qint64(value);
    return std::nullopt;
}

std::optional<double> numberFromCell(const QJsonValue& cell)
{
    if (!cell.isDouble())
        return std::nullopt;
    return cell.toDouble();
}

QDateTime timeFromHttpDate(const QByteArray& header)
{
    // The C locale: day and month names are English whatever the user's locale is.
    QDateTime time = QLocale::c().toDateTime(QString::fromLatin1(header.trimmed()),
                                             QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    time.setTimeSpec(Qt::UTC);
    return time;
}

QDateTime handshakeFromNanoseconds(qint64 nanoseconds)
{
    if (nanoseconds <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(nanoseconds / 1000000, Qt::UTC);
}

int keepaliveSecondsFromNanoseconds(qint64 nanoseconds)
{
    return nanoseconds <= 0 ? 0 : int(nanoseconds / 1000000000);
}

QStringList splitCidrs(const QString& commaList)
{
    QStringList cidrs;
    for (const QString& part : commaList.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString trimmed = part.trimmed();
        if (!trimmed.isEmpty())
            cidrs.append(trimmed);
    }
    return cidrs;
}

} // namespace InfluxResponseParser
