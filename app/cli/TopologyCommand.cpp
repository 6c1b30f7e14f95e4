// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/TopologyCommand.h"

#include "cli/CliContext.h"
#include "cli/PeerCommand.h"
#include "topology/TopologyFile.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace {

QString usage()
{
    return QStringLiteral(
        "usage: tunnelscope-cli topology init FILE [--force]   write the reference deployment to FILE\n"
        "       tunnelscope-cli topology validate FILE        check FILE and list what is wrong\n"
        "       tunnelscope-cli topology import-wg FILE WGCONF add the peers of a wg-quick config to FILE\n");
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
    if (arguments.size() != 3)
        return context.fail(QStringLiteral("topology import-wg takes a topology FILE and a wg-quick config WGCONF"), 2);
    PeerCommand peer;
    return peer.run({QStringLiteral("peer"), QStringLiteral("import"), QStringLiteral("--topology"), arguments.at(1),
                        arguments.at(2)},
        context);
}
