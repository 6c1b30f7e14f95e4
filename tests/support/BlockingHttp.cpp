// SPDX-License-Identifier: GPL-3.0-or-later
#include "BlockingHttp.h"

#include <QEventLoop>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTimer>

namespace BlockingHttp {

int exchange(QNetworkAccessManager& network, const QByteArray& verb, QNetworkRequest request, const QByteArray& body,
             QByteArray* answer, int timeoutMs)
{
    request.setTransferTimeout(timeoutMs);
    QNetworkReply* reply = network.sendCustomRequest(request, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs + 1000, &loop, &QEventLoop::quit);
    loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    *answer = reply->isFinished() ? reply->readAll() : QByteArray();
    reply->abort();
    reply->deleteLater();
    return status;
}

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

} // namespace BlockingHttp
