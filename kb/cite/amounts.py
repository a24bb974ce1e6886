"""Amount check of a draft: does the fine it states lie inside the cited sanction clause's range?

A fine the draft decides ("罚款五万元", "处罚款人民币50,000元", "处以伍万元罚款") belongs to the
nearest citation of a clause that sets a fine in yuan — the last one before it in the same
paragraph, else the first after it in the same sentence. Ranges quoted from the statute (二十万元以上
一百万元以下) are not decided amounts and are skipped. The clause is the version resolved on the
decision date; its rows come from ``kb.penalty.rows``.

Verdict per citation (``amount``): ``within`` / ``below_range`` / ``above_range`` with the range
quoted, or ``not_applicable`` (not a fining clause, no amount stated for it, or a fine counted
on 违法所得/货值 that only a person can check). Conditional ranges (其中，污染物为工业噪声的…; 情节严重的…)
count only when the draft mentions their condition. A fine below the floor of a multiple fine that applies (…五倍以下的罚款，
但罚款不得低于二千元) and inside no yuan range is ``below_range``, the floor quoted.
"""

from __future__ import annotations

import re

from kb.cite.changes import yuan
from kb.numerals import CN_NUMBER_CHARS
from kb.penalty.amounts import number
from kb.penalty.table import rows_of_clause

NUMERAL = rf"[\d,，.]+|[{CN_NUMBER_CHARS}]+"
STATED = re.compile(rf"(?P<n>{NUMERAL})\s*(?P<u>万)?\s*元(?:整)?")
RANGE_WORDS = re.compile(r"^\s*(?:以上|以下|以内|至|到|-|—|～)")
CONDITION_STOP = set("的为了在和与或者其中情节污染物")
LABELS = {"within": "在法定幅度内", "below_range": "低于法定下限", "above_range": "高于法定上限",
          "not_applicable": "不适用"}


def stated_fines(text: str) -> list[tuple[int, int, float, str]]:
    """(start, end, yuan, text) of every fine amount the draft decides (罚款…元, or …元 followed by 罚款)."""
    found = []
    for match in STATED.finditer(text):
        before = text[max(0, match.start() - 14):match.start()]
        after = text[match.end():match.end() + 6]
        if "罚款" not in before and "罚款" not in after:
            continue
        if RANGE_WORDS.match(after) or re.search(r"(?:以上|至|到)\s*$", before):
            continue
        try:
            value = number(match.group("n").replace("，", ","))
        except ValueError:
            continue
        value *= 10_000 if match.group("u") else 1
        if value <= 0:
            continue
        start = before.rfind("罚款")
        shown_start = match.start() - len(before) + start if start >= 0 else match.start()
        found.append((shown_start, match.end(), value, text[shown_start:match.end()]))
    return found


def _condition_met(condition: str, text: str) -> bool:
    """The draft mentions the condition: its distinctive words (two characters or more) all occur."""
    words = [w for w in re.split(r"[，、的为是其中或者和与]+", condition.replace("情节", "情节 ")) if len(w) >= 2]
    words = [w for w in words if w not in ("污染物", "拒不", "造成")]
    return bool(words) and all(w in text for w in words)


def _applicable(rows, draft_text: str):
    """(condition, fine) of every fine on the offender that may apply: base fines, then conditions met in the draft."""
    for row in rows:
        for sanction in row.sanctions:
            if sanction.condition is None or _condition_met(sanction.condition, draft_text):
                yield from ((sanction.condition, fine) for fine in sanction.fines if not fine.on_persons)


def _ranges(fines) -> list[tuple[float, float, str, str | None]]:
    """(min, max, label, condition) yuan ranges among the applicable (condition, fine) pairs."""
    return [(fine.yuan.min or 0.0, fine.yuan.max, fine.yuan.label, condition)
            for condition, fine in fines if fine.yuan is not None and fine.yuan.max is not None]


def _floors(fines) -> list[tuple[float, str, str | None]]:
    """(floor, label, condition) of every applicable multiple fine that states a floor in yuan (…百分之五十以上五倍以下
    的罚款，但罚款不得低于二千元; issue 17ss)."""
    return [(a.floor, fine.label, condition) for condition, fine in fines
            for a in fine.amounts if a.kind == "multiple" and a.floor]


def amount_verdict(value: float, rows, draft_text: str, label: str) -> dict | None:
    """The verdict on a stated fine; None when no yuan range nor floor can be checked. A fine below the floor of a
    multiple fine that applies, and inside no yuan range, is ``below_range``, the floor quoted (issue 17ss)."""
    fines = list(_applicable(rows, draft_text))
    ranges = _ranges(fines)
    under = [f for f in _floors(fines) if value < f[0]]
    if under and not any(r[0] <= value <= r[1] for r in ranges):
        floor, text, condition = max(under)
        shown = yuan(value) if float(value).is_integer() else f"{value:g}元"
        where = f"{label}{('（' + condition + '）') if condition else ''}"
        return {"verdict": "below_range", "label": LABELS["below_range"], "stated": value, "range": text,
                "range_min": floor, "range_max": None, "condition": condition,
                "message": f"罚款{shown}低于{where}规定的罚款下限{yuan(floor)}（{text}）"}
    return _verdict(value, ranges, label) if ranges else None


def _fining_rows(corpus, resolution):
    if resolution.verdict not in ("ok", "not_in_force") or not resolution.clauses:
        return []
    clause = resolution.clauses[0]
    rows = rows_of_clause(corpus.store, clause.focus(None))
    if clause.paragraph is not None:
        rows = [r for r in rows if r.paragraph == clause.paragraph and (clause.item is None or r.item in (None, clause.item))]
    return [r for r in rows if any(f.amounts or f.status != "parsed" for s in r.sanctions for f in s.fines)]


def _verdict(value: float, ranges, label: str) -> dict:
    base = [r for r in ranges if r[3] is None] or ranges
    inside = [r for r in ranges if r[0] <= value <= r[1]]
    if inside:
        low, high, text, condition = inside[0]
        verdict = "within"
    else:
        low = min(r[0] for r in base)
        high = max(r[1] for r in base)
        closest = min(base, key=lambda r: min(abs(value - r[0]), abs(value - r[1])))
        _, _, text, condition = closest
        verdict = "below_range" if value < low else "above_range" if value > high else "below_range"
        if low <= value <= high:   # between two ranges of a clause (e.g. 报告书/报告表): name the nearer one
            verdict = "below_range" if value < closest[0] else "above_range"
    shown = yuan(value) if float(value).is_integer() else f"{value:g}元"
    where = f"{label}{('（' + condition + '）') if condition else ''}"
    message = {"within": f"罚款{shown}在{where}规定的{text}幅度内",
               "below_range": f"罚款{shown}低于{where}规定的{text}",
               "above_range": f"罚款{shown}高于{where}规定的{text}"}[verdict]
    return {"verdict": verdict, "label": LABELS[verdict], "stated": value, "range": text,
            "range_min": low if verdict == "within" else min(r[0] for r in base),
            "range_max": high if verdict == "within" else max(r[1] for r in base),
            "condition": condition, "message": message}


def check_amounts(corpus, report) -> None:
    """Set ``amount`` on every citation result of a report (see the module docstring)."""
    text = report.draft.text
    fines = stated_fines(text)
    fining = [(result, _fining_rows(corpus, result.resolution)) for result in report.results]
    owners: dict[int, list[tuple[int, int, float, str]]] = {}
    for fine in fines:
        start = fine[0]
        paragraph_start = text.rfind("\n", 0, start) + 1
        sentence_end = min([i for i in (text.find("。", start), text.find("\n", start)) if i >= 0] or [len(text)])
        before = [i for i, (r, rows) in enumerate(fining) if rows and paragraph_start <= r.extracted.ref.span[0] < start]
        after = [i for i, (r, rows) in enumerate(fining) if rows and start < r.extracted.ref.span[0] <= sentence_end]
        owner = before[-1] if before else (after[0] if after else None)
        if owner is not None:
            owners.setdefault(owner, []).append(fine)
    for index, (result, rows) in enumerate(fining):
        label = result.resolution.clauses[0].article_label if result.resolution.clauses else ""
        if not rows:
            result.amount = {"verdict": "not_applicable", "label": LABELS["not_applicable"],
                             "message": "所引条文不是设定罚款数额的条款"}
            continue
        stated = owners.get(index)
        if not stated:
            result.amount = {"verdict": "not_applicable", "label": LABELS["not_applicable"],
                             "message": "文中未找到依据该条作出的罚款金额"}
            continue
        start, end, value, shown = stated[-1]
        verdict = amount_verdict(value, rows, text, label)
        if verdict is None:
            result.amount = {"verdict": "not_applicable", "label": LABELS["not_applicable"], "stated": value,
                             "stated_text": shown, "span": [start, end],
                             "message": "该条罚款按倍数（违法所得、货值金额等）计算或未写明数额，请人工核对"}
            continue
        result.amount = {**verdict, "stated_text": shown, "span": [start, end]}
