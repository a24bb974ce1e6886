"""What to search in: ``SearchFilters``, and ``RowFilter``, its boolean masks over index rows.

``SearchFilters`` is the one record of a search's filters; ``kb.search.query.build_filters`` makes
it from what a user typed (law names, levels, a date…). Its tests live on it: ``allows(document,
status)`` for the document-level fields and ``allows_path(path)`` for the 编/章/节 heading, so a
new filter field is a field here, a line in one of those two methods and an option in
``kb.search.query.FILTER_OPTIONS``.

A mask is computed once per distinct filters and day, and cached: document-level tests run over
the few hundred documents, then broadcast to rows through the row -> document position array; the
chapter test runs once per distinct path.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from kb.clause import Clause, Document, path_matches
from kb.errors import QueryError
from kb.regions import ALL_REGIONS, binds, region_matches

MAX_CACHED_MASKS = 256
EARLIEST_DAY = date(1949, 10, 1)
IN_FORCE = "现行有效"


def check_date(text: str | None) -> str | None:
    """Validate an as-of date: YYYY-MM-DD, a real day, not before 1949-10-01 (None for none)."""
    if text is None or text == "":
        return None
    zh = f"日期“{text}”无效：请写成 YYYY-MM-DD（如 2026-08-15），且不早于 1949-10-01"
    if not isinstance(text, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise QueryError(f"as-of date {text!r} is not a date; use YYYY-MM-DD, e.g. 2026-08-15", zh=zh)
    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        raise QueryError(f"as-of date {text!r} does not exist; use YYYY-MM-DD", zh=zh) from None
    if value < EARLIEST_DAY:
        raise QueryError(f"as-of date {text} is before 1949-10-01; LawKB holds the law of the People's Republic",
                         zh=zh)
    return value.isoformat()


@dataclass(frozen=True)
class SearchFilters:
    """What to search in. Default: every law, in force on ``as_of`` (today). ``as_of`` is checked."""

    laws: tuple[str, ...] = ()          # full titles
    levels: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()      # explicit statuses (on as_of); empty = in force only
    include_repealed: bool = False      # also repealed / superseded / not yet in force
    as_of: str | None = None            # YYYY-MM-DD; default today
    chapter: str | None = None          # substring of a 编/章/节 heading
    regions: tuple[str, ...] = ()       # local law of these regions (kb.regions; 全国: national texts; 全部: all)
    bureau_region: str | None = None    # the bureau's region (LAWKB_REGION): other regions' local law is left out

    def __post_init__(self):
        object.__setattr__(self, "as_of", check_date(self.as_of))

    @property
    def day(self) -> str:
        return self.as_of or date.today().isoformat()

    def allows(self, document: Document, status: str) -> bool:
        """Does a version (with its status on the day) pass the document-level filters?"""
        if self.laws and document.title not in self.laws:
            return False
        if self.levels and document.level not in self.levels:
            return False
        if self.regions:
            if not any(r in ALL_REGIONS or region_matches(document.region, r) for r in self.regions):
                return False
        elif not binds(document.region, self.bureau_region):
            return False  # another region's local law is never offered unless asked for by --region
        if self.statuses:
            return status in self.statuses
        return self.include_repealed or status == IN_FORCE

    def binding(self, document: Document) -> bool:
        """Does the version bind the bureau (national texts, and local law of its own region)?"""
        return binds(document.region, self.bureau_region)

    def allows_path(self, path: tuple[str, ...]) -> bool:
        """Does an article under these 编/分编/章/节 headings pass the chapter filter (侵权责任编, 大气污染防治…)?"""
        chapter = (self.chapter or "").strip()
        return not chapter or path_matches(path, chapter)


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
        doc_ok = np.array([s == IN_FORCE for s in self.document_status(day)], dtype=bool)
        return doc_ok[self.row_doc] if self.n_rows else np.zeros(0, dtype=bool)

    def binding(self, bureau_region: str | None) -> np.ndarray:
        """Per-row: does the row's document bind a bureau of that region (all rows without one)?"""
        probe = SearchFilters(bureau_region=bureau_region)
        doc_ok = np.array([probe.binding(doc) for doc in self.documents], dtype=bool)
        return doc_ok[self.row_doc] if self.n_rows else np.zeros(0, dtype=bool)

    def mask(self, filters: SearchFilters | None) -> np.ndarray:
        """Boolean mask of the rows the filters allow (cached; do not modify the result)."""
        filters = filters or SearchFilters()
        key = replace(filters, as_of=filters.day)
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

    def _compute(self, filters: SearchFilters) -> np.ndarray:
        statuses = self.document_status(filters.day)
        doc_ok = np.array([filters.allows(doc, status) for doc, status in zip(self.documents, statuses)], dtype=bool)
        mask = doc_ok[self.row_doc] if self.n_rows else np.zeros(0, dtype=bool)
        if (filters.chapter or "").strip():
            path_ok = np.array([filters.allows_path(path) for path in self.paths], dtype=bool)
            mask = mask & path_ok[self.row_path]
        return np.ascontiguousarray(mask)
