// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWizardPage>

class PeerKeychain;
class PeerWizardState;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QrCodeWidget;
struct TopologyChange;

/**
 * Writes the bundle (CollectorBundleWriter: folder 0700, files 0600, no overwrite without asking), the QR code
 * of the client config beside it, records the host in the topology, and keeps the keys in the keychain only if
 * asked. When the keychain cannot take them, nothing is written and the user is told: never plain text instead.
 */
class ExportPage final : public QWizardPage
{
    Q_OBJECT

public:
    static QString qrFileName() { return QStringLiteral("wg0-qr.png"); }

    explicit ExportPage(PeerWizardState* state, QWidget* parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;

    QLineEdit* folderEdit() const { return m_folder; }
    QCheckBox* keychainBox() const { return m_keychain; }
    QPushButton* exportButton() const { return m_export; }
    QLabel* statusLabel() const { return m_status; }
    QrCodeWidget* qrCode() const { return m_qr; }

Q_SIGNALS:
    /// The export ended, written or refused; the keychain's answer may still follow in the status.
    void exportFinished(bool written);

private:
    void browse();
    void startExport();
    void writeBundle(const TopologyChange& change);
    void addQrCode();
    void storeKeys();
    void fail(const QString& message);
    void setStatus(const QString& text);

    PeerWizardState* m_state;
    PeerKeychain* m_keychainWriter;
    QLineEdit* m_folder;
    QCheckBox* m_keychain;
    QPushButton* m_export;
    QLabel* m_status;
    QrCodeWidget* m_qr;
};
