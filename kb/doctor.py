"""Checks over a law's clauses: numbering gaps, duplicates, order, suspected merges."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from kb.clause import Clause
from kb.numerals import article_label


@dataclass(frozen=True)
class Finding:
    law: str
    kind: str  # gap | duplicate | out_of_order | suspected_merge | fine_unparsed | fine_amount_not_stated | fine_not_in_rows
    message: str
    articles: tuple[str, ...] = ()

    def to_record(self) -> dict:
        return {"law": self.law, "kind": self.kind, "message": self.message, "articles": list(self.articles)}


def numbering_findings(clauses: list[Clause]) -> list[Finding]:
    """Findings for one document's article clauses (those numbered 第X条)."""
    articles = [c for c in clauses if c.kind == "article" and c.article is not None
                and (c.label is None or c.label.startswith("第") or c.label == "")]
    if not articles:
        return []
    law = articles[0].law
    findings: list[Finding] = []
    seen: set[tuple[int, int]] = set()
    previous: Clause | None = None
    lengths = [len(c.text) for c in articles]
    typical = median(lengths) if lengths else 0
    out_of_order = []
    for clause in articles:
        key = (clause.article, clause.article_suffix)
        if key in seen:
            findings.append(Finding(law, "duplicate", f"{clause.article_label} appears more than once",
                                    (clause.article_label,)))
        seen.add(key)
        if previous is not None and key < (previous.article, previous.article_suffix):
            out_of_order.append(f"{clause.article_label} after {previous.article_label}")
        if previous is not None and clause.article_suffix == 0 and clause.article > previous.article + 1:
            missing = [article_label(n) for n in range(previous.article + 1, clause.article)]
            shown = "、".join(missing[:5]) + ("…" if len(missing) > 5 else "")
            findings.append(Finding(law, "gap", f"no {shown} between {previous.article_label} and {clause.article_label}",
                                    tuple(missing)))
            if len(previous.text) > 2 * typical or len(previous.paragraphs()) >= 3:
                findings.append(Finding(
                    law, "suspected_merge",
                    f"{previous.article_label} ({len(previous.text)} chars, {len(previous.paragraphs())} 款) "
                    f"may hold the text of {shown}; import an official text of this version "
                    "with `lawkb ingest --replace FILE` (the current text is kept)",
                    (previous.article_label,)))
        previous = clause
    if articles[0].article not in (None, 1) and articles[0].article_suffix == 0:
        findings.insert(0, Finding(law, "gap", f"numbering starts at {articles[0].article_label}",
                                   (articles[0].article_label,)))
    if out_of_order:
        findings.append(Finding(law, "out_of_order", "articles out of order: " + "; ".join(out_of_order[:10]),
                                tuple(out_of_order)))
    return findings
