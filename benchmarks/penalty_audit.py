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

``--conditions`` (issue 17x) audits the CONDITION each fine stands under, for every 款 with a "…的，（并）处…罚款"
shape. In the text, a fine stretch's condition is the last comma-piece ending in 的 (without 罚款/拘留) before it in
its ；-segment, once the 款's first sanction word (由, 处, 责令, 没收, 给予, 予以) has passed — or, when the stretch's
sentence opens with such a piece (…。情节严重的，处…；对直接负责的主管人员…处…), that opening piece; none otherwise.
In the rows, a fine's condition is its sanction's condition (and the row's conduct). Fines are matched by the set of
numerals they carry, counted for their 款 (as the range audit). A 款 disagrees when a text condition is missing from
a row fine with those numerals, or a row fine stands under a condition from this 款's text the text does not attach
to it.

``--agencies`` (issue 17aa) audits the BODIES: in the text of every 款 of an article with a row, each public body
(…部门, 机关, 机构, 政府, 海关, 法院, 检察院, 委员会, 中国人民银行, 红十字会) that is the subject of a sanction verb
(由X责令/处/没收/吊销/给予…处分, X有权予以劝阻, X可以…责令, 提请X责令…); in the rows, the agencies of every sanction
counted for that 款 (its ``source``, else the row's own 款). A 款 disagrees when a text body is in no row agency (nor
a row agency in it).
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


def _by_paragraph(rows: list[dict], store, carry, judge, need: str | None = "罚款") -> list[dict]:
    """One record per 款 whose text has ``need`` (罚款; None: every 款): ``carry(rows of its article)`` against ``judge(text, carried)``."""
    by_clause: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        by_clause[row["clause_id"]].append(row)
    result = []
    for clause_id, clause_rows in by_clause.items():
        clause = store.clause(clause_id)
        have = carry(clause_rows)
        for para in clause.paragraphs():
            if need and need not in para.full_text:
                continue
            want, got, agrees = judge(para.full_text, have.get(para.index, set()))
            result.append({"citation": f"{clause.document.display_short_title}{clause.article_label}第{para.index}款",
                           "clause_id": clause_id, "paragraph": para.index, "text": para.full_text,
                           "text_amounts": want, "row_amounts": got, "agrees": agrees})
    return result


SANCTION_BEGUN = re.compile(r"由|处(?![罚理置分])|责令|没收|给予|予以")
CONDITION_PIECE = re.compile(r"^[^，；。]*的$")
# a sentence that opens with a condition (…，或者隐瞒相关事项导致发生上述情形的，处…): up to its first sanction word
OPENING = re.compile(r"^([^；。]*?的)，(?=由|处|并处|单处|责令|没收|给予|予以|对)")
ITEM_MARK = re.compile(r"^（[一二三四五六七八九十]+）")
GRADED = re.compile(r"的，(?:[^，；。]{0,20}?)(?:处|并处)[^，；。]*罚款")


def _condition_piece(piece: str) -> bool:
    """A condition of a fine: …的 without a fine or detention in it; 有前款第二项情形的 names the rows instead."""
    return bool(CONDITION_PIECE.match(piece)) and not re.search(r"罚款|拘留|前款|前两款|第[^，；。]{1,6}项", piece)


def text_conditions(text: str) -> dict[frozenset, set[str | None]]:
    """numerals of a fine stretch -> the conditions the text attaches to it (see the module docstring)."""
    begun = SANCTION_BEGUN.search(text)
    first = begun.start() if begun else len(text)
    found: dict[frozenset, set[str | None]] = defaultdict(set)
    for stretch in STRETCH.finditer(text):
        if stretch.group(0).endswith("加处罚款"):
            continue
        numerals = frozenset(m.group(0) for m in AMOUNT.finditer(stretch.group(0)))
        if not numerals:
            continue
        segment_start = max(text.rfind(mark, 0, stretch.start()) for mark in "；。\n") + 1
        sentence_start = max(text.rfind(mark, 0, stretch.start()) for mark in "。\n") + 1
        condition = None
        position = segment_start
        for piece in text[segment_start:stretch.start()].split("，"):
            if position > first and _condition_piece(piece):
                condition = piece
            position += len(piece) + 1
        opening = OPENING.match(text[sentence_start:])
        if condition is None and sentence_start > first and opening and "罚款" not in opening.group(1) \
                and _condition_piece(opening.group(1).rpartition("，")[2]):
            condition = opening.group(1).rpartition("，")[2]
        found[numerals].add(condition)
    return found


def row_conditions(rows: list[dict]) -> dict[int, dict[frozenset, list[tuple[str, str]]]]:
    """款 -> numerals of a fine -> (condition, conduct) of every row fine carrying them."""
    found: dict[int, dict[frozenset, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        for sanction in row["sanctions"]:
            paragraph = _section(sanction.get("source")) or row["paragraph"]
            for fine in sanction["fines"]:
                numerals = frozenset(n for a in fine["amounts"] if "（以" not in (a.get("text") or "")
                                     for n in a["numerals"])
                if numerals:
                    found[paragraph][numerals].append((sanction["condition"] or "", row["conduct"] or ""))
    return found


def _fits(text: str, first: int, attached: str | None, condition: str, conduct: str) -> bool:
    """A row fine's (condition, conduct) against one condition the text attaches: it has that condition, or (text:
    none) no condition that this 款's sanction part states."""
    if attached:
        return ITEM_MARK.sub("", attached).rstrip("的") in condition + conduct
    return not any(p and text.find(p) > first and _condition_piece(p) for p in condition.split("，"))


def _judge_conditions(text: str, got) -> tuple[list[str], list[str], bool]:
    want = text_conditions(text)
    got = got or {}
    begun = SANCTION_BEGUN.search(text)
    first = begun.start() if begun else len(text)
    problems = []
    for numerals, conditions in want.items():
        fines = got.get(numerals, [])
        name = "/".join(sorted(numerals))
        for condition, conduct in fines:
            if not any(_fits(text, first, c, condition, conduct) for c in conditions):
                problems.append(f"{name}: 条文“{'|'.join(sorted(c or '无' for c in conditions))}” 行“{condition or '无'}”")
        for attached in conditions:
            if fines and not any(_fits(text, first, attached, c, d) for c, d in fines):
                problems.append(f"{name}: 条文“{attached or '无'}” 无对应行")
    shown = sorted(f"{'/'.join(sorted(n))}: {'|'.join(sorted(c or '无' for c in cs))}" for n, cs in want.items())
    return shown, sorted(set(problems)), not problems


def condition_audit(rows: list[dict], store) -> list[dict]:
    audited = _by_paragraph(rows, store, row_conditions, _judge_conditions)
    return [r for r in audited if GRADED.search(r["text"])]


BODY_END = r"(?:部门|机关|机构|政府|海关|法院|检察院|委员会|中国人民银行|红十字会)"
VERB = r"(?:责令|处以?(?![罚理置分])|没收|吊销|给予[^，；。]{0,30}?处分|(?:予以)?劝阻)"
TEXT_BODY = re.compile(rf"(?:^|[，；。：]|由)(?:并|还|另)?(?:由)?(?P<a>(?:(?!提请|报请|建议|通报|经)[^，；。：由对的\n]){{0,40}}?{BODY_END})"
                       rf"(?:依法|可以|应当|有权|并|还|按照[^，；。]{{0,30}}?|依照[^，；。]{{0,30}}?|除[^，；。]{{0,40}}?外，?(?:并)?(?:可以)?)*{VERB}|"
                       rf"(?:提请|报请)(?P<b>[^，；。提\n]{{1,30}}?{BODY_END})[^，；。]{{0,20}}?{VERB}")


def text_bodies(text: str) -> set[str]:
    found = set()
    for match in TEXT_BODY.finditer(text):
        body = re.sub(r"^(?:并|还|另|可以|应当|由)+", "", match.group("a") or match.group("b"))
        if not re.search(r"单位|企业|人员|者$", body):
            found.add(body)
    return found


def row_bodies(rows: list[dict]) -> dict[int, set[str]]:
    found: dict[int, set[str]] = defaultdict(set)
    for row in rows:
        for sanction in row["sanctions"]:
            found[_section(sanction.get("source")) or row["paragraph"]].update(sanction["agencies"])
        found[row["paragraph"]].update(row["agencies"])
    return found


def _judge_bodies(text: str, got: set[str]) -> tuple[list[str], list[str], bool]:
    want = text_bodies(text)
    missing = [b for b in want if not any(b in a or a in b for a in got)]
    return sorted(want), sorted(got), not missing


def agency_audit(rows: list[dict], store) -> list[dict]:
    return _by_paragraph(rows, store, row_bodies, _judge_bodies, need=None)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", help="a saved penalty.json (default: the current table)")
    parser.add_argument("--show", type=int, default=0, help="print this many disagreements at random")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--json", action="store_true", help="every audited 款 as JSON lines")
    parser.add_argument("--targets", action="store_true", help="audit each fine's target instead of its amounts")
    parser.add_argument("--conditions", action="store_true", help="audit each fine's condition instead of its amounts")
    parser.add_argument("--agencies", action="store_true", help="audit the bodies of the sanctions instead of amounts")
    args = parser.parse_args(argv)
    corpus = Corpus()
    if args.table:
        rows = json.load(open(args.table, encoding="utf-8"))["rows"]
    else:
        from kb.penalty.table import load
        rows = load(corpus).rows
    result = (agency_audit if args.agencies else condition_audit if args.conditions else target_audit if args.targets
              else audit)(rows, corpus.store)
    bad = [r for r in result if not r["agrees"]]
    if args.json:
        for record in result:
            print(json.dumps(record, ensure_ascii=False))
        return 0
    if args.agencies:
        print(f"款 audited (every 款 of an article with a row): {len(result)}; with a body: "
              f"{sum(1 for r in result if r['text_amounts'])}; disagreements: {len(bad)}")
        for record in random.Random(args.seed).sample(bad, min(args.show, len(bad))):
            print(f"\n## {record['citation']}  text={record['text_amounts']} rows={record['row_amounts']}\n{record['text']}")
        return 0
    if args.conditions:
        print(f"款 audited (text grades a fine by a condition): {len(result)}; disagreements: {len(bad)}")
        for record in random.Random(args.seed).sample(bad, min(args.show, len(bad))):
            print(f"\n## {record['citation']}\n" + "\n".join(record["row_amounts"]) + f"\n{record['text']}")
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
