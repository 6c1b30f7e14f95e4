// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/TunnelPage.h"

#include "collector/CollectorOnboarding.h"
#include "wireguard/AllowedIpsOverlap.h"
#include "wireguard/IpNetwork.h"
#include "wireguard/WireGuardEndpoint.h"
#include "wireguard/WireGuardKey.h"
#include "wizards/PeerWizardState.h"
#include "wizards/WizardWidgets.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

TunnelPage::TunnelPage(PeerWizardState* state, QWidget* parent)
    : QWizardPage(parent)
    , m_state(state)
    , m_address(new QLineEdit(this))
    , m_addressProblem(WizardWidgets::problemLabel(this))
    , m_endpoint(new QLineEdit(this))
    , m_endpointProblem(WizardWidgets::problemLabel(this))
    , m_serverKey(new QLineEdit(this))
    , m_serverKeyProblem(WizardWidgets::problemLabel(this))
    , m_psk(new QCheckBox(tr("Use a &preshared key (an extra symmetric key against future quantum attacks)"), this))
    , m_keepalive(new QSpinBox(this))
    , m_allowedIps(new QLineEdit(this))
    , m_allowedIpsProblem(WizardWidgets::problemLabel(this))
{
    setTitle(tr("The tunnel"));
    setSubTitle(tr("The host's WireGuard address and how it reaches %1.").arg(state->plan.serverName));
    m_address->setObjectName(QStringLiteral("tunnelAddress"));
    m_serverKey->setObjectName(QStringLiteral("serverPublicKey"));
    m_serverKey->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_serverKey->setPlaceholderText(tr("44 characters of base64, as `wg show wg0 public-key` prints it"));
    m_endpoint->setPlaceholderText(QStringLiteral("monitor11.example.com:51820"));
    m_keepalive->setRange(0, 65535);
    m_keepalive->setSuffix(tr(" s"));
    m_keepalive->setSpecialValueText(tr("off"));

    auto* form = new QFormLayout;
    form->addRow(tr("Tunnel &address:"), m_address);
    form->addRow(QString(), m_addressProblem);
    form->addRow(tr("Server &endpoint:"), m_endpoint);
    form->addRow(QString(), m_endpointProblem);
    form->addRow(tr("Server public &key:"), m_serverKey);
    form->addRow(QString(), m_serverKeyProblem);
    form->addRow(QString(), m_psk);
    form->addRow(tr("Persistent &keepalive:"), m_keepalive);
    form->addRow(tr("Allowed &IPs (client):"), m_allowedIps);
    form->addRow(QString(), m_allowedIpsProblem);
    form->addRow(QString(), WizardWidgets::hintLabel(tr("What the client routes into the tunnel: the tunnel subnet "
                                                         "reaches the monitoring server and nothing else."),
                                this));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch();

    for (QLineEdit* edit : {m_address, m_endpoint, m_serverKey, m_allowedIps})
        connect(edit, &QLineEdit::textChanged, this, &TunnelPage::refresh);
}

void TunnelPage::initializePage()
{
    const CollectorPlan& plan = m_state->plan;
    m_address->setText(plan.tunnelAddress);
    m_endpoint->setText(plan.serverEndpoint);
    m_serverKey->setText(plan.serverPublicKey);
    m_psk->setChecked(plan.presharedKey);
    m_keepalive->setValue(plan.persistentKeepalive);
    m_allowedIps->setText(plan.clientAllowedIps.join(QStringLiteral(", ")));
    refresh();
}

QString TunnelPage::addressProblemText() const
{
    const QString address = m_address->text().trimmed();
    if (address.isEmpty())
        return tr("Give the host a tunnel address.");
    const Topology& topology = m_state->topology();
    if (const QString refusal = CollectorOnboarding::addressRefusal(topology, address); !refusal.isEmpty())
        return refusal;
    const WireGuardInterface* hub = CollectorOnboarding::hubInterface(topology);
    const auto route = IpNetwork::parse(address);
    if (hub && route) {
        const auto conflict = AllowedIpsOverlap::check({m_state->plan.hostName, {route->host(route->address()).toString()}},
            AllowedIpsOverlap::peersOfInterface(topology, hub->id));
        if (conflict)
            return conflict->message();
    }
    return {};
}

QString TunnelPage::endpointProblemText() const
{
    QString error;
    return WireGuardEndpoint::parse(m_endpoint->text().trimmed(), &error) ? QString() : error;
}

QString TunnelPage::serverKeyProblemText() const
{
    const QString error = WireGuardKey::decodeError(m_serverKey->text().trimmed());
    return error.isEmpty() ? QString() : tr("The server public key %1").arg(error);
}

QStringList TunnelPage::allowedIps() const
{
    QStringList ranges;
    for (const QString& part : m_allowedIps->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        ranges.append(part.trimmed());
    return ranges;
}

QString TunnelPage::allowedIpsProblemText() const
{
    const QStringList ranges = allowedIps();
    if (ranges.isEmpty())
        return tr("The client needs at least one range, e.g. %1.").arg(m_state->plan.tunnelSubnet);
    QString error;
    for (const QString& range : ranges) {
        if (!IpNetwork::parse(range, &error))
            return error;
    }
    return {};
}

void TunnelPage::refresh()
{
    WizardWidgets::setProblem(m_addressProblem, addressProblemText());
    WizardWidgets::setProblem(m_endpointProblem, endpointProblemText());
    WizardWidgets::setProblem(m_serverKeyProblem, serverKeyProblemText());
    WizardWidgets::setProblem(m_allowedIpsProblem, allowedIpsProblemText());
    Q_EMIT completeChanged();
}

bool TunnelPage::isComplete() const
{
    return addressProblemText().isEmpty() && endpointProblemText().isEmpty() && serverKeyProblemText().isEmpty()
        && allowedIpsProblemText().isEmpty();
}

bool TunnelPage::validatePage()
{
    CollectorPlan& plan = m_state->plan;
    plan.tunnelAddress = m_address->text().trimmed();
    plan.serverEndpoint = m_endpoint->text().trimmed();
    plan.serverPublicKey = m_serverKey->text().trimmed();
    plan.presharedKey = m_psk->isChecked();
    plan.persistentKeepalive = m_keepalive->value();
    plan.clientAllowedIps = allowedIps();
    return true;
}
