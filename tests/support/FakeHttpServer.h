// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QMap>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QUrl>

#include <optional>

/**
 * A loopback HTTP/1.1 server that answers from a script, for fault cases a real server will not produce on
 * demand: raw responses (also cut-off ones), or silence. Records every request it reads.
 */
class FakeHttpServer : public QTcpServer
{
    Q_OBJECT

public:
    struct Request
    {
        QByteArray method;
        QByteArray target; ///< path and encoded query, as on the request line
        QMap<QByteArray, QByteArray> headers; ///< names lower-cased

        QUrl url() const { return QUrl(QString::fromLatin1(target)); }
        /// A decoded query parameter (spaces stay spaces, %2B becomes +).
        QString queryItem(const QString& name) const;
    };

    explicit FakeHttpServer(QObject* parent = nullptr);

    bool listenOnLoopback();
    /// Listens on another loopback address (e.g. 127.0.0.2: another origin than 127.0.0.1 on the same machine).
    bool listenOn(const QHostAddress& loopbackAddress);
    /// Serve HTTPS with this certificate and key (PEM files); call before listening.
    bool useTls(const QString& certificateFile, const QString& keyFile);
    QUrl baseUrl() const;

    /// The next request gets these bytes verbatim, then the connection closes.
    void enqueue(const QByteArray& rawResponse);
    /// The next request gets no answer at all (the connection stays open).
    void enqueueSilence();
    /// The next request gets the status line and headers at once, then the body one byte every `intervalMs`
    /// (so the client's idle timeout never trips), then the connection closes.
    void enqueueTrickle(const QByteArray& rawResponse, int intervalMs);
    /// What requests get once the script is used up; empty means silence.
    void setFallback(const QByteArray& rawResponse) { m_fallback = rawResponse; }

    const QList<Request>& requests() const { return m_requests; }

    /// A complete response with Content-Length and Connection: close.
    static QByteArray response(int status, const QByteArray& body, const QList<QPair<QByteArray, QByteArray>>& headers = {},
                               const QByteArray& contentType = "application/json");
    /// A redirect (301, 302, 307, 308) to `location`, with no body.
    static QByteArray redirect(int status, const QUrl& location);
    /// A 200 whose body of `size` bytes is delimited by the connection closing: no Content-Length to judge by.
    static QByteArray unframedResponse(qsizetype size);
    /// A response whose headers promise more body than it sends: the client sees a cut-off transfer.
    static QByteArray truncatedResponse(const QByteArray& body, int promisedLength);
    /// A recorded "status line + headers + body" file made servable: chunked framing replaced by Content-Length.
    static QByteArray fromRecording(const QByteArray& recording);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    struct Scripted
    {
        QByteArray bytes; ///< empty = silence
        int trickleMs = 0; ///< > 0: one byte per interval
    };

    void onNewConnection();
    void answer(QTcpSocket* socket, const Scripted& scripted);

    std::optional<QSslConfiguration> m_tls;
    QList<Scripted> m_script;
    QByteArray m_fallback;
    QList<Request> m_requests;
};
