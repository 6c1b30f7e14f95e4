// SPDX-License-Identifier: GPL-3.0-or-later
#include "loki/LogTableModel.h"

void LogTableModel::setEntries(const QList<LokiEntry>& entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

void LogTableModel::setHiddenLabels(const QStringList& names)
{
    m_hiddenLabels = names;
    if (!m_entries.isEmpty())
        Q_EMIT dataChanged(index(0, LabelsColumn), index(rowCount() - 1, LabelsColumn));
}

int LogTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int LogTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LogTableModel::timeText(const LokiEntry& entry)
{
    return entry.time().toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

QString LogTableModel::labelsText(const LokiEntry& entry) const
{
    QStringList parts;
    for (auto it = entry.labels.constBegin(); it != entry.labels.constEnd(); ++it) {
        if (!m_hiddenLabels.contains(it.key()))
            parts.append(it.key() + QLatin1Char('=') + it.value());
    }
    return parts.join(QLatin1Char(' '));
}

QVariant LogTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const LokiEntry& entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == TimeColumn)
            return timeText(entry);
        if (index.column() == LabelsColumn)
            return labelsText(entry);
        return entry.line;
    case Qt::ToolTipRole:
        return index.column() == LabelsColumn ? entry.labelsText() : entry.line;
    case TimestampNsRole:
        return entry.timestampNs;
    case JobRole:
        return entry.label(QStringLiteral("job"));
    default:
        return {};
    }
}

QVariant LogTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case LabelsColumn:
        return tr("Labels");
    case LineColumn:
        return tr("Line");
    default:
        return {};
    }
}
