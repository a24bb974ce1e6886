"""Citation builder: selected clauses → the standard citation string and a ready sentence.

Refs of the same law are merged in the order first selected:
《中华人民共和国行政处罚法》第三十三条第二款、第三十四条; several 款 of one article share the
article (第三十三条第一款、第二款); several laws are joined with 、 (the last with 和).
Duplicates are dropped; a whole article absorbs its own 款/项.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.clause import Clause, Hit
from kb.errors import NotFoundError, QueryError
from kb.numerals import int_to_cn


@dataclass(frozen=True)
class Selection:
    clause_id: int
    paragraph: int | None = None
    item: int | None = None


@dataclass
class BuiltCitation:
    citation: str
    sentence: str
    clauses: list[Clause]

    def to_record(self) -> dict:
        return {"citation": self.citation, "sentence": self.sentence,
                "clauses": [Hit(c, 1.0, "builder").to_record() for c in self.clauses]}


def parse_selection(value) -> Selection:
    """A selection from '123', '123:2', '123:2:1', [123, 2, 1] or {"clause_id":…, "paragraph":…, "item":…}."""
    try:
        if isinstance(value, dict):
            parts = [value.get("clause_id"), value.get("paragraph"), value.get("item")]
        elif isinstance(value, (list, tuple)):
            parts = list(value) + [None] * (3 - len(value))
        else:
            parts = [p or None for p in str(value).split(":")] + [None, None]
        clause_id, paragraph, item = (int(p) if p not in (None, "") else None for p in parts[:3])
    except (TypeError, ValueError):
        raise QueryError(f"not a clause selection: {value!r} (use CLAUSE_ID[:PARAGRAPH[:ITEM]])",
                         zh=f"“{value}”不是有效的条文选择") from None
    if clause_id is None:
        raise QueryError(f"not a clause selection: {value!r} (no clause id)", zh=f"“{value}”不是有效的条文选择")
    return Selection(clause_id, paragraph, item)


def _focused(store, selection: Selection) -> Clause:
    clause = store.clause(selection.clause_id)
    if clause.kind != "article" or clause.article is None:
        raise QueryError(f"clause {selection.clause_id} is not an article ({clause.label or clause.kind})",
                         zh=f"所选内容（{clause.label or clause.kind}）不是条文")
    paragraphs = clause.paragraphs()
    if selection.paragraph is not None:
        if not 1 <= selection.paragraph <= len(paragraphs):
            raise NotFoundError(f"{clause.citation()} has {len(paragraphs)} 款, not 第{int_to_cn(selection.paragraph)}款",
                                zh=f"{clause.citation()}只有{len(paragraphs)}款，没有第{int_to_cn(selection.paragraph)}款")
        items = paragraphs[selection.paragraph - 1].items
        if selection.item is not None and not 1 <= selection.item <= len(items):
            raise NotFoundError(
                f"{clause.citation()}第{int_to_cn(selection.paragraph)}款 has no 第（{int_to_cn(selection.item)}）项",
                zh=f"{clause.citation()}第{int_to_cn(selection.paragraph)}款没有第（{int_to_cn(selection.item)}）项")
    elif selection.item is not None:
        raise QueryError("give the 款 (paragraph) of an 项 (item)", zh="选择项时请同时指明所在的款")
    return clause.focus(selection.paragraph, selection.item)


def _article_part(clause: Clause, parts: list[tuple[int | None, int | None]]) -> str:
    """第三十三条第一款第（一）项、第二款 for the 款/项 selected of one article."""
    if (None, None) in parts:
        return clause.article_label
    pieces, last_paragraph = [], object()
    for paragraph, item in parts:
        piece = ""
        if paragraph != last_paragraph:
            piece += f"第{int_to_cn(paragraph)}款"
        if item is not None:
            piece += f"第（{int_to_cn(item)}）项"
        pieces.append(piece)
        last_paragraph = paragraph
    return clause.article_label + "、".join(pieces)


def build(store, selections: list[Selection], short: bool = False) -> BuiltCitation:
    """The merged citation and the sentence 依据《…》第…条第…款的规定."""
    if not selections:
        raise QueryError("select at least one clause", zh="请至少选择一个条文")
    laws: dict[str, dict[tuple[int, int], tuple[Clause, list]]] = {}
    clauses = []
    for selection in selections:
        clause = _focused(store, selection)
        key = (clause.article, clause.article_suffix)
        articles = laws.setdefault(clause.law, {})
        entry = articles.setdefault(key, (clause, []))
        part = (clause.paragraph, clause.item)
        if part not in entry[1]:
            entry[1].append(part)
            clauses.append(clause)
    pieces = []
    for title, articles in laws.items():
        first = next(iter(articles.values()))[0]
        name = first.document.display_short_title if short else title
        parts = "、".join(_article_part(clause, parts) for clause, parts in articles.values())
        pieces.append(f"《{name}》{parts}")
    citation = pieces[0] if len(pieces) == 1 else "、".join(pieces[:-1]) + "和" + pieces[-1]
    return BuiltCitation(citation, f"依据{citation}的规定", clauses)
