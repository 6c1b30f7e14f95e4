// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "loki/LokiDirection.h"
#include "loki/LokiEntry.h"
#include "loki/LokiError.h"
#include "loki/LokiSeries.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

/** Pure functions from Loki's response bodies to values; tested on the recorded Loki 2.7 answers. */
namespace LokiResponseParser {

/// A query or query_range body: streams fill entries, matrix and vector fill series.
struct QueryData
{
    QString resultType; ///< "streams", "matrix", "vector" (Loki also knows "scalar", which we do not use)
    QList<LokiEntry> entries;
    QList<LokiSeries> series;
    QString error; ///< empty when the body was understood

    bool ok() const { return error.isEmpty(); }
};

/// labels and label/<name>/values bodies.
struct StringListData
{
    QStringList values;
    QString error;

    bool ok() const { return error.isEmpty(); }
};

/// Streams come back merged across streams and sorted in direction (newest first for backward).
QueryData parseQuery(const QByteArray& body, LokiDirection direction = LokiDirection::Backward);
StringListData parseStringList(const QByteArray& body);

/// Sorts by time in direction; ties keep a stable order by labels then line, so pages compare reliably.
void sortEntries(QList<LokiEntry>& entries, LokiDirection direction);

/// The error for a non-200 answer. Loki writes plain text (labelled application/json by 2.7): it is kept as is.
LokiError httpError(int status, const QString& reasonPhrase, const QByteArray& body);
/// The server's text of an error body: plain text verbatim, the message of a JSON error, a note for HTML pages.
QString errorBodyText(const QByteArray& body);

} // namespace LokiResponseParser
