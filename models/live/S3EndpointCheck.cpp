// SPDX-License-Identifier: GPL-3.0-or-later
#include "live/S3EndpointCheck.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>

#include <memory>

namespace {

constexpr qint64 MaxBodyBytes = 64 * 1024; ///< an S3 error document is tiny; never hold a listing

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

void S3EndpointCheck::run()
{
    if (m_reply)
        return;
    QNetworkRequest request(m_endpoint.url);
    request.setTransferTimeout(m_timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    m_reply = m_network->get(request);
    QNetworkReply* reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply, timer] { onFinished(reply, timer->elapsed()); });
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

void S3EndpointCheck::onFinished(QNetworkReply* reply, qint64 latencyMs)
{
    reply->deleteLater();
    m_reply = nullptr;
    CheckResult result;
    result.name = name();
    result.target = target();
    result.probe.clear(); // the target is the whole URL asked
    result.latencyMs = latencyMs;
    result.finishedAt = m_clock->now();
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid()) {
        // Any HTTP answer means the server is there; S3 refuses unsigned requests with 403 by design.
        result.ok = true;
        result.detail = answerText(status.toInt(), reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray(),
                                   reply->read(MaxBodyBytes), reply->hasRawHeader("x-amz-request-id"));
        result.version = QString::fromLatin1(reply->rawHeader("Server"));
    } else {
        result.ok = false;
        const QString why = reply->error() == QNetworkReply::OperationCanceledError
            ? QStringLiteral("no answer within %1 s").arg(m_timeoutMs / 1000.0)
            : reply->errorString();
        result.detail = m_endpoint.reachabilityNote.isEmpty() ? why
                                                              : QStringLiteral("%1; %2").arg(why, m_endpoint.reachabilityNote);
        result.latencyMs = -1;
    }
    Q_EMIT finished(result);
}
