"""A non-conformity (X不符合Y) breaks the 款 requiring X to conform to Y (应当符合Y; issue 17yy).

Sample 35 #36: 畜牧法第八十四条 使用的种畜禽不符合种用标准 linked 第三十一条, the seller's bans (…（三）以不符合种用标准的畜禽
冒充种畜禽), which share more words, not 第三十条第一款 (销售的种畜禽、家畜配种站（点）使用的种公畜，应当符合种用标准), the
requirement the conduct fails.

``standard(conduct)``: the standard a conduct's thing fails (种用标准), when the conduct ends with 不符合 + it (four characters or
more, not the law's own words: 不符合本法规定, 不符合规定 are no standard of their own), else None. ``conforming_units(conduct,
texts)``: per unit, it requires conformity to that very standard (应当/必须符合种用标准), and names the conduct's act on the thing
(使用, 销售, 生产… before 的 in the conduct) in the same sentence. In ``kb.penalty.links`` such a unit ranks first when it clears
the floor, as the 款 stating an owed act does (``kb.penalty.omission.owed_units``).
"""

from __future__ import annotations

import re

# the two characters before 的 (使用的种畜禽) name the act on the thing; the standard follows 不符合 to the end
NONCONFORMITY = re.compile(r"(?P<act>[\u4e00-\u9fff]{2})的[^，；。]{1,20}?不符合(?P<standard>[^，；。]{4,20})$")
OWN_WORDS = re.compile(r"^(?:本法|本条例|规定|法律|国家规定|有关规定|条件|要求)")


def standard(conduct: str) -> tuple[str, str] | None:
    """(the act on the thing, the standard) of a conduct ending with …X的…不符合Y, else None."""
    match = NONCONFORMITY.search(conduct)
    if not match or OWN_WORDS.match(match.group("standard")):
        return None
    return match.group("act"), re.sub(r"的?(?:要求|规定)$", "", match.group("standard"))


def conforming_units(conduct: str, texts: list[str]) -> list[bool]:
    """Per unit: one sentence of it names the conduct's act and requires conformity to the conduct's standard."""
    found = standard(conduct)
    if not found:
        return [False] * len(texts)
    act, norm = found
    required = re.compile(rf"{re.escape(act)}[^。；]{{0,40}}?(?:应当|必须)符合{re.escape(norm)}")
    return [bool(required.search(text)) for text in texts]
