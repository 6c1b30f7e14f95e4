// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/ServerImportDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace {

constexpr int KeyShown = 10; ///< characters of a key in a row; the whole key is in the tooltip

/// The amber of a changed key, or the red of a conflict, laid lightly over the list's background so the row
/// stands out in light and dark themes alike.
QColor tint(const QPalette& palette, const QColor& accent)
{
    const QColor base = palette.color(QPalette::Base);
    constexpr double Weight = 0.28;
    return QColor::fromRgbF(static_cast<float>(base.redF() * (1 - Weight) + accent.redF() * Weight),
        static_cast<float>(base.greenF() * (1 - Weight) + accent.greenF() * Weight),
        static_cast<float>(base.blueF() * (1 - Weight) + accent.blueF() * Weight));
}

QString shortKey(const QString& key)
{
    return key.size() > KeyShown ? key.left(KeyShown) + QStringLiteral("…") : key;
}

QString groupTitle(ServerImportDialog::Group group)
{
    switch (group) {
    case ServerImportDialog::Group::Hub:
        return QObject::tr("Hub");
    case ServerImportDialog::Group::Added:
        return QObject::tr("Added");
    case ServerImportDialog::Group::Changed:
        return QObject::tr("Changed");
    case ServerImportDialog::Group::RemovedOnServer:
        return QObject::tr("Removed on the server");
    case ServerImportDialog::Group::Conflicts:
        return QObject::tr("Conflicts");
    case ServerImportDialog::Group::Warnings:
        return QObject::tr("Warnings");
    }
    return {};
}

ServerImportDialog::Group groupOf(ServerImportChange::Kind kind)
{
    switch (kind) {
    case ServerImportChange::Kind::HubKeyAdopted:
    case ServerImportChange::Kind::HubChanged:
        return ServerImportDialog::Group::Hub;
    case ServerImportChange::Kind::Added:
        return ServerImportDialog::Group::Added;
    case ServerImportChange::Kind::Changed:
    case ServerImportChange::Kind::KeyChanged:
        return ServerImportDialog::Group::Changed;
    case ServerImportChange::Kind::RemovedOnServer:
        return ServerImportDialog::Group::RemovedOnServer;
    }
    return ServerImportDialog::Group::Changed;
}

QString whatChanges(const ServerImportChange& change)
{
    QString text = ServerImportChange::kindName(change.kind);
    if (change.kind == ServerImportChange::Kind::RemovedOnServer)
        text = change.dropped ? QObject::tr("removed from the topology") : QObject::tr("kept in the topology");
    if (!change.matchedBy.isEmpty())
        text += QObject::tr(" (matched by %1)").arg(change.matchedBy);
    return text;
}

QString detailsOf(const ServerImportChange& change)
{
    QStringList parts;
    if (!change.previousKey.isEmpty())
        parts.append(QObject::tr("key %1 → %2").arg(shortKey(change.previousKey), shortKey(change.publicKey)));
    parts.append(change.details);
    if (change.placeholder)
        parts.append(QObject::tr("was a placeholder"));
    if (parts.isEmpty())
        parts.append(shortKey(change.publicKey));
    return parts.join(QStringLiteral("; "));
}

bool isKeyChange(const ServerImportChange& change)
{
    return change.kind == ServerImportChange::Kind::KeyChanged || change.kind == ServerImportChange::Kind::HubKeyAdopted;
}

} // namespace

QString ServerImportDialog::previewText(const ServerImportPlan& plan)
{
    QStringList lines = plan.summaryLines();
    for (const QString& warning : plan.warnings())
        lines.append(QObject::tr("warning: ") + warning);
    return lines.join(QLatin1Char('\n'));
}

ServerImportDialog::ServerImportDialog(const QString& fileName, const Topology& before, const ServerConfig& config, QWidget* parent)
    : QDialog(parent)
    , m_before(before)
    , m_config(config)
    , m_counts(new QLabel(this))
    , m_rows(new QTreeWidget(this))
    , m_replaceHubKey(new QCheckBox(tr("&Replace the hub's key with the server's (this is the same server, its key was changed)"), this))
    , m_pruneRemoved(new QCheckBox(tr("Also re&move the peers the server no longer has"), this))
    , m_conflicts(new QLabel(this))
    , m_blocked(new QLabel(this))
    , m_apply(nullptr)
{
    setWindowTitle(tr("Import %1").arg(fileName));
    m_rows->setObjectName(QStringLiteral("importRows"));
    m_rows->setColumnCount(3);
    m_rows->setHeaderLabels({tr("Peer"), tr("Change"), tr("Details")});
    m_rows->setRootIsDecorated(false);
    m_rows->setSelectionMode(QAbstractItemView::NoSelection);
    // Conflicts name both peers and the fix: long lines wrap rather than hide their end.
    m_rows->setWordWrap(true);
    m_rows->setTextElideMode(Qt::ElideNone);
    m_rows->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_rows->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_rows->header()->setStretchLastSection(true);
    m_conflicts->setObjectName(QStringLiteral("importConflicts"));
    m_conflicts->setWordWrap(true);
    m_conflicts->setTextFormat(Qt::RichText);
    m_conflicts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_conflicts->setAutoFillBackground(true);
    m_conflicts->setMargin(8);
    m_blocked->setWordWrap(true);
    m_blocked->setObjectName(QStringLiteral("importBlocked"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_apply = buttons->button(QDialogButtonBox::Ok);
    m_apply->setText(tr("&Apply"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("What importing %1 does to the topology (Ctrl+Z undoes it):").arg(fileName), this));
    layout->addWidget(m_counts);
    layout->addWidget(m_rows, 1);
    layout->addWidget(m_conflicts);
    layout->addWidget(m_replaceHubKey);
    layout->addWidget(m_pruneRemoved);
    layout->addWidget(m_blocked);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_replaceHubKey, &QCheckBox::toggled, this, &ServerImportDialog::replan);
    connect(m_pruneRemoved, &QCheckBox::toggled, this, &ServerImportDialog::replan);
    resize(820, 520);
    replan();
}

void ServerImportDialog::replan()
{
    ServerImportOptions options;
    options.replaceHubKey = m_replaceHubKey->isChecked();
    options.pruneRemoved = m_pruneRemoved->isChecked();
    m_plan = ServerImportPlan::make(m_before, m_config, options);
    m_counts->setText(m_plan.countsLine());
    fillRows();
    const bool hubFix = m_replaceHubKey->isChecked() || hubKeyFixHelps();
    m_replaceHubKey->setVisible(hubFix);
    const QList<ServerImportChange> removed = m_plan.removedOnServer();
    const bool keptRemoved = std::any_of(removed.cbegin(), removed.cend(), [](const ServerImportChange& change) { return !change.dropped; });
    m_pruneRemoved->setVisible(m_pruneRemoved->isChecked() || keptRemoved);
    const QString blocked = whyNotApplicable(hubFix && !m_replaceHubKey->isChecked());
    m_blocked->setText(blocked);
    m_blocked->setVisible(!blocked.isEmpty());
    m_apply->setEnabled(m_plan.canApply() && !m_plan.isEmpty());
    m_apply->setDefault(m_apply->isEnabled());
}

QString ServerImportDialog::whyNotApplicable(bool hubFixOffered) const
{
    if (m_plan.isEmpty() && m_plan.canApply())
        return tr("Nothing to change: the topology already says what the server says.");
    if (m_plan.canApply())
        return {};
    const qsizetype conflicts = m_plan.conflicts().size();
    QString text = conflicts == 1 ? tr("Apply is off while the conflict remains.")
                                  : tr("Apply is off while the %1 conflicts remain.").arg(conflicts);
    if (hubFixOffered)
        text += tr(" If this is the same server with a new key, tick “Replace the hub's key”.");
    return text + tr(" Otherwise correct the server's config or the topology, then import again.");
}

bool ServerImportDialog::hubKeyFixHelps() const
{
    if (m_plan.canApply())
        return false;
    ServerImportOptions options;
    options.replaceHubKey = true;
    options.pruneRemoved = m_pruneRemoved->isChecked();
    return ServerImportPlan::make(m_before, m_config, options).conflicts().size() < m_plan.conflicts().size();
}

QTreeWidgetItem* ServerImportDialog::groupItem(Group group)
{
    QTreeWidgetItem*& item = m_groups[static_cast<int>(group)];
    if (!item) {
        item = new QTreeWidgetItem(m_rows);
        item->setFirstColumnSpanned(true);
        QFont font = item->font(0);
        font.setBold(true);
        item->setFont(0, font);
        item->setFlags(Qt::ItemIsEnabled);
    }
    return item;
}

void ServerImportDialog::addChangeRow(Group group, const ServerImportChange& change)
{
    const QString name = change.displayName.isEmpty() ? change.name : QStringLiteral("%1 (%2)").arg(change.name, change.displayName);
    auto* row = new QTreeWidgetItem(groupItem(group), {name, whatChanges(change), detailsOf(change)});
    row->setToolTip(0, change.text());
    QStringList tip = change.details;
    tip.prepend(change.previousKey.isEmpty() ? change.publicKey
                                             : tr("key before: %1\nkey after: %2").arg(change.previousKey, change.publicKey));
    row->setToolTip(2, tip.join(QLatin1Char('\n')));
    if (isKeyChange(change)) {
        const QBrush highlight(tint(palette(), QColor(0xE0, 0x9A, 0x00)));
        QFont font = row->font(0);
        font.setBold(true);
        for (int column = 0; column < row->columnCount(); ++column) {
            row->setBackground(column, highlight);
            row->setFont(column, font);
        }
    }
}

void ServerImportDialog::fillRows()
{
    m_rows->clear();
    m_groups.clear();
    // Made in the order of Group, so the list reads the same whatever order the config lists its peers in.
    for (Group group : {Group::Hub, Group::Added, Group::Changed, Group::RemovedOnServer, Group::Warnings})
        groupItem(group);
    for (const ServerImportChange& change : m_plan.changes())
        addChangeRow(groupOf(change.kind), change);
    fillConflicts();
    for (const QString& text : m_plan.warnings()) {
        auto* row = new QTreeWidgetItem(groupItem(Group::Warnings), {text});
        row->setFirstColumnSpanned(true);
        row->setToolTip(0, text);
    }
    for (auto it = m_groups.begin(); it != m_groups.end();) {
        if (it.value()->childCount() == 0) {
            delete it.value();
            it = m_groups.erase(it);
            continue;
        }
        it.value()->setText(0, QStringLiteral("%1 (%2)").arg(groupTitle(static_cast<Group>(it.key()))).arg(it.value()->childCount()));
        ++it;
    }
    m_rows->expandAll();
    m_rows->setCurrentItem(nullptr);
}

void ServerImportDialog::fillConflicts()
{
    // Under the list, in full: a conflict names both sides and the fix, which an elided row would hide.
    QString items;
    for (const ServerImportConflict& conflict : m_plan.conflicts())
        items += QStringLiteral("<li>%1</li>").arg(conflict.toString().toHtmlEscaped());
    m_conflicts->setText(QStringLiteral("<b>%1</b><ul style='margin-left:-24px;margin-top:2px;margin-bottom:0'>%2</ul>")
                             .arg(tr("Conflicts (%1)").arg(m_plan.conflicts().size()), items));
    QPalette tinted = m_conflicts->palette();
    tinted.setColor(QPalette::Window, tint(palette(), QColor(0xD0, 0x30, 0x30)));
    m_conflicts->setPalette(tinted);
    m_conflicts->setVisible(!m_plan.conflicts().isEmpty());
}

QStringList ServerImportDialog::groupLines(Group group) const
{
    QStringList lines;
    if (group == Group::Conflicts) {
        for (const ServerImportConflict& conflict : m_plan.conflicts())
            lines.append(conflict.toString());
        return lines;
    }
    const QTreeWidgetItem* item = m_groups.value(static_cast<int>(group));
    for (int index = 0; item && index < item->childCount(); ++index) {
        const QTreeWidgetItem* row = item->child(index);
        lines.append(row->isFirstColumnSpanned() ? row->text(0)
                                                 : QStringList{row->text(0), row->text(1), row->text(2)}.join(QStringLiteral(" | ")));
    }
    return lines;
}
