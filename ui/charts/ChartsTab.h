// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "charts/PeerHistoryChart.h"
#include "diagram/DiagramElement.h"

#include <QWidget>

class NetworkState;

/**
 * The detail panel's Charts tab: the history of the selected tunnel, of the selected client host's tunnel, or of
 * an unknown peer. It asks for history only while it is shown, so switching selections with another tab open
 * costs no queries.
 */
class ChartsTab final : public QWidget
{
    Q_OBJECT

public:
    static inline const QString NoPeerMessage = QStringLiteral("Select a peer or tunnel to see its history");

    explicit ChartsTab(NetworkState* network, QWidget* parent = nullptr);

    /// Not owned; null shows a note that there is nothing to ask.
    void setProvider(PeerHistoryProvider* provider);
    PeerHistoryChart* chart() const { return m_chart; }
    DiagramElement element() const { return m_element; }
    /// The peer the element stands for, if it has one with history.
    std::optional<PeerHistoryChart::Peer> peerFor(const DiagramElement& element) const;

public Q_SLOTS:
    void showElement(const DiagramElement& element);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void applyElement();
    QString hostName(const QString& hostId) const;

    NetworkState* m_network;
    PeerHistoryChart* m_chart;
    DiagramElement m_element;
    bool m_stale = true;
};
