"""An article a conduct names only as the source of a term is not the duty it breaks (issue 17dd, sample 19 #9).

"违反本法第X条规定" names the duty broken; "出售、运输本法第六十六条规定的受影响的相关区域中…污染的物品" names 第六十六条 only
for what "受影响的相关区域" means — there the government's power to quarantine a region (…可以实施卫生检疫). Such a reference
(``term_only``): written as 本法第X条规定的<noun>, not after a word of breach or compliance (违反, 不履行, 不符合, 未按照, 有,
依照…), not a bound (本法第X条规定以外的活动: the article is the rule), and to an article stating no duty at all
(``kb.penalty.duties.states_duty``: a power, a list of permitted business), or named in a relative clause whatever it states
(依照本法第三十条第二款规定实施住院治疗的患者, issue 17ee). The row is then matched like one naming no
article (传染病防治法第七十二条 …消毒处理后，方可…出售和运输).
"""

from __future__ import annotations

import re

from kb.penalty.duties import states_duty
from kb.penalty.references import EXPLICIT, ONE_REF, number_of

# a word of breach or compliance before the reference: then it names the duty (违反本法第X条规定, 不履行本法第X条规定的义务)
BREACH = re.compile(r"(?:违反|履行|符合|按照|依照|遵守|执行|落实|采取|有|适用|属于|违背|对)$")
TERM = re.compile(r"^(?:规定|所列|所称)的(?!义务|要求|职责|情形|行为|违法|条件|标准|程序|期限|措施|规定)")


def term_articles(conduct: str) -> set[tuple[int, int]]:
    """(article, suffix) a conduct names in the shape 本法第X条规定的<noun> (see the module), before their text is read."""
    found = set()
    for match in EXPLICIT.finditer(conduct):
        if BREACH.search(conduct[max(0, match.start() - 4):match.start()]) or not TERM.match(conduct[match.end():]):
            continue
        for ref in ONE_REF.finditer(match.group("refs")):
            article = number_of(ref.group("a"))
            if article is not None:
                found.add((article, number_of(ref.group("s")) if ref.group("s") else 0))
    return found


# (issue 17ee) a relative clause: 对依照本法第三十条第二款规定实施住院治疗的患者未及时进行检查评估 — the article says who the
# 患者 are (its duty, 应当对其实施住院治疗, is not what the conduct breaks); not 未依照…规定 (a breach), not 依照…规定对… (an act)
SOURCE = re.compile(r"(?<![未不])(?:依照|按照|依据|根据)$")
RELATIVE = re.compile(r"^规定(?!对)[^，；。的]{2,15}的[^，；。]")


def source_articles(conduct: str) -> set[tuple[int, int]]:
    """(article, suffix) a conduct names in a relative clause (依照本法第X条规定<verb>的<noun>), whatever their text."""
    found = set()
    for match in EXPLICIT.finditer(conduct):
        if SOURCE.search(conduct[max(0, match.start() - 4):match.start()]) and RELATIVE.match(conduct[match.end():]):
            found |= {(number_of(ref.group("a")), number_of(ref.group("s")) if ref.group("s") else 0)
                      for ref in ONE_REF.finditer(match.group("refs")) if number_of(ref.group("a")) is not None}
    return found


def term_only(conduct: str, article: int, suffix: int, text: str) -> bool:
    """The conduct names the article (its ``text``) only as the source of a term: stating no duty, or in a relative clause."""
    key = (article, suffix or 0)
    return (key in term_articles(conduct) and not states_duty(text)) or key in source_articles(conduct)
