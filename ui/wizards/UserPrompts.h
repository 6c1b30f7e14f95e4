// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QWidget;
struct ServerConfigImportResult;

/**
 * The questions the wizards and peer actions ask the user in modal dialogs. One seam, so tests answer them
 * without a dialog ever opening.
 */
class UserPrompts
{
public:
    virtual ~UserPrompts() = default;

    /// A yes/no question; true for yes. Used before replacing files or dropping generated keys.
    virtual bool confirm(QWidget* parent, const QString& title, const QString& text);
    virtual void inform(QWidget* parent, const QString& title, const QString& text);
    /// A folder to write into; empty when cancelled.
    virtual QString chooseFolder(QWidget* parent, const QString& title, const QString& start);
    /// A file to read; empty when cancelled.
    virtual QString chooseFile(QWidget* parent, const QString& title, const QString& filter);
    /// Shows what an import of the server's wg0.conf would add; true to add it.
    virtual bool acceptImport(QWidget* parent, const QString& fileName, const ServerConfigImportResult& preview);
};
