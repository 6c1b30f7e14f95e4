#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a command on a private session bus with a throwaway, unlocked gnome-keyring, so that keychain tests talk
# to a real Secret Service without ever touching the developer's own keyring:
#   tests/secrets/with-keyring.sh COMMAND [ARGS...]
# HOME and the XDG directories point into a scratch folder that is removed afterwards.
set -eu

if [ "$#" -eq 0 ]; then
    echo "usage: with-keyring.sh COMMAND [ARGS...]" >&2
    exit 2
fi
for tool in dbus-run-session gnome-keyring-daemon timeout; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "with-keyring.sh: $tool is missing (installer/install-deps.sh installs it)" >&2
        exit 1
    fi
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/tunnelscope-keyring.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
trap 'exit 130' INT TERM

# A runtime directory of our own too: gnome-keyring finds an existing daemon through it, and the developer's
# daemon must never be the one that answers.
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config"
export XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/runtime"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 0700 "$scratch" "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
export TUNNELSCOPE_PRIVATE_KEYRING=1
unset DISPLAY WAYLAND_DISPLAY

# The password must not be empty: with an empty one gnome-keyring creates no login collection and every write
# fails with "Object does not exist at path .../collection/login".
status=0
dbus-run-session -- sh -c '
    printf "%s" throwaway-test-keyring |
        timeout 20 gnome-keyring-daemon --unlock --components=secrets >/dev/null || {
            echo "with-keyring.sh: gnome-keyring-daemon did not start" >&2
            exit 1
        }
    exec "$@"
' with-keyring "$@" || status=$?
exit "$status"
