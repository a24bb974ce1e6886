"""The one query path: what the CLI, the web app, the API, answers and quizzes call to search.

    filters = build_filters(corpus, laws=["环保法"], as_of="2026-09-01", include_repealed=False)
    result = run_search(corpus, "按日连续处罚", top_k=10, filters=filters)   # -> QueryResult
    result.kind   # "citation" (环保法第59条 went straight to its article) or "search"
    result.hits   # list[Hit]

* ``clean_query`` — the query stripped and cut to ``MAX_QUERY_CHARS``; an empty, non-text or
  punctuation-only query is a ``QueryError``.
* ``build_filters(corpus, **options)`` — ``SearchFilters`` from user options: law names (full
  title, short title or abbreviation) -> titles, levels, as-of date, include repealed, chapter.
  Each option is one entry of ``FILTER_OPTIONS``; a new filter field is a field of
  ``kb.search.filters.SearchFilters`` (with its test there) plus one entry here.
* ``citation_hits`` — the citation shortcut (``kb.citations.resolve_query``): the cited article or
  款 on the as-of day, or None when the query is not a citation.
* ``run_search`` — citation first, otherwise the searcher (``kb.search.searchers.get_searcher``,
  or the one given); searchers only retrieve.

Errors carry an English message (CLI, JSON API) and a Chinese one (``exc.zh``, web pages).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from kb.citations import resolve_query
from kb.clause import LEVELS, Hit
from kb.errors import QueryError
from kb.regions import ALL_REGIONS, NATIONAL, normalize_region, region_matches
from kb.search import Searcher
from kb.search.filters import SearchFilters, check_date
from kb.search.searchers import get_searcher

MAX_QUERY_CHARS = 2000
MEANINGFUL_RE = re.compile(r"[\w\u3400-\u9fff]")


def clean_query(query) -> str:
    """The query stripped and cut to MAX_QUERY_CHARS; QueryError if it has nothing to search for."""
    if query is None or not isinstance(query, str):
        raise QueryError("the query must be text, e.g. 查封扣押设备最长可以多久", zh="请输入要查询的文字，例如：查封扣押设备最长可以多久")
    text = query.strip()
    if not text:
        raise QueryError("the query is empty; type some words, e.g. 按日连续处罚 or 环保法第59条",
                         zh="查询内容为空：请输入关键词、问题或条文引用，例如：按日连续处罚、环保法第59条")
    if not MEANINGFUL_RE.search(text):
        raise QueryError(f"the query {text[:40]!r} has only punctuation or symbols; type some words",
                         zh="查询内容只有标点或符号：请输入关键词、问题或条文引用")
    return text[:MAX_QUERY_CHARS]


def _names(value) -> tuple[str, ...]:
    """One name or several (a string, or an iterable of strings), blanks dropped."""
    values = [value] if isinstance(value, str) else list(value or ())
    return tuple(str(v).strip() for v in values if v is not None and str(v).strip())


def _laws(corpus, value) -> tuple[str, ...]:
    return tuple(corpus.law_names.titles_for(list(_names(value))))


def _levels(corpus, value) -> tuple[str, ...]:
    levels = _names(value)
    for level in levels:
        if level not in LEVELS:
            raise QueryError(f"unknown level {level!r}; use one of {', '.join(LEVELS)}",
                             zh=f"效力层级只能是 {'、'.join(LEVELS)} 之一")
    return levels


def _chapter(corpus, value) -> str | None:
    return (value or "").strip() or None


def _regions(corpus, value) -> tuple[str, ...]:
    """Region names as stored (上海 -> 上海市, 新疆/吐鲁番市 -> 新疆维吾尔自治区/吐鲁番市); 全国, 全部 kept."""
    regions = []
    known = sorted({d.region for d in corpus.store.documents() if d.region})
    for name in _names(value):
        if name in ALL_REGIONS or name in NATIONAL:
            regions.append(name)
            continue
        region = normalize_region(name)
        if not any(region_matches(k, region) for k in known):
            shown = "、".join(sorted({k.split("/")[0] for k in known})[:12]) or "none"
            raise QueryError(f"no local law of region {name!r} in the store (regions: {shown}; 全国 for national "
                             "texts, 全部 for all)", zh=f"法规库中没有“{name}”的地方性法规（现有地区：{shown}）")
        regions.append(region)
    return tuple(regions)


def _bureau_region(corpus, value) -> str | None:
    return normalize_region(value)


# option -> (corpus, what the user gave) -> the SearchFilters value
FILTER_OPTIONS: dict[str, Callable[[Any, Any], Any]] = {
    "laws": _laws,
    "levels": _levels,
    "as_of": lambda corpus, value: check_date(value),
    "include_repealed": lambda corpus, value: bool(value),
    "chapter": _chapter,
    "regions": _regions,
    "bureau_region": _bureau_region,
}


def build_filters(corpus, **options) -> SearchFilters:
    """SearchFilters from user options (see FILTER_OPTIONS); None or empty options are left out.

    Unknown law names raise NotFoundError with the closest titles; bad levels and dates QueryError.
    """
    unknown = sorted(set(options) - set(FILTER_OPTIONS))
    if unknown:
        raise TypeError(f"unknown filter option(s): {', '.join(unknown)}")
    if "bureau_region" not in options and corpus is not None:
        options["bureau_region"] = corpus.setting("REGION")  # the bureau's own region (LAWKB_REGION)
    values = {name: FILTER_OPTIONS[name](corpus, value) for name, value in options.items()
              if value not in (None, "", (), [])}
    return SearchFilters(**values)


def citation_hits(corpus, query: str, filters: SearchFilters | None = None) -> list[Hit] | None:
    """The cited clauses when the query is a citation (环保法第59条), on the filters' day; else None.

    An unknown law or article raises NotFoundError. Versions not in force on the day are returned
    too, with match "citation:not_in_force".
    """
    return resolve_query(corpus, query, as_of=(filters or SearchFilters()).as_of, include_repealed=True)


@dataclass
class QueryResult:
    query: str                         # the cleaned query
    filters: SearchFilters
    kind: str = "search"               # "search" | "citation"
    hits: list[Hit] = field(default_factory=list)


def run_search(corpus, query, top_k: int = 10, filters: SearchFilters | None = None,
               searcher: Searcher | Callable[[], Searcher] | None = None, kind: str = "hybrid",
               citations: bool = True) -> QueryResult:
    """Clean the query, answer a citation directly (unless citations=False), else search.

    ``searcher``: the searcher to ask, or a function giving it (called only when the query is not
    a citation, so a citation needs no index); default ``get_searcher(corpus, kind)``.
    """
    text = clean_query(query)
    filters = filters or SearchFilters()
    top_k = max(int(top_k), 0)
    if citations:
        cited = citation_hits(corpus, text, filters)
        if cited:
            return QueryResult(text, filters, "citation", mark_binding(cited[:top_k], filters))
    if searcher is None:
        searcher = get_searcher(corpus, kind)
    elif callable(searcher):
        searcher = searcher()
    return QueryResult(text, filters, "search", mark_binding(searcher.search(text, top_k, filters), filters))


def mark_binding(hits: list[Hit], filters: SearchFilters) -> list[Hit]:
    """Set each hit's ``binding`` for the bureau's region (left None without one)."""
    if filters.bureau_region:
        for hit in hits:
            hit.binding = filters.binding(hit.clause.document)
    return hits
