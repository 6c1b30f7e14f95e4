// SPDX-License-Identifier: GPL-3.0-or-later
// The history chart against a real influxd holding three hours of Telegraf-shaped points, the demo history, the
// Charts tab's choice of peer, and the chart's states (loading, error, empty).
#include "UiPalettes.h"
#include "charts/ChartsTab.h"
#include "charts/PeerHistoryChart.h"
#include "live/DemoHistoryProvider.h"
#include "live/InfluxHistoryProvider.h"
#include "support/FakeHttpServer.h"
#include "support/InfluxServerFixture.h"
#include "support/ManualClock.h"
#include "support/TestRequirements.h"
#include "telemetry/DemoTelemetrySource.h"
#include "telemetry/NetworkState.h"
#include "topology/TopologyFile.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QChartView>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QValueAxis>

namespace {

const QString PeerKey = QStringLiteral("MlDIjOnb8LlosGHEX1SbEn5OvnKt5IFr+Reqa0oY5/M=");
constexpr double UploadRate = 2500;  // bytes/s the hub receives
constexpr double DownloadRate = 300; // bytes/s it sends
constexpr int HistoryHours = 3;
constexpr int StepSeconds = 60;

QByteArray historyLines(const QDateTime& now)
{
    QByteArray lines;
    const qint64 end = now.toSecsSinceEpoch() / StepSeconds * StepSeconds;
    const qint64 start = end - HistoryHours * 3600;
    QString key = PeerKey;
    key.replace(QLatin1Char('='), QStringLiteral("\\="));
    for (qint64 t = start; t <= end; t += StepSeconds) {
        const qint64 elapsed = t - start;
        lines += "wireguard_peer,device=wg0,host=monitor11,public_key=" + key.toLatin1()
            + " last_handshake_time_ns=" + QByteArray::number((t - 30) * 1000000000LL)
            + "i,rx_bytes=" + QByteArray::number(qint64(elapsed * UploadRate))
            + "i,tx_bytes=" + QByteArray::number(qint64(elapsed * DownloadRate)) + "i " + QByteArray::number(t * 1000000000LL) + '\n';
    }
    return lines;
}

PeerHistoryChart::Peer prodPeer()
{
    PeerHistoryChart::Peer peer;
    peer.request.publicKey = PeerKey;
    peer.request.reportingHost = QStringLiteral("monitor11");
    peer.request.clientHostId = QStringLiteral("prod");
    peer.receivedLabel = QStringLiteral("prod \u2192 monitor11");
    peer.sentLabel = QStringLiteral("monitor11 \u2192 prod");
    return peer;
}

double maxY(const QLineSeries* series)
{
    double result = 0;
    for (const QPointF& point : series->points())
        result = std::max(result, point.y());
    return result;
}

} // namespace

class TestPeerHistoryChart : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<InfluxServerFixture> m_influx;
    QNetworkAccessManager m_network;
    ManualClock m_clock{QDateTime::currentDateTimeUtc()};

    std::unique_ptr<InfluxHistoryProvider> influxProvider(const QUrl& url)
    {
        InfluxConnection connection;
        connection.url = url;
        connection.timeoutMs = 5000;
        return std::make_unique<InfluxHistoryProvider>(connection, &m_network, &m_clock);
    }

    static bool waitShown(PeerHistoryChart& chart)
    {
        return QTest::qWaitFor([&chart] { return chart.state() != PeerHistoryChart::State::Loading; }, 15000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        REQUIRE_OR_SKIP(!InfluxServerFixture::executable().isEmpty(), "influxd is not installed (Debian package influxdb)");
        m_influx = std::make_unique<InfluxServerFixture>();
        QString error;
        QVERIFY2(m_influx->startWithData(QStringLiteral("telegraf"), historyLines(m_clock.now()), &error), qPrintable(error));
    }

    void showsInfluxHistory()
    {
        const auto provider = influxProvider(m_influx->url());
        PeerHistoryChart chart;
        chart.resize(520, 480);
        chart.show();
        chart.setProvider(provider.get());
        chart.setRange(InfluxHistoryQuery::Range::SixHours);
        chart.setPeer(prodPeer());
        QCOMPARE(chart.state(), PeerHistoryChart::State::Loading);
        QVERIFY(chart.statusText().startsWith(QLatin1String("Loading the last 6 h from InfluxDB 127.0.0.1")));
        QVERIFY(waitShown(chart));
        QCOMPARE(chart.state(), PeerHistoryChart::State::Showing);

        QVERIFY(chart.receivedSeries()->count() > 10);
        QVERIFY(chart.sentSeries()->count() > 10);
        QVERIFY(chart.handshakeSeries()->count() > 10);
        QCOMPARE(chart.rateUnit().name, QStringLiteral("kB/s"));
        QCOMPARE(chart.rateAxis()->titleText(), QStringLiteral("kB/s"));
        // 2500 B/s steady: 2.5 kB/s, under the axis ceiling.
        QVERIFY(qAbs(maxY(chart.receivedSeries()) - UploadRate / 1000) < 0.05);
        QVERIFY(qAbs(maxY(chart.sentSeries()) - DownloadRate / 1000) < 0.05);
        QVERIFY(chart.rateAxis()->max() >= maxY(chart.receivedSeries()));
        QCOMPARE(chart.rateAxis()->min(), 0.0);
        QCOMPARE(chart.timeAxis()->min().secsTo(chart.timeAxis()->max()), qint64(6 * 3600));
        QVERIFY(qAbs(chart.timeAxis()->max().secsTo(m_clock.now())) <= 1);
        QVERIFY(maxY(chart.handshakeSeries()) <= 90); // a handshake 30 s before each sample
        QCOMPARE(chart.receivedSeries()->name(), QStringLiteral("prod \u2192 monitor11"));
        // Only three hours exist: every point lies within them.
        const double earliest = double(m_clock.now().addSecs(-HistoryHours * 3600 - 600).toMSecsSinceEpoch());
        for (const QPointF& point : chart.receivedSeries()->points())
            QVERIFY(point.x() >= earliest);

        if (const QString directory = grabDirectory(); !directory.isEmpty()) {
            QVERIFY(chart.grab().save(directory + QStringLiteral("/charts.png")));
            chart.setPalette(darkTestPalette());
            QTest::qWait(20);
            QVERIFY(chart.grab().save(directory + QStringLiteral("/charts-dark.png")));
        }
    }

    void switchingRangeAsksAgain()
    {
        const auto provider = influxProvider(m_influx->url());
        PeerHistoryChart chart;
        chart.show();
        chart.setProvider(provider.get());
        chart.setPeer(prodPeer());
        QVERIFY(waitShown(chart));
        QCOMPARE(chart.timeAxis()->min().secsTo(chart.timeAxis()->max()), qint64(3600));
        const int hourPoints = chart.receivedSeries()->count();

        QSignalSpy shown(&chart, &PeerHistoryChart::historyShown);
        chart.findChild<QButtonGroup*>()->button(int(InfluxHistoryQuery::Range::FifteenMinutes))->click();
        QCOMPARE(chart.range(), InfluxHistoryQuery::Range::FifteenMinutes);
        QCOMPARE(chart.state(), PeerHistoryChart::State::Loading);
        QVERIFY(shown.wait(15000));
        QCOMPARE(chart.state(), PeerHistoryChart::State::Showing);
        QCOMPARE(chart.timeAxis()->min().secsTo(chart.timeAxis()->max()), qint64(15 * 60));
        QVERIFY(chart.receivedSeries()->count() > 0);
        QVERIFY(chart.receivedSeries()->count() != hourPoints);
    }

    void unknownPeerHasNoHistory()
    {
        const auto provider = influxProvider(m_influx->url());
        PeerHistoryChart chart;
        chart.show();
        chart.setProvider(provider.get());
        PeerHistoryChart::Peer peer = prodPeer();
        peer.request.publicKey = QStringLiteral("bm9ib2R5bm9ib2R5bm9ib2R5bm9ib2R5bm9ib2R5bm8=");
        chart.setPeer(peer);
        QVERIFY(waitShown(chart));
        QCOMPARE(chart.state(), PeerHistoryChart::State::Empty);
        QCOMPARE(chart.messageText(), QStringLiteral("No history for this peer in this range"));
        QCOMPARE(chart.receivedSeries()->count(), 0);
    }

    void serverErrorIsShownInline()
    {
        FakeHttpServer server;
        QVERIFY(server.listenOnLoopback());
        server.setFallback(FakeHttpServer::response(200, R"({"results":[{"statement_id":0,"error":"database not found: telegraf"}]})"));
        const auto provider = influxProvider(server.baseUrl());
        PeerHistoryChart chart;
        chart.show();
        chart.setProvider(provider.get());
        chart.setPeer(prodPeer());
        QVERIFY(waitShown(chart));
        QCOMPARE(chart.state(), PeerHistoryChart::State::Failed);
        QVERIFY2(chart.messageText().contains(QLatin1String("database not found: telegraf")), qPrintable(chart.messageText()));
        QVERIFY(chart.messageText().startsWith(QLatin1String("Could not load the history from InfluxDB 127.0.0.1")));
    }

    void demoHistoryMatchesTheDemoRates()
    {
        const Topology topology = TopologyFile::referenceDeployment();
        DemoHistoryProvider provider(topology, &m_clock);
        PeerHistoryProvider::Request request;
        request.clientHostId = QStringLiteral("prod");
        request.range = InfluxHistoryQuery::Range::OneDay;
        const auto points = provider.points(request, m_clock.now());
        QVERIFY(points.size() > 100 && points.size() <= 400);
        const DemoTelemetrySource demo(topology, &m_clock);
        const double base = demo.baseUploadRate(QStringLiteral("prod"));
        QVERIFY(base > 0);
        for (const auto& point : points) {
            QVERIFY(*point.rxBytesPerSecond >= base * 0.6 && *point.rxBytesPerSecond <= base * 1.4);
            QVERIFY(*point.txBytesPerSecond < *point.rxBytesPerSecond);
            QVERIFY(*point.handshakeAgeSeconds >= 0 && *point.handshakeAgeSeconds < 120);
        }

        PeerHistoryChart chart;
        chart.show();
        chart.setProvider(&provider);
        PeerHistoryChart::Peer peer = prodPeer();
        chart.setPeer(peer);
        QVERIFY(waitShown(chart));
        QCOMPARE(chart.state(), PeerHistoryChart::State::Showing);
        QVERIFY(chart.statusText().startsWith(QLatin1String("DEMO: made-up history")));
        QVERIFY(chart.receivedSeries()->count() > 100);
    }

    void chartsTabFollowsTheSelection()
    {
        NetworkState network(&m_clock);
        network.setTopology(TopologyFile::referenceDeployment());
        DemoHistoryProvider provider(network.topology(), &m_clock);
        ChartsTab tab(&network);
        tab.setProvider(&provider);
        tab.resize(480, 520);
        tab.show();
        QVERIFY(!network.tunnels().isEmpty());
        const TunnelState& tunnel = network.tunnels().constFirst();

        tab.showElement({DiagramElement::Kind::Host, tunnel.hubHostId});
        QCOMPARE(tab.chart()->state(), PeerHistoryChart::State::NoPeer);
        QCOMPARE(tab.chart()->messageText(), ChartsTab::NoPeerMessage);

        tab.showElement({DiagramElement::Kind::Host, tunnel.clientHostId});
        QVERIFY(waitShown(*tab.chart()));
        QCOMPARE(tab.chart()->state(), PeerHistoryChart::State::Showing);
        const auto peer = tab.peerFor({DiagramElement::Kind::Tunnel, tunnel.id});
        QVERIFY(peer);
        QCOMPARE(peer->request.publicKey, tunnel.clientPublicKey);
        QCOMPARE(peer->request.clientHostId, tunnel.clientHostId);

        // Hidden, it does not ask; shown again, it catches up.
        tab.hide();
        tab.showElement({DiagramElement::Kind::Segment, QStringLiteral("home")});
        QCOMPARE(tab.chart()->state(), PeerHistoryChart::State::Showing);
        tab.show();
        QCOMPARE(tab.chart()->state(), PeerHistoryChart::State::NoPeer);
    }
};

QTEST_MAIN(TestPeerHistoryChart)
#include "TestPeerHistoryChart.moc"
