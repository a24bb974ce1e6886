"""“Replace with the Code citation”: the draft's sentence rewritten to cite the 生态环境法典.

For each citation of a statute the Code repealed that has a Code counterpart (``suggestion``), the
Code citation is written in the standard form — 《中华人民共和国生态环境法典》第一千零六十条,
with the 款 when the cited 款 plainly went into one 款 of the Code article (it holds at least
half of the cited text's character pairs, clearly more than any other 款) — and the sentence
holding it (cut at 。；！？ or a line break) is written out with every such citation in it
replaced. A split article keeps the Code article given as suggestion and says so in ``note``.
"""

from __future__ import annotations

import re

from kb.cite.changes import bigrams
from kb.clause import Clause
from kb.numerals import int_to_cn

SENTENCE_END = re.compile(r"[。；;！？!?\n]")
PARAGRAPH_SHARE, PARAGRAPH_MARGIN = 0.5, 0.15


def code_citation(cited: Clause, code: Clause) -> str:
    """Standard citation of the Code article (with the 款 the cited 款 went into, when clear)."""
    citation = f"《{code.law}》{code.article_label}"
    if cited.paragraph is None:
        return citation
    paragraphs = code.paragraphs()
    if len(paragraphs) < 2:
        return citation
    focus = bigrams(cited.focus_text)
    if not focus:
        return citation
    shares = sorted(((len(focus & bigrams(p.full_text)) / len(focus), p.index) for p in paragraphs), reverse=True)
    (best, index), (second, _) = shares[0], shares[1]
    if best >= PARAGRAPH_SHARE and best - second >= PARAGRAPH_MARGIN:
        return f"{citation}第{int_to_cn(index)}款"
    return citation


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end] (its end mark kept)."""
    left = start
    while left > 0 and not SENTENCE_END.match(text[left - 1]):
        left -= 1
    right = end
    while right < len(text) and not SENTENCE_END.match(text[right]):
        right += 1
    if right < len(text) and text[right] != "\n":
        right += 1
    while left < start and text[left] in " \t\u3000":
        left += 1
    return left, right


def add_replacements(text: str, results) -> None:
    """Set ``result.replacement`` on every citation of a repealed statute with a Code counterpart."""
    targets = {}
    for result in results:
        suggestion_clause = getattr(result, "suggestion_clause", None)
        res = result.resolution
        if suggestion_clause is None or res.verdict != "not_in_force" or not res.clauses:
            continue
        if "法典" not in (res.document.repeal_basis or ""):
            continue                     # a Code article cited too early: its predecessor is no "replacement"
        targets[result.extracted.span] = code_citation(res.clauses[0], suggestion_clause)
    for result in results:
        span = result.extracted.span
        if span not in targets:
            continue
        left, right = sentence_span(text, *span)
        pieces, cursor = [], left
        for (start, end), citation in sorted(targets.items()):
            if left <= start and end <= right:
                pieces.append(text[cursor:start] + citation)
                cursor = end
        pieces.append(text[cursor:right])
        note = None
        if "该条已分拆" in (result.suggestion_note or ""):
            note = "原条文已分拆到法典多条，请按案件所涉情形核对所选条文"
        result.replacement = {"citation": targets[span], "sentence_span": [left, right],
                              "original": text[left:right], "sentence": "".join(pieces), "note": note}
