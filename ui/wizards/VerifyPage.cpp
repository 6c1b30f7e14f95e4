// SPDX-License-Identifier: GPL-3.0-or-later
#include "wizards/VerifyPage.h"

#include "core/Clock.h"
#include "telemetry/NetworkState.h"
#include "telemetry/PeerStateRules.h"
#include "wizards/PeerWizardState.h"
#include "wizards/WizardWidgets.h"

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace {

const QStringList spinner{QStringLiteral("◐"), QStringLiteral("◓"), QStringLiteral("◑"), QStringLiteral("◒")};

} // namespace

VerifyPage::VerifyPage(PeerWizardState* state, QWidget* parent)
    : QWizardPage(parent)
    , m_state(state)
{
    setTitle(tr("Verify"));
    setSubTitle(tr("Install the files as the README says. Each line is ticked off when the network shows it; you "
                   "may close the wizard at any time."));
    const QString server = state->plan.serverName;
    m_rows = {
        {Check::Handshake, tr("First handshake of the new key"),
            tr("No handshake yet. Check: is UDP %1 open outbound on the collector? Did `sh server-add-peer.sh` (the "
               "`wg set` command) run on %2? Does `wg show` on the collector list %2 with a recent handshake?")
                .arg(state->plan.serverListenPort())
                .arg(server),
            nullptr, nullptr, {}},
        {Check::Metrics, tr("First metrics in InfluxDB"),
            tr("No metrics yet. Check: is telegraf running (`systemctl status telegraf`), with CAP_NET_ADMIN for the "
               "wireguard input? Does `curl http://%1:8086/health` answer from the collector?")
                .arg(state->plan.serverTunnelAddress),
            nullptr, nullptr, {}},
        {Check::Logs, tr("First logs in Loki"),
            tr("No logs yet. Check: is alloy running, and is its user in the groups systemd-journal and adm? Does "
               "`curl http://%1:3100/ready` answer from the collector?")
                .arg(state->plan.serverTunnelAddress),
            nullptr, nullptr, {}},
    };
    auto* grid = new QGridLayout;
    int line = 0;
    for (Row& row : m_rows) {
        if (state->mode() == PeerWizardState::Mode::Rotation && row.check != Check::Handshake)
            continue;
        row.status = new QLabel(this);
        row.status->setTextFormat(Qt::PlainText);
        row.hintLabel = WizardWidgets::hintLabel(row.hint, this);
        row.hintLabel->setTextFormat(Qt::PlainText);
        row.hintLabel->hide();
        auto* title = new QLabel(row.title, this);
        QFont bold = title->font();
        bold.setBold(true);
        title->setFont(bold);
        grid->addWidget(row.status, line, 0, Qt::AlignTop);
        grid->addWidget(title, line, 1);
        grid->addWidget(row.hintLabel, line + 1, 1);
        line += 2;
    }
    grid->setColumnStretch(1, 1);
    grid->setColumnMinimumWidth(0, 170);
    grid->setHorizontalSpacing(16);
    grid->setVerticalSpacing(6);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addStretch();
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &VerifyPage::refresh);
    if (state->services().network)
        connect(state->services().network, &NetworkState::stateChanged, this, &VerifyPage::refresh);
}

void VerifyPage::initializePage()
{
    if (!m_started.isValid())
        m_started = m_state->services().clock->now();
    m_ticker.start();
    refresh();
}

void VerifyPage::cleanupPage()
{
    m_ticker.stop();
}

const VerifyPage::Row& VerifyPage::row(Check check) const
{
    for (const Row& row : m_rows) {
        if (row.check == check)
            return row;
    }
    Q_UNREACHABLE();
}

bool VerifyPage::hasArrived(Check check) const
{
    const NetworkState* network = m_state->services().network;
    if (!network)
        return false;
    const QString hostId = m_state->hostId();
    switch (check) {
    case Check::Handshake: {
        const QString key = m_state->publicKey();
        for (const TunnelState* tunnel : network->tunnelsOfHost(hostId)) {
            if (tunnel->telemetry && tunnel->telemetry->publicKey == key && tunnel->telemetry->lastHandshake.isValid())
                return true;
        }
        return false;
    }
    case Check::Metrics:
        return network->hostState(hostId).telemetry.has_value();
    case Check::Logs:
        return network->hostState(hostId).logEvents.has_value();
    }
    return false;
}

bool VerifyPage::arrived(Check check) const
{
    return row(check).arrivedAt.isValid();
}

QString VerifyPage::statusText(Check check) const
{
    return row(check).status ? row(check).status->text() : QString();
}

bool VerifyPage::hintShown(Check check) const
{
    return row(check).hintLabel && !row(check).hintLabel->isHidden();
}

void VerifyPage::refresh()
{
    if (!m_started.isValid())
        return;
    const QDateTime now = m_state->services().clock->now();
    const qint64 waited = std::max<qint64>(0, m_started.secsTo(now));
    m_spin = (m_spin + 1) % static_cast<int>(spinner.size());
    for (Row& row : m_rows) {
        if (!row.status)
            continue;
        if (!row.arrivedAt.isValid() && hasArrived(row.check))
            row.arrivedAt = now;
        if (row.arrivedAt.isValid()) {
            row.status->setText(tr("✔ arrived after %1").arg(PeerStateRules::formatAge(m_started.secsTo(row.arrivedAt))));
            row.hintLabel->hide();
        } else {
            row.status->setText(tr("%1 waiting %2").arg(spinner.at(m_spin), PeerStateRules::formatAge(waited)));
            row.hintLabel->setVisible(waited >= HintAfterSeconds);
        }
    }
}
