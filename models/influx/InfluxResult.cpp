// SPDX-License-Identifier: GPL-3.0-or-later
#include "influx/InfluxResult.h"

QJsonValue InfluxSeries::cell(qsizetype row, const QString& column) const
{
    const qsizetype index = columnIndex(column);
    if (index < 0 || row < 0 || row >= values.size())
        return QJsonValue(QJsonValue::Undefined);
    const QJsonArray& cells = values.at(row);
    return index < cells.size() ? cells.at(index) : QJsonValue(QJsonValue::Undefined);
}

const InfluxStatementResult* InfluxResult::statement(int statementId) const
{
    for (const auto& candidate : statements) {
        if (candidate.statementId == statementId)
            return &candidate;
    }
    return nullptr;
}
