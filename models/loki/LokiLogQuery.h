// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "loki/LokiDirection.h"

#include <QString>

/** A log (streams) query over [startNs, endNs): Loki's start is inclusive and its end exclusive. */
struct LokiLogQuery
{
    static constexpr int ServerMaxLimit = 5000; ///< Loki's default max_entries_limit_per_query
    static constexpr int DefaultMaxPages = 20;

    QString logql;
    qint64 startNs = 0;
    qint64 endNs = 0;
    int limit = 100; ///< total lines wanted; above ServerMaxLimit the client pages like logcli
    LokiDirection direction = LokiDirection::Backward;
    int maxPages = DefaultMaxPages; ///< bound on requests for one query, whatever the limit
    int pageSize = ServerMaxLimit; ///< lines per request: the server's max_entries_limit_per_query

    friend bool operator==(const LokiLogQuery&, const LokiLogQuery&) = default;
};
