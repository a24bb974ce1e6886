"""Checks every question must pass before anyone sees it.

The answer follows from the source clause; a 单选 has exactly one correct option; options are
distinct and of one kind; the stem does not give the answer away; no blank on a function word; a
false 判断 differs from the source in exactly one element. ``problems(q)`` lists what is wrong.
"""

from __future__ import annotations

import re

from kb.quiz.elements import MODAL_OPTIONS, kind_of, normalize_answer
from kb.quiz.question import (BLANK, FILL_BLANK, LETTERS, TYPES, Question, according, clean_item,
                              truncated_start)
from kb.quiz.source_question import label

FUNCTION_WORDS = {"的", "了", "和", "与", "及", "以及", "或", "或者", "在", "对", "由", "其", "并", "等", "是", "为",
                  "被", "将", "从", "按照", "依照", "根据", "有关", "相关", "其他"}
PAIRS = (("“", "”"), ("（", "）"), ("《", "》"))


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _common(q: Question) -> list[str]:
    out = []
    if q.type not in TYPES:
        out.append(f"unknown type {q.type}")
    if not q.stem or "\n" in q.stem:
        out.append("empty or multi-line stem")
    if not q.explanation or q.clause.citation() not in q.explanation:
        out.append("explanation lacks the citation")
    if not q.clause.text.strip():
        out.append("no source text")
    body = _body(q)
    if truncated_start(body.lstrip("“")):
        out.append("stem starts mid-word (damaged source text)")
    if re.search("[元日倍年月]下列哪些", q.stem):
        out.append("下列哪些 put in place of an amount's 以下")
    for left, right in PAIRS:
        if q.stem.count(left) != q.stem.count(right):
            out.append(f"unbalanced {left}{right} in stem")
    if len(set(normalize_answer(o) for o in q.options)) != len(q.options):
        out.append("options not distinct")
    if any(not o.strip() for o in q.options):
        out.append("empty option")
    return out


def _body(q: Question) -> str:
    prefix = according(q.clause)
    return q.stem[len(prefix):] if q.stem.startswith(prefix) else q.stem


def _blank_checks(q: Question, blank: str) -> list[str]:
    out = []
    body = _body(q)
    segment, start, answer = q.meta.get("segment", ""), q.meta.get("start", -1), q.answer_text
    if body.count(blank) != 1:
        out.append("stem must hold exactly one blank")
    if segment[start:start + len(answer)] != answer:
        out.append("answer is not at the blank in the source sentence")
    if body.replace(blank, answer) != segment:
        out.append("stem is not the source sentence with the answer blanked")
    if _flat(segment.rstrip("。")) not in _flat(q.clause.focus_text) and \
            _flat(clean_item(segment)) not in _flat(q.clause.focus_text):
        out.append("sentence not found in the source clause")
    if answer in body.replace(blank, ""):
        out.append("stem gives the answer away")
    if answer in FUNCTION_WORDS or len(answer) < 2:
        out.append(f"blank on a function word {answer!r}")
    return out


def _single(q: Question) -> list[str]:
    out = _blank_checks(q, BLANK)
    if len(q.options) != 4:
        out.append("a 单选 needs four options")
    if q.answer not in LETTERS[: len(q.options)] or q.options[LETTERS.index(q.answer)] != q.answer_text:
        return out + ["answer letter does not point at the answer"]
    segment, start, answer = q.meta["segment"], q.meta["start"], q.answer_text
    correct = 0
    for option in q.options:
        filled = segment[:start] + option + segment[start + len(answer):]
        if _flat(filled.rstrip("。")) in _flat(q.clause.text) or option == answer:
            correct += 1
        if option != answer and q.element != "modal" and option in q.clause.text:
            out.append(f"distractor {option!r} appears in the source article")
    if correct != 1:
        out.append(f"{correct} options are true")
    if q.element == "modal":
        if not set(q.options) <= set(MODAL_OPTIONS):
            out.append("modal options outside the modal set")
    elif q.element != "term":
        kinds = {kind_of(o) for o in q.options}
        if kinds != {q.element}:
            out.append(f"options of mixed kinds {kinds}")
    return out


def _multiple(q: Question) -> list[str]:
    out = []
    items = {clean_item(i) for p in q.clause.paragraphs() if p.index == q.clause.paragraph for i in p.items}
    if not 4 <= len(q.options) <= 5:
        out.append("a 多选 needs four or five options")
    right = [o for o in q.options if o in items]
    if [LETTERS[q.options.index(o)] for o in right] != list(q.answer):
        out.append("answer letters do not match the listed 项")
    if len(right) < 2 or len(right) == len(q.options):
        out.append("a 多选 needs at least two right and one wrong option")
    for option in q.options:
        if option not in items and option in q.clause.text:
            out.append(f"distractor {option!r} is in the source article")
    from kb.quiz.multiple_choice import same_rule

    if any(same_rule(lead, q.meta.get("lead", "")) for lead in q.meta.get("wrong_leads", [])):
        out.append("a wrong option comes from a list with the same rule, so it is right too")
    if "哪些" not in q.stem:
        out.append("stem does not ask which")
    return out


def _judge(q: Question) -> list[str]:
    out = []
    statement = q.meta.get("statement", "")
    if q.stem != according(q.clause) + statement:
        out.append("stem is not the statement")
    source = _flat(q.clause.focus_text)
    if q.answer is True:
        if q.change or (_flat(statement.rstrip("。")) not in source and _flat(clean_item(statement)) not in source):
            out.append("a true statement must restate the source")
        return out
    change, segment = q.change or {}, q.meta.get("segment", "")
    at, old, new = change.get("at", -1), change.get("from", ""), change.get("to", "")
    if not old or not new or old == new:
        return out + ["a false statement needs one change"]
    if segment[at:at + len(old)] != old or statement != segment[:at] + new + segment[at + len(old):]:
        out.append("the statement differs from the source in more than the recorded element")
    if _flat(segment.rstrip("。")) not in source and _flat(clean_item(segment)) not in source:
        out.append("changed sentence not from the source clause")
    if _flat(statement.rstrip("。")) in _flat(q.clause.text):
        out.append("the changed statement is still in the source")
    if change.get("kind") != "modal" and new in q.clause.text:
        out.append("the changed value appears in the source article")
    return out


def _fill(q: Question) -> list[str]:
    out = _blank_checks(q, FILL_BLANK)
    if q.options:
        out.append("a 填空 has no options")
    if q.element == "modal":
        out.append("no fill-in on modal words")
    return out


def _source(q: Question) -> list[str]:
    out = []
    if len(q.options) != 4:
        out.append("an 出处 question needs four options")
    if q.answer not in LETTERS[: len(q.options)] or q.options[LETTERS.index(q.answer)] != label(q.clause):
        out.append("answer is not the source article")
    quote_text = q.meta.get("quote", "").rstrip("。")
    if _flat(quote_text) not in _flat(q.clause.text):
        out.append("quoted text not in the source")
    if any(_flat(quote_text) in _flat(text) for text in q.meta.get("wrong_texts", [])):
        out.append("quoted text also in a wrong option's article")
    return out


CHECKS = {"single": _single, "multiple": _multiple, "judge": _judge, "fill": _fill, "source": _source}


def problems(q: Question) -> list[str]:
    """Everything wrong with a question ([] when it may be shown)."""
    out = _common(q)
    check = CHECKS.get(q.type)
    if check:
        try:
            out += check(q)
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            out.append(f"malformed question: {exc}")
    return out


def is_valid(q: Question) -> bool:
    return not problems(q)
