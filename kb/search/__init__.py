"""One search interface: ``search(query, top_k, filters) -> list[Hit]``.

Implemented by the lexical (BM25), dense (FAISS) and hybrid searchers. ``get_searcher(corpus,
kind)`` returns a loaded searcher for a corpus, cached per corpus; a missing or stale index raises
``IndexMissingError`` saying how to rebuild.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from kb.clause import Hit
from kb.errors import QueryError

MAX_QUERY_CHARS = 2000


@dataclass(frozen=True)
class SearchFilters:
    """What to search in. Default: every law, in force on ``as_of`` (today)."""

    laws: tuple[str, ...] = ()          # full titles
    levels: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()      # explicit statuses (on as_of); empty = in force only
    include_repealed: bool = False      # also repealed / superseded / not yet in force
    as_of: str | None = None            # YYYY-MM-DD; default today
    chapter: str | None = None          # substring of a 编/章/节 heading

    @property
    def day(self) -> str:
        return self.as_of or date.today().isoformat()


def check_date(text: str | None) -> str | None:
    """Validate an as-of date: YYYY-MM-DD, not before 1949-10-01."""
    if text is None or text == "":
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise QueryError(f"as-of date {text!r} is not a date; use YYYY-MM-DD, e.g. 2026-08-15")
    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        raise QueryError(f"as-of date {text!r} does not exist; use YYYY-MM-DD") from None
    if value < date(1949, 10, 1):
        raise QueryError(f"as-of date {text} is before 1949-10-01; LawKB holds the law of the People's Republic")
    return value.isoformat()


class Searcher(Protocol):
    name: str

    def search(self, query: str, top_k: int = 10, filters: SearchFilters | None = None) -> list[Hit]:
        ...
