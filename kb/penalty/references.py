"""Obligation articles a penalty row refers to (违反条款): the record, and the explicit references
written in a conduct (违反本法第二十条、第二十二条规定, 违反本法第十条至第十二条规定)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.numerals import CN_NUMBER_CHARS, article_label, cn_to_int, int_to_cn

CN_NUM = CN_NUMBER_CHARS
N = rf"[{CN_NUM}\d]+"
# 本法第二十条、第二十二条第一款, 本法第四十八条第一项、第二项: wherever the conduct names them
# (违反本法…规定, 不履行本法…规定的义务, 有本法…违法行为之一, 不符合本法…规定)
EXPLICIT = re.compile(rf"本(?:法|条例|规定|办法|细则)(?P<refs>(?:第{N}条(?:之[{CN_NUM}]+)?(?:第{N}款)?"
                      rf"(?:第[（(]?{N}[）)]?项(?:、|和|或者|至)?)*(?:、|和|或者|，|至)?)+)")
ONE_REF = re.compile(rf"第(?P<a>{N})条(?:之(?P<s>[{CN_NUM}]+))?(?:第(?P<p>{N})款)?(?P<items>(?:第[（(]?{N}[）)]?项(?:、|和|或者|至)?)*)"
                     rf"(?P<range>至)?")
ITEM = re.compile(rf"第[（(]?({N})[）)]?项(至)?")
PARAGRAPH = re.compile(rf"第({N})款(至)?")


@dataclass
class Reference:
    """An obligation article a row refers to, explicitly (违反本法第X条) or by matching its conduct."""

    article: int
    suffix: int = 0
    paragraph: int | None = None
    how: str = "explicit"        # explicit | matched (| inherited: from the rows of the 款 or article it names)
    score: float | None = None
    clause_id: int | None = None
    text: str = ""
    items: tuple[int, ...] = ()   # 项 named with an article (本法第四十八条第一项、第二项), internal

    @property
    def label(self) -> str:
        label = article_label(self.article, self.suffix)
        return label + (f"第{int_to_cn(self.paragraph)}款" if self.paragraph else "")

    def to_record(self) -> dict:
        """The reference without the obligation's text (the page and exports read it from the store)."""
        return {"article": self.article, "suffix": self.suffix, "paragraph": self.paragraph, "label": self.label,
                "how": self.how, "score": None if self.score is None else round(self.score, 3),
                "clause_id": self.clause_id}


def number_of(text: str) -> int | None:
    """A Chinese or Arabic numeral's value, None when it is not one."""
    try:
        return cn_to_int(text)
    except ValueError:
        return None


def numbered(text: str, pattern: re.Pattern = ITEM) -> list[int]:
    """第一项、第三项至第五项 -> [1, 3, 4, 5] (also 款 with another pattern)."""
    numbers: list[int] = []
    previous = None
    for match in pattern.finditer(text):
        value = number_of(match.group(1))
        if value is None:
            continue
        if previous and previous[1]:
            numbers.extend(range(previous[0] + 1, value))
        numbers.append(value)
        previous = (value, bool(match.group(2)))
    return numbers


def explicit_references(text: str) -> list[Reference]:
    """违反本法第六十九条、第七十条规定 -> [第六十九条, 第七十条]; ranges (第十条至第十二条) expanded;
    the 项 named after an article are kept (有本法第四十八条第一项、第二项违法行为之一)."""
    found: list[Reference] = []
    for match in EXPLICIT.finditer(text):
        previous = None
        for ref in ONE_REF.finditer(match.group("refs")):
            article = number_of(ref.group("a"))
            if article is None:
                continue
            suffix = number_of(ref.group("s")) if ref.group("s") else 0
            paragraph = number_of(ref.group("p")) if ref.group("p") else None
            if previous is not None and previous[1] and article > previous[0]:
                found.extend(Reference(n) for n in range(previous[0] + 1, article) if n - previous[0] < 30)
            found.append(Reference(article, suffix or 0, paragraph, items=tuple(numbered(ref.group("items")))))
            previous = (article, bool(ref.group("range")))
    unique = {}
    for ref in found:
        unique.setdefault((ref.article, ref.suffix, ref.paragraph), ref)
    return list(unique.values())
