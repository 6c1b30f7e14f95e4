// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpExchange.h"
#include "http/HttpLimits.h"

#include <QElapsedTimer>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QNetworkAccessManager;

/**
 * One GET that every client of models/ sends through, so that none of them can forget a guard:
 * - credentials (the Authorization value, given apart from the request) go only to the request's own origin
 *   (scheme, host, port); a redirect elsewhere is followed without them, one from https to http is refused,
 *   and at most HttpLimits::maxRedirects are followed (Qt's own redirect handling copies the header anywhere);
 * - the body is aborted past HttpLimits::maxBodyBytes, judged by Content-Length and by what arrives;
 * - the whole exchange has a deadline, where the request's transfer timeout only catches a silent server.
 * Emits finished exactly once, then deletes itself.
 */
class GuardedReply final : public QObject
{
    Q_OBJECT

public:
    static GuardedReply* get(QNetworkAccessManager* network, const QNetworkRequest& request,
                             const QByteArray& authorization, const HttpLimits& limits, QObject* parent);
    ~GuardedReply() override;

    /// Stops the exchange; finished still comes, with Failure::Canceled.
    void abort();

    static bool sameOrigin(const QUrl& a, const QUrl& b);
    /// "32 MiB", "64 KiB", "512 bytes".
    static QString sizeText(qint64 bytes);

Q_SIGNALS:
    void finished(const HttpExchange& exchange);

private:
    GuardedReply(QNetworkAccessManager* network, const QNetworkRequest& request, const QByteArray& authorization,
                 const HttpLimits& limits, QObject* parent);

    void send(const QUrl& url);
    void onMetaData();
    void onReadyRead();
    void readChunk();
    void onFinished();
    void readAnswer();
    bool followRedirect();
    void fail(HttpExchange::Failure failure, const QString& message);
    void finish();

    QNetworkAccessManager* m_network;
    QNetworkRequest m_request; ///< never holds the Authorization header
    QByteArray m_authorization; ///< this object's own copy, zeroed when it dies
    QUrl m_origin;
    HttpLimits m_limits;
    QPointer<QNetworkReply> m_reply;
    QTimer m_deadline;
    QElapsedTimer m_elapsed;
    HttpExchange m_exchange;
    bool m_finished = false;
    bool m_readQueued = false; ///< a further chunk is due on the next turn of the event loop
};
