// SPDX-License-Identifier: GPL-3.0-or-later
#include "loki/LokiClient.h"
#include "loki/LokiReadyCheck.h"
#include "support/LokiTestServer.h"
#include "support/SignalWait.h"

#include <QNetworkAccessManager>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

class TestLokiReadyCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readyOrNot_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("detail");
        QTest::newRow("ready") << int(LokiTestServer::Fault::None) << true << "ready";
        QTest::newRow("starting")
            << int(LokiTestServer::Fault::NotReady) << false
            << "Loki answered HTTP 503 Service Unavailable: Ingester not ready: waiting for 15s after being ready";
        QTest::newRow("timeout") << int(LokiTestServer::Fault::NeverAnswer) << false << "did not answer within 0.5 s";
    }

    void readyOrNot()
    {
        QFETCH(int, fault);
        QFETCH(bool, ok);
        QFETCH(QString, detail);
        LokiTestServer server;
        QVERIFY(server.listen());
        server.setFault(LokiTestServer::Fault(fault));
        QNetworkAccessManager network;
        LokiClient client(&network, { server.url(), {}, 500 });
        LokiReadyCheck check(&client);
        check.run();
        QVERIFY(check.isRunning());
        check.run(); // ignored while running
        const auto result = waitForSignal<LokiReadyCheck::Result>(&check, &LokiReadyCheck::finished);
        QVERIFY(result);
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(result->name, QStringLiteral("Loki /ready"));
        QCOMPARE(result->target, server.url().toString() + QStringLiteral("/ready"));
        QCOMPARE(result->ok, ok);
        QVERIFY2(result->detail.contains(detail), qPrintable(result->detail));
        QVERIFY(result->latencyMs >= 0);
        QVERIFY(!check.isRunning());
    }

    void anotherServerOnThatPortIsNotReady()
    {
        // Something answering 200 with another body (a web server, a proxy page) is not a ready Loki.
        QTcpServer other;
        QVERIFY(other.listen(QHostAddress::LocalHost, 0));
        connect(&other, &QTcpServer::newConnection, this, [&other] {
            QTcpSocket* socket = other.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                socket->readAll();
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 12\r\n\r\n<html></html");
            });
        });
        QNetworkAccessManager network;
        LokiClient client(&network, { QUrl(QStringLiteral("http://127.0.0.1:%1").arg(other.serverPort())), {}, 2000 });
        LokiReadyCheck check(&client);
        check.run();
        const auto result = waitForSignal<LokiReadyCheck::Result>(&check, &LokiReadyCheck::finished);
        QVERIFY(result);
        QVERIFY(!result->ok);
        QVERIFY2(result->detail.contains(QLatin1String("not \"ready\"")), qPrintable(result->detail));
    }
};

QTEST_GUILESS_MAIN(TestLokiReadyCheck)
#include "TestLokiReadyCheck.moc"
