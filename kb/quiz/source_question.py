"""出处题: which law and article (or, in a long code, which 章) says this?

In a short law the options are nearby articles of the same law (same chapter first) or the same
article number in another law of the scope. In a long law (民法典, 生态环境法典: hundreds of articles)
a four-digit article number among its neighbours tests nothing worth knowing, so the question asks
for the 章 (with its 编) instead, the wrong options being other 章 of the same 编 or law.
"""

from __future__ import annotations

import random

from kb.clause import Clause
from kb.quiz.question import BLANK, LETTERS, Question, Sentence, quote
from kb.quiz.structure import level_of

LONG_LAW = 200     # articles: above this, ask for the 章 rather than the article number


def label(clause: Clause) -> str:
    return f"《{clause.document.display_short_title}》{clause.article_label}"


def chapter_label(path: tuple[str, ...]) -> str | None:
    """'第七编 侵权责任 第七章 环境污染和生态破坏责任' from a titled path (None without a titled 章)."""
    book = next((h for h in path if (level_of(h) or ("", ""))[1] == "编"), "")
    chapter = next((h for h in path if (level_of(h) or ("", ""))[1] == "章"), "")
    found = level_of(chapter)
    if not found or not found[2]:
        return None
    return f"{book} {chapter}".strip()


def bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _article_options(sentence: Sentence, law_clauses, rng) -> tuple[list[str], list[Clause]] | None:
    clause, text = sentence.clause, sentence.text
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
    return [label(c) for c in wrong], wrong


def _chapter_options(sentence: Sentence, law_clauses, paths, rng) -> tuple[str, list[str], list[Clause]] | None:
    clause = sentence.clause
    right = chapter_label(paths.get(clause.id, clause.path))
    if right is None:
        return None
    book = right.split(" 第")[0] if "编" in right.split(" ")[0] else ""
    by_label: dict[str, Clause] = {}
    for other in law_clauses.get(clause.document.id, []):
        found = chapter_label(paths.get(other.id, other.path))
        if found and found != right and "附则" not in found and found.split(" ")[-1] != right.split(" ")[-1]:
            by_label.setdefault(found, other)
    same_book = [lab for lab in by_label if book and lab.startswith(book + " ")]
    others = [lab for lab in by_label if lab not in same_book]
    rng.shuffle(same_book)
    rng.shuffle(others)
    wrong = (same_book + others)[:3]
    if len(wrong) < 3:
        return None
    return right, wrong, [by_label[w] for w in wrong]


def make(sentence: Sentence, law_clauses: dict[int, list[Clause]], rng: random.Random,
         paths: dict | None = None) -> Question | None:
    clause = sentence.clause
    text = sentence.text
    if len(text) < 20 or len(text) > 90:
        return None
    long_law = len(law_clauses.get(clause.document.id, [])) > LONG_LAW
    if long_law:
        found = _chapter_options(sentence, law_clauses, paths or {}, rng)
        if found is None:
            return None
        right, wrong_labels, wrong = found
        stem = f"{quote(text.rstrip('。'))}，这一规定出自《{clause.document.display_short_title}》的{BLANK}。"
    else:
        found = _article_options(sentence, law_clauses, rng)
        if found is None:
            return None
        right = label(clause)
        wrong_labels, wrong = found
        stem = f"{quote(text.rstrip('。'))}，这一规定出自{BLANK}。"
    options = [right, *wrong_labels]
    rng.shuffle(options)
    letter = LETTERS[options.index(right)]
    notes = []
    for wrong_label, other in sorted(zip(wrong_labels, wrong), key=lambda pair: options.index(pair[0])):
        opening = other.text.split("\n")[0][:22]
        where = f"{wrong_label}的规定" if long_law else f"{wrong_label}规定的是"
        notes.append(f"{LETTERS[options.index(wrong_label)]}项：{where}“{opening}……”")
    explanation = (f"答案{letter}。该规定见{clause.citation()}：{quote(clause.focus_text.strip().rstrip('。'))}"
                   + ("（位于" + right + "）" if long_law else "") + "。" + "；".join(notes) + "。")
    return Question("source", stem, options, letter, explanation, clause, answer_text=right,
                    element="chapter" if long_law else "citation",
                    meta={"wrong_ids": [c.id for c in wrong], "wrong_texts": [c.text for c in wrong], "quote": text,
                          "path": list((paths or {}).get(clause.id, clause.path)),
                          "facts": [text.rstrip("。")[:40]]})
