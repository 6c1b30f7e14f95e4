// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QMap>
#include <QString>

/** One log line as Loki returns it: its stream's labels, its nanosecond timestamp and the text. */
struct LokiEntry
{
    qint64 timestampNs = 0;
    QMap<QString, QString> labels;
    QString line;

    QDateTime time() const { return QDateTime::fromMSecsSinceEpoch(timestampNs / 1000000, Qt::UTC); }
    QString label(const QString& name) const { return labels.value(name); }
    /// `host="prod", job="wireguard"`: the stream selector form, sorted by name.
    QString labelsText() const;
    /// Identifies an entry across pages: the same time, labels and line are the same entry (logcli's rule).
    QString identity() const;

    friend bool operator==(const LokiEntry&, const LokiEntry&) = default;
};
