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

``--targets`` (issue 17s) audits each fine's TARGET instead: in the text, a fine stretch's amounts belong to the
last 对… before them in the same sentence (…；。; not 处对单位罚款数额…, and 个人 when the sentence opens with it) — responsible persons (主管人员, 责任人员, 负责人, 董事, 监事, 高级管理人员,
法定代表人, 船长…), 个人, or else the offender; in the rows, to the fine's target (``on_persons``; 个人 in the target;
else the offender). A 款 disagrees when an amount both sides carry has a different set of targets.
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


PERSONS_TEXT = re.compile(r"主管人员|责任人员|负责人|董事|监事|高级管理人员|法定代表人|船长|船员|编制人员|主持人|主要人员")
INDIVIDUAL_SUBJECT = r"(?:其他)?个人(?=有|违反|在|擅自|实施|未|不|以)"   # 个人有…的 (not 个人保险代理人)
TARGET_BEFORE = re.compile(r"(?<!处)对([^，；。对]{1,50})")    # not 处对单位罚款数额百分之五…的罚款


def _whom(phrase: str | None) -> str:
    if phrase and PERSONS_TEXT.search(phrase):
        return "persons"
    if phrase and re.match(r"(?:其他)?个人", phrase):
        return "individual"
    return "offender"


def text_targets(text: str) -> set[tuple[str, str]]:
    """(whom, numeral) of every fine stretch of a 款, whom read from the last 对… before it in its sentence."""
    found = set()
    for stretch in STRETCH.finditer(text):
        if stretch.group(0).endswith("加处罚款"):
            continue
        sentence_start = max(text.rfind(mark, 0, stretch.start()) for mark in "；。") + 1
        before = list(TARGET_BEFORE.finditer(text[sentence_start:stretch.end()]))
        for amount in AMOUNT.finditer(stretch.group(0)):
            # the last 对… that starts before this amount
            phrases = [m.group(1) for m in before if sentence_start + m.start() < stretch.start() + amount.start()]
            # 个人有前款规定行为的，处…: no 对…, the sentence's subject
            subject = re.match(INDIVIDUAL_SUBJECT, text[sentence_start:])
            found.add((_whom(phrases[-1] if phrases else subject and subject.group(0)), amount.group(0)))
    return found


def row_targets(rows: list[dict]) -> dict[int, set[tuple[str, str]]]:
    found: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for row in rows:
        for sanction in row["sanctions"]:
            paragraph = _section(sanction.get("source")) or row["paragraph"]
            for fine in sanction["fines"]:
                # no target: the row's offender, 个人 when its conduct or condition opens with it
                opening = fine.get("target") or (re.match(INDIVIDUAL_SUBJECT, sanction["condition"] or "")
                                                 or re.match(INDIVIDUAL_SUBJECT, row["conduct"] or "")) and "个人"
                whom = "persons" if fine.get("on_persons") else \
                    "individual" if _whom(opening or None) == "individual" else "offender"
                for amount in fine["amounts"]:
                    if "（以" not in (amount.get("text") or ""):
                        found[paragraph].update((whom, n) for n in amount["numerals"])
    return found


def _judge_targets(text: str, got: set[tuple[str, str]]) -> tuple[list[str], list[str], bool]:
    want = text_targets(text)
    common = {n for _, n in want} & {n for _, n in got}
    want_c, got_c = {p for p in want if p[1] in common}, {p for p in got if p[1] in common}
    return sorted(f"{w}:{n}" for w, n in want_c), sorted(f"{w}:{n}" for w, n in got_c), want_c == got_c


def target_audit(rows: list[dict], store) -> list[dict]:
    return _by_paragraph(rows, store, row_targets, _judge_targets)


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


def _judge_amounts(text: str, got: set[str]) -> tuple[list[str], list[str], bool]:
    want = text_numerals(text)
    return sorted(want), sorted(got), want == got


def audit(rows: list[dict], store) -> list[dict]:
    return _by_paragraph(rows, store, carried, _judge_amounts)


def _by_paragraph(rows: list[dict], store, carry, judge) -> list[dict]:
    """One record per 款 whose text has 罚款: ``carry(rows of its article)`` against ``judge(text, carried)``."""
    by_clause: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        by_clause[row["clause_id"]].append(row)
    result = []
    for clause_id, clause_rows in by_clause.items():
        clause = store.clause(clause_id)
        have = carry(clause_rows)
        for para in clause.paragraphs():
            if "罚款" not in para.full_text:
                continue
            want, got, agrees = judge(para.full_text, have.get(para.index, set()))
            result.append({"citation": f"{clause.document.display_short_title}{clause.article_label}第{para.index}款",
                           "clause_id": clause_id, "paragraph": para.index, "text": para.full_text,
                           "text_amounts": want, "row_amounts": got, "agrees": agrees})
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", help="a saved penalty.json (default: the current table)")
    parser.add_argument("--show", type=int, default=0, help="print this many disagreements at random")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--json", action="store_true", help="every audited 款 as JSON lines")
    parser.add_argument("--targets", action="store_true", help="audit each fine's target instead of its amounts")
    args = parser.parse_args(argv)
    corpus = Corpus()
    if args.table:
        rows = json.load(open(args.table, encoding="utf-8"))["rows"]
    else:
        from kb.penalty.table import load
        rows = load(corpus).rows
    result = (target_audit if args.targets else audit)(rows, corpus.store)
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
