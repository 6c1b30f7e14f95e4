// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/DataSourcesDialog.h"

#include "secrets/SecretStore.h"
#include "secrets/SecretWipe.h"
#include "settings/DataSourceEntry.h"
#include "settings/DataSourceForm.h"
#include "sources/CredentialLoader.h"
#include "sources/DataSourceCheck.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QStyle>
#include <QVBoxLayout>

namespace {

constexpr int ListWidth = 220;
constexpr int DialogWidth = 820;
constexpr int DialogHeight = 660;

bool isKeychainProblem(SecretResult::Status status)
{
    return status == SecretResult::Status::NoKeychain || status == SecretResult::Status::AccessDenied;
}

} // namespace

DataSourcesDialog::DataSourcesDialog(const QList<DataSource>& sources, const QString& activeSourceId, SecretStore* secrets,
    QWidget* parent)
    : QDialog(parent)
    , m_secrets(secrets)
    , m_initialActiveId(activeSourceId)
{
    setWindowTitle(tr("Data Sources"));
    for (const DataSource& source : sources) {
        auto entry = std::make_unique<DataSourceEntry>();
        entry->source = source;
        entry->existedBefore = true;
        m_entries.push_back(std::move(entry));
    }
    buildUi();
    for (const auto& entry : m_entries)
        m_list->addItem(entry->source.name);
    rebuildActiveCombo();
    selectRow(m_entries.empty() ? -1 : 0);
    lookUpStoredSecrets();
    revalidate();
}

DataSourcesDialog::~DataSourcesDialog() = default;

void DataSourcesDialog::setTunnelCidrs(const QStringList& cidrs)
{
    m_form->setTunnelCidrs(cidrs);
}

void DataSourcesDialog::buildUi()
{
    m_banner = new QFrame(this);
    m_banner->setObjectName(QStringLiteral("keychainBanner"));
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->setAutoFillBackground(true);
    m_bannerIcon = new QLabel(m_banner);
    m_bannerText = new QLabel(m_banner);
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextFormat(Qt::PlainText);
    m_bannerText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_saveWithout = new QPushButton(tr("Save Without Secrets"), m_banner);
    m_saveWithout->setObjectName(QStringLiteral("saveWithoutSecrets"));
    m_saveWithout->setToolTip(tr("Save everything else; the passwords and tokens you typed are dropped"));
    connect(m_saveWithout, &QPushButton::clicked, this, &DataSourcesDialog::saveWithoutSecrets);
    auto* bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->addWidget(m_bannerIcon, 0, Qt::AlignTop);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(m_saveWithout, 0, Qt::AlignVCenter);
    m_banner->hide();

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("sourceList"));
    m_list->setFixedWidth(ListWidth);
    m_list->setIconSize(QSize(16, 16));
    auto* add = new QPushButton(tr("&Add"), this);
    add->setObjectName(QStringLiteral("addSource"));
    m_duplicate = new QPushButton(tr("D&uplicate"), this);
    m_duplicate->setObjectName(QStringLiteral("duplicateSource"));
    m_duplicate->setToolTip(tr("A copy of the selected source; its passwords are not copied"));
    m_remove = new QPushButton(tr("Re&move"), this);
    m_remove->setObjectName(QStringLiteral("removeSource"));
    m_remove->setToolTip(tr("Remove the source, and its passwords from the keychain when you save"));
    connect(add, &QPushButton::clicked, this, &DataSourcesDialog::addSource);
    connect(m_duplicate, &QPushButton::clicked, this, &DataSourcesDialog::duplicateSource);
    connect(m_remove, &QPushButton::clicked, this, &DataSourcesDialog::removeSource);
    connect(m_list, &QListWidget::currentRowChanged, this, &DataSourcesDialog::selectRow);
    auto* listButtons = new QHBoxLayout;
    listButtons->setSpacing(4);
    listButtons->addWidget(add);
    listButtons->addWidget(m_duplicate);
    listButtons->addWidget(m_remove);
    auto* left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    m_form = new DataSourceForm(this);
    connect(m_form, &DataSourceForm::changed, this, &DataSourcesDialog::revalidate);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumWidth(m_form->sizeHint().width() + scroll->verticalScrollBar()->sizeHint().width());

    auto* columns = new QHBoxLayout;
    columns->addLayout(left);
    columns->addWidget(scroll, 1);

    m_active = new QComboBox(this);
    m_active->setObjectName(QStringLiteral("activeSource"));
    m_active->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* useLabel = new QLabel(tr("&Use:"), this);
    useLabel->setBuddy(m_active);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &DataSourcesDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &DataSourcesDialog::reject);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(useLabel);
    bottom->addWidget(m_active);
    bottom->addStretch(1);
    bottom->addWidget(m_buttons);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(columns, 1);
    layout->addLayout(bottom);
    resize(std::max(sizeHint().width(), DialogWidth), std::max(sizeHint().height(), DialogHeight));
}

void DataSourcesDialog::lookUpStoredSecrets()
{
    if (!m_secrets) {
        showBanner(BannerKind::Warning, tr("No keychain is connected: passwords and tokens cannot be saved."));
        return;
    }
    SecretReply* check = m_secrets->checkAvailability();
    ++m_pendingLookups;
    connect(check, &SecretReply::finished, this, [this](const SecretResult& result) {
        --m_pendingLookups;
        if (!result.isOk()) {
            QString message = result.message;
            if (!message.endsWith(QLatin1Char('.')))
                message += QLatin1Char('.');
            showBanner(BannerKind::Warning, tr("%1 You can still save the other settings.").arg(message));
        }
    });
    // A read is the only way to know whether an entry exists; the secret itself is dropped at once.
    for (const auto& entry : m_entries) {
        for (const SecretKey& key : CredentialLoader::allKeys(entry->source.id)) {
            ++m_pendingLookups;
            DataSourceEntry* target = entry.get();
            connect(m_secrets->read(key), &SecretReply::finished, this, [this, target, key](const SecretResult& result) {
                --m_pendingLookups;
                const bool stillThere = std::any_of(m_entries.cbegin(), m_entries.cend(), [target](const auto& e) { return e.get() == target; });
                if (result.isOk() && stillThere && !target->keysToForget.contains(key)) {
                    target->storedKeys.insert(key.name());
                    if (target == current())
                        m_form->edit(target);
                }
            });
        }
    }
}

DataSourceEntry* DataSourcesDialog::current() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < int(m_entries.size()) ? m_entries.at(row).get() : nullptr;
}

void DataSourcesDialog::selectRow(int row)
{
    if (m_list->currentRow() != row)
        m_list->setCurrentRow(row);
    m_form->edit(current());
    m_duplicate->setEnabled(current() != nullptr);
    m_remove->setEnabled(current() != nullptr);
    revalidate();
}

void DataSourcesDialog::revalidate()
{
    const QList<DataSource> all = dataSources();
    bool allValid = true;
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (int row = 0; row < int(m_entries.size()); ++row) {
        const QList<DataSourceCheck::Problem> problems = DataSourceCheck::check(m_entries.at(row)->source, all, m_entries.at(row)->typedUrls);
        allValid = allValid && problems.isEmpty();
        QListWidgetItem* item = m_list->item(row);
        const QString name = m_entries.at(row)->source.name.trimmed();
        item->setText(name.isEmpty() ? tr("(no name)") : name);
        item->setIcon(problems.isEmpty() ? QIcon() : warning);
        item->setToolTip(problems.isEmpty() ? QString() : problems.constFirst().message);
        if (row == m_list->currentRow())
            m_form->showProblems(problems);
    }
    rebuildActiveCombo();
    saveButton()->setEnabled(allValid && !isSaving());
}

void DataSourcesDialog::rebuildActiveCombo()
{
    const QString selected = m_active->count() > 0 ? m_active->currentData().toString() : m_initialActiveId;
    const QSignalBlocker blocker(m_active);
    m_active->clear();
    m_active->addItem(tr("Demo data"), QString());
    for (const auto& entry : m_entries)
        m_active->addItem(entry->source.name.trimmed().isEmpty() ? tr("(no name)") : entry->source.name.trimmed(), entry->source.id);
    m_active->setCurrentIndex(std::max(0, m_active->findData(selected)));
}

QString DataSourcesDialog::uniqueId() const
{
    for (int n = 1;; ++n) {
        const QString id = QStringLiteral("source-%1").arg(n);
        const bool taken = m_removedIds.contains(id)
            || std::any_of(m_entries.cbegin(), m_entries.cend(), [&id](const auto& entry) { return entry->source.id == id; });
        if (!taken)
            return id;
    }
}

QString DataSourcesDialog::uniqueName(const QString& base) const
{
    for (int n = 1;; ++n) {
        const QString name = n == 1 ? base : QStringLiteral("%1 %2").arg(base).arg(n);
        const bool taken = std::any_of(m_entries.cbegin(), m_entries.cend(),
            [&name](const auto& entry) { return entry->source.name.trimmed().compare(name, Qt::CaseInsensitive) == 0; });
        if (!taken)
            return name;
    }
}

void DataSourcesDialog::addSource()
{
    auto entry = std::make_unique<DataSourceEntry>();
    entry->source.id = uniqueId();
    entry->source.name = uniqueName(tr("New source"));
    m_entries.push_back(std::move(entry));
    m_list->addItem(m_entries.back()->source.name);
    selectRow(int(m_entries.size()) - 1);
    m_form->setFocus();
}

void DataSourcesDialog::duplicateSource()
{
    const DataSourceEntry* original = current();
    if (!original)
        return;
    auto entry = std::make_unique<DataSourceEntry>();
    entry->source = original->source;
    entry->source.id = uniqueId();
    entry->source.name = uniqueName(tr("Copy of %1").arg(original->source.name.trimmed()));
    m_entries.push_back(std::move(entry));
    m_list->addItem(m_entries.back()->source.name);
    selectRow(int(m_entries.size()) - 1);
}

void DataSourcesDialog::removeSource()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= int(m_entries.size()))
        return;
    if (m_entries.at(row)->existedBefore)
        m_removedIds.append(m_entries.at(row)->source.id);
    m_form->edit(nullptr);
    m_entries.erase(m_entries.begin() + row);
    {
        const QSignalBlocker blocker(m_list);
        delete m_list->takeItem(row);
    }
    selectRow(std::min(row, int(m_entries.size()) - 1));
}

QList<DataSource> DataSourcesDialog::dataSources() const
{
    QList<DataSource> sources;
    for (const auto& entry : m_entries) {
        DataSource source = entry->source;
        source.name = source.name.trimmed();
        sources.append(source);
    }
    return sources;
}

QString DataSourcesDialog::activeSourceId() const
{
    return m_active->currentData().toString();
}

QPushButton* DataSourcesDialog::saveButton() const
{
    return m_buttons->button(QDialogButtonBox::Save);
}

bool DataSourcesDialog::isBannerShown() const
{
    return !m_banner->isHidden();
}

QString DataSourcesDialog::bannerText() const
{
    return m_bannerText->text();
}

void DataSourcesDialog::showBanner(BannerKind kind, const QString& text, bool offerSaveWithout)
{
    const QStyle::StandardPixmap icon = kind == BannerKind::Info ? QStyle::SP_MessageBoxInformation
        : kind == BannerKind::Warning                            ? QStyle::SP_MessageBoxWarning
                                                                 : QStyle::SP_MessageBoxCritical;
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize) * 2;
    m_bannerIcon->setPixmap(style()->standardIcon(icon).pixmap(size, size));
    QPalette bannerPalette = palette();
    const QColor tint = kind == BannerKind::Info ? palette().color(QPalette::Highlight)
        : kind == BannerKind::Warning            ? QColor(0xe0, 0xa0, 0x20)
                                                 : QColor(0xd0, 0x40, 0x40);
    const QColor base = palette().color(QPalette::Window);
    bannerPalette.setColor(QPalette::Window, QColor::fromRgbF(base.redF() * 0.8f + tint.redF() * 0.2f,
                                                 base.greenF() * 0.8f + tint.greenF() * 0.2f, base.blueF() * 0.8f + tint.blueF() * 0.2f));
    m_banner->setPalette(bannerPalette);
    m_bannerText->setText(text);
    m_saveWithout->setVisible(offerSaveWithout);
    m_banner->show();
}

void DataSourcesDialog::hideBanner()
{
    m_banner->hide();
}

void DataSourcesDialog::setBusy(bool busy)
{
    m_list->setEnabled(!busy);
    m_form->setEnabled(!busy && current());
    m_active->setEnabled(!busy);
    for (QPushButton* button : {m_duplicate, m_remove})
        button->setEnabled(!busy && current());
    revalidate();
}

void DataSourcesDialog::accept()
{
    if (isSaving() || !saveButton()->isEnabled())
        return;
    writeSecrets();
}

void DataSourcesDialog::writeSecrets()
{
    m_failures.clear();
    m_failedForKeychain = false;
    struct Operation
    {
        DataSourceEntry* entry;
        SecretKey key;
        QByteArray secret; ///< empty: remove
    };
    QList<Operation> operations;
    for (const QString& id : std::as_const(m_removedIds)) {
        for (const SecretKey& key : CredentialLoader::allKeys(id))
            operations.append({nullptr, key, {}});
    }
    for (const auto& entry : m_entries) {
        for (const SecretKey& key : std::as_const(entry->keysToForget))
            operations.append({entry.get(), key, {}});
        if (!entry->newInfluxSecret.isEmpty() && entry->influxKey().isValid())
            operations.append({entry.get(), entry->influxKey(), entry->newInfluxSecret});
        if (!entry->newLokiSecret.isEmpty())
            operations.append({entry.get(), SecretKey::lokiPassword(entry->source.id), entry->newLokiSecret});
    }
    if (operations.isEmpty())
        return QDialog::accept();
    if (!m_secrets) {
        showBanner(BannerKind::Error, tr("No keychain is connected, so the passwords and tokens cannot be saved. "
                                         "Nothing was written anywhere else."), true);
        return;
    }
    m_pendingReplies = int(operations.size());
    setBusy(true);
    showBanner(BannerKind::Info, tr("Saving to the keychain…"));
    for (Operation& operation : operations) {
        SecretReply* reply = operation.secret.isEmpty() ? m_secrets->remove(operation.key)
                                                        : m_secrets->write(operation.key, std::exchange(operation.secret, {}));
        DataSourceEntry* entry = operation.entry;
        connect(reply, &SecretReply::finished, this, [this, entry](const SecretResult& result) { onSecretSaved(entry, result); });
    }
}

void DataSourcesDialog::onSecretSaved(DataSourceEntry* entry, const SecretResult& result)
{
    --m_pendingReplies;
    if (!result.isOk()) {
        m_failures.append(result.message);
        m_failedForKeychain = m_failedForKeychain || isKeychainProblem(result.status);
    } else if (entry && result.operation == SecretOperation::Write) {
        // Done with what was typed for it: the keychain holds it now.
        entry->storedKeys.insert(result.key.name());
        entry->keysToForget.removeAll(result.key);
        if (result.key == SecretKey::lokiPassword(entry->source.id))
            releaseSecret(entry->newLokiSecret);
        else
            releaseSecret(entry->newInfluxSecret);
    } else if (entry && result.operation == SecretOperation::Remove) {
        entry->keysToForget.removeAll(result.key);
    }
    if (m_pendingReplies == 0)
        finishSaving();
}

void DataSourcesDialog::finishSaving()
{
    if (m_failures.isEmpty()) {
        m_removedIds.clear();
        hideBanner();
        setBusy(false);
        return QDialog::accept();
    }
    m_failures.removeDuplicates();
    showBanner(BannerKind::Error,
        tr("The keychain did not take the passwords and tokens: %1\nNothing was written anywhere else and the settings "
           "are not saved yet.").arg(m_failures.join(QStringLiteral("; "))),
        m_failedForKeychain);
    setBusy(false);
    m_form->edit(current()); // what is still unsaved stays in the fields
}

void DataSourcesDialog::saveWithoutSecrets()
{
    // The user chose it, with the banner's reason in view: drop the typed secrets, keep everything else.
    for (const auto& entry : m_entries) {
        entry->wipeTypedSecrets();
        entry->keysToForget.clear();
    }
    m_removedIds.clear();
    hideBanner();
    QDialog::accept();
}
