"""Parallel provisions: the same sentence elsewhere in the law with another value where the blank is.

"地方各级（　　）对产生它的国家权力机关负责" is 宪法第一百三十三条 about 人民法院, but 第一百三十八条 says
the same of 人民检察院, so 人民检察院 is no wrong option. "被申请人应当自收到…之日起______内，提出书面答复"
is 十日 in 普通程序 (行政复议法第四十八条) and 五日 in 简易程序 (第五十四条): a fill-in with two answers. A
false 判断 whose changed value is what a parallel sentence says is true.

A parallel is a sentence of the law holding the blank's neighbours (four characters either side) around
another value, whose other words cover at least ``MIN_COVER`` of the question's sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from difflib import SequenceMatcher

from kb.quiz.elements import normalize_answer

CONTEXT = 4
MIN_COVER = 0.9
BOUNDARY = "。；\n"


def _sentence_at(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(c, 0, start) for c in BOUNDARY) + 1
    rights = [i for i in (text.find(c, end) for c in BOUNDARY) if i >= 0]
    return left, min(rights) if rights else len(text)


def _cover(mine: str, other: str, counts: Counter) -> float:
    if not mine or len(other) < MIN_COVER * len(mine):
        return 0.0
    if sum((counts & Counter(other)).values()) < MIN_COVER * len(mine):
        return 0.0   # not even the characters are there: no need to align (most penalty sentences)
    blocks = SequenceMatcher(None, mine, other, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks) / len(mine)


def values(pool, segment: str, start: int, end: int) -> list[tuple[str, object]]:
    """(value, clause) of each parallel sentence of the law around the span [start, end) of `segment`."""
    before, after = segment[max(0, start - CONTEXT):start], segment[end:end + CONTEXT].rstrip("。")
    if len(before) + len(after) < CONTEXT:
        return []
    lead = re.escape(before) if before else r"(?:^|(?<=[，。；、\n]))"
    pattern = re.compile(lead + r"([^，。；、\n]{1,30}?)" + (re.escape(after) if after else r"(?=[，。；\n]|$)"))
    text, starts = pool.joined()
    mine = (segment[:start] + segment[end:]).rstrip("。")
    own = segment[start:end]
    counts = Counter(mine)
    out = []
    for match in pattern.finditer(text):
        value = match.group(1)
        if normalize_answer(value) == normalize_answer(own):
            continue
        left, right = _sentence_at(text, match.start(1), match.end(1))
        other = text[left:match.start(1)] + text[match.end(1):right]
        if _cover(mine, other, counts) >= MIN_COVER:
            out.append((value, pool.clauses[bisect_right(starts, match.start(1)) - 1]))
    return out


def _where(clause) -> str:
    return f"本法{clause.article_label}"


def problems(q, pool) -> list[str]:
    """A wrong option, a blank or a changed value that a parallel sentence of the law makes right."""
    meta = q.meta
    if q.type in ("single", "fill") and meta.get("segment") and meta.get("start", -1) >= 0:
        start = meta["start"]
        found = values(pool, meta["segment"], start, start + len(q.answer_text))
        if q.type == "fill" and found:
            value, clause = found[0]
            return [f"the same words in {_where(clause)} take {value!r}: the blank has two answers"]
        wrong = {normalize_answer(o): o for o in q.options if o != q.answer_text}
        return [f"wrong option {wrong[normalize_answer(v)]!r} is what {_where(c)} says in the same words"
                for v, c in found if normalize_answer(v) in wrong]
    change = q.change or {}
    if q.type == "judge" and q.answer is False and change.get("from") and meta.get("segment"):
        at = change.get("at", -1)
        found = values(pool, meta["segment"], at, at + len(change["from"]))
        new = normalize_answer(change.get("to", ""))
        return [f"the changed statement is what {_where(c)} says ({v}): it is true"
                for v, c in found if normalize_answer(v) == new]
    return []
