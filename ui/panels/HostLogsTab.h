// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "loki/LokiClient.h"

#include <QPointer>
#include <QWidget>

class LogPanel;

/**
 * The Logs tab of the detail panel: a LogPanel that is told about the selected host and the log source, but asks
 * Loki only while it is visible. Changes made while it is hidden wait until it shows (one fetch then), and
 * follow mode pauses while it is hidden: polite to the server.
 */
class HostLogsTab final : public QWidget
{
    Q_OBJECT

public:
    explicit HostLogsTab(QWidget* parent = nullptr);

    /// The host's tag as Alloy labels it; empty for "select a host".
    void setHost(const QString& hostTag);
    /// Demo lines, or a Loki client (not owned, may be null: "no Loki source").
    void setSource(bool demo, LokiClient* client);

    QString host() const { return m_host; }
    bool isDemo() const { return m_demo; }
    LokiClient* client() const { return m_client; }
    LogPanel* logPanel() const { return m_panel; }

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    /// Hands the wanted state to the panel; true when that changed anything (and so fetched).
    bool apply();

    LogPanel* m_panel;
    QString m_host;
    bool m_demo = false;
    QPointer<LokiClient> m_client;
    QPointer<LokiClient> m_appliedClient;
    bool m_followPaused = false;
};
