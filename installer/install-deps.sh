#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what building, running and testing Tunnelscope need on Debian 12. Idempotent: packages that are
# already there are left alone, and apt is not touched at all when nothing is missing.
set -euo pipefail

build_packages=(
    cmake ninja-build g++ pkgconf
    qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libgl-dev libxkbcommon-dev
    qtkeychain-qt6-dev libsodium-dev libqrencode-dev
    librsvg2-bin gzip dpkg-dev
    clang-14 libclang-rt-14-dev
)
runtime_packages=(
    qt6-qpa-plugins libqt6svg6 fonts-dejavu-core
)
test_packages=(
    influxdb wireguard-tools wireguard-go iproute2 iputils-ping nftables
    python3 curl xz-utils
    dbus dbus-x11 gnome-keyring tzdata xvfb xauth
    desktop-file-utils appstream lintian dpkg-dev fakeroot file
)

missing=()
for package in "${build_packages[@]}" "${runtime_packages[@]}" "${test_packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "Missing packages: ${missing[*]}" >&2
    echo "Run this as root (or with sudo) to install them." >&2
    exit 1
fi

echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
