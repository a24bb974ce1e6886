"""Range audit of the penalty table (issue 17p): for every 款 of every article with a table row whose text
contains 罚款, the amounts written in its fine phrases against the amounts the rows carry.

    LAWKB_HOME=... python -m benchmarks.penalty_audit [--table penalty.json] [--show 40 --seed 17]

Text side, read by its own patterns (not by kb.penalty.amounts): every stretch of the 款 between ，；。
that ends a fine (…罚款; a per-unit fine's cap, ，总额不超过…, and a parenthesis stay with their stretch) or
follows 罚款数额为 (not …加处罚款, the enforcement charge of a fine unpaid), and in it every
amount numeral (二十万元, 一倍, 百分之十, 等值; 二万 before 以下). Row side: the numerals of every amount of
every fine the rows of the article carry, each counted for the 款 it comes from (its ``source``, else the
row's own 款); the floors ``kb.penalty.derived`` adds (…以五万元计算) are left out. A 款 disagrees when the
two sets differ. ``--table`` reads a saved penalty.json (e.g. the table before a change) instead of the
current one; the clause texts always come from the store.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import defaultdict

from kb.corpus import Corpus
from kb.numerals import CN_NUMBER_CHARS, cn_to_int

NUM = rf"(?:\d+(?:\.\d+)?|[{CN_NUMBER_CHARS}]+)"
AMOUNT = re.compile(rf"{NUM}(?:万|亿)?元|{NUM}(?:万|亿)(?=以下|以内)|{NUM}倍|百分之{NUM}|{NUM}分之{NUM}|等值|等额")
STRETCH = re.compile(r"罚款数额为[^，；。]*|(?:[^，；。（]|（[^）]*）|，(?=总额))*罚款")


def _section(label: str) -> int | None:
    match = re.fullmatch(rf"第({NUM})款", label or "")
    if not match:
        return None
    try:
        return int(match.group(1)) if match.group(1).isdigit() else cn_to_int(match.group(1))
    except ValueError:
        return None


def text_numerals(text: str) -> set[str]:
    found = set()
    for stretch in STRETCH.finditer(text):
        if stretch.group(0).endswith("加处罚款"):
            continue                                 # 每日按罚款数额的百分之三加处罚款: an enforcement charge, no fine
        for match in AMOUNT.finditer(stretch.group(0)):
            found.add(match.group(0))
    return found


def carried(rows: list[dict]) -> dict[int, set[str]]:
    """款 number -> numerals its fines carry (over every row of one article)."""
    found: dict[int, set[str]] = defaultdict(set)
    for row in rows:
        for sanction in row["sanctions"]:
            paragraph = _section(sanction.get("source")) or row["paragraph"]
            for fine in sanction["fines"]:
                for amount in fine["amounts"]:
                    if "（以" in (amount.get("text") or ""):
                        continue                     # a floor kb.penalty.derived computed
                    found[paragraph].update(amount["numerals"])
    return found


def audit(rows: list[dict], store) -> list[dict]:
    by_clause: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        by_clause[row["clause_id"]].append(row)
    result = []
    for clause_id, clause_rows in by_clause.items():
        clause = store.clause(clause_id)
        have = carried(clause_rows)
        for para in clause.paragraphs():
            if "罚款" not in para.full_text:
                continue
            want = text_numerals(para.full_text)
            got = have.get(para.index, set())
            result.append({"citation": f"{clause.document.display_short_title}{clause.article_label}第{para.index}款",
                           "clause_id": clause_id, "paragraph": para.index, "text": para.full_text,
                           "text_amounts": sorted(want), "row_amounts": sorted(got),
                           "agrees": want == got})
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", help="a saved penalty.json (default: the current table)")
    parser.add_argument("--show", type=int, default=0, help="print this many disagreements at random")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--json", action="store_true", help="every audited 款 as JSON lines")
    args = parser.parse_args(argv)
    corpus = Corpus()
    if args.table:
        rows = json.load(open(args.table, encoding="utf-8"))["rows"]
    else:
        from kb.penalty.table import load
        rows = load(corpus).rows
    result = audit(rows, corpus.store)
    bad = [r for r in result if not r["agrees"]]
    if args.json:
        for record in result:
            print(json.dumps(record, ensure_ascii=False))
        return 0
    print(f"款 audited (text contains 罚款): {len(result)}; disagreements: {len(bad)} "
          f"(text has amounts the rows lack: {sum(1 for r in bad if set(r['text_amounts']) - set(r['row_amounts']))}; "
          f"rows carry amounts the text stretches lack: {sum(1 for r in bad if set(r['row_amounts']) - set(r['text_amounts']))})")
    for record in random.Random(args.seed).sample(bad, min(args.show, len(bad))):
        print(f"\n## {record['citation']}  missing={sorted(set(record['text_amounts']) - set(record['row_amounts']))} "
              f"extra={sorted(set(record['row_amounts']) - set(record['text_amounts']))}\n{record['text']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
