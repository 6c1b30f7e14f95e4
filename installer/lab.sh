#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The reference deployment as a real lab on one machine (root, Debian 12), in network namespaces it creates:
#
#   ts-prod (10.10.0.1)  --veth 192.0.2.4/30--  ts-monitor11 (hub 10.10.0.11)  --veth 192.0.2.8/30--  ts-laptop (10.10.0.2)
#
# WireGuard between them with wireguard-go (userspace), keys and configs made by `tunnelscope-cli peer add`,
# the firewall rules the project generates loaded with nft in each namespace, a real InfluxDB and a real Loki in
# ts-monitor11 listening on 10.10.0.11 only, and the lab collector (installer/lab/lab-collector.py, Telegraf's and
# Alloy's stand-in) in every namespace, with a little steady traffic through the tunnel.
#
#   installer/lab.sh [--no-gui] [--interval S]   build it all (if not up already); then open the app in ts-laptop,
#                                                or with --no-gui print how and return
#   installer/lab.sh --stop                      remove everything the lab made (idempotent)
#   installer/lab.sh --status                    what is running
#   installer/lab.sh --add NAME                  onboard a new collector host: `peer add`, its hub side applied
#   installer/lab.sh --connect NAME              bring up the added host: namespace, tunnel, firewall, collector
#   installer/lab.sh --cut HOST | --restore HOST take a host's underlay link down, or up again
#   installer/lab.sh --stop-service influxd|loki | --start-service influxd|loki
#   installer/lab.sh --screenshot FILE           the app in ts-laptop, offscreen, writing FILE
#   installer/lab.sh --check                     whether this machine can run the lab (exit 0), else what is missing
#
# Everything made is recorded in the state folder (TUNNELSCOPE_LAB_DIR, default /run/tunnelscope-lab), which
# --stop reads. Build folder: TUNNELSCOPE_BUILD_DIR (default build/). Loki: TUNNELSCOPE_LOKI (a binary), else
# BUILD/loki, else unpacked there from TUNNELSCOPE_LOKI_XZ (default ../shared/tools/loki-2.7.5-linux-amd64.xz).
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${TUNNELSCOPE_BUILD_DIR:-$source_dir/build}
state=${TUNNELSCOPE_LAB_DIR:-/run/tunnelscope-lab}
cli=$build_dir/app/tunnelscope-cli
app=$build_dir/app/tunnelscope
collector=$source_dir/installer/lab/lab-collector.py
loki_xz=${TUNNELSCOPE_LOKI_XZ:-$source_dir/../shared/tools/loki-2.7.5-linux-amd64.xz}
loki_sha256=764a54049692fe44524e8f7a16a803e279c5c2a72c0a22521d7143b88d14e676
hub_ns=ts-monitor11
hub_if=tsl-monitor11
hub_ip=10.10.0.11
influx_url=http://$hub_ip:8086
loki_url=http://$hub_ip:3100

say() { printf 'lab: %s\n' "$*"; }
die() { printf 'lab: %s\n' "$*" >&2; exit 1; }
record() { printf '%s\n' "$*" >> "$state/created"; } # what --stop undoes, newest last

# Polls "$@" every 0.2 s until it succeeds, at most $1 seconds; returns 1 on time-out.
wait_for() {
    local seconds=$1 i
    shift
    for ((i = 0; i < seconds * 5; i++)); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.2
    done
    return 1
}

loki_binary() {
    if [ -n "${TUNNELSCOPE_LOKI:-}" ]; then echo "$TUNNELSCOPE_LOKI"; return; fi
    if [ -x "$build_dir/loki" ]; then echo "$build_dir/loki"; return; fi
    [ -f "$loki_xz" ] || return 1
    echo "$loki_sha256  $loki_xz" | sha256sum --quiet -c - >/dev/null 2>&1 || return 1
    xz -dc "$loki_xz" > "$build_dir/loki.tmp" && chmod +x "$build_dir/loki.tmp" && mv "$build_dir/loki.tmp" "$build_dir/loki"
    echo "$build_dir/loki"
}

missing_requirements() {
    local missing=()
    [ "$(id -u)" -eq 0 ] || missing+=("root (it creates network namespaces)")
    [ -c /dev/net/tun ] || missing+=("/dev/net/tun (wireguard-go needs it)")
    local tool
    for tool in ip wg wg-quick wireguard-go nft influxd python3 curl xz sha256sum; do
        command -v "$tool" >/dev/null 2>&1 || PATH=$PATH:/usr/sbin:/sbin command -v "$tool" >/dev/null 2>&1 \
            || missing+=("$tool (bash installer/install-deps.sh installs it)")
    done
    [ -x "$cli" ] || missing+=("$cli (build first: bash installer/dev.sh build)")
    if [ -z "${TUNNELSCOPE_LOKI:-}" ] && [ ! -x "$build_dir/loki" ] && [ ! -f "$loki_xz" ]; then
        missing+=("Loki: set TUNNELSCOPE_LOKI to a loki 2.7 binary or TUNNELSCOPE_LOKI_XZ to loki-2.7.5-linux-amd64.xz")
    fi
    printf '%s\n' "${missing[@]}"
}

# ---------------------------------------------------------------------------------------------------------------
# Processes: started in a namespace with output to a log, their pid and command recorded for --stop.

start_process() { # NAME NETNS ENV... -- COMMAND...
    local name=$1 netns=$2
    shift 2
    local environment=()
    while [ "$1" != -- ]; do environment+=("$1"); shift; done
    shift
    ip netns exec "$netns" env "${environment[@]}" "$@" < /dev/null >> "$state/logs/$name.log" 2>&1 &
    local pid=$!
    echo "$pid" > "$state/pids/$name"
    printf '%s\n' "$*" > "$state/pids/$name.cmd"
    grep -qx "process $name" "$state/created" 2>/dev/null || record "process $name"
}

# The recorded pid, when it still runs the recorded command (a pid reused by another program is left alone). Only
# the arguments are compared, at the end: a launcher (pyenv's python3 shim) runs the program under other names.
live_pid() {
    local pid running recorded
    pid=$(cat "$state/pids/$1" 2>/dev/null) || return 1
    [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
    running=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null) || return 1
    recorded="$(cat "$state/pids/$1.cmd") "
    [[ "$running" == *" ${recorded#* }" ]] || return 1
    echo "$pid"
}

process_running() { live_pid "$1" > /dev/null; }

stop_process() { # ends the recorded pid only, first politely, bounded
    local name=$1 pid i
    if pid=$(live_pid "$name"); then
        kill -TERM "$pid" 2>/dev/null || true
        for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
        for ((i = 0; i < 20; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$state/pids/$name"
}

# ---------------------------------------------------------------------------------------------------------------
# Hosts, one line each in $state/hosts: "host NAME INDEX NETNS IFACE". Host i (prod 1, admin-laptop 2, added ones
# from 3) has its namespace (ts-prod, ts-laptop, ts-NAME), interface tsl-NAME (tsl-hostI when the name is long) and
# an underlay /30: 192.0.2.(4i+1) on monitor11's side, 192.0.2.(4i+2) on its own.

host_field() { awk -v name="$1" -v field="$2" '$1 == "host" && $2 == name { print $field; exit }' "$state/hosts" 2>/dev/null; }
host_index() { host_field "$1" 3; }
host_netns() { host_field "$1" 4; }
host_if() { host_field "$1" 5; }
host_bundle() { echo "$state/bundles/$1"; }

new_host_index() {
    local last
    last=$(awk '$1 == "host" { print $3 }' "$state/hosts" 2>/dev/null | sort -n | tail -n 1)
    echo $(( ${last:-0} + 1 ))
}

make_netns() {
    local netns=$1
    ip netns add "$netns"
    record "netns $netns"
    ip -n "$netns" link set lo up
}

# wireguard-go in the foreground (its pid is the one recorded), verbose: its log is what the collector ships.
start_wireguard() { # NAME NETNS IFACE
    local name=$1 netns=$2 iface=$3
    : > "$state/logs/wireguard-$name.log"
    start_process "wireguard-$name" "$netns" WG_PROCESS_FOREGROUND=1 LOG_LEVEL=verbose -- wireguard-go -f "$iface"
    wait_for 10 ip netns exec "$netns" wg show "$iface" || die "wireguard-go did not make $iface in $netns (see $state/logs/wireguard-$name.log)"
    record "socket /var/run/wireguard/$iface.sock"
}

# The generated nftables rules, for this namespace's interface name (wireguard-go's sockets share one folder,
# so the lab's interfaces cannot all be called wg0).
load_firewall() { # NETNS NFT_FILE IFACE
    sed "s/\"wg0\"/\"$3\"/g" "$2" > "$state/firewall-$1.nft"
    ip netns exec "$1" nft -f "$state/firewall-$1.nft"
}

stripped() { # wg-quick's own keys removed, as wg setconf takes it
    wg-quick strip "$1"
}

start_collector() { # NAME NETNS TUNNEL_IP IFACE EXTRA...
    local name=$1 netns=$2 address=$3
    start_process "collector-$name" "$netns" PYTHONUNBUFFERED=1 -- python3 "$collector" --host "$name" \
        --influx-url "$influx_url" --loki-url "$loki_url" --interval "$(cat "$state/interval")" \
        --device "$4" --wireguard-log "$state/logs/wireguard-$name.log" --sink "$address" "${@:5}"
}

# `peer add` for NAME, then its [Peer] block added to the running hub (what server-add-peer.sh does with wg set).
onboard() { # NAME NETNS [peer add options...]
    local name=$1 netns=$2 iface="tsl-$1"
    shift 2
    local index
    index=$(new_host_index)
    [ ${#iface} -le 15 ] || iface="tsl-host$index"
    "$cli" peer add --topology "$state/topology.json" --name "$name" --out "$(host_bundle "$name")" \
        --endpoint "192.0.2.$((4 * index + 1)):51820" --server-public-key "$(cat "$state/keys/monitor11.pub")" "$@" \
        > "$state/logs/peer-add-$name.log"
    echo "host $name $index $netns $iface" >> "$state/hosts"
    ip netns exec "$hub_ns" wg addconf "$hub_if" "$(host_bundle "$name")/server-peer.conf"
}

# Namespace, underlay, tunnel from the bundle's wg0.conf, firewall, collector, traffic to the hub.
connect_host() { # NAME [collector options...]
    local name=$1
    shift
    local index netns iface bundle address
    index=$(host_index "$name")
    [ -n "$index" ] || die "no host $name in the lab; add it first: installer/lab.sh --add $name"
    netns=$(host_netns "$name")
    iface=$(host_if "$name")
    bundle=$(host_bundle "$name")
    make_netns "$netns"
    ip link add "tslv${index}h" netns "$hub_ns" type veth peer name "tslv${index}c" netns "$netns"
    ip -n "$hub_ns" addr add "192.0.2.$((4 * index + 1))/30" dev "tslv${index}h"
    ip -n "$hub_ns" link set "tslv${index}h" up
    ip -n "$netns" addr add "192.0.2.$((4 * index + 2))/30" dev "tslv${index}c"
    ip -n "$netns" link set "tslv${index}c" up
    start_wireguard "$name" "$netns" "$iface"
    stripped "$bundle/wg0.conf" | ip netns exec "$netns" wg setconf "$iface" /dev/stdin
    address=$(sed -n 's/^Address = \(.*\)$/\1/p' "$bundle/wg0.conf" | head -n 1)
    ip -n "$netns" addr add "$address" dev "$iface"
    ip -n "$netns" link set "$iface" up
    ip -n "$netns" route add 10.10.0.0/24 dev "$iface" # the AllowedIPs route wg-quick would add
    load_firewall "$netns" "$bundle/firewall-client.nft" "$iface"
    start_collector "$name" "$netns" "${address%/*}" "$iface" --traffic-to "$hub_ip" "$@"
}

# ---------------------------------------------------------------------------------------------------------------
# monitor11: hub interface, InfluxDB and Loki on the tunnel address only.

write_influx_config() {
    local dir=$state/influxdb
    mkdir -p "$dir"
    cat > "$dir/influxdb.conf" <<EOF
reporting-disabled = true
bind-address = "$hub_ip:8088"
[meta]
  dir = "$dir/meta"
  logging-enabled = false
[data]
  dir = "$dir/data"
  wal-dir = "$dir/wal"
  wal-fsync-delay = "0s"
  query-log-enabled = false
[monitor]
  store-enabled = false
[subscriber]
  enabled = false
[http]
  enabled = true
  bind-address = "$hub_ip:8086"
  auth-enabled = false
  log-enabled = false
  pprof-enabled = false
[logging]
  level = "warn"
  suppress-logo = true
[continuous_queries]
  enabled = false
EOF
}

write_loki_config() {
    local dir=$state/loki
    mkdir -p "$dir"
    cat > "$dir/loki.yaml" <<EOF
auth_enabled: false
server: {http_listen_address: $hub_ip, http_listen_port: 3100, grpc_listen_address: $hub_ip, grpc_listen_port: 9095, log_level: warn}
common:
  instance_addr: $hub_ip
  path_prefix: $dir
  storage: {filesystem: {chunks_directory: $dir/chunks, rules_directory: $dir/rules}}
  replication_factor: 1
  ring: {instance_addr: $hub_ip, kvstore: {store: inmemory}}
ingester: {lifecycler: {min_ready_duration: 1s}}
schema_config:
  configs: [{from: 2020-10-24, store: boltdb-shipper, object_store: filesystem, schema: v11, index: {prefix: index_, period: 24h}}]
frontend: {address: $hub_ip}
analytics: {reporting_enabled: false}
EOF
}

influx_up() { ip netns exec "$hub_ns" curl -fsS -o /dev/null "$influx_url/ping"; }
loki_up() { [ "$(ip netns exec "$hub_ns" curl -sS -o /dev/null -w '%{http_code}' "$loki_url/ready")" = 200 ]; }

start_service() {
    case "$1" in
        influxd)
            process_running influxd && return 0
            start_process influxd "$hub_ns" -- influxd -config "$state/influxdb/influxdb.conf"
            wait_for 60 influx_up || die "InfluxDB did not answer $influx_url/ping within 60 s (see $state/logs/influxd.log)"
            ip netns exec "$hub_ns" curl -fsS -o /dev/null -XPOST "$influx_url/query" --data-urlencode 'q=CREATE DATABASE "telegraf"'
            ;;
        loki)
            process_running loki && return 0
            start_process loki "$hub_ns" -- "$(cat "$state/loki-binary")" -config.file "$state/loki/loki.yaml"
            wait_for 90 loki_up || die "Loki did not answer $loki_url/ready within 90 s (see $state/logs/loki.log)"
            ;;
        *) die "unknown service \"$1\": influxd or loki" ;;
    esac
}

start_hub() {
    make_netns "$hub_ns"
    (umask 077 && wg genkey > "$state/keys/monitor11.key")
    wg pubkey < "$state/keys/monitor11.key" > "$state/keys/monitor11.pub"
    start_wireguard monitor11 "$hub_ns" "$hub_if"
    printf '[Interface]\nPrivateKey = %s\nListenPort = 51820\n' "$(cat "$state/keys/monitor11.key")" \
        | ip netns exec "$hub_ns" wg setconf "$hub_if" /dev/stdin
    ip -n "$hub_ns" addr add "$hub_ip/24" dev "$hub_if"
    ip -n "$hub_ns" link set "$hub_if" up
    write_influx_config
    write_loki_config
    start_service influxd
    start_service loki
}

# ---------------------------------------------------------------------------------------------------------------

print_app_command() {
    local command="ip netns exec ts-laptop $app --topology $state/topology.json"
    say "the app, in the laptop's namespace (as root; add --dark for the dark theme):"
    printf '    %s\n' "$command"
    say "the same view from a terminal: ip netns exec ts-laptop $cli status --topology $state/topology.json"
    say "remove the lab: installer/dev.sh lab --stop"
}

# If building the lab fails anywhere, nothing stays half-built.
remove_on_failure() {
    local status=$?
    [ "$status" -eq 0 ] || bash "$0" --stop > /dev/null 2>&1 || true
}

start_lab() {
    local gui=$1 interval=$2
    if [ -f "$state/up" ]; then
        say "already up (state in $state)"
    else
        local missing
        missing=$(missing_requirements)
        [ -z "$missing" ] || die "cannot build the lab here; missing:"$'\n'"$missing"
        [ ! -e "$state/created" ] || bash "$0" --stop
        local netns
        for netns in ts-prod ts-monitor11 ts-laptop; do
            ! ip netns list | grep -q "^$netns\b" \
                || die "namespace $netns exists already: another lab is up; remove it with installer/dev.sh lab --stop (with its TUNNELSCOPE_LAB_DIR, if it has another)"
        done
        mkdir -p "$state"
        # It holds private keys and the pids --stop kills: root's own folder, not one someone else prepared.
        if [ ! -O "$state" ] || [ -L "$state" ]; then die "$state is not root's own folder; choose another TUNNELSCOPE_LAB_DIR"; fi
        mkdir -p "$state"/{logs,pids,keys,bundles}
        chmod 0700 "$state" "$state/keys" "$state/bundles"
        record "dir $state"
        echo "$interval" > "$state/interval"
        local loki
        loki=$(loki_binary) || die "no Loki binary: set TUNNELSCOPE_LOKI, or TUNNELSCOPE_LOKI_XZ to loki-2.7.5-linux-amd64.xz (sha256 $loki_sha256)"
        echo "$loki" > "$state/loki-binary"
        trap remove_on_failure EXIT
        start_hub
        "$cli" topology init "$state/reference.json" > /dev/null
        python3 "$source_dir/installer/lab/lab-topology.py" hub "$state/reference.json" "$state/topology.json" \
            "$(cat "$state/keys/monitor11.pub")"
        onboard prod ts-prod --address 10.10.0.1 --fqdn prod.example.com --segment public
        onboard admin-laptop ts-laptop --address 10.10.0.2 --segment internet
        python3 "$source_dir/installer/lab/lab-topology.py" restore "$state/reference.json" "$state/topology.json"
        "$cli" topology validate "$state/topology.json" > /dev/null
        load_firewall "$hub_ns" "$(host_bundle prod)/firewall-server.nft" "$hub_if"
        start_collector monitor11 "$hub_ns" "$hub_ip" "$hub_if" --traffic-to 10.10.0.1 --traffic-to 10.10.0.2
        connect_host prod --fail2ban
        connect_host admin-laptop
        wait_for 30 ip netns exec ts-laptop ping -c 1 -W 1 "$hub_ip" || die "no tunnel from the laptop to $hub_ip"
        wait_for 30 ip netns exec ts-prod ping -c 1 -W 1 "$hub_ip" || die "no tunnel from prod to $hub_ip"
        trap - EXIT
        touch "$state/up"
        say "up: prod 10.10.0.1, admin-laptop 10.10.0.2, monitor11 10.10.0.11 (InfluxDB :8086, Loki :3100); state in $state"
    fi
    if [ "$gui" = 0 ]; then
        print_app_command
        return 0
    fi
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        say "no DISPLAY or WAYLAND_DISPLAY here, so no window; run it where there is one:"
        print_app_command
        return 0
    fi
    exec ip netns exec ts-laptop "$app" --topology "$state/topology.json"
}

stop_lab() {
    [ -f "$state/created" ] || { say "nothing to remove"; return 0; }
    local entries=() entry kind what i
    mapfile -t entries < "$state/created"
    for ((i = ${#entries[@]} - 1; i >= 0; i--)); do
        entry=${entries[i]}
        kind=${entry%% *}
        what=${entry#* }
        case "$kind" in
            process) stop_process "$what" ;;
            netns) ip netns del "$what" 2>/dev/null || true ;; # takes its veth ends and nft tables with it
            socket) rm -f "$what" ;;
            dir) ;; # last, below
        esac
    done
    rm -rf "$state"
    say "removed"
}

show_status() {
    [ -f "$state/up" ] || { say "not up"; return 1; }
    local file name
    for file in "$state"/pids/*.cmd; do
        name=$(basename "$file" .cmd)
        if process_running "$name"; then say "$name: running"; else say "$name: stopped"; fi
    done
    ip netns list | grep '^ts-' || true
}

set_link() { # HOST up|down: the host's end of its underlay link
    local index
    index=$(host_index "$1")
    [ -n "$index" ] || die "no host $1 in the lab"
    ip -n "$(host_netns "$1")" link set "tslv${index}c" "$2"
}

main() {
    local action=start gui=1 interval=10 argument=
    while [ $# -gt 0 ]; do
        case "$1" in
            --no-gui) gui=0 ;;
            --interval) interval=${2:?--interval needs seconds}; shift ;;
            --stop | --status | --check) action=${1#--} ;;
            --add | --connect | --cut | --restore | --stop-service | --start-service | --screenshot)
                action=${1#--}; argument=${2:?$1 needs an argument}; shift ;;
            -h | --help) sed -n '3,25p' "$0" | sed 's/^# \{0,1\}//'; return 0 ;;
            *) die "unknown option \"$1\" (see installer/lab.sh --help)" ;;
        esac
        shift
    done
    if ! [[ "$interval" =~ ^[0-9]+$ ]] || [ "$interval" -lt 1 ]; then die "--interval takes whole seconds (1 or more)"; fi
    case "$action" in
        check) local missing; missing=$(missing_requirements); [ -z "$missing" ] && return 0; printf '%s\n' "$missing"; return 3 ;;
        start) start_lab "$gui" "$interval" ;;
        stop) stop_lab ;;
        status) show_status ;;
        *)
            [ -f "$state/up" ] || die "the lab is not up; start it with installer/dev.sh lab --no-gui"
            case "$action" in
                add) onboard "$argument" "ts-$argument"; say "added $argument; bring it up with installer/lab.sh --connect $argument" ;;
                connect) connect_host "$argument" ;;
                cut) set_link "$argument" down ;;
                restore) set_link "$argument" up ;;
                stop-service) stop_process "$argument" ;;
                start-service) start_service "$argument" ;;
                screenshot)
                    ip netns exec ts-laptop env QT_QPA_PLATFORM=offscreen "$app" --topology "$state/topology.json" \
                        --screenshot "$argument" ;;
            esac
            ;;
    esac
}

main "$@"
