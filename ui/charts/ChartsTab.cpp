// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/ChartsTab.h"

#include "telemetry/NetworkState.h"

#include <QVBoxLayout>

namespace {

QString arrow(const QString& from, const QString& to)
{
    return QStringLiteral("%1 \u2192 %2").arg(from, to);
}

} // namespace

ChartsTab::ChartsTab(NetworkState* network, QWidget* parent)
    : QWidget(parent)
    , m_network(network)
    , m_chart(new PeerHistoryChart(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_chart);
    connect(m_network, &NetworkState::topologyChanged, this, [this] {
        m_stale = true;
        if (isVisible())
            applyElement();
    });
}

void ChartsTab::setProvider(PeerHistoryProvider* provider)
{
    m_chart->setProvider(provider);
}

void ChartsTab::showElement(const DiagramElement& element)
{
    if (element == m_element && !m_stale)
        return;
    m_element = element;
    m_stale = true;
    if (isVisible())
        applyElement();
}

void ChartsTab::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale)
        applyElement();
}

void ChartsTab::applyElement()
{
    m_stale = false;
    if (const auto peer = peerFor(m_element))
        m_chart->setPeer(*peer);
    else
        m_chart->clearPeer(NoPeerMessage);
}

QString ChartsTab::hostName(const QString& hostId) const
{
    const Host* host = m_network->topology().host(hostId);
    return host ? host->name : hostId;
}

std::optional<PeerHistoryChart::Peer> ChartsTab::peerFor(const DiagramElement& element) const
{
    const TunnelState* tunnel = nullptr;
    if (element.kind == DiagramElement::Kind::Tunnel) {
        tunnel = m_network->tunnel(element.id);
    } else if (element.kind == DiagramElement::Kind::Host) {
        // A client host has one tunnel to chart; a hub has many and is no single peer.
        for (const TunnelState* candidate : m_network->tunnelsOfHost(element.id)) {
            if (candidate->clientHostId == element.id) {
                tunnel = candidate;
                break;
            }
        }
    } else if (element.kind == DiagramElement::Kind::UnknownPeer) {
        for (const UnknownPeer& unknown : m_network->unknownPeers()) {
            if (unknown.id != element.id)
                continue;
            PeerHistoryChart::Peer peer;
            peer.request.publicKey = unknown.telemetry.publicKey;
            peer.request.reportingHost = unknown.telemetry.reportingHost;
            peer.request.device = unknown.telemetry.device;
            peer.receivedLabel = QStringLiteral("received by %1").arg(unknown.telemetry.reportingHost);
            peer.sentLabel = QStringLiteral("sent by %1").arg(unknown.telemetry.reportingHost);
            return peer;
        }
    }
    if (!tunnel)
        return std::nullopt;

    const QString client = hostName(tunnel->clientHostId);
    const QString hub = hostName(tunnel->hubHostId);
    PeerHistoryChart::Peer peer;
    peer.request.clientHostId = tunnel->clientHostId;
    if (tunnel->telemetry) {
        peer.request.publicKey = tunnel->telemetry->publicKey;
        peer.request.reportingHost = tunnel->telemetry->reportingHost;
        peer.request.device = tunnel->telemetry->device;
    } else {
        peer.request.publicKey = tunnel->clientPublicKey;
        peer.request.reportingHost = hub;
    }
    // The series are in the reporting end's view: what it received and what it sent.
    const bool hubView = !tunnel->telemetry || tunnel->reportedByHub;
    peer.receivedLabel = hubView ? arrow(client, hub) : arrow(hub, client);
    peer.sentLabel = hubView ? arrow(hub, client) : arrow(client, hub);
    return peer;
}
