// SPDX-License-Identifier: GPL-3.0-or-later
#include "welcome/StartupChoice.h"

#include "topology/TopologyFile.h"
#include "welcome/StartupMemory.h"

#include <QCoreApplication>

StartupChoice StartupChoice::remembered()
{
    StartupChoice choice;
    const QString last = StartupMemory::lastTopology();
    if (last.isEmpty()) {
        choice.welcome = !StartupMemory::demoChosen();
        if (!choice.welcome)
            choice.topology = TopologyFile::referenceDeployment();
        return choice;
    }
    const TopologyParseResult result = TopologyFile::load(last);
    if (!result.ok()) {
        choice.welcome = true;
        choice.notice = QCoreApplication::translate("StartupChoice",
            "The topology opened last, %1, cannot be opened: %2\nOpen another one, or make one from the server's config.")
                            .arg(last, TopologyError::describe(result.errors, 3));
        return choice;
    }
    choice.topology = result.topology;
    choice.path = last;
    return choice;
}
