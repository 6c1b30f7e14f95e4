// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "charts/RateUnit.h"
#include "live/PeerHistoryProvider.h"

#include <QPointer>
#include <QWidget>

class QButtonGroup;
class QChart;
class QChartView;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QStackedWidget;
class QValueAxis;

/**
 * One peer's history: receive and send rates over time (unit-aware axis) and, in a smaller chart below, the
 * handshake age. A range selector picks 15 min to 7 d; each pick asks the provider again (the server aggregates),
 * so the chart only ever holds what it shows. While fetching it says so; a failure shows the source's own words;
 * a range without data says that, rather than drawing an empty frame.
 */
class PeerHistoryChart final : public QWidget
{
    Q_OBJECT

public:
    enum class State { NoPeer, Loading, Showing, Empty, Failed };

    struct Peer
    {
        PeerHistoryProvider::Request request; ///< its range is ignored: the selector decides
        QString receivedLabel; ///< "prod → monitor11": what the reporting host received
        QString sentLabel;     ///< "monitor11 → prod"
    };

    explicit PeerHistoryChart(QWidget* parent = nullptr);
    ~PeerHistoryChart() override;

    /// Not owned; null shows nothing. Asks again for the current peer.
    void setProvider(PeerHistoryProvider* provider);
    void setPeer(const Peer& peer);
    /// No peer: shows `message` instead of a chart.
    void clearPeer(const QString& message);
    void setRange(InfluxHistoryQuery::Range range);
    /// Asks the provider again for the current peer and range.
    void reload();

    InfluxHistoryQuery::Range range() const { return m_range; }
    State state() const { return m_state; }
    QString messageText() const;
    QString statusText() const;
    RateUnit rateUnit() const { return m_unit; }
    QLineSeries* receivedSeries() const { return m_received; }
    QLineSeries* sentSeries() const { return m_sent; }
    QLineSeries* handshakeSeries() const { return m_handshake; }
    QDateTimeAxis* timeAxis() const { return m_rateTime; }
    QValueAxis* rateAxis() const { return m_rateAxis; }
    QValueAxis* handshakeAxis() const { return m_ageAxis; }
    QChartView* rateView() const { return m_rateView; }
    QChartView* handshakeView() const { return m_ageView; }

Q_SIGNALS:
    /// The provider has answered (or failed) for the current request.
    void historyShown();

protected:
    void changeEvent(QEvent* event) override;

private:
    void buildRangeSelector(QWidget* bar);
    QChartView* makeChartView(QChart* chart);
    void onHistory(const PeerHistoryProvider::Result& result);
    void showHistory(const PeerHistoryProvider::Result& result);
    void showMessage(State state, const QString& message);
    void applyPalette();
    void cancelPending();

    QPointer<PeerHistoryProvider> m_provider;
    std::optional<Peer> m_peer;
    InfluxHistoryQuery::Range m_range = InfluxHistoryQuery::Range::OneHour;
    quint64 m_pendingId = 0;
    State m_state = State::NoPeer;
    RateUnit m_unit;

    QLabel* m_status;
    QButtonGroup* m_ranges;
    QStackedWidget* m_stack;
    QLabel* m_message;
    QChart* m_rateChart;
    QChart* m_ageChart;
    QChartView* m_rateView = nullptr;
    QChartView* m_ageView = nullptr;
    QLineSeries* m_received;
    QLineSeries* m_sent;
    QLineSeries* m_handshake;
    QDateTimeAxis* m_rateTime;
    QDateTimeAxis* m_ageTime;
    QValueAxis* m_rateAxis;
    QValueAxis* m_ageAxis;
};
