// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QNetworkReply>
#include <QString>
#include <QStringList>
#include <QUrl>

/** The outcome of one GuardedReply: the final answer after redirects, or why there is none. */
struct HttpExchange
{
    enum class Failure {
        None, ///< an HTTP answer came complete (its status may still be an error)
        Network, ///< refused, not found, reset, cut off, idle timeout, TLS: see networkError and errorString
        TooLarge, ///< the body passed HttpLimits::maxBodyBytes
        Deadline, ///< no complete answer within HttpLimits::deadlineMs
        Redirect, ///< too many redirects, or one from https to http
        Canceled, ///< abort() was called
    };

    int status = 0; ///< HTTP status of the last answer; 0 when none came
    QByteArray reason;
    QByteArray body; ///< at most maxBodyBytes
    QHash<QByteArray, QByteArray> headers; ///< names lower-cased
    QUrl url; ///< the URL that gave the answer (after redirects)
    qint64 latencyMs = -1;
    int redirects = 0;
    bool credentialsDropped = false; ///< a redirect left the origin, so the last request went without them
    Failure failure = Failure::None;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString errorString; ///< Qt's words for a network failure
    QStringList sslErrors; ///< every certificate problem seen (the handshake then fails)
    QString message; ///< for TooLarge, Deadline and Redirect: what happened, e.g. "response larger than 32 MiB"

    QByteArray header(const QByteArray& name) const { return headers.value(name.toLower()); }
    bool failed() const { return failure != Failure::None; }
};
