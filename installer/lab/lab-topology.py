#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The lab's topology: the reference deployment with real keys.

  lab-topology.py hub REFERENCE OUT HUB_PUBLIC_KEY
      the reference deployment without prod's and the laptop's WireGuard entries (`peer add` makes them again,
      with new keys), its hub interface carrying the lab's monitor11 key
  lab-topology.py restore REFERENCE FILE
      after `peer add`: prod and the laptop get back what the reference says about them beyond the tunnel
      (role, description, services), and the laptop keeps its flows only when it runs a collector
"""
import json
import sys

ONBOARDED = {"prod": "prod", "laptop": "admin-laptop"}  # reference host id -> the name `peer add` gets


def load(path):
    with open(path, encoding="utf-8") as source:
        return json.load(source)


def save(path, topology):
    with open(path, "w", encoding="utf-8") as target:
        json.dump(topology, target, indent=2)
        target.write("\n")


def hub(reference_path, out_path, hub_key):
    topology = load(reference_path)
    gone = set(ONBOARDED)
    topology["hosts"] = [h for h in topology["hosts"] if h["id"] not in gone]
    topology["interfaces"] = [i for i in topology["interfaces"] if i["host"] not in gone]
    topology["peers"] = [p for p in topology["peers"] if p["host"] not in gone
                         and not any(p["interface"] == h + "-wg0" for h in gone)]
    topology["flows"] = [f for f in topology["flows"] if f["source"] not in gone]
    for wg in topology["interfaces"]:
        if wg.get("hub"):
            wg["publicKey"] = hub_key
    save(out_path, topology)


def restore(reference_path, path):
    reference = {h["id"]: h for h in load(reference_path)["hosts"]}
    reference_flows = load(reference_path)["flows"]
    topology = load(path)
    for host in topology["hosts"]:
        for ref_id, name in ONBOARDED.items():
            if host["name"] != name:
                continue
            original = reference[ref_id]
            for key in ("role", "description", "addresses", "services"):
                if key in original:
                    host[key] = original[key]
            if ref_id == "prod":
                # The reference's own prod flows (with their storage buckets) replace the onboarding's.
                topology["flows"] = [f for f in topology["flows"] if f["source"] != host["id"]]
                topology["flows"] += [f for f in reference_flows if f["source"] == "prod"]
    save(path, topology)


def main(argv):
    if len(argv) == 5 and argv[1] == "hub":
        hub(argv[2], argv[3], argv[4])
    elif len(argv) == 4 and argv[1] == "restore":
        restore(argv[2], argv[3])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
