// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/DataSourceOptions.h"

#include "cli/CliContext.h"
#include "secrets/BlockingSecretReader.h"
#include "secrets/KeychainSecretStore.h"
#include "topology/TopologyFile.h"
#include "topology/UrlUserInfo.h"

namespace {

const QString TopologyOption = QStringLiteral("topology");
const QString SourceOption = QStringLiteral("source");
const QString InfluxUrlOption = QStringLiteral("influx-url");
const QString InfluxDbOption = QStringLiteral("influx-db");
const QString InfluxUserOption = QStringLiteral("influx-user");
const QString LokiUrlOption = QStringLiteral("loki-url");
const QString TimeoutOption = QStringLiteral("timeout");

/// The process environment itself cannot be wiped; the copy returned here is owned by credentials that do.
QByteArray environmentSecret(const char* name)
{
    return qEnvironmentVariable(name).toUtf8();
}

/// One secret from the system keychain, bounded in time; nullopt with the reason when it cannot be had.
std::optional<QByteArray> readKeychainSecret(const SecretKey& key, QString* problem)
{
    KeychainSecretStore store;
    store.setJobTimeout(std::chrono::milliseconds(KeychainTimeoutMs));
    BlockingSecretReader reader(store, std::chrono::milliseconds(KeychainTimeoutMs));
    SecretResult result = reader.read(key);
    if (result.isOk())
        return std::exchange(result.secret, {});
    if (problem)
        *problem = result.status == SecretResult::Status::NotFound
            ? QStringLiteral("the keychain holds no %1").arg(key.name())
            : result.message;
    return std::nullopt;
}

/// A password given inside --influx-url or --loki-url would sit in the shell's history and the process list, and
/// be printed with the URL: refused, pointing at the variables and the keychain instead.
QString refusePasswordInUrl(const QCommandLineParser& parser)
{
    const struct {
        const QString& option;
        const char* variable;
    } urls[] = {{InfluxUrlOption, "TUNNELSCOPE_INFLUX_PASSWORD"}, {LokiUrlOption, "TUNNELSCOPE_LOKI_PASSWORD"}};
    for (const auto& url : urls) {
        if (parser.isSet(url.option) && UrlUserInfo::holdsPassword(QUrl::fromUserInput(parser.value(url.option))))
            return QStringLiteral("--%1: %2").arg(url.option, UrlUserInfo::passwordRefusal(url.variable));
    }
    return {};
}

} // namespace

std::optional<InfluxCredentials> lookupKeychainInfluxCredentials(const DataSource& source, QString* problem)
{
    const SecretKey key = source.influxAuth == DataSource::InfluxAuth::Token ? SecretKey::influxToken(source.id)
                                                                              : SecretKey::influxPassword(source.id);
    if (source.influxAuth == DataSource::InfluxAuth::None || !key.isValid()) {
        if (problem)
            *problem = key.isValid() ? QStringLiteral("the data source needs no secret") : key.problem();
        return std::nullopt;
    }
    auto secret = readKeychainSecret(key, problem);
    if (!secret)
        return std::nullopt;
    return InfluxCredentials(source.influxUser.toUtf8(), std::move(*secret));
}

void DataSourceOptions::addTo(QCommandLineParser& parser)
{
    parser.addOption({TopologyOption, QStringLiteral("the topology file (default: the reference deployment)"),
                      QStringLiteral("FILE")});
    parser.addOption({SourceOption, QStringLiteral("the id of the topology's data source to use (default: the first)"),
                      QStringLiteral("ID")});
    parser.addOption({InfluxUrlOption, QStringLiteral("InfluxDB URL, overriding the data source's"), QStringLiteral("URL")});
    parser.addOption({InfluxDbOption, QStringLiteral("InfluxDB database, overriding the data source's"),
                      QStringLiteral("DB")});
    parser.addOption({InfluxUserOption,
                      QStringLiteral("InfluxDB user; the password comes from TUNNELSCOPE_INFLUX_PASSWORD"),
                      QStringLiteral("USER")});
    parser.addOption({LokiUrlOption, QStringLiteral("Loki URL, overriding the data source's"), QStringLiteral("URL")});
    parser.addOption({TimeoutOption, QStringLiteral("seconds to wait for each server (default 10)"),
                      QStringLiteral("SECONDS")});
}

QString DataSourceOptions::read(const QCommandLineParser& parser)
{
    if (parser.isSet(TopologyOption)) {
        const TopologyParseResult loaded = TopologyFile::load(parser.value(TopologyOption));
        if (!loaded.ok())
            return QStringLiteral("%1: %2").arg(parser.value(TopologyOption), loaded.errors.constFirst().toString());
        m_topology = loaded.topology;
    } else {
        m_topology = TopologyFile::referenceDeployment();
    }
    if (parser.isSet(SourceOption)) {
        const DataSource* chosen = m_topology.dataSource(parser.value(SourceOption));
        if (!chosen)
            return QStringLiteral("the topology has no data source \"%1\"").arg(parser.value(SourceOption));
        m_dataSource = *chosen;
    } else if (!m_topology.dataSources.isEmpty()) {
        m_dataSource = m_topology.dataSources.constFirst();
    }
    if (const QString refused = refusePasswordInUrl(parser); !refused.isEmpty())
        return refused;
    if (parser.isSet(InfluxUrlOption)) {
        m_dataSource.influxUrl = QUrl::fromUserInput(parser.value(InfluxUrlOption));
        // Another InfluxDB than the topology's: its Loki is not assumed to belong to it (only --loki-url adds one).
        m_dataSource.lokiUrl.clear();
        m_usesTopologyServers = parser.isSet(TopologyOption);
        if (m_dataSource.name.isEmpty())
            m_dataSource.name = UrlUserInfo::displayed(m_dataSource.influxUrl);
    }
    if (parser.isSet(InfluxDbOption))
        m_dataSource.influxDatabase = parser.value(InfluxDbOption);
    if (parser.isSet(LokiUrlOption))
        m_dataSource.lokiUrl = QUrl::fromUserInput(parser.value(LokiUrlOption));
    m_influxUser = parser.value(InfluxUserOption);
    if (parser.isSet(TimeoutOption)) {
        bool ok = false;
        m_timeoutSeconds = parser.value(TimeoutOption).toInt(&ok);
        if (!ok || m_timeoutSeconds <= 0)
            return QStringLiteral("--timeout takes a positive number of seconds");
    }
    if (!m_dataSource.influxUrl.isValid() || m_dataSource.influxUrl.host().isEmpty())
        return QStringLiteral("no InfluxDB to ask: give --influx-url or a topology with a data source");
    return {};
}

std::optional<int> DataSourceOptions::parseCommandLine(QCommandLineParser& parser, const QStringList& arguments,
                                                      const QString& description, CliContext& context)
{
    m_context = &context;
    parser.setApplicationDescription(description);
    addTo(parser);
    parser.addOption({QStringLiteral("json"), QStringLiteral("print a JSON document instead of text")});
    parser.addHelpOption();
    if (!parser.parse(arguments))
        return context.fail(parser.errorText(), 2);
    if (parser.isSet(QStringLiteral("help"))) {
        context.out() << parser.helpText();
        return 0;
    }
    if (const QString error = read(parser); !error.isEmpty())
        return context.fail(error, 2);
    return std::nullopt;
}

InfluxCredentials DataSourceOptions::credentials()
{
    const QString user = m_influxUser.isEmpty() ? m_dataSource.influxUser : m_influxUser;
    if (qEnvironmentVariableIsSet("TUNNELSCOPE_INFLUX_PASSWORD")) {
        m_dataSource.influxAuth = DataSource::InfluxAuth::UserPassword;
        return InfluxCredentials(user.toUtf8(), environmentSecret("TUNNELSCOPE_INFLUX_PASSWORD"));
    }
    if (qEnvironmentVariableIsSet("TUNNELSCOPE_INFLUX_TOKEN")) {
        m_dataSource.influxAuth = DataSource::InfluxAuth::Token;
        return InfluxCredentials(user.toUtf8(), environmentSecret("TUNNELSCOPE_INFLUX_TOKEN"));
    }
    if (m_dataSource.influxAuth != DataSource::InfluxAuth::None) {
        QString problem;
        if (auto stored = lookupKeychainInfluxCredentials(m_dataSource, &problem)) {
            if (!m_influxUser.isEmpty())
                stored->user = m_influxUser.toUtf8();
            return *stored;
        }
        const bool token = m_dataSource.influxAuth == DataSource::InfluxAuth::Token;
        noteMissingSecret(token ? QStringLiteral("InfluxDB token") : QStringLiteral("InfluxDB password"), problem,
                          token ? "TUNNELSCOPE_INFLUX_TOKEN" : "TUNNELSCOPE_INFLUX_PASSWORD");
    }
    return InfluxCredentials(user.toUtf8(), {});
}

LokiCredentials DataSourceOptions::lokiCredentials()
{
    if (m_dataSource.lokiUser.isEmpty() || m_dataSource.lokiUrl.isEmpty())
        return {};
    if (qEnvironmentVariableIsSet("TUNNELSCOPE_LOKI_PASSWORD"))
        return LokiCredentials{m_dataSource.lokiUser, environmentSecret("TUNNELSCOPE_LOKI_PASSWORD")};
    QString problem;
    if (auto secret = readKeychainSecret(SecretKey::lokiPassword(m_dataSource.id), &problem))
        return LokiCredentials{m_dataSource.lokiUser, std::move(*secret)};
    noteMissingSecret(QStringLiteral("Loki password"), problem, "TUNNELSCOPE_LOKI_PASSWORD");
    return {};
}

void DataSourceOptions::noteMissingSecret(const QString& what, const QString& problem, const char* variable) const
{
    if (m_context) {
        m_context->err() << "tunnelscope-cli: note: no " << what << " from the keychain (" << problem << "); set "
                         << variable << " to give it\n";
        m_context->err().flush();
    }
}
