// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeHttpServer.h"

#include <QFile>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <memory>

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
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
    case 503:
        return "Service Unavailable";
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

bool FakeHttpServer::listenOn(const QHostAddress& loopbackAddress)
{
    return loopbackAddress.isLoopback() && listen(loopbackAddress, 0);
}

QUrl FakeHttpServer::baseUrl() const
{
    return QUrl(QStringLiteral("%1://%2:%3")
                    .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"), serverAddress().toString())
                    .arg(serverPort()));
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
    m_script.append(Scripted {rawResponse});
}

void FakeHttpServer::enqueueSilence()
{
    m_script.append(Scripted {});
}

void FakeHttpServer::enqueueTrickle(const QByteArray& rawResponse, int intervalMs)
{
    m_script.append(Scripted {rawResponse, std::max(1, intervalMs)});
}

void FakeHttpServer::answer(QTcpSocket* socket, const Scripted& scripted)
{
    if (scripted.bytes.isEmpty())
        return; // silence: keep the connection open and say nothing
    if (scripted.trickleMs <= 0) {
        socket->write(scripted.bytes);
        socket->flush();
        socket->disconnectFromHost();
        return;
    }
    // Bounded by the response's length; the timer dies with the socket when the client gives up.
    const qsizetype headEnd = scripted.bytes.indexOf("\r\n\r\n");
    socket->write(scripted.bytes.left(headEnd < 0 ? 0 : headEnd + 4));
    auto* timer = new QTimer(socket);
    auto sent = std::make_shared<qsizetype>(headEnd < 0 ? 0 : headEnd + 4);
    connect(timer, &QTimer::timeout, socket, [socket, timer, sent, bytes = scripted.bytes] {
        socket->write(bytes.mid((*sent)++, 1));
        socket->flush();
        if (*sent >= bytes.size()) {
            timer->stop();
            socket->disconnectFromHost();
        }
    });
    timer->start(scripted.trickleMs);
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
            answer(socket, m_script.isEmpty() ? Scripted {m_fallback} : m_script.takeFirst());
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

QByteArray FakeHttpServer::redirect(int status, const QUrl& location)
{
    return response(status, {}, {{"Location", location.toEncoded()}}, {});
}

QByteArray FakeHttpServer::unframedResponse(qsizetype size)
{
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n" + QByteArray(size, ' ');
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
