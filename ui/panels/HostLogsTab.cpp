// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/HostLogsTab.h"

#include "logs/LogPanel.h"
#include "loki/LokiClient.h"

#include <QVBoxLayout>

HostLogsTab::HostLogsTab(QWidget* parent)
    : QWidget(parent)
    , m_panel(new LogPanel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_panel);
}

void HostLogsTab::setHost(const QString& hostTag)
{
    m_host = hostTag;
    if (isVisible())
        apply();
}

void HostLogsTab::setSource(bool demo, LokiClient* client)
{
    m_demo = demo;
    m_client = client;
    if (isVisible())
        apply();
}

bool HostLogsTab::apply()
{
    // Ordered so that one change costs one request: the panel is detached from its source while the host
    // changes, then the new source asks once for the right host.
    const bool sourceChanged = m_panel->isDemoMode() != m_demo || m_appliedClient != m_client;
    const bool hostChanged = m_panel->host() != m_host;
    if (sourceChanged) {
        m_panel->setClient(nullptr);
        if (m_panel->isDemoMode())
            m_panel->setDemoMode(false);
    }
    m_panel->setHost(m_host);
    if (sourceChanged) {
        m_appliedClient = m_client;
        if (m_demo)
            m_panel->setDemoMode(true);
        else
            m_panel->setClient(m_client);
    }
    return sourceChanged || hostChanged;
}

void HostLogsTab::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    const bool changed = apply();
    if (m_followPaused) {
        m_followPaused = false;
        m_panel->setFollow(true); // refreshes
    } else if (!changed) {
        m_panel->refresh(); // what was shown may be old: fetch once now that the user looks
    }
}

void HostLogsTab::hideEvent(QHideEvent* event)
{
    if (m_panel->isFollowing()) {
        m_followPaused = true;
        m_panel->setFollow(false);
    }
    QWidget::hideEvent(event);
}
