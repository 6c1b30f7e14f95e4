// SPDX-License-Identifier: GPL-3.0-or-later
// Saving moved cards: a burst of moves is one write, done on a worker thread, and nothing pending is ever lost.
#include "topology/TopologyFile.h"
#include "topology/TopologySaveQueue.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestTopologySaveQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void aBurstIsOneWriteOfTheLastState();
    void flushWritesWhatWaits();
    void destructionWritesWhatWaits();
    void saveNowSupersedesThePendingSave();
    void failuresAreReported();

private:
    /// The reference deployment with storage at (x, 0).
    static Topology movedTo(double x);
    static double savedX(const QString& path);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

Topology TestTopologySaveQueue::movedTo(double x)
{
    Topology topology = TopologyFile::referenceDeployment();
    topology.host(QStringLiteral("storage"))->position = QPointF(x, 0);
    return topology;
}

double TestTopologySaveQueue::savedX(const QString& path)
{
    const TopologyParseResult loaded = TopologyFile::load(path);
    if (!loaded.ok())
        return -1;
    const std::optional<QPointF> position = loaded.topology.host(QStringLiteral("storage"))->position;
    return position ? position->x() : -1;
}

void TestTopologySaveQueue::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("topology.json"));
    QCOMPARE(TopologyFile::save(m_path, movedTo(1)), QString());
}

void TestTopologySaveQueue::aBurstIsOneWriteOfTheLastState()
{
    TopologySaveQueue queue;
    queue.setDelayMs(20);
    QSignalSpy saved(&queue, &TopologySaveQueue::saved);
    for (int x = 10; x <= 50; x += 10)
        queue.schedule(m_path, movedTo(x));
    // Nothing is written while the moves go on.
    QCOMPARE(queue.writeCount(), 0);
    QCOMPARE(savedX(m_path), 1.0);
    QVERIFY(queue.hasPending());

    QTRY_COMPARE(saved.size(), 1);
    QCOMPARE(saved.constFirst().at(0).toString(), m_path);
    QCOMPARE(saved.constFirst().at(1).toString(), QString());
    QCOMPARE(queue.writeCount(), 1);
    QCOMPARE(savedX(m_path), 50.0);
    QVERIFY(!queue.hasPending());
}

void TestTopologySaveQueue::flushWritesWhatWaits()
{
    TopologySaveQueue queue;
    queue.setDelayMs(3600 * 1000);
    queue.schedule(m_path, movedTo(70));
    QCOMPARE(savedX(m_path), 1.0);
    QCOMPARE(queue.flush(), QString());
    QCOMPARE(savedX(m_path), 70.0);
    QCOMPARE(queue.writeCount(), 1);
    QCOMPARE(queue.flush(), QString()); // nothing left: no second write
    QCOMPARE(queue.writeCount(), 1);
}

void TestTopologySaveQueue::destructionWritesWhatWaits()
{
    {
        TopologySaveQueue queue;
        queue.setDelayMs(3600 * 1000);
        queue.schedule(m_path, movedTo(80));
    }
    QCOMPARE(savedX(m_path), 80.0);

    // Also while a write is in progress on the worker, with a newer state waiting behind it.
    {
        TopologySaveQueue queue;
        queue.setDelayMs(0);
        queue.schedule(m_path, movedTo(90));
        QCoreApplication::processEvents(); // the timer fires: the worker starts writing 90
        queue.setDelayMs(3600 * 1000);
        queue.schedule(m_path, movedTo(95));
    }
    QCOMPARE(savedX(m_path), 95.0);
}

void TestTopologySaveQueue::saveNowSupersedesThePendingSave()
{
    TopologySaveQueue queue;
    queue.setDelayMs(3600 * 1000);
    queue.schedule(m_path, movedTo(60));
    QCOMPARE(queue.saveNow(m_path, movedTo(65)), QString());
    QCOMPARE(savedX(m_path), 65.0);
    QVERIFY(!queue.hasPending());
    QCOMPARE(queue.flush(), QString());
    QCOMPARE(savedX(m_path), 65.0);
    QCOMPARE(queue.writeCount(), 1);

    // Another file (Save As): the pending save still goes to the file it was for.
    const QString other = m_dir->filePath(QStringLiteral("copy.json"));
    queue.schedule(m_path, movedTo(66));
    QCOMPARE(queue.saveNow(other, movedTo(67)), QString());
    QCOMPARE(savedX(m_path), 66.0);
    QCOMPARE(savedX(other), 67.0);
}

void TestTopologySaveQueue::failuresAreReported()
{
    TopologySaveQueue queue;
    queue.setDelayMs(0);
    QSignalSpy saved(&queue, &TopologySaveQueue::saved);
    const QString missing = m_dir->filePath(QStringLiteral("missing/topology.json"));
    queue.schedule(missing, movedTo(5));
    QTRY_COMPARE(saved.size(), 1);
    QVERIFY(saved.constFirst().at(1).toString().contains(missing));
    queue.setDelayMs(3600 * 1000);
    queue.schedule(missing, movedTo(6));
    QVERIFY(queue.flush().contains(missing));
}

QTEST_GUILESS_MAIN(TestTopologySaveQueue)
#include "TestTopologySaveQueue.moc"
