// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "influx/NetworkCheck.h"
#include "topology/Topology.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>
#include <vector>

class DiagramScene;
class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

/**
 * The Checks dock: the user's own network tests, run from this laptop (InfluxDB reachable, Loki ready, the S3
 * storage answers), one row each with its target, result, latency, detail and time, marked on the diagram's
 * host cards. With demo data there is nothing real to test, and it says so instead of pretending.
 */
class ChecksPanel final : public QWidget
{
    Q_OBJECT

public:
    using CheckFactory = std::function<std::vector<std::unique_ptr<NetworkCheck>>()>;
    enum Column { NameColumn, TargetColumn, ResultColumn, LatencyColumn, DetailColumn, TimeColumn, ColumnCount };

    static inline const QString DemoMessage = QStringLiteral("Demo data: no live source to check");

    explicit ChecksPanel(QWidget* parent = nullptr);
    ~ChecksPanel() override;

    /// Checks of a live source: `factory` makes a fresh set for every run; `topology` places results on cards.
    void setLiveChecks(CheckFactory factory, const Topology& topology);
    /// Demo data (or no source): nothing to check.
    void setDemo(const QString& message = DemoMessage);
    /// Not owned; results are marked on its host cards.
    void setDiagram(DiagramScene* scene);

    bool isRunning() const { return m_remaining > 0; }
    bool isDemo() const { return !m_factory; }
    QTreeWidget* table() const { return m_table; }
    QString summaryText() const;
    /// The full detail shown under the table for the selected row.
    QString detailText() const;

public Q_SLOTS:
    /// Runs every check again; ignored while a run is going on.
    void runChecks();

Q_SIGNALS:
    void checksFinished();

private:
    void onFinished(int row, const CheckResult& result);
    void fillRow(QTreeWidgetItem* item, const CheckResult& result);
    void markOnDiagram(const CheckResult& result);
    void showSelectedDetail();
    void updateSummary();
    QIcon resultIcon(bool ok) const;

    CheckFactory m_factory;
    Topology m_topology;
    QPointer<DiagramScene> m_scene;
    std::vector<std::unique_ptr<NetworkCheck>> m_checks;
    int m_remaining = 0;
    int m_failures = 0;
    QLabel* m_summary;
    QPushButton* m_runAgain;
    QTreeWidget* m_table;
    QLabel* m_detail;
};
