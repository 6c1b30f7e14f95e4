// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/LogsCommand.h"

#include "cli/CliContext.h"
#include "core/Clock.h"
#include "core/PrintableText.h"
#include "loki/LogFilter.h"
#include "loki/LokiClient.h"
#include "topology/TopologyFile.h"
#include "topology/UrlUserInfo.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QRegularExpression>

#include <algorithm>

namespace {

constexpr int DefaultLimit = 100;
constexpr int DefaultTimeoutSeconds = 15;
constexpr qint64 NanosecondsPerMs = 1000000;
// Far beyond any Loki retention, and small enough that the range in seconds fits LogFilter's int.
constexpr qint64 MaxSinceDays = 3650;
constexpr qint64 SecondsPerDay = 86400;
const char* const PasswordVariable = "TUNNELSCOPE_LOKI_PASSWORD";

QString usage()
{
    return QStringLiteral(
        "usage: tunnelscope-cli logs --host NAME [--job JOB] [--grep TEXT] [--since 1h] [--limit N] [--raw]\n"
        "                            [--loki-url URL] [--tenant T] [--user U] [--topology FILE] [--timeout S]\n"
        "Prints the newest N lines (oldest first) of a host as: time (UTC), job, line.\n"
        "Control characters in the lines (escape sequences, carriage returns) are printed as \\x1b, \\r, ...\n"
        "so that a log line cannot drive the terminal; --raw prints the lines exactly as Loki has them.\n"
        "The Loki URL, tenant and user default to the first data source of --topology, or of the embedded\n"
        "reference deployment. With --user, the password comes from TUNNELSCOPE_LOKI_PASSWORD.\n");
}

LokiLogResult waitForLogs(LokiClient& client, const LokiLogQuery& query)
{
    // A command line tool may wait: the client's transfer timeout bounds every page.
    LokiLogResult result;
    QEventLoop loop;
    QObject::connect(&client, &LokiClient::logsFinished, &loop, [&result, &loop](const LokiLogResult& finished) {
        result = finished;
        loop.quit();
    });
    client.queryLogs(query);
    loop.exec();
    return result;
}

void printEntries(const QList<LokiEntry>& entries, bool raw, QTextStream& out)
{
    // The lines hold what others wrote (user names in auth logs, request paths): text, never terminal commands.
    const auto shown = [raw](const QString& text) {
        return raw ? text : PrintableText::escaped(text, PrintableText::Tabs::Keep);
    };
    qsizetype jobWidth = 3;
    for (const LokiEntry& entry : entries)
        jobWidth = std::max(jobWidth, shown(entry.label(QStringLiteral("job"))).size());
    // Oldest first, like a log file; Loki gave the newest N.
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
        out << it->time().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ")) << "  "
            << shown(it->label(QStringLiteral("job"))).leftJustified(jobWidth) << "  " << shown(it->line) << '\n';
    }
    out.flush();
}

} // namespace

std::optional<qint64> LogsCommand::parseDuration(const QString& text, QString* error)
{
    // At most 12 digits: 999999999999d in seconds still fits 64 bits, so the bound below is checked without overflow.
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,12})([smhd])$"));
    const auto match = pattern.match(text);
    const qint64 amount = match.hasMatch() ? match.captured(1).toLongLong() : 0;
    if (amount <= 0) {
        *error = QStringLiteral("--since takes a duration like 15m, 1h or 7d");
        return std::nullopt;
    }
    const QChar unit = match.captured(2).at(0);
    const qint64 factor = unit == QLatin1Char('d') ? SecondsPerDay
        : unit == QLatin1Char('h')                 ? 3600
        : unit == QLatin1Char('m')                 ? 60
                                                   : 1;
    const qint64 seconds = amount * factor;
    if (seconds > MaxSinceDays * SecondsPerDay) {
        *error = QStringLiteral("--since %1 reaches back more than %2 days; give at most %2d")
                     .arg(text, QString::number(MaxSinceDays));
        return std::nullopt;
    }
    return seconds;
}

void LogsCommand::addOptions(QCommandLineParser& parser)
{
    parser.addOption({ QStringLiteral("host"), QStringLiteral("the host label of the lines"), QStringLiteral("NAME") });
    parser.addOption({ QStringLiteral("job"),
        QStringLiteral("only this job (wireguard, fail2ban, apache, mail, bind9)"),
        QStringLiteral("JOB") });
    parser.addOption({ QStringLiteral("grep"),
        QStringLiteral("only lines containing TEXT (case-sensitive)"),
        QStringLiteral("TEXT") });
    parser.addOption({ QStringLiteral("since"),
        QStringLiteral("how far back: 15m, 1h, 7d (default 1h)"),
        QStringLiteral("DURATION"),
        QStringLiteral("1h") });
    parser.addOption({ QStringLiteral("limit"),
        QStringLiteral("at most N lines (default 100)"),
        QStringLiteral("N"),
        QString::number(DefaultLimit) });
    parser.addOption({ QStringLiteral("raw"),
        QStringLiteral("print control characters of the lines as they are (by default they are escaped)") });
    parser.addOption({ QStringLiteral("loki-url"), QStringLiteral("Loki's base URL"), QStringLiteral("URL") });
    parser.addOption({ QStringLiteral("tenant"), QStringLiteral("X-Scope-OrgID tenant"), QStringLiteral("T") });
    parser.addOption(
        { QStringLiteral("user"), QStringLiteral("basic auth user of a proxy in front of Loki"), QStringLiteral("U") });
    parser.addOption(
        { QStringLiteral("topology"), QStringLiteral("topology file naming the data source"), QStringLiteral("FILE") });
    parser.addOption({ QStringLiteral("timeout"),
        QStringLiteral("seconds to wait for each answer (default 15)"),
        QStringLiteral("S"),
        QString::number(DefaultTimeoutSeconds) });
    parser.addOption({ { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("show this help") });
}

std::optional<DataSource> LogsCommand::defaultSource(
    const QCommandLineParser& parser, CliContext& context, bool* failed)
{
    *failed = false;
    Topology topology;
    if (parser.isSet(QStringLiteral("topology"))) {
        const QString path = parser.value(QStringLiteral("topology"));
        const TopologyParseResult loaded = TopologyFile::load(path);
        if (!loaded.ok()) {
            for (const auto& error : loaded.errors)
                context.err() << path << ": " << error.toString() << Qt::endl;
            *failed = true;
            return std::nullopt;
        }
        topology = loaded.topology;
    } else {
        topology = TopologyFile::referenceDeployment();
    }
    const auto withLoki = std::find_if(topology.dataSources.cbegin(),
        topology.dataSources.cend(),
        [](const DataSource& source) { return source.lokiUrl.isValid() && !source.lokiUrl.isEmpty(); });
    if (withLoki == topology.dataSources.cend())
        return std::nullopt;
    return *withLoki;
}

int LogsCommand::run(const QStringList& arguments, CliContext& context)
{
    QCommandLineParser parser;
    addOptions(parser);
    if (!parser.parse(arguments))
        return context.fail(parser.errorText() + QStringLiteral("\n") + usage(), 2);
    if (parser.isSet(QStringLiteral("help"))) {
        context.out() << usage();
        return 0;
    }
    const QString host = parser.value(QStringLiteral("host"));
    if (host.isEmpty())
        return context.fail(QStringLiteral("logs needs --host NAME\n") + usage(), 2);
    QString sinceError;
    const std::optional<qint64> since = parseDuration(parser.value(QStringLiteral("since")), &sinceError);
    if (!since)
        return context.fail(sinceError, 2);
    bool limitOk = false;
    const int limit = parser.value(QStringLiteral("limit")).toInt(&limitOk);
    if (!limitOk || limit <= 0)
        return context.fail(QStringLiteral("--limit takes a positive number"), 2);
    const int timeoutSeconds = parser.value(QStringLiteral("timeout")).toInt();
    if (timeoutSeconds <= 0)
        return context.fail(QStringLiteral("--timeout takes a positive number of seconds"), 2);

    bool topologyFailed = false;
    const std::optional<DataSource> source = defaultSource(parser, context, &topologyFailed);
    if (topologyFailed)
        return 1;
    // The data source's CA file holds for its Loki as for its InfluxDB.
    LokiConnection connection = source ? LokiConnection::fromDataSource(*source) : LokiConnection();
    if (parser.isSet(QStringLiteral("loki-url")))
        connection.baseUrl = QUrl::fromUserInput(parser.value(QStringLiteral("loki-url")));
    if (UrlUserInfo::holdsPassword(connection.baseUrl))
        return context.fail(QStringLiteral("--loki-url: %1").arg(UrlUserInfo::passwordRefusal(PasswordVariable)), 2);
    if (!connection.baseUrl.isValid() || connection.baseUrl.isEmpty())
        return context.fail(QStringLiteral("no Loki URL: give --loki-url or a topology whose data source has one"), 2);
    connection.tenant = parser.isSet(QStringLiteral("tenant")) ? parser.value(QStringLiteral("tenant"))
                                                               : (source ? source->lokiTenant : QString());
    connection.timeoutMs = timeoutSeconds * 1000;

    QNetworkAccessManager network;
    LokiClient client(&network, connection);
    const QString user = parser.isSet(QStringLiteral("user")) ? parser.value(QStringLiteral("user"))
                                                              : (source ? source->lokiUser : QString());
    if (!user.isEmpty())
        client.setCredentials(LokiCredentials { user, qgetenv(PasswordVariable) });

    const LogFilter filter { host, parser.value(QStringLiteral("job")), parser.value(QStringLiteral("grep")),
        static_cast<int>(*since) }; // bounded by parseDuration
    const qint64 nowNs = context.clock()->now().toMSecsSinceEpoch() * NanosecondsPerMs;
    LokiLogQuery query;
    query.logql = filter.logql();
    query.startNs = nowNs - *since * 1000 * NanosecondsPerMs;
    query.endNs = nowNs + 1;
    query.limit = limit;
    const LokiLogResult result = waitForLogs(client, query);
    if (!result.error.ok())
        return context.fail(QStringLiteral("%1 (query %2)").arg(result.error.message, query.logql));
    printEntries(result.entries, parser.isSet(QStringLiteral("raw")), context.out());
    if (result.entries.isEmpty())
        context.err() << "no lines for " << query.logql << " in the last " << parser.value(QStringLiteral("since"))
                      << Qt::endl;
    if (result.pageLimitReached)
        context.err() << "stopped after " << result.pages << " requests; narrow --since or --job for the rest"
                      << Qt::endl;
    return 0;
}
