"""Checks across the questions of one paper: two from one article, a stem that prints another's answer,
two questions with the same answer and options, an option printed twice (two 多选 sharing one, or two
questions offering the same four options).

The generator refuses a candidate that ``conflicts`` with those already chosen; ``paper_warnings``
lists what is left after a trainer edits a paper by hand (替换本题 / 删除本题).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PaperWarning:
    kind: str          # same_article | leak | duplicate | options
    first: int         # 0-based positions in the paper
    second: int

    def chinese(self) -> str:
        a, b = self.first + 1, self.second + 1
        if self.kind == "same_article":
            return f"第{a}题和第{b}题出自同一条文。"
        if self.kind == "leak":
            return f"第{b}题的题干含有第{a}题的答案。"
        if self.kind == "options":
            return f"第{a}题和第{b}题有相同的选项。"
        return f"第{a}题和第{b}题答案和选项相同。"

    def english(self) -> str:
        a, b = self.first + 1, self.second + 1
        return {"same_article": f"questions {a} and {b} come from the same article",
                "leak": f"the stem of question {b} gives away the answer of question {a}",
                "duplicate": f"questions {a} and {b} have the same answer and options",
                "options": f"questions {a} and {b} print the same options"}[self.kind]


def _get(q, name, default=None):
    if isinstance(q, dict):
        if name == "clause_id":
            return (q.get("source") or {}).get("clause_id")
        if name == "facts":
            return q.get("facts") or (q.get("meta") or {}).get("facts") or []
        return q.get(name, default)
    if name == "clause_id":
        return q.clause.id
    if name == "facts":
        return q.meta.get("facts") or []
    return getattr(q, name, default)


def leaks(giver, taker) -> bool:
    """Does `taker`'s stem print a fact that answers `giver`?"""
    stem = _get(taker, "stem") or ""
    return any(len(fact) >= 4 and fact in stem for fact in _get(giver, "facts"))


def duplicate(a, b) -> bool:
    """Same answer and options, the same stem, or two 多选 sharing two options."""
    options_a, options_b = set(_get(a, "options") or []), set(_get(b, "options") or [])
    if _get(a, "stem") == _get(b, "stem"):
        return True
    if _get(a, "type") == _get(b, "type") == "multiple" and len(options_a & options_b) >= 2:
        return True
    return (_get(a, "answer_text") == _get(b, "answer_text") and bool(options_a)
            and len(options_a & options_b) >= 3)


def shared_options(a, b) -> bool:
    """Two 多选 printing one option twice (a right answer of one is a wrong option of the other), or two
    questions offering the same options (人民法院/人民检察院/公安机关/司法行政部门 three times)."""
    options_a, options_b = set(_get(a, "options") or []), set(_get(b, "options") or [])
    if not options_a or not options_b:
        return False
    return options_a == options_b or (_get(a, "type") == _get(b, "type") == "multiple" and bool(options_a & options_b))


def pair_warnings(a, b, i: int, j: int) -> list[PaperWarning]:
    out = []
    if _get(a, "clause_id") is not None and _get(a, "clause_id") == _get(b, "clause_id"):
        out.append(PaperWarning("same_article", i, j))
    if leaks(a, b):
        out.append(PaperWarning("leak", i, j))
    elif leaks(b, a):
        out.append(PaperWarning("leak", j, i))
    if duplicate(a, b):
        out.append(PaperWarning("duplicate", i, j))
    elif shared_options(a, b):
        out.append(PaperWarning("options", i, j))
    return out


def conflicts(q, accepted: list) -> bool:
    """Would adding `q` leak an answer or duplicate a question already chosen? (Same article is
    limited by the generator's per-article count.)"""
    return any(w.kind != "same_article" for other in accepted for w in pair_warnings(other, q, 0, 1))


def paper_warnings(questions: list) -> list[PaperWarning]:
    out = []
    for j, b in enumerate(questions):
        for i in range(j):
            out += pair_warnings(questions[i], b, i, j)
    return out
