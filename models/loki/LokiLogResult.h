// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "loki/LokiEntry.h"
#include "loki/LokiError.h"
#include "loki/LokiLogQuery.h"

#include <QList>

/** The lines of a log query, all pages merged, sorted in the query's direction, duplicates removed. */
struct LokiLogResult
{
    quint64 requestId = 0;
    LokiLogQuery query;
    QList<LokiEntry> entries;
    int pages = 0;
    bool pageLimitReached = false; ///< more lines exist but maxPages requests were made
    LokiError error; ///< when set, entries holds what earlier pages returned
};
