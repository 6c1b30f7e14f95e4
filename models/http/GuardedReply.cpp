// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/GuardedReply.h"

#include "secrets/SecretWipe.h"

#include <QNetworkAccessManager>

namespace {

/// At most this much is copied per turn of the event loop: Qt may hold tens of megabytes for one readyRead, and
/// copying them at once blocks the caller's (the GUI) thread for longer than a frame.
constexpr qint64 ReadChunkBytes = 256 * HttpLimits::KiB;

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

QString secondsText(int milliseconds)
{
    return QString::number(milliseconds / 1000.0);
}

} // namespace

GuardedReply* GuardedReply::get(QNetworkAccessManager* network, const QNetworkRequest& request,
                                 const QByteArray& authorization, const HttpLimits& limits, QObject* parent)
{
    return new GuardedReply(network, request, authorization, limits, parent);
}

GuardedReply::GuardedReply(QNetworkAccessManager* network, const QNetworkRequest& request,
                           const QByteArray& authorization, const HttpLimits& limits, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_request(request)
    , m_authorization(exclusiveSecret(authorization))
    , m_origin(request.url())
    , m_limits(limits)
{
    m_request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        fail(HttpExchange::Failure::Deadline,
             QStringLiteral("no complete answer within %1 s").arg(secondsText(m_limits.deadlineMs)));
    });
    m_elapsed.start();
    m_deadline.start(std::max(1, m_limits.deadlineMs));
    send(m_origin);
}

GuardedReply::~GuardedReply()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    wipeSecret(m_authorization);
}

bool GuardedReply::sameOrigin(const QUrl& a, const QUrl& b)
{
    const auto defaultPort = [](const QUrl& url) { return url.port(url.scheme() == QLatin1String("https") ? 443 : 80); };
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
        && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && defaultPort(a) == defaultPort(b);
}

QString GuardedReply::sizeText(qint64 bytes)
{
    if (bytes >= HttpLimits::MiB && bytes % HttpLimits::MiB == 0)
        return QStringLiteral("%1 MiB").arg(bytes / HttpLimits::MiB);
    if (bytes >= HttpLimits::KiB && bytes % HttpLimits::KiB == 0)
        return QStringLiteral("%1 KiB").arg(bytes / HttpLimits::KiB);
    return QStringLiteral("%1 bytes").arg(bytes);
}

void GuardedReply::abort()
{
    fail(HttpExchange::Failure::Canceled, QStringLiteral("the request was canceled"));
}

void GuardedReply::send(const QUrl& url)
{
    QNetworkRequest request = m_request;
    request.setUrl(url);
    if (!m_authorization.isEmpty()) {
        if (sameOrigin(url, m_origin))
            request.setRawHeader("Authorization", m_authorization);
        else
            m_exchange.credentialsDropped = true;
    }
    m_exchange.body.clear();
    // The reply stays the manager's child: a reply that outlives its manager crashes when it is aborted, so a
    // manager that goes first takes its replies with it (m_reply then reads null), and we delete ours when we go.
    m_reply = m_network->get(request);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &GuardedReply::onMetaData);
    connect(m_reply, &QNetworkReply::readyRead, this, &GuardedReply::onReadyRead);
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError>& errors) {
        for (const QSslError& error : errors)
            m_exchange.sslErrors.append(error.errorString());
    });
    connect(m_reply, &QNetworkReply::finished, this, &GuardedReply::onFinished);
}

void GuardedReply::onMetaData()
{
    const qint64 promised = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
    if (promised > m_limits.maxBodyBytes)
        fail(HttpExchange::Failure::TooLarge,
             QStringLiteral("response larger than %1 (%2 bytes announced)").arg(sizeText(m_limits.maxBodyBytes)).arg(promised));
}

void GuardedReply::onReadyRead()
{
    if (m_exchange.failed())
        return;
    readChunk();
    if (m_exchange.failed() || m_readQueued || m_reply->bytesAvailable() <= 0)
        return;
    m_readQueued = true;
    QMetaObject::invokeMethod(this, [this] {
        m_readQueued = false;
        if (m_reply)
            onReadyRead();
    }, Qt::QueuedConnection);
}

void GuardedReply::readChunk()
{
    // Never more than one byte past the cap: that byte is enough to know the answer is too large.
    const qint64 room = m_limits.maxBodyBytes + 1 - m_exchange.body.size();
    const QByteArray chunk = m_reply->read(std::clamp(room, qint64(1), ReadChunkBytes));
    QByteArray& body = m_exchange.body;
    // Grown by doubling here: appended as it came, a large body was copied whole again with every chunk.
    if (body.capacity() - body.size() < chunk.size())
        body.reserve(std::max(2 * body.capacity(), body.size() + chunk.size()));
    body.append(chunk);
    if (m_exchange.body.size() > m_limits.maxBodyBytes) {
        m_exchange.body.truncate(m_limits.maxBodyBytes);
        fail(HttpExchange::Failure::TooLarge,
             QStringLiteral("response larger than %1").arg(sizeText(m_limits.maxBodyBytes)));
    }
}

void GuardedReply::readAnswer()
{
    m_exchange.status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_exchange.reason = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    m_exchange.url = m_reply->url();
    m_exchange.headers.clear();
    for (const auto& [name, value] : m_reply->rawHeaderPairs())
        m_exchange.headers.insert(name.toLower(), value);
}

void GuardedReply::onFinished()
{
    if (m_finished)
        return;
    // What is still buffered is read a chunk per turn, like readyRead's; an aborted reply is closed (reading it
    // only warns), and a failed one needs no more of its body.
    if (!m_exchange.failed() && m_reply->isOpen() && m_reply->bytesAvailable() > 0) {
        readChunk();
        if (!m_finished) {
            QMetaObject::invokeMethod(this, [this] {
                if (m_reply)
                    onFinished();
            }, Qt::QueuedConnection);
        }
        return;
    }
    readAnswer();
    const QNetworkReply::NetworkError error = m_reply->error();
    if (!m_exchange.failed() && error != QNetworkReply::NoError && (m_exchange.status == 0 || int(error) < 200)) {
        // Qt's codes below 200 are transport failures even after a status line (a body cut short); the others
        // mirror the HTTP status, which the client reads itself.
        m_exchange.failure = HttpExchange::Failure::Network;
        m_exchange.networkError = error;
        m_exchange.errorString = m_reply->errorString();
    }
    if (!m_exchange.failed() && isRedirect(m_exchange.status) && m_limits.maxRedirects > 0 && followRedirect())
        return;
    finish();
}

bool GuardedReply::followRedirect()
{
    const QUrl from = m_reply->url();
    QUrl location = m_reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
    if (location.isEmpty())
        return false; // a 3xx without a Location: the answer as it is
    const QUrl to = from.resolved(location);
    const QString toText = to.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    if (m_exchange.redirects >= m_limits.maxRedirects) {
        m_exchange.failure = HttpExchange::Failure::Redirect;
        m_exchange.message = QStringLiteral("more than %1 redirects (the last to %2)").arg(m_limits.maxRedirects).arg(toText);
        return false;
    }
    const bool secure = to.scheme() == QLatin1String("https");
    if ((from.scheme() == QLatin1String("https") && !secure) || (!secure && to.scheme() != QLatin1String("http"))) {
        m_exchange.failure = HttpExchange::Failure::Redirect;
        m_exchange.message = QStringLiteral("refused a redirect from %1 to %2 (%3): it would leave an encrypted connection")
                                 .arg(from.scheme(), to.scheme(), toText);
        return false;
    }
    ++m_exchange.redirects;
    m_reply->disconnect(this);
    m_reply->deleteLater();
    send(to);
    return true;
}

void GuardedReply::fail(HttpExchange::Failure failure, const QString& message)
{
    if (m_finished || m_exchange.failed())
        return;
    m_exchange.failure = failure;
    m_exchange.message = message;
    if (m_reply && !m_reply->isFinished())
        m_reply->abort(); // finished comes at once and ends the exchange
    if (!m_finished) {
        if (m_reply)
            readAnswer();
        finish();
    }
}

void GuardedReply::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_deadline.stop();
    m_exchange.latencyMs = m_elapsed.elapsed();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    Q_EMIT finished(m_exchange);
    deleteLater();
}
