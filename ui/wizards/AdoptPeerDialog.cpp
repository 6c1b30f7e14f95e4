// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/AdoptPeerDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace {

QLabel* selectable(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

QList<const Host*> hostsByName(const Topology& topology)
{
    QList<const Host*> hosts;
    for (const Host& host : topology.hosts)
        hosts.append(&host);
    std::sort(hosts.begin(), hosts.end(), [](const Host* a, const Host* b) {
        return a->displayName().compare(b->displayName(), Qt::CaseInsensitive) < 0;
    });
    return hosts;
}

} // namespace

AdoptPeerDialog::AdoptPeerDialog(const Topology& topology, const UnknownPeer& peer, QWidget* parent)
    : QDialog(parent)
    , m_topology(topology)
    , m_peer(peer)
    , m_name(new QLineEdit(UnknownPeerAdoption::suggestedName(topology, peer), this))
    , m_host(new QComboBox(this))
    , m_problem(new QLabel(this))
{
    setWindowTitle(tr("Adopt Peer into the Topology"));
    m_host->addItem(tr("A new host, named after the peer"), QString());
    for (const Host* host : hostsByName(topology))
        m_host->addItem(host->displayName(), host->id);
    m_problem->setWordWrap(true);
    m_problem->setObjectName(QStringLiteral("adoptProblem"));

    auto* form = new QFormLayout;
    const PeerTelemetry& telemetry = peer.telemetry;
    form->addRow(tr("Public key:"), selectable(telemetry.publicKey, this));
    form->addRow(tr("Reported by:"), selectable(QStringLiteral("%1 (%2)").arg(telemetry.reportingHost, telemetry.device), this));
    if (!telemetry.allowedIps.isEmpty())
        form->addRow(tr("Allowed IPs:"), selectable(telemetry.allowedIps.join(QStringLiteral(", ")), this));
    if (!telemetry.endpoint.isEmpty())
        form->addRow(tr("Endpoint:"), selectable(telemetry.endpoint, this));
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Host:"), m_host);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_adopt = buttons->button(QDialogButtonBox::Ok);
    m_adopt->setText(tr("&Adopt"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(selectable(tr("Telemetry reports this key, but the topology does not know it. Adopting it adds its "
                                    "[Peer] entry (no private key: its client config cannot be exported) and a host."),
        this));
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addStretch(1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &AdoptPeerDialog::check);
    connect(m_host, &QComboBox::currentIndexChanged, this, &AdoptPeerDialog::check);
    resize(560, sizeHint().height());
    check();
}

PeerAdoptionRequest AdoptPeerDialog::request() const
{
    PeerAdoptionRequest request;
    request.name = m_name->text().trimmed();
    request.hostId = m_host->currentData().toString();
    return request;
}

QString AdoptPeerDialog::problem() const
{
    return m_problem->text();
}

void AdoptPeerDialog::check()
{
    const PeerAdoptionResult result = UnknownPeerAdoption::adopt(m_topology, m_peer, request());
    m_problem->setText(result.error);
    m_problem->setVisible(!result.ok());
    m_adopt->setEnabled(result.ok());
}
