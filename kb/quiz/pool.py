"""What one law offers for distractors: its elements by family, its enumerated 项 lists."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from kb.clause import Clause
from kb.quiz.elements import Element, extract
from kb.quiz.question import clean_item

LIST_NOUN_RE = re.compile(r"(?:下列|以下)([^，。：；的]{1,14}?)(?:之一|的|[，：；。]|$)")   # 下列条件的… -> 条件


@dataclass(frozen=True)
class ItemList:
    """An enumerated list: the 款 lead-in and its 项, in one article."""

    clause: Clause          # focused on the 款
    lead: str
    noun: str               # 情形, 行政处罚决定, 行为...
    items: tuple[str, ...]  # cleaned text of each 项


@dataclass
class LawPool:
    clauses: list[Clause]
    by_family: dict[str, Counter] = field(default_factory=dict)
    lists: list[ItemList] = field(default_factory=list)
    definitions: dict[str, tuple[Clause, str]] = field(default_factory=dict)   # term -> (clause, definition)
    sources: dict[str, Clause] = field(default_factory=dict)    # element text -> first article that uses it
    books: dict[str, set] = field(default_factory=dict)         # element text -> 编 (first heading) it occurs in
    places: dict[str, set] = field(default_factory=dict)        # element text -> (编, 章) paths it occurs in
    _joined: tuple[str, list[int]] | None = field(default=None, repr=False)
    related: dict = field(default_factory=dict, repr=False)    # 多选: list key -> lists that lend options

    @classmethod
    def build(cls, clauses: list[Clause]) -> "LawPool":
        pool = cls(clauses)
        for clause in clauses:
            for element in extract(clause.text):
                pool.by_family.setdefault(element.family, Counter())[element.text] += 1
                pool.sources.setdefault(element.text, clause)
                pool.books.setdefault(element.text, set()).add(clause.path[0] if clause.path else "")
                pool.places.setdefault(element.text, set()).add(tuple(clause.path[:2]))
                if element.kind == "term":
                    rest = clause.text[element.end:]
                    definition = re.split(r"[。\n]", rest, maxsplit=1)[0].lstrip("，")
                    for lead in ("是指", "包括", "指"):
                        if definition.startswith(lead):
                            definition = definition[len(lead):]
                            break
                    pool.definitions.setdefault(element.text, (clause, definition))
            for para in clause.paragraphs():
                if len(para.items) < 3 or not para.text.endswith(("：", ":")):
                    continue
                match = LIST_NOUN_RE.search(para.text)
                noun = match.group(1) if match else "事项"
                items = tuple(clean_item(item) for item in para.items)
                pool.lists.append(ItemList(clause.focus(para.index), para.text, noun, items))
        return pool

    def joined(self) -> tuple[str, list[int]]:
        """Every article's text in one string (articles split by a line break) and where each starts."""
        if self._joined is None:
            starts, at = [], 0
            for clause in self.clauses:
                starts.append(at)
                at += len(clause.text) + 1
            self._joined = ("\n".join(c.text for c in self.clauses), starts)
        return self._joined

    def same_family(self, element: Element) -> list[str]:
        """Texts of this law's elements of the element's family, most frequent first."""
        counter = self.by_family.get(element.family, Counter())
        return [text for text, _ in counter.most_common() if text != element.text]

    def provenance(self, text: str, own: Clause) -> str:
        """Where a wrong option's text comes from: '见于本法第X条（…）', or '' for a value the law never uses."""
        source = self.sources.get(text)
        if source is None or source.id == own.id:
            return ""
        at = source.text.find(text)
        context = source.text[max(0, at - 14): at + len(text) + 6].split("\n")[-1]
        for left, right in (("《", "》"), ("（", "）"), ("“", "”")):   # no half a title or bracket
            if context.count(left) != context.count(right):
                context = context.replace(left, "").replace(right, "")
        return f"见于本法{source.article_label}：“…{context}…”"
