// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Topology.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <optional>

class QThread;

/**
 * Writes a document's file off the GUI thread, one burst of edits (every card dragged) as one write: a scheduled
 * save waits until the edits have paused for delayMs, then TopologyFile's atomic, synced write runs on a worker
 * thread. Writes run one at a time and in order, and none is ever lost: flush() writes what is pending and waits for
 * the write in progress, and the destructor flushes.
 */
class TopologySaveQueue final : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultDelayMs = 1500;

    explicit TopologySaveQueue(QObject* parent = nullptr);
    ~TopologySaveQueue() override;

    void setDelayMs(int milliseconds);
    /// Saves topology to path once the edits pause; a later call replaces what an earlier one would have written.
    void schedule(const QString& path, const Topology& topology);
    /// Writes now, on this thread, after the write in progress; drops a pending save of the same path, which this
    /// one supersedes. Returns the error, empty on success.
    QString saveNow(const QString& path, const Topology& topology);
    /// Writes the pending save now and waits for the one in progress. Returns the first error, empty on success.
    QString flush();

    bool hasPending() const { return m_pending.has_value() || m_worker; }
    /// Files written so far, by the worker or by flush and saveNow.
    int writeCount() const { return m_writes; }

Q_SIGNALS:
    /// A scheduled save was written (error empty) or failed.
    void saved(const QString& path, const QString& error);

private:
    struct Save
    {
        QString path;
        Topology topology;
    };

    void startWrite();
    void onWriteFinished();
    /// Waits for the write in progress, if any; returns its error.
    QString collectWrite();
    QString writeHere(const Save& save);

    QTimer m_timer;
    std::optional<Save> m_pending;
    QThread* m_worker = nullptr;
    QString m_workerPath;
    QString m_workerError; ///< written by the worker, read once it has finished
    int m_writes = 0;
};
