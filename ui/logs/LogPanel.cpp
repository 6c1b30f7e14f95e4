// SPDX-License-Identifier: GPL-3.0-or-later
#include "logs/LogPanel.h"

#include "core/SystemClock.h"
#include "loki/LogTableModel.h"
#include "loki/LokiClient.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

namespace {

constexpr qint64 NanosecondsPerMs = 1000000;

struct RangeChoice
{
    const char* label;
    int seconds;
};

constexpr RangeChoice RangeChoices[]
    = { { "15 min", 15 * 60 }, { "1 h", 3600 }, { "6 h", 6 * 3600 }, { "24 h", 24 * 3600 }, { "7 d", 7 * 24 * 3600 } };

QString rangeText(int seconds)
{
    for (const RangeChoice& choice : RangeChoices) {
        if (choice.seconds == seconds)
            return QString::fromLatin1(choice.label);
    }
    return QStringLiteral("%1 s").arg(seconds);
}

} // namespace

LogPanel::LogPanel(QWidget* parent)
    : QWidget(parent)
    , m_clock(SystemClock::instance())
{
    m_followTimer.setInterval(DefaultFollowIntervalMs);
    m_textDebounce.setSingleShot(true);
    m_textDebounce.setInterval(TextDebounceMs);
    buildUi();
    connectControls();
    fillJobs(LogFilter::defaultJobs());
    refresh();
}

LogPanel::~LogPanel() = default;

void LogPanel::buildUi()
{
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::PlainText);
    m_jobCombo = new QComboBox(this);
    m_jobCombo->setObjectName(QStringLiteral("jobCombo"));
    m_jobCombo->setToolTip(tr("Show the lines of one job (Alloy's job label)"));
    m_textEdit = new QLineEdit(this);
    m_textEdit->setObjectName(QStringLiteral("textFilter"));
    m_textEdit->setPlaceholderText(tr("Lines containing…"));
    m_textEdit->setClearButtonEnabled(true);
    m_rangeCombo = new QComboBox(this);
    m_rangeCombo->setObjectName(QStringLiteral("rangeCombo"));
    for (const RangeChoice& choice : RangeChoices)
        m_rangeCombo->addItem(QString::fromLatin1(choice.label), choice.seconds);
    m_rangeCombo->setCurrentIndex(1);
    m_followCheck = new QCheckBox(tr("Follow"), this);
    m_followCheck->setObjectName(QStringLiteral("followCheck"));
    m_followCheck->setToolTip(tr("Ask for the newest lines every few seconds"));
    auto* refreshButton = new QPushButton(tr("Refresh"), this);
    refreshButton->setObjectName(QStringLiteral("refreshButton"));
    connect(refreshButton, &QPushButton::clicked, this, &LogPanel::refresh);

    // Two rows: the panel usually lives in a narrow dock, where one row squeezed the text filter to nothing.
    auto* controls = new QVBoxLayout;
    auto* choices = new QHBoxLayout;
    choices->addWidget(m_jobCombo, 1);
    choices->addWidget(m_rangeCombo);
    choices->addWidget(m_followCheck);
    choices->addWidget(refreshButton);
    controls->addLayout(choices);
    controls->addWidget(m_textEdit);

    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0); // busy indicator: Loki does not say how long a query takes
    m_busy->setTextVisible(false);
    m_busy->setMaximumHeight(6);
    m_busy->hide();

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_model = new LogTableModel(this);
    m_model->setHiddenLabels({ QStringLiteral("host") });
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(LogTableModel::TimeColumn, QHeaderView::ResizeToContents);
    // Labels get a modest width (the full text is in the tooltip and the column can be widened): the line matters most.
    m_table->horizontalHeader()->setSectionResizeMode(LogTableModel::LabelsColumn, QHeaderView::Interactive);
    m_table->horizontalHeader()->resizeSection(LogTableModel::LabelsColumn, fontMetrics().horizontalAdvance(QStringLiteral("job=wireguard")) + 12);
    m_table->setTextElideMode(Qt::ElideRight);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(controls);
    layout->addWidget(m_busy);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);
}

void LogPanel::connectControls()
{
    connect(m_jobCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_filter.job = m_jobCombo->currentData().toString();
        refresh();
    });
    connect(m_textEdit, &QLineEdit::textChanged, this, [this] { m_textDebounce.start(); });
    connect(&m_textDebounce, &QTimer::timeout, this, [this] {
        m_filter.text = m_textEdit->text();
        refresh();
    });
    connect(m_rangeCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_filter.rangeSeconds = m_rangeCombo->currentData().toInt();
        refresh();
    });
    connect(m_followCheck, &QCheckBox::toggled, this, [this](bool on) {
        if (on) {
            m_followTimer.start();
            refresh();
        } else {
            m_followTimer.stop();
        }
    });
    connect(&m_followTimer, &QTimer::timeout, this, [this] {
        // A slow Loki must not pile up requests: the next tick comes after this answer.
        if (m_state != State::Loading)
            refresh();
    });
    m_filter.rangeSeconds = m_rangeCombo->currentData().toInt();
}

void LogPanel::setClient(LokiClient* client)
{
    if (m_client == client)
        return;
    if (m_client) {
        m_client->disconnect(this);
        m_client->cancel(m_pendingLogs);
        m_client->cancel(m_pendingLabels);
    }
    m_pendingLogs = m_pendingLabels = 0;
    m_client = client;
    if (m_client) {
        connect(m_client, &LokiClient::logsFinished, this, &LogPanel::onLogsFinished);
        connect(m_client, &LokiClient::labelsFinished, this, &LogPanel::onLabelsFinished);
        fetchJobs();
    } else {
        fillJobs(LogFilter::defaultJobs());
    }
    refresh();
}

void LogPanel::setDemoMode(bool demo)
{
    m_demo = demo;
    if (demo)
        fillJobs(DemoLogSource::jobs());
    refresh();
}

void LogPanel::setClock(const Clock* clock)
{
    m_clock = clock ? clock : SystemClock::instance();
}

void LogPanel::setHost(const QString& hostTag)
{
    if (m_filter.host == hostTag)
        return;
    m_filter.host = hostTag;
    m_model->setEntries({});
    refresh();
}

void LogPanel::setJob(const QString& job)
{
    const int index = m_jobCombo->findData(job);
    if (index >= 0)
        m_jobCombo->setCurrentIndex(index);
}

void LogPanel::setFilterText(const QString& text)
{
    m_textEdit->setText(text);
    m_textDebounce.stop();
    m_filter.text = text;
    refresh();
}

void LogPanel::setRangeSeconds(int seconds)
{
    const int index = m_rangeCombo->findData(seconds);
    if (index >= 0)
        m_rangeCombo->setCurrentIndex(index);
}

void LogPanel::setFollow(bool follow)
{
    m_followCheck->setChecked(follow);
}

bool LogPanel::isFollowing() const
{
    return m_followCheck->isChecked();
}

void LogPanel::setFollowIntervalMs(int milliseconds)
{
    m_followTimer.setInterval(milliseconds);
}

QString LogPanel::message() const
{
    return m_message->text();
}

void LogPanel::refresh()
{
    updateTitle();
    if (!m_demo && !m_client)
        return setState(
            State::NoSource, tr("No Loki source configured. Add a Loki URL to a data source to see logs here."));
    if (m_filter.host.isEmpty())
        return setState(State::NoHost, tr("Select a host to see its logs."));
    if (m_demo) {
        showEntries(m_demoSource.query(m_filter, m_clock->now(), LineLimit));
        return;
    }
    if (m_pendingLogs != 0)
        m_client->cancel(m_pendingLogs);
    const qint64 nowNs = m_clock->now().toMSecsSinceEpoch() * NanosecondsPerMs;
    LokiLogQuery query;
    query.logql = m_filter.logql();
    query.startNs = nowNs - qint64(m_filter.rangeSeconds) * 1000 * NanosecondsPerMs;
    query.endNs = nowNs + 1; // end is exclusive: include a line stamped exactly now
    query.limit = LineLimit;
    query.direction = LokiDirection::Backward;
    m_pendingLogs = m_client->queryLogs(query);
    setState(State::Loading, m_model->rowCount() > 0 ? QString() : tr("Loading…"));
}

void LogPanel::onLogsFinished(const LokiLogResult& result)
{
    if (result.requestId != m_pendingLogs)
        return;
    m_pendingLogs = 0;
    if (!result.error.ok()) {
        // The previous lines stay: an error while following should not blank what the user is reading.
        return setState(State::Error, result.error.message);
    }
    showEntries(result.entries);
}

void LogPanel::showEntries(const QList<LokiEntry>& entries)
{
    const bool atTop = m_table->verticalScrollBar()->value() == m_table->verticalScrollBar()->minimum();
    m_model->setEntries(entries);
    if (atTop || isFollowing())
        m_table->scrollToTop();
    if (entries.isEmpty())
        return setState(State::Empty, tr("No lines for %1.").arg(describeFilter()));
    setState(State::Lines);
}

void LogPanel::fetchJobs()
{
    const qint64 nowNs = m_clock->now().toMSecsSinceEpoch() * NanosecondsPerMs;
    m_pendingLabels = m_client->fetchLabels(
        { QStringLiteral("job"), nowNs - qint64(7) * 24 * 3600 * 1000 * NanosecondsPerMs, nowNs });
}

void LogPanel::onLabelsFinished(const LokiLabelResult& result)
{
    if (result.requestId != m_pendingLabels)
        return;
    m_pendingLabels = 0;
    // When Loki cannot list jobs, the jobs this network's Alloy configs ship are a good guess.
    fillJobs(result.error.ok() && !result.values.isEmpty() ? result.values : LogFilter::defaultJobs());
}

void LogPanel::fillJobs(const QStringList& jobs)
{
    const QString current = m_filter.job;
    const QSignalBlocker blocker(m_jobCombo);
    m_jobCombo->clear();
    m_jobCombo->addItem(tr("All jobs"), QString());
    for (const QString& job : jobs)
        m_jobCombo->addItem(job, job);
    const int index = m_jobCombo->findData(current);
    m_jobCombo->setCurrentIndex(std::max(0, index));
    m_filter.job = m_jobCombo->currentData().toString();
}

void LogPanel::setState(State state, const QString& message)
{
    m_busy->setVisible(state == State::Loading);
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    // Errors stand out by weight, not colour alone: the text itself says what went wrong.
    QFont font = m_message->font();
    font.setBold(state == State::Error);
    m_message->setFont(font);
    m_table->setVisible(state != State::NoSource && state != State::NoHost);
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void LogPanel::updateTitle()
{
    QString title = m_filter.host.isEmpty() ? tr("Logs") : tr("Logs of %1").arg(m_filter.host);
    if (m_demo)
        title += tr(" — DEMO DATA (generated, not from Loki)");
    m_title->setText(title);
}

QString LogPanel::describeFilter() const
{
    QString text = tr("%1 in the last %2").arg(m_filter.host, rangeText(m_filter.rangeSeconds));
    if (!m_filter.job.isEmpty())
        text += tr(", job %1").arg(m_filter.job);
    if (!m_filter.text.isEmpty())
        text += tr(", containing \"%1\"").arg(m_filter.text);
    return text;
}
