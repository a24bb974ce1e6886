"""填空题: a key term of a sentence blanked; typed answers compared after normalisation."""

from __future__ import annotations

from kb.quiz.elements import Element, answers_match, normalize_answer
from kb.quiz.question import FILL_BLANK, Question, Sentence, according, blanked, quote

# numbers and defined terms: the unit or the definition is the cue; a blanked department has none
KINDS = ("amount", "time", "multiple", "percent", "term")

__all__ = ["make", "check", "normalize_answer"]


def make(sentence: Sentence, element: Element, segment: str) -> Question | None:
    if element.kind not in KINDS:
        return None
    from kb.quiz.validate import echoes

    if element.kind == "term" and (echoes(element.text, segment.replace(element.text, "", 1))
                                   or element.text in sentence.clause.document.display_short_title):
        return None   # the definition repeats the term's words, or the term is the law's name
    clause = sentence.clause
    stem = according(clause) + blanked(segment, element, FILL_BLANK)
    explanation = f"答案：{element.text}。{clause.citation()}规定：{quote(segment.rstrip('。'))}。"
    return Question("fill", stem, [], element.text, explanation, clause, answer_text=element.text,
                    element=element.kind, meta={"segment": segment, "start": element.start, "sentence": sentence.text,
                                                "facts": [segment[max(0, element.start - 6): element.end]]})


def check(question: Question, given: str) -> bool:
    """Is a typed answer right? 30日 = 三十日, full/half width and spaces ignored."""
    return answers_match(given, [question.answer, *question.accepted])
