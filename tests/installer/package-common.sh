# shellcheck shell=bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the package-*.sh tests.

# Prints the path of the one .deb in directory $1 (made by the installer_package_build fixture), or fails.
single_deb() {
    local debs=("$1"/tunnelscope_*.deb)
    if [ ${#debs[@]} -ne 1 ] || [ ! -f "${debs[0]}" ]; then
        echo "expected exactly one tunnelscope_*.deb in $1 (from installer_package_build), found: ${debs[*]}" >&2
        return 1
    fi
    printf '%s\n' "${debs[0]}"
}
