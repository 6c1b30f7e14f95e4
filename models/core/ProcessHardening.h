// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/** What both executables do first: a process that holds WireGuard keys and passwords must not leave them behind. */
namespace ProcessHardening {

/// No core file (RLIMIT_CORE 0, also for a core_pattern pipe that honours it) and not dumpable (the kernel writes
/// no core at all, and other processes of the same user cannot ptrace it or read its memory).
void disableCoreDumps();

} // namespace ProcessHardening
