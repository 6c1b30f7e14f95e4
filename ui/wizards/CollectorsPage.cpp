// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/CollectorsPage.h"

#include "wizards/PeerWizardState.h"
#include "wizards/WizardWidgets.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace {

QString journalTitle(const QString& job)
{
    if (job == QLatin1String("wireguard"))
        return QObject::tr("WireGuard (wg-quick@*)");
    if (job == QLatin1String("fail2ban"))
        return QObject::tr("fail2ban");
    if (job == QLatin1String("mail"))
        return QObject::tr("Mail (postfix, dovecot)");
    if (job == QLatin1String("bind9"))
        return QObject::tr("DNS (bind9/named)");
    return job;
}

} // namespace

CollectorsPage::CollectorsPage(PeerWizardState* state, QWidget* parent)
    : QWizardPage(parent)
    , m_state(state)
    , m_influxUrl(new QLineEdit(this))
    , m_database(new QLineEdit(this))
    , m_lokiUrl(new QLineEdit(this))
    , m_apache(new QCheckBox(tr("&Apache log files (/var/log/apache2/*.log)"), this))
    , m_problem(WizardWidgets::problemLabel(this))
{
    setTitle(tr("The collectors"));
    setSubTitle(tr("Telegraf sends metrics to InfluxDB and Alloy ships logs to Loki, both through the tunnel."));

    auto* telegraf = new QGroupBox(tr("Telegraf → InfluxDB"), this);
    auto* telegrafForm = new QFormLayout(telegraf);
    telegrafForm->addRow(tr("InfluxDB &URL:"), m_influxUrl);
    telegrafForm->addRow(tr("&Database:"), m_database);
    telegrafForm->addRow(tr("Inputs:"), new QLabel(QStringLiteral("system, cpu, mem, net, disk, wireguard"), telegraf));

    auto* alloy = new QGroupBox(tr("Alloy → Loki"), this);
    auto* alloyLayout = new QVBoxLayout(alloy);
    auto* alloyForm = new QFormLayout;
    alloyForm->addRow(tr("&Loki push URL:"), m_lokiUrl);
    alloyLayout->addLayout(alloyForm);
    alloyLayout->addWidget(new QLabel(tr("Journald units (label job=…):"), alloy));
    auto* grid = new QGridLayout;
    const auto sources = CollectorPlan::defaultJournalSources();
    for (qsizetype i = 0; i < sources.size(); ++i) {
        auto* box = new QCheckBox(journalTitle(sources.at(i).job), alloy);
        box->setProperty("job", sources.at(i).job);
        m_journalSources.append(box);
        grid->addWidget(box, static_cast<int>(i / 2), static_cast<int>(i % 2));
    }
    alloyLayout->addLayout(grid);
    alloyLayout->addWidget(m_apache);
    alloyLayout->addWidget(WizardWidgets::hintLabel(
        tr("Every line carries the labels host and job, which the log panel filters on."), alloy));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(telegraf);
    layout->addWidget(alloy);
    layout->addWidget(m_problem);
    layout->addStretch();
    for (QLineEdit* edit : {m_influxUrl, m_database, m_lokiUrl}) {
        connect(edit, &QLineEdit::textChanged, this, [this] {
            WizardWidgets::setProblem(m_problem, problem());
            Q_EMIT completeChanged();
        });
    }
}

void CollectorsPage::initializePage()
{
    const CollectorPlan& plan = m_state->plan;
    m_influxUrl->setText(plan.influxUrl.toString());
    m_database->setText(plan.influxDatabase);
    m_lokiUrl->setText(plan.lokiPushUrl.toString());
    for (QCheckBox* box : std::as_const(m_journalSources)) {
        const QString job = box->property("job").toString();
        box->setChecked(std::any_of(plan.journalSources.cbegin(), plan.journalSources.cend(),
            [&](const JournalLogSource& source) { return source.job == job; }));
    }
    m_apache->setChecked(!plan.apacheLogPaths.isEmpty());
}

QString CollectorsPage::problem() const
{
    CollectorPlan candidate = m_state->plan;
    candidate.influxUrl = QUrl(m_influxUrl->text().trimmed());
    candidate.lokiPushUrl = QUrl(m_lokiUrl->text().trimmed());
    candidate.influxDatabase = m_database->text().trimmed();
    for (const QString& problem : candidate.problems()) {
        if (problem.contains(QLatin1String("URL")) || problem.contains(QLatin1String("database")))
            return problem;
    }
    return {};
}

bool CollectorsPage::isComplete() const
{
    return problem().isEmpty();
}

bool CollectorsPage::validatePage()
{
    CollectorPlan& plan = m_state->plan;
    plan.influxUrl = QUrl(m_influxUrl->text().trimmed());
    plan.influxDatabase = m_database->text().trimmed();
    plan.lokiPushUrl = QUrl(m_lokiUrl->text().trimmed());
    plan.journalSources.clear();
    const auto sources = CollectorPlan::defaultJournalSources();
    for (qsizetype i = 0; i < sources.size(); ++i) {
        if (m_journalSources.at(i)->isChecked())
            plan.journalSources.append(sources.at(i));
    }
    plan.apacheLogPaths = m_apache->isChecked() ? CollectorPlan().apacheLogPaths : QStringList();
    return true;
}
