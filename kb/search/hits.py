"""Shared by every index searcher: top-k selection under a mask, Hit records, ``IndexSearcher``.

A hit points at the 款 whose words best match the query (``Clause.focus``) when the article has
more than one 款. Among the returned hits, versions in force on the as-of day (and, with a bureau
region, binding there) come before repealed or superseded ones and other regions' local law (this
only matters with ``include_repealed`` or ``--region``).
"""

from __future__ import annotations

import math

import numpy as np

from kb.citations import with_status_on
from kb.clause import Clause, Hit
from kb.search.filters import SearchFilters


def top_rows(scores: np.ndarray, mask: np.ndarray | None, k: int, positive: bool = True) -> np.ndarray:
    """Row numbers of the k best allowed scores, best first (no Python loop over rows; the partition
    runs over the allowed rows only, so a small tier or a rare word costs little)."""
    allowed = np.isfinite(scores)
    if mask is not None:
        allowed &= mask
    if positive:
        allowed &= scores > 0
    rows = np.flatnonzero(allowed)
    k = min(k, len(rows))
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    values = scores[rows]
    part = np.argpartition(-values, k - 1)[:k]
    return rows[part[np.argsort(-values[part], kind="stable")]]


def exact_nearest(model, query: str, mask: np.ndarray | None, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``DenseModel.nearest`` by an exact scan of ``model.scores``: what a model without an
    approximate index answers."""
    scores = model.scores(query)
    rows = top_rows(scores, mask, n, positive=False)
    return rows, scores[rows]


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


class IndexSearcher:
    """A searcher over the rows of one index build (``bundle``, a kb.search.searchers.IndexBundle).

    Subclasses rank rows with ``candidates(query, mask, n) -> (rows, scores)``, best first;
    ``search`` turns them into hits. The query is taken as given: cleaning it and the citation
    shortcut belong to kb.search.query.
    """

    name = "index"

    def __init__(self, bundle):
        self.bundle = bundle

    @property
    def match(self) -> str:
        """What a hit's ``match`` says about how it was found."""
        return self.name

    def candidates(self, query: str, mask: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError

    def query_words(self, query: str) -> tuple[set[str] | None, dict[str, float] | None]:
        """Query words (and their idf) that pick each hit's best 款; none by default."""
        return None, None

    def hits(self, rows, scores, filters: SearchFilters, query: str | None = None, dated: bool = True) -> list[Hit]:
        """Hits for ranked rows; focused on their best 款 when the query is given."""
        words, idf = self.query_words(query) if query is not None else (None, None)
        return make_hits(self.bundle.clauses, rows, scores, self.match, self.bundle.preferred(filters), words, idf,
                         dated=(self.bundle.corpus.store, filters.day) if dated else None)

    def search(self, query: str, top_k: int = 10, filters: SearchFilters | None = None) -> list[Hit]:
        filters = filters or SearchFilters()
        rows, scores = self.candidates(query, self.bundle.row_filter.mask(filters), max(int(top_k), 0))
        return self.hits(rows, scores, filters, query)
