"""The conduct a penalty row is matched by, and the articles it may be matched to (split from ``kb.penalty.links``).

A row's query is its conduct (an item's with its 款's subject) without the conditions of its sanction; its opening is the
款's words up to the end of that conduct; a chapter it names (违反本法第六章的规定) limits the match to that chapter; an
obligation article is one that is not a sanction clause, not in a 法律责任 chapter and not a definition.
"""

from __future__ import annotations

import re

from kb.clause import Clause
from kb.numerals import CN_NUMBER_CHARS
from kb.penalty.permits import qualification_words
from kb.penalty.rows import PenaltyRow

LIABILITY_PATH = re.compile(r"法律责任|罚则")
CHAPTER_REF = re.compile(rf"本(?:法|条例)(?P<parts>(?:第[{CN_NUMBER_CHARS}]+(?:编|分编|章|节))+)(?:的|有关)?规定")
CONDUCT_NOISE = re.compile(r"违反本(?:法|条例|规定|办法)(?:有关)?规定|违反国家(?:有关)?规定|依法|按照规定|依照本法规定|有关|"
                           r"之一|下列(?:行为|情形)|的$")
CONDITION_NOISE = re.compile(r"，?被责令(?:改正|停止违法行为)(?:后)?拒不(?:改正|执行)|，?(?:尚不)?构成犯罪|，?造成严重后果")
# (issue 17uu) a breach of "the laws" in general (违反法律、法规规定; 违反道路交通安全法律、法规) names no duty's words: its words
# matched every clause citing laws (劳动法第八十九条 规章制度违反法律、法规规定 → 第四十条's 法律、法规规定的其他休假节日)
LAWS_NOISE = re.compile(r"违反(?:有关)?(?:[^，；。、]{2,10}?)?法律、(?:行政)?法规(?!的其他)(?:的)?(?:有关)?(?:规定)?")
DEFINITION = re.compile(r"^[^。]{0,30}(?:所称|是指)")


def is_obligation(clause: Clause, sanction_ids: set[int]) -> bool:
    """An article that may impose the duty a conduct breaks: not a sanction clause, not in a 法律责任
    chapter, not a definition (本法所称噪声污染，是指…)."""
    if clause.id in sanction_ids or clause.kind != "article" or DEFINITION.match(clause.text):
        return False
    return not any(LIABILITY_PATH.search(part) for part in clause.path)


def _query(row: PenaltyRow, official: bool = False) -> str:
    """The conduct (an item's with its 款's subject, except an official one: the names of the bodies
    in charge match every clause about them) without the conditions of its sanction."""
    lead = row.lead.split("下列")[0] if row.lead and not official else ""
    text = f"{lead}{row.conduct}" if row.item else row.conduct
    text = f"{text} {qualification_words(row.conduct)}".strip()     # (issue 17t) 非医师行医: 医师执业证书
    return CONDUCT_NOISE.sub("", LAWS_NOISE.sub("", CONDITION_NOISE.sub("", text)))


def _opening(row: PenaltyRow) -> str:
    """The words of the 款 up to the end of the row's conduct (违反本法第二章规定，未建立台账)."""
    if row.item:
        return f"{row.lead.split('下列')[0]}{row.conduct}"
    text = row.clause.paragraphs()[row.paragraph - 1].text
    end = text.find(row.conduct)
    return text[:end + len(row.conduct)] if end >= 0 else row.conduct


def _chapter_filter(row: PenaltyRow, obligations: list[Clause]) -> set[int] | None:
    """Ids of the obligation articles in the chapter the conduct names (违反本法第六章的规定)."""
    match = CHAPTER_REF.search(_opening(row))
    if not match:
        return None
    parts = re.findall(rf"第[{CN_NUMBER_CHARS}]+(?:编|分编|章|节)", match.group("parts"))
    inside = {c.id for c in obligations if all(any(p.startswith(part) for p in c.path) for part in parts)}
    return inside or None
