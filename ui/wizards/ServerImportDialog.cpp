// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/ServerImportDialog.h"

#include "wireguard/ServerConfigImport.h"
#include "wizards/CodeView.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

QString addressesOf(const Topology& topology, const QString& peerName)
{
    for (const auto& peer : topology.peers) {
        if (peer.name == peerName && !peer.clientConfigAvailable)
            return peer.allowedIps.join(QStringLiteral(", "));
    }
    return {};
}

} // namespace

QString ServerImportDialog::previewText(const ServerConfigImportResult& preview)
{
    QStringList lines;
    if (!preview.ok()) {
        lines.append(QObject::tr("Conflicts and errors (nothing can be added):"));
        for (const auto& error : preview.errors)
            lines.append(QStringLiteral("  ⚠ ") + error.toString());
        return lines.join(QLatin1Char('\n'));
    }
    lines.append(QObject::tr("New peers (%1):").arg(preview.addedPeers.size()));
    for (const QString& name : preview.addedPeers)
        lines.append(QStringLiteral("  + %1  %2").arg(name, addressesOf(preview.topology, name)));
    if (!preview.updatedPeers.isEmpty()) {
        lines.append(QObject::tr("Changed peers (%1):").arg(preview.updatedPeers.size()));
        for (const QString& name : preview.updatedPeers)
            lines.append(QStringLiteral("  ~ ") + name);
    }
    lines.append(QObject::tr("Addresses in use: %1").arg(preview.usedAddresses.join(QStringLiteral(", "))));
    if (!preview.warnings.isEmpty()) {
        lines.append(QObject::tr("Warnings:"));
        for (const QString& warning : preview.warnings)
            lines.append(QStringLiteral("  ⚠ ") + warning);
    }
    lines.append(QString());
    lines.append(QObject::tr("Imported peers have no private key: their client configs cannot be exported, only made "
                             "anew by a key rotation."));
    return lines.join(QLatin1Char('\n'));
}

ServerImportDialog::ServerImportDialog(const QString& fileName, const ServerConfigImportResult& preview, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Import %1").arg(fileName));
    auto* text = new CodeView(this);
    text->setPlainText(previewText(preview));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Add to the network"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(preview.ok());
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("What the import adds (Ctrl+Z undoes it):"), this));
    layout->addWidget(text, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(640, 420);
}
