// SPDX-License-Identifier: GPL-3.0-or-later
#include "checks/ChecksPanel.h"

#include "diagram/DiagramPalette.h"
#include "diagram/DiagramScene.h"
#include "live/CheckTarget.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

constexpr int IconSize = 14;
constexpr int OkRole = Qt::UserRole + 1;

QString latencyText(qint64 latencyMs)
{
    return latencyMs >= 0 ? QStringLiteral("%1 ms").arg(latencyMs) : QStringLiteral("–");
}

} // namespace

ChecksPanel::ChecksPanel(QWidget* parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_runAgain(new QPushButton(QStringLiteral("Run again"), this))
    , m_table(new QTreeWidget(this))
    , m_detail(new QLabel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto* top = new QHBoxLayout;
    m_summary->setWordWrap(true);
    top->addWidget(m_summary, 1);
    m_runAgain->setToolTip(QStringLiteral("Run the network checks again from this computer (F5)"));
    top->addWidget(m_runAgain, 0, Qt::AlignTop);
    layout->addLayout(top);

    m_table->setColumnCount(ColumnCount);
    m_table->setHeaderLabels({QStringLiteral("Check"), QStringLiteral("Target"), QStringLiteral("Result"),
                              QStringLiteral("Latency"), QStringLiteral("Detail"), QStringLiteral("Time")});
    m_table->setRootIsDecorated(false);
    m_table->setUniformRowHeights(true);
    m_table->setAllColumnsShowFocus(true);
    m_table->setIconSize(QSize(IconSize, IconSize));
    m_table->header()->setStretchLastSection(false);
    m_table->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->header()->setSectionResizeMode(DetailColumn, QHeaderView::Stretch);
    layout->addWidget(m_table, 1);

    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setMinimumHeight(m_detail->fontMetrics().lineSpacing() * 2);
    m_detail->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_detail);

    connect(m_runAgain, &QPushButton::clicked, this, &ChecksPanel::runChecks);
    connect(m_table, &QTreeWidget::currentItemChanged, this, &ChecksPanel::showSelectedDetail);
    setDemo();
}

ChecksPanel::~ChecksPanel() = default;

void ChecksPanel::setLiveChecks(CheckFactory factory, const Topology& topology)
{
    m_factory = std::move(factory);
    m_topology = topology;
    m_checks.clear();
    m_remaining = 0;
    m_table->clear();
    m_table->setEnabled(true);
    m_runAgain->setEnabled(true);
    m_detail->clear();
    if (m_scene)
        m_scene->clearCheckResults();
    m_summary->setText(QStringLiteral("Not run yet. Run the checks to test the servers from this computer."));
}

void ChecksPanel::setDemo(const QString& message)
{
    m_factory = nullptr;
    m_checks.clear();
    m_remaining = 0;
    m_table->clear();
    m_table->setEnabled(false);
    m_runAgain->setEnabled(false);
    m_detail->clear();
    if (m_scene)
        m_scene->clearCheckResults();
    m_summary->setText(message);
}

void ChecksPanel::setDiagram(DiagramScene* scene)
{
    m_scene = scene;
}

void ChecksPanel::runChecks()
{
    if (!m_factory || isRunning())
        return;
    m_checks = m_factory();
    m_table->clear();
    m_detail->clear();
    if (m_scene)
        m_scene->clearCheckResults();
    m_remaining = int(m_checks.size());
    m_failures = 0;
    for (int row = 0; row < int(m_checks.size()); ++row) {
        NetworkCheck* check = m_checks[std::size_t(row)].get();
        auto* item = new QTreeWidgetItem(m_table);
        item->setText(NameColumn, check->name());
        item->setText(TargetColumn, check->target());
        item->setText(ResultColumn, QStringLiteral("running…"));
        connect(check, &NetworkCheck::finished, this, [this, row](const CheckResult& result) { onFinished(row, result); });
    }
    m_runAgain->setEnabled(false);
    updateSummary();
    // Started after every row exists, so a quick answer always finds its row.
    for (const auto& check : m_checks)
        check->run();
    if (m_checks.empty()) {
        m_runAgain->setEnabled(true);
        Q_EMIT checksFinished();
    }
}

void ChecksPanel::onFinished(int row, const CheckResult& result)
{
    QTreeWidgetItem* item = m_table->topLevelItem(row);
    if (!item || item->data(ResultColumn, OkRole).isValid())
        return;
    fillRow(item, result);
    markOnDiagram(result);
    if (!result.ok)
        ++m_failures;
    --m_remaining;
    if (!result.ok && m_failures == 1)
        m_table->setCurrentItem(item); // the first failure's detail shows in full below
    updateSummary();
    if (m_remaining == 0) {
        m_runAgain->setEnabled(true);
        if (!m_table->currentItem())
            m_table->setCurrentItem(m_table->topLevelItem(0));
        Q_EMIT checksFinished();
    }
}

void ChecksPanel::fillRow(QTreeWidgetItem* item, const CheckResult& result)
{
    item->setData(ResultColumn, OkRole, result.ok);
    item->setText(TargetColumn, result.target + result.probe);
    item->setIcon(ResultColumn, resultIcon(result.ok));
    item->setText(ResultColumn, result.ok ? QStringLiteral("ok") : QStringLiteral("failing"));
    item->setText(LatencyColumn, latencyText(result.latencyMs));
    item->setTextAlignment(LatencyColumn, Qt::AlignRight | Qt::AlignVCenter);
    QString detail = result.detail;
    if (!result.version.isEmpty() && !detail.contains(result.version))
        detail += QStringLiteral(" (%1)").arg(result.version);
    item->setText(DetailColumn, detail);
    item->setToolTip(DetailColumn, detail);
    item->setText(TimeColumn, result.finishedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss")));
}

void ChecksPanel::markOnDiagram(const CheckResult& result)
{
    if (!m_scene)
        return;
    const CheckTarget target = CheckTarget::locate(m_topology, CheckTarget::kindOfCheck(result.name), QUrl(result.target));
    if (!target.isValid())
        return;
    const QString text = result.ok ? QStringLiteral("%1 ok %2").arg(result.name, latencyText(result.latencyMs))
                                   : QStringLiteral("%1 failing").arg(result.name);
    m_scene->setCheckResult(target.hostId, target.serviceId, result.ok, text);
}

void ChecksPanel::showSelectedDetail()
{
    const QTreeWidgetItem* item = m_table->currentItem();
    if (!item || !item->data(ResultColumn, OkRole).isValid()) {
        m_detail->clear();
        return;
    }
    m_detail->setText(QStringLiteral("%1 %2: %3").arg(item->text(NameColumn), item->text(ResultColumn),
                                                       item->text(DetailColumn)));
}

void ChecksPanel::updateSummary()
{
    const int total = int(m_checks.size());
    if (m_remaining > 0) {
        m_summary->setText(QStringLiteral("Running %1 checks from this computer…").arg(total));
        return;
    }
    const QString when = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
    m_summary->setText(m_failures == 0
                           ? QStringLiteral("%1 checks at %2: all ok").arg(total).arg(when)
                           : QStringLiteral("%1 checks at %2: %3 ok, %4 failing").arg(total).arg(when).arg(total - m_failures).arg(m_failures));
}

QString ChecksPanel::summaryText() const
{
    return m_summary->text();
}

QString ChecksPanel::detailText() const
{
    return m_detail->text();
}

QIcon ChecksPanel::resultIcon(bool ok) const
{
    const DiagramPalette palette(this->palette());
    const qreal ratio = devicePixelRatioF();
    QPixmap pixmap(QSize(IconSize, IconSize) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(palette.state(ok ? PeerStatus::State::Online : PeerStatus::State::Offline));
    painter.drawEllipse(QRectF(1, 1, IconSize - 2, IconSize - 2));
    // A tick or a cross: the shape says it as well as the colour.
    painter.setPen(QPen(palette.cardFill(), 2, Qt::SolidLine, Qt::RoundCap));
    if (ok) {
        painter.drawPolyline(QPolygonF({QPointF(4, 7.5), QPointF(6.2, 9.8), QPointF(10, 4.8)}));
    } else {
        painter.drawLine(QPointF(4.5, 4.5), QPointF(9.5, 9.5));
        painter.drawLine(QPointF(9.5, 4.5), QPointF(4.5, 9.5));
    }
    return QIcon(pixmap);
}
