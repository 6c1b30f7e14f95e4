// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/UserPrompts.h"

#include "wizards/ServerImportDialog.h"

#include <QFileDialog>
#include <QMessageBox>

bool UserPrompts::confirm(QWidget* parent, const QString& title, const QString& text)
{
    return QMessageBox::question(parent, title, text, QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
        == QMessageBox::Yes;
}

void UserPrompts::inform(QWidget* parent, const QString& title, const QString& text)
{
    QMessageBox::information(parent, title, text);
}

QString UserPrompts::chooseFolder(QWidget* parent, const QString& title, const QString& start)
{
    return QFileDialog::getExistingDirectory(parent, title, start);
}

QString UserPrompts::chooseFile(QWidget* parent, const QString& title, const QString& filter)
{
    return QFileDialog::getOpenFileName(parent, title, QString(), filter);
}

bool UserPrompts::acceptImport(QWidget* parent, const QString& fileName, const ServerConfigImportResult& preview)
{
    ServerImportDialog dialog(fileName, preview, parent);
    return dialog.exec() == QDialog::Accepted;
}
