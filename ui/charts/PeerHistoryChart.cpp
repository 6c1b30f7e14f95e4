// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/PeerHistoryChart.h"

#include "diagram/DiagramPalette.h"

#include <QButtonGroup>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QEvent>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <QValueAxis>

namespace {

constexpr int ChartsPage = 0;
constexpr int MessagePage = 1;
constexpr int AgeChartHeight = 150;
constexpr qint64 MinutesAbove = 300; ///< handshake ages above this many seconds are charted in minutes

QString timeFormat(InfluxHistoryQuery::Range range)
{
    switch (range) {
    case InfluxHistoryQuery::Range::FifteenMinutes:
    case InfluxHistoryQuery::Range::OneHour:
    case InfluxHistoryQuery::Range::SixHours:
        return QStringLiteral("HH:mm");
    case InfluxHistoryQuery::Range::OneDay:
        return QStringLiteral("ddd HH:mm");
    case InfluxHistoryQuery::Range::SevenDays:
        break;
    }
    return QStringLiteral("ddd d");
}

QColor blend(const QColor& a, const QColor& b, double amountOfB)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * amountOfB),
                            float(a.greenF() + (b.greenF() - a.greenF()) * amountOfB),
                            float(a.blueF() + (b.blueF() - a.blueF()) * amountOfB));
}

void styleAxis(QAbstractAxis* axis, const DiagramPalette& palette)
{
    axis->setLabelsColor(palette.text());
    axis->setTitleBrush(palette.mutedText());
    axis->setLinePenColor(palette.cardBorder());
    axis->setGridLineColor(blend(palette.canvas(), palette.cardBorder(), 0.5));
    QFont font = axis->labelsFont();
    font.setPointSizeF(std::max(7.0, QFont().pointSizeF() * 0.85));
    axis->setLabelsFont(font);
    axis->setTitleFont(font);
}

} // namespace

PeerHistoryChart::PeerHistoryChart(QWidget* parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_ranges(new QButtonGroup(this))
    , m_stack(new QStackedWidget(this))
    , m_message(new QLabel(this))
    , m_rateChart(new QChart)
    , m_ageChart(new QChart)
    , m_received(new QLineSeries)
    , m_sent(new QLineSeries)
    , m_handshake(new QLineSeries)
    , m_rateTime(new QDateTimeAxis)
    , m_ageTime(new QDateTimeAxis)
    , m_rateAxis(new QValueAxis)
    , m_ageAxis(new QValueAxis)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* bar = new QWidget(this);
    buildRangeSelector(bar);
    layout->addWidget(bar);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    m_rateChart->addSeries(m_received);
    m_rateChart->addSeries(m_sent);
    m_rateChart->addAxis(m_rateTime, Qt::AlignBottom);
    m_rateChart->addAxis(m_rateAxis, Qt::AlignLeft);
    for (QLineSeries* series : {m_received, m_sent}) {
        series->attachAxis(m_rateTime);
        series->attachAxis(m_rateAxis);
    }
    m_ageChart->addSeries(m_handshake);
    m_ageChart->addAxis(m_ageTime, Qt::AlignBottom);
    m_ageChart->addAxis(m_ageAxis, Qt::AlignLeft);
    m_handshake->attachAxis(m_ageTime);
    m_handshake->attachAxis(m_ageAxis);
    m_handshake->setName(QStringLiteral("handshake age"));
    m_rateAxis->setLabelFormat(QStringLiteral("%.3g"));
    m_ageAxis->setLabelFormat(QStringLiteral("%.3g"));
    m_ageChart->legend()->hide();

    auto* charts = new QWidget(m_stack);
    auto* chartsLayout = new QVBoxLayout(charts);
    chartsLayout->setContentsMargins(0, 0, 0, 0);
    chartsLayout->setSpacing(0);
    m_rateView = makeChartView(m_rateChart);
    m_ageView = makeChartView(m_ageChart);
    m_ageView->setFixedHeight(AgeChartHeight);
    chartsLayout->addWidget(m_rateView, 1);
    chartsLayout->addWidget(m_ageView);
    m_stack->insertWidget(ChartsPage, charts);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setMargin(16);
    m_stack->insertWidget(MessagePage, m_message);
    layout->addWidget(m_stack, 1);

    applyPalette();
    clearPeer(QStringLiteral("Select a peer or tunnel to see its history"));
}

PeerHistoryChart::~PeerHistoryChart()
{
    cancelPending();
}

void PeerHistoryChart::buildRangeSelector(QWidget* bar)
{
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(2);
    auto* label = new QLabel(QStringLiteral("Range:"), bar);
    row->addWidget(label);
    for (const auto range : InfluxHistoryQuery::ranges()) {
        auto* button = new QToolButton(bar);
        button->setText(InfluxHistoryQuery::rangeTitle(range));
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setChecked(range == m_range);
        button->setToolTip(QStringLiteral("Show the last %1").arg(InfluxHistoryQuery::rangeTitle(range)));
        m_ranges->addButton(button, int(range));
        row->addWidget(button);
    }
    row->addStretch(1);
    m_ranges->setExclusive(true);
    connect(m_ranges, &QButtonGroup::idClicked, this,
            [this](int id) { setRange(static_cast<InfluxHistoryQuery::Range>(id)); });
}

QChartView* PeerHistoryChart::makeChartView(QChart* chart)
{
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    auto* view = new QChartView(chart, this);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(120);
    return view;
}

void PeerHistoryChart::setProvider(PeerHistoryProvider* provider)
{
    cancelPending();
    if (m_provider)
        m_provider->disconnect(this);
    m_provider = provider;
    if (provider)
        connect(provider, &PeerHistoryProvider::historyReady, this, &PeerHistoryChart::onHistory);
    reload();
}

void PeerHistoryChart::setPeer(const Peer& peer)
{
    m_peer = peer;
    m_received->setName(peer.receivedLabel);
    m_sent->setName(peer.sentLabel);
    reload();
}

void PeerHistoryChart::clearPeer(const QString& message)
{
    cancelPending();
    m_peer.reset();
    m_received->clear();
    m_sent->clear();
    m_handshake->clear();
    m_status->clear();
    m_status->hide();
    showMessage(State::NoPeer, message);
}

void PeerHistoryChart::setRange(InfluxHistoryQuery::Range range)
{
    if (auto* button = m_ranges->button(int(range)))
        button->setChecked(true);
    if (range == m_range && m_state != State::NoPeer && m_state != State::Failed)
        return;
    m_range = range;
    reload();
}

void PeerHistoryChart::reload()
{
    cancelPending();
    if (!m_peer)
        return;
    if (!m_provider) {
        showMessage(State::Failed, QStringLiteral("No telemetry source to ask for history"));
        return;
    }
    PeerHistoryProvider::Request request = m_peer->request;
    request.range = m_range;
    m_status->setText(QStringLiteral("Loading the last %1 from %2…")
                          .arg(InfluxHistoryQuery::rangeTitle(m_range), m_provider->sourceName()));
    m_status->show();
    m_state = State::Loading;
    m_pendingId = m_provider->request(request);
}

void PeerHistoryChart::cancelPending()
{
    if (m_pendingId != 0 && m_provider)
        m_provider->cancel(m_pendingId);
    m_pendingId = 0;
}

void PeerHistoryChart::onHistory(const PeerHistoryProvider::Result& result)
{
    if (result.requestId != m_pendingId)
        return;
    m_pendingId = 0;
    if (!result.ok) {
        m_status->hide();
        showMessage(State::Failed, QStringLiteral("Could not load the history from %1:\n%2")
                                       .arg(m_provider ? m_provider->sourceName() : QString(), result.error));
    } else if (result.points.isEmpty()) {
        m_status->hide();
        showMessage(State::Empty, QStringLiteral("No history for this peer in this range"));
    } else {
        showHistory(result);
    }
    Q_EMIT historyShown();
}

void PeerHistoryChart::showHistory(const PeerHistoryProvider::Result& result)
{
    double maxRate = 0;
    qint64 maxAge = 0;
    for (const auto& point : result.points) {
        maxRate = std::max({maxRate, point.rxBytesPerSecond.value_or(0), point.txBytesPerSecond.value_or(0)});
        maxAge = std::max(maxAge, point.handshakeAgeSeconds.value_or(0));
    }
    m_unit = RateUnit::forMaximum(maxRate);
    const bool minutes = maxAge > MinutesAbove;
    const double ageDivisor = minutes ? 60.0 : 1.0;

    QList<QPointF> received;
    QList<QPointF> sent;
    QList<QPointF> ages;
    for (const auto& point : result.points) {
        // Points sit in the middle of their bucket, where the average they show belongs.
        const double x = double(point.timeMs) + result.bucketSeconds * 500.0;
        if (point.rxBytesPerSecond)
            received.append({x, *point.rxBytesPerSecond / m_unit.divisor});
        if (point.txBytesPerSecond)
            sent.append({x, *point.txBytesPerSecond / m_unit.divisor});
        if (point.handshakeAgeSeconds)
            ages.append({x, double(*point.handshakeAgeSeconds) / ageDivisor});
    }
    m_received->replace(received);
    m_sent->replace(sent);
    m_handshake->replace(ages);

    for (QDateTimeAxis* axis : {m_rateTime, m_ageTime}) {
        axis->setRange(result.from, result.to);
        axis->setFormat(timeFormat(m_range));
        axis->setTickCount(5);
    }
    m_rateAxis->setRange(0, std::max(1.0, maxRate / m_unit.divisor * 1.1));
    m_rateAxis->setTitleText(m_unit.name);
    m_ageAxis->setRange(0, std::max(1.0, double(maxAge) / ageDivisor * 1.1));
    m_ageAxis->setTitleText(minutes ? QStringLiteral("handshake age, min") : QStringLiteral("handshake age, s"));
    for (QValueAxis* axis : {m_rateAxis, m_ageAxis}) {
        axis->setMinorTickCount(0);
        axis->applyNiceNumbers(); // round steps (0, 0.5, 1, ...) rather than quarters of an odd maximum
    }

    QString status = QStringLiteral("Last %1 from %2, averaged over %3 s")
                         .arg(InfluxHistoryQuery::rangeTitle(m_range), m_provider ? m_provider->sourceName() : QString())
                         .arg(result.bucketSeconds);
    if (m_provider && m_provider->isDemo())
        status = QStringLiteral("DEMO: made-up history, not measured. ") + status;
    m_status->setText(status);
    m_status->show();
    m_state = State::Showing;
    m_stack->setCurrentIndex(ChartsPage);
}

void PeerHistoryChart::showMessage(State state, const QString& message)
{
    m_state = state;
    m_message->setText(message);
    m_stack->setCurrentIndex(MessagePage);
}

QString PeerHistoryChart::messageText() const
{
    return m_stack->currentIndex() == MessagePage ? m_message->text() : QString();
}

QString PeerHistoryChart::statusText() const
{
    return m_status->isVisibleTo(this) ? m_status->text() : QString();
}

void PeerHistoryChart::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    QWidget::changeEvent(event);
}

void PeerHistoryChart::applyPalette()
{
    const DiagramPalette palette(this->palette());
    for (QChart* chart : {m_rateChart, m_ageChart}) {
        chart->setBackgroundBrush(palette.canvas());
        chart->setBackgroundPen(Qt::NoPen);
        chart->setPlotAreaBackgroundVisible(false);
        chart->legend()->setLabelColor(palette.text());
        for (QAbstractAxis* axis : chart->axes())
            styleAxis(axis, palette);
    }
    m_received->setPen(QPen(palette.flow(DataFlow::Kind::Logs), 2));
    m_sent->setPen(QPen(palette.flow(DataFlow::Kind::Metrics), 2));
    m_handshake->setPen(QPen(palette.state(PeerStatus::State::Stale), 1.5));
    for (QChartView* view : {m_rateView, m_ageView}) {
        if (view)
            view->setBackgroundBrush(palette.canvas());
    }
}
