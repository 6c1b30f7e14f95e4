// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

/** What the log panel and `tunnelscope-cli logs` ask for, before it becomes LogQL (or a demo query). */
struct LogFilter
{
    QString host; ///< Alloy's host label
    QString job; ///< empty for every job
    QString text; ///< a line filter (|=), case-sensitive like Loki's; empty for none
    int rangeSeconds = 3600; ///< how far back from now

    /// `{host="prod", job="wireguard"} |= "Ban"`, quotes and backslashes escaped.
    QString logql() const;
    /// The jobs this network's Alloy configs ship, for when Loki cannot list them.
    static QStringList defaultJobs();
    /// A LogQL string literal: "..." with \ and " escaped.
    static QString quoted(const QString& text);

    friend bool operator==(const LogFilter&, const LogFilter&) = default;
};
