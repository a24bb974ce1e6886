"""The search form: request arguments -> kb.search.query (filters, citation shortcut, search).

Shared by the search page and /api/search. Everything else — cleaning the query, law names ->
titles, dates, the citation shortcut — is kb.search.query's.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.errors import QueryError
from kb.search import SearchFilters
from kb.search.query import MAX_QUERY_CHARS, QueryResult, build_filters, run_search
from webapp.state import state

STATUS_CHOICES = {"in_force": "仅现行有效", "all": "包含已废止和历史版本"}
MAX_K = 50


@dataclass
class SearchForm:
    q: str = ""
    law: str = ""
    level: str = ""
    region: str = ""
    status: str = "in_force"
    as_of: str = ""
    k: int = 10

    @classmethod
    def from_args(cls, args, default_k: int = 10) -> "SearchForm":
        try:
            k = int(args.get("k") or default_k)
        except ValueError:
            raise QueryError("k must be a whole number, e.g. 10", zh="k（结果条数）应为整数，例如 10") from None
        status = args.get("status") or "in_force"
        return cls(q=(args.get("q") or "").strip(), law=(args.get("law") or "").strip(),
                   level=(args.get("level") or "").strip(), region=(args.get("region") or "").strip(), status=status,
                   as_of=(args.get("as_of") or "").strip(), k=max(1, min(k, MAX_K)))

    def to_dict(self) -> dict:
        return {"q": self.q, "law": self.law, "level": self.level, "region": self.region, "status": self.status,
                "as_of": self.as_of, "k": self.k}

    def filters(self) -> SearchFilters:
        """The form's filters (QueryError for a bad status, level or date; NotFoundError for an unknown law)."""
        if len(self.q) > MAX_QUERY_CHARS:
            raise QueryError(f"the query has {len(self.q)} characters; keep it under {MAX_QUERY_CHARS}",
                             zh=f"查询过长（{len(self.q)} 字），请缩短到 {MAX_QUERY_CHARS} 字以内")
        if self.status not in STATUS_CHOICES:
            raise QueryError(f"status must be {' or '.join(STATUS_CHOICES)}",
                             zh=f"status（时效性）只能是 {' 或 '.join(STATUS_CHOICES)}")
        return build_filters(state().corpus, laws=self.law, levels=self.level, as_of=self.as_of,
                             include_repealed=self.status == "all", regions=self.region)


def run_form(form: SearchForm, filters: SearchFilters | None = None) -> QueryResult | None:
    """The search for a form (None when it has no query): a citation goes straight to its clauses."""
    filters = filters or form.filters()
    if not form.q:
        return None
    return run_search(state().corpus, form.q, form.k, filters, searcher=state().searcher)
