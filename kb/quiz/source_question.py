"""出处题: which 章 (or, in a law without 章, which article) says this?

A trainer finds an article number among its neighbours (第十八条? 第十九条? 第一千二百四十三条?) trivia,
whatever the law's length: a law with 章 is asked by 章 (with its 编 in a code), the wrong options being
other 章 of the same 编 or law that do not hold the quoted words. Only a law without 章 is asked by article
(nearby articles, or the same article number in another law of the scope). When every option lies in one
编, the 编 goes into the stem ("出自《民法典》“第七编 侵权责任”中的（　　）") and the options are 章 only.
"""

from __future__ import annotations

import random

from kb.clause import Clause
from kb.quiz.question import BLANK, LETTERS, Question, Sentence, quote
from kb.quiz.structure import level_of


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


MIN_CHAPTERS = 4   # a law with fewer titled 章 than this is asked by article
GENERIC_TITLES = ("一般规定", "其他规定")   # several 分编 of a code each have one: the title alone is ambiguous


def chapters_of(clauses: list[Clause], paths: dict) -> dict[str, list[Clause]]:
    """Titled 章 label ('第七编 侵权责任 第二章 损害赔偿') -> the law's articles in it."""
    out: dict[str, list[Clause]] = {}
    for clause in clauses:
        found = chapter_label(paths.get(clause.id, clause.path))
        if found:
            out.setdefault(found, []).append(clause)
    return out


def _chapter_options(sentence: Sentence, chapters: dict[str, list[Clause]], paths, rng):
    clause = sentence.clause
    right = chapter_label(paths.get(clause.id, clause.path))
    if right is None:
        return None
    book = right.split(" 第")[0] if "编" in right.split(" ")[0] else ""
    quoted = _flat(sentence.text.rstrip("。"))
    if right.split(" ")[-1] in GENERIC_TITLES:
        return None   # "第十六章 一般规定" says not whose general provisions they are
    labels = [lab for lab in chapters if lab != right and "附则" not in lab.split(" ")[-1]   # not 法律责任和附则编
              and lab.split(" ")[-1] != right.split(" ")[-1] and lab.split(" ")[-1] not in GENERIC_TITLES
              and not any(quoted in _flat(c.text) for c in chapters[lab])]
    same_book = [lab for lab in labels if book and lab.startswith(book + " ")]
    others = [lab for lab in labels if lab not in same_book]
    rng.shuffle(same_book)
    rng.shuffle(others)
    wrong = (same_book + others)[:3]
    if len(wrong) < 3:
        return None
    return right, wrong, [chapters[w][0] for w in wrong]


def _flat(text: str) -> str:
    return "".join(text.split())


def shared_book(labels: list[str]) -> str:
    """'第七编 侵权责任' when every label lies in that 编, else ''."""
    books = {label.split(" 第")[0] if label.startswith("第") and "编" in label.split(" ")[0] else "" for label in labels}
    return books.pop() if len(books) == 1 else ""


def make(sentence: Sentence, law_clauses: dict[int, list[Clause]], rng: random.Random,
         paths: dict | None = None, chapters: dict | None = None) -> Question | None:
    clause = sentence.clause
    text = sentence.text
    paths = paths or {}
    if len(text) < 20 or len(text) > 90:
        return None
    doc_id = clause.document.id
    own = (chapters or {}).get(doc_id)
    if own is None:
        own = chapters_of(law_clauses.get(doc_id, []), paths)
    law = clause.document.display_short_title
    by_chapter = len(own) >= MIN_CHAPTERS
    book = ""
    if by_chapter:
        found = _chapter_options(sentence, own, paths, rng)
        if found is None:
            return None
        right, wrong_labels, wrong = found
        book = shared_book([right, *wrong_labels])
        if book:
            right, wrong_labels = right[len(book):].strip(), [w[len(book):].strip() for w in wrong_labels]
        titled = bool(book) and bool((level_of(book) or ("", "", ""))[2])
        where = f"《{law}》“{book}”中" if titled else f"《{law}》"   # never an untitled “第一编”
        stem = f"{quote(text.rstrip('。'))}，这一规定出自{where}的{BLANK}。"
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
        said = f"{wrong_label}的规定" if by_chapter else f"{wrong_label}规定的是"
        notes.append(f"{LETTERS[options.index(wrong_label)]}项：{said}“{opening}……”")
    explanation = (f"答案{letter}。该规定见{clause.citation()}：{quote(clause.focus_text.strip().rstrip('。'))}"
                   + ("（位于" + " ".join(p for p in (book, right) if p) + "）" if by_chapter else "") + "。"
                   + "；".join(notes) + "。")
    return Question("source", stem, options, letter, explanation, clause, answer_text=right,
                    element="chapter" if by_chapter else "citation",
                    meta={"wrong_ids": [c.id for c in wrong], "wrong_texts": [c.text for c in wrong], "quote": text,
                          "path": list(paths.get(clause.id, clause.path)), "book": book,
                          "facts": [text.rstrip("。")[:40]]})
