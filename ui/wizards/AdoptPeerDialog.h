// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "adopt/UnknownPeerAdoption.h"
#include "telemetry/UnknownPeer.h"
#include "topology/Topology.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

/**
 * "Adopt into topology…" of an unknown peer's card: what telemetry says about the key, and the two choices, its
 * name and its host (a new one, or one already in the topology). The model checks the choice as it is typed, so
 * the dialog says why Adopt is off before it is pressed.
 */
class AdoptPeerDialog final : public QDialog
{
    Q_OBJECT

public:
    AdoptPeerDialog(const Topology& topology, const UnknownPeer& peer, QWidget* parent = nullptr);

    PeerAdoptionRequest request() const;
    QLineEdit* nameEdit() const { return m_name; }
    QComboBox* hostCombo() const { return m_host; }
    QPushButton* adoptButton() const { return m_adopt; }
    QString problem() const;

private:
    void check();

    Topology m_topology;
    UnknownPeer m_peer;
    QLineEdit* m_name;
    QComboBox* m_host;
    QLabel* m_problem;
    QPushButton* m_adopt;
};
