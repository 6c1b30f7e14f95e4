#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The two commands of README.md:
#   installer/dev.sh run [app options]   install what is missing, build, start Tunnelscope
#   installer/dev.sh test                install what is missing, build with warnings as errors, run every test
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${TUNNELSCOPE_BUILD_DIR:-$source_dir/build}
command=${1:-}
shift || true

case "$command" in
    run | test | build) ;;
    *)
        echo "usage: installer/dev.sh run [tunnelscope options] | test | build" >&2
        exit 2
        ;;
esac

bash "$source_dir/installer/install-deps.sh"

launcher=()
if command -v ccache >/dev/null 2>&1; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S "$source_dir" -B "$build_dir" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTUNNELSCOPE_WARNINGS_AS_ERRORS=ON "${launcher[@]}"
cmake --build "$build_dir" --parallel "$(nproc)"

case "$command" in
    build) ;;
    run)
        exec "$build_dir/app/tunnelscope" "$@"
        ;;
    test)
        # A private session bus with an unlocked keyring gives the keychain tests a real Secret Service.
        cd "$build_dir"
        exec dbus-run-session -- bash -c '
            printf "" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || true
            ctest --output-on-failure --timeout 600 "$@"
        ' ctest "$@"
        ;;
esac
