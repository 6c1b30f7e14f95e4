// SPDX-License-Identifier: GPL-3.0-or-later
#include "live/InfluxHistoryProvider.h"

namespace {

/// The request's error, else the statements' own (a wrong database fails inside an HTTP 200).
QString errorText(const InfluxResult& answer)
{
    QStringList errors;
    if (!answer.errorMessage.isEmpty())
        errors.append(answer.errorMessage);
    for (const InfluxStatementResult& statement : answer.statements) {
        if (!statement.error.isEmpty() && !errors.contains(statement.error))
            errors.append(statement.error);
    }
    return errors.join(QStringLiteral("; "));
}

} // namespace

InfluxHistoryProvider::InfluxHistoryProvider(const InfluxConnection& connection, QNetworkAccessManager* network,
                                             const Clock* clock, QObject* parent)
    : PeerHistoryProvider(parent)
    , m_client(network)
    , m_clock(clock)
{
    m_client.setConnection(connection);
}

InfluxHistoryProvider::~InfluxHistoryProvider()
{
    for (const auto& reply : std::as_const(m_pending)) {
        if (reply)
            reply->disconnect(this);
    }
}

QString InfluxHistoryProvider::sourceName() const
{
    return QStringLiteral("InfluxDB %1").arg(m_client.connection().url.host());
}

quint64 InfluxHistoryProvider::request(const Request& request)
{
    const quint64 id = nextRequestId();
    const InfluxHistoryQuery query(request.publicKey, request.reportingHost, request.range, request.device);
    InfluxQueryReply* reply = m_client.query(query.query());
    m_pending.insert(id, reply);
    connect(reply, &InfluxQueryReply::finished, this, [this, id, query](const InfluxResult& answer) {
        if (!m_pending.remove(id))
            return;
        Result result;
        result.requestId = id;
        result.ok = answer.ok() && errorText(answer).isEmpty();
        result.error = errorText(answer);
        result.to = m_clock->now();
        result.from = result.to.addSecs(-InfluxHistoryQuery::rangeSeconds(query.range()));
        result.bucketSeconds = InfluxHistoryQuery::bucketSeconds(query.range());
        if (result.ok)
            result.points = query.points(answer, result.to);
        Q_EMIT historyReady(result);
    });
    return id;
}

void InfluxHistoryProvider::cancel(quint64 requestId)
{
    const QPointer<InfluxQueryReply> reply = m_pending.take(requestId);
    if (reply) {
        reply->disconnect(this);
        reply->abort();
    }
}
