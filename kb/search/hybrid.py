"""Hybrid search: lexical (BM25) candidates re-scored with dense similarity.

Each component's scores are min-max normalised over the candidates and mixed as
``w * lexical + (1 - w) * dense`` (w = 0.7), over the lexical top 200 ("dense_scope":
"candidates"; "all" fuses the union of both candidate lists); a law-level boost (``law_boost``:
+ gamma x mean of the law's best three candidate scores) lifts articles of a law that answers in
several places. Chosen by 5-fold cross-validation on the STARD dev questions
(benchmarks/research_fusion.py; README has the table, benchmarks/RESEARCH.md the alternatives).
A level prior (``level_prior``, setting LAWKB_LEVEL_PRIOR) then takes 0.4 off every text below
the national laws, so that with a collection of regulations and local law loaded they outrank a
national article only when clearly better (benchmarks/research_level_prior.py: with LawRefBook
loaded, STARD Recall@10 0.684 -> 0.730 held out, national texts alone 0.738).
With a sentence-transformers model (LAWKB_MODEL) the weight is not measured.

The dense component is any ``kb.search.DenseModel`` (``vectors``, ``query_vector``, ``scores``;
``kb.search.dense.load_dense`` gives the index's own). Without one, hybrid is lexical search.

Retrieval only: cleaning the query and the citation shortcut are kb.search.query's.
"""

from __future__ import annotations

import numpy as np

from kb.search import DenseModel
from kb.search.hits import IndexSearcher, top_rows
from kb.search.intent import penalty_intent

FUSION = {"method": "weighted", "weight_lexical": 0.7, "rrf_k": 60, "candidates": 200, "dense_scope": "candidates",
          "law_boost": 0.4, "penalty_boost": 0.3, "level_prior": 0.0}


def rrf(ranked_lists: list[np.ndarray], weights: list[float], k: float = 60) -> tuple[np.ndarray, np.ndarray]:
    """Reciprocal rank fusion of row lists (best first) -> (rows, fused scores), best first."""
    fused: dict[int, float] = {}
    for rows, weight in zip(ranked_lists, weights):
        for rank, row in enumerate(rows.tolist()):
            fused[row] = fused.get(row, 0.0) + weight / (k + rank + 1)
    if not fused:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    rows = np.fromiter(fused.keys(), dtype=np.int64, count=len(fused))
    scores = np.fromiter(fused.values(), dtype=np.float64, count=len(fused))
    order = np.argsort(-scores, kind="stable")
    return rows[order], scores[order]


def _normalise(values: np.ndarray, floor: float, top: float) -> np.ndarray:
    span = top - floor
    if span <= 0:
        return np.where(values >= top, 1.0, 0.0)
    return np.clip((values - floor) / span, 0.0, 1.0)


def weighted(components: list[tuple[np.ndarray, np.ndarray, np.ndarray | None]], weights: list[float]
             ) -> tuple[np.ndarray, np.ndarray]:
    """Weighted min-max score fusion.

    Each component is (candidate rows best first, their scores, all-row scores or None). Scores
    are normalised by the component's candidate min/max; a union row that is not among a
    component's candidates takes its exact all-row score when known, else the floor (0).
    """
    union = np.unique(np.concatenate([rows for rows, _, _ in components])) if components else np.zeros(0, np.int64)
    if len(union) == 0:
        return union, np.zeros(0)
    fused = np.zeros(len(union))
    for (rows, scores, full), weight in zip(components, weights):
        if len(rows) == 0:
            continue
        floor, top = float(scores.min()), float(scores.max())
        if full is not None:
            values = full[union]
        else:
            lookup = dict(zip(rows.tolist(), scores.tolist()))
            values = np.array([lookup.get(r, floor) for r in union.tolist()])
        fused += weight * _normalise(values, floor, top)
    order = np.argsort(-fused, kind="stable")
    return union[order], fused[order]


def law_boost(rows: np.ndarray, scores: np.ndarray, row_doc: np.ndarray, gamma: float, top: int = 3
              ) -> tuple[np.ndarray, np.ndarray]:
    """Add gamma x (mean of the best `top` candidate scores of the row's document) / best score, re-sort.

    Articles of a law that answers the query in several places rise above isolated matches.
    """
    if gamma <= 0 or len(rows) == 0:
        return rows, scores
    docs = row_doc[rows]
    support: dict[int, list[float]] = {}
    for doc, score in zip(docs.tolist(), scores.tolist()):
        bucket = support.setdefault(doc, [])
        if len(bucket) < top:
            bucket.append(score)
    strength = {doc: sum(vals) / top for doc, vals in support.items()}
    boosted = scores + gamma * np.array([strength[d] for d in docs.tolist()])
    order = np.argsort(-boosted, kind="stable")
    return rows[order], boosted[order]


def fuse(lexical: tuple, dense: tuple | None, params: dict) -> tuple[np.ndarray, np.ndarray]:
    """Fuse (rows, scores, full-or-None) of the components with the given fusion params."""
    if dense is None or len(dense[0]) == 0:
        return lexical[0], lexical[1]
    w = float(params["weight_lexical"])
    if params["method"] == "rrf":
        return rrf([lexical[0], dense[0]], [w, 1 - w], params.get("rrf_k", 60))
    return weighted([lexical, dense], [w, 1 - w])


class HybridSearcher(IndexSearcher):
    """Lexical + dense fused; lexical only without a dense index."""

    name = "hybrid"

    def __init__(self, bundle, lexical, dense: DenseModel | None = None, params: dict | None = None):
        super().__init__(bundle)
        self.lexical = lexical
        self.dense = dense
        self.params = {**FUSION, **(params or {})}

    def components(self, query: str, mask: np.ndarray, depth: int):
        """(lexical, dense-or-None) as (candidate rows, their scores, all-row scores or None)."""
        lex_full = self.lexical.index.query_scores(query)
        lex_rows = top_rows(lex_full, mask, depth)
        lexical = (lex_rows, lex_full[lex_rows], lex_full)
        if self.dense is None:
            return lexical, None
        if self.params["dense_scope"] == "candidates":  # re-score the lexical candidates only
            values = np.asarray(self.dense.vectors[lex_rows] @ self.dense.query_vector(query), dtype=np.float32)
            return lexical, (lex_rows, values, None)
        full = self.dense.scores(query)
        rows = top_rows(full, mask, depth, positive=False)
        return lexical, (rows, full[rows], full)

    def candidates(self, query: str, mask: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
        lexical, dense = self.components(query, mask, max(n, int(self.params["candidates"])))
        rows, scores = fuse(lexical, dense, self.params)
        rows, scores = law_boost(rows, scores, self.bundle.row_filter.row_doc, float(self.params.get("law_boost", 0)))
        beta = float(self.params.get("penalty_boost", 0))
        if beta > 0 and len(rows) and penalty_intent(query):
            scores = scores + beta * self.bundle.penalty_rows[rows]
            order = np.argsort(-scores, kind="stable")
            rows, scores = rows[order], scores[order]
        prior = float(self.params.get("level_prior", 0))
        if prior > 0 and len(rows):  # lower-level texts outrank a national article only when clearly better
            unit = 1.0 if dense is not None else max(float(scores.max()), 1e-9)  # raw BM25 without dense
            scores = scores - prior * unit * self.bundle.lower_level_rows[rows]
            order = np.argsort(-scores, kind="stable")
            rows, scores = rows[order], scores[order]
        return rows[:n], scores[:n]

    @property
    def match(self) -> str:
        return "hybrid" if self.dense is not None else "lexical"

    def query_words(self, query: str) -> tuple[set[str], dict[str, float]]:
        return self.lexical.query_words(query)
