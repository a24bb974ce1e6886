"""Turn request arguments into a search, shared by the search page and /api/search.

A query that is a citation (环保法第59条) resolves to clauses; anything else goes to the searcher.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.clause import LEVELS, Hit
from kb.errors import QueryError
from kb.search import MAX_QUERY_CHARS, SearchFilters, check_date
from webapp.state import state

STATUS_CHOICES = {"in_force": "仅现行有效", "all": "包含已废止和历史版本"}
MAX_K = 50


@dataclass
class SearchForm:
    q: str = ""
    law: str = ""
    level: str = ""
    status: str = "in_force"
    as_of: str = ""
    k: int = 10

    @classmethod
    def from_args(cls, args, default_k: int = 10) -> "SearchForm":
        try:
            k = int(args.get("k") or default_k)
        except ValueError:
            raise QueryError("k（结果条数）应为整数，例如 10") from None
        status = args.get("status") or "in_force"
        return cls(q=(args.get("q") or "").strip(), law=(args.get("law") or "").strip(),
                   level=(args.get("level") or "").strip(), status=status,
                   as_of=(args.get("as_of") or "").strip(), k=max(1, min(k, MAX_K)))

    def to_dict(self) -> dict:
        return {"q": self.q, "law": self.law, "level": self.level, "status": self.status,
                "as_of": self.as_of, "k": self.k}


@dataclass
class SearchOutcome:
    form: SearchForm
    filters: SearchFilters
    kind: str = "search"          # search | citation
    hits: list[Hit] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # laws the law filter resolved to

    @property
    def day(self) -> str:
        return self.filters.day


def day_or_error(text: str | None) -> str | None:
    """check_date with a message for people: 日期 must be YYYY-MM-DD, a real day, from 1949-10-01."""
    try:
        return check_date(text)
    except QueryError:
        raise QueryError(f"日期“{text}”无效：请写成 YYYY-MM-DD（如 2026-08-15），且不早于 1949-10-01") from None


def filters_for(form: SearchForm) -> tuple[SearchFilters, list[str]]:
    if len(form.q) > MAX_QUERY_CHARS:
        raise QueryError(f"查询过长（{len(form.q)} 字），请缩短到 {MAX_QUERY_CHARS} 字以内")
    if form.status not in STATUS_CHOICES:
        raise QueryError(f"status（时效性）只能是 {' 或 '.join(STATUS_CHOICES)}")
    if form.level and form.level not in LEVELS:
        raise QueryError(f"level（效力层级）只能是 {'、'.join(LEVELS)} 之一")
    as_of = day_or_error(form.as_of)
    titles: list[str] = []
    if form.law:
        names = state().corpus.law_names
        titles = names.resolve(form.law)
        if not titles:
            close = names.suggest(form.law, limit=3)
            hint = f"；您是不是要找：{'、'.join(close)}" if close else ""
            raise QueryError(f"法规库中没有“{form.law}”{hint}")
    filters = SearchFilters(laws=tuple(titles), levels=(form.level,) if form.level else (),
                            include_repealed=form.status == "all", as_of=as_of)
    return filters, titles


def run_search(form: SearchForm, allow_citation: bool = True) -> SearchOutcome:
    filters, titles = filters_for(form)
    outcome = SearchOutcome(form, filters, titles=titles)
    if not form.q:
        return outcome
    if allow_citation:
        cited = state().resolve_citation(form.q, filters.as_of, include_repealed=True)
        if cited:
            outcome.kind, outcome.hits = "citation", cited
            return outcome
    outcome.hits = state().searcher().search(form.q, form.k, filters)
    return outcome
