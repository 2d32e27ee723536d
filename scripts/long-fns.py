#!/usr/bin/env python3
"""Functions in crates/ and plugins/ longer than a limit (default 120 lines), by brace matching.

    python3 scripts/long-fns.py [LIMIT]     # lists them; exits 1 if any
Generated data tables are not functions and are not counted."""
import pathlib
import re
import sys

limit = int(sys.argv[1]) if len(sys.argv) > 1 else 120
root = pathlib.Path(__file__).resolve().parent.parent
fn_re = re.compile(r"^\s*(pub(\([^)]*\))?\s+)?(async\s+)?(const\s+)?fn\s+(\w+)")
long = []
for path in sorted(list(root.glob("crates/*/src/**/*.rs")) + list(root.glob("plugins/*/src/**/*.rs"))):
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        m = fn_re.match(lines[i])
        if not m:
            i += 1
            continue
        depth, started, j = 0, False, i
        while j < len(lines):
            code = re.sub(r'"(\\.|[^"\\])*"', '""', lines[j].split("//")[0])
            depth += code.count("{") - code.count("}")
            started = started or "{" in code
            if started and depth <= 0:
                break
            if not started and code.rstrip().endswith(";"):
                break
            j += 1
        n = j - i + 1
        if started and n > limit:
            long.append((n, f"{path.relative_to(root)}:{i + 1}", m.group(5)))
        i = i + 1
for n, where, name in sorted(long, reverse=True):
    print(f"{n:5} {where} {name}")
sys.exit(1 if long else 0)
