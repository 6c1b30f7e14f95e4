// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secrets/SecretResult.h"
#include "topology/DataSource.h"

#include <QDialog>
#include <QPointer>

#include <memory>
#include <vector>

class DataSourceForm;
class QComboBox;
class QDialogButtonBox;
class QFrame;
class QLabel;
class QListWidget;
class QPushButton;
class SecretStore;
struct DataSourceEntry;

/**
 * Network → Data sources: the topology's InfluxDB/Loki pairs (add, duplicate, remove, edit), which one is shown
 * ("Use:"), checked as the user types. Save writes the passwords and tokens through the SecretStore first and
 * closes only when the keychain took them; when it cannot (no keychain, locked), a banner says so in the store's
 * words and the dialog stays open: the secret is never written anywhere else. The caller then writes
 * dataSources() into the topology.
 */
class DataSourcesDialog final : public QDialog
{
    Q_OBJECT

public:
    DataSourcesDialog(const QList<DataSource>& sources, const QString& activeSourceId, SecretStore* secrets,
        QWidget* parent = nullptr);
    ~DataSourcesDialog() override;

    QList<DataSource> dataSources() const;
    /// Empty for demo data.
    QString activeSourceId() const;

    DataSourceForm* form() const { return m_form; }
    /// The tunnel's subnets, for the plain-HTTP credentials warning under the URLs.
    void setTunnelCidrs(const QStringList& cidrs);
    QListWidget* sourceList() const { return m_list; }
    QComboBox* activeCombo() const { return m_active; }
    QPushButton* saveButton() const;
    bool isBannerShown() const;
    QString bannerText() const;
    bool isSaving() const { return m_pendingReplies > 0; }
    /// Resolves once the keychain lookups started by the constructor have answered (for tests).
    bool isReady() const { return m_pendingLookups == 0; }

    void addSource();
    void duplicateSource();
    void removeSource();

public Q_SLOTS:
    void accept() override;

private:
    enum class BannerKind { Info, Warning, Error };

    void buildUi();
    void lookUpStoredSecrets();
    void selectRow(int row);
    void revalidate();
    void rebuildActiveCombo();
    void showBanner(BannerKind kind, const QString& text, bool offerSaveWithout = false);
    void hideBanner();
    void setBusy(bool busy);
    void writeSecrets();
    void onSecretSaved(DataSourceEntry* entry, const SecretResult& result);
    void finishSaving();
    void saveWithoutSecrets();
    QString uniqueId() const;
    QString uniqueName(const QString& base) const;
    DataSourceEntry* current() const;

    QPointer<SecretStore> m_secrets;
    std::vector<std::unique_ptr<DataSourceEntry>> m_entries;
    QStringList m_removedIds;
    QString m_initialActiveId;
    int m_pendingLookups = 0;
    int m_pendingReplies = 0;
    QStringList m_failures;
    bool m_failedForKeychain = false;

    QFrame* m_banner = nullptr;
    QLabel* m_bannerIcon = nullptr;
    QLabel* m_bannerText = nullptr;
    QPushButton* m_saveWithout = nullptr;
    QListWidget* m_list = nullptr;
    QPushButton* m_duplicate = nullptr;
    QPushButton* m_remove = nullptr;
    DataSourceForm* m_form = nullptr;
    QComboBox* m_active = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};
