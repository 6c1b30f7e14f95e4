// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Topology.h"

#include <QString>

/** What the window opens with when the command line names no topology: the way in remembered from last time. */
struct StartupChoice
{
    Topology topology;
    QString path;         ///< empty for the embedded reference deployment
    bool welcome = false; ///< no topology yet: the welcome page
    QString notice;       ///< why the topology opened last did not open again

    /// The topology file opened last; else the reference deployment when the demo was chosen; else (a first run,
    /// or the last file is gone or broken) the welcome page.
    static StartupChoice remembered();
};
