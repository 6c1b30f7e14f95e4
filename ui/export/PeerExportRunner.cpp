// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/PeerExportRunner.h"

#include "collector/CollectorBundleWriter.h"
#include "collector/PeerExport.h"
#include "collector/PeerKeychain.h"
#include "wizards/UserPrompts.h"

#include <QApplication>
#include <QDir>
#include <QProgressDialog>

#include <sys/stat.h>

namespace {

constexpr int ProgressFromPeers = 4;

/// The parent folder of the per-host folders: private too, since they are.
QString ensurePrivateFolder(const QString& folder)
{
    if (!QDir().mkpath(folder))
        return QObject::tr("cannot create %1").arg(folder);
    if (::chmod(QFile::encodeName(folder).constData(), 0700) != 0)
        return QObject::tr("cannot make %1 private (mode 0700)").arg(folder);
    return {};
}

} // namespace

QString PeerExportRunner::Outcome::summary() const
{
    QStringList lines;
    if (!exported.isEmpty())
        lines.append(QObject::tr("Exported: %1").arg(exported.join(QStringLiteral(", "))));
    lines.append(withoutClientConfig);
    lines.append(failed);
    if (cancelled)
        lines.append(QObject::tr("Cancelled; the peers above were done."));
    return lines.join(QLatin1Char('\n'));
}

PeerExportRunner::PeerExportRunner(SecretStore* secrets, UserPrompts* prompts, QWidget* window, QObject* parent)
    : QObject(parent)
    , m_secrets(secrets)
    , m_prompts(prompts)
    , m_window(window)
    , m_keychain(new PeerKeychain(secrets, this))
{
    connect(m_keychain, &PeerKeychain::fetched, this, &PeerExportRunner::exportAll);
}

QString PeerExportRunner::importedPeerLine(const QString& hostName)
{
    return tr("%1: cannot export the client config: no private key (imported from the server config)").arg(hostName);
}

void PeerExportRunner::run(const Topology& topology, const QStringList& hostIds, const QString& folder)
{
    m_topology = topology;
    m_allPeers = hostIds.isEmpty();
    m_hostIds = hostIds.isEmpty() ? PeerExport::exportableHosts(topology) : hostIds;
    m_folder = folder;
    QStringList interfaceIds;
    QStringList hubPeerIds;
    for (const QString& hostId : std::as_const(m_hostIds)) {
        const PeerExportTarget target = PeerExport::target(topology, hostId);
        if (target.ok() && !target.imported) {
            interfaceIds.append(target.interfaceId);
            if (target.presharedKey)
                hubPeerIds.append(target.hubPeerId);
        }
    }
    m_keychain->fetch(interfaceIds, hubPeerIds);
}

void PeerExportRunner::exportAll(std::shared_ptr<FetchedKeys> keys)
{
    Outcome outcome;
    if (const QString error = ensurePrivateFolder(m_folder); !error.isEmpty()) {
        outcome.failed.append(error);
        Q_EMIT finished(outcome);
        return;
    }
    std::unique_ptr<QProgressDialog> progress;
    if (m_hostIds.size() >= ProgressFromPeers) {
        progress = std::make_unique<QProgressDialog>(tr("Exporting peer configs…"), tr("Cancel"), 0,
            static_cast<int>(m_hostIds.size()), m_window);
        progress->setWindowModality(Qt::WindowModal);
        progress->setMinimumDuration(300);
    }
    std::optional<bool> replace;
    for (qsizetype i = 0; i < m_hostIds.size(); ++i) {
        if (progress) {
            progress->setValue(static_cast<int>(i));
            if (progress->wasCanceled()) {
                outcome.cancelled = true;
                break;
            }
        }
        const PeerExportTarget target = PeerExport::target(m_topology, m_hostIds.at(i));
        if (!target.ok()) {
            outcome.failed.append(QStringLiteral("%1: %2").arg(m_hostIds.at(i), target.error));
            continue;
        }
        const PeerExportBundle exported = PeerExport::bundle(target, *keys);
        QString pathError;
        const QString directory = PeerExport::directoryFor(m_folder, target.hostName, &pathError);
        if (directory.isEmpty()) {
            outcome.failed.append(QStringLiteral("%1: %2").arg(target.hostName, pathError));
            continue;
        }
        BundleWriteResult written = CollectorBundleWriter::write(exported.bundle, directory, false);
        if (!written.ok() && !written.conflicts.isEmpty()) {
            if (!replace)
                replace = m_prompts->confirm(m_window, tr("Replace earlier exports?"),
                    tr("%1 already holds files of an earlier export (%2). Replace the files of every peer that has "
                       "some?")
                        .arg(directory, written.conflicts.join(QStringLiteral(", "))));
            if (*replace)
                written = CollectorBundleWriter::write(exported.bundle, directory, true);
        }
        if (!written.ok()) {
            outcome.failed.append(QStringLiteral("%1: %2").arg(target.hostName, written.error));
            continue;
        }
        if (target.imported)
            outcome.withoutClientConfig.append(importedPeerLine(target.hostName));
        else if (!exported.missingReason.isEmpty())
            outcome.withoutClientConfig.append(
                tr("%1: cannot export the client config: %2").arg(target.hostName, exported.missingReason));
        else
            outcome.exported.append(target.hostName);
    }
    if (m_allPeers) {
        for (const QString& name : PeerExport::importedPeersWithoutHost(m_topology))
            outcome.withoutClientConfig.append(importedPeerLine(name));
    }
    if (progress)
        progress->setValue(static_cast<int>(m_hostIds.size()));
    Q_EMIT finished(outcome);
}
