// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "adopt/ServerConfig.h"
#include "adopt/ServerImportPlan.h"
#include "topology/Topology.h"

#include <QDialog>
#include <QHash>

class QCheckBox;
class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

/**
 * The preview of an import of the server's wg0.conf (ServerImportPlan): the peers it adds, those it changes (a
 * changed key stands out), those the server no longer has, and the conflicts, each with its fix where there is
 * one (replace the hub key, remove what the server dropped). Apply stays off while a conflict blocks. It holds
 * only the config's public material (ServerConfig), so it can plan again when a fix is ticked.
 */
class ServerImportDialog final : public QDialog
{
    Q_OBJECT

public:
    /// Rows of the preview: one group per kind of change, and the warnings; the conflicts are listed in full below.
    enum class Group { Hub, Added, Changed, RemovedOnServer, Conflicts, Warnings };

    ServerImportDialog(const QString& fileName, const Topology& before, const ServerConfig& config, QWidget* parent = nullptr);

    /// The plan as it stands with the ticked fixes: what Apply applies.
    const ServerImportPlan& plan() const { return m_plan; }
    QTreeWidget* rows() const { return m_rows; }
    QCheckBox* replaceHubKeyBox() const { return m_replaceHubKey; }
    QCheckBox* pruneRemovedBox() const { return m_pruneRemoved; }
    QPushButton* applyButton() const { return m_apply; }
    /// The rows of one group as "name | change | details" lines (tests, and Copy).
    QStringList groupLines(Group group) const;

    /// The plan as plain text: counts, then one line per change, conflict and warning.
    static QString previewText(const ServerImportPlan& plan);

private:
    void replan();
    void fillRows();
    void fillConflicts();
    void addChangeRow(Group group, const ServerImportChange& change);
    QTreeWidgetItem* groupItem(Group group);
    /// Why Apply is off (conflicts, with the fix when hubFixOffered; or nothing to change); empty when it is on.
    QString whyNotApplicable(bool hubFixOffered) const;
    /// Whether ticking "replace the hub key" would remove a conflict: the fix the model names for a hub mismatch.
    bool hubKeyFixHelps() const;

    Topology m_before;
    ServerConfig m_config;
    ServerImportPlan m_plan;
    QLabel* m_counts;
    QTreeWidget* m_rows;
    QCheckBox* m_replaceHubKey;
    QCheckBox* m_pruneRemoved;
    QLabel* m_conflicts;
    QLabel* m_blocked;
    QPushButton* m_apply;
    QHash<int, QTreeWidgetItem*> m_groups;
};
