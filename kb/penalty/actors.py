"""The party a conduct acts upon is not its actor (issue 17dd, sample 19 #13, #24).

"登记机关的上级部门的有关主管人员强令登记机关对…企业予以登记" is the superior's act; the 登记机关's own duty (个人独资企业法第十二条
登记机关应当…予以登记) is not what it breaks. "违反国家有关规定，向学校或者其他教育机构收取费用" is the act of whoever collects the
fees; the schools' duties (教育法第三十条 学校及其他教育机构应当履行下列义务) are not broken by it. ``objects_duty``: every party the
unit binds (``kb.penalty.parties.bound_subjects``; its first sentence must name one) opens what the conduct acts upon, after
向/对/强令/指使/胁迫/要求, or the party it acts with, after 与 (issue 17ee: 与招标人、投标人串通; another party listed first is skipped) —
and is not the conduct's actor (named before that word other than as a modifier: 登记机关的上级部门). Such a unit is never the row's link.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kb.penalty.acts import name_only_units  # noqa: F401  (issue 17mm: links imports it from here)
from kb.penalty.parties import bound_subjects

# the words opening what a conduct acts upon (向学校…收取, 强令登记机关…, 对…单位…): its object, up to the next comma
# (not 对象, 对外, 方向, 不符合…的要求: no object follows)
# (issue 17ee) and the party it acts with (与招标人、投标人串通: 投标人不得与招标人串通 is the partner's duty; not 参与, 给与)
OBJECT = re.compile(r"(?:(?<![方导倾意转走])向|(?<![面针相绝核])对(?![象外应照于话待比称])|强令|指使|胁迫|唆使|(?<!的)要求|"
                    r"(?<![参给赋授])与(?![其此]))"
                    r"(?P<object>[^，。；]{2,24})")


JOINER = re.compile(r"^(?:、|，|或者|以及|和|及|或|其他|有关)")
LISTED = re.compile(r"^[^、，。；或和及的]{2,8}?(?=、)")


def bound_names(text: str) -> list[set[str]]:
    """The parties each sentence of a unit binds, in order (学校及其他教育机构应当… → {学校, 其他教育机构})."""
    # (学校及其他教育机构 splits at 及其: 他教育机构 is 其他教育机构, read as 教育机构 after the joiner 其他)
    return [{name[1:] if name.startswith("他") else name for name in parties} for parties in bound_subjects(text)]


def objects_duty(conduct: str, bound: list[set[str]]) -> bool:
    """The unit's first sentence binds named parties, and every party its sentences name is one the conduct acts upon
    and not its actor (see the module); a sentence binding no one by name (…作业，应当…报告) is read as binding anyone."""
    if not bound or not bound[0]:
        return False
    names = set().union(*bound)
    acted = set()
    for thing, actor in _objects(conduct):
        acted |= {name for name in _heads(thing, names) if not _acts(name, actor)}
    return names <= acted


@lru_cache(maxsize=1 << 12)
def _objects(conduct: str) -> tuple[tuple[str, str], ...]:
    """(object, the words before it) of each word opening what the conduct acts upon: its text alone."""
    return tuple((match.group("object"), conduct[:match.start()]) for match in OBJECT.finditer(conduct))


def _heads(thing: str, names: set[str]) -> set[str]:
    """The names a conduct's object opens with (学校或者其他教育机构收取费用 → 学校, 其他教育机构)."""
    found = set()
    while thing:
        joiner = JOINER.match(thing)
        name = next((name for name in sorted(names, key=len, reverse=True) if thing.startswith(name)), None)
        if name:
            found.add(name)
            thing = thing[len(name):]
        elif joiner:
            thing = thing[joiner.end():]
        elif other := LISTED.match(thing):     # (issue 17ee) another party listed first: 与招标人、投标人串通
            thing = thing[other.end():]
        else:
            break
    return found


def _acts(name: str, actor: str) -> bool:
    """The name stands in the words before the object other than as a modifier (登记机关的上级部门 is the superior)."""
    return any(not actor.startswith("的", match.end()) for match in re.finditer(re.escape(name), actor))
