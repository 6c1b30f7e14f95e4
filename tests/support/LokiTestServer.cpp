// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/LokiTestServer.h"

#include "loki/LokiResponseParser.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QTcpSocket>

#include <algorithm>
#include <cmath>

namespace {

constexpr qint64 NanosecondsPerSecond = 1000000000;

struct Matcher
{
    QString name;
    QString op;
    QString value;

    bool matches(const QMap<QString, QString>& labels) const
    {
        const QString actual = labels.value(name);
        if (op == QLatin1String("="))
            return actual == value;
        if (op == QLatin1String("!="))
            return actual != value;
        const QRegularExpression expression(QRegularExpression::anchoredPattern(value));
        const bool found = expression.match(actual).hasMatch();
        return op == QLatin1String("=~") ? found : !found;
    }
    /// Loki refuses selectors whose every matcher also matches the empty string.
    bool emptyCompatible() const { return matches({}); }
};

struct LineFilter
{
    QString op;
    QString text;

    bool matches(const QString& line) const
    {
        if (op == QLatin1String("|="))
            return line.contains(text);
        if (op == QLatin1String("!="))
            return !line.contains(text);
        const bool found = QRegularExpression(text).match(line).hasMatch();
        return op == QLatin1String("|~") ? found : !found;
    }
};

/// The part of LogQL this server understands: a selector, line filters, optionally count_over_time.
struct ParsedQuery
{
    QList<Matcher> matchers;
    QList<LineFilter> filters;
    bool metric = false;
    bool grouped = false;
    QStringList groupBy;
    qint64 rangeSeconds = 0;
    QByteArray error; ///< Loki's parse error text

    bool selects(const LokiEntry& entry) const
    {
        return std::all_of(matchers.cbegin(), matchers.cend(), [&](const Matcher& m) {
            return m.matches(entry.labels);
        }) && std::all_of(filters.cbegin(), filters.cend(), [&](const LineFilter& f) { return f.matches(entry.line); });
    }
};

QString unescape(QString text)
{
    text.replace(QStringLiteral("\\\""), QStringLiteral("\""));
    text.replace(QStringLiteral("\\\\"), QStringLiteral("\\"));
    return text;
}

qint64 durationSeconds(const QString& amount, const QString& unit)
{
    const qint64 value = amount.toLongLong();
    if (unit == QLatin1String("m"))
        return value * 60;
    if (unit == QLatin1String("h"))
        return value * 3600;
    if (unit == QLatin1String("d"))
        return value * 86400;
    return value;
}

void parseLogQuery(const QString& text, ParsedQuery* parsed)
{
    const qsizetype open = text.indexOf(QLatin1Char('{'));
    const qsizetype close = text.indexOf(QLatin1Char('}'));
    if (open != 0 || close < 0) {
        // The recorded error for a selector that never closes: Loki reports the column after the end.
        parsed->error = QStringLiteral("parse error at line 1, col %1: syntax error: unexpected $end, expecting } or ,")
                            .arg(text.size() + 1)
                            .toUtf8();
        return;
    }
    static const QRegularExpression matcherPattern(QStringLiteral(R"re((\w+)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)")re"));
    const QString selector = text.mid(open + 1, close - open - 1);
    for (auto it = matcherPattern.globalMatch(selector); it.hasNext();) {
        const auto match = it.next();
        parsed->matchers.append({ match.captured(1), match.captured(2), unescape(match.captured(3)) });
    }
    static const QRegularExpression filterPattern(QStringLiteral(R"re((\|=|!=|\|~|!~)\s*"((?:[^"\\]|\\.)*)")re"));
    for (auto it = filterPattern.globalMatch(text.mid(close + 1)); it.hasNext();) {
        const auto match = it.next();
        parsed->filters.append({ match.captured(1), unescape(match.captured(2)) });
    }
    const bool allEmptyCompatible = std::all_of(
        parsed->matchers.cbegin(), parsed->matchers.cend(), [](const Matcher& m) { return m.emptyCompatible(); });
    if (allEmptyCompatible)
        parsed->error = LokiTestServer::recordedBody(QStringLiteral("error_logql_empty_matcher.txt"));
}

ParsedQuery parseQuery(const QString& text)
{
    ParsedQuery parsed;
    static const QRegularExpression metricPattern(QStringLiteral(
        R"re(^\s*(?:sum\s+by\s*\(([^)]*)\)\s*\()?\s*count_over_time\s*\((.*)\[(\d+)([smhd])\]\s*\)\s*(\))?\s*$)re"));
    const auto metric = metricPattern.match(text);
    if (!metric.hasMatch()) {
        parseLogQuery(text.trimmed(), &parsed);
        return parsed;
    }
    parsed.metric = true;
    parsed.grouped = metric.capturedLength(1) > 0;
    for (const QString& name : metric.captured(1).split(QLatin1Char(','), Qt::SkipEmptyParts))
        parsed.groupBy.append(name.trimmed());
    parsed.rangeSeconds = durationSeconds(metric.captured(3), metric.captured(4));
    parseLogQuery(metric.captured(2).trimmed(), &parsed);
    return parsed;
}

/// Loki's parseTimestamp: "." means float seconds, up to 10 digits seconds, longer nanoseconds.
qint64 parseTime(const QString& text, qint64 fallbackNs)
{
    if (text.isEmpty())
        return fallbackNs;
    if (text.contains(QLatin1Char('.')))
        return qint64(text.toDouble() * NanosecondsPerSecond);
    const qint64 value = text.toLongLong();
    return text.size() <= 10 ? value * NanosecondsPerSecond : value;
}

/// Go's time.Duration String for whole seconds: 960h0m0s.
QString goDuration(qint64 seconds)
{
    return QStringLiteral("%1h%2m%3s").arg(seconds / 3600).arg(seconds % 3600 / 60).arg(seconds % 60);
}

QJsonObject labelObject(const QMap<QString, QString>& labels)
{
    QJsonObject object;
    for (auto it = labels.constBegin(); it != labels.constEnd(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

QJsonObject statsObject(qsizetype returned)
{
    const QJsonObject recorded
        = QJsonDocument::fromJson(LokiTestServer::recordedFile(QStringLiteral("query_range_streams.json")))
              .object()
              .value(QLatin1String("data"))
              .toObject()
              .value(QLatin1String("stats"))
              .toObject();
    QJsonObject stats = recorded;
    QJsonObject summary = stats.value(QLatin1String("summary")).toObject();
    summary.insert(QStringLiteral("totalEntriesReturned"), qint64(returned));
    stats.insert(QStringLiteral("summary"), summary);
    return stats;
}

QByteArray successBody(const QString& resultType, const QJsonArray& result)
{
    QJsonObject data { { QStringLiteral("resultType"), resultType },
        { QStringLiteral("result"), result },
        { QStringLiteral("stats"), statsObject(result.size()) } };
    return QJsonDocument(
        QJsonObject { { QStringLiteral("status"), QStringLiteral("success") }, { QStringLiteral("data"), data } })
        .toJson(QJsonDocument::Compact);
}

QJsonArray streamsResult(const QList<LokiEntry>& entries)
{
    QList<QMap<QString, QString>> order;
    QHash<QString, QJsonArray> values;
    for (const LokiEntry& entry : entries) {
        const QString key = entry.labelsText();
        if (!values.contains(key))
            order.append(entry.labels);
        values[key].append(QJsonArray { QString::number(entry.timestampNs), entry.line });
    }
    QJsonArray result;
    for (const auto& labels : order) {
        LokiEntry probe;
        probe.labels = labels;
        result.append(QJsonObject { { QStringLiteral("stream"), labelObject(labels) },
            { QStringLiteral("values"), values.value(probe.labelsText()) } });
    }
    return result;
}

QJsonArray matrixResult(
    const QList<LokiEntry>& entries, const ParsedQuery& parsed, qint64 startNs, qint64 endNs, qint64 stepSeconds)
{
    QMap<QString, QPair<QMap<QString, QString>, QJsonArray>> series;
    const qint64 rangeNs = parsed.rangeSeconds * NanosecondsPerSecond;
    for (qint64 t = startNs; t <= endNs; t += stepSeconds * NanosecondsPerSecond) {
        QMap<QString, QPair<QMap<QString, QString>, qint64>> counts;
        for (const LokiEntry& entry : entries) {
            if (entry.timestampNs <= t - rangeNs || entry.timestampNs > t)
                continue;
            QMap<QString, QString> metric = entry.labels;
            if (parsed.grouped) {
                metric.clear();
                for (const QString& name : parsed.groupBy) {
                    if (entry.labels.contains(name))
                        metric.insert(name, entry.labels.value(name));
                }
            }
            LokiEntry key;
            key.labels = metric;
            auto& slot = counts[key.labelsText()];
            slot.first = metric;
            ++slot.second;
        }
        for (auto it = counts.constBegin(); it != counts.constEnd(); ++it) {
            auto& one = series[it.key()];
            one.first = it->first;
            // Whole seconds are integers in Loki's JSON, as in the recording.
            const QJsonValue time = t % NanosecondsPerSecond == 0 ? QJsonValue(t / NanosecondsPerSecond)
                                                                  : QJsonValue(double(t) / NanosecondsPerSecond);
            one.second.append(QJsonArray { time, QString::number(it->second) });
        }
    }
    QJsonArray result;
    for (const auto& one : series)
        result.append(QJsonObject {
            { QStringLiteral("metric"), labelObject(one.first) }, { QStringLiteral("values"), one.second } });
    return result;
}

} // namespace

LokiTestServer::LokiTestServer(QObject* parent)
    : QObject(parent)
    , m_entries(recordedEntries())
{
    connect(&m_server, &QTcpServer::newConnection, this, &LokiTestServer::onNewConnection);
}

bool LokiTestServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl LokiTestServer::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
}

QList<LokiTestServer::Request> LokiTestServer::requestsTo(const QString& path) const
{
    QList<Request> matching;
    std::copy_if(m_requests.cbegin(), m_requests.cend(), std::back_inserter(matching), [&](const Request& request) {
        return request.path == path;
    });
    return matching;
}

QByteArray LokiTestServer::recordedFile(const QString& name)
{
    QFile file(QStringLiteral(TUNNELSCOPE_TEST_DATA_DIR "/loki/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("LokiTestServer: cannot read recorded file %s", qPrintable(file.fileName()));
    return file.readAll();
}

QByteArray LokiTestServer::recordedBody(const QString& name)
{
    const QByteArray file = recordedFile(name);
    return file.mid(file.indexOf("\r\n\r\n") + 4);
}

QList<LokiEntry> LokiTestServer::recordedEntries()
{
    return LokiResponseParser::parseQuery(recordedFile(QStringLiteral("query_range_streams.json"))).entries;
}

QList<LokiEntry> LokiTestServer::generatedEntries(int count, qint64 newestNs, int linesPerTimestamp)
{
    const QList<LokiEntry> recorded = recordedEntries();
    QList<LokiEntry> entries;
    entries.reserve(count);
    for (int i = 0; i < count; ++i) {
        LokiEntry entry = recorded.at(i % recorded.size());
        entry.timestampNs = newestNs - qint64(i / std::max(1, linesPerTimestamp)) * NanosecondsPerSecond;
        entries.append(entry);
    }
    return entries;
}

void LokiTestServer::onNewConnection()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void LokiTestServer::onReadyRead(QTcpSocket* socket)
{
    QByteArray& buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (qsizetype end = buffer.indexOf("\r\n\r\n"); end >= 0; end = buffer.indexOf("\r\n\r\n")) {
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        buffer.remove(0, end + 4);
        const QList<QByteArray> requestLine = lines.constFirst().trimmed().split(' ');
        Request request;
        request.method = requestLine.value(0);
        const QUrl target(QString::fromLatin1(requestLine.value(1)));
        request.path = target.path();
        request.query = QUrlQuery(target);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon > 0)
                request.headers.insert(
                    lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed());
        }
        // Only GETs are served; a body (none expected) is skipped by its length.
        buffer.remove(0, request.header("content-length").toLongLong());
        m_requests.append(request);
        handle(socket, request);
    }
}

void LokiTestServer::handle(QTcpSocket* socket, const Request& request)
{
    if (m_fault == Fault::NeverAnswer)
        return;
    if (m_fault == Fault::Truncated) {
        const QByteArray body = recordedFile(QStringLiteral("query_range_streams.json"));
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body.left(body.size() / 2));
        socket->disconnectFromHost();
        return;
    }
    if (!m_basicAuth.isEmpty() && request.header("authorization") != m_basicAuth) {
        Response denied = plainError(401, "Unauthorized", "401 Authorization Required\n", false);
        denied.extraHeaders.append(qMakePair(QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Basic realm=\"Loki\"")));
        socket->write(serialize(denied));
        return;
    }
    if (request.path == QLatin1String("/ready")) {
        socket->write(recordedFile(
            m_fault == Fault::NotReady ? QStringLiteral("ready_503_starting.txt") : QStringLiteral("ready.txt")));
        return;
    }
    socket->write(serialize(route(request)));
}

LokiTestServer::Response LokiTestServer::route(const Request& request) const
{
    if (m_requireTenant && request.header("x-scope-orgid").isEmpty())
        return plainError(401, "Unauthorized", "no org id\n", false);
    switch (m_fault) {
    case Fault::ServerError:
        return plainError(
            500, "Internal Server Error", "rpc error: code = Unavailable desc = all ingesters are unhealthy\n", false);
    case Fault::TooManyRequests:
        return plainError(429, "Too Many Requests", "too many outstanding requests\n", false);
    case Fault::Garbage: {
        Response garbage;
        garbage.body = QByteArray("\x1f\x8b garbage }{ not json \x01\x02", 26);
        return garbage;
    }
    default:
        break;
    }
    static const QRegularExpression labelValuesPath(QStringLiteral("^/loki/api/v1/label/(\\w+)/values$"));
    const auto valuesMatch = labelValuesPath.match(request.path);
    if (request.path == QLatin1String("/loki/api/v1/query_range"))
        return queryRange(request);
    if (request.path == QLatin1String("/loki/api/v1/labels"))
        return labels(request, {});
    if (valuesMatch.hasMatch())
        return labels(request, valuesMatch.captured(1));
    return plainError(404, "Not Found", "404 page not found\n", false);
}

LokiTestServer::Response LokiTestServer::queryRange(const Request& request) const
{
    const ParsedQuery parsed = parseQuery(request.item(QStringLiteral("query")));
    if (!parsed.error.isEmpty())
        return plainError(400, "Bad Request", parsed.error, true);
    const qint64 nowNs = QDateTime::currentMSecsSinceEpoch() * 1000000;
    const qint64 endNs = parseTime(request.item(QStringLiteral("end")), nowNs);
    const qint64 startNs = parseTime(request.item(QStringLiteral("start")), endNs - 3600 * NanosecondsPerSecond);
    const int limit
        = request.item(QStringLiteral("limit")).isEmpty() ? 100 : request.item(QStringLiteral("limit")).toInt();
    if (!parsed.metric && limit > MaxEntriesLimit)
        return plainError(400,
            "Bad Request",
            QStringLiteral("max entries limit per query exceeded, limit > max_entries_limit (%1 > %2)")
                .arg(limit)
                .arg(MaxEntriesLimit)
                .toUtf8(),
            true);
    const qint64 lengthSeconds = (endNs - startNs) / NanosecondsPerSecond;
    if (lengthSeconds > MaxQueryLengthHours * 3600)
        return plainError(400,
            "Bad Request",
            QStringLiteral("the query time range exceeds the limit (query length: %1, limit: %2)")
                .arg(goDuration(lengthSeconds), goDuration(MaxQueryLengthHours * 3600))
                .toUtf8(),
            true);

    QList<LokiEntry> selected;
    std::copy_if(m_entries.cbegin(), m_entries.cend(), std::back_inserter(selected), [&](const LokiEntry& entry) {
        return parsed.selects(entry);
    });
    Response response;
    response.chunked = true;
    if (parsed.metric) {
        const qint64 defaultStep = std::max<qint64>(lengthSeconds / 250, 1);
        const qint64 step = request.item(QStringLiteral("step")).isEmpty()
            ? defaultStep
            : request.item(QStringLiteral("step")).toLongLong();
        if (step <= 0 || lengthSeconds / step > MaxPointsPerSeries)
            return plainError(400, "Bad Request", recordedBody(QStringLiteral("error_too_many_points.txt")), true);
        response.body = successBody(QStringLiteral("matrix"), matrixResult(selected, parsed, startNs, endNs, step));
        return response;
    }
    const bool forward
        = request.item(QStringLiteral("direction")).compare(QLatin1String("forward"), Qt::CaseInsensitive) == 0;
    selected.removeIf(
        [&](const LokiEntry& entry) { return entry.timestampNs < startNs || entry.timestampNs >= endNs; });
    LokiResponseParser::sortEntries(selected, forward ? LokiDirection::Forward : LokiDirection::Backward);
    if (selected.size() > limit)
        selected.resize(limit);
    response.body = successBody(QStringLiteral("streams"), streamsResult(selected));
    return response;
}

LokiTestServer::Response LokiTestServer::labels(const Request& request, const QString& labelName) const
{
    Q_UNUSED(request);
    QStringList values;
    for (const LokiEntry& entry : m_entries) {
        const QStringList candidates
            = labelName.isEmpty() ? entry.labels.keys() : QStringList { entry.labels.value(labelName) };
        for (const QString& value : candidates) {
            if (!value.isEmpty() && !values.contains(value))
                values.append(value);
        }
    }
    values.sort();
    Response response;
    response.body = QJsonDocument(QJsonObject { { QStringLiteral("status"), QStringLiteral("success") },
                                      { QStringLiteral("data"), QJsonArray::fromStringList(values) } })
                        .toJson(QJsonDocument::Compact);
    return response;
}

LokiTestServer::Response LokiTestServer::plainError(
    int status, const QByteArray& reason, const QByteArray& body, bool jsonLabel)
{
    // Query errors of 2.7 are plain text labelled JSON (see error_*.txt); the others are text/plain with nosniff.
    Response response;
    response.status = status;
    response.reason = reason;
    response.body = body;
    response.contentType = jsonLabel ? "application/json; charset=UTF-8" : "text/plain; charset=utf-8";
    if (!jsonLabel)
        response.extraHeaders.append(
            qMakePair(QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")));
    return response;
}

QByteArray LokiTestServer::serialize(const Response& response)
{
    const QByteArray date
        = QLocale::c()
              .toString(QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
              .toLatin1();
    QByteArray bytes = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + response.reason + "\r\n";
    bytes += "Content-Type: " + response.contentType + "\r\n";
    for (const auto& header : response.extraHeaders)
        bytes += header.first + ": " + header.second + "\r\n";
    bytes += "Date: " + date + "\r\n";
    if (response.chunked) {
        bytes += "Transfer-Encoding: chunked\r\n\r\n";
        bytes += QByteArray::number(response.body.size(), 16) + "\r\n" + response.body + "\r\n0\r\n\r\n";
    } else {
        bytes += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n\r\n" + response.body;
    }
    return bytes;
}
