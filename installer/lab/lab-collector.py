#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The lab's stand-in for Telegraf and Alloy, which have no Debian package.

Every interval (aligned to it, as Telegraf's round_interval does) it reads `wg show all dump` and /proc in its
network namespace and POSTs to InfluxDB's /write exactly the line protocol of Telegraf's inputs.wireguard,
inputs.system, inputs.mem and inputs.cpu (measurements, tags, fields, types, split points and the never-handshaked
sentinel as in the telemetry reference), timestamps in ns rounded to the second. It pushes journal-like lines to
Loki with the labels the project's generated config.alloy gives them (host, job, unit, syslog_identifier, level):
wireguard-go's own log (job wireguard) and, on a public host, fail2ban lines. It can also send a steady, bounded
stream of UDP traffic through the tunnel and sink what others send, so rx/tx rates are real and non-zero.

Standard library only. Failed writes are kept (bounded, like Telegraf's metric buffer) and sent with the next
successful one; every request has a timeout.
"""
import argparse
import decimal
import json
import os
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

NEVER_HANDSHAKE_NS = -6795364578871345152  # Go's zero time.Time through UnixNano(), as Telegraf writes it
BUFFER_LIMIT = 10000  # Telegraf's default metric_buffer_limit, also used for log lines
DISCARD_PORT = 9


def escape_tag(value):
    return value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=").replace(" ", "\\ ")


def field_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return "%di" % value
    if isinstance(value, float):
        # Go's strconv.FormatFloat(v, 'f', -1, 64): the shortest exact digits, never an exponent or a ".0".
        text = repr(value)
        if "e" in text:
            text = format(decimal.Decimal(text), "f")
        return text[:-2] if text.endswith(".0") else text
    return '"%s"' % str(value).replace("\\", "\\\\").replace('"', '\\"')


def line(measurement, tags, fields, timestamp_ns):
    """One point as Telegraf's serializer writes it: tags and fields sorted by key."""
    tag_text = "".join(",%s=%s" % (escape_tag(k), escape_tag(v)) for k, v in sorted(tags.items()))
    field_text = ",".join("%s=%s" % (escape_tag(k), field_value(v)) for k, v in sorted(fields.items()))
    return "%s%s %s %d" % (measurement, tag_text, field_text, timestamp_ns)


def wireguard_lines(dump, host, timestamp_ns):
    """inputs.wireguard: two points per device and two per peer (fields, then gauges), same timestamp."""
    devices = {}
    peers = []
    for raw in dump.splitlines():
        parts = raw.split("\t")
        if len(parts) == 5:
            devices[parts[0]] = {"listen_port": int(parts[3]), "fwmark": parts[4], "peers": 0}
        elif len(parts) == 9:
            peers.append(parts)
            if parts[0] in devices:
                devices[parts[0]]["peers"] += 1
    out = []
    for name, device in sorted(devices.items()):
        tags = {"host": host, "name": name, "type": "userspace"}
        mark = 0 if device["fwmark"] == "off" else int(device["fwmark"], 16)
        out.append(line("wireguard_device", tags, {"listen_port": device["listen_port"], "firewall_mark": mark},
                        timestamp_ns))
        out.append(line("wireguard_device", tags, {"peers": device["peers"]}, timestamp_ns))
    for device, public_key, _psk, endpoint, allowed, handshake, rx, tx, keepalive in peers:
        tags = {"device": device, "host": host, "public_key": public_key}
        cidrs = [] if allowed == "(none)" else allowed.split(",")
        fields = {
            "persistent_keepalive_interval_ns": 0 if keepalive == "off" else int(keepalive) * 1000000000,
            "protocol_version": 1,
            "allowed_ips": len(cidrs),
        }
        if cidrs:
            fields["allowed_peer_cidr"] = ",".join(cidrs)
        if endpoint != "(none)":
            fields["endpoint"] = endpoint
        out.append(line("wireguard_peer", tags, fields, timestamp_ns))
        handshake_ns = int(handshake) * 1000000000 if int(handshake) > 0 else NEVER_HANDSHAKE_NS
        out.append(line("wireguard_peer", tags,
                        {"last_handshake_time_ns": handshake_ns, "rx_bytes": int(rx), "tx_bytes": int(tx)},
                        timestamp_ns))
    return out


def uptime_format(uptime):
    days, rest = divmod(uptime, 86400)
    text = ""
    if days:
        text = "%d day%s, " % (days, "s" if days > 1 else "")
    return text + "%2d:%02d" % (rest // 3600, rest // 60 % 60)


def logged_in_users():
    """n_users and n_unique_users from utmp, as gopsutil's host.Users counts USER_PROCESS records."""
    users = []
    try:
        with open("/var/run/utmp", "rb") as utmp:
            data = utmp.read()
    except OSError:
        return 0, 0
    for offset in range(0, len(data) - 383, 384):
        if struct.unpack_from("<h", data, offset)[0] == 7:
            users.append(data[offset + 44:offset + 76].split(b"\0")[0])
    return len(users), len(set(users))


def cpu_counts():
    logical = os.cpu_count() or 1
    cores = set()
    physical = "0"
    with open("/proc/cpuinfo") as cpuinfo:
        for raw in cpuinfo:
            key, _, value = raw.partition(":")
            if key.strip() == "physical id":
                physical = value.strip()
            elif key.strip() == "core id":
                cores.add((physical, value.strip()))
    return logical, len(cores) or logical


def system_lines(host, timestamp_ns):
    """inputs.system with the default include = ["legacy"]: three points with the same timestamp."""
    with open("/proc/loadavg") as loadavg:
        load1, load5, load15 = (float(v) for v in loadavg.read().split()[:3])
    with open("/proc/uptime") as uptime_file:
        uptime = int(float(uptime_file.read().split()[0]))
    n_cpus, n_physical = cpu_counts()
    n_users, n_unique = logged_in_users()
    tags = {"host": host}
    return [
        line("system", tags, {"load1": load1, "load5": load5, "load15": load15, "n_cpus": n_cpus,
                              "n_physical_cpus": n_physical, "n_users": n_users, "n_unique_users": n_unique},
             timestamp_ns),
        line("system", tags, {"uptime": uptime}, timestamp_ns),
        line("system", tags, {"uptime_format": uptime_format(uptime)}, timestamp_ns),
    ]


MEMINFO_FIELDS = {
    "Active": "active", "Buffers": "buffered", "Cached": "cached", "CommitLimit": "commit_limit",
    "Committed_AS": "committed_as", "Dirty": "dirty", "MemFree": "free", "Inactive": "inactive",
    "Mapped": "mapped", "Shmem": "shared", "Slab": "slab", "SReclaimable": "sreclaimable",
    "SUnreclaim": "sunreclaim", "SwapCached": "swap_cached", "SwapFree": "swap_free", "SwapTotal": "swap_total",
    "MemTotal": "total", "VmallocTotal": "vmalloc_total", "VmallocUsed": "vmalloc_used", "Writeback": "write_back",
    "MemAvailable": "available", "HugePages_Total": "huge_pages_total", "HugePages_Free": "huge_pages_free",
    "Hugepagesize": "huge_page_size", "PageTables": "page_tables", "LowFree": "low_free", "LowTotal": "low_total",
}


def mem_lines(host, timestamp_ns):
    """inputs.mem (gopsutil's VirtualMemory): bytes as ints, percentages as floats."""
    values = {}
    with open("/proc/meminfo") as meminfo:
        for raw in meminfo:
            key, _, rest = raw.partition(":")
            parts = rest.split()
            if key in MEMINFO_FIELDS and parts:
                factor = 1024 if len(parts) > 1 and parts[1] == "kB" else 1
                values[MEMINFO_FIELDS[key]] = int(parts[0]) * factor
    total = values.get("total", 0)
    values["used"] = total - values.get("free", 0) - values.get("buffered", 0) - values.get("cached", 0)
    if total:
        values["used_percent"] = 100.0 * values["used"] / total
        values["available_percent"] = 100.0 * values.get("available", 0) / total
    return [line("mem", {"host": host}, values, timestamp_ns)]


CPU_COLUMNS = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal", "guest", "guest_nice"]


class CpuUsage:
    """inputs.cpu's cpu-total usage_* (percent of the interval); nothing on the first gather, as Telegraf."""

    def __init__(self):
        self.previous = None

    def lines(self, host, timestamp_ns):
        with open("/proc/stat") as stat:
            values = [int(v) for v in stat.readline().split()[1:11]]
        previous, self.previous = self.previous, values
        if previous is None:
            return []
        delta = [now - before for now, before in zip(values, previous)]
        # /proc/stat counts guest time inside user and nice as well; Telegraf's total leaves it out.
        total = sum(delta[:8])
        if total <= 0:
            return []
        fields = {"usage_" + name: 100.0 * d / total for name, d in zip(CPU_COLUMNS, delta)}
        return [line("cpu", {"cpu": "cpu-total", "host": host}, fields, timestamp_ns)]


def post(url, body, content_type, timeout):
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return 200 <= answer.status < 300, "HTTP %d" % answer.status
    except urllib.error.HTTPError as error:
        return False, "HTTP %d %s" % (error.code, error.read(300).decode("utf-8", "replace"))
    except (urllib.error.URLError, OSError) as error:
        return False, str(error)


class Output:
    """A bounded buffer in front of one server: what could not be sent goes with the next attempt."""

    def __init__(self, name, send):
        self.name = name
        self.send = send
        self.pending = []
        self.last_error = None

    def flush(self, items):
        self.pending = (self.pending + items)[-BUFFER_LIMIT:]
        if not self.pending:
            return
        ok, message = self.send(self.pending)
        if ok:
            self.pending = []
            if self.last_error:
                log("%s: writing again" % self.name)
            self.last_error = None
        elif message != self.last_error:
            log("%s: %s (%d kept)" % (self.name, message, len(self.pending)))
            self.last_error = message


class LogTail:
    """New lines of a file (wireguard-go's log), from where the last read stopped."""

    def __init__(self, path):
        self.path = path
        self.offset = 0
        self.partial = b""

    def read(self):
        try:
            with open(self.path, "rb") as source:
                source.seek(self.offset)
                data = source.read(1 << 20)
                self.offset += len(data)
        except OSError:
            return []
        lines = (self.partial + data).split(b"\n")
        self.partial = lines.pop()
        return [raw.decode("utf-8", "replace") for raw in lines if raw.strip()]


FAIL2BAN_SOURCES = ["203.0.113.%d" % n for n in (7, 19, 23, 42, 77, 101)]


def fail2ban_line(step, now):
    stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(now)) + ",%03d" % int(now % 1 * 1000)
    address = FAIL2BAN_SOURCES[step % len(FAIL2BAN_SOURCES)]
    if step % 3 == 2:
        return "notice", "%s fail2ban.actions        [812]: NOTICE  [sshd] Ban %s" % (stamp, address)
    return "info", "%s fail2ban.filter         [812]: INFO    [sshd] Found %s - %s" % (
        stamp, address, time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(now)))


def loki_body(host, entries):
    streams = {}
    for labels, timestamp_ns, text in entries:
        key = tuple(sorted(labels.items()))
        streams.setdefault(key, []).append([str(timestamp_ns), text])
    return json.dumps({"streams": [{"stream": dict({"host": host}, **dict(key)), "values": values}
                                   for key, values in streams.items()]}).encode()


WIREGUARD_LABELS = {"job": "wireguard", "unit": "wg-quick@wg0.service", "syslog_identifier": "wireguard-go",
                    "level": "info"}


def fail2ban_labels(level):
    return {"job": "fail2ban", "unit": "fail2ban.service", "syslog_identifier": "fail2ban-server", "level": level}


def traffic(targets, rate, stop):
    """A steady stream of UDP datagrams through the tunnel: rate bytes per second in ten packets."""
    sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    payload = b"x" * max(1, min(1400, rate // 10))
    next_send = time.monotonic()
    while not stop.is_set():
        for target in targets:
            try:
                sender.sendto(payload, (target, DISCARD_PORT))
            except OSError:
                pass  # the tunnel is cut: WireGuard drops it, the next packet tries again
        next_send += 0.1
        stop.wait(max(0.0, next_send - time.monotonic()))


def sink(address, stop):
    """The discard service on the tunnel address, so the peers' traffic is received rather than refused."""
    receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for _ in range(300):  # the address may come up just after us: at most 30 s
        try:
            receiver.bind((address, DISCARD_PORT))
            break
        except OSError:
            if stop.wait(0.1):
                return
    receiver.settimeout(1.0)
    while not stop.is_set():
        try:
            receiver.recv(65536)
        except socket.timeout:
            pass
        except OSError:
            stop.wait(0.1)


def log(message):
    print(time.strftime("%H:%M:%S ") + message, flush=True)


def wg_dump(devices):
    """`wg show all dump`, or with Telegraf's devices option only those (prefixed with their name the same way):
    wireguard-go's sockets are not per namespace, so the lab names its own interface."""
    commands = [["wg", "show", "all", "dump"]] if not devices else [["wg", "show", d, "dump"] for d in devices]
    text = ""
    for command in commands:
        try:
            out = subprocess.run(command, capture_output=True, text=True, timeout=10).stdout
        except (OSError, subprocess.TimeoutExpired) as error:
            log("%s: %s" % (" ".join(command), error))
            continue
        text += out if not devices else "".join("%s\t%s\n" % (command[2], raw) for raw in out.splitlines())
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", required=True, help="the host tag and label (Telegraf's hostname)")
    parser.add_argument("--influx-url", required=True, help="e.g. http://10.10.0.11:8086")
    parser.add_argument("--database", default="telegraf")
    parser.add_argument("--loki-url", help="e.g. http://10.10.0.11:3100")
    parser.add_argument("--interval", type=float, default=10.0, help="seconds between gathers (default 10)")
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds per request (Telegraf's default 5)")
    parser.add_argument("--device", action="append", default=[],
                        help="a WireGuard interface to report (Telegraf's devices; default all)")
    parser.add_argument("--wireguard-log", help="wireguard-go's log file, shipped as job wireguard")
    parser.add_argument("--fail2ban", action="store_true", help="also ship fail2ban lines (a public host)")
    parser.add_argument("--traffic-to", action="append", default=[], help="tunnel address to send traffic to")
    parser.add_argument("--traffic-rate", type=int, default=4000, help="bytes per second to each (default 4000)")
    parser.add_argument("--sink", help="tunnel address to receive traffic on (UDP discard port)")
    parser.add_argument("--count", type=int, default=0, help="stop after this many gathers (0 = run until killed)")
    args = parser.parse_args()

    stop = threading.Event()
    if args.traffic_to:
        threading.Thread(target=traffic, args=(args.traffic_to, args.traffic_rate, stop), daemon=True).start()
    if args.sink:
        threading.Thread(target=sink, args=(args.sink, stop), daemon=True).start()

    write_url = "%s/write?db=%s" % (args.influx_url.rstrip("/"), urllib.request.quote(args.database))
    influx = Output("InfluxDB", lambda lines: post(write_url, ("\n".join(lines) + "\n").encode(),
                                                   "text/plain; charset=utf-8", args.timeout))
    loki = None
    if args.loki_url:
        push_url = args.loki_url.rstrip("/") + "/loki/api/v1/push"
        loki = Output("Loki", lambda entries: post(push_url, loki_body(args.host, entries), "application/json",
                                                   args.timeout))
    tail = LogTail(args.wireguard_log) if args.wireguard_log else None
    cpu = CpuUsage()
    log("collecting as %s every %g s" % (args.host, args.interval))
    step = 0
    while args.count == 0 or step < args.count:
        # round_interval: gather on multiples of the interval, so each of the app's rate buckets holds one sample.
        now = time.time()
        time.sleep(args.interval - now % args.interval)
        gathered = time.time()
        timestamp_ns = int(gathered) * 1000000000
        metrics = wireguard_lines(wg_dump(args.device), args.host, timestamp_ns)
        metrics += system_lines(args.host, timestamp_ns) + mem_lines(args.host, timestamp_ns)
        metrics += cpu.lines(args.host, timestamp_ns)
        influx.flush(metrics)
        if loki:
            entries = [(WIREGUARD_LABELS, time.time_ns(), text) for text in (tail.read() if tail else [])]
            if args.fail2ban:
                level, text = fail2ban_line(step, gathered)
                entries.append((fail2ban_labels(level), time.time_ns(), text))
            loki.flush(entries)
        step += 1
    stop.set()
    return 0


if __name__ == "__main__":
    sys.exit(main())
