// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "loki/LokiError.h"
#include "loki/LokiMetricQuery.h"
#include "loki/LokiSeries.h"

#include <QList>

struct LokiMetricResult
{
    quint64 requestId = 0;
    LokiMetricQuery query;
    QList<LokiSeries> series;
    int latencyMs = -1;
    LokiError error;
};
