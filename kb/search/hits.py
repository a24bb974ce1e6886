"""Shared by every searcher: query checking, top-k selection under a mask, and Hit records.

A hit points at the 款 whose words best match the query (``Clause.focus``) when the article has
more than one 款. Among the returned hits, versions in force on the as-of day come before
repealed or superseded ones (this only matters with ``include_repealed``).
"""

from __future__ import annotations

import math
import re

import numpy as np

from kb.citations import with_status_on
from kb.clause import Clause, Hit
from kb.errors import QueryError
from kb.search import MAX_QUERY_CHARS

MEANINGFUL_RE = re.compile(r"[\w\u3400-\u9fff]")


def clean_query(query) -> str:
    """The query stripped and cut to MAX_QUERY_CHARS; QueryError if it has nothing to search for."""
    if query is None or not isinstance(query, str):
        raise QueryError("the query must be text, e.g. 查封扣押设备最长可以多久")
    text = query.strip()
    if not text:
        raise QueryError("the query is empty; type some words, e.g. 按日连续处罚 or 环保法第59条")
    if not MEANINGFUL_RE.search(text):
        raise QueryError(f"the query {text[:40]!r} has only punctuation or symbols; type some words")
    return text[:MAX_QUERY_CHARS]


def top_rows(scores: np.ndarray, mask: np.ndarray | None, k: int, positive: bool = True) -> np.ndarray:
    """Row numbers of the k best allowed scores, best first (no Python loop over rows)."""
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    if positive:
        scores = np.where(scores > 0, scores, -np.inf)
    k = min(k, int(np.isfinite(scores).sum()))
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    part = np.argpartition(-scores, k - 1)[:k]
    return part[np.argsort(-scores[part], kind="stable")]


def best_paragraph(clause: Clause, query_words: set[str], idf: dict[str, float] | None = None) -> int | None:
    """1-based 款 of the clause containing the most (idf-weighted) query words; None for one-款 articles.

    Words are matched as substrings of the 款 text (no re-tokenising), so this stays cheap for 100 hits.
    """
    paragraphs = clause.paragraphs()
    if len(paragraphs) < 2 or not query_words:
        return None
    best, best_score = None, 0.0
    for para in paragraphs:
        text = para.full_text
        score = sum((idf or {}).get(w, 1.0) for w in query_words if w in text)
        score /= math.sqrt(1 + 0.02 * len(text))
        if score > best_score:
            best, best_score = para.index, score
    return best


def make_hits(clauses: list[Clause], rows, scores, match: str, in_force: np.ndarray | None = None,
              query_words: set[str] | None = None, idf=None, dated: tuple | None = None) -> list[Hit]:
    """Hits for rows (best first), in-force versions first, each focused on its best 款.

    ``dated`` = (store, day): each hit's document carries its status on that day (e.g. 已废止 for
    环境保护法 after 2026-08-15, 现行有效 before), so the hit record's status is the as-of status.
    """
    hits = []
    for row, score in zip(rows, scores):
        clause = clauses[int(row)]
        if dated is not None:
            clause = with_status_on(clause, *dated)
        if query_words:
            paragraph = best_paragraph(clause, query_words, idf)
            if paragraph is not None:
                clause = clause.focus(paragraph)
        hits.append((0 if in_force is None or in_force[int(row)] else 1, Hit(clause, float(score), match=match)))
    hits.sort(key=lambda pair: pair[0])  # stable: score order kept within each group
    return [hit for _, hit in hits]
