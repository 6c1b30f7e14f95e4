// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/**
 * How the window was last entered, in QSettings: the path of the last topology file opened, or that the demo was
 * chosen. Paths only, never a secret. With neither, the next start shows the welcome page.
 */
namespace StartupMemory {

/// Off for a run that must leave no trace for the next start (--screenshot): nothing is remembered then.
void setEnabled(bool enabled);

/// The last topology file opened or saved; empty when none.
QString lastTopology();
/// Remembers a file the user opened, saved or made; an empty path is ignored.
void rememberTopology(const QString& path);
/// The user chose "Explore the demo" and has opened no file since.
bool demoChosen();
void rememberDemo();

} // namespace StartupMemory
