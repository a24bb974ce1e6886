"""Is a given answer right? One function per question record (the JSON form of a Question)."""

from __future__ import annotations

from kb.quiz.elements import answers_match
from kb.quiz.paper import WEIGHTS

TRUE_WORDS = {"true", "t", "1", "yes", "正确", "对", "√", "是"}
FALSE_WORDS = {"false", "f", "0", "no", "错误", "错", "×", "否"}


def normalize_given(question: dict, given) -> str:
    """The canonical form a given answer is stored in: 'B', 'ACD', 'true'/'false', or the text."""
    qtype = question["type"]
    if given is None:
        return ""
    if qtype == "multiple":
        letters = given if isinstance(given, (list, tuple)) else list(str(given))
        return "".join(sorted({str(x).strip().upper() for x in letters if str(x).strip()}))
    if qtype == "judge":
        word = str(given).strip().lower()
        return "true" if word in TRUE_WORDS else "false" if word in FALSE_WORDS else ""
    if qtype == "fill":
        return str(given).strip()[:200]
    return str(given).strip().upper()[:1]


def is_correct(question: dict, given) -> bool:
    value = normalize_given(question, given)
    answer = question["answer"]
    qtype = question["type"]
    if not value:
        return False
    if qtype == "multiple":
        return value == "".join(sorted(answer))
    if qtype == "judge":
        return value == ("true" if answer else "false")
    if qtype == "fill":
        return answers_match(value, [answer, *question.get("accepted", [])])
    return value == answer


def points(question: dict) -> float:
    """The question's points on its paper (set when the quiz is made), else its type's weight."""
    return question.get("points") or WEIGHTS.get(question["type"], 1)
