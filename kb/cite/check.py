"""Citation check of a draft decision (行政处罚决定书, 法制审核意见) as of its decision date.

The date the check uses: the date given (``--as-of`` / the form field), else the document's own
date — 审核日期/决定日期/日期： at the top or the end, or the 落款 date — never a date quoted in the
body, else today; ``kb.cite.dates`` finds it and says which line it came from (see there).

Each citation gets a verdict (ok / no_such_article / not_in_force / unknown_law / ambiguous)
from ``kb.citations.resolve`` on that date; a citation of a statute the 生态环境法典 repealed gets
the Code article the concordance aligns it to as ``suggestion`` and, in ``replacement``, the draft's
sentence rewritten to cite it (``kb.cite.replace``); a stated fine is checked against the cited
clause's range (``kb.cite.amounts``). With the bureau's region set (``LAWKB_REGION``), a cited
article of another region's local law is ``not_binding``. ``levels`` and ``regions`` keep only the
citations of laws of those levels / regions (kb.search.filters).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.cite.dates import DocumentDate, document_date, parse_day  # noqa: F401 - parse_day is public here
from kb.cite.draft import DraftText, draft_from_text
from kb.cite.extract import Extracted, extract
from kb.cite.replace import add_replacements
from kb.citations import Resolution, resolve
from kb.cite.amounts import check_amounts
from kb.cite.concordance import load
from kb.cite.counterpart import counterpart
from kb.clause import Clause
from kb.limits import check_limit, checkpoint
from kb.numerals import article_label
from kb.search.query import build_filters


def decision_date(text: str) -> tuple[str, tuple[int, int]] | None:
    """(ISO date, span) of the document's own date, or None."""
    found = document_date(text)
    return (found.day, found.span) if found.used else None


@dataclass
class CitationResult:
    extracted: Extracted
    resolution: Resolution
    suggestion: dict | None = None
    suggestion_note: str | None = None
    suggestion_clause: Clause | None = None
    replacement: dict | None = None     # the sentence rewritten with the Code citation (kb.cite.replace)
    amount: dict | None = None          # the stated fine against the clause's range (kb.cite.amounts)

    @property
    def verdict(self) -> str:
        return self.resolution.verdict

    def to_record(self) -> dict:
        ref = self.extracted.ref
        res = self.resolution
        hits = res.hits
        law = res.titles[0] if len(res.titles) == 1 and res.verdict != "unknown_law" else None
        return {
            "span": list(ref.span),
            "text": ref.text,
            "law": law,
            "law_as_written": ref.law_name,
            "back_reference": self.extracted.back_reference,
            "article": ref.article or None,
            "article_label": article_label(ref.article, ref.suffix) if ref.article else None,
            "article_end": ref.article_end,
            "paragraph": ref.paragraph,
            "item": ref.item,
            "verdict": res.verdict,
            "clause": hits[0].to_record() if hits else None,
            "suggestion": self.suggestion,
            "replacement": self.replacement,
            "message": res.message if not self.suggestion_note else f"{res.message}；{self.suggestion_note}",
            "amount": self.amount,
        }


@dataclass
class CheckReport:
    draft: DraftText
    date: DocumentDate
    results: list[CitationResult] = field(default_factory=list)

    @property
    def as_of(self) -> str:
        return self.date.day

    @property
    def as_of_source(self) -> str:         # option | text | today
        return self.date.source

    @property
    def as_of_span(self) -> tuple[int, int] | None:
        return self.date.span

    @property
    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for result in self.results:
            counts[result.verdict] = counts.get(result.verdict, 0) + 1
        return counts

    @property
    def summary(self) -> str:
        if not self.results:
            return "未发现法律条文引用（没有“第X条”形式的引用）。"
        parts = "，".join(f"{VERDICT_LABELS.get(k, k)} {v}" for k, v in sorted(self.counts.items()))
        return f"共 {len(self.results)} 处引用：{parts}"

    def to_record(self, include_text: bool = True) -> dict:
        record = {
            "as_of": self.as_of,
            "as_of_source": self.as_of_source,
            "as_of_span": list(self.as_of_span) if self.as_of_span else None,
            "as_of_note": self.date.note,
            "as_of_line": self.date.used.line if self.date.used else None,
            "date": self.date.to_record(),
            "source": self.draft.to_record(),
            "summary": self.summary,
            "counts": self.counts,
            "citations": [r.to_record() for r in self.results],
        }
        if include_text:
            record["text"] = self.draft.text
        return record


VERDICT_LABELS = {"ok": "正确", "no_such_article": "条文不存在", "not_in_force": "未生效或已失效",
                  "unknown_law": "法规不在库中", "ambiguous": "名称有歧义", "not_binding": "非本地区法规"}


def _suggest(corpus, resolution: Resolution, laws: list) -> tuple[dict | None, str | None, Clause | None]:
    """The Code article replacing a cited article of a statute the Code repealed (or, for a Code
    article cited before the Code is in force, the statute article it replaces)."""
    doc = resolution.document
    if resolution.verdict != "not_in_force" or doc is None or not resolution.clauses:
        return None, None, None
    if not laws:
        laws.append(load(corpus))
    found = counterpart(corpus, doc, resolution.clauses[0], laws[0])
    if found is None:
        return None, None, None
    hit, note = found
    return (hit.to_record() if hit else None), note, (hit.clause if hit else None)


def _binding(resolution: Resolution, filters) -> Resolution:
    """An ok citation of another region's local law becomes not_binding (with the bureau's region set)."""
    doc = resolution.document
    if resolution.verdict == "ok" and doc is not None and not filters.binding(doc):
        resolution.verdict = "not_binding"
        resolution.message = (f"《{doc.title}》是{doc.region}的地方性法规，对{filters.bureau_region}不具约束力"
                              "（LAWKB_REGION）")
        resolution.message_en = (f"{doc.title} is local law of {doc.region}; it does not bind "
                                 f"{filters.bureau_region} (LAWKB_REGION)")
    return resolution


def _wanted(resolution: Resolution, filters) -> bool:
    """Is the cited law one of the levels / regions asked for (all citations when none are)?"""
    if not (filters.levels or filters.regions):
        return True
    doc = resolution.document
    return doc is not None and filters.allows(doc, "")


def check_draft(corpus, draft: DraftText, as_of: str | None = None, levels=(), regions=()) -> CheckReport:
    """Check every citation of a draft (only those of laws of ``levels`` / ``regions`` when given; at most
    CITE_MAX_CHARS characters; checkpoints for a time budget)."""
    limit = int(corpus.setting("CITE_MAX_CHARS"))
    check_limit("chars", len(draft.text), limit, "LAWKB_CITE_MAX_CHARS",
                f"the draft has {len(draft.text):,} characters; the citation check reads at most {limit:,} "
                "(LAWKB_CITE_MAX_CHARS): check the decision itself, not a whole case file")
    filters = build_filters(corpus, levels=levels, regions=regions, include_repealed=True)
    report = CheckReport(draft, document_date(draft.text, as_of))
    day = report.as_of
    laws: list = []          # the concordances, loaded once on the first citation that needs them
    for extracted in extract(corpus, draft.text):
        checkpoint()
        ref = extracted.ref
        if ref.article == 0:
            resolution = Resolution(ref, "unknown_law", f"“{ref.text}”之前没有可对应的条文引用")
        else:
            resolution = resolve(corpus, ref, day)
            if extracted.back_reference and ref.law_name is None:
                resolution.message = f"“{ref.text}”之前没有提到法律名称，无法确定所指法律"
        resolution = _binding(resolution, filters)
        if not _wanted(resolution, filters):
            continue
        suggestion, note, code_clause = _suggest(corpus, resolution, laws)
        report.results.append(CitationResult(extracted, resolution, suggestion, note, code_clause))
    add_replacements(draft.text, report.results)
    check_amounts(corpus, report)
    return report


def check_text(corpus, text: str, as_of: str | None = None, name: str = "<text>", levels=(), regions=()) -> CheckReport:
    return check_draft(corpus, draft_from_text(text, name), as_of, levels, regions)
