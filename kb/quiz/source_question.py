"""出处题: which law and article says this? Wrong options are nearby articles of the same law
(same chapter first) or the same article number in another law of the scope."""

from __future__ import annotations

import random

from kb.clause import Clause
from kb.quiz.question import BLANK, LETTERS, Question, Sentence, quote


def label(clause: Clause) -> str:
    return f"《{clause.document.display_short_title}》{clause.article_label}"


def make(sentence: Sentence, law_clauses: dict[int, list[Clause]], rng: random.Random) -> Question | None:
    clause = sentence.clause
    text = sentence.text
    if len(text) < 20 or len(text) > 90:
        return None
    siblings = [c for c in law_clauses.get(clause.document.id, []) if c.id != clause.id and c.article]
    near = sorted(siblings, key=lambda c: (c.path != clause.path, abs((c.article or 0) - (clause.article or 0))))
    pool = [c for c in near[:8] if text.rstrip("。") not in c.text]
    rng.shuffle(pool)
    wrong = pool[:3]
    other_laws = [doc_id for doc_id in law_clauses if doc_id != clause.document.id]
    if other_laws and wrong:
        other = law_clauses[rng.choice(other_laws)]
        same_number = [c for c in other if c.article == clause.article and text.rstrip("。") not in c.text]
        if same_number:
            wrong[-1] = same_number[0]
    if len(wrong) < 3 or len({label(c) for c in wrong} | {label(clause)}) < 4:
        return None
    options = [label(c) for c in [clause, *wrong]]
    rng.shuffle(options)
    letter = LETTERS[options.index(label(clause))]
    stem = f"{quote(text.rstrip('。'))}，这一规定出自{BLANK}。"
    explanation = f"答案{letter}。该规定见{clause.citation()}：{quote(clause.focus_text.strip())}"
    return Question("source", stem, options, letter, explanation, clause, answer_text=label(clause),
                    element="citation", meta={"wrong_ids": [c.id for c in wrong], "wrong_texts": [c.text for c in wrong], "quote": text})
