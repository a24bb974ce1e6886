"""What a quiz is about: laws, a 编/章/节, an article range or a topic, resolved to clauses."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from kb.clause import Clause, Document
from kb.errors import IndexMissingError, ModelError, NotFoundError, QueryError
from kb.numerals import cn_to_int
from kb.quiz.structure import heading_matches, titled_paths
from kb.search import SearchFilters
from kb.search.query import run_search


@dataclass(frozen=True)
class Scope:
    laws: tuple[str, ...] = ()
    chapter: str | None = None
    articles: str | None = None          # "30-40", "63", "30-35,63"
    topic: str | None = None
    include_repealed: bool = False
    as_of: str | None = None
    levels: tuple[str, ...] = ()         # only laws of these levels (法律, 部门规章, 地方性法规 …)
    regions: tuple[str, ...] = ()        # only local law of these regions (kb.regions; 全国: national)

    def describe(self) -> str:
        parts = ["、".join(f"《{law}》" for law in self.laws) or
                 "、".join((*self.regions, *self.levels)) or "全部现行法律"]
        if self.chapter:
            parts.append(self.chapter)
        if self.articles:
            parts.append(f"第{self.articles}条")
        if self.topic:
            parts.append(f"主题“{self.topic}”")
        return " ".join(parts)

    def to_dict(self) -> dict:
        return {"laws": list(self.laws), "chapter": self.chapter, "articles": self.articles, "topic": self.topic,
                "include_repealed": self.include_repealed, "as_of": self.as_of, "levels": list(self.levels),
                "regions": list(self.regions)}

    @classmethod
    def from_dict(cls, data: dict) -> "Scope":
        return cls(laws=tuple(data.get("laws") or ()), chapter=data.get("chapter") or None,
                   articles=data.get("articles") or None, topic=data.get("topic") or None,
                   include_repealed=bool(data.get("include_repealed")), as_of=data.get("as_of") or None,
                   levels=tuple(data.get("levels") or ()), regions=tuple(data.get("regions") or ()))


@dataclass
class ResolvedScope:
    scope: Scope
    documents: list[Document]
    clauses: list[Clause] = field(default_factory=list)
    law_clauses: dict[int, list[Clause]] = field(default_factory=dict)   # every article of each law, by id
    paths: dict[int, tuple[str, ...]] = field(default_factory=dict)      # clause id -> titled 编/分编/章/节 path

    def path(self, clause: Clause) -> tuple[str, ...]:
        return self.paths.get(clause.id, clause.path)


def parse_articles(text: str) -> list[tuple[int, int]]:
    """'30-40' -> [(30, 40)]; '第三十条至第四十条,63' -> [(30, 40), (63, 63)]."""
    ranges = []
    for part in re.split(r"[,，、;；\s]+", text.strip()):
        if not part:
            continue
        bounds = re.split(r"\s*(?:-|－|—|~|～|至|到)\s*", part.replace("第", "").replace("条", ""))
        try:
            numbers = [cn_to_int(b) for b in bounds if b]
        except ValueError:
            raise QueryError(f"article range {text!r} is not understood; use e.g. 30-40 or 63",
                             zh=f"条文范围“{text}”无法识别，请写成 30-40 或 63") from None
        if not 1 <= len(numbers) <= 2 or numbers[0] <= 0:
            raise QueryError(f"article range {text!r} is not understood; use e.g. 30-40 or 63",
                             zh=f"条文范围“{text}”无法识别，请写成 30-40 或 63")
        low, high = numbers[0], numbers[-1]
        if high < low:
            raise QueryError(f"article range {part!r} runs backwards", zh=f"条文范围“{part}”起止颠倒")
        ranges.append((low, high))
    if not ranges:
        raise QueryError("empty article range", zh="条文范围为空")
    return ranges


def resolve_documents(corpus, scope: Scope) -> list[Document]:
    store = corpus.store
    day = scope.as_of or date.today().isoformat()
    titles = list(dict.fromkeys(corpus.law_names.titles_for(list(scope.laws))))
    if not titles:
        if not (scope.topic or scope.levels or scope.regions):
            raise QueryError("say what the quiz is about: --law, --chapter/--articles with a law, --level/--region, "
                             "or --topic", zh="请指定测验范围：法规名称、效力层级或地区，或主题")
        titles = store.titles()
    from kb.search.query import build_filters

    wanted = build_filters(corpus, levels=scope.levels, regions=scope.regions, include_repealed=True)
    documents = []
    for title in titles:
        doc = store.version_on(title, day)
        if doc is None and scope.include_repealed:
            doc = store.current_version(title)
        if doc is not None and (scope.laws and not (scope.levels or scope.regions) or wanted.allows(doc, "")):
            documents.append(doc)
    if not documents:
        raise NotFoundError(f"{'、'.join(titles)} is not in force on {day}; add --include-repealed to quiz on it anyway",
                            zh=f"{'、'.join(titles)}在{day}不是现行有效的法规")
    return documents


def _topic_terms(topic: str) -> list[str]:
    return [t for t in re.split(r"[\s,，、]+", topic.strip()) if t]


def _topic_match(clauses: list[Clause], topic: str, corpus, documents: list[Document], scope: Scope) -> list[Clause]:
    terms = _topic_terms(topic)
    if not terms:
        raise QueryError("empty topic", zh="主题为空")
    matched = [c for c in clauses if all(term in c.text for term in terms)]
    filters = SearchFilters(laws=tuple(d.title for d in documents), include_repealed=scope.include_repealed,
                            as_of=scope.as_of)
    try:  # the search index adds clauses worded differently
        hits = run_search(corpus, topic, 100, filters, citations=False).hits
    except (IndexMissingError, ModelError):  # no usable index: the substring scan stands alone
        return matched
    wanted = {c.id for c in clauses}
    seen = {c.id for c in matched}
    for hit in hits:
        clause = hit.clause
        if clause.id in wanted and clause.id not in seen and any(term[:2] in clause.text for term in terms):
            matched.append(clause.focus(None))
            seen.add(clause.id)
    return matched


def resolve(corpus, scope: Scope) -> ResolvedScope:
    """The article clauses a scope covers; NotFoundError/QueryError when it covers none."""
    documents = resolve_documents(corpus, scope)
    ranges = parse_articles(scope.articles) if scope.articles else None
    clauses: list[Clause] = []
    law_clauses = {doc.id: corpus.store.clauses(doc.id, kinds=("article",)) for doc in documents}
    paths: dict[int, tuple[str, ...]] = {}
    for doc in documents:
        paths.update(titled_paths(law_clauses[doc.id]))
        for clause in law_clauses[doc.id]:
            if scope.chapter and not heading_matches(scope.chapter, paths.get(clause.id, clause.path)):
                continue
            if ranges and not any(low <= (clause.article or 0) <= high for low, high in ranges):
                continue
            clauses.append(clause)
    if scope.topic:
        clauses = _topic_match(clauses, scope.topic, corpus, documents, scope)
    if not clauses:
        raise NotFoundError(f"no articles in scope: {scope.describe()}", zh=f"所选范围内没有条文：{scope.describe()}")
    return ResolvedScope(scope, documents, clauses, law_clauses, paths)
