// SPDX-License-Identifier: GPL-3.0-or-later
// The Checks panel: a row per check with result, latency and detail, the failing row's detail in full, the
// results marked on the diagram's host cards, and no pretending in demo mode.
#include "UiPalettes.h"
#include "checks/ChecksPanel.h"
#include "diagram/DiagramScene.h"
#include "diagram/HostCardItem.h"
#include "support/ManualClock.h"
#include "telemetry/NetworkState.h"
#include "topology/TopologyFile.h"

#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

namespace {

/// A check that answers with a prepared result from the event loop.
class ScriptedCheck final : public NetworkCheck
{
public:
    explicit ScriptedCheck(CheckResult result)
        : m_result(std::move(result))
    {
    }
    QString name() const override { return m_result.name; }
    QString target() const override { return m_result.target; }
    void run() override
    {
        ++runs;
        QTimer::singleShot(0, this, [this] { Q_EMIT finished(m_result); });
    }
    static inline int runs = 0;

private:
    CheckResult m_result;
};

CheckResult result(const QString& name, const QString& target, const QString& probe, bool ok, qint64 latency,
                   const QString& detail)
{
    CheckResult check;
    check.name = name;
    check.target = target;
    check.probe = probe;
    check.ok = ok;
    check.latencyMs = latency;
    check.detail = detail;
    check.finishedAt = QDateTime(QDate(2026, 11, 21), QTime(23, 41, 7), Qt::UTC);
    return check;
}

const QString S3Failure = QStringLiteral("Host storage.example.com not found; the S3 storage is on the home network; "
                                         "from outside it is expected to be unreachable");

std::vector<std::unique_ptr<NetworkCheck>> referenceChecks()
{
    std::vector<std::unique_ptr<NetworkCheck>> checks;
    checks.push_back(std::make_unique<ScriptedCheck>(result(QStringLiteral("InfluxDB"), QStringLiteral("http://10.10.0.11:8086"),
        QStringLiteral("/ping"), true, 12, QStringLiteral("InfluxDB 1.6.7~rc0 answers"))));
    checks.push_back(std::make_unique<ScriptedCheck>(result(QStringLiteral("Loki"), QStringLiteral("http://10.10.0.11:3100"),
        QStringLiteral("/ready"), true, 30, QStringLiteral("ready"))));
    checks.push_back(std::make_unique<ScriptedCheck>(result(QStringLiteral("S3"), QStringLiteral("http://storage.example.com:8010/"),
        QString(), false, -1, S3Failure)));
    return checks;
}

} // namespace

class TestChecksPanel : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock;

private Q_SLOTS:
    void demoSaysThereIsNothingToCheck()
    {
        ChecksPanel panel;
        panel.setDemo();
        QVERIFY(panel.isDemo());
        QCOMPARE(panel.summaryText(), QStringLiteral("Demo data: no live source to check"));
        panel.runChecks();
        QCOMPARE(panel.table()->topLevelItemCount(), 0);
        QVERIFY(!panel.findChild<QPushButton*>()->isEnabled());
    }

    void rowsResultsAndDiagramMarks()
    {
        NetworkState network(&m_clock);
        network.setTopology(TopologyFile::referenceDeployment());
        DiagramScene scene(&network);
        ChecksPanel panel;
        panel.resize(900, 260);
        panel.setDiagram(&scene);
        panel.setLiveChecks(&referenceChecks, network.topology());
        panel.show();
        QSignalSpy finished(&panel, &ChecksPanel::checksFinished);
        panel.runChecks();
        QVERIFY(panel.isRunning());
        QCOMPARE(panel.table()->topLevelItem(2)->text(ChecksPanel::ResultColumn), QStringLiteral("running…"));
        QVERIFY(finished.wait(5000));

        QTreeWidget* table = panel.table();
        QCOMPARE(table->topLevelItemCount(), 3);
        const QTreeWidgetItem* influx = table->topLevelItem(0);
        QCOMPARE(influx->text(ChecksPanel::NameColumn), QStringLiteral("InfluxDB"));
        QCOMPARE(influx->text(ChecksPanel::TargetColumn), QStringLiteral("http://10.10.0.11:8086/ping"));
        QCOMPARE(influx->text(ChecksPanel::ResultColumn), QStringLiteral("ok"));
        QVERIFY(!influx->icon(ChecksPanel::ResultColumn).isNull());
        QCOMPARE(influx->text(ChecksPanel::LatencyColumn), QStringLiteral("12 ms"));
        QVERIFY(!influx->text(ChecksPanel::TimeColumn).isEmpty());
        const QTreeWidgetItem* s3 = table->topLevelItem(2);
        QCOMPARE(s3->text(ChecksPanel::ResultColumn), QStringLiteral("failing"));
        QCOMPARE(s3->text(ChecksPanel::LatencyColumn), QStringLiteral("–"));
        QCOMPARE(s3->text(ChecksPanel::DetailColumn), S3Failure);
        // The failure is selected and its detail shown in full below the table.
        QCOMPARE(table->currentItem(), s3);
        QCOMPARE(panel.detailText(), QStringLiteral("S3 failing: ") + S3Failure);
        QVERIFY2(panel.summaryText().contains(QLatin1String("3 checks at")), qPrintable(panel.summaryText()));
        QVERIFY(panel.summaryText().endsWith(QLatin1String("2 ok, 1 failing")));

        // On the diagram: monitor11 carries InfluxDB and Loki, storage the failing S3.
        QCOMPARE(scene.card(QStringLiteral("monitor11"))->checkMarkText(), QStringLiteral("InfluxDB ok 12 ms · Loki ok 30 ms"));
        QVERIFY(scene.card(QStringLiteral("monitor11"))->checkMarkOk());
        QCOMPARE(scene.card(QStringLiteral("storage"))->checkMarkText(), QStringLiteral("S3 failing"));
        QVERIFY(!scene.card(QStringLiteral("storage"))->checkMarkOk());
        QVERIFY(scene.card(QStringLiteral("prod"))->checkMarkText().isEmpty());

        if (const QString directory = grabDirectory(); !directory.isEmpty()) {
            QVERIFY(panel.grab().save(directory + QStringLiteral("/checks.png")));
            panel.setPalette(darkTestPalette());
            QTest::qWait(20);
            QVERIFY(panel.grab().save(directory + QStringLiteral("/checks-dark.png")));
            const QRectF cards = scene.card(QStringLiteral("storage"))->sceneBoundingRect()
                                     .united(scene.card(QStringLiteral("monitor11"))->sceneBoundingRect()).adjusted(-20, -20, 20, 20);
            QImage image(cards.size().toSize(), QImage::Format_ARGB32);
            image.fill(scene.diagramPalette().canvas());
            QPainter painter(&image);
            scene.render(&painter, QRectF(QPointF(0, 0), cards.size()), cards);
            painter.end();
            QVERIFY(image.save(directory + QStringLiteral("/checks-diagram.png")));
        }

        // A marks survive a rebuild of the diagram; a new run clears the old ones first.
        network.setTopology(network.topology());
        QCOMPARE(scene.card(QStringLiteral("storage"))->checkMarkText(), QStringLiteral("S3 failing"));
        ScriptedCheck::runs = 0;
        panel.findChild<QPushButton*>()->click();
        QVERIFY(finished.wait(5000));
        QCOMPARE(ScriptedCheck::runs, 3);
        QCOMPARE(table->topLevelItemCount(), 3);

        panel.setDemo();
        QVERIFY(scene.card(QStringLiteral("storage"))->checkMarkText().isEmpty());
    }
};

QTEST_MAIN(TestChecksPanel)
#include "TestChecksPanel.moc"
