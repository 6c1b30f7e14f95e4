// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "loki/LokiEntry.h"

#include <QAbstractTableModel>
#include <QList>

/** Log lines as a table: time, labels, line. The order is the one given (the panel shows newest first). */
class LogTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, LabelsColumn, LineColumn, ColumnCount };
    enum Role { TimestampNsRole = Qt::UserRole + 1, JobRole };

    using QAbstractTableModel::QAbstractTableModel;

    void setEntries(const QList<LokiEntry>& entries);
    const QList<LokiEntry>& entries() const { return m_entries; }
    /// Hidden from the labels column because every line of a per-host panel has it.
    void setHiddenLabels(const QStringList& names);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString timeText(const LokiEntry& entry);

private:
    QString labelsText(const LokiEntry& entry) const;

    QList<LokiEntry> m_entries;
    QStringList m_hiddenLabels;
};
