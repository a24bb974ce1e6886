"""A version's text as headings and articles: the TOC tree (编/章/节) and the reading order."""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.clause import LEVELS, Clause, Document
from webapp.laws.pinyin import initial, sort_key


@dataclass
class Heading:
    text: str
    depth: int
    anchor: str
    children: list["Heading"] = field(default_factory=list)
    first_article: str = ""


@dataclass
class Block:
    """Either a heading (clause None) or a clause to show."""

    heading: Heading | None = None
    clause: Clause | None = None


def blocks_and_toc(clauses: list[Clause]) -> tuple[list[Block], list[Heading]]:
    blocks: list[Block] = []
    toc: list[Heading] = []
    stack: list[Heading] = []
    previous: tuple[str, ...] = ()
    count = 0
    for clause in clauses:
        path = clause.path
        common = 0
        while common < min(len(path), len(previous)) and path[common] == previous[common]:
            common += 1
        for depth in range(common, len(path)):
            count += 1
            heading = Heading(path[depth], depth, f"h{count}", first_article=clause.article_label)
            del stack[depth:]
            (stack[-1].children if stack else toc).append(heading)
            stack.append(heading)
            blocks.append(Block(heading=heading))
        previous = path
        blocks.append(Block(clause=clause))
    return blocks, toc


def group_laws(documents: list[Document]) -> list[tuple[str, list[tuple[str, list[Document]]]]]:
    """[(level, [(initial letter, [documents in pinyin order])])], levels in the legal hierarchy.

    Titles sort by the pinyin of their short title (中医药法 under Z), as staff look them up."""
    grouped: dict[str, list[Document]] = {}
    for doc in documents:
        grouped.setdefault(doc.level, []).append(doc)
    order = {level: i for i, level in enumerate(LEVELS)}
    result = []
    for level in sorted(grouped, key=lambda lv: (order.get(lv, len(order)), lv)):
        letters: dict[str, list[Document]] = {}
        for doc in sorted(grouped[level], key=lambda d: sort_key(d.display_short_title)):
            letters.setdefault(initial(doc.display_short_title), []).append(doc)
        result.append((level, list(letters.items())))
    return result
