#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# usage: package-lintian.sh PACKAGE_DIR
# lintian must report no error (E:) on the package. Its whole output is shown either way, down to info (I:) tags.
# No tag is suppressed.
set -euo pipefail
# shellcheck source=package-common.sh
source "$(dirname "$0")/package-common.sh"
deb=$(single_deb "$1")

status=0
output=$(lintian --display-info --pedantic --fail-on error "$deb" 2>&1) || status=$?
printf '%s\n' "$output"
errors=$(grep -c '^E: ' <<<"$output" || true)
if [ "$status" -ne 0 ] || [ "$errors" -ne 0 ]; then
    echo "FAIL: lintian found $errors error(s) (exit status $status)" >&2
    exit 1
fi
echo "lintian: no errors; $(grep -c '^W: ' <<<"$output" || true) warning(s)"
