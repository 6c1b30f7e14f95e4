// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/UserPrompts.h"

#include "wizards/AdoptPeerDialog.h"
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

QString UserPrompts::chooseSaveFile(QWidget* parent, const QString& title, const QString& suggested, const QString& filter)
{
    return QFileDialog::getSaveFileName(parent, title, suggested, filter);
}

std::optional<ServerImportPlan> UserPrompts::reviewImport(
    QWidget* parent, const QString& fileName, const Topology& before, const ServerConfig& config)
{
    ServerImportDialog dialog(fileName, before, config, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.plan();
}

std::optional<PeerAdoptionRequest> UserPrompts::askAdoption(QWidget* parent, const Topology& topology, const UnknownPeer& peer)
{
    AdoptPeerDialog dialog(topology, peer, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.request();
}
