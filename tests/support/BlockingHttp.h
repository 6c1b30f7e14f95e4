// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QNetworkRequest>

/** What the server fixtures need to drive a real server from a test: one request at a time, and a free port. */
namespace BlockingHttp {

/// Sends the request and waits for it, bounded by timeoutMs; the status code (0 = no answer) and the body.
int exchange(QNetworkAccessManager& network, const QByteArray& verb, QNetworkRequest request, const QByteArray& body,
             QByteArray* answer, int timeoutMs);
/// A loopback TCP port nobody listens on right now.
quint16 freeLoopbackPort();

} // namespace BlockingHttp
