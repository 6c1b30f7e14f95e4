#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# usage: package-install.sh PACKAGE_DIR VERSION
# Installs the .deb into this machine with apt (which also resolves its dependencies), runs the INSTALLED
# binaries (tunnelscope-cli --version, an offscreen tunnelscope --screenshot), removes the package and checks that
# none of its files is left. Whatever happens, the machine is put back as it was: the package is purged, and so
# is every package apt pulled in for it. Needs root: without it, exits 77 (ctest: skipped), or fails when CI is set
# (CI runs as root, so a skip there would hide a test that never ran).
set -euo pipefail
package_dir=$1 version=$2
# shellcheck source=package-common.sh
source "$(dirname "$0")/package-common.sh"
deb=$(single_deb "$package_dir")
deb=$(realpath "$deb")

skip() {
    echo "SKIPPED: $*"
    exit 77
}
if [ "$(id -u)" -ne 0 ]; then
    case "${CI:-}" in
        "" | 0 | false | FALSE | False) skip "installing the package needs root (run the tests as root, as CI does)" ;;
        *) echo "FAILED: installing the package needs root; CI is set, so this fails instead of skipping" >&2; exit 1 ;;
    esac
fi
if dpkg-query -W -f='${Status}' tunnelscope 2>/dev/null | grep -q 'installed'; then
    skip "a tunnelscope package is already installed here; this test does not replace it"
fi
for binary in /usr/bin/tunnelscope /usr/bin/tunnelscope-cli; do
    [ ! -e "$binary" ] || skip "$binary exists outside any package; this test does not overwrite it"
done

export DEBIAN_FRONTEND=noninteractive
# Waits for the dpkg lock instead of failing when another apt run holds it.
apt_get() {
    apt-get -o DPkg::Lock::Timeout=300 "$@"
}
work_dir=$(mktemp -d)
installed_packages() {
    dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' | awk '$1 ~ /^.i/ { print $2 }' | sort
}
installed_packages >"$work_dir/packages-before"
restore_machine() {
    if dpkg-query -W -f='${Status}' tunnelscope 2>/dev/null | grep -qv 'not-installed'; then
        apt_get purge -y -q tunnelscope >/dev/null || dpkg --purge tunnelscope || true
    fi
    installed_packages >"$work_dir/packages-after"
    local added
    added=$(comm -13 "$work_dir/packages-before" "$work_dir/packages-after")
    if [ -n "$added" ]; then
        echo "purging the dependencies apt installed for the test: $added"
        # shellcheck disable=SC2086 # one word per package
        apt_get purge -y -q $added >/dev/null || true
    fi
    rm -rf "$work_dir"
}
trap restore_machine EXIT

echo "--- apt-get install $deb"
apt_get install -y -q --no-install-recommends "$deb"
dpkg-query -W -f='${Status}\n' tunnelscope | grep -q 'install ok installed'

echo "--- /usr/bin/tunnelscope-cli --version"
cli_version=$(/usr/bin/tunnelscope-cli --version)
echo "$cli_version"
if [ "$cli_version" != "tunnelscope-cli $version" ]; then
    echo "FAIL: expected \"tunnelscope-cli $version\"" >&2
    exit 1
fi

echo "--- QT_QPA_PLATFORM=offscreen /usr/bin/tunnelscope --screenshot"
screenshot="$work_dir/screenshot.png"
# A private runtime directory, so Qt does not create /tmp/runtime-root on the machine.
XDG_RUNTIME_DIR=$work_dir QT_QPA_PLATFORM=offscreen timeout 120 /usr/bin/tunnelscope --screenshot "$screenshot"
if [ ! -s "$screenshot" ] || [ "$(head -c 8 "$screenshot" | od -An -tx1 | tr -d ' \n')" != 89504e470d0a1a0a ]; then
    echo "FAIL: the installed tunnelscope --screenshot did not write a PNG to $screenshot" >&2
    exit 1
fi
echo "wrote a $(stat -c %s "$screenshot")-byte PNG"

echo "--- apt-get remove tunnelscope"
packaged_files=$(dpkg-query -L tunnelscope)
apt_get remove -y -q tunnelscope
left=()
while IFS= read -r path; do
    if [ -e "$path" ] && [ ! -d "$path" ]; then
        left+=("$path")
    fi
done <<<"$packaged_files"
if [ ${#left[@]} -ne 0 ] || [ -e /usr/bin/tunnelscope ]; then
    echo "FAIL: files left after removal: ${left[*]}" >&2
    exit 1
fi
echo "removed cleanly: none of the $(wc -l <<<"$packaged_files") packaged paths is left"
