// SPDX-License-Identifier: GPL-3.0-or-later
#include "live/LokiLogEventsProvider.h"

#include "loki/LokiClient.h"

#include <QTimer>

LokiLogEventsProvider::LokiLogEventsProvider(LokiClient* client, const Clock* clock, QObject* parent)
    : LogEventsProvider(parent)
    , m_client(client)
    , m_clock(clock)
    , m_counter(client, clock)
{
    connect(&m_counter, &LokiEventCounter::countsReady, this, [this](const QList<HostLogEvents>& counts) {
        m_waiting = false;
        Q_EMIT eventsReady(counts, true);
    });
    connect(&m_counter, &LokiEventCounter::failed, this, [this] {
        m_waiting = false;
        Q_EMIT eventsReady({}, false);
    });
}

void LokiLogEventsProvider::requestEvents()
{
    if (m_waiting)
        return; // the answer in flight serves this request too
    const EndpointHealth& health = m_counter.health();
    const bool fresh = m_counter.hasCounts() && health.state == EndpointHealth::State::Ok
        && health.lastSuccess.isValid() && health.lastSuccess.secsTo(m_clock->now()) < m_refreshSeconds;
    if (fresh) {
        answerFromCache();
        return;
    }
    m_waiting = true;
    m_counter.refresh();
}

void LokiLogEventsProvider::answerFromCache()
{
    // Always from the event loop, like a network answer: callers set their own state after requestEvents().
    QTimer::singleShot(0, this, [this] { Q_EMIT eventsReady(m_counter.counts(), true); });
}
