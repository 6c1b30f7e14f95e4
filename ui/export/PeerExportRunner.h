// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Topology.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <atomic>
#include <memory>
#include <optional>

class FetchedKeys;
class PeerKeychain;
class QProgressBar;
class QProgressDialog;
class QThread;
class QWidget;
class SecretStore;
class UserPrompts;

/**
 * "Export configs…" of one peer or all of them: each into <folder>/<host>, with the code of
 * `tunnelscope-cli peer export` (PeerExport) and the keys the keychain holds. Peers without a private key get
 * their server-side files only, and are listed with the reason. Asks once before replacing earlier exports.
 * The files are written on a worker thread (each one synced to disk), with a progress dialog that can cancel; the
 * GUI thread only asks the questions.
 */
class PeerExportRunner final : public QObject
{
    Q_OBJECT

public:
    struct Outcome
    {
        QStringList exported;            ///< host names with every file
        QStringList withoutClientConfig; ///< "host: cannot export the client config: reason"
        QStringList failed;              ///< "host: error"
        bool cancelled = false;

        QString summary() const;
    };

    PeerExportRunner(SecretStore* secrets, UserPrompts* prompts, QWidget* window, QObject* parent = nullptr);
    /// Cancels, and waits for the peer being written.
    ~PeerExportRunner() override;

    /// Starts; ends with finished(). hostIds empty means every peer of the hub.
    void run(const Topology& topology, const QStringList& hostIds, const QString& folder);
    /// Stops after the peer being written; finished() says what was done. Safe from any thread.
    void cancel();

    /// The words for a peer learnt from the server's config.
    static QString importedPeerLine(const QString& hostName);

Q_SIGNALS:
    void finished(const PeerExportRunner::Outcome& outcome);
    /// done of total peers are written. Emitted on the worker thread, before each peer and at the end.
    void progressed(int done, int total);

private:
    /// What one run of the worker did: it stops early at the first peer whose folder holds earlier files.
    struct Pass
    {
        Outcome outcome;
        qsizetype conflictAt = -1;
        QString conflictDirectory;
        QStringList conflicts;
    };

    void exportAll(std::shared_ptr<FetchedKeys> keys);
    void startPass(qsizetype from);
    /// The worker thread's part: writes the peers from index from on.
    Pass exportFrom(qsizetype from);
    void onPassDone();
    void finish();

    SecretStore* m_secrets;
    UserPrompts* m_prompts;
    QPointer<QWidget> m_window;
    PeerKeychain* m_keychain;
    Topology m_topology;
    QStringList m_hostIds;
    QString m_folder;
    bool m_allPeers = false;
    std::shared_ptr<FetchedKeys> m_keys;
    std::optional<bool> m_replace; ///< the answer to "Replace earlier exports?", once asked
    Outcome m_outcome;
    QThread* m_worker = nullptr;
    Pass m_pass; ///< written by the worker, read once it has finished
    std::atomic<bool> m_cancel = false;
    QPointer<QProgressDialog> m_progress;
    QProgressBar* m_bar = nullptr; ///< set directly: QProgressDialog::setValue would spin the event loop
};

Q_DECLARE_METATYPE(PeerExportRunner::Outcome)
