// SPDX-License-Identifier: GPL-3.0-or-later
#include "loki/LokiClient.h"

#include "http/GuardedReply.h"
#include "http/TlsTrust.h"
#include "loki/LokiPager.h"
#include "loki/LokiResponseParser.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QTimer>

#include <sodium.h>

struct LokiClient::LogPaging
{
    LokiLogQuery query;
    LokiPager pager;
};

namespace {

void zeroBytes(QByteArray& bytes)
{
    if (!bytes.isEmpty())
        sodium_memzero(bytes.data(), size_t(bytes.size()));
    bytes.clear();
}

LokiError badResponse(const QString& message, const QString& serverText = {})
{
    LokiError error;
    error.kind = LokiError::Kind::BadResponse;
    error.message = message;
    error.serverText = serverText;
    return error;
}

QString endpointText(const QUrl& url)
{
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
}

} // namespace

LokiClient::LokiClient(QNetworkAccessManager* network, const LokiConnection& connection, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_connection(connection)
{
    // QNetworkAccessManager keeps the TLS verdict of a connection to a host; a CA file picked after a failure
    // would otherwise not be used until the app restarts.
    if (!connection.caFile.isEmpty() && connection.baseUrl.scheme() == QLatin1String("https"))
        m_network->clearConnectionCache();
}

LokiClient::~LokiClient()
{
    cancelAll();
    zeroBytes(m_authorization);
}

QUrl LokiClient::endpointUrl(const QString& path) const
{
    QUrl url = m_connection.baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + path);
    return url;
}

void LokiClient::setCredentials(LokiCredentials&& credentials)
{
    zeroBytes(m_authorization);
    if (!credentials.isEmpty()) {
        QByteArray pair = credentials.user.toUtf8() + ':' + credentials.secret;
        m_authorization = QByteArrayLiteral("Basic ") + pair.toBase64();
        zeroBytes(pair);
    }
    zeroBytes(credentials.secret);
}

quint64 LokiClient::checkReady()
{
    const quint64 id = nextId();
    send(id, QStringLiteral("/ready"), {}, HttpLimits::probe(m_connection.timeoutMs), [this, id](const Outcome& outcome) {
        LokiReadyResult result;
        result.requestId = id;
        result.latencyMs = outcome.latencyMs;
        result.error = outcome.error;
        // Loki answers exactly "ready\n"; anything else with 200 is some other server on that port.
        result.ready = outcome.error.ok() && outcome.body.trimmed() == "ready";
        if (outcome.error.ok() && !result.ready) {
            const QString text = LokiResponseParser::errorBodyText(outcome.body);
            result.error = badResponse(QStringLiteral("/ready answered 200 but not \"ready\": %1").arg(text), text);
        }
        Q_EMIT readyFinished(result);
    });
    return id;
}

quint64 LokiClient::queryLogs(const LokiLogQuery& query)
{
    const quint64 id = nextId();
    auto* paging = new LogPaging { query, LokiPager(query) };
    m_paging.insert(id, paging);
    if (paging->pager.finished()) {
        // An empty range needs no request; the answer still comes later, like every other answer.
        QTimer::singleShot(0, this, [this, id] {
            if (m_paging.contains(id))
                finishLogs(id, {});
        });
        return id;
    }
    requestLogPage(id);
    return id;
}

void LokiClient::requestLogPage(quint64 requestId)
{
    const LogPaging* paging = m_paging.value(requestId);
    const LokiPager::Page page = paging->pager.nextPage();
    QUrlQuery parameters;
    parameters.addQueryItem(QStringLiteral("query"), paging->query.logql);
    parameters.addQueryItem(QStringLiteral("start"), nanosecondsText(page.startNs));
    parameters.addQueryItem(QStringLiteral("end"), nanosecondsText(page.endNs));
    parameters.addQueryItem(QStringLiteral("limit"), QString::number(page.limit));
    parameters.addQueryItem(QStringLiteral("direction"), lokiDirectionName(paging->query.direction));
    send(requestId, QStringLiteral("/loki/api/v1/query_range"), parameters, HttpLimits::query(m_connection.timeoutMs),
        [this, requestId](const Outcome& outcome) {
        onLogPage(requestId, outcome);
    });
}

void LokiClient::onLogPage(quint64 requestId, const Outcome& outcome)
{
    LogPaging* paging = m_paging.value(requestId);
    if (!outcome.error.ok())
        return finishLogs(requestId, outcome.error);
    const auto data = LokiResponseParser::parseQuery(outcome.body, paging->query.direction);
    if (!data.ok())
        return finishLogs(requestId, badResponse(data.error));
    if (data.resultType != QLatin1String("streams"))
        return finishLogs(requestId,
            badResponse(QStringLiteral("a log query got a %1 answer; use a metric query for it").arg(data.resultType)));
    paging->pager.addBatch(data.entries);
    if (paging->pager.finished())
        return finishLogs(requestId, {});
    requestLogPage(requestId);
}

void LokiClient::finishLogs(quint64 requestId, const LokiError& error)
{
    const LogPaging* paging = m_paging.take(requestId);
    LokiLogResult result;
    result.requestId = requestId;
    result.query = paging->query;
    result.entries = paging->pager.entries();
    result.pages = paging->pager.pages();
    result.pageLimitReached = paging->pager.pageLimitReached();
    result.error = error;
    delete paging;
    Q_EMIT logsFinished(result);
}

quint64 LokiClient::queryMetric(const LokiMetricQuery& query)
{
    const quint64 id = nextId();
    QUrlQuery parameters;
    parameters.addQueryItem(QStringLiteral("query"), query.logql);
    parameters.addQueryItem(QStringLiteral("start"), nanosecondsText(query.startNs));
    parameters.addQueryItem(QStringLiteral("end"), nanosecondsText(query.endNs));
    parameters.addQueryItem(QStringLiteral("step"), QString::number(query.stepSeconds));
    send(id, QStringLiteral("/loki/api/v1/query_range"), parameters, HttpLimits::query(m_connection.timeoutMs),
        [this, id, query](const Outcome& outcome) {
        LokiMetricResult result;
        result.requestId = id;
        result.query = query;
        result.latencyMs = outcome.latencyMs;
        result.error = outcome.error;
        if (outcome.error.ok()) {
            const auto data = LokiResponseParser::parseQuery(outcome.body);
            result.series = data.series;
            if (!data.ok())
                result.error = badResponse(data.error);
            else if (data.resultType == QLatin1String("streams"))
                result.error
                    = badResponse(QStringLiteral("a metric query got log lines; wrap it in count_over_time or rate"));
        }
        Q_EMIT metricFinished(result);
    });
    return id;
}

quint64 LokiClient::fetchLabels(const LokiLabelQuery& query)
{
    const quint64 id = nextId();
    QUrlQuery parameters;
    if (query.startNs > 0)
        parameters.addQueryItem(QStringLiteral("start"), nanosecondsText(query.startNs));
    if (query.endNs > 0)
        parameters.addQueryItem(QStringLiteral("end"), nanosecondsText(query.endNs));
    // Label names are [a-zA-Z_][a-zA-Z0-9_]*, so the name needs no escaping in the path.
    const QString path = query.labelName.isEmpty()
        ? QStringLiteral("/loki/api/v1/labels")
        : QStringLiteral("/loki/api/v1/label/%1/values").arg(query.labelName);
    send(id, path, parameters, HttpLimits::query(m_connection.timeoutMs), [this, id, query](const Outcome& outcome) {
        LokiLabelResult result;
        result.requestId = id;
        result.query = query;
        result.error = outcome.error;
        if (outcome.error.ok()) {
            const auto data = LokiResponseParser::parseStringList(outcome.body);
            result.values = data.values;
            if (!data.ok())
                result.error = badResponse(data.error);
        }
        Q_EMIT labelsFinished(result);
    });
    return id;
}

void LokiClient::cancel(quint64 requestId)
{
    delete m_paging.take(requestId);
    QPointer<GuardedReply> reply = m_replies.take(requestId);
    if (reply) {
        reply->disconnect(this);
        reply->abort();
    }
}

void LokiClient::cancelAll()
{
    const auto ids = m_replies.keys();
    for (quint64 id : ids)
        cancel(id);
    qDeleteAll(m_paging);
    m_paging.clear();
}

void LokiClient::send(quint64 requestId, const QString& path, const QUrlQuery& query, const HttpLimits& limits,
                      Handler handler)
{
    if (const QString problem = TlsTrust::caFileProblem(m_connection.caFile); !problem.isEmpty()) {
        Outcome outcome;
        outcome.error.kind = LokiError::Kind::Connection;
        outcome.error.message = QStringLiteral("cannot reach Loki over HTTPS: %1").arg(problem);
        // Asynchronous like every other answer, so callers can connect after asking.
        QTimer::singleShot(0, this, [handler = std::move(handler), outcome] { handler(outcome); });
        return;
    }
    QUrl url = endpointUrl(path);
    url.setQuery(query);

    QNetworkRequest request(url);
    request.setTransferTimeout(m_connection.timeoutMs);
    TlsTrust::apply(request, m_connection.caFile);
    if (!m_connection.tenant.isEmpty())
        request.setRawHeader("X-Scope-OrgID", m_connection.tenant.toUtf8());

    GuardedReply* reply = GuardedReply::get(m_network, request, m_authorization, limits, this);
    m_replies.insert(requestId, reply);
    connect(reply, &GuardedReply::finished, this, [this, requestId, handler = std::move(handler)](const HttpExchange& http) {
        m_replies.remove(requestId);
        handler(outcomeOf(http));
    });
}

LokiClient::Outcome LokiClient::outcomeOf(const HttpExchange& http) const
{
    Outcome outcome;
    outcome.latencyMs = int(http.latencyMs);
    outcome.body = http.body;
    if (http.failed())
        outcome.error = transportError(http);
    else if (http.status != 200)
        outcome.error = LokiResponseParser::httpError(http.status, QString::fromLatin1(http.reason), outcome.body);
    return outcome;
}

LokiError LokiClient::transportError(const HttpExchange& http) const
{
    LokiError error;
    const QString where = endpointText(m_connection.baseUrl);
    error.kind = LokiError::Kind::Connection;
    using Failure = HttpExchange::Failure;
    if (http.failure != Failure::Network) {
        if (http.failure == Failure::Deadline)
            error.kind = LokiError::Kind::Timeout;
        else if (http.failure == Failure::TooLarge)
            error.kind = LokiError::Kind::BadResponse;
        error.message = QStringLiteral("Loki at %1: %2").arg(where, http.message);
        return error;
    }
    if (!http.sslErrors.isEmpty()) {
        error.message = QStringLiteral("the TLS certificate of Loki at %1 is not trusted: %2; if it comes from a private "
                                       "CA, pick that CA file for this data source in the Data Sources dialog")
                            .arg(where, http.sslErrors.join(QStringLiteral("; ")));
        return error;
    }
    switch (http.networkError) {
    case QNetworkReply::ConnectionRefusedError:
        error.message
            = QStringLiteral("cannot connect to Loki at %1: connection refused (is Loki running, is the tunnel up?)")
                  .arg(where);
        break;
    case QNetworkReply::HostNotFoundError:
        error.message = QStringLiteral("cannot find the Loki host %1").arg(m_connection.baseUrl.host());
        break;
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        // Qt reports the transfer timeout as a cancel: only this client cancels, and it disconnects first.
        error.kind = LokiError::Kind::Timeout;
        error.message
            = QStringLiteral("Loki at %1 did not answer within %2 s").arg(where).arg(m_connection.timeoutMs / 1000.0);
        break;
    case QNetworkReply::RemoteHostClosedError:
        error.message
            = QStringLiteral("Loki at %1 closed the connection before its answer was complete (truncated answer)")
                  .arg(where);
        break;
    default:
        error.message = QStringLiteral("Loki at %1: %2").arg(where, http.errorString);
        break;
    }
    return error;
}
