// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/ExportPage.h"

#include "collector/CollectorBundleWriter.h"
#include "collector/PeerKeychain.h"
#include "export/QrCodeWidget.h"
#include "secrets/SecretStore.h"
#include "wizards/PeerWizardState.h"
#include "wizards/UserPrompts.h"
#include "wizards/WizardWidgets.h"

#include <QBuffer>
#include <QCheckBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

ExportPage::ExportPage(PeerWizardState* state, QWidget* parent)
    : QWizardPage(parent)
    , m_state(state)
    , m_keychainWriter(new PeerKeychain(state->services().secrets, this))
    , m_folder(new QLineEdit(this))
    , m_keychain(new QCheckBox(tr("&Keep the private key in the keychain (for later exports)"), this))
    , m_export(new QPushButton(QIcon::fromTheme(QStringLiteral("document-save")), tr("&Export"), this))
    , m_status(new QLabel(this))
    , m_qr(new QrCodeWidget(this))
{
    setTitle(tr("Export"));
    setSubTitle(tr("Writes the files to a private folder (mode 0700, files 0600) and adds the host to the network."));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
    m_folder->setObjectName(QStringLiteral("exportFolder"));
    m_keychain->setObjectName(QStringLiteral("keepInKeychain"));
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* browse = new QPushButton(tr("&Browse…"), this);

    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    auto* folderLabel = new QLabel(tr("&Folder:"), this);
    folderLabel->setBuddy(m_folder);
    auto* form = new QFormLayout;
    form->addRow(folderLabel, folderRow);
    form->addRow(QString(), m_keychain);
    form->addRow(QString(), WizardWidgets::hintLabel(
                                tr("Off: the keys exist only in the exported files. On: they are also kept in the "
                                   "system keychain, never in a plain file."),
                                this));

    auto* left = new QVBoxLayout;
    left->addLayout(form);
    left->addWidget(m_export, 0, Qt::AlignLeft);
    left->addWidget(m_status);
    left->addStretch();
    auto* right = new QVBoxLayout;
    right->addWidget(m_qr);
    right->addWidget(WizardWidgets::hintLabel(tr("Scan with the WireGuard app. It holds the private key."), this));
    right->addStretch();
    auto* layout = new QHBoxLayout(this);
    layout->addLayout(left, 3);
    layout->addLayout(right, 2);
    setTabOrder(m_folder, browse);
    setTabOrder(browse, m_keychain);
    setTabOrder(m_keychain, m_export);

    connect(browse, &QPushButton::clicked, this, &ExportPage::browse);
    connect(m_export, &QPushButton::clicked, this, &ExportPage::startExport);
    connect(m_folder, &QLineEdit::returnPressed, this, &ExportPage::startExport);
}

void ExportPage::initializePage()
{
    if (m_state->isExported())
        return;
    const QString suffix = m_state->mode() == PeerWizardState::Mode::Rotation ? QStringLiteral("-rotation") : QString();
    if (m_folder->text().isEmpty())
        m_folder->setText(QDir::home().filePath(QStringLiteral("tunnelscope-%1%2").arg(m_state->plan.hostName, suffix)));
    m_qr->clear();
    setStatus({});
}

bool ExportPage::isComplete() const
{
    return m_state->isExported();
}

void ExportPage::browse()
{
    const QString folder = m_state->services().prompts->chooseFolder(this, tr("Export to folder"), QDir::homePath());
    if (!folder.isEmpty())
        m_folder->setText(folder);
}

void ExportPage::startExport()
{
    if (m_state->isExported())
        return;
    const TopologyChange change = m_state->topologyChange();
    if (!change.ok()) {
        fail(change.error);
        return;
    }
    if (!m_keychain->isChecked()) {
        writeBundle(change);
        return;
    }
    SecretStore* secrets = m_state->services().secrets;
    if (!secrets) {
        fail(tr("Nothing was exported: %1").arg(SecretResult::noKeychainMessage(SecretOperation::Write)));
        return;
    }
    m_export->setEnabled(false);
    setStatus(tr("Asking the keychain…"));
    SecretReply* reply = secrets->checkAvailability();
    connect(reply, &SecretReply::finished, this, [this, change](const SecretResult& result) {
        m_export->setEnabled(true);
        if (!result.isOk()) {
            fail(tr("Nothing was exported: the keys cannot be kept in the keychain. %1\n\nUncheck “Keep the private "
                    "key in the keychain” to export them only to the folder.")
                     .arg(result.message));
            return;
        }
        writeBundle(change);
    });
}

void ExportPage::writeBundle(const TopologyChange& change)
{
    const QString folder = QDir::cleanPath(m_folder->text().trimmed());
    if (folder.isEmpty() || folder == QLatin1String(".")) {
        fail(tr("Choose a folder to export to."));
        return;
    }
    addQrCode();
    const CollectorBundle& bundle = m_state->bundle();
    BundleWriteResult written = CollectorBundleWriter::write(bundle, folder, false);
    if (!written.ok() && !written.conflicts.isEmpty()) {
        const bool replace = m_state->services().prompts->confirm(this, tr("Replace files?"),
            tr("%1 already holds %2.\n\nReplace them with the new files?")
                .arg(folder, written.conflicts.join(QStringLiteral(", "))));
        if (!replace) {
            fail(tr("Nothing was written: %1 already holds files of an earlier export.").arg(folder));
            return;
        }
        written = CollectorBundleWriter::write(bundle, folder, true);
    }
    if (!written.ok()) {
        fail(written.error);
        return;
    }
    if (const QString error = m_state->services().commitTopology(change.topology); !error.isEmpty()) {
        CollectorBundleWriter::undo(written, folder);
        fail(tr("The network could not be saved, so the files were removed again: %1").arg(error));
        return;
    }
    m_state->setExported(folder);
    m_qr->setPayload(bundle.qrPayload());
    setStatus(tr("✔ Wrote %n file(s) to %1. Follow README.md there, in order.", nullptr, static_cast<int>(written.written.size()))
                  .arg(folder));
    m_export->setEnabled(false);
    m_folder->setReadOnly(true);
    m_keychain->setEnabled(false);
    Q_EMIT completeChanged();
    Q_EMIT exportFinished(true);
    if (m_keychain->isChecked())
        storeKeys();
}

void ExportPage::addQrCode()
{
    CollectorBundle& bundle = m_state->bundle();
    if (bundle.file(qrFileName()) || bundle.qrPayload().isEmpty())
        return;
    const QImage image = QrCodeWidget::renderScaled(bundle.qrPayload());
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    bundle.addFile(qrFileName(), png, tr("QR code of wg0.conf for the WireGuard app (secret: holds its private key)"));
}

void ExportPage::storeKeys()
{
    connect(m_keychainWriter, &PeerKeychain::stored, this, [this](bool ok, const QString& message) {
        setStatus(m_status->text() + QStringLiteral("\n")
            + (ok ? tr("✔ The keys are in the keychain.")
                  : tr("⚠ The keys were not kept in the keychain: %1. They are only in the exported files.").arg(message)));
    }, Qt::SingleShotConnection);
    m_keychainWriter->store(m_state->interfaceId(), m_state->privateKey(), m_state->hubPeerId(), m_state->presharedKey());
}

void ExportPage::fail(const QString& message)
{
    setStatus(QStringLiteral("⚠ ") + message);
    m_export->setEnabled(true);
    Q_EMIT exportFinished(false);
}

void ExportPage::setStatus(const QString& text)
{
    m_status->setText(text);
}
