// SPDX-License-Identifier: GPL-3.0-or-later
#include "influx/InfluxClient.h"

#include "http/GuardedReply.h"
#include "http/TlsTrust.h"
#include "influx/InfluxResponseParser.h"
#include "topology/UrlUserInfo.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QTimer>

namespace {

QByteArray encodedParameter(const char* name, const QString& value)
{
    // Percent-encode everything reserved: public keys carry '+', which a server would read as a space.
    return QByteArray(name) + '=' + QUrl::toPercentEncoding(value);
}


/// InfluxDB 1.x answers several statements on a missing database with nothing but "not executed": say what
/// that almost always means.
void explainNotExecuted(InfluxResult& result, const QString& database)
{
    if (result.error != InfluxResult::Error::Statement)
        return;
    for (const auto& statement : std::as_const(result.statements)) {
        if (!statement.error.isEmpty() && statement.error != QLatin1String("not executed"))
            return;
    }
    result.errorMessage = QStringLiteral("InfluxDB did not run the query (\"not executed\"); most often the database "
                                         "\"%1\" does not exist: check the database name of this data source")
                              .arg(database);
}

QString retryAfterText(const QByteArray& retryAfter)
{
    bool seconds = false;
    retryAfter.trimmed().toLongLong(&seconds);
    const QString text = QString::fromLatin1(retryAfter.trimmed());
    return seconds ? QStringLiteral(" (retry after %1 s)").arg(text) : QStringLiteral(" (retry after %1)").arg(text);
}

} // namespace

void InfluxQueryReply::abort()
{
    m_aborted = true;
    if (m_reply)
        m_reply->abort();
}

/// The Authorization value; the caller wipes it once GuardedReply has taken its own copy.
QByteArray InfluxClient::authorization() const
{
    switch (m_connection.auth) {
    case DataSource::InfluxAuth::None:
        return {};
    case DataSource::InfluxAuth::UserPassword: {
        QByteArray pair = m_connection.credentials.user + ':' + m_connection.credentials.secret;
        QByteArray value = "Basic " + pair.toBase64();
        InfluxCredentials::wipeBytes(pair);
        return value;
    }
    case DataSource::InfluxAuth::Token:
        return "Token " + m_connection.credentials.secret;
    }
    return {};
}

HttpLimits InfluxClient::queryLimits() const
{
    return m_queryLimits.value_or(HttpLimits::query(m_connection.timeoutMs));
}

InfluxClient::InfluxClient(QNetworkAccessManager* network, QObject* parent)
    : QObject(parent)
    , m_network(network)
{
}

void InfluxClient::setConnection(const InfluxConnection& connection)
{
    // QNetworkAccessManager keeps the TLS verdict of an open or failed connection to a host; a newly picked CA
    // file would otherwise not be used until the app restarts.
    const bool trustChanged = connection.caFile != m_connection.caFile && connection.url.scheme() == QLatin1String("https");
    m_connection = connection;
    if (trustChanged)
        m_network->clearConnectionCache();
}

QString InfluxClient::serverName() const
{
    const QUrl& url = m_connection.url;
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
}

QNetworkRequest InfluxClient::makeRequest(const QString& path, const QByteArray& encodedQuery) const
{
    QUrl url = m_connection.url;
    QString basePath = url.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + path);
    url.setQuery(QString::fromLatin1(encodedQuery), QUrl::StrictMode);

    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("Tunnelscope/" TUNNELSCOPE_VERSION));
    request.setTransferTimeout(m_connection.timeoutMs);
    TlsTrust::apply(request, m_connection.caFile);
    return request;
}

GuardedReply* InfluxClient::send(const QString& path, const QByteArray& encodedQuery, const HttpLimits& limits,
                                 QObject* context, ExchangeHandler handler)
{
    const QString problem = TlsTrust::caFileProblem(m_connection.caFile);
    if (!problem.isEmpty() || !m_connection.url.isValid() || m_connection.url.host().isEmpty()) {
        Exchange exchange;
        exchange.transportError = problem.isEmpty() ? InfluxResult::Error::Request : InfluxResult::Error::Tls;
        exchange.transportMessage = problem.isEmpty()
            ? QStringLiteral("the InfluxDB URL \"%1\" is not a valid http(s) URL").arg(UrlUserInfo::displayed(m_connection.url))
            : problem;
        // Asynchronous like every other answer, so callers can connect after asking.
        QTimer::singleShot(0, context, [handler, exchange] { handler(exchange); });
        return nullptr;
    }

    QByteArray credentials = authorization();
    GuardedReply* reply = GuardedReply::get(m_network, makeRequest(path, encodedQuery), credentials, limits, context);
    InfluxCredentials::wipeBytes(credentials);
    const QString server = serverName();
    const int timeoutSeconds = std::max(1, m_connection.timeoutMs / 1000);
    connect(reply, &GuardedReply::finished, context, [handler, server, timeoutSeconds](const HttpExchange& http) {
        handler(exchangeOf(http, server, timeoutSeconds));
    });
    return reply;
}

InfluxClient::Exchange InfluxClient::exchangeOf(const HttpExchange& http, const QString& server, int timeoutSeconds)
{
    Exchange exchange;
    exchange.latencyMs = http.latencyMs;
    exchange.httpStatus = http.status;
    exchange.body = http.body;
    exchange.influxError = http.header("X-Influxdb-Error");
    exchange.version = http.header("X-Influxdb-Version");
    exchange.retryAfter = http.header("Retry-After");
    exchange.date = http.header("Date");
    using Failure = HttpExchange::Failure;
    switch (http.failure) {
    case Failure::None:
    case Failure::Canceled:
        break;
    case Failure::TooLarge:
        exchange.transportError = InfluxResult::Error::BadResponse;
        exchange.transportMessage = QStringLiteral("%1: %2").arg(server, http.message);
        break;
    case Failure::Deadline:
        exchange.transportError = InfluxResult::Error::Timeout;
        exchange.transportMessage = QStringLiteral("%1: %2").arg(server, http.message);
        break;
    case Failure::Redirect:
        exchange.transportError = InfluxResult::Error::Request;
        exchange.transportMessage = QStringLiteral("%1: %2").arg(server, http.message);
        break;
    case Failure::Network:
        describeNetworkFailure(http, server, timeoutSeconds, exchange);
        break;
    }
    return exchange;
}

void InfluxClient::describeNetworkFailure(const HttpExchange& http, const QString& server, int timeoutSeconds,
                                          Exchange& exchange)
{
    if (!http.sslErrors.isEmpty()) {
        exchange.transportError = InfluxResult::Error::Tls;
        exchange.transportMessage = QStringLiteral("the TLS certificate of %1 is not trusted: %2; if it comes from a "
                                                   "private CA, pick that CA file for this data source in the Data "
                                                   "Sources dialog")
                                        .arg(server, http.sslErrors.join(QStringLiteral("; ")));
    } else if (http.status == 0) {
        switch (http.networkError) {
        case QNetworkReply::ConnectionRefusedError:
            exchange.transportError = InfluxResult::Error::Connection;
            exchange.transportMessage =
                QStringLiteral("%1 refused the connection; is InfluxDB running and the tunnel up?").arg(server);
            break;
        case QNetworkReply::HostNotFoundError:
            exchange.transportError = InfluxResult::Error::Connection;
            exchange.transportMessage = QStringLiteral("the host of %1 was not found").arg(server);
            break;
        case QNetworkReply::TimeoutError:
        case QNetworkReply::OperationCanceledError:
            exchange.transportError = InfluxResult::Error::Timeout;
            exchange.transportMessage =
                QStringLiteral("%1 did not answer within %2 s").arg(server).arg(timeoutSeconds);
            break;
        case QNetworkReply::SslHandshakeFailedError:
            exchange.transportError = InfluxResult::Error::Tls;
            exchange.transportMessage =
                QStringLiteral("the TLS handshake with %1 failed: %2").arg(server, http.errorString);
            break;
        default:
            exchange.transportError = InfluxResult::Error::Connection;
            exchange.transportMessage = QStringLiteral("%1: %2").arg(server, http.errorString);
            break;
        }
    } else if (http.status / 100 == 2) {
        // Headers arrived but the body did not: treat what we have as a cut-off answer.
        exchange.transportError = InfluxResult::Error::BadResponse;
        exchange.transportMessage = QStringLiteral("the answer from %1 was cut off after %2 bytes (%3)")
                                        .arg(server)
                                        .arg(exchange.body.size())
                                        .arg(http.errorString);
    }
}

InfluxResult InfluxClient::resultOf(const Exchange& exchange, bool aborted)
{
    InfluxResult result;
    result.httpStatus = exchange.httpStatus;
    result.latencyMs = exchange.latencyMs;
    result.serverVersion = QString::fromUtf8(exchange.version);
    result.serverTime = InfluxResponseParser::timeFromHttpDate(exchange.date);
    if (exchange.httpStatus == 429 || exchange.httpStatus == 503)
        result.retryAfter = exchange.retryAfter; // elsewhere it means nothing for a poll
    if (aborted) {
        result.error = InfluxResult::Error::Canceled;
        result.errorMessage = QStringLiteral("the request was canceled");
        return result;
    }
    if (exchange.transportError != InfluxResult::Error::None) {
        result.error = exchange.transportError;
        result.errorMessage = exchange.transportMessage;
        return result;
    }
    if (exchange.httpStatus / 100 != 2) {
        result.error = InfluxResponseParser::errorForStatus(exchange.httpStatus);
        result.errorMessage = InfluxResponseParser::httpErrorMessage(
            exchange.httpStatus, InfluxResponseParser::serverErrorText(exchange.body, exchange.influxError));
        if (!result.retryAfter.isEmpty())
            result.errorMessage += retryAfterText(result.retryAfter);
        return result;
    }
    InfluxResponseParser::parseBody(exchange.body, result);
    return result;
}

InfluxQueryReply* InfluxClient::query(const InfluxQuery& query)
{
    auto* reply = new InfluxQueryReply(this);
    const QString database = query.database.isEmpty() ? m_connection.database : query.database;
    QByteArray parameters = encodedParameter("q", query.joinedStatements());
    if (!database.isEmpty())
        parameters += '&' + encodedParameter("db", database);
    parameters += '&' + encodedParameter("epoch", InfluxQuery::epochName(query.epoch));
    reply->m_reply = send(QStringLiteral("/query"), parameters, queryLimits(), reply, [reply, database](const Exchange& exchange) {
        InfluxResult result = resultOf(exchange, reply->m_aborted);
        explainNotExecuted(result, database);
        Q_EMIT reply->finished(result);
        reply->deleteLater();
    });
    return reply;
}

InfluxProbeReply* InfluxClient::probe()
{
    auto* reply = new InfluxProbeReply(this);
    sendProbe(reply, QStringLiteral("/health"));
    return reply;
}

void InfluxClient::sendProbe(InfluxProbeReply* reply, const QString& path)
{
    send(path, {}, HttpLimits::probe(m_connection.timeoutMs), reply, [this, reply, path](const Exchange& exchange) {
        InfluxProbeResult result;
        result.endpoint = path;
        result.httpStatus = exchange.httpStatus;
        result.latencyMs = exchange.latencyMs;
        result.version = QString::fromUtf8(exchange.version);
        const bool isHealth = path == QLatin1String("/health");
        // 1.6/1.7 have no /health (404); 3.x guards it with auth while /ping may be open: ask /ping then.
        if (isHealth && exchange.transportError == InfluxResult::Error::None
            && (exchange.httpStatus == 404 || exchange.httpStatus == 401 || exchange.httpStatus == 403)) {
            sendProbe(reply, QStringLiteral("/ping"));
            return;
        }
        if (exchange.transportError != InfluxResult::Error::None) {
            result.message = exchange.transportMessage;
        } else if (exchange.httpStatus / 100 == 2) {
            result.ok = true;
            const QJsonObject health = QJsonDocument::fromJson(exchange.body).object();
            result.message = health.value(QLatin1String("message")).toString();
            if (result.version.isEmpty())
                result.version = health.value(QLatin1String("version")).toString();
            if (!health.isEmpty() && health.value(QLatin1String("status")).toString(QStringLiteral("pass"))
                    != QLatin1String("pass")) {
                result.ok = false;
            }
            if (result.message.isEmpty())
                result.message = isHealth ? QString::fromUtf8(exchange.body.trimmed()) : QStringLiteral("answers /ping");
        } else {
            result.message = InfluxResponseParser::httpErrorMessage(
                exchange.httpStatus, InfluxResponseParser::serverErrorText(exchange.body, exchange.influxError));
        }
        Q_EMIT reply->finished(result);
        reply->deleteLater();
    });
}
