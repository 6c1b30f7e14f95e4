// SPDX-License-Identifier: GPL-3.0-or-later
#include "loki/LokiPager.h"

#include <algorithm>

LokiPager::LokiPager(const LokiLogQuery& query)
    : m_query(query)
{
    m_query.limit = std::max(1, m_query.limit);
    m_query.maxPages = std::max(1, m_query.maxPages);
    m_query.pageSize = std::max(1, m_query.pageSize);
    m_next = { m_query.startNs, m_query.endNs, 0 };
    m_finished = m_query.startNs >= m_query.endNs;
}

LokiPager::Page LokiPager::nextPage() const
{
    Page page = m_next;
    // Ask for the lines that will be dropped as already seen too, so that they do not eat into the page.
    page.limit = std::min(m_query.pageSize, remaining() + int(m_boundarySeen.size()));
    return page;
}

void LokiPager::addBatch(const QList<LokiEntry>& batch)
{
    const int requested = nextPage().limit;
    ++m_pages;
    const bool backward = m_query.direction == LokiDirection::Backward;
    int added = 0;
    for (const LokiEntry& entry : batch) {
        if (remaining() <= 0)
            break;
        if (entry.timestampNs == m_boundaryNs && m_boundarySeen.contains(entry.identity()))
            continue;
        m_entries.append(entry);
        ++added;
    }

    if (batch.size() < requested || remaining() <= 0 || batch.isEmpty()) {
        m_finished = true;
        return;
    }
    // The edge of this page: the last entry in the query's direction.
    const qint64 edgeNs = batch.constLast().timestampNs;
    if (added == 0) {
        // A whole page of lines at one time, all seen: the 5000 cap leaves no way forward.
        m_finished = true;
        m_pageLimitReached = true;
        return;
    }
    if (edgeNs != m_boundaryNs)
        m_boundarySeen.clear();
    m_boundaryNs = edgeNs;
    for (auto it = m_entries.crbegin(); it != m_entries.crend() && it->timestampNs == edgeNs; ++it)
        m_boundarySeen.insert(it->identity());
    if (backward)
        m_next.endNs = edgeNs + 1;
    else
        m_next.startNs = edgeNs;
    if (m_pages >= m_query.maxPages) {
        m_finished = true;
        m_pageLimitReached = true;
    }
}
