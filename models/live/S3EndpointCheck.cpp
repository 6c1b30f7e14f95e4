// SPDX-License-Identifier: GPL-3.0-or-later
#include "live/S3EndpointCheck.h"

#include "http/GuardedReply.h"
#include "topology/UrlUserInfo.h"

#include <QNetworkAccessManager>
#include <QRegularExpression>

namespace {

constexpr qint64 MaxBodyBytes = HttpLimits::ProbeBodyBytes; ///< an S3 error document is tiny; never hold a listing

/// The <Code> of an S3 error document, empty when the body is not one.
QString s3ErrorCode(const QByteArray& body)
{
    static const QRegularExpression code(QStringLiteral("<Error>\\s*<Code>([^<]{1,64})</Code>"));
    const QRegularExpressionMatch match = code.match(QString::fromUtf8(body.left(MaxBodyBytes)));
    return match.hasMatch() ? match.captured(1) : QString();
}

} // namespace

S3EndpointCheck::S3EndpointCheck(const S3Endpoint& endpoint, QNetworkAccessManager* network, const Clock* clock,
                                 QObject* parent)
    : NetworkCheck(parent)
    , m_endpoint(endpoint)
    , m_network(network)
    , m_clock(clock)
{
}

S3EndpointCheck::~S3EndpointCheck()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

QString S3EndpointCheck::target() const
{
    return UrlUserInfo::displayed(m_endpoint.url);
}

void S3EndpointCheck::run()
{
    if (m_reply)
        return;
    QNetworkRequest request(m_endpoint.url);
    request.setTransferTimeout(m_timeoutMs);
    HttpLimits limits = HttpLimits::probe(m_timeoutMs);
    limits.maxRedirects = 0;
    m_reply = GuardedReply::get(m_network, request, {}, limits, this);
    connect(m_reply, &GuardedReply::finished, this, &S3EndpointCheck::onFinished);
}

QString S3EndpointCheck::answerText(int status, const QByteArray& reason, const QByteArray& body, bool amazonHeaders)
{
    const QString code = s3ErrorCode(body);
    QString text = QStringLiteral("HTTP %1").arg(status);
    if (!reason.isEmpty())
        text += QLatin1Char(' ') + QString::fromLatin1(reason);
    if (!code.isEmpty())
        return text + QStringLiteral(" from an S3 server (%1)").arg(code);
    if (amazonHeaders)
        return text + QStringLiteral(" from an S3 server");
    return text + QStringLiteral(": something answers there, though not recognisably S3");
}

void S3EndpointCheck::onFinished(const HttpExchange& exchange)
{
    m_reply = nullptr;
    CheckResult result;
    result.name = name();
    result.target = target();
    result.probe.clear(); // the target is the whole URL asked
    result.latencyMs = exchange.latencyMs;
    result.finishedAt = m_clock->now();
    if (exchange.status > 0) {
        // Any HTTP answer means the server is there; S3 refuses unsigned requests with 403 by design. An answer
        // past the size cap still is one: only its first 64 KiB are read.
        result.ok = true;
        result.detail = answerText(exchange.status, exchange.reason, exchange.body, exchange.headers.contains("x-amz-request-id"));
        result.version = QString::fromLatin1(exchange.header("Server"));
    } else {
        result.ok = false;
        QString why = exchange.errorString;
        if (exchange.failure == HttpExchange::Failure::Deadline)
            why = exchange.message;
        else if (exchange.networkError == QNetworkReply::OperationCanceledError)
            why = QStringLiteral("no answer within %1 s").arg(m_timeoutMs / 1000.0);
        result.detail = m_endpoint.reachabilityNote.isEmpty() ? why
                                                              : QStringLiteral("%1; %2").arg(why, m_endpoint.reachabilityNote);
        result.latencyMs = -1;
    }
    Q_EMIT finished(result);
}
