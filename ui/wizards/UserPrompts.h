// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "adopt/ServerImportPlan.h"
#include "adopt/UnknownPeerAdoption.h"

#include <QString>

#include <optional>

class QWidget;

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
    /// A new file to write, starting at suggested; empty when cancelled.
    virtual QString chooseSaveFile(QWidget* parent, const QString& title, const QString& suggested, const QString& filter);
    /// Shows what importing the server's config does (ServerImportDialog); the plan to apply, nullopt when declined.
    virtual std::optional<ServerImportPlan> reviewImport(
        QWidget* parent, const QString& fileName, const Topology& before, const ServerConfig& config);
    /// Asks the name and host of a peer that telemetry reports but the topology lacks (AdoptPeerDialog); nullopt
    /// when declined.
    virtual std::optional<PeerAdoptionRequest> askAdoption(QWidget* parent, const Topology& topology, const UnknownPeer& peer);
};
