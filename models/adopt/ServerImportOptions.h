// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/** How a server config is merged into a topology (see ServerImportPlan). */
struct ServerImportOptions
{
    /// The config's key differs from a real (non-placeholder) hub key: take the server's key anyway (the server's
    /// key was changed). Without it that is a conflict, as the file may belong to another server.
    bool replaceHubKey = false;
    /// Also drop peers that the server no longer has; without it they are reported and kept (placeholder peers
    /// the server lacks are always dropped: they never existed).
    bool pruneRemoved = false;
    /// The hub interface to import into; empty for the topology's (first) hub.
    QString interfaceId;
};
