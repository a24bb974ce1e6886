"""The 不予处罚 / 从轻 / 减轻 (and 从重) rules that may apply to a penalty row, as a checklist.

Read from the statute text on the day asked, never written here: the 行政处罚法's articles on the
application of penalties (its 适用 chapter: 第三十条至第三十三条 …) and the rules of the row's own
law in its 法律责任 chapters (生态环境法典第一千零五十六条). Each sentence (or 项 of a "有下列情形之一"
list) whose consequence is 不予处罚, 可以不予处罚, 从轻或者减轻 or 从重 becomes one item: the
condition to check, the effect and the citation.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from kb.clause import ITEM_MARK, Clause

GENERAL_LAW = "中华人民共和国行政处罚法"
GENERAL_CHAPTER = re.compile(r"适用")
# (issue 17hi) 公职人员政务处分法's 第二章 政务处分的种类和适用 holds its 从轻/减轻/从重 circumstances (第十一条、第十三条)
OWN_CHAPTER = re.compile(r"法律责任|罚则|适用")
EFFECTS = [  # (label, pattern on the consequence), most specific first
    ("可以不予处罚", re.compile(r"可以不予(?:行政)?处罚")),
    ("不予处罚", re.compile(r"(?:不予|免予)(?:或者(?:不予|免予))?(?:行政|政务)?(?:处罚|处分)")),
    ("应当从轻或者减轻", re.compile(r"应当从轻或者减轻")),
    ("可以从轻或者减轻", re.compile(r"可以从轻或者减轻")),
    ("从轻或者减轻", re.compile(r"从轻或者减轻|从轻、减轻|减轻(?:行政)?处罚|从轻(?:行政)?处罚")),
    ("从重", re.compile(r"从重(?:给予)?(?:行政|政务)?(?:处罚|处分)")),
]


@dataclass(frozen=True)
class LeniencyItem:
    effect: str
    condition: str
    citation: str
    clause_id: int | None
    source: str = "statute"          # statute | bureau (an entry of the bureau's 免罚清单)

    def to_record(self) -> dict:
        return asdict(self)


def _effect(consequence: str) -> str | None:
    for label, pattern in EFFECTS:
        if pattern.search(consequence):
            return label
    return None


def items_of(clause: Clause) -> list[LeniencyItem]:
    """Checklist items of one article."""
    found = []
    for para in clause.paragraphs():
        citation = clause.focus(para.index if len(clause.paragraphs()) > 1 else None).citation(short=True)
        if para.items:
            effect = _effect(para.text)
            if effect:
                for number, item in enumerate(para.items, 1):
                    condition = ITEM_MARK.sub("", item).rstrip("；;。")
                    found.append(LeniencyItem(effect, condition, clause.focus(para.index, number).citation(short=True),
                                              clause.id))
                continue
        for sentence in re.split(r"(?<=[。；])", para.text):
            sentence = sentence.strip().rstrip("。；")
            cut = sentence.rfind("的，")
            if cut < 0:
                continue
            effect = _effect(sentence[cut + 2:])
            if effect:
                found.append(LeniencyItem(effect, sentence[:cut + 1].strip("，"), citation, clause.id))
    return found


def _articles(store, title: str, day: str | None, chapter: re.Pattern) -> list[Clause]:
    document = store.version_on(title, day)
    if document is None:
        return []
    return [c for c in store.clauses(document.id, kinds=("article",)) if any(chapter.search(p) for p in c.path)]


def checklist(store, law_title: str, day: str | None = None) -> list[LeniencyItem]:
    """The rules of the row's law (its 法律责任 chapters), then those of the 行政处罚法 (适用 chapter)."""
    items: list[LeniencyItem] = []
    sources = [(law_title, OWN_CHAPTER)] if law_title != GENERAL_LAW else []
    sources.append((GENERAL_LAW, GENERAL_CHAPTER))
    for title, chapter in sources:
        for clause in _articles(store, title, day, chapter):
            items.extend(items_of(clause))
    return items
