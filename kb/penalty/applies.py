"""Units that state where or to whom a law applies, or what a term means, are no duty (issue 17ee).

测绘法第二条第一款 在中华人民共和国领域…从事测绘活动，应当遵守本法 reads as a duty (应当) and matched any conduct of
测绘 (擅自发布重要地理信息数据 → 第二条第一款). A 款 whose every sentence ends in 适用本法 / 遵守本法 (nothing after: not
遵守本法关于招标人的规定, which is a duty by reference), opens with 本法适用于, or defines a term (本法所称…, …是指…) states
the law's scope, never the duty a conduct breaks: it is not a match target.
"""

from __future__ import annotations

import re

import numpy as np

from kb.clause import Clause
from kb.numerals import CN_NUMBER_CHARS

LAW = r"本(?:法|条例|规定|办法)"
# …，适用本法 / 应当遵守本法 / 依照本法执行 at a sentence's end; 本法适用于…; 本法所称…是指…
SCOPE = re.compile(rf"^违反本(?:法|条例)(?P<scope>(?:第[{CN_NUMBER_CHARS}]+(?:编|分编|章|节))+)等?规定，适用本(?:节|章)")
SCOPE_SENTENCE = re.compile(rf"(?:(?:适用|遵守){LAW}(?:的?规定)?|依照{LAW}(?:的?规定)?执行)$|^{LAW}(?:适用于|所称)|^[^，]{{0,30}}是指")


def scope_only(text: str) -> bool:
    """True for a 款 every sentence of which only states the law's scope or a term (适用本法, 应当遵守本法, 本法所称)."""
    sentences = [s.strip() for s in re.split(r"[。；]", text) if s.strip()]
    return bool(sentences) and all(SCOPE_SENTENCE.search(s) for s in sentences)


def scope_units(units: list) -> np.ndarray:
    """Which (clause, paragraph, text) match units are 款 stating only the law's scope or a term."""
    return np.array([scope_only(clause.paragraphs()[paragraph - 1].text) for clause, paragraph, _ in units], dtype=bool)


def section_scopes(clauses: list[Clause]) -> dict[tuple[str, ...], str]:
    """{section path: scope text} from each section's "违反本法…等规定，适用本节规定" article."""
    scopes = {}
    for clause in clauses:
        match = SCOPE.match(clause.text.strip())
        if match:
            scopes.setdefault(clause.path, match.group("scope"))
    return scopes
