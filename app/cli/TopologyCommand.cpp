// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/TopologyCommand.h"

#include "adopt/ServerConfigFile.h"
#include "adopt/ServerTopologyBuilder.h"
#include "cli/CliContext.h"
#include "cli/PeerCommand.h"
#include "topology/TopologyFile.h"
#include "wireguard/SecureBytes.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace {

QString usage()
{
    return QStringLiteral(
        "usage: tunnelscope-cli topology init FILE [--force]   write the reference deployment to FILE\n"
        "       tunnelscope-cli topology validate FILE        check FILE and list what is wrong\n"
        "       tunnelscope-cli topology from-wg WGCONF FILE [--name N] [--hub-name H] [--address CIDR]\n"
        "                                [--influx-url URL] [--loki-url URL] [--force]\n"
        "           a topology of your network from the server's wg0.conf or `wg show wg0 dump` (- for stdin)\n"
        "       tunnelscope-cli topology import-wg FILE WGCONF [--dry-run] [--replace-hub-key] [--prune]\n"
        "           merge the server's peers into FILE (matched by key, name, then address); prints what changes\n");
}

} // namespace

int TopologyCommand::run(const QStringList& arguments, CliContext& context)
{
    const QString action = arguments.value(1);
    if (action == QLatin1String("init"))
        return init(arguments.mid(1), context);
    if (action == QLatin1String("validate"))
        return validate(arguments.mid(1), context);
    if (action == QLatin1String("import-wg"))
        return importWireGuardConfig(arguments.mid(1), context);
    if (action == QLatin1String("from-wg"))
        return fromWireGuardConfig(arguments.mid(1), context);
    if (action == QLatin1String("--help") || action == QLatin1String("-h")) {
        context.out() << usage();
        return 0;
    }
    context.err() << usage();
    return action.isEmpty() ? 2 : context.fail(QStringLiteral("unknown topology action \"%1\"").arg(action), 2);
}

int TopologyCommand::init(const QStringList& arguments, CliContext& context)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("where to write the topology"));
    parser.addOption({QStringLiteral("force"), QStringLiteral("overwrite FILE if it exists")});
    if (!parser.parse(arguments))
        return context.fail(parser.errorText(), 2);
    if (parser.positionalArguments().size() != 1)
        return context.fail(QStringLiteral("topology init takes exactly one FILE"), 2);
    const QString path = parser.positionalArguments().constFirst();
    if (QFileInfo::exists(path) && !parser.isSet(QStringLiteral("force")))
        return context.fail(QStringLiteral("%1 exists; use --force to overwrite it").arg(path));
    const QString error = TopologyFile::save(path, TopologyFile::referenceDeployment());
    if (!error.isEmpty())
        return context.fail(error);
    context.out() << "wrote the reference deployment to " << path << Qt::endl;
    return 0;
}

int TopologyCommand::validate(const QStringList& arguments, CliContext& context)
{
    if (arguments.size() != 2)
        return context.fail(QStringLiteral("topology validate takes exactly one FILE"), 2);
    const TopologyParseResult result = TopologyFile::load(arguments.at(1));
    if (!result.ok()) {
        for (const auto& error : result.errors)
            context.err() << arguments.at(1) << ": " << error.toString() << Qt::endl;
        return 1;
    }
    const Topology& topology = result.topology;
    context.out() << arguments.at(1) << ": valid; " << topology.hosts.size() << " hosts, " << topology.peers.size()
                  << " peers, " << topology.flows.size() << " flows" << Qt::endl;
    return 0;
}

int TopologyCommand::importWireGuardConfig(const QStringList& arguments, CliContext& context)
{
    // The same import as `peer import`, under the name the topology commands use.
    QStringList positionals;
    QStringList flags;
    for (const QString& argument : arguments.mid(1))
        (argument.startsWith(QLatin1String("--")) ? flags : positionals).append(argument);
    if (positionals.size() != 2)
        return context.fail(QStringLiteral("topology import-wg takes a topology FILE and the server's config WGCONF"), 2);
    PeerCommand peer;
    return peer.run(QStringList{QStringLiteral("peer"), QStringLiteral("import"), QStringLiteral("--topology"),
                        positionals.at(0), positionals.at(1)}
            + flags,
        context);
}

int TopologyCommand::fromWireGuardConfig(const QStringList& arguments, CliContext& context)
{
    QCommandLineParser parser;
    const QCommandLineOption nameOption{QStringLiteral("name"), QStringLiteral("the topology's name"), QStringLiteral("N")};
    const QCommandLineOption hubOption{QStringLiteral("hub-name"), QStringLiteral("the server's host name"), QStringLiteral("H")};
    const QCommandLineOption addressOption{QStringLiteral("address"),
        QStringLiteral("the server's tunnel address (a dump has none)"), QStringLiteral("CIDR")};
    const QCommandLineOption influxOption{QStringLiteral("influx-url"), QStringLiteral("InfluxDB URL"), QStringLiteral("URL")};
    const QCommandLineOption lokiOption{QStringLiteral("loki-url"), QStringLiteral("Loki URL"), QStringLiteral("URL")};
    const QCommandLineOption forceOption{QStringLiteral("force"), QStringLiteral("overwrite FILE if it exists")};
    parser.addOptions({nameOption, hubOption, addressOption, influxOption, lokiOption, forceOption});
    if (!parser.parse(arguments))
        return context.fail(parser.errorText(), 2);
    if (parser.positionalArguments().size() != 2)
        return context.fail(QStringLiteral("topology from-wg takes the server's config WGCONF (- for standard input) "
                                           "and the topology FILE to write"), 2);
    const QString configPath = parser.positionalArguments().at(0);
    const QString path = parser.positionalArguments().at(1);
    if (QFileInfo::exists(path) && !parser.isSet(forceOption))
        return context.fail(QStringLiteral("%1 exists; use --force to overwrite it, or merge into it with: "
                                           "tunnelscope-cli topology import-wg %1 %2").arg(path, configPath));
    ServerTopologyOptions options;
    options.name = parser.value(nameOption);
    options.hubName = parser.value(hubOption);
    options.hubAddresses = parser.values(addressOption);
    if (parser.isSet(influxOption))
        options.influxUrl = QUrl::fromUserInput(parser.value(influxOption));
    if (parser.isSet(lokiOption))
        options.lokiUrl = QUrl::fromUserInput(parser.value(lokiOption));

    QString text;
    if (const QString error = ServerConfigFile::read(configPath, &text); !error.isEmpty())
        return context.fail(error);
    const ServerTopologyResult result = ServerTopologyBuilder::build(text, options);
    SecureBytes::wipe(text);
    const QString shownConfig = ServerConfigFile::displayName(configPath);
    for (const QString& warning : result.warnings)
        context.err() << shownConfig << ": warning: " << warning << Qt::endl;
    if (!result.ok()) {
        for (const auto& error : result.errors)
            context.err() << shownConfig << ": " << error.toString() << Qt::endl;
        return context.fail(QStringLiteral("nothing was written"));
    }
    if (const QString error = TopologyFile::save(path, result.topology); !error.isEmpty())
        return context.fail(error);
    printBuilt(context, result.topology, path);
    return 0;
}

void TopologyCommand::printBuilt(CliContext& context, const Topology& topology, const QString& path)
{
    const WireGuardInterface& hub = topology.interfaces.constFirst();
    context.out() << "wrote " << path << ": the server " << hub.hostId << " (" << hub.name << ", "
                  << (hub.publicKey.isEmpty() ? QStringLiteral("key unknown") : hub.publicKey) << ") and "
                  << topology.peers.size() << " peers\n";
    for (const auto& peer : topology.peers) {
        const Host* host = topology.host(peer.hostId);
        context.out() << "  " << peer.name << "  " << peer.allowedIps.join(QStringLiteral(", "))
                      << (host && !host->description.isEmpty() ? QStringLiteral("  (%1)").arg(host->description) : QString())
                      << "\n";
    }
    for (const auto& source : topology.dataSources)
        context.out() << "data source " << source.id << ": InfluxDB " << source.influxUrl.toString() << ", Loki "
                      << source.lokiUrl.toString() << "\n";
    context.out() << "next: tunnelscope --topology " << path << "   or   tunnelscope-cli status --topology " << path
                  << Qt::endl;
}
