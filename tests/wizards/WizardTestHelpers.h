// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "support/ServerConfigTopology.h"
#include "telemetry/NetworkState.h"
#include "wizards/PeerWizardState.h"
#include "wizards/ServerImportDialog.h"
#include "wizards/UserPrompts.h"

#include <QCheckBox>
#include <QFile>
#include <QStringList>

#include <sys/stat.h>

/** Answers the wizards' questions without dialogs, and remembers what was asked. */
class FakePrompts final : public UserPrompts
{
public:
    bool confirmAnswer = true;
    bool importAnswer = true;
    QString folder;
    QString file;
    QString saveFile;
    QStringList asked;
    QStringList informed;
    QString lastPreview;
    QStringList lastAdded; ///< the preview dialog's "Added" rows
    int reviewed = 0;
    bool replaceHubKey = false; ///< ticked in the preview
    std::optional<PeerAdoptionRequest> adoption;
    int adoptionsAsked = 0;

    bool confirm(QWidget*, const QString& title, const QString&) override
    {
        asked.append(title);
        return confirmAnswer;
    }
    void inform(QWidget*, const QString&, const QString& text) override { informed.append(text); }
    QString chooseFolder(QWidget*, const QString&, const QString&) override { return folder; }
    QString chooseFile(QWidget*, const QString&, const QString&) override { return file; }
    QString chooseSaveFile(QWidget*, const QString&, const QString&, const QString&) override { return saveFile; }
    /// The real preview dialog, never shown: what it lists is recorded, and its plan applied when importAnswer.
    std::optional<ServerImportPlan> reviewImport(
        QWidget*, const QString& fileName, const Topology& before, const ServerConfig& config) override
    {
        ++reviewed;
        ServerImportDialog dialog(fileName, before, config);
        dialog.replaceHubKeyBox()->setChecked(replaceHubKey);
        lastPreview = ServerImportDialog::previewText(dialog.plan());
        lastAdded = dialog.groupLines(ServerImportDialog::Group::Added);
        if (!importAnswer)
            return std::nullopt;
        return dialog.plan();
    }
    std::optional<PeerAdoptionRequest> askAdoption(QWidget*, const Topology&, const UnknownPeer&) override
    {
        ++adoptionsAsked;
        return adoption;
    }
};

namespace WizardTestHelpers {

/// The wizards' services around a NetworkState; commits go to the network and are counted.
struct Harness
{
    NetworkState* network;
    Topology committed;
    int commits = 0;

    PeerWizardServices services(SecretStore* secrets, const Clock* clock, UserPrompts* prompts)
    {
        PeerWizardServices result;
        result.network = network;
        result.secrets = secrets;
        result.clock = clock;
        result.prompts = prompts;
        result.commitTopology = [this](const Topology& topology) {
            committed = topology;
            ++commits;
            network->setTopology(topology);
            return QString();
        };
        return result;
    }
};

inline int modeOf(const QString& path)
{
    struct stat info;
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? static_cast<int>(info.st_mode & 0777) : -1;
}

inline QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace WizardTestHelpers
