// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "loki/DemoLogSource.h"
#include "loki/LogFilter.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class Clock;
class LogTableModel;
class LokiClient;
struct LokiLabelResult;
struct LokiLogResult;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QTableView;

/**
 * The Logs tab of the detail panel: the Loki lines of one host (time, labels, line), newest first, filtered by
 * job and text, over a time range, optionally following. Loading shows a busy bar; errors and empty results
 * show inline with the server's own words, never in a dialog. Independent of the main window: give it a
 * LokiClient (or none, or demo mode) and a host tag.
 */
class LogPanel final : public QWidget
{
    Q_OBJECT

public:
    enum class State { NoSource, NoHost, Loading, Lines, Empty, Error };
    Q_ENUM(State)

    static constexpr int DefaultFollowIntervalMs = 5000;
    static constexpr int TextDebounceMs = 400;
    static constexpr int LineLimit = 1000;

    explicit LogPanel(QWidget* parent = nullptr);
    ~LogPanel() override;

    /// Not owned (tracked: if it is deleted, the panel shows no source). nullptr, without demo mode, shows
    /// "No Loki source configured".
    void setClient(LokiClient* client);
    /// Lines from DemoLogSource, labelled as demo; takes precedence over a client.
    void setDemoMode(bool demo);
    bool isDemoMode() const { return m_demo; }
    /// Not owned; the system clock by default.
    void setClock(const Clock* clock);

    /// The host's tag as Alloy labels it (`host`); empty shows "Select a host".
    void setHost(const QString& hostTag);
    QString host() const { return m_filter.host; }
    void setJob(const QString& job);
    void setFilterText(const QString& text);
    void setRangeSeconds(int seconds);
    void setFollow(bool follow);
    bool isFollowing() const;
    void setFollowIntervalMs(int milliseconds);

    const LogFilter& filter() const { return m_filter; }
    State state() const { return m_state; }
    /// The inline message (error, empty, no source); empty while lines show.
    QString message() const;
    const LogTableModel* model() const { return m_model; }

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void stateChanged(LogPanel::State state);

private:
    void buildUi();
    void connectControls();
    void setState(State state, const QString& message = {});
    void showEntries(const QList<LokiEntry>& entries);
    void onLogsFinished(const LokiLogResult& result);
    void onLabelsFinished(const LokiLabelResult& result);
    void fillJobs(const QStringList& jobs);
    void updateTitle();
    void fetchJobs();
    QString describeFilter() const;

    QPointer<LokiClient> m_client; ///< not owned; a client deleted first reads as no source
    bool m_demo = false;
    DemoLogSource m_demoSource;
    const Clock* m_clock;
    LogFilter m_filter;
    State m_state = State::NoSource;
    quint64 m_pendingLogs = 0;
    quint64 m_pendingLabels = 0;
    QTimer m_followTimer;
    QTimer m_textDebounce;

    QLabel* m_title = nullptr;
    QComboBox* m_jobCombo = nullptr;
    QLineEdit* m_textEdit = nullptr;
    QComboBox* m_rangeCombo = nullptr;
    QCheckBox* m_followCheck = nullptr;
    QProgressBar* m_busy = nullptr;
    QLabel* m_message = nullptr;
    QTableView* m_table = nullptr;
    LogTableModel* m_model = nullptr;
};
