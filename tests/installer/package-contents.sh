#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# usage: package-contents.sh PACKAGE_DIR VERSION METAINFO_PATH EXPECTED_PATH...
# The package holds every expected file, carries the project's version (in its control data and in the metainfo
# it installs), and depends on the libraries its binaries link (shlibdeps ran) plus the Qt SVG plugins.
set -euo pipefail
package_dir=$1 version=$2 metainfo=$3
shift 3
# shellcheck source=package-common.sh
source "$(dirname "$0")/package-common.sh"
deb=$(single_deb "$package_dir")

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# dpkg-deb -c prints "./usr/bin/x" in its last column.
listing=$(dpkg-deb -c "$deb" | awk '{ print $NF }' | sed 's|^\./|/|')
for path in "$@"; do
    grep -qxF "$path" <<<"$listing" || fail "$path is not in the package"
done

control_version=$(dpkg-deb -f "$deb" Version)
[ "$control_version" = "$version" ] || fail "the package version is $control_version, the project's is $version"
for field in Maintainer Description Section Homepage; do
    [ -n "$(dpkg-deb -f "$deb" "$field")" ] || fail "the control field $field is empty"
done
[ "$(dpkg-deb -f "$deb" Section)" = "net" ] || fail "the section is $(dpkg-deb -f "$deb" Section), not net"

depends=$(dpkg-deb -f "$deb" Depends)
for dependency in libqt6core6 libqt6widgets6 libsodium23 libqt6svg6; do
    grep -qE "(^|, )$dependency( |,|$)" <<<"$depends" || fail "Depends lacks $dependency: $depends"
done

packaged_metainfo=$(dpkg-deb --fsys-tarfile "$deb" | tar -xOf - ".$metainfo")
grep -qE "<release [^>]*version=\"$version\"" <<<"$packaged_metainfo" \
    || fail "the packaged metainfo has no <release version=\"$version\">"

if [ "$failures" -ne 0 ]; then
    echo "--- dpkg-deb -I -c $deb" >&2
    dpkg-deb -I "$deb" >&2
    dpkg-deb -c "$deb" >&2
    exit 1
fi
echo "$deb: $# expected files present, version $version, Depends: $depends"
