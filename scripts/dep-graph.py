#!/usr/bin/env python3
"""The workspace's crate graph from `cargo metadata`, as Mermaid for ARCHITECTURE.md, and a check that the
layering holds: domain crates (crates/) use no Bevy and no plugin; a view plugin (plugins/) depends on the
shell and the viewer context, never on another view; only the app assembles views.

    python3 scripts/dep-graph.py            # prints the graph; exits 1 if a rule is broken
    python3 scripts/dep-graph.py --check    # only the check
"""
import json
import subprocess
import sys

meta = json.loads(subprocess.run(["cargo", "metadata", "--format-version", "1", "--no-deps"], check=True, capture_output=True, text=True).stdout)
root = meta["workspace_root"]
members = {p["name"]: p for p in meta["packages"]}
INFRA = {"plant-shell", "plant-viewer-context"}


def folder(p):
    return p["manifest_path"][len(root) + 1 :].split("/")[0]


edges = []
broken = []
for name, p in sorted(members.items()):
    for d in p["dependencies"]:
        if d["name"] not in members or d["kind"] == "dev":
            continue
        edges.append((name, d["name"]))
        kind, dep_kind = folder(p), folder(members[d["name"]])
        if kind == "crates" and dep_kind != "crates":
            broken.append(f"domain crate {name} depends on {d['name']} ({dep_kind}/)")
        if kind == "plugins" and dep_kind == "plugins" and d["name"] not in INFRA and name not in INFRA:
            broken.append(f"view {name} depends on view {d['name']}")
        if kind == "plugins" and name in INFRA and dep_kind == "plugins" and d["name"] not in INFRA:
            broken.append(f"infrastructure {name} depends on view {d['name']}")
    if folder(p) == "crates" and any(d["name"] in ("bevy", "bevy_egui") for d in p["dependencies"] if d["kind"] != "dev"):
        broken.append(f"domain crate {name} depends on Bevy")

if "--check" not in sys.argv:
    print("```mermaid\ngraph LR")
    for a, b in edges:
        if b in INFRA and a != "plant-twin":
            continue  # every view uses the context and the shell: drawn once below
        print(f"  {a.replace('-', '_')} --> {b.replace('-', '_')}")
    print("  views[[every view plugin]] --> plant_viewer_context & plant_shell")
    print("```")
for b in broken:
    print(f"layering: {b}", file=sys.stderr)
sys.exit(1 if broken else 0)
