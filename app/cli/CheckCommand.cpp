// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CheckCommand.h"

#include "cli/CliContext.h"
#include "cli/DataSourceOptions.h"
#include "http/PlainHttpExposure.h"
#include "live/LiveSourceBuilder.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTimer>

#include <optional>

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

/// What the checks cannot show: credentials that would cross a network in the clear.
QStringList exposureWarnings(const Topology& topology, const DataSource& source)
{
    const QStringList tunnel = PlainHttpExposure::tunnelCidrs(topology);
    QStringList warnings;
    const QString influx = PlainHttpExposure::warning(source.influxUrl, source.influxAuth != DataSource::InfluxAuth::None, tunnel);
    if (!influx.isEmpty())
        warnings.append(QStringLiteral("InfluxDB: ") + influx);
    const QString loki = PlainHttpExposure::warning(source.lokiUrl, !source.lokiUser.isEmpty(), tunnel);
    if (!loki.isEmpty())
        warnings.append(QStringLiteral("Loki: ") + loki);
    return warnings;
}

} // namespace

int CheckCommand::run(const QStringList& arguments, CliContext& context)
{
    QCommandLineParser parser;
    DataSourceOptions options;
    if (const auto done = options.parseCommandLine(parser, arguments, summary(), context))
        return *done;

    QNetworkAccessManager network;
    LiveSourceBuilder builder(&network, context.clock());
    builder.setTimeoutMs(options.timeoutMs());
    InfluxCredentials credentials = options.credentials();
    const Topology noServers;
    const auto checks = builder.checks(options.usesTopologyServers() ? options.topology() : noServers, options.dataSource(),
                                       credentials, options.lokiCredentials());
    credentials.wipe();
    // In the order the checks were made, whatever order they answer in; a check that never answers fails.
    QList<std::optional<CheckResult>> answers(qsizetype(checks.size()));
    qsizetype answered = 0;
    QEventLoop loop;
    for (std::size_t index = 0; index < checks.size(); ++index) {
        QObject::connect(checks[index].get(), &NetworkCheck::finished, &loop,
                         [&answers, &answered, &loop, index](const CheckResult& result) {
                             if (answers[qsizetype(index)])
                                 return;
                             answers[qsizetype(index)] = result;
                             if (++answered == answers.size())
                                 loop.quit();
                         });
        checks[index]->run();
    }
    QTimer::singleShot(options.timeoutMs() * 2 + ExtraWaitMs, &loop, &QEventLoop::quit);
    if (answered < answers.size())
        loop.exec();

    QList<CheckResult> results;
    for (std::size_t index = 0; index < checks.size(); ++index) {
        if (answers[qsizetype(index)]) {
            results.append(*answers[qsizetype(index)]);
            continue;
        }
        CheckResult silent;
        silent.name = checks[index]->name();
        silent.target = checks[index]->target();
        silent.detail = QStringLiteral("no answer in time");
        results.append(silent);
    }

    const QStringList warnings = exposureWarnings(options.topology(), options.dataSource());
    if (!parser.isSet(QStringLiteral("json"))) {
        for (const QString& warning : warnings)
            context.out() << "warning: " << warning << "\n";
    }
    bool allOk = true;
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
        document.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(warnings));
        context.out() << QJsonDocument(document).toJson(QJsonDocument::Indented);
    }
    context.out().flush();
    return allOk ? 0 : 1;
}
