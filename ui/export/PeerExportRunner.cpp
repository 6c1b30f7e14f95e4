// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/PeerExportRunner.h"

#include "collector/CollectorBundleWriter.h"
#include "collector/PeerExport.h"
#include "collector/PeerKeychain.h"
#include "wizards/UserPrompts.h"

#include <QDir>
#include <QProgressBar>
#include <QProgressDialog>
#include <QThread>

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

PeerExportRunner::~PeerExportRunner()
{
    m_cancel = true;
    if (m_worker)
        m_worker->wait(); // then deleted with this, its parent
    delete m_progress;
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
    m_keys = std::move(keys);
    if (const QString error = ensurePrivateFolder(m_folder); !error.isEmpty()) {
        m_outcome.failed.append(error);
        Q_EMIT finished(m_outcome);
        return;
    }
    if (m_hostIds.size() >= ProgressFromPeers) {
        m_progress = new QProgressDialog(tr("Exporting peer configs…"), tr("Cancel"), 0,
            static_cast<int>(m_hostIds.size()), m_window);
        m_bar = new QProgressBar(m_progress);
        m_bar->setRange(0, static_cast<int>(m_hostIds.size()));
        m_progress->setBar(m_bar);
        m_progress->setWindowModality(Qt::WindowModal);
        m_progress->setMinimumDuration(300);
        connect(m_progress, &QProgressDialog::canceled, this, &PeerExportRunner::cancel);
        connect(this, &PeerExportRunner::progressed, m_bar, &QProgressBar::setValue);
    }
    startPass(0);
}

void PeerExportRunner::cancel()
{
    m_cancel = true;
}

void PeerExportRunner::startPass(qsizetype from)
{
    m_worker = QThread::create([this, from] { m_pass = exportFrom(from); });
    m_worker->setParent(this);
    connect(m_worker, &QThread::finished, this, &PeerExportRunner::onPassDone);
    m_worker->start();
}

PeerExportRunner::Pass PeerExportRunner::exportFrom(qsizetype from)
{
    Pass pass;
    Outcome& outcome = pass.outcome;
    for (qsizetype i = from; i < m_hostIds.size(); ++i) {
        Q_EMIT progressed(static_cast<int>(i), static_cast<int>(m_hostIds.size()));
        if (m_cancel) {
            outcome.cancelled = true;
            return pass;
        }
        const PeerExportTarget target = PeerExport::target(m_topology, m_hostIds.at(i));
        if (!target.ok()) {
            outcome.failed.append(QStringLiteral("%1: %2").arg(m_hostIds.at(i), target.error));
            continue;
        }
        const PeerExportBundle exported = PeerExport::bundle(target, *m_keys);
        QString pathError;
        const QString directory = PeerExport::directoryFor(m_folder, target.hostName, &pathError);
        if (directory.isEmpty()) {
            outcome.failed.append(QStringLiteral("%1: %2").arg(target.hostName, pathError));
            continue;
        }
        BundleWriteResult written = CollectorBundleWriter::write(exported.bundle, directory, m_replace.value_or(false));
        if (!written.ok() && !written.conflicts.isEmpty() && !m_replace) {
            // Only the GUI thread may ask: the pass ends here and goes on from this peer with the answer.
            pass.conflictAt = i;
            pass.conflictDirectory = directory;
            pass.conflicts = written.conflicts;
            return pass;
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
    Q_EMIT progressed(static_cast<int>(m_hostIds.size()), static_cast<int>(m_hostIds.size()));
    return pass;
}

void PeerExportRunner::onPassDone()
{
    m_worker->wait();
    m_worker->deleteLater();
    m_worker = nullptr;
    const Pass pass = std::exchange(m_pass, {});
    m_outcome.exported.append(pass.outcome.exported);
    m_outcome.withoutClientConfig.append(pass.outcome.withoutClientConfig);
    m_outcome.failed.append(pass.outcome.failed);
    m_outcome.cancelled = pass.outcome.cancelled;
    if (pass.conflictAt < 0) {
        finish();
        return;
    }
    m_replace = m_prompts->confirm(m_window, tr("Replace earlier exports?"),
        tr("%1 already holds files of an earlier export (%2). Replace the files of every peer that has some?")
            .arg(pass.conflictDirectory, pass.conflicts.join(QStringLiteral(", "))));
    startPass(pass.conflictAt);
}

void PeerExportRunner::finish()
{
    if (m_allPeers) {
        for (const QString& name : PeerExport::importedPeersWithoutHost(m_topology))
            m_outcome.withoutClientConfig.append(importedPeerLine(name));
    }
    delete m_progress;
    m_bar = nullptr;
    Q_EMIT finished(m_outcome);
}
