#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# usage: package-build.sh CPACK CPACK_CONFIG OUTPUT_DIR
# Builds the .deb from the (already built) build tree into a fresh OUTPUT_DIR.
set -euo pipefail
cpack=$1 config=$2 output_dir=$3
# shellcheck source=package-common.sh
source "$(dirname "$0")/package-common.sh"

rm -rf "$output_dir"
mkdir -p "$output_dir"
"$cpack" -G DEB --config "$config" -B "$output_dir"
deb=$(single_deb "$output_dir")
expected="tunnelscope_$(dpkg-deb -f "$deb" Version)_$(dpkg --print-architecture).deb"
if [ "$(basename "$deb")" != "$expected" ]; then
    echo "the package is named $(basename "$deb"), Debian's convention is $expected" >&2
    exit 1
fi
echo "built $deb"
