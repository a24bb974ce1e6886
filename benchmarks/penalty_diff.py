"""Whole-table diff of two penalty tables (issue 17p): rows added and dropped, and for rows in both,
changed ranges (every fine of every sanction, with its condition and target), agencies, conducts and first
obligation links (the 违反条款 the hand check judges).

    LAWKB_HOME=... python -m benchmarks.penalty_diff BEFORE.json [AFTER.json] [--show 20 --seed 17]

BEFORE/AFTER are saved ``penalty.json`` files (AFTER defaults to the current table). ``--show`` prints that
many changed rows at random (and every added or dropped row, up to the same number each).
"""

from __future__ import annotations

import argparse
import json
import random
import sys


def fines(row: dict) -> list[str]:
    return [f"{s['condition'] or ''}|{f.get('target') or ''}|{f.get('label') or f['status']}"
            for s in row["sanctions"] for f in s["fines"]]


def first_link(row: dict) -> str:
    refs = row["references"]
    return f"{refs[0]['label']} ({refs[0]['how']})" if refs else "none"


def _load(path: str | None) -> dict[str, dict]:
    if path:
        rows = json.load(open(path, encoding="utf-8"))["rows"]
    else:
        from kb.corpus import Corpus
        from kb.penalty.table import load
        rows = load(Corpus()).rows
    return {row["id"]: row for row in rows}


def diff(before: dict[str, dict], after: dict[str, dict]) -> dict:
    both = sorted(set(before) & set(after))
    return {
        "added": sorted(set(after) - set(before)), "dropped": sorted(set(before) - set(after)),
        "ranges": [i for i in both if fines(before[i]) != fines(after[i])],
        "agencies": [i for i in both if before[i]["agencies"] != after[i]["agencies"]],
        "conducts": [i for i in both if before[i]["conduct"] != after[i]["conduct"]],
        "links": [i for i in both if first_link(before[i]) != first_link(after[i])],
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before")
    parser.add_argument("after", nargs="?")
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args(argv)
    before, after = _load(args.before), _load(args.after)
    result = diff(before, after)
    print(f"rows before {len(before)}, after {len(after)}; " + ", ".join(f"{k} {len(v)}" for k, v in result.items()))
    rng = random.Random(args.seed)
    for kind in ("added", "dropped"):
        for row_id in result[kind][:args.show]:
            row = (after if kind == "added" else before)[row_id]
            print(f"\n[{kind}] {row['citation']} {row_id}: {row['conduct'][:60]} | {row['agencies']} | {fines(row)}")
    changed = sorted(set(result["ranges"]) | set(result["agencies"]) | set(result["conducts"]) | set(result["links"]))
    for row_id in rng.sample(changed, min(args.show, len(changed))):
        old, new = before[row_id], after[row_id]
        print(f"\n[changed] {new['citation']} {row_id}\n  text: {new['text'][:300]}")
        for key, value in (("conduct", lambda r: r["conduct"][:70]), ("agencies", lambda r: r["agencies"]),
                           ("fines", fines), ("first link", first_link)):
            if value(old) != value(new):
                print(f"  {key}: {value(old)}\n      → {value(new)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
