// SPDX-License-Identifier: GPL-3.0-or-later
// The Overview of a hub with 2,000 peers: one join and one redraw per poll, and new numbers change only the
// cells they are in; the page is laid out again only when its rows change.
#include "DiagramTestHelpers.h"
#include "diagram/DiagramPalette.h"
#include "panels/DetailPanel.h"
#include "topology/SyntheticTopology.h"
#include "topology/TopologyFile.h"

#include <QLocale>
#include <QSignalSpy>
#include <QTest>

class TestDetailPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void pollJoinsOnceAndUpdatesValuesInPlace();
    void newRowsRebuildThePage();
    void hubShowsItsTunnelsByThePage();

private:
    /// What a live source sends per poll: the snapshot, then its status with this poll's latency and time.
    void deliverPoll();
    static SourceStatus liveStatus(int latencyMs, const QDateTime& lastSuccess);

    ManualClock m_clock;
    DiagramPalette m_palette;
    std::unique_ptr<NetworkState> m_network;
    std::unique_ptr<DemoTelemetrySource> m_source;
    int m_polls = 0;
};

SourceStatus TestDetailPanel::liveStatus(int latencyMs, const QDateTime& lastSuccess)
{
    SourceStatus status;
    status.sourceName = QStringLiteral("monitor11 InfluxDB");
    EndpointHealth health;
    health.name = QStringLiteral("InfluxDB");
    health.state = EndpointHealth::State::Ok;
    health.message = QStringLiteral("InfluxDB 1.6.7");
    health.latencyMs = latencyMs;
    health.lastSuccess = lastSuccess;
    status.endpoints.append(health);
    return status;
}

void TestDetailPanel::init()
{
    m_network = std::make_unique<NetworkState>(&m_clock);
    m_network->setTopology(SyntheticTopology::withCollectors(TopologyFile::referenceDeployment(), 2000));
    m_source = std::make_unique<DemoTelemetrySource>(m_network->topology(), &m_clock);
    m_network->applyStatus(liveStatus(5, m_clock.now()));
    m_polls = 0;
    deliverPoll();
}

void TestDetailPanel::cleanup()
{
    m_source.reset();
    m_network.reset();
    m_clock = ManualClock();
}

void TestDetailPanel::deliverPoll()
{
    m_clock.advance(10);
    ++m_polls;
    m_network->applySnapshot(m_source->takeSnapshot());
    m_network->applyStatus(liveStatus(5 + m_polls, m_clock.now()));
}

void TestDetailPanel::pollJoinsOnceAndUpdatesValuesInPlace()
{
    DetailPanel panel(m_network.get(), &m_palette);
    panel.showElement({DiagramElement::Kind::Host, QStringLiteral("monitor11")});
    QSignalSpy redraws(m_network.get(), &NetworkState::stateChanged);
    const quint64 joins = m_network->joinCount();
    const int rebuilds = panel.rebuildCount();
    const QString before = panel.overviewText();

    constexpr int Polls = 3;
    for (int i = 0; i < Polls; ++i)
        deliverPoll();

    QCOMPARE(m_network->joinCount() - joins, quint64(Polls));
    QCOMPARE(redraws.size(), Polls);
    QCOMPARE(panel.rebuildCount(), rebuilds);
    QCOMPARE(panel.valueUpdateCount(), Polls);
    // The cells changed, and the page reads exactly as one laid out afresh from the same state.
    QVERIFY(panel.overviewText() != before);
    DetailPanel fresh(m_network.get(), &m_palette);
    fresh.showElement(panel.element());
    QCOMPARE(panel.overviewText(), fresh.overviewText());
}

void TestDetailPanel::newRowsRebuildThePage()
{
    DetailPanel panel(m_network.get(), &m_palette);
    panel.showElement({DiagramElement::Kind::Host, QStringLiteral("prod")});
    const int rebuilds = panel.rebuildCount();
    QVERIFY(panel.overviewText().contains(QStringLiteral("Client → hub")));
    // The telemetry goes: the rates' rows give way to "none for this tunnel".
    m_network->applySnapshot(TelemetrySnapshot{});
    QCOMPARE(panel.rebuildCount(), rebuilds + 1);
    QVERIFY(!panel.overviewText().contains(QStringLiteral("Client → hub")));
    QVERIFY(panel.overviewText().contains(QStringLiteral("none for this tunnel")));
}

void TestDetailPanel::hubShowsItsTunnelsByThePage()
{
    DetailPanel panel(m_network.get(), &m_palette);
    panel.showElement({DiagramElement::Kind::Host, QStringLiteral("monitor11")});
    QString text = panel.overviewText();
    QCOMPARE(text.count(QStringLiteral("Client public key")), OverviewDocument::TunnelPage);
    // Every tunnel is still counted, by state.
    QVERIFY2(text.contains(QLocale().toString(2002) + QStringLiteral(" (")), qPrintable(text.left(2000)));
    QVERIFY(text.contains(QStringLiteral("Show 50 more")));
    panel.showMoreTunnels();
    text = panel.overviewText();
    QCOMPARE(text.count(QStringLiteral("Client public key")), 2 * OverviewDocument::TunnelPage);
    // Another selection starts again from the first page.
    panel.showElement({DiagramElement::Kind::Host, QStringLiteral("prod")});
    panel.showElement({DiagramElement::Kind::Host, QStringLiteral("monitor11")});
    QCOMPARE(panel.tunnelLimit(), OverviewDocument::TunnelPage);
}

QTEST_MAIN(TestDetailPanel)
#include "TestDetailPanel.moc"
