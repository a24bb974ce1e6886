"""Citations: find them in text and resolve them to clauses.

Recognises 《全称》 or 简称 (环保法, 大气法, 民诉法 …) with or without 《》, Chinese or Arabic
numerals, 第X条之一, 第X款, 第X项 / 第（X）项, lists (第三十三条、第三十四条) and ranges
(第十条至第十二条). Resolution picks the version in force on a date; an unknown law or article is
a clear answer ("no such article"), never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from kb.chinese import to_simplified
from kb.clause import Clause, Document, Hit
from kb.errors import NotFoundError
from kb.law_names import LawNameIndex
from kb.numerals import CN_NUMBER_CHARS, article_label, cn_to_int, int_to_cn

NUM = rf"(?:\d{{1,5}}|[{CN_NUMBER_CHARS}]{{1,8}})"
ARTICLE = re.compile(rf"(?P<di>第)?\s*(?P<a>{NUM})\s*条(?:\s*之\s*(?P<s>{NUM}))?")
PARAGRAPH = re.compile(rf"\s*第\s*(?P<p>{NUM})\s*款")
ITEM = re.compile(rf"\s*第\s*[（(]?\s*(?P<i>{NUM})\s*[）)]?\s*项")
LIST_SEP = re.compile(r"\s*(?:、|，|,|和|及|以及|与)\s*(?=第)")
RANGE_SEP = re.compile(r"\s*(?:至|到|-|—|－|–|~|～)\s*")
BRACKETED = re.compile(r"《([^《》\n]{2,80})》")
LINKER = re.compile(r"\s*(?:的|之)?\s*(?:规定)?\s*")
MAX_RANGE = 60


@dataclass(frozen=True)
class CitationRef:
    """One cited article (or range) as written in a text."""

    span: tuple[int, int]
    text: str
    law_name: str | None          # as written (without 《》), None when no law is named
    article: int
    suffix: int = 0
    paragraph: int | None = None
    item: int | None = None
    article_end: int | None = None  # last article of a range
    bracketed: bool = False

    @property
    def article_label(self) -> str:
        return article_label(self.article, self.suffix)


@dataclass
class Resolution:
    """What a citation points to on a date."""

    ref: CitationRef
    verdict: str                   # ok | no_such_article | not_in_force | unknown_law | ambiguous
    message: str                   # Chinese: the verdict as a legal review shows it
    titles: list[str] = field(default_factory=list)
    document: Document | None = None
    clauses: list[Clause] = field(default_factory=list)
    message_en: str = ""           # English: the same for the command line and the JSON API

    @property
    def hits(self) -> list[Hit]:
        return [Hit(c, 1.0, "citation") for c in self.clauses]


def _number(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return cn_to_int(text)
    except ValueError:
        return None


class CitationFinder:
    """Finds citations in text, knowing the law names of one corpus."""

    def __init__(self, names: LawNameIndex):
        self.names = names
        alternation = "|".join(re.escape(n) for n in names.names if len(n) >= 2)
        self.name_pattern = re.compile(rf"《(?P<b>[^《》\n]{{2,80}})》|(?P<n>{alternation})") if alternation \
            else re.compile(r"《(?P<b>[^《》\n]{2,80})》")

    def find(self, text: str) -> list[CitationRef]:
        """Every article citation in the text, in order. Articles with no law named get law_name None."""
        refs: list[CitationRef] = []
        consumed: list[tuple[int, int]] = []
        for match in self.name_pattern.finditer(text):
            name = match.group("b") or match.group("n")
            bracketed = match.group("b") is not None
            found = self._chain(text, match.end(), name, match.start(), bracketed, require_di=False)
            refs.extend(found)
            if found:
                consumed.append((match.start(), found[-1].span[1]))
        for match in ARTICLE.finditer(text):
            if not match.group("di") or any(a <= match.start() < b for a, b in consumed):
                continue
            found = self._chain(text, match.start(), None, match.start(), False, require_di=True)
            if found:
                refs.extend(found)
                consumed.append((match.start(), found[-1].span[1]))
        refs.sort(key=lambda r: r.span)
        return refs

    def _chain(self, text: str, pos: int, name: str | None, start: int, bracketed: bool,
               require_di: bool) -> list[CitationRef]:
        linker = LINKER.match(text, pos)
        pos = linker.end() if linker else pos
        refs: list[CitationRef] = []
        first = True
        while True:
            match = ARTICLE.match(text, pos)
            if not match or (require_di or not first) and not match.group("di"):
                break
            article = _number(match.group("a"))
            suffix = _number(match.group("s")) or 0
            if article is None:
                break
            end = match.end()
            paragraph = item = article_end = None
            range_match = RANGE_SEP.match(text, end)
            if range_match:
                other = ARTICLE.match(text, range_match.end())
                if other and (other.group("di") or not match.group("di")):
                    article_end = _number(other.group("a"))
                    end = other.end()
            if article_end is None:
                para = PARAGRAPH.match(text, end)
                if para:
                    paragraph = _number(para.group("p"))
                    end = para.end()
                item_match = ITEM.match(text, end)
                if item_match:
                    item = _number(item_match.group("i"))
                    end = item_match.end()
            ref_start = start if first else match.start()
            refs.append(CitationRef((ref_start, end), text[ref_start:end], name, article, suffix, paragraph,
                                    item, article_end, bracketed))
            first = False
            sep = LIST_SEP.match(text, end)
            if not sep:
                break
            pos = sep.end()
        return refs


def finder_for(corpus) -> CitationFinder:
    """The corpus's citation finder (kept by the corpus until it refreshes)."""
    return corpus.cached("citation_finder", lambda: CitationFinder(corpus.law_names))


def _version_for(store, title: str, day: str) -> tuple[Document | None, bool]:
    """(version to use, in force on day?)."""
    doc = store.version_on(title, day)
    if doc is not None:
        return doc, True
    versions = store.versions(title)
    started = [v for v in versions if not v.effective_date or v.effective_date <= day]
    return (started[-1] if started else (versions[0] if versions else None)), False


def resolve(corpus, ref: CitationRef, as_of: str | None = None, default_title: str | None = None) -> Resolution:
    """Resolve one citation on a date (default today). Each outcome has a Chinese message and an English one."""
    day = as_of or date.today().isoformat()
    store = corpus.store
    if ref.law_name is None:
        if default_title is None:
            return Resolution(ref, "unknown_law", f"“{ref.text}”没有指明法律", message_en=f"{ref.text}: no law is named")
        titles = [default_title]
    else:
        titles = corpus.law_names.resolve(ref.law_name)
    if not titles:
        suggestions = corpus.law_names.suggest(ref.law_name or "")
        return Resolution(
            ref, "unknown_law",
            f"法规库中没有《{ref.law_name}》（可用 lawkb ingest 导入）" + (f"；相近的有：{'、'.join(suggestions[:3])}" if suggestions else ""),
            titles=suggestions,
            message_en=f"{ref.law_name!r} is not in the store (import it with `lawkb ingest FILE`)"
                       + (f"; closest: {', '.join(suggestions[:3])}" if suggestions else ""))
    if len(titles) > 1:
        return Resolution(ref, "ambiguous", f"“{ref.law_name}”可能指{'、'.join(titles)}", titles=titles,
                          message_en=f"{ref.law_name!r} may mean {', '.join(titles)}")
    title = titles[0]
    document, in_force = _version_for(store, title, day)
    if document is None:
        return Resolution(ref, "unknown_law", f"《{title}》没有收录任何版本", titles=titles,
                          message_en=f"{title} has no stored version")
    version = document.version_date or document.effective_date

    def missing(zh: str, en: str) -> Resolution:
        return Resolution(ref, "no_such_article", f"《{title}》{zh}", titles, document,
                          message_en=f"{ref.text}: {title} {en}")

    last = ref.article_end if ref.article_end is not None else ref.article
    if last < ref.article or last - ref.article > MAX_RANGE:
        return Resolution(ref, "no_such_article", f"“{ref.text}”：第{ref.article}至{last}条不是可用的条文范围",
                          titles, document, message_en=f"{ref.text}: range {ref.article}-{last} is not usable")
    clauses = []
    for number in range(ref.article, last + 1):
        clause = store.article(document.id, number, ref.suffix if number == ref.article else 0)
        if clause is None:
            count = sum(1 for c in store.clauses(document.id, kinds=("article",)))
            label = article_label(number, ref.suffix if number == ref.article else 0)
            return missing(f"（{version}版）没有{label}（共{count}条）", f"({version} version) has no {label} ({count} articles)")
        clauses.append(clause)
    head = clauses[0]
    note = note_en = None
    if ref.paragraph is not None:
        paragraphs = head.paragraphs()
        label = head.article_label
        if not 1 <= ref.paragraph <= len(paragraphs):
            return missing(f"{label}共{int_to_cn(len(paragraphs))}款，没有第{int_to_cn(ref.paragraph)}款",
                           f"{label} has {len(paragraphs)} 款, not 第{int_to_cn(ref.paragraph)}款")
        items = paragraphs[ref.paragraph - 1].items
        if ref.item is not None and not 1 <= ref.item <= len(items):
            where = f"{label}第{int_to_cn(ref.paragraph)}款" if len(paragraphs) > 1 else label
            count = f"共{int_to_cn(len(items))}项" if items else "不分项"
            return missing(f"{where}{count}，没有第（{int_to_cn(ref.item)}）项",
                           f"{where} has {len(items)} 项, not 第（{int_to_cn(ref.item)}）项")
        if len(paragraphs) == 1:
            note = f"《{title}》{label}共一款（不分款），引用时不必写“第一款”"
            note_en = f"ok; {title} {label} has one 款 only (no need to cite 第一款)"
        clauses[0] = head.focus(ref.paragraph, ref.item)
    elif ref.item is not None:
        items = [(p.index, i) for p in head.paragraphs() for i in range(1, len(p.items) + 1)]
        matching = [pair for pair in items if pair[1] == ref.item]
        if not matching:
            count = f"共{int_to_cn(len(items))}项" if items else "不分项"
            return missing(f"{head.article_label}{count}，没有第（{int_to_cn(ref.item)}）项",
                           f"{head.article_label} has {len(items)} 项, not 第（{int_to_cn(ref.item)}）项")
        clauses[0] = head.focus(matching[0][0], ref.item)
    if not in_force:
        status = store.status_on(document, day)
        why = "尚未生效" if status == "尚未生效" else ("已废止" if status in ("已废止", "历史版本") else "效力不明")
        why_en = {"尚未生效": "not yet in force", "已废止": "repealed"}.get(why, "of unknown status")
        return Resolution(ref, "not_in_force", f"《{title}》在{day}{why}", titles, document, clauses,
                          message_en=f"{title} is {why_en} on {day}")
    return Resolution(ref, "ok", note or "ok", titles, document, clauses, message_en=note_en or "ok")


CITATION_HINT = re.compile(rf"(?:\d|[{CN_NUMBER_CHARS}])\s*[条條]")
_LEFTOVER = re.compile(r"[\s《》〈〉<>,，。.;；:：、?？!！\"'“”‘’()（）]|的|规定|内容|条文|原文|是什么|怎么说|全文|查询|查看")


def with_status_on(clause: Clause, store, day: str) -> Clause:
    """The clause with its document's status on a day (unchanged when that status is unknown)."""
    status = store.status_on(clause.document, day)
    if status in ("unknown", clause.document.status):
        return clause
    return replace(clause, document=replace(clause.document, status=status))


def resolve_query(corpus, query: str, as_of: str | None = None, include_repealed: bool = True) -> list[Hit] | None:
    """Hits for a query that is a citation (环保法第59条, 《民法典》第一千一百六十五条第二款), else None.

    A query is a citation when citations with a named law cover it (bar punctuation and words like
    的/规定/内容). Unknown law or article raises NotFoundError with a clear message. A query with
    no numeral followed by 条 is answered None at once (no parsing, no conversion).
    """
    if not CITATION_HINT.search(query):
        return None
    text = to_simplified(query.strip())
    refs = [r for r in finder_for(corpus).find(text) if r.law_name is not None]
    if not refs:
        return None
    covered = list(text)
    for ref in refs:
        for i in range(*ref.span):
            covered[i] = ""
    if _LEFTOVER.sub("", "".join(covered)):
        return None
    hits: list[Hit] = []
    for ref in refs:
        resolution = resolve(corpus, ref, as_of)
        if resolution.verdict in ("unknown_law", "no_such_article", "ambiguous"):
            raise NotFoundError(resolution.message_en, zh=resolution.message)
        if resolution.verdict == "not_in_force" and not include_repealed:
            raise NotFoundError(resolution.message_en + " (add --include-repealed to see it)",
                                zh=resolution.message + "（可选择“包含已废止”查看）")
        for hit in resolution.hits:
            hit.clause = with_status_on(hit.clause, corpus.store, as_of or date.today().isoformat())
            hits.append(hit if resolution.verdict == "ok" else replace(hit, match="citation:not_in_force"))
    return hits
