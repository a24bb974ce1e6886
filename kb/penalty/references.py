"""Obligation articles a penalty row refers to (违反条款): the record, and the explicit references
written in a conduct (违反本法第二十条、第二十二条规定, 违反本法第十条至第十二条规定)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.numerals import CN_NUMBER_CHARS, article_label, cn_to_int, int_to_cn

CN_NUM = CN_NUMBER_CHARS
EXPLICIT = re.compile(rf"(?:违反|有|依照)本(?:法|条例|规定|办法|细则)(?P<refs>(?:第[{CN_NUM}\d]+条(?:之[{CN_NUM}]+)?"
                      rf"(?:第[{CN_NUM}\d]+款)?(?:第[（(]?[{CN_NUM}\d]+[）)]?项)?(?:、|和|或者|，|至)?)+)")
ONE_REF = re.compile(rf"第(?P<a>[{CN_NUM}\d]+)条(?:之(?P<s>[{CN_NUM}]+))?(?:第(?P<p>[{CN_NUM}\d]+)款)?(?P<range>至)?")


@dataclass
class Reference:
    """An obligation article a row refers to, explicitly (违反本法第X条) or by matching its conduct."""

    article: int
    suffix: int = 0
    paragraph: int | None = None
    how: str = "explicit"        # explicit | matched
    score: float | None = None
    clause_id: int | None = None
    text: str = ""

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


def explicit_references(text: str) -> list[Reference]:
    """违反本法第六十九条、第七十条规定 -> [第六十九条, 第七十条]; ranges (第十条至第十二条) expanded."""
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
            found.append(Reference(article, suffix or 0, paragraph))
            previous = (article, bool(ref.group("range")))
    unique = {}
    for ref in found:
        unique.setdefault((ref.article, ref.suffix, ref.paragraph), ref)
    return list(unique.values())
