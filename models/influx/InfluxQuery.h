// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

/** One /query request: several InfluxQL statements sent together, answered in one response. */
struct InfluxQuery
{
    enum class Epoch { Milliseconds, Nanoseconds };

    QStringList statements;
    QString database; ///< empty = the connection's database
    Epoch epoch = Epoch::Milliseconds;

    /// The statements as InfluxDB's q parameter: joined with ";".
    QString joinedStatements() const { return statements.join(QStringLiteral(";")); }
    static QString epochName(Epoch epoch) { return epoch == Epoch::Nanoseconds ? QStringLiteral("ns") : QStringLiteral("ms"); }

    /// 'value' as an InfluxQL string literal, with quotes and backslashes escaped.
    static QString quoteLiteral(const QString& value);
    /// "name" as an InfluxQL identifier.
    static QString quoteIdentifier(const QString& name);
};
