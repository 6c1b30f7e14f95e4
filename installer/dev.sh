#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The two commands of README.md, and the packaging one:
#   installer/dev.sh run [app options]   install what is missing, build, start Tunnelscope
#   installer/dev.sh test                install what is missing, build with warnings as errors, run every test
#   installer/dev.sh package             install what is missing, build a hardened Release into build-package/,
#                                        make the .deb with cpack and print its path
#   installer/dev.sh bench [PEERS...]    install what is missing, build the benchmarks in Release into build-bench/,
#                                        run them for 10, 100, 1,000 and 2,000 peers (or PEERS) and write the medians
#                                        to build-bench/bench-results.json (installer/bench.sh says what is measured)
#   installer/dev.sh lab [--no-gui|--stop|...] install what is missing, build, and run installer/lab.sh: the reference
#                                        deployment in network namespaces with real WireGuard, InfluxDB and Loki
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${TUNNELSCOPE_BUILD_DIR:-$source_dir/build}
command=${1:-}
shift || true

case "$command" in
    run | test | build | package | bench | lab) ;;
    *)
        echo "usage: installer/dev.sh run [tunnelscope options] | test | build | package | bench [peers...] | lab [options]" >&2
        exit 2
        ;;
esac

if [ "$command" = lab ] && [ "${1:-}" = --stop ]; then
    exec bash "$source_dir/installer/lab.sh" --stop # nothing to build to take the lab down
fi
bash "$source_dir/installer/install-deps.sh"

launcher=()
if command -v ccache >/dev/null 2>&1; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
build_options=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [ "$command" = package ]; then
    # A build of its own, without tests, with Debian's hardening flags (read by CMake on the first configure).
    build_dir=${TUNNELSCOPE_PACKAGE_BUILD_DIR:-$source_dir/build-package}
    build_options=(-DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF)
    export DEB_BUILD_MAINT_OPTIONS=hardening=+all
    # CMake reads no CPPFLAGS, so the preprocessor flags (_FORTIFY_SOURCE) join CXXFLAGS.
    CXXFLAGS="$(cd "$source_dir" && dpkg-buildflags --get CXXFLAGS) $(dpkg-buildflags --get CPPFLAGS)"
    LDFLAGS=$(dpkg-buildflags --get LDFLAGS)
    export CXXFLAGS LDFLAGS
fi
build_targets=()
if [ "$command" = bench ]; then
    # Timings only mean something optimised, and apart from the debug build the other commands share.
    build_dir=${TUNNELSCOPE_BENCH_BUILD_DIR:-$source_dir/build-bench}
    build_options=(-DCMAKE_BUILD_TYPE=Release)
    build_targets=(--target tunnelscope-bench-diagram tunnelscope-bench-poll tunnelscope-bench-minimal-window tunnelscope)
fi
cmake -S "$source_dir" -B "$build_dir" -G Ninja \
    "${build_options[@]}" -DTUNNELSCOPE_WARNINGS_AS_ERRORS=ON "${launcher[@]}"
cmake --build "$build_dir" --parallel "$(nproc)" "${build_targets[@]}"

case "$command" in
    build) ;;
    package)
        rm -f "$build_dir"/tunnelscope_*.deb "$build_dir"/tunnelscope_*.deb.sha256
        (cd "$build_dir" && cpack -G DEB)
        ls "$build_dir"/tunnelscope_*.deb
        ;;
    run)
        exec "$build_dir/app/tunnelscope" "$@"
        ;;
    lab)
        TUNNELSCOPE_BUILD_DIR=$build_dir exec bash "$source_dir/installer/lab.sh" "$@"
        ;;
    bench)
        exec bash "$source_dir/installer/bench.sh" "$build_dir" "$@"
        ;;
    test)
        # A private session bus with an unlocked keyring gives the keychain tests a real Secret Service. The
        # keyring lives in a scratch folder, never the developer's own, and its password must not be empty:
        # with an empty one gnome-keyring creates no login collection and every write fails.
        cd "$build_dir"
        keyring_dir=$(mktemp -d "${TMPDIR:-/tmp}/tunnelscope-test-keyring.XXXXXX")
        trap 'rm -rf "$keyring_dir"' EXIT
        mkdir -m 0700 "$keyring_dir/data" "$keyring_dir/runtime"
        status=0
        TUNNELSCOPE_KEYRING_DIR="$keyring_dir" dbus-run-session -- bash -c '
            printf "%s" throwaway-test-keyring |
                XDG_DATA_HOME="$TUNNELSCOPE_KEYRING_DIR/data" XDG_RUNTIME_DIR="$TUNNELSCOPE_KEYRING_DIR/runtime" \
                    timeout 20 gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || true
            ctest --output-on-failure --timeout 600 "$@"
        ' ctest "$@" || status=$?
        exit "$status"
        ;;
esac
