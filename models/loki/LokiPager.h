// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "loki/LokiEntry.h"
#include "loki/LokiLogQuery.h"

#include <QList>
#include <QSet>

/**
 * Splits a log query into requests of at most Loki's 5000 lines, the way logcli does: backward, the next page
 * ends at the oldest time seen + 1 ns (end is exclusive, so lines sharing that time come again) and lines
 * already seen at that time are dropped; forward, the next page starts at the newest time seen.
 * Pure: the client feeds it each batch; tests drive it without a server.
 */
class LokiPager
{
public:
    struct Page
    {
        qint64 startNs = 0;
        qint64 endNs = 0;
        int limit = 0;
    };

    explicit LokiPager(const LokiLogQuery& query);

    Page nextPage() const;
    /// A batch as the parser returns it (sorted in the query's direction).
    void addBatch(const QList<LokiEntry>& batch);
    bool finished() const { return m_finished; }
    bool pageLimitReached() const { return m_pageLimitReached; }
    int pages() const { return m_pages; }
    const QList<LokiEntry>& entries() const { return m_entries; }

private:
    int remaining() const { return m_query.limit - int(m_entries.size()); }

    LokiLogQuery m_query;
    QList<LokiEntry> m_entries;
    Page m_next;
    qint64 m_boundaryNs = -1; ///< the time at which the last page stopped
    QSet<QString> m_boundarySeen; ///< identities of the lines already kept at m_boundaryNs
    int m_pages = 0;
    bool m_finished = false;
    bool m_pageLimitReached = false;
};
