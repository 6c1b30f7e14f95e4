// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/** A metric query (count_over_time, rate, ...) on query_range: a matrix with one point every stepSeconds. */
struct LokiMetricQuery
{
    QString logql;
    qint64 startNs = 0;
    qint64 endNs = 0;
    int stepSeconds = 60;

    friend bool operator==(const LokiMetricQuery&, const LokiMetricQuery&) = default;
};
