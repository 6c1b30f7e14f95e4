// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

struct ServerConfigImportResult;

/** The preview of an import of the server's wg0.conf: the peers and addresses it adds, changes and conflicts. */
class ServerImportDialog final : public QDialog
{
    Q_OBJECT

public:
    ServerImportDialog(const QString& fileName, const ServerConfigImportResult& preview, QWidget* parent = nullptr);

    /// The preview as plain text: what is added, what changes, what conflicts.
    static QString previewText(const ServerConfigImportResult& preview);
};
