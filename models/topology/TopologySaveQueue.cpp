// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/TopologySaveQueue.h"

#include "topology/TopologyFile.h"

#include <QThread>

TopologySaveQueue::TopologySaveQueue(QObject* parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(DefaultDelayMs);
    connect(&m_timer, &QTimer::timeout, this, &TopologySaveQueue::startWrite);
}

TopologySaveQueue::~TopologySaveQueue()
{
    // The owner is going away: nobody is left to tell, but the data still goes to disk.
    const QSignalBlocker quiet(this);
    flush();
}

void TopologySaveQueue::setDelayMs(int milliseconds)
{
    m_timer.setInterval(std::max(0, milliseconds));
}

void TopologySaveQueue::schedule(const QString& path, const Topology& topology)
{
    m_pending = Save{path, topology};
    m_timer.start();
}

QString TopologySaveQueue::saveNow(const QString& path, const Topology& topology)
{
    QString error = collectWrite();
    if (m_pending && m_pending->path != path)
        error = flush();
    m_timer.stop();
    m_pending.reset();
    const QString own = writeHere({path, topology});
    return own.isEmpty() ? error : own;
}

QString TopologySaveQueue::flush()
{
    m_timer.stop();
    const QString inProgress = collectWrite();
    QString pending;
    if (m_pending) {
        const Save save = *std::exchange(m_pending, std::nullopt);
        pending = writeHere(save);
        Q_EMIT saved(save.path, pending);
    }
    return inProgress.isEmpty() ? pending : inProgress;
}

QString TopologySaveQueue::writeHere(const Save& save)
{
    ++m_writes;
    return TopologyFile::save(save.path, save.topology);
}

void TopologySaveQueue::startWrite()
{
    if (m_worker || !m_pending)
        return; // one write at a time: the pending one starts when the current one is done
    Save save = *std::exchange(m_pending, std::nullopt);
    m_workerPath = save.path;
    // The topology is a copy: the document may change while the worker writes this state of it.
    m_worker = QThread::create([this, save = std::move(save)] { m_workerError = TopologyFile::save(save.path, save.topology); });
    m_worker->setParent(this);
    connect(m_worker, &QThread::finished, this, &TopologySaveQueue::onWriteFinished);
    m_worker->start();
}

QString TopologySaveQueue::collectWrite()
{
    if (!m_worker)
        return {};
    m_worker->wait();
    // Later, not now: its finished() may still be queued, and must find it alive (and not a new one in its place).
    m_worker->deleteLater();
    m_worker = nullptr;
    ++m_writes;
    const QString error = std::exchange(m_workerError, {});
    Q_EMIT saved(m_workerPath, error);
    return error;
}

void TopologySaveQueue::onWriteFinished()
{
    if (sender() != m_worker)
        return; // already collected by flush()
    collectWrite();
    if (m_pending && !m_timer.isActive())
        startWrite();
}
