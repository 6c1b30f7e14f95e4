// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Clock.h"
#include "influx/NetworkCheck.h"
#include "live/S3Endpoint.h"

#include <QPointer>

class GuardedReply;
struct HttpExchange;
class QNetworkAccessManager;

/**
 * Does the S3 endpoint answer: one unauthenticated GET of its URL. Any HTTP response counts, 403 and 404
 * included, since that is how an S3 server answers a request without a signature; connection refused, a name
 * that does not resolve or a timeout fail, with the endpoint's reachability note (storage on the home network
 * cannot be expected to answer a laptop that is elsewhere). Redirects are not followed (one is an answer too),
 * and at most 64 KiB of body is read, all within twice the timeout.
 */
class S3EndpointCheck final : public NetworkCheck
{
    Q_OBJECT

public:
    static constexpr int DefaultTimeoutMs = 10000;

    S3EndpointCheck(const S3Endpoint& endpoint, QNetworkAccessManager* network, const Clock* clock,
                    QObject* parent = nullptr);
    ~S3EndpointCheck() override;

    QString name() const override { return QStringLiteral("S3"); }
    QString target() const override;
    const S3Endpoint& endpoint() const { return m_endpoint; }
    void setTimeoutMs(int milliseconds) { m_timeoutMs = std::max(1, milliseconds); }
    void run() override;

    /// The words for an HTTP answer: "HTTP 403 Forbidden from an S3 server (AccessDenied)".
    static QString answerText(int status, const QByteArray& reason, const QByteArray& body, bool amazonHeaders);

private:
    void onFinished(const HttpExchange& exchange);

    S3Endpoint m_endpoint;
    QNetworkAccessManager* m_network;
    const Clock* m_clock;
    int m_timeoutMs = DefaultTimeoutMs;
    QPointer<GuardedReply> m_reply;
};
