// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/DataSourceForm.h"

#include "diagram/DiagramPalette.h"
#include "http/PlainHttpExposure.h"
#include "secrets/SecretWipe.h"
#include "settings/DataSourceEntry.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {

using Field = DataSourceCheck::Field;

const QString StoredPlaceholder = QStringLiteral("stored in keychain");

QUrl urlFrom(const QLineEdit* edit)
{
    const QString text = edit->text().trimmed();
    return text.isEmpty() ? QUrl() : QUrl(text, QUrl::StrictMode);
}

} // namespace

DataSourceForm::DataSourceForm(QWidget* parent)
    : QWidget(parent)
    , m_name(addLine("name"))
    , m_influxUrl(addLine("influxUrl"))
    , m_database(addLine("influxDatabase"))
    , m_auth(new QComboBox(this))
    , m_influxUser(addLine("influxUser"))
    , m_influxSecret(addSecretLine("influxSecret"))
    , m_forgetInflux(new QPushButton(tr("Forget"), this))
    , m_lokiUrl(addLine("lokiUrl"))
    , m_tenant(addLine("lokiTenant"))
    , m_lokiUser(addLine("lokiUser"))
    , m_lokiSecret(addSecretLine("lokiSecret"))
    , m_forgetLoki(new QPushButton(tr("Forget"), this))
    , m_caFile(addLine("caFile"))
    , m_poll(new QSpinBox(this))
{
    m_auth->setObjectName(QStringLiteral("influxAuth"));
    m_auth->addItem(tr("None"), int(DataSource::InfluxAuth::None));
    m_auth->addItem(tr("User and password"), int(DataSource::InfluxAuth::UserPassword));
    m_auth->addItem(tr("Token"), int(DataSource::InfluxAuth::Token));
    m_forgetInflux->setObjectName(QStringLiteral("forgetInflux"));
    m_forgetInflux->setToolTip(tr("Remove the stored secret from the keychain when you save"));
    m_forgetLoki->setObjectName(QStringLiteral("forgetLoki"));
    m_forgetLoki->setToolTip(m_forgetInflux->toolTip());
    m_poll->setObjectName(QStringLiteral("pollInterval"));
    m_poll->setRange(DataSource::MinPollIntervalSeconds, DataSource::MaxPollIntervalSeconds);
    m_poll->setSuffix(tr(" s"));
    m_poll->setMaximumWidth(m_poll->fontMetrics().horizontalAdvance(QStringLiteral("3600 s")) * 3);
    m_name->setPlaceholderText(tr("e.g. monitor11 over the tunnel"));
    m_influxUrl->setPlaceholderText(tr("e.g. http://10.10.0.11:8086"));
    m_database->setPlaceholderText(tr("e.g. telegraf"));
    m_lokiUrl->setPlaceholderText(tr("e.g. http://10.10.0.11:3100"));
    m_tenant->setPlaceholderText(tr("none (X-Scope-OrgID)"));
    m_lokiUser->setPlaceholderText(tr("none (basic auth through a proxy)"));
    m_caFile->setPlaceholderText(tr("system certificates"));
    buildUi();
    connectFields();
    edit(nullptr);
}

QLineEdit* DataSourceForm::addLine(const char* objectName)
{
    auto* edit = new QLineEdit(this);
    edit->setObjectName(QString::fromLatin1(objectName));
    return edit;
}

QLineEdit* DataSourceForm::addSecretLine(const char* objectName)
{
    QLineEdit* edit = addLine(objectName);
    edit->setEchoMode(QLineEdit::Password);
    return edit;
}

QLabel* DataSourceForm::addMessage(Field field)
{
    auto* label = new QLabel(this);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->hide();
    m_messages.insert(field, label);
    return label;
}

QLabel* DataSourceForm::addWarning(const char* objectName)
{
    auto* label = new QLabel(this);
    label->setObjectName(QString::fromLatin1(objectName));
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->hide();
    return label;
}

QWidget* DataSourceForm::withMessage(QWidget* field, Field which, QLabel* warning)
{
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(addMessage(which));
    if (warning)
        layout->addWidget(warning);
    return box;
}

QWidget* DataSourceForm::secretRow(QLineEdit* edit, QPushButton* forget)
{
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(forget);
    return row;
}

void DataSourceForm::buildUi()
{
    auto* general = new QFormLayout;
    general->addRow(tr("&Name:"), withMessage(m_name, Field::Name));

    auto* influxBox = new QGroupBox(tr("InfluxDB (metrics)"), this);
    auto* influx = new QFormLayout(influxBox);
    m_influxExposure = addWarning("influxUrlWarning");
    influx->addRow(tr("&URL:"), withMessage(m_influxUrl, Field::InfluxUrl, m_influxExposure));
    influx->addRow(tr("&Database:"), withMessage(m_database, Field::InfluxDatabase));
    influx->addRow(tr("&Login:"), m_auth);
    influx->addRow(tr("U&ser:"), withMessage(m_influxUser, Field::InfluxUser));
    m_influxSecretLabel = new QLabel(tr("&Password:"), this);
    m_influxSecretLabel->setBuddy(m_influxSecret);
    influx->addRow(m_influxSecretLabel, secretRow(m_influxSecret, m_forgetInflux));

    auto* lokiBox = new QGroupBox(tr("Loki (logs)"), this);
    auto* loki = new QFormLayout(lokiBox);
    m_lokiExposure = addWarning("lokiUrlWarning");
    loki->addRow(tr("U&RL:"), withMessage(m_lokiUrl, Field::LokiUrl, m_lokiExposure));
    loki->addRow(tr("&Tenant:"), m_tenant);
    loki->addRow(tr("Us&er:"), m_lokiUser);
    loki->addRow(tr("Pass&word:"), secretRow(m_lokiSecret, m_forgetLoki));

    auto* connectionBox = new QGroupBox(tr("Connection"), this);
    auto* connection = new QFormLayout(connectionBox);
    auto* browse = new QPushButton(tr("&Browse…"), this);
    browse->setObjectName(QStringLiteral("browseCaFile"));
    connect(browse, &QPushButton::clicked, this, &DataSourceForm::browseCaFile);
    auto* caRow = new QWidget(this);
    auto* caLayout = new QHBoxLayout(caRow);
    caLayout->setContentsMargins(0, 0, 0, 0);
    caLayout->addWidget(m_caFile, 1);
    caLayout->addWidget(browse);
    connection->addRow(tr("&CA file:"), withMessage(caRow, Field::CaFile));
    connection->addRow(tr("Poll e&very:"), withMessage(m_poll, Field::PollInterval));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(general);
    layout->addWidget(influxBox);
    layout->addWidget(lokiBox);
    layout->addWidget(connectionBox);
    layout->addStretch(1);
}

void DataSourceForm::connectFields()
{
    connect(this, &DataSourceForm::changed, this, &DataSourceForm::updateExposureWarnings);
    auto onEdit = [this](auto apply) {
        return [this, apply](const auto&... value) {
            if (m_filling || !m_entry)
                return;
            apply(*m_entry, value...);
            Q_EMIT changed();
        };
    };
    connect(m_name, &QLineEdit::textChanged, this, onEdit([](DataSourceEntry& e, const QString& text) { e.source.name = text; }));
    connect(m_influxUrl, &QLineEdit::textChanged, this, onEdit([this](DataSourceEntry& e, const QString&) { 
        e.source.influxUrl = urlFrom(m_influxUrl);
        e.typedUrls.influx = m_influxUrl->text();
    }));
    connect(m_database, &QLineEdit::textChanged, this, onEdit([](DataSourceEntry& e, const QString& text) { e.source.influxDatabase = text.trimmed(); }));
    connect(m_auth, &QComboBox::currentIndexChanged, this, onEdit([this](DataSourceEntry& e, int) {
        e.source.influxAuth = DataSource::InfluxAuth(m_auth->currentData().toInt());
        // What was typed belonged to the other kind of login.
        releaseSecret(e.newInfluxSecret);
        m_influxSecret->clear();
        updateSecretFields();
    }));
    connect(m_influxUser, &QLineEdit::textChanged, this, onEdit([](DataSourceEntry& e, const QString& text) { e.source.influxUser = text.trimmed(); }));
    connect(m_influxSecret, &QLineEdit::textEdited, this, onEdit([](DataSourceEntry& e, const QString& text) {
        releaseSecret(e.newInfluxSecret);
        e.newInfluxSecret = text.toUtf8();
    }));
    connect(m_lokiUrl, &QLineEdit::textChanged, this, onEdit([this](DataSourceEntry& e, const QString&) { 
        e.source.lokiUrl = urlFrom(m_lokiUrl);
        e.typedUrls.loki = m_lokiUrl->text();
    }));
    connect(m_tenant, &QLineEdit::textChanged, this, onEdit([](DataSourceEntry& e, const QString& text) { e.source.lokiTenant = text.trimmed(); }));
    connect(m_lokiUser, &QLineEdit::textChanged, this, onEdit([this](DataSourceEntry& e, const QString& text) {
        e.source.lokiUser = text.trimmed();
        updateSecretFields();
    }));
    connect(m_lokiSecret, &QLineEdit::textEdited, this, onEdit([](DataSourceEntry& e, const QString& text) {
        releaseSecret(e.newLokiSecret);
        e.newLokiSecret = text.toUtf8();
    }));
    connect(m_caFile, &QLineEdit::textChanged, this, onEdit([](DataSourceEntry& e, const QString& text) { e.source.caFile = text.trimmed(); }));
    connect(m_poll, &QSpinBox::valueChanged, this, onEdit([](DataSourceEntry& e, int seconds) { e.source.pollIntervalSeconds = seconds; }));
    connect(m_forgetInflux, &QPushButton::clicked, this, onEdit([this](DataSourceEntry& e, bool) {
        e.forget(e.influxKey());
        m_influxSecret->clear();
        updateSecretFields();
    }));
    connect(m_forgetLoki, &QPushButton::clicked, this, onEdit([this](DataSourceEntry& e, bool) {
        e.forget(SecretKey::lokiPassword(e.source.id));
        m_lokiSecret->clear();
        updateSecretFields();
    }));
}

void DataSourceForm::edit(DataSourceEntry* entry)
{
    m_entry = entry;
    fill();
}

void DataSourceForm::fill()
{
    m_filling = true;
    const DataSource source = m_entry ? m_entry->source : DataSource{};
    m_name->setText(m_entry ? source.name : QString());
    m_influxUrl->setText(m_entry && !m_entry->typedUrls.influx.isEmpty() ? m_entry->typedUrls.influx : source.influxUrl.toString());
    m_database->setText(m_entry ? source.influxDatabase : QString());
    m_auth->setCurrentIndex(m_auth->findData(int(source.influxAuth)));
    m_influxUser->setText(source.influxUser);
    m_lokiUrl->setText(m_entry && !m_entry->typedUrls.loki.isEmpty() ? m_entry->typedUrls.loki : source.lokiUrl.toString());
    m_tenant->setText(source.lokiTenant);
    m_lokiUser->setText(source.lokiUser);
    m_caFile->setText(source.caFile);
    m_poll->setValue(source.pollIntervalSeconds);
    // Only what the user typed in this dialog comes back; a stored secret never leaves the keychain for display.
    m_influxSecret->setText(m_entry ? QString::fromUtf8(m_entry->newInfluxSecret) : QString());
    m_lokiSecret->setText(m_entry ? QString::fromUtf8(m_entry->newLokiSecret) : QString());
    setEnabled(m_entry != nullptr);
    updateSecretFields();
    showProblems({});
    updateExposureWarnings();
    m_filling = false;
}

void DataSourceForm::updateSecretFields()
{
    const DataSource::InfluxAuth auth = m_entry ? m_entry->source.influxAuth : DataSource::InfluxAuth::None;
    const bool token = auth == DataSource::InfluxAuth::Token;
    m_influxUser->setEnabled(auth == DataSource::InfluxAuth::UserPassword);
    m_influxSecret->setEnabled(auth != DataSource::InfluxAuth::None);
    m_influxSecretLabel->setText(token ? tr("T&oken:") : tr("&Password:"));
    const bool influxStored = m_entry && m_entry->hasStored(m_entry->influxKey());
    m_influxSecret->setPlaceholderText(auth == DataSource::InfluxAuth::None ? QString()
            : influxStored                                             ? StoredPlaceholder
                                                                       : tr("not stored"));
    m_forgetInflux->setEnabled(influxStored);

    const bool lokiLogin = m_entry && !m_entry->source.lokiUser.isEmpty();
    const bool lokiStored = m_entry && m_entry->hasStored(SecretKey::lokiPassword(m_entry->source.id));
    m_lokiSecret->setEnabled(lokiLogin || lokiStored);
    m_lokiSecret->setPlaceholderText(lokiStored ? StoredPlaceholder : lokiLogin ? tr("not stored") : QString());
    m_forgetLoki->setEnabled(lokiStored);
}

void DataSourceForm::showProblems(const QList<DataSourceCheck::Problem>& problems)
{
    const QColor error = DiagramPalette(palette()).state(PeerStatus::State::Offline);
    for (auto it = m_messages.cbegin(); it != m_messages.cend(); ++it) {
        const QString message = DataSourceCheck::messageFor(problems, it.key());
        QLabel* label = it.value();
        QPalette labelPalette = label->palette();
        labelPalette.setColor(QPalette::WindowText, error);
        label->setPalette(labelPalette);
        label->setText(message);
        label->setVisible(!message.isEmpty());
    }
}

QString DataSourceForm::messageFor(Field field) const
{
    const QLabel* label = m_messages.value(field);
    return label ? label->text() : QString();
}

void DataSourceForm::browseCaFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("CA Certificate"), m_caFile->text(),
        tr("Certificates (*.pem *.crt *.cer);;All files (*)"));
    if (!path.isEmpty())
        m_caFile->setText(path);
}

void DataSourceForm::setTunnelCidrs(const QStringList& cidrs)
{
    m_tunnelCidrs = cidrs;
    updateExposureWarnings();
}

QString DataSourceForm::exposureWarning(Field urlField) const
{
    const QLabel* label = urlField == Field::InfluxUrl ? m_influxExposure : urlField == Field::LokiUrl ? m_lokiExposure : nullptr;
    return label && !label->isHidden() ? label->text() : QString();
}

void DataSourceForm::updateExposureWarnings()
{
    const DataSource source = m_entry ? m_entry->source : DataSource{};
    const QColor warning = DiagramPalette(palette()).state(PeerStatus::State::Stale);
    const auto show = [&warning](QLabel* label, const QString& text) {
        QPalette labelPalette = label->palette();
        labelPalette.setColor(QPalette::WindowText, warning);
        label->setPalette(labelPalette);
        label->setText(text.isEmpty() ? QString() : tr("Warning: %1").arg(text));
        label->setVisible(!text.isEmpty());
    };
    show(m_influxExposure, m_entry ? PlainHttpExposure::warning(source.influxUrl, source.influxAuth != DataSource::InfluxAuth::None, m_tunnelCidrs) : QString());
    show(m_lokiExposure, m_entry ? PlainHttpExposure::warning(source.lokiUrl, !source.lokiUser.isEmpty(), m_tunnelCidrs) : QString());
}
