"""A facility put into use before it is built breaks the 款 requiring it with the main works (三同时; issue 17zz).

Sample 36 #7: 水法第七十一条 (建设项目的节水设施没有建成或者没有达到国家规定的要求，擅自投入使用) was unlinked: 第五十三条第一款
(…配套建设节水设施。节水设施应当与主体工程同时设计、同时施工、同时投产) shares few of its words (0.16, under the weak floor) and the
conduct names no party. The conduct's shape says which duty it breaks: a facility (…设施) not built, not up to standard or not
accepted and yet put into use (投入使用, 投入生产, 投产, 投入运行), or not designed, built and put into use with the main works,
breaks the 款 requiring that very facility (its name, as the conduct gives it) 与主体工程同时设计、同时施工、同时投产.

``simultaneous_units(conduct, texts)``: per unit, it names the conduct's facility and requires it 同时设计/同时施工/同时投…; in
``kb.penalty.stated`` it is one of the duties stated of the act (binds the offender, ranks first, the normal floor), and only
when the units found lie in one 款.
"""

from __future__ import annotations

import re

FACILITY = re.compile(r"(?P<name>[^的、，；。和或与及]{2,6}设施)")
IN_USE = re.compile(r"投入(?:生产|使用|运行)|投产|同时设计|同时施工")
SIMULTANEOUS = re.compile(r"同时(?:设计|施工|投)")


def facility(conduct: str) -> str | None:
    """The facility a conduct puts into use (节水设施 of 建设项目的节水设施没有建成…擅自投入使用), else None."""
    match = FACILITY.search(conduct)
    return match.group("name") if match and IN_USE.search(conduct, match.end()) else None


def simultaneous_units(conduct: str, texts: list[str]) -> list[bool]:
    """Per unit: it requires the conduct's facility with the main works (节水设施应当与主体工程同时设计、同时施工、同时投产)."""
    name = facility(conduct)
    return [bool(name) and name in text and bool(SIMULTANEOUS.search(text)) for text in texts]
