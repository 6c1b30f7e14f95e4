// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/NetworkStatusBar.h"

#include "telemetry/NetworkState.h"
#include "telemetry/NetworkSummaryText.h"

#include <QLabel>
#include <QLocale>

namespace {

QString describeEndpoint(const EndpointHealth& endpoint, bool demo)
{
    const QString name = demo ? QStringLiteral("Demo data") : endpoint.name;
    switch (endpoint.state) {
    case EndpointHealth::State::Ok:
        return demo || endpoint.latencyMs < 0 ? QStringLiteral("%1: ok").arg(name)
                                               : QStringLiteral("%1: ok %2 ms").arg(name).arg(endpoint.latencyMs);
    case EndpointHealth::State::Failing:
        return QStringLiteral("%1: failing — %2").arg(name, endpoint.message);
    case EndpointHealth::State::Unknown:
        break;
    }
    return QStringLiteral("%1: %2").arg(name, endpoint.message.isEmpty() ? QStringLiteral("not checked yet") : endpoint.message);
}

} // namespace

NetworkStatusBar::NetworkStatusBar(NetworkState* network, QWidget* parent)
    : QStatusBar(parent)
    , m_network(network)
    , m_source(new QLabel(this))
    , m_updated(new QLabel(this))
    , m_peers(new QLabel(this))
{
    m_source->setTextInteractionFlags(Qt::TextSelectableByMouse);
    addWidget(m_source, 1);
    addPermanentWidget(m_updated);
    addPermanentWidget(m_peers);
    connect(m_network, &NetworkState::stateChanged, this, &NetworkStatusBar::refresh);
    connect(m_network, &NetworkState::sourceStatusChanged, this, &NetworkStatusBar::refresh);
    refresh();
}

QString NetworkStatusBar::describeSource(const SourceStatus& status)
{
    if (status.endpoints.isEmpty())
        return status.sourceName.isEmpty() ? QStringLiteral("No data source") : status.sourceName + QStringLiteral(": starting");
    QStringList parts;
    for (const auto& endpoint : status.endpoints)
        parts.append(describeEndpoint(endpoint, status.demo));
    return parts.join(QStringLiteral("   "));
}

QString NetworkStatusBar::sourceText() const
{
    return m_source->text();
}

QString NetworkStatusBar::updatedText() const
{
    return m_updated->text();
}

QString NetworkStatusBar::peersText() const
{
    return m_peers->text();
}

void NetworkStatusBar::refresh()
{
    const SourceStatus& status = m_network->sourceStatus();
    m_source->setText(describeSource(status));
    m_source->setToolTip(status.demo ? tr("Generated numbers: this is not a live network") : QString());

    const QDateTime updated = m_network->lastUpdate();
    m_updated->setText(updated.isValid() ? tr("updated %1").arg(QLocale().toString(updated.toLocalTime().time(), QStringLiteral("HH:mm:ss")))
                                         : tr("no update yet"));

    m_peers->setText(NetworkSummaryText::describe(m_network->summary()));
}
