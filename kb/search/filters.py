"""Search filters as boolean masks over index rows (one row per article of every version).

A mask is computed once per distinct (laws, levels, statuses, include_repealed, day, chapter)
and cached: document-level tests run over the few hundred documents, then broadcast to rows
through the row -> document position array; the chapter test runs once per distinct path.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from kb.clause import Clause, path_matches
from kb.search import SearchFilters, check_date

MAX_CACHED_MASKS = 256


class RowFilter:
    """Masks over the rows of one index."""

    def __init__(self, store, clauses: list[Clause]):
        self.store = store
        doc_positions: dict[int, int] = {}
        self.documents = []
        row_doc = np.empty(len(clauses), dtype=np.int32)
        path_positions: dict[tuple[str, ...], int] = {}
        self.paths: list[tuple[str, ...]] = []
        row_path = np.empty(len(clauses), dtype=np.int32)
        for row, clause in enumerate(clauses):
            doc_id = clause.document.id
            if doc_id not in doc_positions:
                doc_positions[doc_id] = len(self.documents)
                self.documents.append(clause.document)
            row_doc[row] = doc_positions[doc_id]
            if clause.path not in path_positions:
                path_positions[clause.path] = len(self.paths)
                self.paths.append(clause.path)
            row_path[row] = path_positions[clause.path]
        self.row_doc = row_doc
        self.row_path = row_path
        self.n_rows = len(clauses)
        self._cache: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def document_status(self, day: str) -> list[str]:
        return [self.store.status_on(doc, day) for doc in self.documents]

    def in_force(self, day: str) -> np.ndarray:
        """Per-row: is the row's document version in force on the day?"""
        doc_ok = np.array([s == "现行有效" for s in self.document_status(day)], dtype=bool)
        return doc_ok[self.row_doc] if self.n_rows else np.zeros(0, dtype=bool)

    def mask(self, filters: SearchFilters | None) -> np.ndarray:
        """Boolean mask of the rows the filters allow (cached; do not modify the result)."""
        filters = filters or SearchFilters()
        day = check_date(filters.as_of) or filters.day
        key = (tuple(sorted(filters.laws)), tuple(sorted(filters.levels)), tuple(sorted(filters.statuses)),
               bool(filters.include_repealed), day, (filters.chapter or "").strip())
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached
        mask = self._compute(key)
        mask.setflags(write=False)
        with self._lock:
            self._cache[key] = mask
            while len(self._cache) > MAX_CACHED_MASKS:
                self._cache.popitem(last=False)
        return mask

    def _compute(self, key) -> np.ndarray:
        laws, levels, statuses, include_repealed, day, chapter = key
        statuses_on = self.document_status(day)
        doc_ok = np.ones(len(self.documents), dtype=bool)
        for position, doc in enumerate(self.documents):
            status = statuses_on[position]
            if laws and doc.title not in laws:
                doc_ok[position] = False
            elif levels and doc.level not in levels:
                doc_ok[position] = False
            elif statuses:
                doc_ok[position] = status in statuses
            elif not include_repealed:
                doc_ok[position] = status == "现行有效"
        mask = doc_ok[self.row_doc] if self.n_rows else np.zeros(0, dtype=bool)
        if chapter:
            path_ok = np.array([path_matches(path, chapter) for path in self.paths], dtype=bool)
            mask = mask & path_ok[self.row_path]
        return np.ascontiguousarray(mask)
