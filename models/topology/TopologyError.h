// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

/** One thing wrong with a topology file: where (JSON path, or line and column for syntax) and what. */
struct TopologyError
{
    QString path;    ///< e.g. hosts[2].services[0].port; empty for syntax errors
    QString message; ///< e.g. "70000 is not a port"
    int line = 0;    ///< 1-based, 0 when not known
    int column = 0;  ///< 1-based, 0 when not known

    /// "hosts[2].services[0].port: 70000 is not a port" or "line 3, column 7: unterminated string".
    QString toString() const;
    static QString describe(const QList<TopologyError>& errors, int maxShown = 5);

    friend bool operator==(const TopologyError&, const TopologyError&) = default;
};
