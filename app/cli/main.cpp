// SPDX-License-Identifier: GPL-3.0-or-later
// tunnelscope-cli: the models/ layer from a terminal, for scripts and Ansible.
#include "cli/CheckCommand.h"
#include "cli/CliContext.h"
#include "cli/KeygenCommand.h"
#include "cli/LogsCommand.h"
#include "cli/PeerCommand.h"
#include "cli/StatusCommand.h"
#include "cli/TopologyCommand.h"
#include "core/ProcessHardening.h"
#include "core/SystemClock.h"

#include <QCoreApplication>
#include <QTextStream>

#include <sodium.h>

#include <cstdio>
#include <memory>
#include <vector>

namespace {

std::vector<std::unique_ptr<CliCommand>> makeCommands()
{
    std::vector<std::unique_ptr<CliCommand>> commands;
    commands.push_back(std::make_unique<TopologyCommand>());
    commands.push_back(std::make_unique<LogsCommand>());
    commands.push_back(std::make_unique<KeygenCommand>());
    commands.push_back(std::make_unique<PeerCommand>());
    commands.push_back(std::make_unique<StatusCommand>());
    commands.push_back(std::make_unique<CheckCommand>());
    return commands;
}

void printHelp(QTextStream& out, const std::vector<std::unique_ptr<CliCommand>>& commands)
{
    out << "usage: tunnelscope-cli COMMAND [options]\n\n"
           "Tunnelscope's command line: the same topology, telemetry and WireGuard code as the desktop app.\n\n"
           "Commands:\n";
    for (const auto& command : commands)
        out << "  " << command->name().leftJustified(10) << " " << command->summary() << "\n";
    out << "\nOptions:\n"
           "  --help      show this help; COMMAND --help shows a command's own\n"
           "  --version   show the version\n";
}

} // namespace

int main(int argc, char* argv[])
{
    ProcessHardening::disableCoreDumps();
    QCoreApplication application(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tunnelscope-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TUNNELSCOPE_VERSION));
    if (sodium_init() < 0) {
        std::fputs("tunnelscope-cli: libsodium could not be initialised\n", stderr);
        return 1;
    }

    QTextStream out(stdout);
    QTextStream err(stderr);
    CliContext context(out, err, SystemClock::instance());
    const auto commands = makeCommands();
    const QStringList arguments = QCoreApplication::arguments().mid(1);
    const QString first = arguments.value(0);

    if (first.isEmpty() || first == QLatin1String("--help") || first == QLatin1String("-h")
        || first == QLatin1String("help")) {
        printHelp(first.isEmpty() ? err : out, commands);
        return first.isEmpty() ? 2 : 0;
    }
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        out << "tunnelscope-cli " << QCoreApplication::applicationVersion() << Qt::endl;
        return 0;
    }
    for (const auto& command : commands) {
        if (command->name() == first)
            return command->run(arguments, context);
    }
    return context.fail(QStringLiteral("unknown command \"%1\"; see tunnelscope-cli --help").arg(first), 2);
}
