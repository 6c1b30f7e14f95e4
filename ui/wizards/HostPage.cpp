// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/HostPage.h"

#include "collector/CollectorOnboarding.h"
#include "wizards/PeerWizardState.h"
#include "wizards/WizardWidgets.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QVBoxLayout>

HostPage::HostPage(PeerWizardState* state, QWidget* parent)
    : QWizardPage(parent)
    , m_state(state)
    , m_name(new QLineEdit(this))
    , m_fqdn(new QLineEdit(this))
    , m_role(new QComboBox(this))
    , m_segment(new QComboBox(this))
    , m_problem(WizardWidgets::problemLabel(this))
{
    setTitle(tr("The new host"));
    setSubTitle(tr("The collector that will send its metrics and logs through the tunnel."));
    m_name->setPlaceholderText(tr("e.g. web2"));
    m_name->setObjectName(QStringLiteral("hostName"));
    m_fqdn->setPlaceholderText(tr("e.g. web2.example.com"));
    m_fqdn->setObjectName(QStringLiteral("hostFqdn"));
    for (const auto role : {Host::Role::Collector, Host::Role::PublicServer, Host::Role::Storage, Host::Role::Hypervisor,
             Host::Role::Workstation, Host::Role::Other})
        m_role->addItem(Host::roleTitle(role), static_cast<int>(role));
    for (const auto& segment : state->topology().segments)
        m_segment->addItem(segment.name, segment.id);

    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), WizardWidgets::hintLabel(
                                tr("A short name: letters, digits and '-'. It becomes the host label of its metrics "
                                   "and logs."),
                                this));
    form->addRow(tr("&FQDN:"), m_fqdn);
    form->addRow(tr("&Role:"), m_role);
    form->addRow(tr("&Segment:"), m_segment);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addStretch();
    setTabOrder(m_name, m_fqdn);
    setTabOrder(m_fqdn, m_role);
    setTabOrder(m_role, m_segment);

    connect(m_name, &QLineEdit::textChanged, this, &HostPage::showProblem);
    connect(m_fqdn, &QLineEdit::textChanged, this, &HostPage::showProblem);
}

void HostPage::initializePage()
{
    const CollectorPlan& plan = m_state->plan;
    m_name->setText(plan.hostName);
    m_fqdn->setText(plan.fqdn);
    m_role->setCurrentIndex(std::max(0, m_role->findData(static_cast<int>(plan.role))));
    m_segment->setCurrentIndex(std::max(0, m_segment->findData(plan.segmentId)));
    m_name->setFocus();
}

QString HostPage::problem() const
{
    static const QRegularExpression label(QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"));
    const QString name = m_name->text().trimmed();
    if (name.isEmpty())
        return {};
    if (!label.match(name).hasMatch())
        return tr("\"%1\" is not a host name: use letters, digits and '-' (not at either end).").arg(name);
    const Topology& topology = m_state->topology();
    if (CollectorOnboarding::findHost(topology, name) || topology.host(CollectorOnboarding::hostIdFor(name)))
        return tr("The network already has a host \"%1\".").arg(name);
    const QString fqdn = m_fqdn->text().trimmed();
    if (!fqdn.isEmpty() && CollectorOnboarding::findHost(topology, fqdn))
        return tr("The network already has a host with the FQDN %1.").arg(fqdn);
    return {};
}

void HostPage::showProblem()
{
    WizardWidgets::setProblem(m_problem, problem());
    Q_EMIT completeChanged();
}

bool HostPage::isComplete() const
{
    return !m_name->text().trimmed().isEmpty() && problem().isEmpty();
}

bool HostPage::validatePage()
{
    CollectorPlan& plan = m_state->plan;
    plan.hostName = m_name->text().trimmed();
    plan.fqdn = m_fqdn->text().trimmed();
    plan.role = static_cast<Host::Role>(m_role->currentData().toInt());
    plan.segmentId = m_segment->currentData().toString();
    return true;
}
