"""Old article ↔ Code article, for reading pages: from the concordance (kb.cite.concordance).

``replaced_by(corpus, clause)``: the Code article(s) that replaced an article of a statute the Code
repealed — the aligned article first, then the alternatives the alignment found almost as good.
``replaces(corpus, clause)``: the articles of repealed statutes aligned to a Code article, best
confidence first. Both are empty for every other law, without computing the concordance.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.cite import concordance
from kb.clause import Clause
from kb.numerals import parse_article_label


@dataclass(frozen=True)
class ArticleLink:
    """One article on the other side of the concordance."""

    law: str                     # full title of the other side's law
    document_id: int
    article: int
    suffix: int
    label: str                   # 第一千零六十条
    band: str                    # the concordance's confidence band (high | medium | low)
    confidence: float
    changes: tuple[str, ...]     # the concordance's change notes (empty for alternatives)
    primary: bool                # the aligned article (False: an alternative candidate)


class ConcordanceLinks:
    """Both directions of every concordance, indexed by (document id, article, suffix)."""

    def __init__(self, laws: list[concordance.LawConcordance]):
        self.forward: dict[tuple[int, int, int], list[ArticleLink]] = {}
        self.backward: dict[tuple[int, int, int], list[ArticleLink]] = {}
        self.replaced_into = {law.old_document_id: law.new_title for law in laws}   # old doc id -> Code title
        for law in laws:
            for pair in law.pairs:
                if pair.new_article is None:
                    continue
                old_key = (law.old_document_id, pair.old_article, pair.old_suffix)
                new_key = (law.new_document_id, pair.new_article, pair.new_suffix)
                links = [ArticleLink(law.new_title, law.new_document_id, pair.new_article, pair.new_suffix,
                                     pair.new_label or "", pair.band, pair.confidence, tuple(pair.changes), True)]
                for label in pair.alternatives:
                    try:
                        number, suffix = parse_article_label(label)
                    except ValueError:
                        continue
                    links.append(ArticleLink(law.new_title, law.new_document_id, number, suffix, label,
                                             pair.band, pair.confidence, (), False))
                self.forward[old_key] = links
                self.backward.setdefault(new_key, []).append(
                    ArticleLink(law.old_title, law.old_document_id, pair.old_article, pair.old_suffix,
                                pair.old_label, pair.band, pair.confidence, tuple(pair.changes), True))
        for found in self.backward.values():
            found.sort(key=lambda link: -link.confidence)

    def replaced_by(self, clause: Clause) -> list[ArticleLink]:
        return self.forward.get((clause.document.id, clause.article or 0, clause.article_suffix), [])

    def replaces(self, clause: Clause) -> list[ArticleLink]:
        return self.backward.get((clause.document.id, clause.article or 0, clause.article_suffix), [])


def _involved(clause: Clause) -> bool:
    """Could this clause's law be in a concordance at all? (repealed by a 法典, or a 法典 itself)"""
    if clause.kind != "article" or not clause.article:
        return False
    document = clause.document
    return "法典" in (document.repeal_basis or "") or document.title.endswith("法典")


def links_for(corpus) -> ConcordanceLinks:
    """Both directions of the corpus's concordances (kept by the corpus with the concordances)."""
    laws = concordance.load(corpus)
    return corpus.cached("concordance_links", lambda: (laws, ConcordanceLinks(laws)),
                         valid=lambda cached: cached[0] is laws)[1]


def code_replacing(corpus, document) -> str | None:
    """Title of the Code that replaced this version of a statute (None: not replaced by a Code)."""
    if "法典" not in (document.repeal_basis or ""):
        return None
    return links_for(corpus).replaced_into.get(document.id)


def replaced_by(corpus, clause: Clause) -> list[ArticleLink]:
    """The Code article(s) that replaced ``clause`` (aligned article first); [] if none."""
    return links_for(corpus).replaced_by(clause) if _involved(clause) else []


def replaces(corpus, clause: Clause) -> list[ArticleLink]:
    """Articles of repealed statutes aligned to the Code article ``clause``; [] if none."""
    return links_for(corpus).replaces(clause) if _involved(clause) else []
