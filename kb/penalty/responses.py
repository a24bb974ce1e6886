"""A body's response to a conduct is no duty its doer breaks (issue 17hh).

Sample 23 #18: 公职人员政务处分法第六十二条(四) 诬告陷害公职人员 linked 第五十三条 监察机关在调查中发现公职人员受到…诬告陷害，造成不良
影响的，应当…澄清事实 — the duty of whoever finds the conduct to answer it, which the doer of the conduct does not break.

``responds(text, conduct)``: a sentence of the unit opens with a finding (…发现…的，应当/必须/可以…) of someone suffering the
conduct's own act (受到/遭受/遭到/被 …, then a four-character run of the conduct that is no party's name), so 发现公职人员受到…
诬告陷害 answers 诬告陷害公职人员. Not any finding of the act: 经营者发现其提供的商品…存在缺陷的，应当…报告 is the finder's own
duty, broken by not reporting (tried on the whole table: 36 first links changed, most for the worse).
"""

from __future__ import annotations

import re
from functools import lru_cache

FINDING = re.compile(r"发现(?P<found>[^。；]{2,60}?)的，[^。；]{0,30}?(?:应当|必须|可以|有权)")
PARTY_END = re.compile(r"(?:人员|单位|机关|部门|机构|个人|组织)$")


SUFFERED = ("受到", "遭受", "遭到", "被")
REACH = 20      # characters between the suffering word and the conduct's run


def responds(text: str, conduct: str) -> bool:
    """The unit is a body's answer to finding the conduct's own act (see the module)."""
    if "发现" not in text:
        return False
    findings = _findings(text)
    if not findings:
        return False
    runs = _runs(conduct)
    return any(run in found[start + len(word):start + len(word) + REACH + len(run)]
               for found in findings for word in SUFFERED for start in _positions(found, word) for run in runs)


@lru_cache(maxsize=1 << 16)
def _findings(text: str) -> tuple[str, ...]:
    """What each finding of the unit (发现…的，应当…) finds: its text alone."""
    return tuple(match.group("found") for match in FINDING.finditer(text))


@lru_cache(maxsize=1 << 12)
def _runs(conduct: str) -> frozenset[str]:
    """The conduct's four-character runs that are no party's name: its text alone."""
    runs = {conduct[i:i + 4] for i in range(len(conduct) - 3)}
    return frozenset(run for run in runs if not re.search(r"[，、；的]", run) and not PARTY_END.search(run)
                     and not PARTY_END.search(run[:2]) and not PARTY_END.search(run[:3]))


def _positions(text: str, word: str):
    start = text.find(word)
    while start >= 0:
        yield start
        start = text.find(word, start + 1)
