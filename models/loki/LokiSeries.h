// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QMap>
#include <QString>

/** One point of a metric query: Loki sends the time as seconds (a number) and the value as a string. */
struct LokiSample
{
    double timeSeconds = 0;
    double value = 0;

    friend bool operator==(const LokiSample&, const LokiSample&) = default;
};

/** One series of a matrix (range) or vector (instant) result; a vector series has one sample. */
struct LokiSeries
{
    QMap<QString, QString> metric;
    QList<LokiSample> samples;

    friend bool operator==(const LokiSeries&, const LokiSeries&) = default;
};
