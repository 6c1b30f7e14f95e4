// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CheckCommand.h"

#include "cli/CliContext.h"
#include "cli/DataSourceOptions.h"
#include "influx/InfluxReachabilityCheck.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTimer>

namespace {

constexpr int ExtraWaitMs = 5000;

QJsonObject checkObject(const CheckResult& result)
{
    QJsonObject object;
    object.insert(QStringLiteral("name"), result.name);
    object.insert(QStringLiteral("target"), result.target);
    object.insert(QStringLiteral("probe"), result.probe);
    object.insert(QStringLiteral("ok"), result.ok);
    object.insert(QStringLiteral("latencyMs"), result.latencyMs >= 0 ? QJsonValue(double(result.latencyMs)) : QJsonValue());
    object.insert(QStringLiteral("detail"), result.detail);
    object.insert(QStringLiteral("version"), result.version);
    return object;
}

} // namespace

std::vector<std::unique_ptr<NetworkCheck>> CheckCommand::makeChecks(DataSourceOptions& options,
                                                                    QNetworkAccessManager* network, const Clock* clock)
{
    std::vector<std::unique_ptr<NetworkCheck>> checks;
    InfluxCredentials credentials = options.credentials();
    InfluxConnection connection = InfluxConnection::fromDataSource(options.dataSource(), credentials);
    credentials.wipe();
    connection.timeoutMs = options.timeoutMs();
    checks.push_back(std::make_unique<InfluxReachabilityCheck>(connection, network, clock));
    return checks;
}

int CheckCommand::run(const QStringList& arguments, CliContext& context)
{
    QCommandLineParser parser;
    DataSourceOptions options;
    if (const auto done = options.parseCommandLine(parser, arguments, summary(), context))
        return *done;

    QNetworkAccessManager network;
    const auto checks = makeChecks(options, &network, context.clock());
    QList<CheckResult> results;
    QEventLoop loop;
    for (const auto& check : checks) {
        QObject::connect(check.get(), &NetworkCheck::finished, &loop, [&results, &loop, &checks](const CheckResult& result) {
            results.append(result);
            if (results.size() == qsizetype(checks.size()))
                loop.quit();
        });
        check->run();
    }
    QTimer::singleShot(options.timeoutMs() * 2 + ExtraWaitMs, &loop, &QEventLoop::quit);
    if (results.size() < qsizetype(checks.size()))
        loop.exec();

    bool allOk = results.size() == qsizetype(checks.size());
    QJsonArray array;
    for (const auto& result : std::as_const(results)) {
        allOk = allOk && result.ok;
        array.append(checkObject(result));
        if (!parser.isSet(QStringLiteral("json"))) {
            context.out() << (result.ok ? "ok    " : "FAIL  ") << result.name << " " << result.target << result.probe;
            if (result.latencyMs >= 0)
                context.out() << "  " << result.latencyMs << " ms";
            context.out() << "  " << result.detail << "\n";
        }
    }
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject document;
        document.insert(QStringLiteral("format"), QStringLiteral("tunnelscope-check"));
        document.insert(QStringLiteral("version"), 1);
        document.insert(QStringLiteral("checks"), array);
        context.out() << QJsonDocument(document).toJson(QJsonDocument::Indented);
    }
    context.out().flush();
    return allOk ? 0 : 1;
}
