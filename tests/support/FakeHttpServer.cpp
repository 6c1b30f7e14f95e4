// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeHttpServer.h"

#include <QFile>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>
#include <QUrlQuery>

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    default:
        return "Status";
    }
}

} // namespace

QString FakeHttpServer::Request::queryItem(const QString& name) const
{
    const QByteArray query = target.mid(target.indexOf('?') + 1);
    for (const QByteArray& pair : query.split('&')) {
        const qsizetype equals = pair.indexOf('=');
        if (QString::fromLatin1(pair.left(equals)) == name)
            return QString::fromUtf8(QByteArray::fromPercentEncoding(pair.mid(equals + 1)));
    }
    return {};
}

FakeHttpServer::FakeHttpServer(QObject* parent)
    : QTcpServer(parent)
{
    connect(this, &QTcpServer::newConnection, this, &FakeHttpServer::onNewConnection);
}

bool FakeHttpServer::listenOnLoopback()
{
    return listen(QHostAddress::LocalHost, 0);
}

QUrl FakeHttpServer::baseUrl() const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2").arg(m_tls ? QStringLiteral("https") : QStringLiteral("http")).arg(serverPort()));
}

bool FakeHttpServer::useTls(const QString& certificateFile, const QString& keyFile)
{
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(certificateFile);
    QFile keyIn(keyFile);
    if (certificates.isEmpty() || !keyIn.open(QIODevice::ReadOnly))
        return false;
    const QSslKey key(&keyIn, QSsl::Rsa);
    if (key.isNull())
        return false;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificates.constFirst());
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // the server does not ask for client certificates
    m_tls = configuration;
    return true;
}

void FakeHttpServer::incomingConnection(qintptr descriptor)
{
    if (!m_tls) {
        QTcpServer::incomingConnection(descriptor);
        return;
    }
    auto* socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    socket->setSslConfiguration(*m_tls);
    socket->startServerEncryption();
    addPendingConnection(socket);
}

void FakeHttpServer::enqueue(const QByteArray& rawResponse)
{
    m_script.append(rawResponse);
}

void FakeHttpServer::enqueueSilence()
{
    m_script.append(QByteArray());
}

void FakeHttpServer::onNewConnection()
{
    while (QTcpSocket* socket = nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            QByteArray buffered = socket->property("buffer").toByteArray() + socket->readAll();
            const qsizetype end = buffered.indexOf("\r\n\r\n");
            if (end < 0) {
                socket->setProperty("buffer", buffered);
                return;
            }
            socket->setProperty("buffer", QByteArray());
            Request request;
            const QList<QByteArray> lines = buffered.left(end).split('\n');
            const QList<QByteArray> requestLine = lines.constFirst().trimmed().split(' ');
            request.method = requestLine.value(0);
            request.target = requestLine.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines.at(i).indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed());
            }
            m_requests.append(request);
            const QByteArray answer = m_script.isEmpty() ? m_fallback : m_script.takeFirst();
            if (answer.isEmpty())
                return; // silence: keep the connection open and say nothing
            socket->write(answer);
            socket->flush();
            socket->disconnectFromHost();
        });
    }
}

QByteArray FakeHttpServer::response(int status, const QByteArray& body, const QList<QPair<QByteArray, QByteArray>>& headers,
                                    const QByteArray& contentType)
{
    QByteArray raw = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    if (!contentType.isEmpty())
        raw += "Content-Type: " + contentType + "\r\n";
    for (const auto& header : headers)
        raw += header.first + ": " + header.second + "\r\n";
    raw += "X-Influxdb-Version: 1.6.7~rc0\r\nConnection: close\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\n\r\n" + body;
    return raw;
}

QByteArray FakeHttpServer::truncatedResponse(const QByteArray& body, int promisedLength)
{
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
        + QByteArray::number(promisedLength) + "\r\n\r\n" + body;
}

QByteArray FakeHttpServer::fromRecording(const QByteArray& recording)
{
    QByteArray normalised = recording;
    normalised.replace("\r\n", "\n");
    const qsizetype end = normalised.indexOf("\n\n");
    const QByteArray head = end < 0 ? normalised : normalised.left(end);
    const QByteArray body = end < 0 ? QByteArray() : normalised.mid(end + 2);
    QByteArray raw;
    for (const QByteArray& line : head.split('\n')) {
        const QByteArray lower = line.toLower();
        if (lower.startsWith("transfer-encoding") || lower.startsWith("content-length") || lower.startsWith("connection"))
            continue;
        raw += line + "\r\n";
    }
    return raw + "Connection: close\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}
