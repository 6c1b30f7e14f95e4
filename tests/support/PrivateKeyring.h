// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <cstdio>
#include <unistd.h>
#include <vector>

/**
 * For tests against a real Secret Service: unless this process already runs under with-keyring.sh (a private bus
 * and a throwaway unlocked gnome-keyring), re-runs it through the script, never touching the developer's keyring.
 * Returns only when already inside (true) or when the re-run could not start (false).
 */
inline bool runUnderPrivateKeyring(int argc, char* argv[], const char* script)
{
    if (qEnvironmentVariableIsSet("TUNNELSCOPE_PRIVATE_KEYRING"))
        return true;
    std::vector<char*> arguments{const_cast<char*>("sh"), const_cast<char*>(script)};
    arguments.insert(arguments.end(), argv, argv + argc);
    arguments.push_back(nullptr);
    execvp("sh", arguments.data());
    std::perror("could not run with-keyring.sh");
    return false;
}
