#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The two commands of README.md, and the packaging one:
#   installer/dev.sh run [app options]   install what is missing, build, start Tunnelscope
#   installer/dev.sh test [CTEST ARGS]   install what is missing, build with warnings as errors, run every test
#                                        (in UTC and again in Australia/Adelaide); ctest arguments (-R X) pick some
#   installer/dev.sh sanitize [CTEST ARGS] the same suite in the sanitizer tree build-sanitize/ (clang, ASan +
#                                        UBSan, Australia/Adelaide), with each fuzz target briefly
#   installer/dev.sh fuzz [SECONDS]      build the sanitizer tree and run each fuzz target SECONDS (default 300)
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
    run | test | sanitize | build | package | bench | lab | fuzz) ;;
    *)
        echo "usage: installer/dev.sh run [tunnelscope options] | test [ctest args] | sanitize [ctest args] | build | package | bench [peers...] | lab [options] | fuzz [seconds]" >&2
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
sanitize_dir=${TUNNELSCOPE_SANITIZE_BUILD_DIR:-$source_dir/build-sanitize}
fuzz_seconds=20
if [ "$command" = fuzz ]; then
    fuzz_seconds=${1:-300}
fi
build_sanitizer_tree() {
    # One tree for the ASan + UBSan suite and the fuzz targets (tests/fuzz); its own ccache entries, as clang's.
    cmake -S "$source_dir" -B "$sanitize_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_COMPILER=clang++ -DTUNNELSCOPE_SANITIZE=ON -DTUNNELSCOPE_FUZZ_SECONDS="$fuzz_seconds" \
        -DTUNNELSCOPE_WARNINGS_AS_ERRORS=ON "${launcher[@]}"
    cmake --build "$sanitize_dir" --parallel "$(nproc)" "$@"
}
if [ "$command" = fuzz ]; then
    build_sanitizer_tree
    exec ctest --test-dir "$sanitize_dir" --output-on-failure -L fuzz --timeout $((fuzz_seconds + 300))
fi
cmake -S "$source_dir" -B "$build_dir" -G Ninja \
    "${build_options[@]}" -DTUNNELSCOPE_WARNINGS_AS_ERRORS=ON "${launcher[@]}"
cmake --build "$build_dir" --parallel "$(nproc)" "${build_targets[@]}"
if [ "$command" = sanitize ]; then
    # Not yet part of `test` (and so of CI): the whole tree has not yet been built and run clean with clang.
    build_sanitizer_tree
fi

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
    test | sanitize)
        # A private session bus with an unlocked keyring gives the keychain tests a real Secret Service. The
        # keyring lives in a scratch folder, never the developer's own, and its password must not be empty:
        # with an empty one gnome-keyring creates no login collection and every write fails.
        keyring_dir=$(mktemp -d "${TMPDIR:-/tmp}/tunnelscope-test-keyring.XXXXXX")
        trap 'rm -rf "$keyring_dir"' EXIT
        mkdir -m 0700 "$keyring_dir/data" "$keyring_dir/runtime"
        trees=("$build_dir")
        if [ "$command" = sanitize ]; then
            trees=("$sanitize_dir")
        fi
        status=0
        TUNNELSCOPE_TEST_TREES=$(IFS=:; echo "${trees[*]}") TUNNELSCOPE_KEYRING_DIR="$keyring_dir" dbus-run-session -- bash -c '
            printf "%s" throwaway-test-keyring |
                XDG_DATA_HOME="$TUNNELSCOPE_KEYRING_DIR/data" XDG_RUNTIME_DIR="$TUNNELSCOPE_KEYRING_DIR/runtime" \
                    timeout 20 gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || true
            status=0
            IFS=: read -r -a trees <<<"$TUNNELSCOPE_TEST_TREES"
            for tree in "${trees[@]}"; do
                ctest --test-dir "$tree" --output-on-failure --timeout 600 "$@" || status=1
            done
            exit "$status"
        ' ctest "$@" || status=$?
        exit "$status"
        ;;
esac
