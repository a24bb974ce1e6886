"""``get_searcher(corpus, kind)``: a loaded searcher of the corpus's current index build (or of the
build the corpus has pinned, ``corpus.index_pin``: the server's, see webapp.live).

Kinds: ``lexical`` (BM25), ``dense`` (the embedded model of the index), ``neural`` (the neural
encoder's cached vectors, over the rows encoded so far: ``kb.search.neural``) and ``hybrid`` (all
of them fused: ``kb.search.hybrid``). The neural vectors of a loaded bundle grow while it is in
use (the background encoder), so no reload is needed for them.

The loaded ``IndexBundle`` is kept in the corpus's cache (``Corpus.cached``) for its key (index
folder, manifest mtime, store corpus hash), so a rebuilt index or a changed store is picked up on
the next call, and a store changed without re-indexing raises IndexMissingError ("run `lawkb
index`") instead of returning wrong rows.
"""

from __future__ import annotations

import logging
import threading
from functools import cached_property
from pathlib import Path

import numpy as np

from kb.clause import Clause
from kb.errors import IndexMissingError, LawKBError, QueryError
from kb.search import DenseModel
from kb.search.dense import DenseSearcher, load_dense
from kb.search.filters import RowFilter, SearchFilters
from kb.search.hybrid import HybridSearcher
from kb.search.index_build import MANIFEST, load_rows, read_manifest
from kb.search.intent import penalty_rows
from kb.search.levels import region_names
from kb.search.lexical import LexicalIndex, LexicalSearcher
from kb.search.neural import load_neural
from kb.search.prior import row_prior

log = logging.getLogger("lawkb.search")

KINDS = ("hybrid", "lexical", "dense", "neural")


class IndexBundle:
    """What every searcher of one index build shares: manifest, row clauses, filters."""

    def __init__(self, corpus, key: tuple = (), allow_stale: bool = False):
        self.corpus = corpus
        self.key = key
        # the build folder itself, not the `index` link: every part comes from the same build, even
        # when a new build is switched in meanwhile
        self.index_dir = Path(corpus.index_dir).resolve()
        self.manifest = read_manifest(corpus, self.index_dir, check_store=not allow_stale)
        self.stale = self.manifest.get("corpus_hash") != corpus.store.corpus_hash()
        row_ids = load_rows(corpus, self.manifest, self.index_dir)
        by_id = {clause.id: clause for clause in corpus.store.iter_clauses(("article",))}
        try:
            self.clauses: list[Clause] = [by_id[int(cid)] for cid in row_ids]
        except KeyError:
            raise IndexMissingError("the search index refers to clauses no longer in the store; "
                                    "run `lawkb index` to rebuild") from None
        self.row_filter = RowFilter(corpus.store, self.clauses)
        self._in_force: dict = {}
        self._searchers: dict[str, object] = {}
        self._lock = threading.Lock()

    def in_force(self, filters: SearchFilters | None) -> np.ndarray:
        day = (filters or SearchFilters()).day
        cached = self._in_force.get(day)
        if cached is None:
            cached = self.row_filter.in_force(day)
            self._in_force[day] = cached
        return cached

    def preferred(self, filters: SearchFilters | None) -> np.ndarray:
        """Per-row: in force on the day and binding for the bureau's region — listed first among hits."""
        filters = filters or SearchFilters()
        if not filters.bureau_region:
            return self.in_force(filters)
        key = (filters.day, filters.bureau_region)
        cached = self._in_force.get(key)
        if cached is None:
            cached = self.in_force(filters) & self.row_filter.binding(filters.bureau_region)
            self._in_force[key] = cached
        return cached

    @cached_property
    def lower_level_rows(self) -> np.ndarray:
        """Per-row 1.0 for texts below the national laws (行政法规 … 地方性法规), else 0.0 (the level rule)."""
        national = np.array([doc.level in ("宪法", "法律") for doc in self.row_filter.documents], dtype=bool)
        return (~national[self.row_filter.row_doc]).astype(np.float64)

    @cached_property
    def region_names(self) -> tuple[str, ...]:
        """Names of the regions the index's local law belongs to (a query naming one asks for it)."""
        return region_names({doc.region for doc in self.row_filter.documents if doc.region})

    @cached_property
    def penalty_rows(self) -> np.ndarray:
        return penalty_rows(self.clauses)

    @cached_property
    def article_prior(self) -> np.ndarray:
        """Per-row article prior in 0-1 (kb.search.prior; the hybrid's prior_boost)."""
        return row_prior(self.clauses)

    # -- components --------------------------------------------------------------------------
    def lexical(self) -> LexicalSearcher:
        with self._lock:
            if "lexical" not in self._searchers:
                self._searchers["lexical"] = LexicalSearcher(self, LexicalIndex(self.index_dir, self.manifest["lexical"]))
            return self._searchers["lexical"]

    def dense_model(self) -> DenseModel | None:
        """The index's dense model, or None when the index has no dense part."""
        with self._lock:
            if "dense_model" not in self._searchers:
                part = self.manifest.get("dense")
                self._searchers["dense_model"] = load_dense(self.corpus, self.index_dir, part) if part else None
            return self._searchers["dense_model"]

    def dense(self) -> DenseSearcher:
        """The dense searcher (IndexMissingError when the index has no dense part)."""
        model = self.dense_model()
        if model is None:
            raise IndexMissingError("the search index has no dense part; run `lawkb index` to rebuild, "
                                    "or search with --kind lexical")
        with self._lock:
            return self._searchers.setdefault("dense", DenseSearcher(self, model))

    def neural_model(self):
        """The neural encoder's vectors over the rows (kb.search.neural.NeuralIndex), None when off."""
        with self._lock:
            if "neural_error" in self._searchers:  # tried once for this index build: do not retry per search
                raise self._searchers["neural_error"]
            if "neural_model" not in self._searchers:
                try:
                    self._searchers["neural_model"] = load_neural(self.corpus, self.clauses)
                except LawKBError as exc:
                    self._searchers["neural_error"] = exc
                    raise
            return self._searchers["neural_model"]

    def neural(self) -> DenseSearcher:
        """The neural encoder alone, over the rows encoded so far (IndexMissingError when none is)."""
        model = self.neural_model()
        if model is None:
            raise IndexMissingError("the neural encoder is off (LAWKB_ENCODER=off); search with --kind hybrid")
        model.refresh(force=True)
        if not model.active:
            raise IndexMissingError("no article has a neural vector yet; run `lawkb index --encode` (or let "
                                    "`lawkb serve` encode in the background; `lawkb index --status` shows progress)")
        with self._lock:
            return self._searchers.setdefault("neural", DenseSearcher(self, model, name="neural"))

    def hybrid(self) -> HybridSearcher:
        lexical = self.lexical()
        dense = self.dense_model()
        try:
            neural = self.neural_model()
        except LawKBError as exc:  # a damaged vector cache, an unloadable model: lexical + embedded
            log.warning("lawkb: neural search is off (%s)", exc)
            neural = None
        with self._lock:
            if "hybrid" not in self._searchers:
                params = {"depth": int(self.corpus.setting("CANDIDATES")),
                          "level_group": int(self.corpus.setting("LEVEL_GROUP")),
                          "level_intent": bool(self.corpus.setting("LEVEL_INTENT"))}
                self._searchers["hybrid"] = HybridSearcher(self, lexical, dense, params, neural=neural)
            return self._searchers["hybrid"]


def bundle_for(corpus) -> IndexBundle:
    """The loaded index bundle of a corpus: its pinned one (``corpus.index_pin``), else the index on
    disk (kept by the corpus; reloaded when the index or store changed)."""
    if corpus.index_pin is not None:
        return corpus.index_pin
    manifest_path = Path(corpus.index_dir) / MANIFEST
    try:
        key = (str(Path(corpus.index_dir).resolve()), manifest_path.stat().st_mtime_ns, corpus.store.corpus_hash())
    except OSError:
        raise IndexMissingError(f"no search index in {corpus.index_dir}; run `lawkb index` to build it") from None
    return corpus.cached("index_bundle", lambda: IndexBundle(corpus, key), valid=lambda bundle: bundle.key == key)


def load_bundle(corpus, allow_stale: bool = False) -> IndexBundle:
    """A freshly loaded bundle of the corpus's index on disk with every searcher ready, for pinning.
    IndexMissingError when the index is missing or damaged, or (unless allow_stale) built for
    another state of the store; a stale one still needs every clause it indexes in the store."""
    bundle = IndexBundle(corpus, allow_stale=allow_stale)
    bundle.hybrid()  # loads the lexical and (when built) dense parts
    return bundle


def get_searcher(corpus, kind: str = "hybrid"):
    """A searcher with ``.search(query, top_k=10, filters=None) -> list[Hit]``."""
    return searcher_from(bundle_for(corpus), kind)


def searcher_from(bundle: IndexBundle, kind: str = "hybrid"):
    """The searcher of one kind of a loaded bundle."""
    if kind not in KINDS:
        raise QueryError(f"unknown search kind {kind!r}; use one of {', '.join(KINDS)}")
    if kind == "lexical":
        return bundle.lexical()
    if kind == "dense":
        return bundle.dense()
    if kind == "neural":
        return bundle.neural()
    return bundle.hybrid()
