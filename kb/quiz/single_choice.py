"""单项选择题: one key element of a sentence blanked, three wrong options of the same kind."""

from __future__ import annotations

import random

from kb.quiz.distractors import pick
from kb.quiz.explain import wrong_notes
from kb.quiz.validate import gives_away, says_its_own_word
from kb.quiz.parties import answer_problems
from kb.quiz.pool import LawPool
from kb.quiz.true_false import modal_is_clear
from kb.quiz.elements import Element
from kb.quiz.question import BLANK, LETTERS, Question, Sentence, according, blanked, quote

KINDS = ("amount", "time", "multiple", "percent", "term", "subject", "modal")


def make(sentence: Sentence, element: Element, segment: str, pool: LawPool, rng: random.Random) -> Question | None:
    if element.kind == "modal" and not modal_is_clear(element, segment):
        return None
    if element.kind == "party" and answer_problems(element.text, segment[:element.start] + segment[element.end:]):
        return None   # 侵权人 承担侵权责任, or 定作人 in the stem pointing at 承揽人
    if element.kind == "term" and element.text in sentence.clause.document.display_short_title:
        return None   # 本法所称（　　） in 《行政许可法》
    wrong = pick(element, pool, sentence.clause.text, rng, 3, where=sentence.clause.path)
    if not wrong:
        return None
    options = [element.text, *wrong]
    rest = segment.replace(element.text, "", 1)
    if element.kind in ("subject", "term", "party") and gives_away(element.text, options, rest) or \
            element.kind == "term" and says_its_own_word(element.text, options, rest):
        return None   # the sentence itself points at the answer (最高（　　）是最高检察机关; 沙…沙 -> 土地沙化)
    rng.shuffle(options)
    letter = LETTERS[options.index(element.text)]
    clause = sentence.clause
    stem = according(clause) + blanked(segment, element, BLANK)
    explanation = (f"答案{letter}（{element.text}）。{clause.citation()}规定：{quote(segment.rstrip('。'))}。"
                   + wrong_notes(options, element.text, element.kind, pool, clause))
    return Question("single", stem, options, letter, explanation, clause, answer_text=element.text,
                    element=element.kind, meta={"segment": segment, "start": element.start, "sentence": sentence.text,
                                                "facts": [fact_of(segment, element)]})


def fact_of(segment: str, element: Element) -> str:
    """The answer with the words just before it: a stem holding this text gives the answer away."""
    return segment[max(0, element.start - 6): element.end]
