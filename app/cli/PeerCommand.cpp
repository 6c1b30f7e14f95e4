// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/PeerCommand.h"

#include "cli/CliContext.h"
#include "collector/CollectorBundle.h"
#include "collector/CollectorBundleWriter.h"
#include "collector/CollectorOnboarding.h"
#include "collector/PeerExport.h"
#include "collector/PeerRotation.h"
#include "core/Clock.h"
#include "topology/TopologyFile.h"
#include "wireguard/PrivateKeyProvider.h"
#include "adopt/ServerConfigFile.h"
#include "adopt/ServerImportPlan.h"
#include "adopt/UnknownPeerAdoption.h"
#include "cli/DataSourceOptions.h"
#include "cli/TelemetryPoll.h"
#include "telemetry/NetworkState.h"
#include "wireguard/WireGuardEndpoint.h"

#include <QCommandLineParser>
#include <QFile>

namespace {

QString usage()
{
    return QStringLiteral(
        "usage: tunnelscope-cli peer add --topology FILE --name NAME --out DIR [--address IP] [--endpoint HOST:PORT]\n"
        "                                [--server-public-key KEY] [--fqdn FQDN] [--segment ID] [--no-psk]\n"
        "                                [--keepalive SECONDS] [--force]\n"
        "       tunnelscope-cli peer export --topology FILE NAME --out DIR [--force]\n"
        "       tunnelscope-cli peer rotate --topology FILE NAME --out DIR [--force]\n"
        "       tunnelscope-cli peer import --topology FILE SERVER_WG0_CONF [--dry-run] [--replace-hub-key] [--prune]\n"
        "       tunnelscope-cli peer adopt --topology FILE [--key KEY --name NAME [--host HOST] [--allowed-ips CIDRS]]\n"
        "                                  [--source ID] [--influx-url URL] [--influx-db DB] [--influx-user U]\n"
        "add: new keys, the next free tunnel address, the config bundle in DIR, the host in the topology.\n"
        "export: the configs of an existing peer (its wg0.conf only when its private key is available).\n"
        "rotate: a new key pair and preshared key, with the steps that keep the tunnel up.\n"
        "import: merge the server's wg0.conf or `wg show wg0 dump` (- for stdin) into FILE: peers matched by key,\n"
        "        name, then address; prints what is added, changed, removed on the server, and any conflict.\n"
        "adopt: add a key that InfluxDB reports but FILE lacks; without --key, list those keys.\n"
        "DIR must not hold the bundle's files already, unless --force. Private keys never enter FILE.\n");
}

const QCommandLineOption topologyOption{QStringLiteral("topology"), QStringLiteral("the topology file"),
    QStringLiteral("FILE")};
const QCommandLineOption outOption{QStringLiteral("out"), QStringLiteral("the folder for the bundle"),
    QStringLiteral("DIR")};
const QCommandLineOption forceOption{QStringLiteral("force"), QStringLiteral("replace files of an earlier bundle")};

/// Parses the options common to every action; returns the error text, empty on success.
QString parseCommon(QCommandLineParser& parser, const QStringList& arguments, int positionals)
{
    parser.addOption(topologyOption);
    parser.addOption(outOption);
    parser.addOption(forceOption);
    if (!parser.parse(arguments))
        return parser.errorText();
    if (!parser.isSet(topologyOption))
        return QStringLiteral("--topology FILE is required");
    if (!parser.isSet(outOption))
        return QStringLiteral("--out DIR is required");
    if (parser.positionalArguments().size() != positionals)
        return positionals == 0 ? QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().value(0))
                                : QStringLiteral("give exactly one peer NAME");
    return {};
}

struct LoadedTopology
{
    Topology topology;
    QString error;
};

LoadedTopology loadTopology(const QString& path)
{
    const TopologyParseResult result = TopologyFile::load(path);
    if (!result.ok())
        return {{}, QStringLiteral("%1: %2").arg(path, TopologyError::describe(result.errors))};
    return {result.topology, {}};
}

/// Writes the bundle, then the topology; when the topology cannot be saved the bundle is taken back, so a
/// failure leaves neither behind.
int writeBundleAndTopology(CliContext& context, const CollectorBundle& bundle, const QString& directory, bool force,
    const QString& topologyPath, const Topology* topology)
{
    const BundleWriteResult written = CollectorBundleWriter::write(bundle, directory, force);
    if (!written.ok())
        return context.fail(written.error);
    if (topology) {
        const QString error = TopologyFile::save(topologyPath, *topology);
        if (!error.isEmpty()) {
            CollectorBundleWriter::undo(written, directory);
            return context.fail(error + QStringLiteral("; the bundle was removed again"));
        }
    }
    for (const auto& file : bundle.files())
        context.out() << "wrote " << directory << '/' << file.name << "  (" << file.purpose << ")\n";
    context.out() << "next: follow " << directory << "/README.md" << Qt::endl;
    return 0;
}

} // namespace

PeerCommand::PeerCommand(std::unique_ptr<PrivateKeyProvider> keys)
    : m_keys(keys ? std::move(keys) : std::make_unique<NoPrivateKeyProvider>())
{
}

PeerCommand::~PeerCommand() = default;

int PeerCommand::run(const QStringList& arguments, CliContext& context)
{
    const QString action = arguments.value(1);
    if (action == QLatin1String("add"))
        return add(arguments.mid(1), context);
    if (action == QLatin1String("export"))
        return exportPeer(arguments.mid(1), context);
    if (action == QLatin1String("rotate"))
        return rotate(arguments.mid(1), context);
    if (action == QLatin1String("import"))
        return importServerConfig(arguments.mid(1), context);
    if (action == QLatin1String("adopt"))
        return adopt(arguments.mid(1), context);
    if (action == QLatin1String("--help") || action == QLatin1String("-h")) {
        context.out() << usage();
        return 0;
    }
    context.err() << usage();
    return action.isEmpty() ? 2 : context.fail(QStringLiteral("unknown peer action \"%1\"").arg(action), 2);
}

int PeerCommand::add(const QStringList& arguments, CliContext& context)
{
    QCommandLineParser parser;
    const QCommandLineOption nameOption{QStringLiteral("name"), QStringLiteral("host name"), QStringLiteral("NAME")};
    const QCommandLineOption addressOption{QStringLiteral("address"), QStringLiteral("tunnel address"), QStringLiteral("IP")};
    const QCommandLineOption endpointOption{QStringLiteral("endpoint"), QStringLiteral("server endpoint"), QStringLiteral("HOST:PORT")};
    const QCommandLineOption serverKeyOption{QStringLiteral("server-public-key"), QStringLiteral("server public key"), QStringLiteral("KEY")};
    const QCommandLineOption fqdnOption{QStringLiteral("fqdn"), QStringLiteral("host FQDN"), QStringLiteral("FQDN")};
    const QCommandLineOption segmentOption{QStringLiteral("segment"), QStringLiteral("segment id"), QStringLiteral("ID")};
    const QCommandLineOption keepaliveOption{QStringLiteral("keepalive"), QStringLiteral("seconds"), QStringLiteral("SECONDS")};
    const QCommandLineOption noPskOption{QStringLiteral("no-psk"), QStringLiteral("no preshared key")};
    parser.addOptions({nameOption, addressOption, endpointOption, serverKeyOption, fqdnOption, segmentOption,
        keepaliveOption, noPskOption});
    if (const QString error = parseCommon(parser, arguments, 0); !error.isEmpty())
        return context.fail(error, 2);
    if (!parser.isSet(nameOption))
        return context.fail(QStringLiteral("--name NAME is required"), 2);

    const QString topologyPath = parser.value(topologyOption);
    LoadedTopology loaded = loadTopology(topologyPath);
    if (!loaded.error.isEmpty())
        return context.fail(loaded.error);
    OnboardingPlanResult planned = CollectorOnboarding::planForNewHost(loaded.topology, parser.value(nameOption));
    if (!planned.ok())
        return context.fail(planned.error);
    CollectorPlan plan = planned.plan;
    if (parser.isSet(addressOption)) {
        const QString refusal = CollectorOnboarding::addressRefusal(loaded.topology, parser.value(addressOption));
        if (!refusal.isEmpty())
            return context.fail(QStringLiteral("--address: ") + refusal);
        plan.tunnelAddress = parser.value(addressOption);
    }
    if (parser.isSet(endpointOption))
        plan.serverEndpoint = parser.value(endpointOption);
    if (parser.isSet(serverKeyOption))
        plan.serverPublicKey = parser.value(serverKeyOption);
    if (parser.isSet(fqdnOption))
        plan.fqdn = parser.value(fqdnOption);
    if (parser.isSet(segmentOption))
        plan.segmentId = parser.value(segmentOption);
    if (parser.isSet(keepaliveOption)) {
        bool ok = false;
        plan.persistentKeepalive = parser.value(keepaliveOption).toInt(&ok);
        if (!ok)
            return context.fail(QStringLiteral("--keepalive: \"%1\" is not a number of seconds").arg(parser.value(keepaliveOption)), 2);
    }
    plan.presharedKey = !parser.isSet(noPskOption);
    if (const QStringList problems = plan.problems(); !problems.isEmpty())
        return context.fail(problems.join(QStringLiteral("; ")));

    const WireGuardKey privateKey = WireGuardKey::generatePrivate();
    const WireGuardKey psk = plan.presharedKey ? WireGuardKey::generatePreshared() : WireGuardKey();
    const QString publicKey = privateKey.publicKey().toBase64();
    const TopologyChange change
        = CollectorOnboarding::addCollector(loaded.topology, plan, publicKey, context.clock()->now());
    if (!change.ok())
        return context.fail(change.error);
    const CollectorBundle bundle = CollectorBundle::forNewPeer(plan, privateKey, psk.isNull() ? nullptr : &psk);
    const int status = writeBundleAndTopology(
        context, bundle, parser.value(outOption), parser.isSet(forceOption), topologyPath, &change.topology);
    if (status == 0)
        context.out() << "added " << plan.hostName << " at " << plan.tunnelAddress << " to " << topologyPath
                      << "; its private key is only in the bundle" << Qt::endl;
    return status;
}

/// Parses the options of export and rotate; returns the error text, empty on success, and the topology.
QString PeerCommand::loadExisting(QCommandLineParser& parser, const QStringList& arguments, Topology& topology,
    int& status)
{
    status = 2;
    if (const QString error = parseCommon(parser, arguments, 1); !error.isEmpty())
        return error;
    status = 1;
    LoadedTopology loaded = loadTopology(parser.value(topologyOption));
    topology = loaded.topology;
    return loaded.error;
}

int PeerCommand::exportPeer(const QStringList& arguments, CliContext& context)
{
    QCommandLineParser parser;
    Topology topology;
    int status = 0;
    if (const QString error = loadExisting(parser, arguments, topology, status); !error.isEmpty())
        return context.fail(error, status);
    const PeerExportTarget target = PeerExport::target(topology, parser.positionalArguments().at(0));
    if (!target.ok())
        return context.fail(target.error);
    const PeerExportBundle exported = PeerExport::bundle(target, *m_keys);
    status = writeBundleAndTopology(
        context, exported.bundle, parser.value(outOption), parser.isSet(forceOption), {}, nullptr);
    if (status == 0 && !exported.missingReason.isEmpty())
        context.err() << "tunnelscope-cli: no wg0.conf for " << target.hostName << ": " << exported.missingReason
                      << ". Get the key from the keychain, or make a new one with: tunnelscope-cli peer rotate"
                      << Qt::endl;
    return status;
}

int PeerCommand::rotate(const QStringList& arguments, CliContext& context)
{
    QCommandLineParser parser;
    Topology topology;
    int status = 0;
    if (const QString error = loadExisting(parser, arguments, topology, status); !error.isEmpty())
        return context.fail(error, status);
    const PeerRotation rotation
        = PeerRotation::rotate(topology, parser.positionalArguments().at(0), context.clock()->now());
    if (!rotation.ok())
        return context.fail(rotation.error);
    status = writeBundleAndTopology(context, rotation.bundle, parser.value(outOption), parser.isSet(forceOption),
        parser.value(topologyOption), &rotation.change.topology);
    if (status == 0)
        context.out() << "rotated the key of " << rotation.hostName << "; new public key " << rotation.newPublicKey
                      << Qt::endl;
    return status;
}

int PeerCommand::importServerConfig(const QStringList& arguments, CliContext& context)
{
    QCommandLineParser parser;
    const QCommandLineOption dryRunOption{QStringLiteral("dry-run"), QStringLiteral("print what would change, write nothing")};
    const QCommandLineOption replaceHubOption{QStringLiteral("replace-hub-key"),
        QStringLiteral("take the config's server key even though the hub has another real one")};
    const QCommandLineOption pruneOption{QStringLiteral("prune"), QStringLiteral("drop peers the server no longer has")};
    parser.addOptions({topologyOption, dryRunOption, replaceHubOption, pruneOption});
    if (!parser.parse(arguments))
        return context.fail(parser.errorText(), 2);
    if (!parser.isSet(topologyOption) || parser.positionalArguments().size() != 1)
        return context.fail(QStringLiteral("peer import takes --topology FILE and one server config (- for stdin)"), 2);
    const QString topologyPath = parser.value(topologyOption);
    const QString configPath = parser.positionalArguments().constFirst();
    LoadedTopology loaded = loadTopology(topologyPath);
    if (!loaded.error.isEmpty())
        return context.fail(loaded.error);
    QString text;
    if (const QString error = ServerConfigFile::read(configPath, &text); !error.isEmpty())
        return context.fail(error);
    ServerImportOptions options;
    options.replaceHubKey = parser.isSet(replaceHubOption);
    options.pruneRemoved = parser.isSet(pruneOption);
    const ServerImportPlan plan = ServerImportPlan::make(loaded.topology, text, options);
    SecureBytes::wipe(text);
    return finishImport(context, plan, topologyPath, ServerConfigFile::displayName(configPath), parser.isSet(dryRunOption));
}

int PeerCommand::finishImport(CliContext& context, const ServerImportPlan& plan, const QString& topologyPath,
    const QString& configName, bool dryRun)
{
    for (const QString& warning : plan.warnings())
        context.err() << configName << ": warning: " << warning << Qt::endl;
    context.out() << plan.countsLine() << '\n';
    for (const auto& change : plan.changes())
        context.out() << "  " << change.text() << '\n';
    context.out().flush();
    if (!plan.canApply()) {
        for (const auto& conflict : plan.conflicts())
            context.err() << configName << ": conflict: " << conflict.toString() << Qt::endl;
        return context.fail(QStringLiteral("nothing was imported; %1 is unchanged").arg(topologyPath));
    }
    if (dryRun) {
        context.out() << "dry run: " << topologyPath << " is unchanged" << Qt::endl;
        return 0;
    }
    if (plan.isEmpty()) {
        context.out() << topologyPath << " already says what the server says" << Qt::endl;
        return 0;
    }
    if (const QString error = TopologyFile::save(topologyPath, plan.apply()); !error.isEmpty())
        return context.fail(error);
    context.out() << "imported into " << topologyPath;
    if (!plan.added().isEmpty())
        context.out() << "; imported peers have no private key here, so their client configs cannot be exported";
    context.out() << Qt::endl;
    return 0;
}

int PeerCommand::adopt(const QStringList& arguments, CliContext& context)
{
    QCommandLineParser parser;
    DataSourceOptions sources;
    sources.addTo(parser);
    const QCommandLineOption keyOption{QStringLiteral("key"), QStringLiteral("the public key to adopt"), QStringLiteral("KEY")};
    const QCommandLineOption nameOption{QStringLiteral("name"), QStringLiteral("the peer's name"), QStringLiteral("NAME")};
    const QCommandLineOption hostOption{QStringLiteral("host"), QStringLiteral("an existing host at the far end"),
        QStringLiteral("HOST")};
    const QCommandLineOption allowedOption{QStringLiteral("allowed-ips"),
        QStringLiteral("AllowedIPs, comma-separated (default: what the telemetry reports)"), QStringLiteral("CIDRS")};
    parser.addOptions({keyOption, nameOption, hostOption, allowedOption});
    if (!parser.parse(arguments))
        return context.fail(parser.errorText(), 2);
    if (!parser.isSet(topologyOption))
        return context.fail(QStringLiteral("--topology FILE is required: the topology to add the peer to"), 2);
    if (parser.isSet(keyOption) != parser.isSet(nameOption))
        return context.fail(QStringLiteral("give --key and --name together; without both, the unknown keys are listed"), 2);
    if (const QString error = sources.read(parser); !error.isEmpty())
        return context.fail(error);

    NetworkState state(context.clock());
    state.setTopology(sources.topology());
    const SourceStatus status = TelemetryPoll::once(state, sources, context);
    if (!status.telemetryUp())
        return context.fail(QStringLiteral("InfluxDB did not answer (%1): check --influx-url or the topology's data source")
                .arg(status.endpoints.isEmpty() ? QString() : status.endpoints.constFirst().message));
    const QString topologyPath = parser.value(topologyOption);
    if (!parser.isSet(keyOption))
        return listUnknownPeers(context, state, topologyPath);

    const QString key = parser.value(keyOption).trimmed();
    const auto unknown = std::find_if(state.unknownPeers().begin(), state.unknownPeers().end(),
        [&key](const UnknownPeer& peer) { return peer.telemetry.publicKey == key; });
    if (unknown == state.unknownPeers().end())
        return context.fail(QStringLiteral("InfluxDB reports no peer with the key %1 that %2 lacks; run without --key "
                                           "to list the ones it does").arg(key, topologyPath));
    PeerAdoptionRequest request;
    request.name = parser.value(nameOption);
    request.hostId = parser.value(hostOption);
    request.allowedIps = parser.value(allowedOption).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString& range : request.allowedIps)
        range = range.trimmed();
    const PeerAdoptionResult adopted = UnknownPeerAdoption::adopt(sources.topology(), *unknown, request);
    if (!adopted.ok())
        return context.fail(adopted.error);
    if (const QString error = TopologyFile::save(topologyPath, adopted.topology); !error.isEmpty())
        return context.fail(error);
    context.out() << "adopted " << key << " as peer " << adopted.peerId << " of "
                  << (adopted.newHost ? QStringLiteral("the new host ") : QStringLiteral("the host ")) << adopted.hostId
                  << " in " << topologyPath << Qt::endl;
    return 0;
}

int PeerCommand::listUnknownPeers(CliContext& context, const NetworkState& state, const QString& topologyPath)
{
    const QList<UnknownPeer>& unknown = state.unknownPeers();
    if (unknown.isEmpty()) {
        context.out() << "InfluxDB reports no key that " << topologyPath << " lacks" << Qt::endl;
        return 0;
    }
    context.out() << unknown.size() << " keys that InfluxDB reports and " << topologyPath << " lacks:\n";
    for (const UnknownPeer& peer : unknown) {
        context.out() << "  " << peer.telemetry.publicKey << "  reported by " << peer.telemetry.reportingHost << "  "
                      << (peer.telemetry.allowedIps.isEmpty() ? QStringLiteral("-")
                                                              : peer.telemetry.allowedIps.join(QLatin1Char(',')))
                      << "  " << PeerStatus::stateName(peer.status.state) << "  (suggested name: "
                      << UnknownPeerAdoption::suggestedName(state.topology(), peer) << ")\n";
    }
    context.out() << "adopt one with: tunnelscope-cli peer adopt --topology " << topologyPath
                  << " --key KEY --name NAME [--host HOST]" << Qt::endl;
    return 0;
}
