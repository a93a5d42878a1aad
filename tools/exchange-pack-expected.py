#!/usr/bin/env python3
"""Rewrites dwell-cli/src/test/resources/exchange-pack-expected.tsv from a scan of examples/.

Usage: ./dwell scan examples/ --out /tmp/x && python3 tools/exchange-pack-expected.py /tmp/x/findings.jsonl
Review the diff against examples/README.md before committing: ExchangePackIT compares the pack's findings
on examples/ with this file, line for line.
"""
import glob
import json
import os
import re
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rules = os.path.join(root, "dwell-core/src/main/resources/dwell/builtin/exchange/sigma")
expected = os.path.join(root, "dwell-cli/src/test/resources/exchange-pack-expected.tsv")

ids = set()
for f in glob.glob(os.path.join(rules, "*.yml")):
    m = re.search(r"^id: *(\S+)", open(f, encoding="utf-8").read(), re.M)
    ids.add(m.group(1))

rows = []
for line in open(sys.argv[1], encoding="utf-8"):
    f = json.loads(line)
    d = f["detector"]
    if d == "sigma" and f["rule"]["id"] not in ids:
        continue
    if d == "ioc" and not f.get("details", {}).get("feed", "").startswith("builtin:exchange/"):
        continue
    if d not in ("sigma", "ioc", "exchange"):
        continue
    e = f["evidence"]
    t = f["time"]
    if d != "sigma" and e["line"] == 0 and e["record"] == 0:
        p = os.path.join(root, e["path"])
        if os.path.isfile(p):
            t = "mtime"  # file findings are dated by the file's mtime, which a checkout sets
    rows.append("\t".join([t, d, f["rule"]["level"], f["rule"]["id"], e["path"], str(e["line"]), f["rule"]["title"][:90]]))

header = [l for l in open(expected, encoding="utf-8").read().splitlines() if l.startswith("#")]
open(expected, "w", encoding="utf-8").write("\n".join(header + rows) + "\n")
print(len(rows), "findings written to", expected)
